/**
 * Work through a list `jobs` items at a time, in order of starting: the worker loop that
 * `academy run`, `academy grade` and `academy validate` share.
 *
 * ```ts
 * const results = await mapAtMost(files, 2, (file) => runFile(file));
 * ```
 */
export async function mapAtMost<T, R>(
  items: readonly T[],
  jobs: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i], i);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}
