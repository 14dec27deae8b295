/**
 * Grading a cohort, side by side on one machine: `academy grade --jobs 2` against nbgrader's
 * `autograde` (from PyPI, in .venv/nbgrader) and against nbclient executing the same submissions
 * one after another (nbgrader's floor: autograde executes with nbclient). Same tslab kernel: the
 * course's kernelspec, which starts the snapshot kernel. On the same work nbclient also runs on a
 * kernelspec of plain tslab (launch.sh --plain), the kernel an nbclient or nbgrader user has.
 *
 * The cohort (at least 40 submissions) is generated from the course's source notebooks:
 * all right, all blank (the release), mixed, with errors, and with one slow cell.
 *
 * Writes bench/results/grade.json, grade.md and grade.svg.
 *   node bench/dist/bench/grade.bench.js [--submissions 40] [--jobs 2] [--skip-nbgrader]
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import {
  withCase,
  exercisesOf as exercisesOfNotebook,
  loadSources,
  type GradeResult,
  type Notebook,
} from "academy-grader";
import { chart } from "data-academy";
import { repoRoot, venvBin } from "../tests/helpers/repo";
import { measure, type Measured, writeResults } from "./measure";

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const SUBMISSIONS = Number(arg("submissions", "40"));
const JOBS = Number(arg("jobs", "2"));
const progress = (what: string) => console.error(`bench: ${what}`);

type Variant = "right" | "blank" | "mixed" | "errors" | "slow";
const VARIANTS: Variant[] = ["right", "blank", "mixed", "errors", "slow"];

function exercisesOf(nb: Notebook): string[] {
  return exercisesOfNotebook(nb).map((e) => e.id);
}

/** One synthetic submission of `variant` from a source notebook and its release. */
function makeSubmission(source: Notebook, released: Notebook, variant: Variant): Notebook {
  const exercises = exercisesOf(source);
  switch (variant) {
    case "right":
      return source;
    case "blank":
      return released;
    case "mixed":
      return exercises
        .filter((_, i) => i % 2 === 1)
        .reduce(
          (nb, exercise) => withCase(nb, { exercise, code: 'throw new Error("Not answered yet");' }),
          source,
        );
    case "errors":
      return withCase(
        withCase(source, { exercise: exercises[0], code: 'const oops: number = "a string";' }),
        { exercise: exercises[exercises.length - 1], code: "null.toString();" },
      );
    case "slow": {
      const copy = structuredClone(source);
      copy.cells.splice(2, 0, {
        cell_type: "code",
        id: "slow-cell",
        source: "const t0 = Date.now();\nwhile (Date.now() - t0 < 3000) {}",
        metadata: {},
        execution_count: null,
        outputs: [],
      });
      return copy;
    }
  }
}

function buildCohort(dir: string, variants: Variant[] = VARIANTS): { count: number; modules: string[] } {
  const sources = loadSources(join(repoRoot, "notebooks", "source"));
  const usable = sources.filter((s) => existsSync(join(repoRoot, "notebooks", "release", s.name)));
  if (usable.length === 0) throw new Error("no source notebooks with a release: run academy release first");
  for (let i = 0; i < SUBMISSIONS; i++) {
    const source = usable[i % usable.length];
    const variant = variants[Math.floor(i / usable.length) % variants.length];
    const released = JSON.parse(
      readFileSync(join(repoRoot, "notebooks", "release", source.name), "utf8"),
    ) as Notebook;
    const learner = `learner-${String(i).padStart(3, "0")}-${variant}`;
    mkdirSync(join(dir, learner), { recursive: true });
    writeFileSync(
      join(dir, learner, source.name),
      JSON.stringify(makeSubmission(source.notebook, released, variant), null, 1),
    );
  }
  return { count: SUBMISSIONS, modules: usable.map((s) => s.name) };
}

/** nbclient over every submission, one after another, in one Python process (as nbgrader autograde does). */
const NBCLIENT_SCRIPT = `
import sys, json, glob, nbformat, pathlib
from nbclient import NotebookClient
paths = sorted(glob.glob(sys.argv[1] + "/*/*.ipynb"))
aborted = 0; cells = 0
def count(cell, cell_index, execute_reply):
    global aborted
    if execute_reply and execute_reply.get("content", {}).get("status") in ("abort", "aborted"):
        aborted += 1
for p in paths:
    nb = nbformat.read(p, as_version=4)
    client = NotebookClient(nb, kernel_name=sys.argv[4], allow_errors=True, timeout=60, resources={"metadata": {"path": sys.argv[2]}}, on_cell_executed=count)
    try:
        client.execute()
    except Exception as e:
        print("error", p, type(e).__name__, str(e)[:200], file=sys.stderr)
    cells += sum(1 for c in nb.cells if c.cell_type == "code" and c.source.strip())
# Cells tslab answered "abort" to (sent within ~200 ms of an error): nbclient does not resend them, so they never ran.
pathlib.Path(sys.argv[3]).write_text(json.dumps({"notebooks": len(paths), "code_cells": cells, "cells_never_run": aborted}))
`;

interface NbgraderRun {
  measured?: Measured;
  outcome: string;
}

async function runNbgrader(cohort: string, work: string): Promise<NbgraderRun> {
  const nbgrader = join(repoRoot, ".venv", "nbgrader", "bin", "nbgrader");
  if (!existsSync(nbgrader))
    return { outcome: "nbgrader is not installed (.venv/nbgrader: make jest installs it)" };
  const course = join(work, "nbgrader-course");
  const env = nbgraderEnv();
  const assignments = layOutCourse(cohort, course);
  for (const assignment of assignments) {
    const gen = spawnSync(nbgrader, ["generate_assignment", assignment, "--force"], {
      cwd: course,
      env,
      encoding: "utf8",
    });
    if (gen.status !== 0)
      return {
        outcome: `nbgrader generate_assignment ${assignment} failed (exit ${gen.status}): ${lastLines(gen.stderr)}`,
      };
  }
  const measured = await autogradeAll(nbgrader, assignments, { cwd: course, env });
  const autograded = existsSync(join(course, "autograded"))
    ? readdirSync(join(course, "autograded")).length
    : 0;
  const wrongScores = lastLines(
    measured.stderr
      .split("\n")
      .filter((l) => /error|Error|abort|Traceback/.test(l))
      .join("\n"),
    6,
  );
  return {
    measured,
    outcome: `exit ${measured.exit}; ${autograded} students autograded${wrongScores ? `; errors reported: ${wrongScores}` : ""}`,
  };
}

/** The environment nbgrader runs in: its own venv first, then the main one (for the tslab kernel spec). */
function nbgraderEnv(): NodeJS.ProcessEnv {
  const site = readdirSync(join(repoRoot, ".venv", "nbgrader", "lib")).map((d) =>
    join(repoRoot, ".venv", "nbgrader", "lib", d, "site-packages"),
  )[0];
  return {
    ...process.env,
    PYTHONPATH: site,
    PATH: `${join(repoRoot, ".venv", "nbgrader", "bin")}:${join(repoRoot, ".venv", "bin")}:${process.env.PATH}`,
  };
}

/** Writes the nbgrader course for the cohort; returns its assignments. */
function layOutCourse(cohort: string, course: string): Set<string> {
  // nbgrader's layout: source/<assignment>/, submitted/<student>/<assignment>/; one assignment per module.
  const config = [
    "c = get_config()",
    "c.CourseDirectory.root = " + JSON.stringify(course),
    'c.ClearSolutions.code_stub = {"typescript": "throw new Error(\\"Not answered yet\\");"}',
    'c.ExecutePreprocessor.kernel_name = "tslab"',
    'c.Execute.kernel_name = "tslab"',
    "c.Execute.timeout = 60",
  ].join("\n");
  mkdirSync(course, { recursive: true });
  writeFileSync(join(course, "nbgrader_config.py"), config + "\n");
  const assignments = new Set<string>();
  for (const learner of readdirSync(cohort)) {
    for (const file of readdirSync(join(cohort, learner))) {
      const assignment = `m${file.slice(0, 3)}`;
      assignments.add(assignment);
      mkdirSync(join(course, "source", assignment), { recursive: true });
      cpSync(join(repoRoot, "notebooks", "source", file), join(course, "source", assignment, file));
      mkdirSync(join(course, "submitted", learner, assignment), { recursive: true });
      cpSync(join(cohort, learner, file), join(course, "submitted", learner, assignment, file));
    }
  }
  return assignments;
}

async function autogradeAll(
  nbgrader: string,
  assignments: Set<string>,
  { cwd, env }: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Measured> {
  // The same kernel: autograde's Execute preprocessor runs each submission with tslab.
  // autograde takes one assignment per call: run each and add them up.
  const measured: Measured = { wall_s: 0, cpu_s: 0, peak_rss_mb: 0, exit: 0, stderr: "" };
  for (const assignment of assignments) {
    const one = await measure(nbgrader, ["autograde", assignment, "--force"], {
      cwd,
      env,
      timeoutMs: 40 * 60_000,
    });
    measured.wall_s += one.wall_s;
    measured.cpu_s += one.cpu_s;
    measured.peak_rss_mb = Math.max(measured.peak_rss_mb, one.peak_rss_mb);
    measured.stderr += one.stderr;
    if (one.exit !== 0) measured.exit = one.exit;
  }
  return measured;
}

const lastLines = (text: string, n = 4) => text.trim().split("\n").slice(-n).join(" / ").slice(0, 600);

interface NbclientCounts {
  notebooks: number;
  code_cells: number;
  cells_never_run: number;
}

/** Everything one benchmark run measured. */
interface Measurements {
  count: number;
  modules: string[];
  ours: Measured;
  warm: Measured;
  results: GradeResult[];
  /** Seconds the cells of all submissions took, by our results. */
  cellsS: number;
  startS: number;
  floorS: number;
  nbclient: Measured;
  nbclientCounts?: NbclientCounts;
  nbgrader: NbgraderRun;
  /** The same cohort size with right answers only: nbclient runs every cell, so both do the same work. */
  sameWork: SameWork;
}

interface SameWork {
  count: number;
  ours: Measured;
  warm: Measured;
  nbclient: Measured;
  nbclientCounts?: NbclientCounts;
  /** academy grade on plain tslab (ACADEMY_KERNEL_SNAPSHOT=0): what it was before the snapshot kernel. */
  oursPlain: Measured;
  warmPlain: Measured;
  /** nbclient on plain tslab (the kernelspec with launch.sh --plain). */
  nbclientPlain: Measured;
  nbclientPlainCounts?: NbclientCounts;
}

/**
 * A Jupyter data folder with one kernelspec, "tslab-plain": the course's own (in .venv) with
 * launch.sh told to start plain tslab. Returned for JUPYTER_PATH.
 */
function plainKernelspec(work: string): string {
  const spec = JSON.parse(
    readFileSync(join(repoRoot, ".venv", "share", "jupyter", "kernels", "tslab", "kernel.json"), "utf8"),
  ) as { argv: string[]; display_name: string };
  const at = spec.argv.indexOf("--config-path");
  if (at < 0) throw new Error("the tslab kernelspec has no --config-path: make install registers it");
  spec.argv.splice(at, 0, "--plain");
  spec.display_name = "TypeScript (plain tslab)";
  const data = join(work, "jupyter-plain");
  mkdirSync(join(data, "kernels", "tslab-plain"), { recursive: true });
  writeFileSync(join(data, "kernels", "tslab-plain", "kernel.json"), JSON.stringify(spec, null, 2));
  return data;
}

/** Right answers only: no tslab error, so no cell is lost to nbclient's abort, and the work is the same. */
async function gradeSameWork(work: string): Promise<SameWork> {
  const cohort = join(work, "cohort-right");
  const { count } = buildCohort(cohort, ["right"]);
  progress(`same work: ${count} right-answer submissions`);
  const { ours, warm } = await gradeOurs(cohort, join(work, "grades-right"));
  const before = await gradeOurs(cohort, join(work, "grades-right-plain"), {
    ...process.env,
    ACADEMY_KERNEL_SNAPSHOT: "0",
  });
  progress("same work: nbclient, sequentially");
  const { nbclient, nbclientCounts } = await runNbclient(cohort, join(work, "nbclient-right.json"));
  progress("same work: nbclient, sequentially, on plain tslab");
  const plain = await runNbclient(cohort, join(work, "nbclient-right-plain.json"), plainKernelspec(work));
  for (const counts of [nbclientCounts, plain.nbclientCounts])
    if (counts && counts.cells_never_run > 0)
      throw new Error(`same work: nbclient lost ${counts.cells_never_run} cells on right answers`);
  return {
    count,
    ours,
    warm,
    oursPlain: before.ours,
    warmPlain: before.warm,
    nbclient,
    nbclientCounts,
    nbclientPlain: plain.nbclient,
    nbclientPlainCounts: plain.nbclientCounts,
  };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), "academy-bench-grade-"));
  const cohort = join(work, "cohort");
  const { count, modules } = buildCohort(cohort);
  progress(`cohort of ${count} submissions over ${modules.join(", ")}`);

  const sameWork = await gradeSameWork(work);
  const { ours, warm, results, cellsS } = await gradeOurs(cohort, join(work, "grades"));
  progress("kernel start-up: 3 fresh kernels");
  const startS = medianKernelStartS();
  const referenceRuns = modules.length;
  // The physical floor: every kernel must start and every cell must run; the jobs share the work.
  const floorS = (cellsS + (count + referenceRuns) * startS) / JOBS;

  progress("nbclient, sequentially, same kernel");
  const { nbclient, nbclientCounts } = await runNbclient(cohort, join(work, "nbclient.json"));

  let nbgrader: NbgraderRun = { outcome: "skipped (--skip-nbgrader)" };
  if (!process.argv.includes("--skip-nbgrader")) {
    progress("nbgrader autograde, same kernel");
    nbgrader = await runNbgrader(cohort, work);
  }
  const m: Measurements = {
    count,
    modules,
    ours,
    warm,
    results,
    cellsS,
    startS,
    floorS,
    nbclient,
    nbclientCounts,
    nbgrader,
    sameWork,
  };
  const summary = summaryOf(m);
  const md = markdownOf(m, summary);
  console.log(md);
  writeResults("grade", summary, md);
  await writeChart(m);
  rmSync(work, { recursive: true, force: true });
}

/** `academy grade` cold (reference runs included), its results, then again warm (references cached). */
async function gradeOurs(
  cohort: string,
  grades: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Pick<Measurements, "ours" | "warm" | "results" | "cellsS">> {
  const how = env.ACADEMY_KERNEL_SNAPSHOT === "0" ? ", plain tslab" : "";
  progress(`academy grade --jobs ${JOBS}${how} (cold: reference runs included)`);
  const academyGrade = (...more: string[]) =>
    measure(
      "node",
      [
        join(repoRoot, "grader", "bin", "academy.js"),
        ...["grade", cohort, "--out", grades, "--jobs", String(JOBS), ...more],
      ],
      { env },
    );
  const ours = await academyGrade();
  if (ours.exit !== 0) throw new Error(`academy grade failed: ${lastLines(ours.stderr)}`);
  const results: GradeResult[] = [];
  for (const learner of readdirSync(grades).filter((d) => d.startsWith("learner-"))) {
    for (const f of readdirSync(join(grades, learner)).filter((f) => f.endsWith(".json")))
      results.push(JSON.parse(readFileSync(join(grades, learner, f), "utf8")) as GradeResult);
  }
  const cellsS = results.reduce((s, r) => s + (r.run?.cells_ms ?? 0), 0) / 1000;

  progress(
    `academy grade --jobs ${JOBS}${how} --force again (warm: reference runs cached, as for a second batch)`,
  );
  const warm = await academyGrade("--force");
  return { ours, warm, results, cellsS };
}

/** The median of 3 local kernel starts, in seconds, in a fresh node process. */
function medianKernelStartS(): number {
  const startScript = `const { startLocalKernel } = require(${JSON.stringify(join(repoRoot, "grader", "dist", "kernel", "zmq", "local.js"))});
    (async () => { const t = []; for (let i = 0; i < 3; i++) { const s = Date.now(); const k = await startLocalKernel({ cwd: ${JSON.stringify(join(repoRoot, "notebooks", "source"))} }); t.push(Date.now() - s); await k.shutdown(); }
    console.log(JSON.stringify(t)); process.exit(0); })();`;
  const starts = JSON.parse(
    spawnSync("node", ["-e", startScript], { encoding: "utf8" }).stdout.trim(),
  ) as number[];
  return [...starts].sort((a, b) => a - b)[1] / 1000;
}

/** nbclient over the cohort: on the course's kernelspec, or on "tslab-plain" from `plainData`. */
async function runNbclient(
  cohort: string,
  nbclientStats: string,
  plainData?: string,
): Promise<Pick<Measurements, "nbclient" | "nbclientCounts">> {
  const kernel = plainData ? "tslab-plain" : "tslab";
  const env = plainData ? { ...process.env, JUPYTER_PATH: plainData } : process.env;
  const nbclient = await measure(
    venvBin("python"),
    ["-c", NBCLIENT_SCRIPT, cohort, join(repoRoot, "notebooks", "source"), nbclientStats, kernel],
    { env },
  );
  const nbclientCounts = existsSync(nbclientStats)
    ? (JSON.parse(readFileSync(nbclientStats, "utf8")) as NbclientCounts)
    : undefined;
  return { nbclient, nbclientCounts };
}

/** The same-work section of grade.json: ours against nbclient, on the snapshot kernel and on plain tslab. */
function sameWorkSummary(same: SameWork) {
  return {
    submissions: same.count,
    ours_s: round(same.ours.wall_s),
    ours_warm_s: round(same.warm.wall_s),
    nbclient_s: round(same.nbclient.wall_s),
    ratio: round(same.nbclient.wall_s / same.ours.wall_s),
    ratio_warm: round(same.nbclient.wall_s / same.warm.wall_s),
    cpu_s_per_submission: round(same.ours.cpu_s / same.count),
    cpu_s_per_submission_warm: round(same.warm.cpu_s / same.count),
    nbclient_cpu_s_per_submission: round(same.nbclient.cpu_s / same.count),
    nbclient_counts: same.nbclientCounts,
    nbclient_plain_s: round(same.nbclientPlain.wall_s),
    ratio_plain: round(same.nbclientPlain.wall_s / same.ours.wall_s),
    ratio_plain_warm: round(same.nbclientPlain.wall_s / same.warm.wall_s),
    nbclient_plain_cpu_s_per_submission: round(same.nbclientPlain.cpu_s / same.count),
    nbclient_plain_counts: same.nbclientPlainCounts,
    plain_tslab_s: round(same.oursPlain.wall_s),
    plain_tslab_warm_s: round(same.warmPlain.wall_s),
    plain_tslab_cpu_s_per_submission: round(same.oursPlain.cpu_s / same.count),
    plain_tslab_cpu_s_per_submission_warm: round(same.warmPlain.cpu_s / same.count),
    cpu_vs_plain_tslab: round(same.ours.cpu_s / same.oursPlain.cpu_s),
    cpu_vs_plain_tslab_warm: round(same.warm.cpu_s / same.warmPlain.cpu_s),
  };
}

/** bench/results/grade.json: the ratios against the peer (nbgrader when it ran, else nbclient) and the floor. */
function summaryOf(m: Measurements) {
  const { count, ours, warm, nbclient, nbgrader, floorS } = m;
  const nbgraderOk = nbgrader.measured !== undefined && nbgrader.measured.exit === 0;
  const peer = nbgraderOk ? "nbgrader autograde" : "nbclient (sequential)";
  const peerS = nbgraderOk ? nbgrader.measured!.wall_s : nbclient.wall_s;
  return {
    same_work: sameWorkSummary(m.sameWork),
    submissions: count,
    jobs: JOBS,
    ours_s: round(ours.wall_s),
    peer,
    peer_s: round(peerS),
    ratio: round(peerS / ours.wall_s),
    ours_warm_s: round(warm.wall_s),
    ratio_warm: round(peerS / warm.wall_s),
    overhead_pct: round(((ours.wall_s - floorS) / floorS) * 100),
    floor_s: round(floorS),
    cells_s: round(m.cellsS),
    kernel_start_s: round(m.startS),
    reference_runs: m.modules.length,
    submissions_per_minute: {
      ours: round((count / ours.wall_s) * 60),
      nbclient: round((count / nbclient.wall_s) * 60),
      nbgrader: nbgraderOk ? round((count / nbgrader.measured!.wall_s) * 60) : null,
    },
    ours: { ...ours, stderr: lastLines(ours.stderr) },
    ours_warm: { ...warm, stderr: lastLines(warm.stderr) },
    nbclient: { ...nbclient, stderr: lastLines(nbclient.stderr), counts: m.nbclientCounts },
    nbgrader: {
      outcome: nbgrader.outcome,
      ...(nbgrader.measured ? { ...nbgrader.measured, stderr: lastLines(nbgrader.measured.stderr) } : {}),
    },
    scores: Object.fromEntries(
      VARIANTS.map((v) => [
        v,
        m.results
          .filter((r) => r.learner.endsWith(v))
          .map((r) => `${r.score}/${r.max}`)
          .join(" "),
      ]),
    ),
    machine: { cores: cpus().length, node: process.version },
    modules: m.modules,
  };
}

/** bench/results/grade.md: the table of tools, then the ratios and the floor. */
function markdownOf(m: Measurements, summary: ReturnType<typeof summaryOf>): string {
  const { count, modules, ours, warm, nbclient, nbclientCounts, nbgrader } = m;
  const referenceRuns = modules.length;
  const table = [
    "| tool | wall s | CPU s | peak MB | submissions/min |",
    "|---|---:|---:|---:|---:|",
    `| academy grade --jobs ${JOBS} (cold) | ${round(ours.wall_s)} | ${round(ours.cpu_s)} | ${round(ours.peak_rss_mb)} | ${summary.submissions_per_minute.ours} |`,
    `| academy grade --jobs ${JOBS} (references cached) | ${round(warm.wall_s)} | ${round(warm.cpu_s)} | ${round(warm.peak_rss_mb)} | ${round((count / warm.wall_s) * 60)} |`,
    `| nbclient, sequential | ${round(nbclient.wall_s)} | ${round(nbclient.cpu_s)} | ${round(nbclient.peak_rss_mb)} | ${summary.submissions_per_minute.nbclient} |`,
    nbgrader.measured
      ? `| nbgrader autograde | ${round(nbgrader.measured.wall_s)} | ${round(nbgrader.measured.cpu_s)} | ${round(nbgrader.measured.peak_rss_mb)} | ${summary.submissions_per_minute.nbgrader ?? "failed"} |`
      : `| nbgrader autograde | – | – | – | ${nbgrader.outcome} |`,
  ].join("\n");
  const same = m.sameWork;
  const sameTable = [
    "| tool | wall s | CPU s | CPU s per submission |",
    "|---|---:|---:|---:|",
    `| academy grade --jobs ${JOBS} (cold) | ${round(same.ours.wall_s)} | ${round(same.ours.cpu_s)} | ${summary.same_work.cpu_s_per_submission} |`,
    `| academy grade --jobs ${JOBS} (references cached) | ${round(same.warm.wall_s)} | ${round(same.warm.cpu_s)} | ${summary.same_work.cpu_s_per_submission_warm} |`,
    `| academy grade --jobs ${JOBS}, plain tslab (cold) | ${round(same.oursPlain.wall_s)} | ${round(same.oursPlain.cpu_s)} | ${summary.same_work.plain_tslab_cpu_s_per_submission} |`,
    `| academy grade --jobs ${JOBS}, plain tslab (references cached) | ${round(same.warmPlain.wall_s)} | ${round(same.warmPlain.cpu_s)} | ${summary.same_work.plain_tslab_cpu_s_per_submission_warm} |`,
    `| nbclient, sequential (the course's kernelspec: the snapshot kernel) | ${round(same.nbclient.wall_s)} | ${round(same.nbclient.cpu_s)} | ${summary.same_work.nbclient_cpu_s_per_submission} |`,
    `| nbclient, sequential, plain tslab | ${round(same.nbclientPlain.wall_s)} | ${round(same.nbclientPlain.cpu_s)} | ${summary.same_work.nbclient_plain_cpu_s_per_submission} |`,
  ].join("\n");
  return [
    `# Grading ${count} submissions (${modules.length} modules, jobs ${JOBS}, ${cpus().length} cores)`,
    "",
    `## The same work: ${same.count} right-answer submissions`,
    "",
    "nbclient runs every cell of these (no tslab error, so no abort), as we do.",
    "",
    sameTable,
    "",
    `- CPU, the snapshot kernel / plain tslab (ACADEMY_KERNEL_SNAPSHOT=0): **${summary.same_work.cpu_vs_plain_tslab}** cold, **${summary.same_work.cpu_vs_plain_tslab_warm}** with the reference runs cached`,
    `- ratio (nbclient on the snapshot kernel / ours): **${summary.same_work.ratio}** cold, **${summary.same_work.ratio_warm}** with the reference runs cached`,
    `- ratio (nbclient on plain tslab / ours): **${summary.same_work.ratio_plain}** cold, **${summary.same_work.ratio_plain_warm}** with the reference runs cached`,
    `- nbclient: ${same.nbclientCounts ? `${same.nbclientCounts.cells_never_run} of ${same.nbclientCounts.code_cells} code cells never ran` : "no counts"}`,
    "",
    `## A mixed cohort: right, blank, half done, with errors, with a slow cell`,
    "",
    "On errors nbclient loses the cells tslab aborts (counted below), so it does less work than we do here.",
    "",
    table,
    "",
    `- ratio (${summary.peer} / ours): **${summary.ratio}** cold, **${summary.ratio_warm}** with the reference runs cached`,
    `- floor: cells ${summary.cells_s} s + ${count + referenceRuns} kernel starts × ${summary.kernel_start_s} s, over ${JOBS} jobs = ${summary.floor_s} s; our overhead above it: **${summary.overhead_pct}%**`,
    `- nbclient: ${nbclientCounts ? `${nbclientCounts.cells_never_run} of ${nbclientCounts.code_cells} code cells never ran (the abort after a tslab error)` : "no counts"}`,
    `- nbgrader: ${nbgrader.outcome}`,
    "",
  ].join("\n");
}

/** bench/results/grade.svg: wall time per tool, and the floor. */
async function writeChart({ count, ours, nbclient, nbgrader, floorS }: Measurements): Promise<void> {
  const bars = [
    { tool: `academy grade (jobs ${JOBS})`, seconds: round(ours.wall_s) },
    { tool: "nbclient sequential", seconds: round(nbclient.wall_s) },
    ...(nbgrader.measured ? [{ tool: "nbgrader autograde", seconds: round(nbgrader.measured.wall_s) }] : []),
    { tool: "floor (cells + starts)", seconds: round(floorS) },
  ];
  writeFileSync(
    join(repoRoot, "bench", "results", "grade.svg"),
    await chart.toSVG(
      chart.bar(bars, {
        x: "tool",
        y: "seconds",
        sort: "none",
        title: `Grading ${count} submissions: wall time`,
      }),
    ),
  );
}

const round = (x: number) => Math.round(x * 100) / 100;

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
