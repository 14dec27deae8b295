/**
 * Grading one submission, as a pipeline of small steps (nbgrader's autograde, in TypeScript):
 * read → match its source → restore protected cells → execute in a fresh kernel → score.
 * Never throws for anything a submission contains: every outcome is a GradeResult.
 */
import { basename } from "node:path";
import type { CellRun } from "../execute/run-notebook";
import { runNotebook } from "../execute/run-notebook";
import { gradeIdOf, pointsOf } from "../notebook/cells";
import type { GradingKernel } from "./kernels";
import { readSubmission } from "./read-submission";
import type { Reference } from "./reference";
import { restoreCells } from "./restore-cells";
import { sourceText } from "../notebook/nbformat";
import { errorSummary, markNotAnswered, scoreTestCell, testCells, type LearnerCell } from "./score";
import { matchSource, type SourceNotebook } from "./sources";
import type { GradeResult, RunSummary } from "./types";

export interface SubmissionRef {
  path: string;
  learner: string;
}

export interface GradeOptions {
  sources: SourceNotebook[];
  acquire: () => Promise<GradingKernel>;
  reference: (source: SourceNotebook) => Promise<Reference>;
  cellTimeoutMs?: number;
  notebookTimeoutMs?: number;
  outputCapBytes?: number;
  maxSubmissionBytes?: number;
}

function emptyResult(ref: SubmissionRef, file: GradeResult["submission"]): GradeResult {
  return {
    schema: "data-academy/grade-result@1",
    learner: ref.learner,
    notebook: basename(ref.path),
    module: null,
    submission: file,
    source: null,
    status: "invalid",
    message: null,
    score: 0,
    max: 0,
    exercises: [],
    run: null,
  };
}

/**
 * The message of a submission the grader could not run. Rerunning helps with what passes (a kernel
 * slow to start, a lost connection); a server that refuses (the token, the user) fails a rerun too.
 */
function couldNotRun(err: unknown): string {
  const text = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, " ").trim();
  if (/\bHTTP (401|403)\b/.test(text)) return `The grader could not run this submission: ${text}. The server refused: check --token and what the server allows (a rerun as it is will fail the same way).`;
  return `The grader could not run this submission: ${text}. Rerun to retry.`;
}

function learnerCell(run: CellRun | undefined): LearnerCell {
  if (!run) return { status: "not-run", outputs: [], stderr: "", durationMs: 0 };
  return { status: run.status, outputs: run.outputs, stderr: run.stderr, durationMs: run.durationMs };
}

export async function gradeSubmission(ref: SubmissionRef, options: GradeOptions): Promise<GradeResult> {
  const read = readSubmission(ref.path, options.maxSubmissionBytes);
  const result = emptyResult(ref, read.file);
  if (!read.ok) return { ...result, status: "invalid", message: read.message };

  const source = matchSource(options.sources, basename(ref.path), read.notebook);
  if (!source) {
    const known = options.sources.map((s) => s.name).join(", ");
    return { ...result, status: "unknown-notebook", message: `No course notebook matches "${basename(ref.path)}". Known notebooks: ${known}.` };
  }
  result.module = source.module;
  result.notebook = source.name;
  result.source = { path: source.path, sha256: source.sha256 };
  const tests = testCells(source.notebook);
  result.max = tests.reduce((sum, t) => sum + pointsOf(source.notebook.cells[t.index]), 0);

  let reference: Reference;
  let kernel: GradingKernel;
  try {
    reference = await options.reference(source);
    kernel = await options.acquire();
  } catch (err) {
    return { ...result, status: "failed", message: couldNotRun(err) };
  }

  const restored = restoreCells(source.notebook, read.notebook);
  let summary: RunSummary;
  let cellRuns: CellRun[] = [];
  try {
    const run = await runNotebook(restored.notebook, {
      session: kernel.session,
      allowErrors: true,
      cellTimeoutMs: options.cellTimeoutMs,
      notebookTimeoutMs: options.notebookTimeoutMs,
      outputCapBytes: options.outputCapBytes,
    });
    cellRuns = run.cells;
    const cellLimits = run.cells.flatMap((c) => c.limits.map((l) => ({ ...l, cell: c.index + 1 })));
    const seen = new Set(cellLimits.map((l) => `${l.limit}|${l.detail}`));
    summary = {
      status: run.status,
      backend: kernel.session.backend,
      isolation: kernel.isolation,
      duration_ms: Math.round(run.durationMs),
      cells_ms: Math.round(run.cells.reduce((sum, c) => sum + c.durationMs, 0)),
      limits: [...cellLimits, ...run.limits.filter((l) => !seen.has(`${l.limit}|${l.detail}`))],
      kernel_death: run.death ?? null,
    };
  } catch (err) {
    return { ...result, status: "failed", message: couldNotRun(err) };
  } finally {
    await kernel.shutdown();
  }

  const runAt = (sourceIdx: number) => {
    const at = restored.sourceIndex.indexOf(sourceIdx);
    return at < 0 ? undefined : cellRuns.find((c) => c.index === at);
  };
  result.exercises = tests.map(({ index, gradeId }) => {
    const answerIndex = source.notebook.cells.findIndex((c) => gradeIdOf(c) === `${gradeId}-answer`);
    const learnerAnswer = answerIndex >= 0 ? restored.notebook.cells[restored.sourceIndex.indexOf(answerIndex)] : undefined;
    const scored = markNotAnswered(
      scoreTestCell(source.notebook, index, reference.cells.find((c) => c.grade_id === gradeId), learnerCell(runAt(index))),
      learnerAnswer ? sourceText(learnerAnswer.source) : undefined,
    );
    if (scored.status === "not-answered") return scored;
    // The learner's own answer cell failing is the most useful thing to say first.
    const answerRun = answerIndex >= 0 ? runAt(answerIndex) : undefined;
    if (answerRun && answerRun.status === "error" && scored.status !== "correct") {
      scored.messages.unshift(`Your answer cell raised ${errorSummary(answerRun.stderr)}.`);
    } else if (answerRun && answerRun.status === "timeout") {
      scored.messages.unshift("Your answer cell ran out of time and was interrupted.");
    }
    return scored;
  });
  result.score = Math.round(result.exercises.reduce((s, e) => s + e.points, 0) * 1000) / 1000;
  result.status = "graded";
  result.message = restored.notes.length ? restored.notes.join(" ") : null;
  result.run = summary;
  return result;
}
