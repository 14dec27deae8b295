/**
 * The release fixture in a real tslab kernel: the source runs clean and its self-checks say ✓; in
 * the release, each stub throws "Not answered yet", and (tslab dropping the declarations of a cell
 * that throws) the self-check after it fails to compile, so an unanswered release scores nothing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runNotebook, type NotebookRun } from "../../grader/execute/run-notebook";
import type { Notebook, Output } from "../../grader/notebook/nbformat";
import { startLocalKernel } from "../../grader/kernel/zmq/local";
import { release } from "../../grader/release/release";
import { fixture } from "../helpers/repo";

const FILE = "900-release-fixture.ipynb";
let root: string;
let source: Notebook;
let released: Notebook;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "academy-release-kernel-"));
  mkdirSync(join(root, "source"));
  writeFileSync(join(root, "source", FILE), readFileSync(fixture("notebooks", FILE), "utf8"));
  release({ sourceDir: join(root, "source"), releaseDir: join(root, "release"), exercisesDir: join(root, "exercises") });
  source = JSON.parse(readFileSync(join(root, "source", FILE), "utf8")) as Notebook;
  released = JSON.parse(readFileSync(join(root, "release", FILE), "utf8")) as Notebook;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// The kernel runs in the fixture folder (it finds data-academy through the repository's
// node_modules) and reads the definitions this release wrote.
const run = (notebook: Notebook) =>
  runNotebook(notebook, { allowErrors: true, start: () => startLocalKernel({ cwd: fixture("notebooks"), env: { DATA_ACADEMY_EXERCISES: join(root, "exercises") } }) });
const stdout = (outputs: Output[]) => outputs.map((o) => (o.output_type === "stream" && o.name === "stdout" ? (Array.isArray(o.text) ? o.text.join("") : o.text) : "")).join("");
const byId = (nb: Notebook, r: NotebookRun, id: string) => r.cells.find((c) => nb.cells[c.index].id === id)!;

test("the source notebook runs without errors and every self-check says ✓", async () => {
  const r = await run(source);
  expect(r.cells.filter((c) => c.status !== "ok").map((c) => [source.cells[c.index].id, c.stderr])).toEqual([]);
  expect(stdout(byId(source, r, "ex1-test").outputs)).toContain("✓ 900.1: Correct.");
  expect(stdout(byId(source, r, "ex2-test").outputs)).toContain("✓ 900.2: Correct.");
});

test("the release notebook stops at each stub with 'Not answered yet'; the checks after it error too", async () => {
  const r = await run(released);
  for (const [id, exercise] of [["ex1-answer", "900.1"], ["ex2-answer", "900.2"]]) {
    const cell = byId(released, r, id);
    expect([id, cell.status]).toEqual([id, "error"]);
    expect(JSON.stringify(cell.outputs) + cell.stderr).toContain(`Not answered yet: replace these two lines with your answer to exercise ${exercise}.`);
  }
  // tslab keeps no declaration of a cell that throws, so the unanswered variable does not exist:
  // the self-check cell fails to compile (an error, so the grader gives it nothing).
  for (const [id, name] of [["ex1-test", "primaryKey"], ["ex2-test", "average"]]) {
    const cell = byId(released, r, id);
    expect([id, cell.status, cell.stderr.trim()]).toEqual([id, "error", `1:25 - Cannot find name '${name}'.`]);
  }
  expect(byId(released, r, "setup").status).toBe("ok");
});
