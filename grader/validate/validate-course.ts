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
import { loadSources } from "../grade/sources";
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

export async function validateCourse(options: ValidateOptions): Promise<ValidateReport> {
  const sources = loadSources(options.sourceDir).filter(
    (s) => !options.modules || (s.module !== null && options.modules.includes(s.module)),
  );
  const work = mkdtempSync(join(tmpdir(), "academy-validate-"));
  const subs = join(work, "submissions");
  const planned: { learner: string; notebook: string; cases: ExerciseCase[] }[] = [];
  try {
    for (const source of sources) {
      const write = (learner: string, content: string) => {
        const dir = join(subs, learner);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, source.name), content);
      };
      write("source", JSON.stringify(source.notebook));
      write("release", readFileSync(join(options.releaseDir, source.name), "utf8"));
      // Round r holds the r-th case of every exercise.
      const cases = source.module ? readCases(options.fixturesDir, source.module) : [];
      const byExercise = new Map<string, ExerciseCase[]>();
      for (const c of cases) byExercise.set(c.exercise, [...(byExercise.get(c.exercise) ?? []), c]);
      const rounds = Math.max(0, ...[...byExercise.values()].map((l) => l.length));
      for (let r = 0; r < rounds; r++) {
        const inRound = [...byExercise.values()].flatMap((l) => (l[r] ? [l[r]] : []));
        const notebook = inRound.reduce((nb, c) => withCase(nb, c), source.notebook);
        const learner = `cases-${r + 1}`;
        write(learner, JSON.stringify(notebook));
        planned.push({ learner, notebook: source.name, cases: inRound });
      }
    }
    const summary = await gradeCohort({
      inputs: [subs],
      outDir: join(work, "grades"),
      sourceDir: options.sourceDir,
      jobs: options.jobs,
      force: true,
      onProgress: ({ done, total, ref }) =>
        options.onProgress?.(`[${done}/${total}] ${ref.learner}/${ref.path.split("/").pop()}`),
    });
    const find = (learner: string, notebook: string) =>
      summary.results.find((r) => r.learner === learner && r.notebook === notebook);
    const checks: ValidateReport["checks"] = [];
    for (const source of sources) {
      const own = find("source", source.name);
      checks.push({
        notebook: source.name,
        check: "source scores full marks",
        ok: !!own && own.status === "graded" && own.score === own.max && own.max > 0,
        detail: own
          ? `${own.score}/${own.max}${own.status !== "graded" ? ` (${own.status}: ${own.message})` : ""}${describeLosses(own)}`
          : "no result",
      });
      const rel = find("release", source.name);
      checks.push({
        notebook: source.name,
        check: "release scores zero",
        ok: !!rel && rel.status === "graded" && rel.score === 0,
        detail: rel ? `${rel.score}/${rel.max} (${rel.status})` : "no result",
      });
    }
    for (const plan of planned) {
      const result = find(plan.learner, plan.notebook);
      for (const c of plan.cases) {
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
        checks.push({
          notebook: plan.notebook,
          check: `${c.exercise} ${c.kind}: ${c.code.split("\n")[0].slice(0, 60)}`,
          ok,
          detail,
        });
      }
    }
    const variants = sources.flatMap((source) =>
      forgivingVariants(source, readNotebook(join(options.releaseDir, source.name))),
    );
    const forgiving = await checkForgiving(variants, {
      jobs: options.jobs,
      onProgress: (done, total, r) =>
        options.onProgress?.(
          `[${done}/${total}] ${r.notebook} ${r.skipped ? `skipping ${r.skipped}` : "unanswered"}`,
        ),
    });
    for (const r of forgiving) {
      checks.push({
        notebook: r.notebook,
        check: r.skipped
          ? `skipping ${r.skipped} breaks nothing else (every other exercise answered)`
          : "Run All unanswered reaches the last cell; every check says not answered",
        ok: r.ok,
        detail: `${r.runAllCells} of ${r.codeCells} code cells before the first error; ${r.problems.join("; ")}${r.retried ? `(passed on a second run; the first lost an output: ${r.retried})` : ""}`,
      });
    }
    return { ok: checks.every((c) => c.ok), checks, forgiving };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function describeLosses(result: GradeResult): string {
  const lost = result.exercises.filter((e) => e.points < e.max);
  return lost.length
    ? `; lost points: ${lost.map((e) => `${e.grade_id} (${e.status}: ${e.messages.join(" | ")})`).join("; ")}`
    : "";
}
