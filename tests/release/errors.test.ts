/**
 * Bad source notebooks get a clear error naming the notebook and the cell, and one bad notebook
 * does not stop the others from being released.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSourceNotebook } from "../../grader/notebook/source-notebook";
import { buildDefinitions } from "../../grader/release/definitions";
import { planRelease, release } from "../../grader/release/release";
import { fixture, repoRoot } from "../helpers/repo";

const FILE = "900-release-fixture.ipynb";
const text = readFileSync(fixture("notebooks", FILE), "utf8");
// Broken notebooks are made by editing metadata freely, so its values are `any` here.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Nb = {
  nbformat: number;
  metadata: Record<string, any>;
  cells: { id: string; source: string | string[]; metadata: Record<string, any> }[];
};
/* eslint-enable @typescript-eslint/no-explicit-any */
const base = () => JSON.parse(text) as Nb;
const cell = (nb: Nb, id: string) => nb.cells.find((c) => c.id === id)!;
const src = (c: { source: string | string[] }) => (Array.isArray(c.source) ? c.source.join("") : c.source);

/** The error message of releasing the fixture after `edit`. */
function errorOf(edit: (nb: Nb) => void, file = FILE): string {
  const nb = base();
  edit(nb);
  try {
    buildDefinitions(parseSourceNotebook(file, JSON.stringify(nb)));
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected an error");
}

const cases: [string, (nb: Nb) => void, RegExp][] = [
  [
    "duplicate grade_ids",
    (nb) => {
      cell(nb, "setup").metadata.nbgrader.grade_id = "ex-900-1-answer";
    },
    /^900-release-fixture\.ipynb, cell 5 \(grade_id ex-900-1-answer\): duplicate grade_id "ex-900-1-answer" \(also cell 3/,
  ],
  [
    "a test cell without its solution cell",
    (nb) => {
      cell(nb, "ex1-answer").metadata.nbgrader.grade_id = "ex-900-1-solution";
    },
    /cell 6 \(grade_id ex-900-1\): no solution cell with grade_id "ex-900-1-answer"/,
  ],
  [
    "BEGIN SOLUTION never closed",
    (nb) => {
      cell(nb, "ex1-answer").source = src(cell(nb, "ex1-answer")).replace("// END SOLUTION", "");
    },
    /cell 5 \(grade_id ex-900-1-answer\): unbalanced markers: line 2: "\/\/ BEGIN SOLUTION" is never closed/,
  ],
  [
    "END HIDDEN TESTS without BEGIN",
    (nb) => {
      cell(nb, "ex2-test").source = src(cell(nb, "ex2-test")).replace("// BEGIN HIDDEN TESTS", "");
    },
    /cell 10 \(grade_id ex-900-2\): unbalanced markers: line 5: "\/\/ END HIDDEN TESTS" without a "\/\/ BEGIN HIDDEN TESTS"/,
  ],
  [
    "a region opened inside another",
    (nb) => {
      cell(nb, "ex1-test").source = src(cell(nb, "ex1-test")).replace(
        "observe(",
        "// BEGIN SOLUTION\nobserve(",
      );
    },
    /cell 6 \(grade_id ex-900-1\): unbalanced markers: line 3: "\/\/ BEGIN SOLUTION" inside the hidden tests region/,
  ],
  [
    "missing metadata.academy.exercise",
    (nb) => {
      delete cell(nb, "ex2-test").metadata.academy.exercise;
    },
    /cell 10 \(grade_id ex-900-2\): a test cell needs metadata\.academy\.exercise/,
  ],
  [
    "no metadata.academy at all on a test cell",
    (nb) => {
      delete cell(nb, "ex1-test").metadata.academy;
    },
    /cell 6 \(grade_id ex-900-1\): a test cell needs metadata\.academy\.exercise/,
  ],
  [
    "a solution region in a cell that is not a solution cell",
    (nb) => {
      cell(nb, "imports").source = "// BEGIN SOLUTION\nconst x = 1;\n// END SOLUTION";
    },
    /cell 2 \(id imports\): has "\/\/ BEGIN SOLUTION" but is not a solution cell/,
  ],
  [
    "hidden tests in a cell that is not graded",
    (nb) => {
      cell(nb, "ex1-help").source = "// BEGIN HIDDEN TESTS\nobserve(1);\n// END HIDDEN TESTS";
    },
    /cell 7 \(id ex1-help\): has "\/\/ BEGIN HIDDEN TESTS" but is not a graded test cell/,
  ],
  [
    "a solution cell without a region",
    (nb) => {
      cell(nb, "ex1-answer").source = 'let primaryKey = ["stock_id"];';
    },
    /cell 5 \(grade_id ex-900-1-answer\): a solution cell needs a "\/\/ BEGIN SOLUTION"/,
  ],
  [
    "a graded cell without points",
    (nb) => {
      delete cell(nb, "ex2-test").metadata.nbgrader.points;
    },
    /cell 10 \(grade_id ex-900-2\): a graded cell needs metadata\.nbgrader\.points/,
  ],
  [
    "a misconception equal to the answer",
    (nb) => {
      cell(nb, "ex1-test").metadata.academy.misconceptions[1].value = ["STOCK_ID"];
    },
    /cell 6 \(grade_id ex-900-1\): misconception 2 has the same value as the answer/,
  ],
  [
    "an exercise of another module",
    (nb) => {
      cell(nb, "ex1-test").metadata.academy.exercise = "201.1";
    },
    /cell 6 \(grade_id ex-900-1\): exercise "201\.1" does not belong to module 900/,
  ],
  [
    "the same exercise twice",
    (nb) => {
      cell(nb, "ex2-test").metadata.academy.exercise = "900.1";
    },
    /cell 10 \(grade_id ex-900-2\): exercise "900\.1" is defined twice \(also cell 6/,
  ],
  [
    "no module id",
    (nb) => {
      delete nb.metadata.academy;
    },
    /^900-release-fixture\.ipynb: metadata\.academy\.module is missing/,
  ],
  [
    "nbformat 3",
    (nb) => {
      nb.nbformat = 3;
    },
    /^900-release-fixture\.ipynb: nbformat 3: source notebooks must be nbformat 4/,
  ],
  [
    "a cell the nbformat schema rejects",
    (nb) => {
      delete (nb.cells[1] as Record<string, unknown>).outputs;
    },
    /^900-release-fixture\.ipynb: does not match the nbformat 4 schema: \/cells\/1/,
  ],
  [
    "a misconception without an id",
    (nb) => {
      delete cell(nb, "ex1-test").metadata.academy.misconceptions[0].id;
    },
    /cell 6 \(grade_id ex-900-1\): metadata.academy.misconceptions must be a list of \{ id, value, message \}/,
  ],
  [
    "a misconception id that is not a slug",
    (nb) => {
      cell(nb, "ex1-test").metadata.academy.misconceptions[0].id = "VRM as key";
    },
    /misconceptions must be a list of \{ id, value, message \}, each id a short slug like "vrm-as-key"/,
  ],
  [
    "two misconceptions with one id",
    (nb) => {
      cell(nb, "ex1-test").metadata.academy.misconceptions[1].id = "vrm-as-key";
    },
    /cell 6 \(grade_id ex-900-1\): misconception id "vrm-as-key" is used twice in exercise 900.1/,
  ],
  [
    "two hints instead of three",
    (nb) => {
      cell(nb, "ex1-test").metadata.academy.hints.pop();
    },
    /metadata.academy.hints must be three hints, from a nudge to a skeleton/,
  ],
  [
    "a last hint that is the solution",
    (nb) => {
      cell(nb, "ex1-test").metadata.academy.hints[2] = 'Like this: primaryKey = ["stock_id"]';
    },
    /cell 6 \(grade_id ex-900-1\): the last hint of 900.1 is its solution: make it a skeleton/,
  ],
];

test.each(cases)("%s: names the notebook and the cell", (_what, edit, expected) => {
  expect(errorOf(edit)).toMatch(expected);
});

test("a file name that does not start with the module id", () => {
  expect(errorOf(() => undefined, "901-misnamed.ipynb")).toMatch(
    /^901-misnamed\.ipynb: the file name must start with the module id "900-"/,
  );
});

test("a file that is not JSON, or empty", () => {
  expect(() => parseSourceNotebook("300-broken.ipynb", '{"cells": [')).toThrow(
    /^300-broken\.ipynb: not valid JSON \(/,
  );
  expect(() => parseSourceNotebook("300-broken.ipynb", "")).toThrow(/^300-broken\.ipynb: the file is empty/);
  expect(() => parseSourceNotebook("300-broken.ipynb", "[1, 2]")).toThrow(
    /^300-broken\.ipynb: not a notebook/,
  );
});

describe("a course with one bad notebook", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "academy-release-errors-"));
    mkdirSync(join(root, "source"));
    writeFileSync(join(root, "source", FILE), text);
    const other = base();
    other.metadata.academy.module = "901";
    for (const c of other.cells) {
      const ex = c.metadata.academy;
      if (ex?.exercise) ex.exercise = ex.exercise.replace("900.", "901.");
    }
    writeFileSync(join(root, "source", "901-copy.ipynb"), JSON.stringify(other));
    writeFileSync(join(root, "source", "902-broken.ipynb"), "{ not json");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dirs = () => ({
    sourceDir: join(root, "source"),
    releaseDir: join(root, "release"),
    exercisesDir: join(root, "exercises"),
  });

  test("releases the good ones, reports the bad one, and leaves its old outputs alone", () => {
    mkdirSync(join(root, "release"), { recursive: true });
    writeFileSync(join(root, "release", "902-broken.ipynb"), "{}\n"); // last good release of the broken notebook
    const result = release(dirs());
    expect(result.modules.map((m) => m.module)).toEqual(["900", "901"]);
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^902-broken\.ipynb: not valid JSON/),
    ]);
    expect(existsSync(join(root, "exercises", "901.json"))).toBe(true);
    expect(readFileSync(join(root, "release", "902-broken.ipynb"), "utf8")).toBe("{}\n");
  });

  test("two notebooks of the same module are an error", () => {
    writeFileSync(join(root, "source", "900-again.ipynb"), JSON.stringify({ ...base(), cells: [] }));
    try {
      expect(planRelease(dirs()).errors.map((e) => e.message)).toContain(
        "900-release-fixture.ipynb: module 900 is also 900-again.ipynb",
      );
    } finally {
      rmSync(join(root, "source", "900-again.ipynb"));
    }
  });

  test("the command prints each error and exits non-zero", () => {
    const d = dirs();
    const run = spawnSync(
      process.execPath,
      [
        join(repoRoot, "grader", "bin", "academy.js"),
        "release",
        "--source",
        d.sourceDir,
        "--release",
        d.releaseDir,
        "--exercises",
        d.exercisesDir,
      ],
      { encoding: "utf8" },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/error: 902-broken\.ipynb: not valid JSON/);
    expect(run.stdout).toContain("901-copy.ipynb");
  });
});
