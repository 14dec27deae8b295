/**
 * Every notebook in the repository is a valid nbformat 4 notebook, checked against the official
 * JSON Schema. The grader vendors that schema; it must be the one nbformat itself ships.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { validateNotebook } from "../../grader/notebook/nbformat";
import { fixture, repoRoot } from "../helpers/repo";

function notebooksUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (
      [".git", ".venv", "node_modules", "dist", ".ipynb_checkpoints", "test-artifacts"].includes(entry.name)
    )
      continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...notebooksUnder(path));
    else if (entry.name.endsWith(".ipynb")) found.push(path);
  }
  return found;
}

const notebooks = notebooksUnder(repoRoot).map((p) => relative(repoRoot, p));

test("the repository has notebooks to check", () => {
  expect(notebooks).toContain("tests/fixtures/notebooks/smoke.ipynb");
});

test.each(notebooks)("%s validates against the nbformat 4 schema", (path) => {
  const result = validateNotebook(JSON.parse(readFileSync(join(repoRoot, path), "utf8")));
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
});

test("the vendored schemas are the ones nbformat ships", () => {
  for (const minor of [4, 5]) {
    const file = `nbformat.v4.${minor}.schema.json`;
    const ours = readFileSync(join(repoRoot, "grader", "notebook", file), "utf8");
    const theirs = readFileSync(
      join(repoRoot, ".venv", "lib", "python3.11", "site-packages", "nbformat", "v4", file),
      "utf8",
    );
    expect(JSON.parse(ours)).toEqual(JSON.parse(theirs));
  }
});

test("validation rejects broken notebooks with a readable reason", () => {
  const good = JSON.parse(readFileSync(fixture("notebooks", "smoke.ipynb"), "utf8"));
  const noOutputs = structuredClone(good);
  delete noOutputs.cells[1].outputs;
  expect(validateNotebook(noOutputs).errors.join("\n")).toMatch(/cells/);
  const noId = structuredClone(good);
  delete noId.cells[0].id; // 4.5 requires cell ids
  expect(validateNotebook(noId).valid).toBe(false);
  for (const cell of noId.cells) delete cell.id;
  noId.nbformat_minor = 4; // ...4.4 has no ids at all
  expect(validateNotebook(noId).valid).toBe(true);
  expect(validateNotebook({ nbformat: 3, cells: [] }).valid).toBe(false);
});
