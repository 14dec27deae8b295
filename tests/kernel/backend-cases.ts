/** What both backends must do alike, asserted the same way by local-kernel.test.ts and server-kernel.test.ts. */
import type { ExecuteResult, KernelSession } from "../../grader/kernel/session";

/** A cell that does not type-check fails with the compiler's text on stderr, as tslab prints it. */
export async function expectTypeError(kernel: KernelSession): Promise<void> {
  const result = await kernel.execute('const wrong: number = "text";');
  expect(result.status).toBe("error");
  expect(result.outputs).toEqual([
    {
      output_type: "stream",
      name: "stderr",
      text: "1:7 - Type 'string' is not assignable to type 'number'.\n",
    },
  ]);
}

/**
 * Runs `code` straight after a failed cell and expects it to run: tslab answers "abort" inside its
 * window after an error, and the request policy must resend, not lose the cell.
 */
export async function expectRunsRightAfterAnError(
  kernel: KernelSession,
  code: string,
  stdout: string,
): Promise<void> {
  const next = await kernel.execute(code);
  expect(next.status).toBe("ok");
  expect(next.outputs).toEqual([{ output_type: "stream", name: "stdout", text: stdout }]);
}

/** `while (true) {}` is interrupted by the cell timeout; the kernel lives on and runs the next cell. */
export async function expectLoopInterrupted(
  kernel: KernelSession,
  timeoutMs: number,
): Promise<ExecuteResult> {
  const looped = await kernel.execute("while (true) {}", { timeoutMs });
  expect(looped.status).toBe("timeout");
  expect(looped.limits).toEqual([
    { limit: "cell-timeout", detail: `cell still running after ${timeoutMs} ms; interrupted` },
  ]);
  expect(kernel.death).toBeUndefined();
  const next = await kernel.execute("console.log(6 * 7)");
  expect(next.status).toBe("ok");
  expect(next.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "42\n" }]);
  expect(await kernel.isAlive()).toBe(true);
  return looped;
}
