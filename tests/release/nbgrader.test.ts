/**
 * Our nbgrader metadata against nbgrader itself (0.9.6 from PyPI, run in a python child):
 * checksums equal nbgrader.utils.compute_checksum on every grade, solution and locked cell of every
 * source notebook and of the release fixture, before and after release; nbgrader's metadata
 * validator accepts the release notebooks; our str(float(points)) is Python's.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { computeChecksum, needsChecksum, pythonFloatString } from "../../grader/notebook/nbgrader";
import type { Cell, Notebook } from "../../grader/notebook/nbformat";
import { parseSourceNotebook } from "../../grader/notebook/source-notebook";
import { releaseNotebook } from "../../grader/release/release";
import { stringifyNotebook } from "../../grader/notebook/serialize";
import { fixture, repoRoot } from "../helpers/repo";
import { runPython } from "./python";

const sourceDir = join(repoRoot, "notebooks", "source");
const releaseDir = join(repoRoot, "notebooks", "release");
const fixturePath = fixture("notebooks", "900-release-fixture.ipynb");
const sources = [
  fixturePath,
  ...readdirSync(sourceDir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => join(sourceDir, f)),
];
const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Notebook;

/** One python child (importing nbgrader takes seconds): checksums of cell groups, and validation of release texts. */
const NBGRADER = `
import json, sys, nbformat
from nbgrader.nbgraderformat import reads, MetadataValidator
from nbgrader.utils import compute_checksum, is_grade, is_solution, is_locked
job = json.load(sys.stdin)
checksums = [[compute_checksum(nbformat.from_dict(c)) for c in group] for group in job["groups"]]
validated = []
for text in job["releases"]:
    nb = reads(text, as_version=4)
    MetadataValidator().validate_nb(nb)
    stored = 0
    for cell in nb.cells:
        if is_grade(cell) or is_solution(cell) or is_locked(cell):
            assert cell.metadata.nbgrader["checksum"] == compute_checksum(cell), cell.metadata.nbgrader["grade_id"]
            assert cell.metadata.nbgrader["cell_type"] == cell.cell_type
            stored += 1
    validated.append(stored)
print(json.dumps({"checksums": checksums, "validated": validated}))
`;

const variantBase: Cell = {
  cell_type: "code",
  source: "x = 1",
  metadata: {
    nbgrader: { grade: true, solution: false, locked: true, grade_id: "g", points: 2, schema_version: 3 },
  },
  execution_count: null,
  outputs: [],
};
const withMeta = (change: object): Cell => ({
  ...variantBase,
  metadata: { nbgrader: { ...(variantBase.metadata.nbgrader as object), ...change } },
});
/** The base cell and one variant per input nbgrader hashes. */
const variants: Cell[] = [
  variantBase,
  { ...variantBase, source: "x = 2" },
  withMeta({ grade_id: "h" }),
  withMeta({ points: 3 }),
  withMeta({ points: 0.5 }),
  withMeta({ grade: false }),
  withMeta({ solution: true }),
  withMeta({ grade: false, locked: false }),
  { ...variantBase, cell_type: "markdown" } as Cell,
];

interface Group {
  name: string;
  cells: Cell[];
}
const groups: Group[] = [];
const releaseTexts: { name: string; text: string }[] = [];
let nbgrader: { checksums: string[][]; validated: number[] };

beforeAll(() => {
  for (const path of sources) {
    const name = path.slice(repoRoot.length + 1);
    const released = releaseNotebook(parseSourceNotebook(path, readFileSync(path, "utf8")));
    groups.push({ name: `${name} (source)`, cells: read(path).cells.filter(needsChecksum) });
    groups.push({ name: `${name} (release)`, cells: released.cells.filter(needsChecksum) });
    if (path === fixturePath) releaseTexts.push({ name, text: stringifyNotebook(released) });
  }
  groups.push({ name: "variants", cells: variants });
  for (const f of readdirSync(releaseDir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()) {
    releaseTexts.push({ name: `notebooks/release/${f}`, text: readFileSync(join(releaseDir, f), "utf8") });
  }
  // nbformat.reads joins list sources into one string before nbgrader sees them: do the same.
  const joined = groups.map((g) =>
    g.cells.map((c) => ({ ...c, source: Array.isArray(c.source) ? c.source.join("") : c.source })),
  );
  nbgrader = runPython(NBGRADER, { groups: joined, releases: releaseTexts.map((r) => r.text) });
});

test("the notebooks compared include the fixture and enough graded cells", () => {
  expect(
    groups.filter((g) => g.name !== "variants").reduce((n, g) => n + g.cells.length, 0),
  ).toBeGreaterThanOrEqual(10);
  expect(releaseTexts[0].name).toContain("900-release-fixture");
});

test("our checksums equal nbgrader's compute_checksum on every grade, solution and locked cell, source and release", () => {
  const mismatches: string[] = [];
  groups.forEach((group, g) => {
    group.cells.forEach((cell, i) => {
      const ours = computeChecksum(cell);
      if (ours !== nbgrader.checksums[g][i])
        mismatches.push(
          `${group.name} ${(cell.metadata.nbgrader as { grade_id?: string }).grade_id}: ours ${ours}, nbgrader ${nbgrader.checksums[g][i]}`,
        );
    });
  });
  expect(mismatches).toEqual([]);
});

test("a checksum changes with each input nbgrader hashes", () => {
  const ours = variants.map(computeChecksum);
  expect(new Set(ours).size).toBe(variants.length);
});

test("nbgrader's reader and metadata validator accept every release notebook, and its checksums match the stored ones", () => {
  expect(nbgrader.validated.length).toBe(releaseTexts.length);
  nbgrader.validated.forEach((stored, i) =>
    expect([releaseTexts[i].name, stored > 0]).toEqual([releaseTexts[i].name, true]),
  );
});

test("points are hashed as Python's str(float(points))", () => {
  const values = [
    0,
    1,
    2,
    0.5,
    1.25,
    0.1,
    0.3,
    10,
    100,
    1e15,
    1e16,
    123456789012345680000,
    1e-4,
    1e-5,
    0.00012,
    2.5e-7,
    1 / 3,
    7.000000000000001,
  ];
  const python = runPython<string[]>(
    "import json, sys\nprint(json.dumps([str(float(x)) for x in json.load(sys.stdin)]))",
    values,
  );
  expect(values.map(pythonFloatString)).toEqual(python);
});
