/**
 * Benchmark of a learner's first seconds: a fresh tslab kernel (the grader's launcher), then the
 * course's import cell, then one typical cell.
 * - kernel ready: spawn to kernel_info answered
 * - import cell done: spawn to the end of `import { lake, stats, chart, ... } from "data-academy"`
 * - kernel CPU-seconds for start-up, the import cell and the typical cell (/proc/<pid>/stat)
 * Two variants alternate in one run, so that load on the machine hits both alike:
 * - "snapshot": the snapshot kernel (grader/kernel/snapshot/), what the grader and JupyterLab start
 * - "plain": plain tslab with tslab-setup.cjs, what they started before (and fall back to)
 * (The slimmer public types of issue 23 item 2 were measured here as "slim" against "wide", the
 * same cells plus `import type` of apache-arrow and DuckDB: import-cell CPU 1.09 s against 1.88 s.)
 * Prints a table and writes bench/results/kernel.json and kernel.md.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runNotebook, startLocalKernel, type Notebook } from "academy-grader";
import { repoRoot } from "../tests/helpers/repo";
import { machine as machineNow, writeResults } from "./measure";

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const TICKS_PER_SECOND = 100;

const IMPORT = 'import { lake, catalog, stats, chart, sql, exercise, observe } from "data-academy";';
const TYPICAL =
  'const cars = lake.load("refined/stock_current", { as: "rows" });\nstats.median(cars.map((c) => c.price_gbp));';

type Variant = "snapshot" | "plain";

interface RunTimes {
  readyMs: number;
  importDoneMs: number;
  startCpuS: number;
  importCpuS: number;
  typicalCpuS: number;
}

/** User + system CPU-seconds a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  // After "pid (comm) ", utime and stime are the 12th and 13th fields.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

const code = (source: string): Notebook["cells"][number] => ({
  cell_type: "code",
  source,
  metadata: {},
  execution_count: null,
  outputs: [],
});
const notebookOf = (sources: string[]): Notebook => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: sources.map(code),
});

async function timeRun(variant: Variant): Promise<RunTimes> {
  const cwd = join(repoRoot, "notebooks", "release");
  const t0 = performance.now();
  const session = await startLocalKernel({ cwd, snapshot: variant === "snapshot" });
  const ready = performance.now() - t0;
  try {
    const pid = session.pid;
    if (pid === undefined) throw new Error("the local kernel has no pid");
    const afterStart = cpuSeconds(pid);
    const first = await runNotebook(notebookOf([IMPORT]), { session });
    const importDone = performance.now() - t0;
    const afterImport = cpuSeconds(pid);
    const second = await runNotebook(notebookOf([TYPICAL]), { session });
    const afterTypical = cpuSeconds(pid);
    for (const run of [first, second])
      if (run.status !== "ok")
        throw new Error(`${variant}: a cell did not run cleanly: ${run.cells.map((c) => c.stderr).join("")}`);
    return {
      readyMs: ready,
      importDoneMs: importDone,
      startCpuS: afterStart,
      importCpuS: afterImport - afterStart,
      typicalCpuS: afterTypical - afterImport,
    };
  } finally {
    await session.shutdown();
  }
}

async function main() {
  const runs: Record<Variant, RunTimes[]> = { snapshot: [], plain: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const variant of ["snapshot", "plain"] as const) {
      const r = await timeRun(variant);
      runs[variant].push(r);
      console.error(
        `bench: run ${i + 1} ${variant}: ready ${r.readyMs.toFixed(0)} ms, import done ${r.importDoneMs.toFixed(0)} ms`,
      );
    }
  }
  const of = (variant: Variant, key: keyof RunTimes) => median(runs[variant].map((r) => r[key]));
  const measures: [string, keyof RunTimes, string][] = [
    ["kernel ready (spawn to kernel_info)", "readyMs", "ms"],
    ["import cell done (from spawn)", "importDoneMs", "ms"],
    ["kernel CPU: start-up", "startCpuS", "s"],
    ["kernel CPU: import cell", "importCpuS", "s"],
    ["kernel CPU: a typical cell after it", "typicalCpuS", "s"],
  ];
  const rows = measures.map(([name, key, unit]) => ({
    name,
    unit,
    snapshot: of("snapshot", key),
    plain: of("plain", key),
    ratio: of("snapshot", key) / of("plain", key),
  }));
  const format = (v: number, unit: string) => (unit === "ms" ? v.toFixed(0) : v.toFixed(2));
  const table = [
    "| measure | snapshot kernel | plain tslab | snapshot / plain |",
    "|---|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.name} | ${format(r.snapshot, r.unit)} ${r.unit} | ${format(r.plain, r.unit)} ${r.unit} | ${r.ratio.toFixed(2)} |`,
    ),
  ].join("\n");
  console.log(table);
  const machine = machineNow();
  writeResults(
    "kernel",
    { runs: RUNS, machine, results: rows, raw: runs },
    `# Kernel start-up and the first cells\n\nA fresh tslab kernel (the grader's launcher), the course's import cell, then one typical cell; ` +
      `median of ${RUNS} runs per variant, variants alternating: the snapshot kernel against plain tslab (\`snapshot: false\`, ` +
      `what the launcher falls back to). Goals (issue 23): ready under 500 ms, import cell done under 800 ms. ${machine.cores} cores ` +
      `(${machine.cpu}), Node ${machine.node}, load average ${machine.loadAverage1m} at the end.\n\n${table}\n`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
