/**
 * The one way the kernel layer waits for something with a time limit.
 *
 * ```ts
 * const answer = await raceTimeout(kernel.info, 5_000);
 * if (answer === "late") throw new Error("no answer within 5 s");
 * ```
 */

/**
 * Resolves with the promise's value, or "late" if it has not settled after `ms` (a rejection
 * passes through). The timer is cleared either way, so nothing keeps the process alive.
 * `Infinity` waits as long as it takes; a negative `ms` counts as 0.
 */
export async function raceTimeout<T>(promise: Promise<T>, ms: number): Promise<T | "late"> {
  if (ms === Infinity) return promise;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), Math.max(0, ms))));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
