/**
 * Grading through a kernel gateway: the same cohort graded by local kernels (`--jobs 2`) and through
 * a real Jupyter Kernel Gateway on this machine (`--server`, `--jobs 2` and `--jobs 4`). On one
 * 2-core machine the gateway's kernels share the grader's cores, so this measures the overhead of
 * driving kernels over HTTP and WebSockets, not the scaling a gateway on a cluster gives.
 *
 * The cohort: for every source notebook with a release, the source (full marks) and the release
 * (zero), as two learners' submissions.
 *
 * Writes bench/results/gateway.json and gateway.md.
 *   node bench/dist/bench/gateway.bench.js
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { loadSources } from "academy-grader";
import { gateways, startGateway, stopGateway } from "../tests/helpers/gateways";
import { repoRoot } from "../tests/helpers/repo";
import { measure, type Measured, writeResults } from "./measure";

const TOKEN = "bench-token";
const progress = (what: string) => console.error(`bench: ${what}`);

function buildCohort(dir: string): number {
  let count = 0;
  for (const source of loadSources(join(repoRoot, "notebooks", "source"))) {
    const release = join(repoRoot, "notebooks", "release", source.name);
    if (!existsSync(release)) continue;
    for (const [learner, text] of [
      ["right", JSON.stringify(source.notebook)],
      ["blank", readFileSync(release, "utf8")],
    ]) {
      mkdirSync(join(dir, `${learner}-${source.module}`), { recursive: true });
      writeFileSync(join(dir, `${learner}-${source.module}`, source.name), text);
      count++;
    }
  }
  return count;
}

/** Scores of a results folder, learner → score/max, to check every way of grading agrees. */
function scores(out: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const learner of readdirSync(out).filter((d) => !d.startsWith(".") && !d.endsWith(".csv"))) {
    for (const f of readdirSync(join(out, learner)).filter((f) => f.endsWith(".json"))) {
      const r = JSON.parse(readFileSync(join(out, learner, f), "utf8")) as {
        status: string;
        score: number;
        max: number;
      };
      result[learner] = `${r.status} ${r.score}/${r.max}`;
    }
  }
  return result;
}

interface Row {
  how: string;
  jobs: number;
  measured: Measured;
  per_minute: number;
  agrees: boolean;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "academy-gateway-bench-"));
  const cohort = join(work, "cohort");
  const count = buildCohort(cohort);
  const rows: Row[] = [];
  const grade = cohortGrader({ work, cohort, count, rows });
  try {
    await grade("local kernels", 2);
    const kg = gateways.find((g) => g.name === "Jupyter Kernel Gateway")!;
    const started = await startGateway(kg, { token: TOKEN, runtimeDir: work });
    try {
      await grade("Jupyter Kernel Gateway (this machine)", 2, started.url);
      await grade("Jupyter Kernel Gateway (this machine)", 4, started.url);
    } finally {
      await stopGateway(started.process);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  writeReport(rows, count);
  if (rows.some((r) => !r.agrees || r.measured.exit !== 0)) process.exitCode = 1;
}

/** Grades the cohort with `academy grade` and adds a row; every row's scores are checked against the first's. */
function cohortGrader({
  work,
  cohort,
  count,
  rows,
}: {
  work: string;
  cohort: string;
  count: number;
  rows: Row[];
}) {
  const academy = join(repoRoot, "grader", "bin", "academy.js");
  let reference: Record<string, string> | undefined;
  return async (how: string, jobs: number, server?: string) => {
    const out = join(work, `grades-${rows.length}`);
    progress(`${how}, --jobs ${jobs}: ${count} submissions`);
    const args = [
      academy,
      "grade",
      cohort,
      "--out",
      out,
      "--jobs",
      String(jobs),
      ...(server ? ["--server", server, "--token", TOKEN] : []),
    ];
    const measured = await measure(process.execPath, args, { cwd: repoRoot, timeoutMs: 60 * 60_000 });
    const got = scores(out);
    reference ??= got;
    rows.push({
      how,
      jobs,
      measured,
      per_minute: Math.round((count / measured.wall_s) * 60 * 10) / 10,
      agrees: JSON.stringify(got) === JSON.stringify(reference),
    });
  };
}

/** Prints the table and writes bench/results/gateway.json and gateway.md. */
function writeReport(rows: Row[], count: number): void {
  const summary = {
    date: new Date().toISOString(),
    cpus: cpus().length,
    load_average: loadavg().map((l) => Math.round(l * 100) / 100),
    submissions: count,
    rows,
  };
  const md = [
    `# Grading through a kernel gateway (${count} submissions, ${cpus().length} cores, load ${summary.load_average.join(" ")})`,
    "",
    "| how | --jobs | wall s | submissions / min | grader CPU s | same scores |",
    "|---|---:|---:|---:|---:|---|",
    ...rows.map(
      (r) =>
        `| ${r.how} | ${r.jobs} | ${r.measured.wall_s.toFixed(1)} | ${r.per_minute} | ${r.measured.cpu_s.toFixed(1)} | ${r.agrees ? "yes" : "NO"} |`,
    ),
    "",
    "The gateway's kernels run on the same 2 cores here: the rows compare the overhead of driving kernels over HTTP and",
    "WebSockets with local ZeroMQ, not a cluster's scaling. Grader CPU is the grader process alone (the gateway's kernels are not its children).",
    "",
  ].join("\n");
  console.log(md);
  writeResults("gateway", summary, md);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
