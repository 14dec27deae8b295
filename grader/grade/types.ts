/**
 * What grading produces. A GradeResult is written as `<out>/<learner>/<notebook>.json` and is
 * validated against grader/report/result.schema.json before it is written.
 */
import type { LimitHit } from "../kernel/session";

/**
 * graded: the notebook ran (possibly with errors in it) and was scored.
 * invalid: the file is not a notebook we can grade (bad JSON, nbformat 3, no cells...); score 0.
 * unknown-notebook: no source notebook matches it; score 0.
 * failed: the grader could not run it (kernel would not start); score 0, safe to rerun.
 */
export type SubmissionStatus = "graded" | "invalid" | "unknown-notebook" | "failed";

/**
 * correct / partial / incorrect by observations; not-answered when the answer cell still holds the
 * release's placeholder (`todo("<id>")`); error, timeout, dead when the test cell did not finish.
 */
export type ExerciseStatus =
  "correct" | "partial" | "incorrect" | "not-answered" | "error" | "timeout" | "dead" | "not-run";

export interface ExerciseResult {
  grade_id: string;
  exercise: string | null;
  title: string | null;
  points: number;
  max: number;
  status: ExerciseStatus;
  /** What went wrong, in words a learner can act on; never hidden test code or reference values. */
  messages: string[];
  hints: string[];
  observations: { matched: number; total: number };
  duration_ms: number;
  /** The id of the misconception the answer matched (metadata.academy.misconceptions), or null. */
  misconception: string | null;
  /** What stopped the learner's answer cell or the test cell, or null when neither stopped. */
  error: ExerciseError | null;
}

/**
 * A cell that stopped: which one, and the kind of stop, for counting across a cohort: the error's
 * name ("TypeError", "ReferenceError"), "type error" (a TypeScript diagnostic), "error" (anything
 * else), "timeout" or "kernel died". Never the message: that is in `messages`.
 */
export interface ExerciseError {
  cell: "answer" | "test";
  kind: string;
}

export interface RunSummary {
  status: "ok" | "error" | "timeout" | "dead" | "not-run";
  backend: "local" | "server";
  /** How the kernel was isolated from the machine (e.g. "scratch folder", "bubblewrap: read-only repo, no network"). */
  isolation: string;
  duration_ms: number;
  /** Sum of the cells' own execution times (request to idle), the floor under duration_ms. */
  cells_ms: number;
  limits: (LimitHit & { cell?: number })[];
  kernel_death: string | null;
}

export interface GradeResult {
  schema: "data-academy/grade-result@1";
  learner: string;
  notebook: string;
  module: string | null;
  submission: { path: string; sha256: string; bytes: number };
  source: { path: string; sha256: string } | null;
  status: SubmissionStatus;
  message: string | null;
  score: number;
  max: number;
  exercises: ExerciseResult[];
  run: RunSummary | null;
}
