/** runNotebook with a fake session: how each cell's outcome reaches the cell results and the run. */
import { runNotebook } from "../../grader/execute/run-notebook";
import type { ExecuteResult, KernelSession } from "../../grader/kernel/session";
import { notebookOf } from "../helpers/notebooks";

/** A session whose cells end as `outcomes` says, one per execute, in order. */
function fakeSession(outcomes: Partial<ExecuteResult>[]): KernelSession & { executed: string[] } {
  const executed: string[] = [];
  return {
    backend: "local",
    executed,
    death: undefined,
    async execute(code) {
      executed.push(code);
      const outcome = outcomes[executed.length - 1] ?? {};
      return {
        status: "ok",
        outputs: [],
        executionCount: executed.length,
        msgId: `m${executed.length}`,
        durationMs: 1,
        limits: [],
        ...outcome,
      };
    },
    async interrupt() {},
    async isAlive() {
      return true;
    },
    async shutdown() {},
  };
}

const lateIdle: Partial<ExecuteResult> = {
  status: "ok",
  outputs: [{ output_type: "stream", name: "stdout", text: "partial\n" }],
  limits: [{ limit: "iopub-timeout", detail: "no iopub idle within 4000 ms" }],
};

test("an iopub timeout is reported as the run's limit; the cell keeps its reply's status and the run goes on", async () => {
  const session = fakeSession([{}, lateIdle, {}]);
  const run = await runNotebook(notebookOf("a", "b", "c"), { session });
  expect(run.cells.map((c) => c.status)).toEqual(["ok", "ok", "ok"]);
  expect(run.status).toBe("ok");
  expect(run.limits).toEqual([{ limit: "iopub-timeout", detail: "no iopub idle within 4000 ms" }]);
  expect(run.notebook.cells[1]).toMatchObject({ outputs: [{ text: "partial\n" }], execution_count: 2 });
  expect(session.executed).toEqual(["a", "b", "c"]);
});

test("a dead kernel's cell gets a kernel-death or memory limit and ends the run", async () => {
  const session = fakeSession([
    { status: "dead", death: "memory limit: the kernel ran out of its 256 MiB heap" },
  ]);
  const run = await runNotebook(notebookOf("a", "b"), { session, allowErrors: true });
  expect(run.cells.map((c) => c.status)).toEqual(["dead", "skipped"]);
  expect(run.death).toBe("memory limit: the kernel ran out of its 256 MiB heap");
  expect(run.limits.map((l) => l.limit)).toEqual(["memory"]);
});
