/**
 * `academy grade` on real kernels, with the release fixture module (900: two exercises, 2 + 0.5
 * points, a locked set-up cell). Submissions are built from the source notebook the way learners
 * would change it: answers right or wrong, cells edited, deleted, reordered, fake scores printed.
 */
import { execFileSync, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gradeCohort } from "../../grader/grade/grade-cohort";
import { withCase } from "../../grader/validate/cases";
import type { GradeResult } from "../../grader/grade/types";
import type { Notebook } from "../../grader/notebook/nbformat";
import { release } from "../../grader/release/release";
import { descendants, waitForExit } from "../helpers/processes";
import { fixture, repoRoot } from "../helpers/repo";

const NAME = "900-release-fixture.ipynb";
/** Long enough for any honest cell on a loaded 2-core CI machine; the infinite loop still hits it. */
const CELL_TIMEOUT_MS = 15_000;
let work: string;
let sourceDir: string;
let exercisesDir: string;
let source: Notebook;
let released: Notebook;

const cellSource = (nb: Notebook, gradeId: string) =>
  nb.cells.find((c) => (c.metadata.nbgrader as { grade_id?: string } | undefined)?.grade_id === gradeId)!;

function submit(dir: string, learner: string, nb: Notebook): void {
  mkdirSync(join(dir, learner), { recursive: true });
  writeFileSync(join(dir, learner, NAME), JSON.stringify(nb, null, 1));
}

function result(out: string, learner: string): GradeResult {
  return JSON.parse(readFileSync(join(out, learner, NAME.replace(".ipynb", ".json")), "utf8")) as GradeResult;
}

const points = (r: GradeResult) => Object.fromEntries(r.exercises.map((e) => [e.grade_id, e.points]));

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "academy-grade-test-"));
  sourceDir = join(work, "source");
  exercisesDir = join(work, "exercises");
  mkdirSync(sourceDir);
  cpSync(fixture("notebooks", NAME), join(sourceDir, NAME));
  release({ sourceDir, releaseDir: join(work, "release"), exercisesDir });
  source = JSON.parse(readFileSync(join(sourceDir, NAME), "utf8")) as Notebook;
  released = JSON.parse(readFileSync(join(work, "release", NAME), "utf8")) as Notebook;
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a cohort of honest and dishonest submissions", () => {
  let out: string;
  const subs = () => join(work, "cohort");

  beforeAll(async () => {
    const dir = subs();
    submit(dir, "all-right", source);
    submit(dir, "blank", released);
    // 900.1 right, 900.2 wrong (the median instead of the mean): exactly 2 of 2.5 points.
    submit(dir, "half", withCase(source, { exercise: "900.2", code: "return 6.5;" }));
    // Prints a fake score and emits the observation MIME type itself from the answer cell.
    const faker = withCase(source, {
      exercise: "900.2",
      code: [
        'console.log("Score: 100 / 100");',
        'const fake = { name: "answer", value: 999, options: {} };',
        'require("tslab/dist/jupyter").lastWriteDisplayData({ data: { "application/vnd.data-academy.observation+json": fake, "text/plain": "Score: 100" }, metadata: {}, transient: {} }, false);',
        "return 6.5;",
      ].join("\n"),
    });
    submit(dir, "faker", faker);
    // Edits the test cell of 900.2 to observe the right value, edits the locked set-up cell,
    // deletes the test cell of 900.1, and moves cells around: none of it changes the score.
    const tamper = structuredClone(withCase(source, { exercise: "900.2", code: "return 6.5;" }));
    const test2 = cellSource(tamper, "ex-900-2");
    test2.source = 'observe("answer", 7.25); observe("mean of another sample", 7 / 3);';
    cellSource(tamper, "setup-prices").source = "const prices = [1, 1, 1, 1];";
    tamper.cells = tamper.cells.filter(
      (c) => (c.metadata.nbgrader as { grade_id?: string } | undefined)?.grade_id !== "ex-900-1",
    );
    tamper.cells.reverse();
    submit(dir, "tamper", tamper);
    // An infinite loop in 900.2 still leaves 900.1's points.
    submit(dir, "loop", withCase(source, { exercise: "900.2", code: "while (true) {}" }));
    submit(dir, "throws", withCase(source, { exercise: "900.2", code: 'throw new TypeError("not yet");' }));
    out = join(work, "grades");
    await gradeCohort({
      inputs: [dir],
      outDir: out,
      sourceDir,
      exercisesDir,
      jobs: 2,
      cellTimeoutMs: CELL_TIMEOUT_MS,
    });
  }, 600_000);

  test("right answers score full marks, the release scores zero", () => {
    expect(result(out, "all-right")).toMatchObject({ status: "graded", score: 2.5, max: 2.5 });
    expect(result(out, "blank")).toMatchObject({ status: "graded", score: 0, max: 2.5 });
    expect(result(out, "blank").message).toBeNull(); // an untouched release needs no restoring
  });

  test("an unanswered exercise is 'not-answered', zero points, in the words the notebook's check uses", () => {
    const blank = result(out, "blank");
    expect(blank.exercises.map((e) => [e.grade_id, e.status, e.points, e.messages])).toEqual([
      [
        "ex-900-1",
        "not-answered",
        0,
        ['900.1 is not answered yet: the answer cell still holds todo("900.1").'],
      ],
      [
        "ex-900-2",
        "not-answered",
        0,
        ['900.2 is not answered yet: the answer cell still holds todo("900.2").'],
      ],
    ]);
    const html = readFileSync(join(out, "blank", NAME.replace(".ipynb", ".html")), "utf8");
    expect(html).toContain("not answered yet");
  });

  test("a submission with one exercise right scores exactly its points, with the misconception's message", () => {
    const r = result(out, "half");
    expect(points(r)).toEqual({ "ex-900-1": 2, "ex-900-2": 0 });
    const e2 = r.exercises.find((e) => e.grade_id === "ex-900-2")!;
    expect(e2.status).toBe("incorrect");
    expect(e2.messages.join(" ")).toMatch(/6.5 is the median/);
    expect({ misconception: e2.misconception, error: e2.error }).toEqual({
      misconception: "median-for-mean",
      error: null,
    });
    expect(r.exercises.find((e) => e.grade_id === "ex-900-1")).toMatchObject({
      misconception: null,
      error: null,
    });
  });

  test("an answer cell that throws: the result names the kind of error and the cell, never more", () => {
    const e2 = result(out, "throws").exercises.find((e) => e.grade_id === "ex-900-2")!;
    expect(e2.error).toEqual({ cell: "answer", kind: "TypeError" });
    expect(e2.messages[0]).toMatch(/Your answer cell raised TypeError: not yet/);
  });

  test("printing a score or emitting observations from an answer cell earns nothing", () => {
    expect(points(result(out, "faker"))).toEqual(points(result(out, "half")));
  });

  test("edited, deleted and reordered protected cells are restored: same score as without the edits", () => {
    const r = result(out, "tamper");
    expect(points(r)).toEqual(points(result(out, "half")));
    expect(r.message).toMatch(/restored from the course: .*ex-900-1/);
  });

  test("an infinite loop in one exercise is cut by the cell timeout and the others still count", () => {
    const r = result(out, "loop");
    expect(points(r)).toEqual({ "ex-900-1": 2, "ex-900-2": 0 });
    expect(r.run?.limits.some((l) => l.limit === "cell-timeout")).toBe(true);
    expect(r.exercises[1].messages.join(" ")).toMatch(/ran out of time/);
    expect(r.exercises[1].error).toEqual({ cell: "answer", kind: "timeout" });
  });

  test("results validate, feedback never shows hidden tests or reference values", () => {
    const hidden = ['observe("answer"', 'mean of another sample", meanPrice', "7.25"];
    for (const learner of readdirSync(subs())) {
      const html = readFileSync(join(out, learner, NAME.replace(".ipynb", ".html")), "utf8");
      expect(html).toContain("/ 2.5");
      for (const h of hidden) expect(html).not.toContain(h);
    }
  });

  test("grading again skips everything and writes the identical gradebook", async () => {
    const before = readFileSync(join(out, "gradebook.csv"), "utf8");
    const summary = await gradeCohort({
      inputs: [subs()],
      outDir: out,
      sourceDir,
      exercisesDir,
      jobs: 2,
      cellTimeoutMs: CELL_TIMEOUT_MS,
    });
    expect(summary.skipped).toBe(7);
    expect(readFileSync(join(out, "gradebook.csv"), "utf8")).toBe(before);
    expect(before.split("\r\n")[0]).toBe("learner,notebook,status,score,max,ex-900-1,ex-900-2,message");
  });
});

test("bad input gets a clear row and the run goes on", async () => {
  const dir = join(work, "bad");
  submit(dir, "good", source);
  mkdirSync(join(dir, "trunc"), { recursive: true });
  writeFileSync(join(dir, "trunc", NAME), JSON.stringify(source).slice(0, 200));
  mkdirSync(join(dir, "empty"), { recursive: true });
  writeFileSync(join(dir, "empty", NAME), "");
  mkdirSync(join(dir, "v3"), { recursive: true });
  writeFileSync(join(dir, "v3", NAME), JSON.stringify({ nbformat: 3, nbformat_minor: 0, worksheets: [] }));
  submit(dir, "unknown", { ...source, metadata: {} } as Notebook);
  execFileSync("mv", [join(dir, "unknown", NAME), join(dir, "unknown", "999-mystery.ipynb")]);
  const dup = structuredClone(source);
  dup.cells.push(structuredClone(cellSource(source, "ex-900-1")));
  submit(dir, "dup", dup);
  const out = join(work, "bad-grades");
  await gradeCohort({ inputs: [dir], outDir: out, sourceDir, exercisesDir, jobs: 2 });
  const csv = readFileSync(join(out, "gradebook.csv"), "utf8");
  const row = (learner: string) => csv.split("\r\n").find((l) => l.startsWith(`${learner},`)) ?? "";
  expect(row("good")).toMatch(/,graded,2.5,2.5,/);
  expect(row("trunc")).toMatch(/,invalid,0,0,.*not valid JSON/);
  expect(row("empty")).toMatch(/,invalid,0,0,.*empty/);
  expect(row("v3")).toMatch(/,invalid,0,0,.*nbformat 3/);
  expect(row("unknown")).toMatch(/999-mystery.ipynb,unknown-notebook,0,0,.*No course notebook matches/);
  expect(row("dup")).toMatch(/,graded,2.5,2.5,.*duplicated.*ex-900-1/);
}, 600_000);

test("killing academy grade mid-run, then rerunning, gives the same gradebook as one uninterrupted run", async () => {
  const dir = join(work, "kill");
  for (let i = 0; i < 4; i++)
    submit(
      dir,
      `learner-${i}`,
      i % 2 ? source : withCase(source, { exercise: "900.2", code: "return 6.5;" }),
    );
  const cli = join(repoRoot, "grader", "bin", "academy.js");
  const args = (out: string) => [
    cli,
    "grade",
    dir,
    "--out",
    out,
    "--source",
    sourceDir,
    "--exercises",
    exercisesDir,
    "--jobs",
    "1",
  ];
  const whole = join(work, "kill-whole");
  execFileSync("node", args(whole), { stdio: "pipe" });

  const resumed = join(work, "kill-resumed");
  const child = spawn("node", args(resumed), { stdio: ["ignore", "pipe", "pipe"] });
  // Kill hard once the first result is on disk (mid-run, kernels busy).
  const deadline = Date.now() + 90_000;
  while (
    !(
      existsSync(join(resumed, "learner-0")) &&
      readdirSync(join(resumed, "learner-0")).some((f) => f.endsWith(".json"))
    ) &&
    Date.now() < deadline
  ) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const kids = descendants(child.pid!);
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  expect(existsSync(join(resumed, "gradebook.csv"))).toBe(false);
  // Kernels of a killed grader notice their parent is gone and exit.
  expect(await waitForExit(kids, 15_000)).toEqual([]);
  const out = execFileSync("node", args(resumed), { encoding: "utf8" });
  expect(out).toMatch(/skipped [1-3] already graded/);
  expect(readFileSync(join(resumed, "gradebook.csv"), "utf8")).toBe(
    readFileSync(join(whole, "gradebook.csv"), "utf8"),
  );
  // No temporary files left half-written.
  const all = execFileSync("find", [resumed, "-name", "*.tmp"], { encoding: "utf8" });
  expect(all).toBe("");
}, 600_000);
