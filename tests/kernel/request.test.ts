/** The execute policy without a kernel: abort resends, the cell timeout, the iopub timeout, death, the cap. */
import type { PendingExecute } from "../../grader/kernel/backend";
import { ABORT_WINDOW_MS, executeWithLimits, isIopubTimeout } from "../../grader/kernel/request";
import { FakeChannel } from "./fake-channel";
import { status, stdout } from "./fake-messages";

/** The kernel's whole answer to a request: an output, the reply, then idle. */
function finish(request: PendingExecute, replyStatus: "ok" | "error" | "abort", text = "out\n"): void {
  request.iopub(status("busy", request.msgId));
  if (replyStatus !== "abort") request.iopub(stdout(text, request.msgId));
  request.replied({ status: replyStatus, execution_count: 7 });
  request.iopub(status("idle", request.msgId));
}

test("a cell that runs gives ok with its outputs and execution count", async () => {
  const channel = new FakeChannel((request) => finish(request, "ok"));
  const result = await executeWithLimits(channel, "code");
  expect(result).toMatchObject({
    status: "ok",
    executionCount: 7,
    msgId: "request-1",
    limits: [],
    death: undefined,
  });
  expect(result.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "out\n" }]);
  expect(channel.forgotten).toEqual(["request-1"]);
});

test("an abort (tslab's window after an error) is resent once the window is over; the last request counts", async () => {
  const channel = new FakeChannel((request, attempt) => finish(request, attempt < 3 ? "abort" : "ok"));
  const started = Date.now();
  const result = await executeWithLimits(channel, "code");
  expect(result.status).toBe("ok");
  expect(result.msgId).toBe("request-3");
  expect(channel.sent).toHaveLength(3);
  expect(channel.forgotten).toEqual(["request-1", "request-2", "request-3"]);
  expect(Date.now() - started).toBeGreaterThanOrEqual(2 * ABORT_WINDOW_MS - 5);
});

test("a kernel that keeps answering abort is given up on after five resends, as an error", async () => {
  const channel = new FakeChannel((request) => finish(request, "abort"));
  const result = await executeWithLimits(channel, "code");
  expect(result.status).toBe("error");
  expect(channel.sent).toHaveLength(6);
});

test("a reply without an idle in time is an iopub timeout, not a success", async () => {
  const channel = new FakeChannel((request) => {
    request.iopub(stdout("partial\n", request.msgId));
    request.replied({ status: "ok", execution_count: 2 });
  });
  const result = await executeWithLimits(channel, "code", { iopubTimeoutMs: 20 });
  expect(result.status).toBe("ok"); // the reply's status, as nbclient keeps it; the limit says the rest
  expect(result.executionCount).toBe(2);
  expect(result.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "partial\n" }]);
  expect(result.limits).toEqual([
    { limit: "iopub-timeout", detail: expect.stringMatching(/no iopub idle\) within 20 ms/) },
  ]);
  // Grading reports it as a cell timeout (the result schema has no iopub timeout) and still knows it.
  const [hit] = result.limits;
  expect(isIopubTimeout(hit)).toBe(true);
  expect(isIopubTimeout({ ...hit, limit: "cell-timeout" })).toBe(true);
  expect(
    isIopubTimeout({ limit: "cell-timeout", detail: "cell still running after 100 ms; interrupted" }),
  ).toBe(false);
});

test("the cell timeout interrupts; a kernel that answers the interrupt gives timeout", async () => {
  const channel = new FakeChannel(() => {}); // runs forever
  channel.onInterrupt = (request) => finish(request, "error", "Error: interrupted\n");
  const result = await executeWithLimits(channel, "while (true) {}", { timeoutMs: 30 });
  expect(channel.interrupts).toBe(1);
  expect(result.status).toBe("timeout");
  expect(result.limits).toEqual([
    { limit: "cell-timeout", detail: "cell still running after 30 ms; interrupted" },
  ]);
  expect(result.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "Error: interrupted\n" }]);
  expect(channel.death).toBeUndefined();
});

test("a kernel that ignores the interrupt is killed after the grace period", async () => {
  const channel = new FakeChannel(() => {});
  const result = await executeWithLimits(channel, "stuck", { timeoutMs: 20, interruptGraceMs: 20 });
  expect(result.status).toBe("dead");
  expect(result.death).toBe("killed: the cell did not stop within 20 ms of an interrupt");
  expect(result.limits.map((l) => l.limit)).toEqual(["cell-timeout"]);
});

test("death while running is reported with its reason; a dead kernel gets nothing sent", async () => {
  const channel: FakeChannel = new FakeChannel(() =>
    setImmediate(() => channel.die("the kernel exited with code 1")),
  );
  const result = await executeWithLimits(channel, "process.exit(1)");
  expect(result).toMatchObject({ status: "dead", death: "the kernel exited with code 1", outputs: [] });
  const after = await executeWithLimits(channel, "more");
  expect(after).toMatchObject({ status: "dead", msgId: "", death: "the kernel exited with code 1" });
  expect(channel.sent).toHaveLength(1);
});

test("output past the cap is reported as a limit", async () => {
  const channel = new FakeChannel((request) => finish(request, "ok", "x".repeat(100)));
  const result = await executeWithLimits(channel, "flood", { outputCapBytes: 10 });
  expect(result.status).toBe("ok");
  expect(result.limits).toEqual([{ limit: "output-cap", detail: "output over 10 bytes; 90 bytes dropped" }]);
});
