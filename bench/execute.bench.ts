/**
 * Benchmark of notebook execution: a notebook of 20 trivial cells (tests/fixtures/notebooks/trivial-20.ipynb),
 * ours (runNotebook, local ZeroMQ backend) against nbclient 0.11 from .venv, both on the tslab kernel.
 * - kernel start (to kernel_info answered) and the 20 cells, separately, median of 5 runs each
 * - tslab's own time per cell: from the kernel's "busy" to its "idle" status, as the kernel stamps
 *   them (ours: CellRun.kernelMs; nbclient: each cell's metadata.execution), in the same run
 * - overhead per cell of each runner = its wall time per cell - tslab's own time per cell
 * Prints a table and writes bench/results/execute.json and execute.md.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runNotebook, startLocalKernel, type Notebook } from "academy-grader";
import { fixture, venvBin } from "../tests/helpers/repo";
import { machine as machineNow, writeResults } from "./measure";

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** nbclient, timed from Python: kernel start, then the cells, plus the kernel's own busy→idle per cell. */
const NBCLIENT_SCRIPT = `
import json, sys, time
from datetime import datetime
import nbformat
from nbclient import NotebookClient

path, cwd = sys.argv[1], sys.argv[2]
nb = nbformat.read(path, as_version=4)
client = NotebookClient(nb, kernel_name="tslab", timeout=60, resources={"metadata": {"path": cwd}})
t0 = time.perf_counter()
with client.setup_kernel():
    t1 = time.perf_counter()
    for index, cell in enumerate(nb.cells):
        client.execute_cell(cell, index)
    t2 = time.perf_counter()
def stamp(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp() * 1000
own = [stamp(c.metadata.execution["iopub.status.idle"]) - stamp(c.metadata.execution["iopub.status.busy"]) for c in nb.cells if c.cell_type == "code"]
print(json.dumps({"start_ms": (t1 - t0) * 1000, "cells_ms": (t2 - t1) * 1000, "own_ms": own}))
`;

interface Row {
  name: string;
  value_ms: number;
  runs: number;
}

/** One run's times: kernel start, the cells, and tslab's own mean time per cell. */
interface RunTimes {
  start: number;
  cells: number;
  own: number;
}
type Side = { [K in keyof RunTimes]: number[] };

async function main() {
  const progress = (what: string) => console.error(`bench: ${what}`);
  const notebookPath = fixture("notebooks", "trivial-20.ipynb");
  const notebook = JSON.parse(readFileSync(notebookPath, "utf8")) as Notebook;
  const cwd = fixture("notebooks");
  const cellCount = notebook.cells.filter((c) => c.cell_type === "code").length;

  // Runs alternate (ours, nbclient, ours, ...) so that load from other work on the machine hits both alike.
  progress(`${RUNS} runs each, alternating`);
  const scratch = mkdtempSync(join(tmpdir(), "academy-bench-exec-"));
  const script = join(scratch, "nbclient_bench.py");
  writeFileSync(script, NBCLIENT_SCRIPT);
  const ours: Side = { start: [], cells: [], own: [] };
  const theirs: Side = { start: [], cells: [], own: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      const a = await timeOurs(notebook, cwd);
      pushRun(ours, a);
      const b = timeNbclient(script, notebookPath, cwd);
      pushRun(theirs, b);
      progress(
        `run ${i + 1}: ours ${a.cells.toFixed(0)} ms, nbclient ${b.cells.toFixed(0)} ms for the cells`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  writeReport(resultRows(ours, theirs, cellCount), cellCount);
}

function pushRun(side: Side, run: RunTimes): void {
  side.start.push(run.start);
  side.cells.push(run.cells);
  side.own.push(run.own);
}

async function timeOurs(notebook: Notebook, cwd: string): Promise<RunTimes> {
  const t0 = performance.now();
  const session = await startLocalKernel({ cwd });
  const t1 = performance.now();
  const run = await runNotebook(notebook, { session });
  const t2 = performance.now();
  await session.shutdown();
  if (run.status !== "ok")
    throw new Error(
      `ours: the notebook did not run cleanly: ${JSON.stringify(run.cells.find((c) => c.status !== "ok"))}`,
    );
  const owns = run.cells.map((c) => c.kernelMs).filter((ms): ms is number => ms !== undefined);
  return { start: t1 - t0, cells: t2 - t1, own: owns.reduce((a, b) => a + b, 0) / owns.length };
}

function timeNbclient(script: string, notebookPath: string, cwd: string): RunTimes {
  const out = execFileSync(venvBin("python"), [script, notebookPath, cwd], { encoding: "utf8" });
  const r = JSON.parse(out.trim().split("\n").pop()!) as {
    start_ms: number;
    cells_ms: number;
    own_ms: number[];
  };
  return { start: r.start_ms, cells: r.cells_ms, own: r.own_ms.reduce((a, b) => a + b, 0) / r.own_ms.length };
}

function resultRows(ours: Side, theirs: Side, cellCount: number): Row[] {
  // Overhead per cell, per run: (wall time of the cells - the kernel's own busy-to-idle time) / cells.
  const overhead = (side: { cells: number[]; own: number[] }) =>
    median(side.cells.map((ms, i) => ms / cellCount - side.own[i]));
  return [
    { name: "ours: kernel start (spawn to kernel_info)", value_ms: median(ours.start), runs: RUNS },
    { name: "nbclient: kernel start (setup_kernel)", value_ms: median(theirs.start), runs: RUNS },
    { name: `ours: ${cellCount} cells`, value_ms: median(ours.cells), runs: RUNS },
    { name: `nbclient: ${cellCount} cells`, value_ms: median(theirs.cells), runs: RUNS },
    {
      name: "ours: total (start + cells)",
      value_ms: median(ours.start.map((s, i) => s + ours.cells[i])),
      runs: RUNS,
    },
    {
      name: "nbclient: total (start + cells)",
      value_ms: median(theirs.start.map((s, i) => s + theirs.cells[i])),
      runs: RUNS,
    },
    { name: "ours: tslab's own time per cell (busy to idle)", value_ms: median(ours.own), runs: RUNS },
    { name: "nbclient: tslab's own time per cell (busy to idle)", value_ms: median(theirs.own), runs: RUNS },
    { name: "ours: overhead per cell over tslab's own time", value_ms: overhead(ours), runs: RUNS },
    { name: "nbclient: overhead per cell over tslab's own time", value_ms: overhead(theirs), runs: RUNS },
  ];
}

/** Prints the table and writes bench/results/execute.json and execute.md. */
function writeReport(rows: Row[], cellCount: number): void {
  const table = [
    "| measure | median ms | runs |",
    "|---|---:|---:|",
    ...rows.map((r) => `| ${r.name} | ${r.value_ms.toFixed(1)} | ${r.runs} |`),
  ].join("\n");
  console.log(table);
  const machine = machineNow();
  writeResults(
    "execute",
    { notebook: "tests/fixtures/notebooks/trivial-20.ipynb", machine, results: rows },
    `# Notebook execution benchmark\n\n${cellCount} trivial cells on the tslab kernel, ours (local ZeroMQ backend) vs nbclient ` +
      `(.venv), ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, load average ${machine.loadAverage1m} at the end. ` +
      `The machine is shared, so absolute numbers vary with load; runs alternate between the two runners, compare rows of one run.` +
      `\n\n${table}\n`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
