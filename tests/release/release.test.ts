/**
 * `academy release` on the fixture source notebook (tests/fixtures/notebooks/900-release-fixture.ipynb)
 * and on the course's own notebooks: what the learner gets, what the self-checks read, determinism,
 * and `--check` catching hand edits.
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateNotebook, sourceText, type Cell, type Notebook } from "../../grader/notebook/nbformat";
import { checkRelease, release, type ReleaseDirs } from "../../grader/release/release";
import { hashAnswer } from "../../grader/release/definitions";
import { answerHash } from "../../src/exercises/same-answer";
import { exercise } from "../../src/exercises/exercise";
import { fixture, repoRoot, venvBin } from "../helpers/repo";

const fixtureFile = "900-release-fixture.ipynb";
const temps: string[] = [];

/** A temporary course: source/ with the given notebooks, empty release/ and exercises/. */
function tempCourse(
  files: Record<string, string> = { [fixtureFile]: readFileSync(fixture("notebooks", fixtureFile), "utf8") },
): ReleaseDirs {
  const root = mkdtempSync(join(tmpdir(), "academy-release-"));
  temps.push(root);
  const dirs = {
    sourceDir: join(root, "source"),
    releaseDir: join(root, "release"),
    exercisesDir: join(root, "exercises"),
  };
  mkdirSync(dirs.sourceDir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dirs.sourceDir, name), text);
  return dirs;
}

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, "utf8")) as T;
const lines = (cell: Cell) => sourceText(cell.source).split("\n");

describe("the fixture's release notebook", () => {
  let source: Notebook;
  let released: Notebook;
  let releasedText: string;
  beforeAll(() => {
    const dirs = tempCourse();
    const result = release(dirs);
    expect(result.errors).toEqual([]);
    source = readJson(fixture("notebooks", fixtureFile));
    releasedText = readFileSync(join(dirs.releaseDir, fixtureFile), "utf8");
    released = JSON.parse(releasedText) as Notebook;
  });
  const cell = (nb: Notebook, id: string) => nb.cells.find((c) => c.id === id)!;

  test("keeps every cell, in order, with its id, and the notebook metadata", () => {
    expect(released.cells.map((c) => [c.id, c.cell_type])).toEqual(
      source.cells.map((c) => [c.id, c.cell_type]),
    );
    expect(released.metadata).toEqual(source.metadata);
    expect([released.nbformat, released.nbformat_minor]).toEqual([4, 5]);
  });

  test("leaves cells without solutions or hidden tests as they were", () => {
    for (const id of ["title", "imports", "setup", "ex1-q", "ex1-help", "ex2-q"]) {
      expect(sourceText(cell(released, id).source)).toBe(sourceText(cell(source, id).source));
    }
  });

  test("replaces each solution region by the placeholder, at the region's indentation, keeping every declaration", () => {
    expect(lines(cell(released, "ex1-answer"))).toEqual([
      "let primaryKey: string[];",
      'primaryKey = todo("900.1");',
      "// YOUR ANSWER HERE, in place of the todo line above",
    ]);
    expect(lines(cell(released, "ex2-answer"))).toEqual([
      "function meanPrice(xs: number[]): number {",
      "  // YOUR ANSWER HERE",
      '  return todo("900.2");',
      "}",
      "const average = meanPrice(prices);",
    ]);
  });

  test("removes hidden tests and keeps the visible self-check", () => {
    expect(sourceText(cell(released, "ex1-test").source)).toBe('exercise("900.1").check(primaryKey);');
    expect(sourceText(cell(released, "ex2-test").source)).toBe('exercise("900.2").check(average);');
    expect(releasedText).not.toMatch(/observe\(|HIDDEN TESTS|BEGIN SOLUTION|stock_id"\]|total \+= x/);
  });

  test("clears outputs, execution counts and run timings", () => {
    for (const c of released.cells) {
      if (c.cell_type !== "code") continue;
      expect([c.id, c.outputs, c.execution_count]).toEqual([c.id, [], null]);
      expect(c.metadata.execution).toBeUndefined();
    }
    expect(source.cells.some((c) => c.cell_type === "code" && c.outputs.length > 0)).toBe(true);
  });

  test("keeps only the exercise id and title of metadata.academy in test cells", () => {
    expect(cell(released, "ex1-test").metadata.academy).toEqual({
      exercise: "900.1",
      title: "The primary key of stock",
    });
    expect(cell(released, "ex2-test").metadata.academy).toEqual({ exercise: "900.2", title: "Mean price" });
    expect(releasedText).not.toContain("vrm");
    expect(releasedText).not.toContain("7.25");
  });

  test("has nbgrader v3 metadata with a checksum and cell type on graded, solution and locked cells", () => {
    expect(cell(released, "ex1-test").metadata.nbgrader).toEqual({
      grade: true,
      solution: false,
      locked: true,
      grade_id: "ex-900-1",
      points: 2,
      schema_version: 3,
      checksum: expect.stringMatching(/^[0-9a-f]{32}$/),
      cell_type: "code",
    });
    expect(cell(released, "ex1-answer").metadata.nbgrader).toMatchObject({
      solution: true,
      grade_id: "ex-900-1-answer",
      checksum: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(cell(released, "setup").metadata.nbgrader).toMatchObject({
      locked: true,
      checksum: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(cell(released, "imports").metadata.nbgrader).toBeUndefined();
  });

  test("validates against the nbformat 4.5 schema", () => {
    expect(validateNotebook(released)).toEqual({ valid: true, errors: [] });
  });

  test("is written byte for byte as nbformat writes it", () => {
    const python = spawnSync(
      venvBin("python"),
      [
        "-c",
        "import sys, nbformat\nnb = nbformat.reads(sys.stdin.read(), as_version=4)\nsys.stdout.write(nbformat.writes(nb) + '\\n')",
      ],
      { input: releasedText, encoding: "utf8" },
    );
    expect(python.stderr).toBe("");
    expect(python.stdout).toBe(releasedText);
  });
});

describe("determinism", () => {
  test("two releases of the same sources are byte-identical, and a rerun changes nothing", () => {
    const a = tempCourse();
    const b = tempCourse();
    release(a);
    release(b);
    for (const [dir, name] of [
      ["releaseDir", fixtureFile],
      ["exercisesDir", "900.json"],
    ] as const) {
      expect(readFileSync(join(b[dir], name), "utf8")).toBe(readFileSync(join(a[dir], name), "utf8"));
    }
    expect(release(a).written).toEqual([]);
    expect(checkRelease(a)).toEqual({ ok: true, differences: [], errors: [] });
  });
});

describe("the definitions the self-checks read", () => {
  const saved = process.env.DATA_ACADEMY_EXERCISES;
  let dirs: ReleaseDirs;
  beforeAll(() => {
    dirs = tempCourse();
    release(dirs);
    process.env.DATA_ACADEMY_EXERCISES = dirs.exercisesDir;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DATA_ACADEMY_EXERCISES;
    else process.env.DATA_ACADEMY_EXERCISES = saved;
  });

  test("hold hashes, never the answers", () => {
    const text = readFileSync(join(dirs.exercisesDir, "900.json"), "utf8");
    expect(text).not.toContain('stock_id"]');
    expect(text).not.toContain("7.25");
    expect(text).not.toContain('"value"');
  });

  test("the right answer is judged correct, with the explanation", () => {
    expect(exercise("900.1").judge(["stock_id"])).toEqual({
      verdict: "correct",
      correct: true,
      misconception: false,
      message: "Correct. A key you trust makes every join honest.",
    });
    expect(exercise("900.2").judge(7.25).correct).toBe(true);
    expect(exercise("900.2").judge(7.254).correct).toBe(true); // rounds to 7.25 at a tolerance of 0.01
    expect(exercise("900.2").judge(7.256).correct).toBe(false); // rounds to 7.26
    expect(exercise("900.2").judge(undefined)).toMatchObject({
      verdict: "not answered",
      message: expect.stringMatching(/^not answered yet/),
    });
  });

  test("each misconception gets its own message; other wrong answers a generic one", () => {
    expect(exercise("900.1").judge(["vrm"])).toMatchObject({
      correct: false,
      misconception: true,
      message: expect.stringContaining("vrm is not unique"),
    });
    expect(exercise("900.1").judge(["vrm", "stock_id"])).toMatchObject({
      misconception: true,
      message: expect.stringContaining("a key should be minimal"),
    });
    expect(exercise("900.2").judge(6.5)).toMatchObject({
      misconception: true,
      message: expect.stringContaining("median"),
    });
    expect(exercise("900.2").judge(7)).toMatchObject({ correct: false, misconception: false });
  });

  test("hold title, hints and the dedented solution region(s)", () => {
    const file = readJson<{
      module: string;
      salt: string;
      exercises: { id: string; title: string; hints: string[]; solution: string; explanation?: string }[];
    }>(join(dirs.exercisesDir, "900.json"));
    expect(file.module).toBe("900");
    expect(file.salt).toMatch(/^[0-9a-f]{16}$/);
    expect(file.exercises.map((e) => [e.id, e.title, e.hints.length])).toEqual([
      ["900.1", "The primary key of stock", 3],
      ["900.2", "Mean price", 3],
    ]);
    expect(file.exercises[0].solution).toBe('primaryKey = ["stock_id"];');
    expect(file.exercises[1].solution).toBe(
      "let total = 0;\nfor (const x of xs) {\n  total += x;\n}\nreturn total / xs.length;",
    );
    expect(file.exercises[1].explanation).toBeUndefined();
  });

  test("the grader's hash is the library's answerHash", () => {
    for (const [value, options] of [
      [["b", "a"], {}],
      [7 / 3, { tolerance: 0.01 }],
      [{ a: 1, b: "X" }, { caseSensitive: true }],
      ["Text", {}],
    ] as const) {
      expect(hashAnswer("s", "1.1", value, options)).toBe(answerHash("s", "1.1", value, options));
    }
  });
});

describe("the course's own notebooks", () => {
  const sourceDir = join(repoRoot, "notebooks", "source");
  const releaseDir = join(repoRoot, "notebooks", "release");
  const names = readdirSync(sourceDir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
  const regionLines = (nb: Notebook) => {
    const secret = new Set<string>();
    const open = new Set<string>();
    for (const c of nb.cells) {
      let inside = false;
      for (const line of lines(c)) {
        const t = line.trim();
        if (/^\/\/\s*BEGIN (SOLUTION|HIDDEN TESTS)$/.test(t)) inside = true;
        else if (/^\/\/\s*END (SOLUTION|HIDDEN TESTS)$/.test(t)) inside = false;
        else if (t.length > 0) (inside ? secret : open).add(t);
      }
    }
    // A line that also appears outside the regions (a closing brace, a repeated call) is no secret.
    return [...secret].filter((t) => !open.has(t));
  };

  test("there are source notebooks to check", () => {
    expect(names.length).toBeGreaterThan(0);
  });

  test.each(names)("%s: a fresh release has no solution or hidden-test line and validates", (name) => {
    const dirs = tempCourse({ [name]: readFileSync(join(sourceDir, name), "utf8") });
    const result = release(dirs);
    expect(result.errors.map((e) => e.message)).toEqual([]);
    const text = readFileSync(join(dirs.releaseDir, name), "utf8");
    const releasedLines = new Set(
      (JSON.parse(text) as Notebook).cells.flatMap((c) => lines(c).map((l) => l.trim())),
    );
    const secret = regionLines(readJson<Notebook>(join(sourceDir, name)));
    expect(secret.length).toBeGreaterThan(0);
    expect(secret.filter((t) => releasedLines.has(t))).toEqual([]);
    expect(validateNotebook(JSON.parse(text))).toEqual({ valid: true, errors: [] });
  });

  test.each(
    readdirSync(releaseDir)
      .filter((f) => f.endsWith(".ipynb"))
      .sort(),
  )("committed notebooks/release/%s has no solution or hidden-test line of its source", (name) => {
    const released = readJson<Notebook>(join(releaseDir, name));
    const releasedLines = new Set(released.cells.flatMap((c) => lines(c).map((l) => l.trim())));
    const secret = regionLines(readJson<Notebook>(join(sourceDir, name)));
    expect(secret.filter((t) => releasedLines.has(t))).toEqual([]);
    expect([...releasedLines].some((l) => l.startsWith("// YOUR ANSWER HERE"))).toBe(true);
    expect(validateNotebook(released)).toEqual({ valid: true, errors: [] });
  });

  test.each(names)(
    "%s: every answer in the source is judged correct and every misconception gets its message",
    (name) => {
      const dirs = tempCourse({ [name]: readFileSync(join(sourceDir, name), "utf8") });
      release(dirs);
      const saved = process.env.DATA_ACADEMY_EXERCISES;
      process.env.DATA_ACADEMY_EXERCISES = dirs.exercisesDir;
      try {
        const nb = readJson<Notebook>(join(sourceDir, name));
        let checked = 0;
        for (const c of nb.cells) {
          const academy = c.metadata.academy as
            | {
                exercise?: string;
                answer?: { value: unknown };
                misconceptions?: { id: string; value: unknown; message: string }[];
              }
            | undefined;
          if (!academy?.exercise || !academy.answer) continue;
          const q = exercise(academy.exercise);
          expect([academy.exercise, q.judge(academy.answer.value).correct]).toEqual([academy.exercise, true]);
          for (const m of academy.misconceptions ?? [])
            expect(q.judge(m.value)).toEqual({
              verdict: "misconception",
              correct: false,
              misconception: true,
              misconceptionId: m.id,
              message: m.message,
            });
          checked++;
        }
        expect(checked).toBeGreaterThan(0);
      } finally {
        if (saved === undefined) delete process.env.DATA_ACADEMY_EXERCISES;
        else process.env.DATA_ACADEMY_EXERCISES = saved;
      }
    },
  );
});

describe("academy release --check (the CLI, as CI runs it)", () => {
  const cli = (dirs: ReleaseDirs, ...args: string[]) =>
    spawnSync(
      process.execPath,
      [
        join(repoRoot, "grader", "bin", "academy.js"),
        "release",
        "--source",
        dirs.sourceDir,
        "--release",
        dirs.releaseDir,
        "--exercises",
        dirs.exercisesDir,
        ...args,
      ],
      { encoding: "utf8" },
    );

  test("passes after a release, fails after a hand edit or a stray file, passes again after re-releasing", () => {
    const dirs = tempCourse();
    expect(cli(dirs, "--check").status).toBe(1); // nothing released yet
    const first = cli(dirs);
    expect([first.status, first.stderr]).toEqual([0, ""]);
    expect(first.stdout).toContain("900-release-fixture.ipynb");
    expect(cli(dirs, "--check").status).toBe(0);

    const releasePath = join(dirs.releaseDir, fixtureFile);
    const original = readFileSync(releasePath, "utf8");
    writeFileSync(releasePath, original.replace("Which columns identify", "Which column identifies"));
    const edited = cli(dirs, "--check");
    expect(edited.status).toBe(1);
    expect(edited.stderr).toContain(`${fixtureFile}: differs from a fresh release`);

    expect(cli(dirs).status).toBe(0);
    expect(readFileSync(releasePath, "utf8")).toBe(original);
    const definitions = join(dirs.exercisesDir, "900.json");
    writeFileSync(definitions, readFileSync(definitions, "utf8").replace('"Mean price"', '"Average price"'));
    expect(cli(dirs, "--check").stderr).toContain("900.json: differs");

    expect(cli(dirs).status).toBe(0);
    copyFileSync(releasePath, join(dirs.releaseDir, "999-orphan.ipynb"));
    const orphan = cli(dirs, "--check");
    expect([orphan.status, orphan.stderr.includes("999-orphan.ipynb: has no source notebook")]).toEqual([
      1,
      true,
    ]);
    expect(cli(dirs).stdout).toContain("removed");
    expect(cli(dirs, "--check").status).toBe(0);
  });
});
