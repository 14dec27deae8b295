/**
 * `academy run` as a user runs it: the compiled CLI in a child process, on real notebooks and real
 * kernels. Exit codes, the failure report, written notebooks, parallel runs, the server backend,
 * and no kernel process left behind.
 */
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateNotebook, type Notebook } from "../../grader/notebook/nbformat";
import { startJupyter } from "../helpers/jupyter-server";
import { descendants, waitForExit } from "../helpers/processes";
import { fixture, repoRoot } from "../helpers/repo";
import { notebookOf } from "../helpers/notebooks";

const academyBin = join(repoRoot, "grader", "bin", "academy.js");
let dir: string;

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI, recording every process it starts; asserts none outlives it. */
async function academy(args: string[], { startsKernels = true } = {}): Promise<CliRun> {
  const cwd = dir;
  const child = spawn(process.execPath, [academyBin, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const seen = new Set<number>();
  const watcher = setInterval(() => descendants(child.pid!).forEach((p) => seen.add(p)), 100);
  const status = await new Promise<number | null>((resolve) => child.once("close", resolve));
  clearInterval(watcher);
  if (startsKernels) expect(seen.size).toBeGreaterThan(0); // it did start kernels...
  expect(await waitForExit([...seen], 5_000)).toEqual([]); // ...and none is left
  return { status, stdout, stderr };
}

const copy = (name: string) => copyFileSync(fixture("notebooks", name), join(dir, name));
const read = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Notebook;

beforeAll(() => {
  execFileSync(process.execPath, [
    join(repoRoot, "node_modules", "typescript", "bin", "tsc"),
    "-b",
    join(repoRoot, "grader", "tsconfig.json"),
  ]);
});

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "academy-run-")));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("a clean notebook exits 0; --out writes it executed, valid, input untouched", async () => {
  copy("output-order.ipynb");
  const run = await academy(["run", "output-order.ipynb", "--out", "executed"]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(
    /^\[1\/1\] ok +output-order\.ipynb \(6 code cells, [\d.]+ s\) -> executed\/output-order\.ipynb$/m,
  );
  expect(run.stdout).toMatch(/Ran 1 notebooks \(5 cells\): 1 ok, 0 failed\./);
  const written = read(join(dir, "executed", "output-order.ipynb"));
  expect(validateNotebook(written)).toEqual({ valid: true, errors: [] });
  expect(written.cells[3]).toMatchObject({
    execution_count: 3,
    outputs: [{ output_type: "stream", name: "stdout", text: "42\n" }],
  });
  expect(read(join(dir, "output-order.ipynb"))).toEqual(read(fixture("notebooks", "output-order.ipynb")));
});

test("an error exits 1 and prints notebook, cell number, the cell's first lines and its stderr; the rest is not run", async () => {
  copy("errors.ipynb");
  const run = await academy(["run", "errors.ipynb"]);
  expect(run.status).toBe(1);
  expect(run.stderr).toBe(
    [
      "errors.ipynb: cell 2 failed",
      '  | const s: number = "not a number";',
      "  1:7 - Type 'string' is not assignable to type 'number'.",
      "",
    ].join("\n"),
  );
  expect(run.stdout).toMatch(/Ran 1 notebooks \(2 cells\): 0 ok, 1 failed\./);
});

test("--allow-errors runs every cell, reports every failure, still exits 1; --inplace writes outputs back", async () => {
  copy("errors.ipynb");
  const run = await academy(["run", "errors.ipynb", "--allow-errors", "--inplace"]);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/^errors\.ipynb: cell 2 failed$/m);
  expect(run.stderr).toMatch(
    /^errors\.ipynb: cell 3 failed\n {2}\| function fail\(\): never \{\n {2}\| {3}throw new Error\("boom at runtime"\);\n {2}\| \}\n {2}\| \.\.\.\n.*\n.*\n.*\n {2}Error: boom at runtime$/m,
  );
  const written = read(join(dir, "errors.ipynb"));
  expect(validateNotebook(written).valid).toBe(true);
  expect(written.cells[3]).toMatchObject({
    outputs: [{ output_type: "stream", name: "stdout", text: "still running 2\n" }],
  });
});

test("several notebooks in parallel, a timeout, a dead kernel and a malformed file: each reported, exit 1", async () => {
  copy("output-order.ipynb");
  writeFileSync(
    join(dir, "loop.ipynb"),
    JSON.stringify(notebookOf('console.log("start")', "while (true) {}")),
  );
  writeFileSync(join(dir, "exit.ipynb"), JSON.stringify(notebookOf("process.exit(3)")));
  writeFileSync(join(dir, "broken.ipynb"), '{"cells": [');
  const run = await academy([
    "run",
    "output-order.ipynb",
    "loop.ipynb",
    "exit.ipynb",
    "broken.ipynb",
    "--jobs",
    "2",
    "--timeout",
    "1",
  ]);
  expect(run.status).toBe(1);
  expect(run.stdout).toMatch(/^\[\d\/4\] ok +output-order\.ipynb/m);
  expect(run.stdout).toMatch(/^\[\d\/4\] timeout loop\.ipynb/m);
  expect(run.stdout).toMatch(/^\[\d\/4\] dead +exit\.ipynb/m);
  expect(run.stdout).toMatch(/^\[\d\/4\] error +broken\.ipynb: broken\.ipynb is not JSON/m);
  expect(run.stderr).toMatch(
    /^loop\.ipynb: cell 2 timed out\n {2}\| while \(true\) \{\}\n {2}Error: Script execution was interrupted by `SIGINT`\n[^]*?\n {2}\[cell-timeout\] cell still running after 1000 ms; interrupted$/m,
  );
  expect(run.stderr).toMatch(
    /^exit\.ipynb: cell 1 killed the kernel\n {2}\| process\.exit\(3\)\n {2}\[kernel-death\] the kernel exited with code 3$/m,
  );
  expect(run.stdout).toMatch(/Ran 4 notebooks \(\d+ cells\): 1 ok, 3 failed\./);
});

test("bad flags are refused with a message", async () => {
  const both = await academy(["run", "x.ipynb", "--inplace", "--out", "o"], { startsKernels: false });
  expect(both).toEqual({
    status: 1,
    stdout: "",
    stderr: "academy: use either --inplace or --out, not both\n",
  });
  const jobs = await academy(["run", "x.ipynb", "--jobs", "0"], { startsKernels: false });
  expect(jobs.status).toBe(1);
  expect(jobs.stderr).toMatch(/--jobs must be a whole number of at least 1, got "0"/);
});

test("--server runs the kernels on a Jupyter server with the same outputs", async () => {
  copy("output-order.ipynb");
  const server = await startJupyter({ rootDir: dir });
  try {
    const run = await academy(
      ["run", "output-order.ipynb", "--server", server.url, "--token", server.token, "--out", "remote"],
      { startsKernels: false },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const local = await academy(["run", "output-order.ipynb", "--out", "local"]);
    expect(local.status).toBe(0);
    const outputs = (nb: Notebook) =>
      nb.cells.map((c) => (c.cell_type === "code" ? [c.execution_count, c.outputs] : null));
    expect(outputs(read(join(dir, "remote", "output-order.ipynb")))).toEqual(
      outputs(read(join(dir, "local", "output-order.ipynb"))),
    );
  } finally {
    expect(await server.stop()).toEqual([]);
  }
});
