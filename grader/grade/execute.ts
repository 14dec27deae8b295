/**
 * Running a notebook on a grading kernel, the one way submissions, reference runs and the
 * forgiving checks of `academy validate` are all run: every cell, an error in one not stopping
 * the rest (tslab would otherwise lose every cell after it), within the grading limits.
 */
import { runNotebook, type NotebookRun } from "../execute/run-notebook";
import type { Notebook } from "../notebook/nbformat";
import type { GradingKernel } from "./kernels";

/** Limits of a grading run; undefined: runNotebook's defaults. */
export interface GradingLimits {
  cellTimeoutMs?: number;
  notebookTimeoutMs?: number;
  outputCapBytes?: number;
}

export function runOnGradingKernel(
  notebook: Notebook,
  kernel: GradingKernel,
  limits: GradingLimits,
): Promise<NotebookRun> {
  return runNotebook(notebook, {
    session: kernel.session,
    allowErrors: true,
    cellTimeoutMs: limits.cellTimeoutMs,
    notebookTimeoutMs: limits.notebookTimeoutMs,
    outputCapBytes: limits.outputCapBytes,
  });
}
