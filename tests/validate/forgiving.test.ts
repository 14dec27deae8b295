import { judgeForgiving, type ForgivingVariant } from "../../grader/validate/forgiving";
import type { CellRun, NotebookRun } from "../../grader/execute/run-notebook";
import type { Notebook, Output } from "../../grader/notebook/nbformat";

const notebook: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] };
const variant: ForgivingVariant = { notebook: "x.ipynb", skipped: null, unanswered: [], cells: notebook };

const cell = (index: number, status: CellRun["status"], outputs: Output[] = [], stderr = ""): CellRun => ({
  index,
  status,
  outputs,
  msgId: `m${index}`,
  durationMs: 1,
  limits: [],
  stderr,
});
const run = (cells: CellRun[]): NotebookRun => ({
  notebook,
  cells,
  status: cells.some((c) => c.status !== "ok") ? "error" : "ok",
  limits: [],
  durationMs: 1,
});

describe("judgeForgiving", () => {
  test("a clean run forgives and reaches the last cell", () => {
    const r = judgeForgiving(variant, run([cell(0, "ok"), cell(1, "ok")]));
    expect(r).toMatchObject({ ok: true, problems: [], runAllCells: 2, codeCells: 2 });
    expect(r.lostOutput).toBeUndefined();
  });

  test("an error with its text names the cell and the error, and is not a lost output", () => {
    const r = judgeForgiving(
      variant,
      run([cell(0, "ok"), cell(3, "error", [], "TypeError: x is not a function\n    at <anonymous>")]),
    );
    expect(r.ok).toBe(false);
    expect(r.runAllCells).toBe(2);
    expect(r.problems).toEqual(["cell 4: error: TypeError: x is not a function"]);
    expect(r.lostOutput).toBeUndefined();
  });

  test("an error reply with no error text is a lost output (run again) and says what arrived", () => {
    const r = judgeForgiving(variant, run([cell(0, "ok"), cell(5, "error")]));
    expect(r.ok).toBe(false);
    expect(r.lostOutput).toBe(true);
    expect(r.problems[0]).toMatch(/^cell 6: error with no error text \(0 outputs: \[\]\)/);
  });

  test("writing to stderr in a cell that succeeded is a problem too", () => {
    const r = judgeForgiving(variant, run([cell(0, "ok", [], "careful\n")]));
    expect(r.problems).toEqual(["cell 1: wrote to stderr: careful"]);
    expect(r.runAllCells).toBe(1);
  });
});
