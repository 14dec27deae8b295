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
export { exercise, observe, todo } from "./exercises";
export { sql } from "./sql";
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

/** The version of the course library, handy when asking for help ("which version are you on?"). */
export const version = "0.1.0";
