/**
 * Hostile and broken submissions, graded for real (tslab kernels, the grader's own sandbox): the
 * cohort run finishes, every submission gets a row with a clear status, no submission scores more
 * than its honest part, and the lake, the source notebooks and the other learners' results are
 * byte-identical afterwards.
 *
 * Cost: kernel runs are what takes time, so all kernel cases are one gradeCohort run (jobs 2,
 * 5 s per cell, 25 s per notebook); the broken files need no kernel and share a second run.
 * Most cases keep the same honest part, `half` (900.1 right: 2 points; 900.2 wrong: 0 of 0.5),
 * and add their hostile code as a cell of their own just before the test cell of 900.2.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withCase } from "../../grader/validate/cases";
import { gradeCohort, type CohortSummary } from "../../grader/grade/grade-cohort";
import { checkResult } from "../../grader/report/result-json";
import { repoRoot } from "../helpers/repo";
import {
  cellById,
  fingerprint,
  half,
  makeCourse,
  NAME,
  pointsOf,
  resultOf,
  submitJson,
  withExtraCell,
  type Course,
} from "./helpers";

const CELL_TIMEOUT_MS = 5_000;
const NOTEBOOK_TIMEOUT_MS = 25_000;
/** Interrupt grace (3 s), kernel shutdown and scoring on a busy 2-core machine. */
const SLACK_MS = 15_000;
const MEMORY_MB = 512;
/**
 * Filling a 512 MiB heap takes about 1 s here, but on a fresh, loaded CI machine it once took over
 * the 5 s cell timeout. The memory bomb is graded on its own with a longer cell timeout, so that
 * the heap cap, not the clock, is what stops it.
 */
const MEMORY_BOMB_CELL_TIMEOUT_MS = 20_000;
const gradedAlone = new Set(["memory-bomb"]);

let course: Course;
let out: string;
let subs: string;
let aloneOut: string;
let aloneSubs: string;
const lake = join(repoRoot, "datasets");
let lakeBefore: Record<string, string>;
let sourcesBefore: Record<string, string>;
let bystanderBefore: Record<string, string>;
let summary: CohortSummary;
let aloneSummary: CohortSummary;
let wallMs: number;

/** What each hostile learner submits; `expect` is checked below, case by case. */
const cases: Record<string, () => unknown> = {};
const prefixed = (prefix: string, prints: Record<string, string>) =>
  Object.fromEntries(Object.entries(prints).map(([k, v]) => [`${prefix}/${k}`, v]));
const at = (learner: string) => resultOf(gradedAlone.has(learner) ? aloneOut : out, learner);
const bystander = () => join(out, "bystander");

/** Marks child processes the submissions start, so the test can look for survivors. */
const SURVIVOR = "9191.5";
const BOMB = "9192.5";
/** Destructive attempts aim at a copy of the lake inside the repository, never at the real one. */
let decoy: string;

function harmCode(): string {
  const lit = JSON.stringify;
  const other = join(out, "bystander", NAME.replace(".ipynb", ".json"));
  return `if (xs.length === 3) return 0;
const fs: any = require("fs"), cp: any = require("child_process");
const LAKE = ${lit(lake)}, DECOY = ${lit(decoy)}, OUT = ${lit(out)}, SOURCE = ${lit(join(course.sourceDir, NAME))};
const attempts: [string, () => unknown][] = [
  ["append to the catalog", () => fs.appendFileSync(LAKE + "/catalog.json", " ")],
  ["append to the lake", () => fs.appendFileSync(LAKE + "/README.md", "pwned")],
  ["delete a zone (of a copy of the lake)", () => fs.rmSync(DECOY + "/raw", { recursive: true })],
  ["delete through a shell (a copy)", () => { cp.execSync("rm -rf " + DECOY + "/trusted", { stdio: "pipe" }); if (fs.existsSync(DECOY + "/trusted")) throw new Error("still there"); }],
  ["new file in the lake", () => fs.writeFileSync(LAKE + "/user/evil.txt", "x")],
  ["edit the source notebook", () => fs.writeFileSync(SOURCE, "{}")],
  ["delete the source notebook", () => fs.unlinkSync(SOURCE)],
  ["new course notebook", () => fs.writeFileSync(${lit(join(repoRoot, "notebooks", "source"))} + "/999-evil.ipynb", "{}")],
  ["overwrite another learner's result", () => fs.writeFileSync(${lit(other)}, "{}")],
  ["read another learner's result", () => fs.readFileSync(${lit(other)}, "utf8")],
  ["read the reference values", () => fs.readdirSync(OUT + "/.reference").length || fs.readdirSync(OUT + "/nothing")],
  ["delete the gradebook", () => fs.unlinkSync(OUT + "/gradebook.csv")],
  ["plant a result", () => fs.writeFileSync(OUT + "/harm/" + ${lit(NAME.replace(".ipynb", ".json"))}, "{}")],
  ["write the repository", () => fs.writeFileSync(${lit(join(repoRoot, "evil.txt"))}, "x")],
  ["chmod the lake", () => fs.chmodSync(LAKE + "/README.md", 0o666)],
  ["write /tmp", () => fs.writeFileSync("/tmp/academy-evil-" + process.pid, "x")],
  ["write other scratch folders", () => { const root = ${lit(join(repoRoot, ".scratch"))}; const dirs = fs.readdirSync(root).filter((d: string) => !process.cwd().endsWith(d)); let n = 0; for (const d of dirs) { try { fs.writeFileSync(root + "/" + d + "/evil", "x"); n++; } catch {} } if (n === 0) throw new Error("none"); }],
];
const allowed = attempts.filter(([, attempt]) => { try { attempt(); return true; } catch { return false; } }).map(([what]) => what);
throw new Error("harm: blocked " + (attempts.length - allowed.length) + " of " + attempts.length + (allowed.length ? "; allowed: " + allowed.join(", ") : ""));`;
}

function buildHostileCohort(): void {
  const { source } = course;
  const before = (code: string) => withExtraCell(half(source), "ex-900-2-answer", code);
  const in9002 = (code: string) => withCase(source, { exercise: "900.2", code });
  Object.assign(cases, {
    // runaway code
    "loop-solution": () => in9002("while (true) {}\nreturn 0;"),
    "loop-async": () =>
      before("let spins = 0;\nfor (;;) { await new Promise((r) => setImmediate(r)); spins++; }"),
    "loop-microtasks": () => before("for (;;) { await Promise.resolve(); }"),
    "timer-forever": () => before('setInterval(() => console.log("tick"), 1);'),
    "loop-in-test-call": () =>
      in9002(
        "if (xs.length === 3) { while (true) {} }\nlet t = 0;\nfor (const x of xs) t += x;\nreturn t / xs.length;",
      ),
    // resources
    "memory-bomb": () =>
      before("const hog: number[][] = [];\nwhile (true) hog.push(new Array(1e6).fill(Math.random()));"),
    "console-flood": () =>
      before('for (let i = 0; i < 2_000; i++) console.log("flood " + i + " " + "x".repeat(2_000));'),
    "giant-display": () => before('require("tslab").display.html("<pre>" + "x".repeat(40e6) + "</pre>");'),
    survivors: () =>
      before(
        `const cp = require("child_process");\ncp.spawn("sleep", ["${SURVIVOR}"], { detached: true, stdio: "ignore" }).unref();\ncp.spawn("sh", ["-c", "(sleep ${SURVIVOR} &) ; sleep ${SURVIVOR}"], { detached: true, stdio: "ignore" }).unref();`,
      ),
    "fork-bomb": () =>
      before(
        `const cp = require("child_process");\ncp.spawn("sh", ["-c", "b() { sleep ${BOMB} & b & b; }; b"], { detached: true, stdio: "ignore" }).on("error", () => {});\nfor (let i = 0; i < 2000; i++) { try { cp.spawn("sleep", ["${BOMB}"], { detached: true, stdio: "ignore" }).on("error", () => {}); } catch {} }`,
      ),
    // death
    exit: () => before("process.exit(0);"),
    "kill-self": () => before("process.kill(process.pid);"),
    "timer-throws": () =>
      before(
        'setTimeout(() => { throw new Error("boom from a timer"); }, 0);\nawait new Promise((r) => setTimeout(r, 50));',
      ),
    "timer-throws-unguarded": () =>
      before(
        'process.removeAllListeners("uncaughtException");\nsetTimeout(() => { throw new Error("boom from a timer"); }, 0);\nawait new Promise((r) => setTimeout(r, 200));',
      ),
    // tampering: none of it knows more than the release notebook shows
    "patch-observe": () =>
      before(
        [
          'const tslabJupyter = require("tslab/dist/jupyter");',
          'const MIME = "application/vnd.data-academy.observation+json";',
          "const emit = (name: string, value: unknown) => tslabJupyter.lastWriteDisplayData({ data: { [MIME]: { name, value, options: { tolerance: 1e12, ordered: false } } }, metadata: {}, transient: {} }, false);",
          'for (const path of ["data-academy/dist/exercises/observe", "data-academy/dist/exercises/exercise", "data-academy/dist/exercises", "data-academy"]) {',
          '  try { const m = require(path); for (const k of Object.keys(m)) { try { m[k] = typeof m[k] === "function" ? (...a: unknown[]) => emit(String(a[0]), 0) : m[k]; } catch {} } } catch {}',
          "}",
          "(globalThis as any).observe = (name: string) => emit(name, 0);",
          '(globalThis as any).exercise = () => ({ check: () => console.log("✓ Correct") });',
        ].join("\n"),
      ),
    "patch-json-console": () =>
      before(
        'JSON.stringify = () => \'{"name":"answer","value":7.25}\';\nconsole.log = () => {};\nconsole.error = () => {};',
      ),
    "patch-prototypes": () =>
      before(
        [
          "(Object.prototype as any).tolerance = 1e12;",
          "(Object.prototype as any).ordered = false;",
          "(Number.prototype as any).toJSON = function () { return { approx: true }; };",
          "(Array.prototype as any).toJSON = function () { return []; };",
          'const assert = require("assert");',
          "for (const k of Object.keys(assert)) { try { assert[k] = () => {}; } catch {} }",
          "Math.abs = () => 0;",
          "Number.isNaN = () => true;",
        ].join("\n"),
      ),
    "fake-scores": () =>
      before(
        [
          'console.log("Score: 2.5 / 2.5 ✓ all tests passed");',
          'const MIME = "application/vnd.data-academy.observation+json";',
          'const w = require("tslab/dist/jupyter").lastWriteDisplayData;',
          'w({ data: { [MIME]: { name: "answer", value: 6.5, options: { tolerance: 1e12 } }, "text/plain": "Score: 100" }, metadata: {}, transient: {} }, false);',
          // A timer that keeps emitting observations, hoping one lands in the test cell's outputs.
          'setInterval(() => require("tslab/dist/jupyter").lastWriteDisplayData?.({ data: { [MIME]: { name: "answer", value: 6.5, options: { tolerance: 1e12 } } }, metadata: {}, transient: {} }, false), 1);',
        ].join("\n"),
      ),
    // protected cells: every change undone, so the score is `half`'s
    "edit-cells": () => {
      const nb = half(source);
      cellById(nb, "ex-900-2").source = 'observe("answer", 6.5, { tolerance: 1e12 });';
      cellById(nb, "setup-prices").source = "const prices = [6.5, 6.5];";
      (cellById(nb, "ex-900-2").metadata.nbgrader as Record<string, unknown>).points = 100;
      (cellById(nb, "ex-900-1").metadata.nbgrader as Record<string, unknown>).points = 100;
      (cellById(nb, "setup-prices").metadata.nbgrader as Record<string, unknown>).locked = false;
      nb.cells.push(structuredClone(cellById(nb, "ex-900-2")), structuredClone(cellById(nb, "setup-prices")));
      nb.cells.reverse();
      return nb;
    },
    "delete-cells": () => {
      const nb = half(source);
      nb.cells = nb.cells.filter(
        (c) =>
          !["ex-900-1", "ex-900-2", "setup-prices"].includes(
            (c.metadata.nbgrader as { grade_id?: string } | undefined)?.grade_id ?? "",
          ),
      );
      return nb;
    },
    "rename-grade-id": () => {
      const nb = half(source);
      const test = cellById(nb, "ex-900-2");
      test.source = 'observe("answer", 6.5, { tolerance: 1e12 });';
      (test.metadata.nbgrader as Record<string, unknown>).grade_id = "ex-900-2-mine";
      (test.metadata.nbgrader as Record<string, unknown>).points = 50;
      return nb;
    },
    // harm
    harm: () => in9002(harmCode()),
    // broken but gradable
    "wrong-kernelspec": () => ({
      ...half(source),
      metadata: {
        ...half(source).metadata,
        kernelspec: { name: "python3", display_name: "Python 3", language: "python" },
        language_info: { name: "python" },
      },
    }),
    "many-cells": () => {
      const nb = half(source);
      for (let i = 0; i < 10_000; i++)
        nb.cells.push({
          cell_type: "code",
          source: `const scratch${i} = ${i};`,
          metadata: {},
          execution_count: null,
          outputs: [],
        });
      return nb;
    },
  });
  for (const [learner, build] of Object.entries(cases))
    submitJson(gradedAlone.has(learner) ? aloneSubs : subs, learner, build());
  submitJson(subs, "bystander", course.source);
}

beforeAll(async () => {
  course = makeCourse("academy-hostile-");
  out = join(course.work, "grades");
  subs = join(course.work, "subs");
  aloneOut = join(course.work, "grades-alone");
  aloneSubs = join(course.work, "subs-alone");
  decoy = join(repoRoot, ".scratch", `hostile-decoy-${process.pid}`);
  mkdirSync(decoy, { recursive: true });
  cpSync(join(lake, "raw"), join(decoy, "raw"), { recursive: true });
  cpSync(join(lake, "trusted"), join(decoy, "trusted"), { recursive: true });
  lakeBefore = { ...fingerprint(lake), ...prefixed("decoy", fingerprint(decoy)) };
  sourcesBefore = fingerprint(course.sourceDir);
  // A learner graded earlier: nothing the hostile ones do may change their result.
  submitJson(join(course.work, "first"), "bystander", course.source);
  const options = {
    outDir: out,
    sourceDir: course.sourceDir,
    exercisesDir: course.exercisesDir,
    jobs: 2,
    cellTimeoutMs: CELL_TIMEOUT_MS,
    notebookTimeoutMs: NOTEBOOK_TIMEOUT_MS,
    memoryMb: MEMORY_MB,
  };
  await gradeCohort({ ...options, inputs: [join(course.work, "first")] });
  bystanderBefore = fingerprint(bystander());
  buildHostileCohort();
  const started = Date.now();
  summary = await gradeCohort({ ...options, inputs: [subs] });
  wallMs = Date.now() - started;
  aloneSummary = await gradeCohort({
    ...options,
    outDir: aloneOut,
    cellTimeoutMs: MEMORY_BOMB_CELL_TIMEOUT_MS,
    inputs: [aloneSubs],
  });
}, 900_000);

afterAll(() => {
  if (course) rmSync(course.work, { recursive: true, force: true });
  if (decoy) rmSync(decoy, { recursive: true, force: true });
});

describe("the cohort run", () => {
  test("finishes with one valid result per submission, the bystander skipped", () => {
    expect(summary.total).toBe(Object.keys(cases).length - gradedAlone.size + 1);
    expect(summary.skipped).toBe(1);
    expect(aloneSummary.total).toBe(gradedAlone.size);
    for (const learner of Object.keys(cases)) {
      const r = at(learner);
      expect(() => checkResult(r)).not.toThrow();
      // (the message is in the comparison so that a failure says what went wrong)
      expect({ learner, status: r.status, message: r.status === "graded" ? "" : r.message }).toEqual({
        learner,
        status: "graded",
        message: "",
      });
      expect(r.max).toBe(2.5);
    }
    const csv =
      readFileSync(summary.gradebookPath, "utf8") + readFileSync(aloneSummary.gradebookPath, "utf8");
    for (const learner of Object.keys(cases)) expect(csv).toContain(`\r\n${learner},${NAME},graded,`);
    console.log(
      `hostile cohort: ${Object.keys(cases).length} submissions graded in ${(wallMs / 1000).toFixed(1)} s`,
    );
  });

  test("no submission scores more than its honest part", () => {
    const honest: Record<string, number> = Object.fromEntries(Object.keys(cases).map((l) => [l, 2]));
    honest["loop-in-test-call"] = 2.25; // 900.2's first observation is right; the second call loops
    // (the exercises are in the comparison so that a failure shows what happened)
    for (const learner of Object.keys(cases))
      expect({ learner, score: at(learner).score, exercises: at(learner).exercises }).toEqual({
        learner,
        score: honest[learner],
        exercises: expect.anything(),
      });
  });

  test("every run kept to its time bounds and ran in the sandbox", () => {
    for (const learner of Object.keys(cases)) {
      const run = at(learner).run!;
      expect(run.duration_ms).toBeLessThan(NOTEBOOK_TIMEOUT_MS + SLACK_MS);
      expect(run.isolation).toMatch(/^bubblewrap: read-only file system/);
    }
  });

  test("the lake, the course notebooks and the other learner's result are byte-identical", () => {
    expect({ ...fingerprint(lake), ...prefixed("decoy", fingerprint(decoy)) }).toEqual(lakeBefore);
    expect(fingerprint(course.sourceDir)).toEqual(sourcesBefore);
    expect(existsSync(join(repoRoot, "notebooks", "source", "999-evil.ipynb"))).toBe(false);
    expect(existsSync(join(repoRoot, "evil.txt"))).toBe(false);
    expect(fingerprint(bystander())).toEqual(bystanderBefore);
  });
});

describe("runaway code", () => {
  test("an infinite loop in a solution cell is interrupted; the kernel lives on for the next exercise", () => {
    const r = at("loop-solution");
    expect(r.run!.limits).toContainEqual(expect.objectContaining({ limit: "cell-timeout" }));
    expect(r.run!.kernel_death).toBeNull();
    expect(r.exercises[1].messages[0]).toMatch(/ran out of time/);
  });

  test("an infinite async loop: interrupted, still spinning in the background, the test cells still run", () => {
    const r = at("loop-async");
    expect(r.run!.limits).toContainEqual(expect.objectContaining({ limit: "cell-timeout" }));
    expect(r.exercises[1].status).toBe("incorrect");
  });

  test("a loop of microtasks cannot be interrupted: the kernel is killed after the grace period", () => {
    const r = at("loop-microtasks");
    expect(r.run!.status).toBe("dead");
    expect(r.run!.kernel_death).toMatch(/did not stop within/);
    expect(r.exercises[1].status).toBe("not-run");
  });

  test("a timer that never stops printing changes nothing", () => {
    expect(at("timer-forever").run!.kernel_death).toBeNull();
    expect(pointsOf(at("timer-forever"))).toEqual({ "ex-900-1": 2, "ex-900-2": 0 });
  });

  test("a busy loop inside a learner function called by a test cell: the observations made before it count", () => {
    const e = at("loop-in-test-call").exercises[1];
    expect(e).toMatchObject({ status: "timeout", points: 0.25, observations: { matched: 1, total: 2 } });
  });
});

describe("resources", () => {
  test("a memory bomb hits the heap cap and is reported as the memory limit", () => {
    const r = at("memory-bomb");
    expect(r.run!.limits).toContainEqual(expect.objectContaining({ limit: "memory" }));
    expect(r.run!.kernel_death).toMatch(/^memory limit/);
    expect(r.exercises[1].status).toBe("not-run");
  });

  test("a console flood and a giant display are cut at the output cap; results stay small", () => {
    // tslab sends part of a flood after the cell's "idle": that part is dropped, never credited to a later cell.
    expect(at("giant-display").run!.limits).toContainEqual(
      expect.objectContaining({
        limit: "output-cap",
        detail: expect.stringMatching(/40000\d+ bytes dropped/),
      }),
    );
    for (const learner of ["console-flood", "giant-display"]) {
      expect(at(learner).run!.kernel_death).toBeNull();
      expect(readFileSync(join(out, learner, NAME.replace(".ipynb", ".json"))).length).toBeLessThan(100_000);
      expect(readFileSync(join(out, learner, NAME.replace(".ipynb", ".html"))).length).toBeLessThan(200_000);
    }
  });

  test("children that leave the kernel's process group, and a fork bomb, end with the kernel", () => {
    const left = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" })
      .split("\n")
      .filter((l) => l.includes(`sleep ${SURVIVOR}`) || l.includes(`sleep ${BOMB}`));
    expect(left).toEqual([]);
    expect(at("survivors").run!.kernel_death).toBeNull();
  });
});

describe("death", () => {
  test.each([
    ["exit", /exited with code 0/],
    ["kill-self", /SIGTERM|code 143/],
    ["timer-throws-unguarded", /exited with code|killed by/],
  ])("%s: the kernel's death is reported; exercises before it keep their points", (learner, reason) => {
    const r = at(learner);
    expect(r.run!.status).toBe("dead");
    expect(r.run!.kernel_death).toMatch(reason);
    expect(r.run!.limits).toContainEqual(expect.objectContaining({ limit: "kernel-death" }));
    expect(r.exercises.map((e) => e.status)).toEqual(["correct", "not-run"]);
  });

  test("an uncaught exception in a timer is logged by tslab and the kernel lives on", () => {
    const r = at("timer-throws");
    expect(r.run!.kernel_death).toBeNull();
    expect(r.exercises.map((e) => e.status)).toEqual(["correct", "incorrect"]);
  });
});

describe("tampering", () => {
  test.each(["patch-observe", "patch-json-console", "patch-prototypes", "fake-scores"])(
    "%s earns nothing",
    (learner) => {
      const r = at(learner);
      expect(r.exercises[0]).toMatchObject({ status: "correct", points: 2 });
      expect(r.exercises[1].points).toBe(0);
    },
  );

  test("edited, deleted, duplicated, reordered protected cells and changed metadata are restored", () => {
    for (const learner of ["edit-cells", "delete-cells", "rename-grade-id"]) {
      const r = at(learner);
      expect(pointsOf(r)).toEqual({ "ex-900-1": 2, "ex-900-2": 0 });
      expect(r.exercises.map((e) => e.max)).toEqual([2, 0.5]);
    }
    expect(at("edit-cells").message).toMatch(/restored from the course: .*setup-prices/);
    expect(at("edit-cells").message).toMatch(/duplicated/);
    expect(at("delete-cells").message).toMatch(/restored from the course: .*ex-900-1.*ex-900-2/);
    expect(at("rename-grade-id").message).toMatch(/restored from the course: ex-900-2/);
  });
});

describe("harm", () => {
  test("every write, delete and read outside the scratch folder was refused", () => {
    const e = at("harm").exercises[1];
    const raised = e.messages.find((m) => m.includes("harm:")) ?? "";
    const [, blocked, total] = /harm: blocked (\d+) of (\d+)/.exec(raised) ?? [];
    expect(raised).not.toMatch(/allowed/);
    expect(Number(blocked)).toBe(Number(total));
    expect(Number(total)).toBeGreaterThan(10);
  });
});

describe("broken but gradable", () => {
  test("a wrong kernelspec is graded on the course kernel", () => {
    expect(pointsOf(at("wrong-kernelspec"))).toEqual({ "ex-900-1": 2, "ex-900-2": 0 });
  });

  test("10,000 extra cells: the test cells run, the notebook budget stops the rest", () => {
    const r = at("many-cells");
    expect(r.run!.limits).toContainEqual(expect.objectContaining({ limit: "notebook-timeout" }));
  });
});

describe("broken files (no kernel needed)", () => {
  test("each gets an invalid or unknown-notebook row, and the run goes on", async () => {
    const dir = join(course.work, "broken");
    const valid = JSON.stringify(course.source);
    submitJson(dir, "truncated", valid.slice(0, valid.length / 2));
    submitJson(
      dir,
      "nbformat3",
      JSON.stringify({ nbformat: 3, nbformat_minor: 0, metadata: {}, worksheets: [{ cells: [] }] }),
    );
    submitJson(
      dir,
      "no-metadata",
      JSON.stringify({
        nbformat: 4,
        cells: course.source.cells.map(({ cell_type, source }) => ({ cell_type, source })),
      }),
    );
    submitJson(dir, "garbage", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    submitJson(
      dir,
      "cells-not-a-list",
      JSON.stringify({ ...course.source, cells: { 0: course.source.cells[0] } }),
    );
    submitJson(
      dir,
      "bad-cell",
      JSON.stringify({
        ...course.source,
        cells: [...course.source.cells, { cell_type: "code", source: 42 }],
      }),
    );
    const huge = submitJson(dir, "huge", "");
    writeFileSync(huge, Buffer.alloc(100 * 1024 * 1024, 0x20)); // 100 MB of spaces
    // A learner folder and a file name that are not UTF-8.
    const latin1 = Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0x6a, 0xe9, 0x72, 0xf4, 0x6d, 0x65])]);
    mkdirSync(latin1);
    writeFileSync(
      Buffer.concat([
        latin1,
        Buffer.from("/"),
        Buffer.from([0x39, 0x30, 0x30, 0xff, 0x2e, 0x69, 0x70, 0x79, 0x6e, 0x62]),
      ]),
      valid,
    );
    const broken = out; // same results folder: the reference run is reused
    const started = Date.now();
    const s = await gradeCohort({
      inputs: [dir],
      outDir: broken,
      sourceDir: course.sourceDir,
      exercisesDir: course.exercisesDir,
      jobs: 2,
      cellTimeoutMs: CELL_TIMEOUT_MS,
      notebookTimeoutMs: NOTEBOOK_TIMEOUT_MS,
    });
    const byLearner = (name: string) => s.results.find((r) => r.learner === name)!;
    expect(s.total).toBe(8);
    expect(byLearner("truncated")).toMatchObject({
      status: "invalid",
      score: 0,
      message: expect.stringMatching(/not valid JSON/),
    });
    expect(byLearner("nbformat3")).toMatchObject({
      status: "invalid",
      score: 0,
      message: expect.stringMatching(/nbformat 3/),
    });
    expect(byLearner("garbage")).toMatchObject({ status: "invalid", score: 0 });
    expect(byLearner("cells-not-a-list")).toMatchObject({
      status: "invalid",
      message: expect.stringMatching(/no list of cells/),
    });
    expect(byLearner("bad-cell")).toMatchObject({
      status: "invalid",
      message: expect.stringMatching(/cell \d+ has no source/),
    });
    expect(byLearner("huge")).toMatchObject({
      status: "invalid",
      message: expect.stringMatching(/100 MB, over the 50 MB limit/),
    });
    // No metadata anywhere: the answers cannot be matched to the course cells, yet it is graded (never above full marks).
    expect(byLearner("no-metadata").status).toBe("graded");
    expect(byLearner("no-metadata").score).toBeLessThanOrEqual(2.5);
    const odd = s.results.find((r) => r.learner.startsWith("j"))!;
    expect(odd).toMatchObject({
      status: "invalid",
      score: 0,
      message: expect.stringMatching(/not valid UTF-8/),
    });
    for (const r of s.results) expect(() => checkResult(r)).not.toThrow();
    expect(Date.now() - started).toBeLessThan(NOTEBOOK_TIMEOUT_MS * 2 + SLACK_MS * 2);
  }, 300_000);
});
