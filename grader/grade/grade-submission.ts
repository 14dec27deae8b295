/**
 * Grading one submission, as a pipeline of small steps (nbgrader's autograde, in TypeScript):
 * read → match its source → reference run → restore protected cells → execute in a fresh kernel → score.
 * The steps share one typed GradeContext; a step that ends grading early (an invalid file, a kernel
 * that would not start) returns the outcome. Never throws for anything a submission contains:
 * every outcome is a GradeResult.
 */
import { basename } from "node:path";
import type { CellRun, NotebookRun } from "../execute/run-notebook";
import type { LimitHit } from "../kernel/session";
import { gradeIdOf, pointsOf } from "../notebook/cells";
import { answerGradeIdOf, testCells, type TestCell } from "../notebook/exercises";
import { sourceText, type Notebook } from "../notebook/nbformat";
import { runOnGradingKernel, type GradingLimits } from "./execute";
import type { GradingKernel } from "./kernels";
import { readSubmission } from "./read-submission";
import type { Reference } from "./reference";
import { restoreCells, type RestoredNotebook } from "./restore-cells";
import { errorSummary, markNotAnswered, scoreTestCell, stopOf, type LearnerCell } from "./score";
import { matchSource, type CourseNotebook } from "./sources";
import type { GradeResult, RunSummary } from "./types";

export interface SubmissionRef {
  path: string;
  learner: string;
}

export interface GradeOptions extends GradingLimits {
  sources: CourseNotebook[];
  acquire: () => Promise<GradingKernel>;
  reference: (source: CourseNotebook) => Promise<Reference>;
  maxSubmissionBytes?: number;
}

function emptyResult(ref: SubmissionRef): GradeResult {
  return {
    schema: "data-academy/grade-result@1",
    learner: ref.learner,
    notebook: basename(ref.path),
    module: null,
    submission: { path: ref.path, sha256: "", bytes: 0 },
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
  if (/\bHTTP (401|403)\b/.test(text))
    return `The grader could not run this submission: ${text}. The server refused: check --token and what the server allows (a rerun as it is will fail the same way).`;
  return `The grader could not run this submission: ${text}. Rerun to retry.`;
}

function learnerCell(run: CellRun | undefined): LearnerCell {
  if (!run) return { status: "not-run", outputs: [], stderr: "", durationMs: 0 };
  return {
    status: run.status,
    outputs: run.outputs,
    stderr: run.stderr,
    durationMs: run.durationMs,
  };
}

/** result.schema.json knows no iopub timeout: grading reports a late iopub idle as the closest limit, a cell timeout. */
function asCellTimeout(hit: LimitHit): LimitHit {
  return hit.limit === "iopub-timeout" ? { ...hit, limit: "cell-timeout" } : hit;
}

/** What the steps of grading one submission share: each fills in its part, in order. */
interface GradeContext {
  readonly ref: SubmissionRef;
  readonly options: GradeOptions;
  /** The result as far as grading got. */
  readonly result: GradeResult;
  submission?: Notebook;
  source?: CourseNotebook;
  tests: TestCell[];
  reference?: Reference;
  restored?: RestoredNotebook;
  run?: NotebookRun;
  summary?: RunSummary;
}

/** How grading ends before the score step: the result's status and the message saying why. */
type Outcome = Pick<GradeResult, "status" | "message">;

/** One step of grading a submission; returning an Outcome ends grading with it. */
interface GradeStep {
  name: string;
  run(ctx: GradeContext): Promise<Outcome | undefined> | Outcome | undefined;
}

/** What an earlier step must have set: a step out of order is a grader bug, not a submission's. */
function need<T>(value: T | undefined, what: string, step: string): T {
  if (value === undefined) throw new Error(`grade step ${step} runs before ${what} is known`);
  return value;
}

const readFile: GradeStep = {
  name: "read",
  run(ctx) {
    const read = readSubmission(ctx.ref.path, ctx.options.maxSubmissionBytes);
    ctx.result.submission = read.file;
    if (!read.ok) return { status: "invalid", message: read.message };
    ctx.submission = read.notebook;
    return undefined;
  },
};

const matchCourseNotebook: GradeStep = {
  name: "match",
  run(ctx) {
    const { result, options } = ctx;
    const fileName = basename(ctx.ref.path);
    const source = matchSource(options.sources, fileName, ctx.submission);
    if (!source) {
      const known = options.sources.map((s) => s.name).join(", ");
      return {
        status: "unknown-notebook",
        message: `No course notebook matches "${fileName}". Known notebooks: ${known}.`,
      };
    }
    ctx.source = source;
    result.module = source.module;
    result.notebook = source.name;
    result.source = { path: source.path, sha256: source.sha256 };
    ctx.tests = testCells(source.notebook);
    result.max = ctx.tests.reduce((sum, t) => sum + pointsOf(source.notebook.cells[t.index]), 0);
    return undefined;
  },
};

const referenceRun: GradeStep = {
  name: "reference",
  async run(ctx) {
    try {
      ctx.reference = await ctx.options.reference(need(ctx.source, "the source", this.name));
    } catch (err) {
      return { status: "failed", message: couldNotRun(err) };
    }
    return undefined;
  },
};

const restoreProtectedCells: GradeStep = {
  name: "restore",
  run(ctx) {
    ctx.restored = restoreCells(
      need(ctx.source, "the source", this.name).notebook,
      need(ctx.submission, "the submission", this.name),
    );
    return undefined;
  },
};

const execute: GradeStep = {
  name: "execute",
  async run(ctx) {
    const restored = need(ctx.restored, "the restored notebook", this.name);
    let kernel: GradingKernel;
    try {
      kernel = await ctx.options.acquire();
    } catch (err) {
      return { status: "failed", message: couldNotRun(err) };
    }
    try {
      const run = await runOnGradingKernel(restored.notebook, kernel, ctx.options);
      const cellLimits = run.cells.flatMap((c) =>
        c.limits.map((l) => ({ ...asCellTimeout(l), cell: c.index + 1 })),
      );
      const seen = new Set(cellLimits.map((l) => `${l.limit}|${l.detail}`));
      ctx.run = run;
      ctx.summary = {
        status: run.status,
        backend: kernel.session.backend,
        isolation: kernel.isolation,
        duration_ms: Math.round(run.durationMs),
        cells_ms: Math.round(run.cells.reduce((sum, c) => sum + c.durationMs, 0)),
        limits: [
          ...cellLimits,
          ...run.limits.map(asCellTimeout).filter((l) => !seen.has(`${l.limit}|${l.detail}`)),
        ],
        kernel_death: run.death ?? null,
      };
    } catch (err) {
      return { status: "failed", message: couldNotRun(err) };
    } finally {
      await kernel.shutdown();
    }
    return undefined;
  },
};

const score: GradeStep = {
  name: "score",
  run(ctx) {
    const { result } = ctx;
    const source = need(ctx.source, "the source", this.name).notebook;
    const restored = need(ctx.restored, "the restored notebook", this.name);
    const reference = need(ctx.reference, "the reference run", this.name);
    const cellRuns = need(ctx.run, "the run", this.name).cells;
    const runAt = (sourceIdx: number) => {
      const at = restored.sourceIndex.indexOf(sourceIdx);
      return at < 0 ? undefined : cellRuns.find((c) => c.index === at);
    };
    result.exercises = ctx.tests.map(({ index, gradeId }) => {
      const answerIndex = source.cells.findIndex((c) => gradeIdOf(c) === answerGradeIdOf(gradeId));
      const learnerAnswer =
        answerIndex >= 0 ? restored.notebook.cells[restored.sourceIndex.indexOf(answerIndex)] : undefined;
      const scored = markNotAnswered(
        scoreTestCell(
          source,
          index,
          reference.cells.find((c) => c.grade_id === gradeId),
          learnerCell(runAt(index)),
        ),
        learnerAnswer ? sourceText(learnerAnswer.source) : undefined,
      );
      if (scored.status === "not-answered") return scored;
      // The learner's own answer cell failing is the most useful thing to say first.
      const answerRun = answerIndex >= 0 ? runAt(answerIndex) : undefined;
      const answerStop = answerRun && stopOf("answer", answerRun.status, answerRun.stderr);
      if (answerStop && scored.status !== "correct") scored.error = answerStop;
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
    result.run = need(ctx.summary, "the run summary", this.name);
    return undefined;
  },
};

/** The steps, in order. */
const autograde: GradeStep[] = [
  readFile,
  matchCourseNotebook,
  referenceRun,
  restoreProtectedCells,
  execute,
  score,
];

export async function gradeSubmission(ref: SubmissionRef, options: GradeOptions): Promise<GradeResult> {
  const ctx: GradeContext = { ref, options, result: emptyResult(ref), tests: [] };
  for (const step of autograde) {
    const outcome = await step.run(ctx);
    if (outcome) return { ...ctx.result, ...outcome };
  }
  return ctx.result;
}
