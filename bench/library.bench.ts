/**
 * Benchmarks of the lake and the course library (issue goals in brackets):
 * - lake generation time, `academy data build` [< 30 s on 2 cores]
 * - lake.load of each refined/trusted table, warm [largest < 200 ms]
 * - import time of data-academy in a fresh tslab kernel [< 1.5 s]
 * Prints a table and writes bench/results/library.json and library.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { KernelManager, SessionManager } from "@jupyterlab/services";
import { buildLake } from "academy-lake-generator";
import { lake } from "data-academy";
import { startJupyter } from "../tests/helpers/jupyter-server";
import { runCell, serverSettings } from "../tests/helpers/services";
import { writeResults } from "./measure";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const timeMs = (fn: () => void) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

interface Result {
  name: string;
  value_ms: number;
  goal_ms?: number;
  runs: number;
}

const progress = (what: string) => console.error(`bench: ${what}`);

async function main() {
  const results: Result[] = [];
  progress("generating the lake 3 times");
  results.push(benchLakeBuild());
  progress("loading each refined and trusted table");
  results.push(...benchLakeLoads());
  progress("importing the library in 3 fresh kernels");
  results.push(...(await benchImports()));
  writeReport(results);
}

function benchLakeBuild(): Result {
  const tmp = mkdtempSync(join(tmpdir(), "academy-bench-"));
  const result = {
    name: "academy data build (whole lake)",
    value_ms: median([1, 2, 3].map(() => timeMs(() => buildLake(join(tmp, "lake"))))),
    goal_ms: 30000,
    runs: 3,
  };
  rmSync(tmp, { recursive: true, force: true });
  return result;
}

function benchLakeLoads(): Result[] {
  return [...lake.datasets("refined"), ...lake.datasets("trusted")].map((name) => {
    lake.load(name); // warm: danfojs required, files in the page cache
    return {
      name: `lake.load("${name}") warm`,
      value_ms: median([1, 2, 3, 4, 5].map(() => timeMs(() => lake.load(name)))),
      goal_ms: 200,
      runs: 5,
    };
  });
}

async function benchImports(): Promise<Result[]> {
  const server = await startJupyter();
  try {
    const settings = serverSettings(server.url, server.token);
    const imports: number[] = [];
    const firstLoads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const times = await timeImport(settings);
      imports.push(times.importMs);
      firstLoads.push(times.firstLoadMs);
    }
    return [
      {
        name: "import data-academy in a fresh kernel",
        value_ms: median(imports),
        goal_ms: 1500,
        runs: 3,
      },
      {
        name: "first lake.load in that kernel (requires danfojs, cold)",
        value_ms: median(firstLoads),
        runs: 3,
      },
    ];
  } finally {
    await server.stop();
  }
}

/** In a fresh kernel: the library's import, then its first lake.load. */
async function timeImport(
  settings: ReturnType<typeof serverSettings>,
): Promise<{ importMs: number; firstLoadMs: number }> {
  const sessions = new SessionManager({
    serverSettings: settings,
    kernelManager: new KernelManager({ serverSettings: settings }),
  });
  const session = await sessions.startNew({
    path: "notebooks/release/bench.ipynb",
    name: "bench.ipynb",
    type: "notebook",
    kernel: { name: "tslab" },
  });
  await runCell(session.kernel!, "1"); // kernel is up and compiling
  const t = Date.now();
  const run = await runCell(
    session.kernel!,
    'import { lake, catalog, stats, chart, exercise } from "data-academy";',
  );
  const importMs = Date.now() - t;
  if (run.status !== "ok") throw new Error(run.stderr);
  const t2 = Date.now();
  await runCell(session.kernel!, 'const first = lake.load("refined/stock_weekly_snapshot");');
  const firstLoadMs = Date.now() - t2;
  await session.shutdown();
  sessions.dispose();
  return { importMs, firstLoadMs };
}

/** Prints the table and writes bench/results/library.json and library.md. */
function writeReport(results: Result[]): void {
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.value_ms.toFixed(1)} | ${r.goal_ms ?? ""} | ${r.goal_ms === undefined ? "" : r.value_ms <= r.goal_ms ? "yes" : "NO"} |`,
  );
  const table = ["| benchmark | median ms | goal ms | met |", "|---|---:|---:|---|", ...rows].join("\n");
  console.log(table);
  writeResults(
    "library",
    { machine: { cores: cpus().length, node: process.version }, results },
    `# Library benchmarks\n\n${table}\n`,
  );
}

// Exit explicitly: @jupyterlab/services keeps polling timers alive after the server is gone.
main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
