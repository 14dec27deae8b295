/**
 * Runs a notebook top to bottom in one kernel, as nbclient does: code cells in order (empty ones
 * skipped), outputs and execution counts written into a copy of the notebook, every limit that was
 * hit reported. A dead kernel ends the run (the remaining cells are "skipped"); an error ends it
 * too unless `allowErrors`.
 *
 * ```ts
 * const run = await runNotebook(notebook, { cwd: dirname(path), allowErrors: true });
 * if (run.status !== "ok") console.log(run.cells.filter((c) => c.status !== "ok"));
 * ```
 */
import type { CodeCell, Notebook, Output } from "../notebook/nbformat";
import { sourceText } from "../notebook/nbformat";
import type { ExecuteResult, KernelSession, LimitHit } from "../kernel/session";
import { defaultLimits } from "../kernel/session";
import { startLocalKernel } from "../kernel/zmq/local";
import { stderrOf } from "./outputs";

export interface RunNotebookOptions {
  /** A kernel to run in; the caller keeps it (it is not shut down). Without it, one is started and owned. */
  session?: KernelSession;
  /** How to start a kernel when no session is given; default: a local tslab kernel in `cwd`. */
  start?: () => Promise<KernelSession>;
  /** Working directory for a default local kernel (the notebook's folder). */
  cwd?: string;
  /** Heap cap for a default local kernel, in MiB. */
  memoryMb?: number;
  /** Per cell: interrupt after this long (0: never). */
  cellTimeoutMs?: number;
  /** Whole notebook: no cell may run past this budget (0: never). */
  notebookTimeoutMs?: number;
  /** Per cell output cap, in bytes. */
  outputCapBytes?: number;
  /** Keep running after a cell errors or times out (a dead kernel always ends the run). */
  allowErrors?: boolean;
  /** Called after each code cell, in order. */
  onCell?(run: CellRun): void;
}

export interface CellRun {
  /** Index of the cell in `notebook.cells`. */
  index: number;
  /** As ExecuteResult's status (iopub-timeout: the outputs may be incomplete), or skipped: not executed. */
  status: ExecuteResult["status"] | "skipped";
  outputs: Output[];
  /** msg_id of the execute_request whose outputs these are ("" when not executed). */
  msgId: string;
  durationMs: number;
  /** The kernel's own time for the cell (busy to idle, by its clock), when known. */
  kernelMs?: number;
  limits: LimitHit[];
  /** Everything the cell wrote to stderr (type and runtime errors arrive here with tslab). */
  stderr: string;
}

export interface NotebookRun {
  /** A copy of the input with outputs and execution counts of the executed cells. */
  notebook: Notebook;
  /** One entry per code cell, in notebook order. */
  cells: CellRun[];
  /** The worst of the cells' statuses. */
  status: ExecuteResult["status"];
  limits: LimitHit[];
  durationMs: number;
  /** Why the kernel died, when status is "dead". */
  death?: string;
}

export async function runNotebook(
  notebook: Notebook,
  options: RunNotebookOptions = {},
): Promise<NotebookRun> {
  const owned = options.session === undefined;
  const start =
    options.start ??
    (() => startLocalKernel({ cwd: options.cwd ?? process.cwd(), memoryMb: options.memoryMb }));
  const session = options.session ?? (await start());
  try {
    return await executeCells(session, notebook, options);
  } finally {
    if (owned) await session.shutdown();
  }
}

/** The run's limits, the defaults filled in. */
interface RunLimits {
  cellTimeoutMs: number;
  notebookTimeoutMs: number;
  outputCapBytes: number;
}

/** What one cell may take: its time limit, and whether that is the notebook's budget rather than its own. */
interface CellBudget {
  timeoutMs: number;
  budgetBound: boolean;
}

async function executeCells(
  session: KernelSession,
  input: Notebook,
  options: RunNotebookOptions,
): Promise<NotebookRun> {
  const runLimits = limitsOf(options);
  const notebook = structuredClone(input);
  const started = Date.now();
  const cells: CellRun[] = [];
  const limits: LimitHit[] = [];
  let status: NotebookRun["status"] = "ok";
  let death: string | undefined;
  let stopped = false;

  const record = (run: CellRun) => {
    cells.push(run);
    limits.push(...run.limits);
    options.onCell?.(run);
  };

  for (const [index, cell] of notebook.cells.entries()) {
    if (cell.cell_type !== "code") continue;
    const code = sourceText(cell.source);
    if (stopped || code.trim() === "") {
      record(skipCell(cell, index));
      continue;
    }
    const budget = cellBudget(runLimits, started);
    if (!budget) {
      limits.push({
        limit: "notebook-timeout",
        detail: `notebook still running after ${runLimits.notebookTimeoutMs} ms; remaining cells skipped`,
      });
      status = worse(status, "timeout");
      stopped = true;
      record(skipCell(cell, index));
      continue;
    }

    const result = await session.execute(code, {
      timeoutMs: budget.timeoutMs,
      outputCapBytes: runLimits.outputCapBytes,
    });
    cell.outputs = result.outputs;
    cell.execution_count = result.executionCount;
    record(cellRunOf(index, result, budget.budgetBound, runLimits.notebookTimeoutMs));

    status = worse(status, result.status);
    if (result.status === "dead") death = result.death;
    stopped = endsRun(result.status, budget.budgetBound, options.allowErrors === true);
  }

  return {
    notebook,
    cells,
    status,
    limits,
    durationMs: Date.now() - started,
    ...(death !== undefined ? { death } : {}),
  };
}

function limitsOf(options: RunNotebookOptions): RunLimits {
  return {
    cellTimeoutMs: options.cellTimeoutMs ?? defaultLimits.cellTimeoutMs,
    notebookTimeoutMs: options.notebookTimeoutMs ?? defaultLimits.notebookTimeoutMs,
    outputCapBytes: options.outputCapBytes ?? defaultLimits.outputCapBytes,
  };
}

/**
 * The cell gets the smaller of its own timeout and what is left of the notebook's budget;
 * undefined when the budget is spent.
 */
function cellBudget(
  { cellTimeoutMs, notebookTimeoutMs }: RunLimits,
  started: number,
): CellBudget | undefined {
  const leftMs = notebookTimeoutMs > 0 ? notebookTimeoutMs - (Date.now() - started) : Infinity;
  if (leftMs <= 0) return undefined;
  return {
    budgetBound: leftMs < cellTimeoutMs || cellTimeoutMs === 0,
    timeoutMs: cellTimeoutMs === 0 ? (Number.isFinite(leftMs) ? leftMs : 0) : Math.min(cellTimeoutMs, leftMs),
  };
}

/** A code cell that is not executed (empty, or after the run stopped). */
function skipCell(cell: CodeCell, index: number): CellRun {
  clearCell(cell);
  return { index, status: "skipped", outputs: [], msgId: "", durationMs: 0, limits: [], stderr: "" };
}

/** An executed cell's record; a cell timeout that was the notebook's budget is reported as that. */
function cellRunOf(
  index: number,
  result: ExecuteResult,
  budgetBound: boolean,
  notebookTimeoutMs: number,
): CellRun {
  const cellLimits = result.limits.map((hit): LimitHit =>
    hit.limit === "cell-timeout" && budgetBound
      ? {
          limit: "notebook-timeout",
          detail: `notebook still running after ${notebookTimeoutMs} ms; cell interrupted`,
        }
      : hit,
  );
  if (result.status === "dead") {
    cellLimits.push({
      limit: result.death?.startsWith("memory limit") ? "memory" : "kernel-death",
      detail: result.death ?? "the kernel died",
    });
  }
  return {
    index,
    status: result.status,
    outputs: result.outputs,
    msgId: result.msgId,
    durationMs: result.durationMs,
    ...(result.kernelMs !== undefined ? { kernelMs: result.kernelMs } : {}),
    limits: cellLimits,
    stderr: stderrOf(result.outputs),
  };
}

/** A dead kernel always ends the run, a spent notebook budget too, an error unless `allowErrors`. */
function endsRun(status: ExecuteResult["status"], budgetBound: boolean, allowErrors: boolean): boolean {
  if (status === "dead") return true;
  if (status === "timeout" && budgetBound) return true;
  return status !== "ok" && !allowErrors;
}

/** A cell that was not executed this time keeps no stale outputs from an earlier run. */
function clearCell(cell: CodeCell): void {
  cell.outputs = [];
  cell.execution_count = null;
}

const severity = { ok: 0, error: 1, timeout: 2, dead: 3 } as const;
function worse(a: NotebookRun["status"], b: NotebookRun["status"]): NotebookRun["status"] {
  return severity[b] > severity[a] ? b : a;
}
