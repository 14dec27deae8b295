/**
 * `academy validate`: proves the course and the grader agree, for every source notebook:
 * - the source itself (the solutions) scores full marks;
 * - the release (the stubs) scores zero, and grading it does not crash;
 * - every fixture case scores as it should: right answers get the exercise's points,
 *   misconceptions get zero and their own message.
 * - the release forgives (forgiving.ts): unanswered it runs to its last cell with every check
 *   saying "not answered yet", and skipping any one exercise breaks nothing but its own check.
 * Fixture cases for different exercises share one submission, so a module costs a few runs.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gradeCohort } from "../grade/grade-cohort";
import { readNotebook } from "../execute/run-files";
import { loadSources, type CourseNotebook } from "../grade/sources";
import type { GradeResult } from "../grade/types";
import { checkForgiving, forgivingVariants, type ForgivingResult } from "./forgiving";
import { readCases, withCase, type ExerciseCase } from "./cases";

export interface ValidateOptions {
  sourceDir: string;
  releaseDir: string;
  fixturesDir: string;
  jobs: number;
  /** Only these modules (default all). */
  modules?: string[];
  onProgress?(line: string): void;
}

export interface ValidateReport {
  ok: boolean;
  checks: { notebook: string; check: string; ok: boolean; detail: string }[];
  /** The release runs of forgiving.ts (unanswered, and each exercise skipped). */
  forgiving: ForgivingResult[];
}

type Check = ValidateReport["checks"][number];
/** The submission written for one round of fixture cases (one case per exercise). */
interface PlannedRound {
  learner: string;
  notebook: string;
  cases: ExerciseCase[];
}
type FindResult = (learner: string, notebook: string) => GradeResult | undefined;

export async function validateCourse(options: ValidateOptions): Promise<ValidateReport> {
  const sources = loadSources(options.sourceDir).filter(
    (s) => !options.modules || (s.module !== null && options.modules.includes(s.module)),
  );
  const work = mkdtempSync(join(tmpdir(), "academy-validate-"));
  const subs = join(work, "submissions");
  try {
    const planned = sources.flatMap((source) => writeSubmissions(source, subs, options));
    const summary = await gradeCohort({
      inputs: [subs],
      outDir: join(work, "grades"),
      sourceDir: options.sourceDir,
      jobs: options.jobs,
      force: true,
      onProgress: ({ done, total, ref }) =>
        options.onProgress?.(`[${done}/${total}] ${ref.learner}/${ref.path.split("/").pop()}`),
    });
    const find: FindResult = (learner, notebook) =>
      summary.results.find((r) => r.learner === learner && r.notebook === notebook);
    const checks: Check[] = [
      ...sources.flatMap((source) => sourceChecks(source.name, find)),
      ...planned.flatMap((plan) => caseChecks(plan, find(plan.learner, plan.notebook))),
    ];
    const forgiving = await runForgiving(sources, options);
    checks.push(...forgiving.map(forgivingCheck));
    return { ok: checks.every((c) => c.ok), checks, forgiving };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Writes the source, the release and one submission per round of fixture cases for `source`. */
function writeSubmissions(source: CourseNotebook, subs: string, options: ValidateOptions): PlannedRound[] {
  const write = (learner: string, content: string) => {
    const dir = join(subs, learner);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, source.name), content);
  };
  write("source", JSON.stringify(source.notebook));
  write("release", readFileSync(join(options.releaseDir, source.name), "utf8"));
  const cases = source.module ? readCases(options.fixturesDir, source.module) : [];
  return caseRounds(cases).map((inRound, r) => {
    const notebook = inRound.reduce((nb, c) => withCase(nb, c), source.notebook);
    const learner = `cases-${r + 1}`;
    write(learner, JSON.stringify(notebook));
    return { learner, notebook: source.name, cases: inRound };
  });
}

/** Round r holds the r-th case of every exercise. */
function caseRounds(cases: ExerciseCase[]): ExerciseCase[][] {
  const byExercise = new Map<string, ExerciseCase[]>();
  for (const c of cases) byExercise.set(c.exercise, [...(byExercise.get(c.exercise) ?? []), c]);
  const rounds = Math.max(0, ...[...byExercise.values()].map((l) => l.length));
  return Array.from({ length: rounds }, (_, r) =>
    [...byExercise.values()].flatMap((l) => (l[r] ? [l[r]] : [])),
  );
}

/** The source scores full marks; the release scores zero. */
function sourceChecks(notebook: string, find: FindResult): Check[] {
  const own = find("source", notebook);
  const rel = find("release", notebook);
  return [
    {
      notebook,
      check: "source scores full marks",
      ok: !!own && own.status === "graded" && own.score === own.max && own.max > 0,
      detail: own
        ? `${own.score}/${own.max}${own.status !== "graded" ? ` (${own.status}: ${own.message})` : ""}${describeLosses(own)}`
        : "no result",
    },
    {
      notebook,
      check: "release scores zero",
      ok: !!rel && rel.status === "graded" && rel.score === 0,
      detail: rel ? `${rel.score}/${rel.max} (${rel.status})` : "no result",
    },
  ];
}

/** Right answers get the exercise's points; misconceptions get less, and their own message. */
function caseChecks(plan: PlannedRound, result: GradeResult | undefined): Check[] {
  return plan.cases.map((c) => {
    const exercise = result?.exercises.find((e) => e.exercise === c.exercise);
    let ok = false;
    let detail = "no result";
    if (exercise) {
      detail = `${exercise.points}/${exercise.max} ${exercise.status}: ${exercise.messages.join(" | ") || "(no message)"}`;
      ok =
        c.kind === "right"
          ? exercise.points === exercise.max
          : exercise.points < exercise.max &&
            (c.kind !== "misconception" || exercise.messages.some((m) => m.includes(c.expect)));
    }
    return {
      notebook: plan.notebook,
      check: `${c.exercise} ${c.kind}: ${c.code.split("\n")[0].slice(0, 60)}`,
      ok,
      detail,
    };
  });
}

function runForgiving(sources: CourseNotebook[], options: ValidateOptions): Promise<ForgivingResult[]> {
  const variants = sources.flatMap((source) =>
    forgivingVariants(source, readNotebook(join(options.releaseDir, source.name))),
  );
  return checkForgiving(variants, {
    jobs: options.jobs,
    onProgress: (done, total, r) =>
      options.onProgress?.(
        `[${done}/${total}] ${r.notebook} ${r.skipped ? `skipping ${r.skipped}` : "unanswered"}`,
      ),
  });
}

function forgivingCheck(r: ForgivingResult): Check {
  return {
    notebook: r.notebook,
    check: r.skipped
      ? `skipping ${r.skipped} breaks nothing else (every other exercise answered)`
      : "Run All unanswered reaches the last cell; every check says not answered",
    ok: r.ok,
    detail: `${r.runAllCells} of ${r.codeCells} code cells before the first error; ${r.problems.join("; ")}${r.retried ? `(passed on a second run; the first lost an output: ${r.retried})` : ""}`,
  };
}

function describeLosses(result: GradeResult): string {
  const lost = result.exercises.filter((e) => e.points < e.max);
  return lost.length
    ? `; lost points: ${lost.map((e) => `${e.grade_id} (${e.status}: ${e.messages.join(" | ")})`).join("; ")}`
    : "";
}
