/**
 * The grader as a library: what `academy` does, for scripts and benchmarks that drive it from code.
 * The command line (cli.ts) is a thin layer over these.
 *
 *   import { gradeCohort, startLocalKernel, runNotebook } from "academy-grader";
 */
export { release, checkRelease, planRelease, releaseNotebook, defaultReleaseDirs } from "./release/release";
export type { ReleaseDirs, ReleasePlan, ReleaseResult, ReleaseCheck } from "./release/release";
export { gradeCohort, findSubmissions } from "./grade/grade-cohort";
export type { CohortOptions, CohortSummary } from "./grade/grade-cohort";
export { loadSources } from "./grade/sources";
export type { GradeResult, ExerciseResult, SubmissionStatus, ExerciseStatus } from "./grade/types";
export { writeCohortReport } from "./report/cohort/report";
export type { ReportOptions, ReportSummary } from "./report/cohort/report";
export type { CohortReport } from "./report/cohort/aggregate";
export { validateCourse } from "./validate/validate-course";
export type { ValidateOptions, ValidateReport } from "./validate/validate-course";
export { withCase, readCases } from "./validate/cases";
export { runNotebook } from "./execute/run-notebook";
export type { RunNotebookOptions, NotebookRun, CellRun } from "./execute/run-notebook";
export { startLocalKernel } from "./kernel/zmq/local";
export { startServerKernel } from "./kernel/server/jupyter-server";
export type { KernelSession, ExecuteOptions, ExecuteResult, LimitHit } from "./kernel/session";
export { readNotebook } from "./execute/run-files";
export type { Notebook, Cell, Output } from "./notebook/nbformat";
export { exercisesOf } from "./notebook/exercises";
