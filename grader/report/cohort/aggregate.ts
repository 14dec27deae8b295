/**
 * The cohort report as data, from the result files alone (plus the names and messages of the source
 * notebooks and the course map): pure functions, no file system. Results of one module graded
 * against different versions of its source notebook are kept apart, as separate "module versions",
 * so that no count or median ever mixes them.
 */
import type { CourseMap } from "data-academy";
import type { ExerciseResult, ExerciseStatus, GradeResult } from "../../grade/types";
import type { ExerciseInfo, NotebookInfo } from "./course-info";
import type { LoadedResult } from "./read-results";

/** What the grader writes when the misconception matched has no id in the source notebook. */
export const UNNAMED = "unnamed";
export const UNNAMED_TEXT = "(a misconception without an id)";

export interface ReportInput {
  results: LoadedResult[];
  /** Source notebook path (as in the results) → what it says now, or why it could not be read. */
  sources: Map<string, NotebookInfo | { problem: string }>;
  map: CourseMap;
  /** Learner → persona, from --personas; the others follow the default path. */
  personas: Map<string, string>;
}

export interface MisconceptionCount {
  id: string;
  message: string;
  count: number;
  /** count / submissions of the exercise, rounded to 4 decimals. */
  share: number;
}

export interface ErrorCount {
  kind: string;
  cell: "answer" | "test";
  count: number;
}

/** The statuses counted as "stopped": the cell did not run to its end. */
export const STOPPED: readonly ExerciseStatus[] = ["error", "timeout", "dead", "not-run"];

export interface ExerciseSummary {
  gradeId: string;
  exercise: string;
  title: string;
  section: string | null;
  submissions: number;
  counts: Record<ExerciseStatus, number>;
  /** error + timeout + dead + not-run. */
  stopped: number;
  medianPoints: number;
  max: number;
  /** Commonest first. */
  misconceptions: MisconceptionCount[];
  errors: ErrorCount[];
}

export interface ModuleVersion {
  module: string;
  /** The first 7 hex digits of the source notebook's sha256 the results were graded against. */
  version: string;
  /** "201", or "201 (version a1b2c3d)" when the module was graded against more than one version. */
  label: string;
  title: string;
  notebook: string;
  /** Graded results, by learner. */
  results: GradeResult[];
  max: number;
  medianScore: number;
  exercises: ExerciseSummary[];
}

export interface RevisitItem {
  label: string;
  exercise: string;
  title: string;
  misconception: string;
  message: string;
  section: string | null;
}

export interface LearnerSummary {
  learner: string;
  persona: string;
  /** False when the learner follows the default path (no --personas line). */
  personaChosen: boolean;
  modules: { label: string; module: string; score: number; max: number }[];
  score: number;
  max: number;
  toRevisit: RevisitItem[];
  notAnswered: { label: string; exercise: string; title: string }[];
  /** Exercises where the answer or test cell stopped (an error, a timeout, a kernel that died). */
  stopped: { label: string; exercise: string; kind: string; cell: "answer" | "test" }[];
  notGraded: { notebook: string; status: GradeResult["status"]; message: string | null }[];
  next: { id: string; title: string }[];
}

export interface ProgressRow {
  module: string;
  title: string;
  inMap: boolean;
  /** Learners with a graded result for the module (any version). */
  learners: number;
}

export interface CohortReport {
  /** Result files read. */
  submissions: number;
  graded: number;
  learners: LearnerSummary[];
  modules: ModuleVersion[];
  progress: ProgressRow[];
  notGraded: { learner: string; notebook: string; status: GradeResult["status"]; message: string | null }[];
  /** Things the reader must know before trusting the numbers (mixed versions, missing sources). */
  notices: string[];
}

/** Code-unit order: the same on every machine and locale. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** The median (the mean of the middle two for an even count); 0 for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
}

const shortSha = (sha: string) => sha.slice(0, 7);
/** The module a graded result counts for: its module id, else its notebook's name. */
export const moduleKey = (r: GradeResult): string => r.module ?? r.notebook.replace(/\.ipynb$/, "");
const infoOf = (input: ReportInput, r: GradeResult): NotebookInfo | undefined => {
  const info = r.source ? input.sources.get(r.source.path) : undefined;
  return info && "exercises" in info ? info : undefined;
};

/** Graded results by module version ("201@<sha>"), in module then version order. */
function groupByVersion(results: GradeResult[]): Map<string, GradeResult[]> {
  const groups = new Map<string, GradeResult[]>();
  const graded = results.filter((r) => r.status === "graded");
  const keys = graded.map((r) => `${moduleKey(r)}@${r.source?.sha256 ?? ""}`);
  for (const key of [...new Set(keys)].sort(byText)) groups.set(key, []);
  graded.forEach((r, i) => groups.get(keys[i])!.push(r));
  for (const list of groups.values()) list.sort((a, b) => byText(a.learner, b.learner));
  return groups;
}

/** What to call a misconception the results name by `id`. */
function misconceptionMessage(id: string, info: ExerciseInfo | undefined, sourceKnown: boolean): string {
  if (id === UNNAMED) return UNNAMED_TEXT;
  const message = info?.misconceptions.get(id);
  if (message !== undefined) return message;
  return sourceKnown
    ? `(no message: the source notebook has no misconception "${id}" for this exercise now)`
    : "(no message: the source notebook could not be read)";
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, { item: T; count: number }> {
  const counts = new Map<string, { item: T; count: number }>();
  for (const item of items) {
    const k = key(item);
    const entry = counts.get(k);
    if (entry) entry.count++;
    else counts.set(k, { item, count: 1 });
  }
  return counts;
}

const commonestFirst =
  <T extends { count: number }>(key: (x: T) => string) =>
  (a: T, b: T) =>
    b.count - a.count || byText(key(a), key(b));

function emptyCounts(): Record<ExerciseStatus, number> {
  return {
    correct: 0,
    partial: 0,
    incorrect: 0,
    "not-answered": 0,
    error: 0,
    timeout: 0,
    dead: 0,
    "not-run": 0,
  };
}

/** One exercise of one module version, over the results that have it. */
function summarizeExercise(
  entries: ExerciseResult[],
  info: ExerciseInfo | undefined,
  sourceKnown: boolean,
): ExerciseSummary {
  const first = entries[0];
  const counts = emptyCounts();
  for (const e of entries) counts[e.status]++;
  const hits = entries.filter((e) => e.misconception !== null);
  const misconceptions = [...countBy(hits, (e) => e.misconception!).entries()]
    .map(([id, { count }]) => ({
      id,
      message: misconceptionMessage(id, info, sourceKnown),
      count,
      share: round(count / entries.length, 4),
    }))
    .sort(commonestFirst((m) => m.id));
  const stops = entries.filter((e) => e.error !== null);
  const errors = [...countBy(stops, (e) => `${e.error!.kind}\u0000${e.error!.cell}`).values()]
    .map(({ item, count }) => ({ kind: item.error!.kind, cell: item.error!.cell, count }))
    .sort(commonestFirst((x) => `${x.kind} ${x.cell}`));
  return {
    gradeId: first.grade_id,
    exercise: first.exercise ?? info?.exercise ?? first.grade_id,
    title: first.title ?? info?.title ?? "",
    section: info?.section ?? null,
    submissions: entries.length,
    counts,
    stopped: STOPPED.reduce((sum, s) => sum + counts[s], 0),
    medianPoints: median(entries.map((e) => e.points)),
    max: Math.max(...entries.map((e) => e.max)),
    misconceptions,
    errors,
  };
}

function summarizeVersion(input: ReportInput, results: GradeResult[], mixed: boolean): ModuleVersion {
  const first = results[0];
  const module = moduleKey(first);
  const version = shortSha(first.source?.sha256 ?? "");
  const info = infoOf(input, first);
  const byGradeId = new Map<string, ExerciseResult[]>();
  for (const r of results)
    for (const e of r.exercises) byGradeId.set(e.grade_id, [...(byGradeId.get(e.grade_id) ?? []), e]);
  const inMap = input.map.modules.find((m) => m.id === module);
  return {
    module,
    version,
    label: mixed ? `${module} (version ${version})` : module,
    title: inMap?.title ?? info?.title ?? first.notebook,
    notebook: first.notebook,
    results,
    max: Math.max(...results.map((r) => r.max)),
    medianScore: median(results.map((r) => r.score)),
    exercises: [...byGradeId.entries()].map(([gradeId, entries]) =>
      summarizeExercise(entries, info?.exercises.get(gradeId), info !== undefined),
    ),
  };
}

/** Every module version, in module order; labels carry the version when a module has several. */
export function summarizeModules(input: ReportInput): ModuleVersion[] {
  const groups = [...groupByVersion(input.results.map((l) => l.result)).values()];
  const versionsOf = countBy(groups, (g) => moduleKey(g[0]));
  return groups.map((g) => summarizeVersion(input, g, versionsOf.get(moduleKey(g[0]))!.count > 1));
}
