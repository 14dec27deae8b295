/**
 * The release fixture in a real tslab kernel: the source runs clean and its self-checks say ✓; the
 * release runs clean too (each placeholder `todo(id)` returns a marker and throws nothing, so every
 * declaration stays), and each self-check says "not answered yet" without an error.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runNotebook, type NotebookRun } from "../../grader/execute/run-notebook";
import { sourceText, type Notebook, type Output } from "../../grader/notebook/nbformat";
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
  release({
    sourceDir: join(root, "source"),
    releaseDir: join(root, "release"),
    exercisesDir: join(root, "exercises"),
  });
  source = JSON.parse(readFileSync(join(root, "source", FILE), "utf8")) as Notebook;
  released = JSON.parse(readFileSync(join(root, "release", FILE), "utf8")) as Notebook;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// The kernel runs in the fixture folder (it finds data-academy through the repository's
// node_modules) and reads the definitions this release wrote.
const run = (notebook: Notebook) =>
  runNotebook(notebook, {
    allowErrors: true,
    start: () =>
      startLocalKernel({
        cwd: fixture("notebooks"),
        env: { DATA_ACADEMY_EXERCISES: join(root, "exercises") },
      }),
  });
const stdout = (outputs: Output[]) =>
  outputs
    .map((o) =>
      o.output_type === "stream" && o.name === "stdout"
        ? Array.isArray(o.text)
          ? o.text.join("")
          : o.text
        : "",
    )
    .join("");
const byId = (nb: Notebook, r: NotebookRun, id: string) => r.cells.find((c) => nb.cells[c.index].id === id)!;

test("the source notebook runs without errors and every self-check says ✓", async () => {
  const r = await run(source);
  expect(r.cells.filter((c) => c.status !== "ok").map((c) => [source.cells[c.index].id, c.stderr])).toEqual(
    [],
  );
  expect(stdout(byId(source, r, "ex1-test").outputs)).toContain("✓ 900.1: Correct.");
  expect(stdout(byId(source, r, "ex2-test").outputs)).toContain("✓ 900.2: Correct.");
});

test("the release notebook runs to its last cell unanswered; each check says 'not answered yet', without an error", async () => {
  const r = await run(released);
  expect(
    r.cells
      .filter((c) => c.status !== "ok" || c.stderr !== "")
      .map((c) => [released.cells[c.index].id, c.status, c.stderr]),
  ).toEqual([]);
  expect(r.cells.length).toBe(
    released.cells.filter((c) => c.cell_type === "code" && sourceText(c.source).trim() !== "").length,
  );
  for (const [id, exercise] of [
    ["ex1-answer", "900.1"],
    ["ex2-answer", "900.2"],
  ]) {
    // An unanswered answer cell runs quietly: at most the one line tslab prints for a cell's last value.
    expect([id, stdout(byId(released, r, id).outputs)]).toEqual([
      id,
      expect.stringMatching(new RegExp(`^(${exercise.replace(".", "\\.")} is not answered yet\n)?$`)),
    ]);
  }
  for (const [id, exercise] of [
    ["ex1-test", "900.1"],
    ["ex2-test", "900.2"],
  ]) {
    const said = stdout(byId(released, r, id).outputs).trim();
    expect(said).toMatch(
      new RegExp(
        `^${exercise.replace(".", "\\.")}: not answered yet\\. .*exercise\\("${exercise.replace(".", "\\.")}"\\)\\.hint\\(\\)`,
      ),
    );
    expect(said.split("\n")).toHaveLength(1);
  }
});
