/**
 * Running the course end to end, side by side on one machine, same tslab kernel:
 * - every source notebook, `academy run --jobs 1` vs nbclient (from .venv) one after another,
 *   then `academy run --jobs 2`: wall time, CPU time, peak memory of the process tree;
 * - the library in a kernel: memory of an idle kernel, of a kernel with data-academy imported,
 *   and of a kernel after each module ran.
 * Writes bench/results/run.json and run.md.
 */
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { runNotebook, startLocalKernel, type Notebook } from "academy-grader";
import { repoRoot, venvBin } from "../tests/helpers/repo";
import { measure, type Measured, writeResults } from "./measure";

const progress = (what: string) => console.error(`bench: ${what}`);
const round = (x: number) => Math.round(x * 100) / 100;
const sourceDir = join(repoRoot, "notebooks", "source");

const NBCLIENT_SCRIPT = `
import sys, nbformat
from nbclient import NotebookClient
for path in sys.argv[2:]:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="tslab", timeout=120, resources={"metadata": {"path": sys.argv[1]}}).execute()
`;

function rssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function kernelMemory(
  notebooks: string[],
): Promise<{ idle_mb: number; imported_mb: number; after: Record<string, number> }> {
  const idle = await startLocalKernel({ cwd: sourceDir });
  let idleMb: number;
  let importedMb: number;
  try {
    await idle.execute("1");
    idleMb = rssMb(idle.pid);
    await idle.execute('import { lake, catalog, stats, chart, exercise, observe } from "data-academy";');
    importedMb = rssMb(idle.pid);
  } finally {
    await idle.shutdown();
  }
  const after: Record<string, number> = {};
  for (const path of notebooks) {
    const session = await startLocalKernel({ cwd: sourceDir });
    try {
      await runNotebook(JSON.parse(readFileSync(path, "utf8")) as Notebook, { session, allowErrors: true });
      after[path.split("/").pop()!] = round(rssMb(session.pid));
    } finally {
      await session.shutdown();
    }
  }
  return { idle_mb: round(idleMb), imported_mb: round(importedMb), after };
}

async function main() {
  const notebooks = readdirSync(sourceDir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => join(sourceDir, f));
  if (notebooks.length === 0) throw new Error("no source notebooks");
  const cli = join(repoRoot, "grader", "bin", "academy.js");
  const load = loadavg()[0];
  const runs: Record<string, Measured> = {};
  progress(`academy run --jobs 1 over ${notebooks.length} notebooks`);
  runs["academy run --jobs 1"] = await measure("node", [cli, "run", "--jobs", "1", ...notebooks]);
  progress("nbclient, one after another");
  runs["nbclient (sequential)"] = await measure(venvBin("python"), [
    "-c",
    NBCLIENT_SCRIPT,
    sourceDir,
    ...notebooks,
  ]);
  progress("academy run --jobs 2");
  runs["academy run --jobs 2"] = await measure("node", [cli, "run", "--jobs", "2", ...notebooks]);
  for (const [name, m] of Object.entries(runs))
    if (m.exit !== 0) throw new Error(`${name} failed (exit ${m.exit}): ${m.stderr.slice(-800)}`);

  progress("kernel memory: idle, library imported, after each module");
  const memory = await kernelMemory(notebooks);

  const table = [
    `| runner | wall s | CPU s | peak MB |`,
    `|---|---:|---:|---:|`,
    ...Object.entries(runs).map(
      ([name, m]) => `| ${name} | ${round(m.wall_s)} | ${round(m.cpu_s)} | ${round(m.peak_rss_mb)} |`,
    ),
  ].join("\n");
  const memTable = [
    "| kernel | RSS MB |",
    "|---|---:|",
    `| idle (after one cell) | ${memory.idle_mb} |`,
    `| data-academy imported | ${memory.imported_mb} |`,
    ...Object.entries(memory.after).map(([nb, mb]) => `| after ${nb} | ${mb} |`),
  ].join("\n");
  const speedup = round(runs["nbclient (sequential)"].wall_s / runs["academy run --jobs 2"].wall_s);
  const md = `# Running the ${notebooks.length} source notebooks end to end (${cpus().length} cores, load ${load.toFixed(1)} at start)\n\n${table}\n\nnbclient / academy run --jobs 2: **${speedup}×**\n\n${memTable}\n`;
  console.log(md);
  writeResults(
    "run",
    {
      notebooks: notebooks.map((n) => n.split("/").pop()),
      load_at_start: round(load),
      runs: Object.fromEntries(Object.entries(runs).map(([k, m]) => [k, { ...m, stderr: undefined }])),
      speedup_jobs2_vs_nbclient: speedup,
      memory,
      machine: { cores: cpus().length, node: process.version },
    },
    md,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
