/**
 * data-academy: the course library every notebook imports.
 *
 *   import { lake, catalog, stats, chart, exercise, observe } from "data-academy";
 *
 * Each part lives in its own folder next to this file, small enough to read; this file only
 * gathers them. Start with lake/ (loading and saving) and exercises/exercise.ts (self-checks).
 */
import * as lake from "./lake";
import * as catalog from "./catalog";
import * as stats from "./stats";
import { chart } from "./charts";

export { lake, catalog, stats, chart };
export { exercise, observe, todo, progress } from "./exercises";
/** Used by `academy progress`. */
export { progressOf, progressText } from "./exercises";
export { sql } from "./sql";
export { courseMap, nextModules, DEFAULT_PERSONA } from "./course/map";
export type {
  CourseMap,
  CourseModule,
  CourseEdge,
  CoursePath,
  CourseMapOptions,
  NextModulesOptions,
} from "./course/map";
export type { SqlOptions, SqlRow, SqlValue } from "./sql";
/** Used by the grader and `academy release`, which compare answers by the self-checks' own rule. */
export {
  canonical,
  sameAnswer,
  answerHash,
  toJsonValue,
  numbersNearEdge,
  isNotAnswered,
  OBSERVATION_MIME,
} from "./exercises";
export type { Exercise, CheckResult, Verdict, Observation, ObserveOptions, AnswerOptions } from "./exercises";
export type { DatasetInfo, ZoneInfo, Zone, Kind } from "./catalog";
/** Used by `academy report`, which draws its charts with the library's renderer. */
export type { VegaLiteSpec } from "./charts";

/** The version of the course library, handy when asking for help ("which version are you on?"). */
export const version = "0.1.0";
