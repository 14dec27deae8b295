/**
 * runNotebook on real notebooks and real tslab kernels: outputs written back, errors, skipped
 * cells, timeouts, and the same outputs as nbclient (`jupyter execute` from .venv), cell by cell.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runNotebook, type CellRun } from "../../grader/execute/run-notebook";
import { validateNotebook, type Notebook } from "../../grader/notebook/nbformat";
import { startLocalKernel } from "../../grader/kernel/zmq/local";
import { descendants } from "../helpers/processes";
import { fixture, venvBin } from "../helpers/repo";
import { notebookOf } from "../helpers/notebooks";
import { comparableOutputs } from "./normalize";

const cwd = fixture("notebooks");
const load = (name: string) => JSON.parse(readFileSync(fixture("notebooks", name), "utf8")) as Notebook;

afterEach(() => {
  // Every kernel runNotebook started was shut down: no child process of ours is left.
  expect(descendants(process.pid).filter((pid) => !isPs(pid))).toEqual([]);
});

function isPs(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "ps";
  } catch {
    return true;
  }
}

test("outputs and execution counts are written into a copy of the notebook, which validates", async () => {
  const input = load("output-order.ipynb");
  const seen: CellRun[] = [];
  const run = await runNotebook(input, { cwd, onCell: (cell) => seen.push(cell) });
  expect(run.status).toBe("ok");
  expect(run.cells.map((c) => [c.index, c.status])).toEqual([
    [1, "ok"],
    [2, "ok"],
    [3, "ok"],
    [4, "skipped"],
    [5, "ok"],
    [6, "ok"],
  ]);
  expect(seen).toEqual(run.cells);
  expect(input.cells.every((c) => c.cell_type !== "code" || c.outputs.length === 0)).toBe(true); // input untouched
  const cells = run.notebook.cells;
  expect(cells[1]).toMatchObject({
    execution_count: 1,
    outputs: [
      { name: "stdout", text: "one\n" },
      { name: "stderr", text: "two\n" },
      { name: "stdout", text: "three\n" },
    ],
  });
  expect(cells[2]).toMatchObject({
    outputs: [
      { text: "before\n" },
      { output_type: "display_data", data: { "text/html": "<b>bold</b>" } },
      { text: "after\n" },
    ],
  });
  expect(cells[3]).toMatchObject({
    execution_count: 3,
    outputs: [{ output_type: "stream", name: "stdout", text: "42\n" }],
  });
  expect(cells[4]).toMatchObject({ execution_count: null, outputs: [] });
  expect(cells[6]).toMatchObject({ outputs: [{ text: "awaited\n" }] });
  expect(run.cells[0].msgId).toMatch(/^[0-9a-f-]{36}$/);
  expect(validateNotebook(run.notebook)).toEqual({ valid: true, errors: [] });
});

test("with allowErrors, errors are reported with their stderr and later cells still run", async () => {
  const run = await runNotebook(load("errors.ipynb"), { cwd, allowErrors: true });
  expect(run.status).toBe("error");
  expect(run.cells.map((c) => c.status)).toEqual(["ok", "error", "error", "ok"]);
  expect(run.cells[1].stderr).toBe("1:7 - Type 'string' is not assignable to type 'number'.\n");
  expect(run.cells[2].stderr).toMatch(/Error: boom at runtime/);
  expect(run.cells[3].outputs).toEqual([
    { output_type: "stream", name: "stdout", text: "still running 2\n" },
  ]);
});

test("without allowErrors, the run stops at the first error and the rest is skipped", async () => {
  const run = await runNotebook(load("errors.ipynb"), { cwd });
  expect(run.status).toBe("error");
  expect(run.cells.map((c) => c.status)).toEqual(["ok", "error", "skipped", "skipped"]);
});

test("a cell timeout interrupts that cell; with allowErrors the next cell runs", async () => {
  const run = await runNotebook(
    notebookOf('console.log("start")', "while (true) {}", 'console.log("next")'),
    { cwd, allowErrors: true, cellTimeoutMs: 1_000 },
  );
  expect(run.status).toBe("timeout");
  expect(run.cells.map((c) => c.status)).toEqual(["ok", "timeout", "ok"]);
  expect(run.limits).toEqual([
    { limit: "cell-timeout", detail: "cell still running after 1000 ms; interrupted" },
  ]);
  expect(run.cells[2].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "next\n" }]);
});

test("the notebook timeout bounds the whole run and skips what is left", async () => {
  const cellTimeoutMs = 30_000;
  const run = await runNotebook(
    notebookOf(
      "await new Promise((r) => setTimeout(r, 800));",
      "await new Promise((r) => setTimeout(r, 800));",
      "while (true) {}",
      'console.log("never")',
    ),
    {
      cwd,
      allowErrors: true,
      cellTimeoutMs,
      notebookTimeoutMs: 2_500,
    },
  );
  expect(run.status).toBe("timeout");
  expect(run.cells.map((c) => c.status)).toEqual(["ok", "ok", "timeout", "skipped"]);
  expect(run.limits.map((l) => l.limit)).toEqual(["notebook-timeout"]);
  // Bounded by the notebook's budget: the loop alone would have run for the whole cell timeout.
  expect(run.durationMs).toBeLessThan(cellTimeoutMs);
});

test("a dead kernel ends the run: reported, remaining cells skipped", async () => {
  const run = await runNotebook(notebookOf('console.log("a")', "process.exit(2)", 'console.log("b")'), {
    cwd,
    allowErrors: true,
  });
  expect(run.status).toBe("dead");
  expect(run.death).toBe("the kernel exited with code 2");
  expect(run.cells.map((c) => c.status)).toEqual(["ok", "dead", "skipped"]);
  expect(run.limits).toEqual([{ limit: "kernel-death", detail: "the kernel exited with code 2" }]);
});

test("a session passed in is used and left running for its owner", async () => {
  const session = await startLocalKernel({ cwd });
  try {
    const first = await runNotebook(notebookOf("const shared = 7;"), { session });
    expect(first.status).toBe("ok");
    const second = await runNotebook(notebookOf("console.log(shared * 6)"), { session });
    expect(second.cells[0].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "42\n" }]);
    expect(await session.isAlive()).toBe(true);
  } finally {
    await session.shutdown();
  }
});

test("outputs match nbclient's (jupyter execute) cell by cell", async () => {
  const dir = mkdtempSync(join(tmpdir(), "academy-nbclient-"));
  try {
    copyFileSync(fixture("notebooks", "output-order.ipynb"), join(dir, "output-order.ipynb"));
    execFileSync(
      venvBin("jupyter"),
      ["execute", "--kernel_name=tslab", "output-order.ipynb", "--output=executed.ipynb"],
      { cwd: dir, stdio: "pipe" },
    );
    const theirs = JSON.parse(readFileSync(join(dir, "executed.ipynb"), "utf8")) as Notebook;
    const ours = (await runNotebook(load("output-order.ipynb"), { cwd: dir })).notebook;
    expect(comparableOutputs(ours)).toEqual(comparableOutputs(theirs));
    expect(comparableOutputs(ours).filter((c) => c.outputs.length > 0)).toHaveLength(5);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
