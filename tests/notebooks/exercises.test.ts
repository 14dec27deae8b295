/**
 * Every source notebook, in a real tslab kernel behind a real Jupyter server, as a learner runs it:
 *
 * 1. the notebook runs end to end with its solutions, with no error and nothing on stderr;
 * 2. for every case in tests/fixtures/exercises/<module>.json, the exercise's solution cell is run
 *    again with its solution region replaced by the case's code, then its test cell, and the
 *    self-check prints the expected verdict and message (✓ for right answers, ✗ and the
 *    misconception's own message for known mistakes); the right solution is restored afterwards;
 * 3. every graded exercise has at least one right case and a case for each misconception.
 *
 * The self-check definitions are built from the notebooks' own metadata by `academy release`'s
 * own code (not read from notebooks/exercises/), so these tests check the source notebooks as
 * written. Each notebook gets a fresh kernel (cwd notebooks/source/) and its own user zone in a
 * temporary folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kernel, Session } from "@jupyterlab/services";
import { KernelManager, SessionManager } from "@jupyterlab/services";
import { startJupyter, RunningServer } from "../helpers/jupyter-server";
import {
  exercisesOf,
  readCases,
  readNotebook,
  replaceSolutionRegion,
  selfCheckLine,
  sourceDir,
  sourceNotebooks,
  sourceOf,
  writeDefinitions,
  type Case,
  type Notebook,
} from "../helpers/notebook-cases";
import { runCell, serverSettings, type CellRun } from "../helpers/services";
import { ABORT_WINDOW_MS, MAX_RESENDS } from "../../grader/kernel/request";

// NOTEBOOKS=101,103 npx jest tests/notebooks runs only those modules (handy while writing one).
const only = process.env.NOTEBOOKS?.split(",").map((m) => m.trim());
const files = sourceNotebooks().filter((f) => !only || only.includes(f.slice(0, 3)));
const notebooks = new Map<string, Notebook>(files.map((f) => [f, readNotebook(join(sourceDir, f))]));
const moduleOf = (file: string) => file.slice(0, 3);

let server: RunningServer;
let kernels: KernelManager;
let sessions: SessionManager;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "academy-notebooks-"));
  writeDefinitions(
    join(scratch, "exercises"),
    files.map((f) => join(sourceDir, f)),
  );
  process.env.DATA_ACADEMY_USER_DIR = join(scratch, "user"); // kernels inherit the server's environment
  process.env.DATA_ACADEMY_EXERCISES = join(scratch, "exercises");
  server = await startJupyter();
  const settings = serverSettings(server.url, server.token);
  kernels = new KernelManager({ serverSettings: settings });
  sessions = new SessionManager({ serverSettings: settings, kernelManager: kernels });
});

afterAll(async () => {
  sessions?.dispose();
  kernels?.dispose();
  if (server) expect(await server.stop()).toEqual([]);
  delete process.env.DATA_ACADEMY_USER_DIR;
  delete process.env.DATA_ACADEMY_EXERCISES;
  rmSync(scratch, { recursive: true, force: true });
});

/** runCell, resending when tslab answers "abort" right after an error, as the grader's request policy does. */
async function run(kernel: Kernel.IKernelConnection, code: string): Promise<CellRun> {
  for (let attempt = 0; ; attempt++) {
    const result = await runCell(kernel, code);
    if (result.status !== "abort" || attempt === MAX_RESENDS) return result;
    await new Promise((r) => setTimeout(r, ABORT_WINDOW_MS));
  }
}

const failures = (runs: { index: number; run: CellRun }[]) =>
  runs
    .filter(({ run }) => run.status !== "ok" || run.stderr !== "")
    .map(({ index, run }) => `cell ${index}: ${run.status} ${run.stderr}`);

test("there are source notebooks, each with a fixture file", () => {
  expect(files.length).toBeGreaterThan(0);
  expect(files.filter((f) => !readCases(moduleOf(f)))).toEqual([]);
});

describe.each(files)("%s", (file) => {
  const notebook = notebooks.get(file)!;
  const exercises = exercisesOf(notebook);
  const cases: Case[] = readCases(moduleOf(file))?.cases ?? [];
  let session: Session.ISessionConnection;
  const runs: { index: number; run: CellRun }[] = [];

  beforeAll(async () => {
    session = await sessions.startNew({
      path: `notebooks/source/${file}`,
      name: file,
      type: "notebook",
      kernel: { name: "tslab" },
    });
    // Each notebook saves into its own user zone, so no notebook sees another's tables.
    const userDir = JSON.stringify(join(scratch, "user", moduleOf(file)));
    expect((await run(session.kernel!, `process.env.DATA_ACADEMY_USER_DIR = ${userDir};`)).status).toBe("ok");
    for (const [index, cell] of notebook.cells.entries()) {
      if (cell.cell_type === "code") runs.push({ index, run: await run(session.kernel!, sourceOf(cell)) });
    }
  });

  afterAll(async () => {
    await session?.shutdown();
    session?.dispose();
  });

  test("runs end to end with the solutions: no error, nothing on stderr, every check right", () => {
    expect(runs.length).toBeGreaterThan(0);
    expect(failures(runs)).toEqual([]);
    for (const exercise of exercises) {
      const line = selfCheckLine(runs.find((r) => r.index === exercise.testIndex)!.run.stdout, exercise.id);
      expect(line).toMatch(new RegExp(`^✓ ${exercise.id.replace(".", "\\.")}: Correct\\.`));
    }
  });

  test("every graded exercise has a right case and a case for each misconception", () => {
    expect(exercises.length).toBeGreaterThanOrEqual(1);
    for (const exercise of exercises) {
      const mine = cases.filter((c) => c.exercise === exercise.id);
      expect({ exercise: exercise.id, right: mine.some((c) => c.kind === "right") }).toEqual({
        exercise: exercise.id,
        right: true,
      });
      for (const misconception of exercise.academy.misconceptions) {
        const covered = mine.some(
          (c) => c.kind === "misconception" && misconception.message.includes(c.expect),
        );
        expect({ exercise: exercise.id, misconception: misconception.message, covered }).toEqual({
          exercise: exercise.id,
          misconception: misconception.message,
          covered: true,
        });
      }
    }
    expect(cases.filter((c) => !exercises.some((e) => e.id === c.exercise)).map((c) => c.exercise)).toEqual(
      [],
    );
  });

  const byExercise = exercises
    .map((e) => [e.id, cases.filter((c) => c.exercise === e.id)] as const)
    .filter(([, mine]) => mine.length > 0);
  if (byExercise.length === 0) return;

  describe.each(byExercise)("exercise %s", (id, mine) => {
    const exercise = exercises.find((e) => e.id === id)!;
    const solution = sourceOf(notebook.cells[exercise.solutionIndex]);
    const testCell = sourceOf(notebook.cells[exercise.testIndex]);

    afterAll(async () => {
      // Put the right answer back for the exercises after this one.
      await run(session.kernel!, solution);
      await run(session.kernel!, testCell);
    });

    test.each(mine.map((c) => [c.kind, c.expect, c] as const))("%s answer: %s", async (_kind, _expect, c) => {
      const answered = await run(session.kernel!, replaceSolutionRegion(solution, c.code));
      expect({ status: answered.status, stderr: answered.stderr }).toEqual({ status: "ok", stderr: "" });
      const checked = await run(session.kernel!, testCell);
      const line = selfCheckLine(checked.stdout, id);
      expect(line).toBeDefined();
      expect(line!.startsWith(c.kind === "right" ? "✓" : "✗")).toBe(true);
      expect(line).toContain(c.expect);
    });
  });
});
