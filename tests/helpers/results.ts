/**
 * Grade results made by hand for the pure tests of what reads them (feedback page, gradebook,
 * cohort report): one exercise or one whole result with every field set, and the fields a test
 * cares about given in `over`.
 */
import type { ExerciseResult, GradeResult } from "../../grader/grade/types";

export const exerciseResult = (over: Partial<ExerciseResult> = {}): ExerciseResult => ({
  grade_id: "ex-900-1",
  exercise: null,
  title: null,
  points: 1,
  max: 1,
  status: "correct",
  messages: [],
  hints: [],
  observations: { matched: 1, total: 1 },
  duration_ms: 1,
  misconception: null,
  error: null,
  ...over,
});

export const gradeResult = (over: Partial<GradeResult> = {}): GradeResult => {
  const learner = over.learner ?? "ada";
  const notebook = over.notebook ?? "900-release-fixture.ipynb";
  return {
    schema: "data-academy/grade-result@1",
    learner,
    notebook,
    module: null,
    submission: { path: `/subs/${learner}/${notebook}`, sha256: "0".repeat(64), bytes: 1 },
    source: null,
    status: "graded",
    message: null,
    score: 0,
    max: 0,
    exercises: [],
    run: null,
    ...over,
  };
};
