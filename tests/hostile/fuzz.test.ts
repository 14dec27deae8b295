/**
 * Fuzzing the grader with fast-check: valid notebooks (the source, the release, a half-right
 * answer) mutated at the JSON level: cells dropped, duplicated, shuffled, replaced by junk;
 * metadata corrupted; fields of the wrong type. The kernel-free steps (parse, match, restore,
 * score) run in-process on hundreds of cases; a handful go through gradeCohort on real kernels.
 * The grader must never throw and must always write a valid result.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { OBSERVATION_MIME } from "data-academy";
import { gradeCohort } from "../../grader/grade/grade-cohort";
import { parseSubmission } from "../../grader/grade/read-submission";
import { restoreCells } from "../../grader/grade/restore-cells";
import { scoreTestCell } from "../../grader/grade/score";
import { testCells } from "../../grader/notebook/exercises";
import { matchSource, type CourseNotebook } from "../../grader/grade/sources";
import { checkResult } from "../../grader/report/result-json";
import { academyOf, pointsOf } from "../../grader/notebook/cells";
import { isLocked } from "../../grader/notebook/nbgrader";
import { sourceText, type Output } from "../../grader/notebook/nbformat";
import { half, makeCourse, NAME, submitJson, type Course } from "./helpers";

type Json = Record<string, unknown>;
type Mutation = (nb: Json) => void;

let course: Course;
let sources: CourseNotebook[];

beforeAll(() => {
  course = makeCourse("academy-fuzz-");
  sources = [
    { path: join(course.sourceDir, NAME), name: NAME, module: "900", sha256: "x", notebook: course.source },
  ];
});

afterAll(() => {
  if (course) rmSync(course.work, { recursive: true, force: true });
});

const cellsOf = (nb: Json): unknown[] => (Array.isArray(nb.cells) ? (nb.cells as unknown[]) : []);
const pick = (nb: Json, i: number) => {
  const cells = cellsOf(nb);
  return cells.length ? { cells, at: i % cells.length } : undefined;
};
const asObject = (x: unknown): Json | undefined =>
  x && typeof x === "object" && !Array.isArray(x) ? (x as Json) : undefined;

/** One JSON-level change; the index is taken modulo the number of cells. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((i): Mutation => (nb) => {
    const p = pick(nb, i);
    p?.cells.splice(p.at, 1); // drop a cell
  }),
  fc.nat().map((i): Mutation => (nb) => {
    const p = pick(nb, i);
    p?.cells.splice(p.at, 0, structuredClone(p.cells[p.at])); // duplicate a cell
  }),
  fc.array(fc.nat(), { minLength: 2, maxLength: 12 }).map((order): Mutation => (nb) => {
    const cells = cellsOf(nb);
    for (let k = 0; k + 1 < order.length; k += 2) {
      if (!cells.length) return;
      const [a, b] = [order[k] % cells.length, order[k + 1] % cells.length];
      [cells[a], cells[b]] = [cells[b], cells[a]]; // shuffle
    }
  }),
  fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })).map(([i, junk]): Mutation => (nb) => {
    const p = pick(nb, i);
    if (p) p.cells[p.at] = junk; // a cell replaced by any JSON
  }),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom("points", "grade_id", "locked", "grade", "solution", "schema_version", "checksum"),
      fc.jsonValue({ maxDepth: 1 }),
    )
    .map(([i, key, value]): Mutation => (nb) => {
      const cell = asObject(pick(nb, i) && cellsOf(nb)[i % cellsOf(nb).length]);
      const meta = asObject(cell?.metadata);
      const nbgrader = asObject(meta?.nbgrader);
      if (nbgrader) nbgrader[key] = value; // corrupt grading metadata
    }),
  fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })).map(([i, junk]): Mutation => (nb) => {
    const cell = asObject(pick(nb, i) && cellsOf(nb)[i % cellsOf(nb).length]);
    if (cell) cell.metadata = junk; // any metadata at all
  }),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom("source", "cell_type", "outputs", "id", "execution_count"),
      fc.jsonValue({ maxDepth: 1 }),
    )
    .map(([i, key, value]): Mutation => (nb) => {
      const cell = asObject(pick(nb, i) && cellsOf(nb)[i % cellsOf(nb).length]);
      if (cell) cell[key] = value; // a field of the wrong type
    }),
  fc.tuple(fc.nat(), fc.string({ maxLength: 200 })).map(([i, text]): Mutation => (nb) => {
    const cell = asObject(pick(nb, i) && cellsOf(nb)[i % cellsOf(nb).length]);
    if (cell) cell.source = text; // any code or text
  }),
  fc
    .tuple(fc.constantFrom("nbformat", "nbformat_minor", "metadata", "cells"), fc.jsonValue({ maxDepth: 1 }))
    .map(([key, value]): Mutation => (nb) => {
      nb[key] = value; // top level of the wrong type
    }),
  fc.constant<Mutation>((nb) => {
    delete nb.metadata;
  }),
);

const base = () => fc.constantFrom<"source" | "release" | "half">("source", "release", "half");
const notebookFor = (kind: "source" | "release" | "half"): Json =>
  structuredClone(
    kind === "source" ? course.source : kind === "release" ? course.released : half(course.source),
  ) as unknown as Json;

/** A mutated notebook, as the bytes a learner would submit. */
const mutatedBytes = () =>
  fc
    .tuple(base(), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean())
    .map(([kind, changes, pretty]) => {
      const nb = notebookFor(kind);
      for (const change of changes) change(nb);
      return Buffer.from(JSON.stringify(nb, null, pretty ? 1 : undefined));
    });

/** Outputs a test cell might produce: observations with any name and value, other outputs, junk. */
const outputs = fc.array(
  fc.oneof(
    fc
      .record({
        name: fc.constantFrom("answer", "mean of another sample", ""),
        value: fc.jsonValue({ maxDepth: 2 }),
        options: fc.jsonValue({ maxDepth: 1 }),
      })
      .map((o): Output => ({
        output_type: "display_data",
        data: { [OBSERVATION_MIME]: o as never },
        metadata: {},
      })),
    fc.jsonValue({ maxDepth: 1 }).map((junk): Output => ({
      output_type: "display_data",
      data: { [OBSERVATION_MIME]: junk as never },
      metadata: {},
    })),
    fc.string().map((text): Output => ({ output_type: "stream", name: "stderr", text })),
  ),
  { maxLength: 6 },
);

test("parse, match, restore and score never throw, and protected cells always come back intact", () => {
  const protectedCells = course.source.cells.map((c, i) => ({ c, i })).filter(({ c }) => isLocked(c));
  const tests = testCells(course.source);
  const max = tests.reduce((sum, t) => sum + pointsOf(course.source.cells[t.index]), 0);
  let parsed = 0;
  fc.assert(
    fc.property(
      mutatedBytes(),
      fc.array(outputs, { minLength: tests.length, maxLength: tests.length }),
      fc.constantFrom("ok", "error", "timeout", "dead", "not-run"),
      (bytes, learnerOutputs, status) => {
        const result = parseSubmission(bytes);
        if ("message" in result) {
          expect(result.message.length).toBeGreaterThan(0);
          return;
        }
        parsed++;
        const source = matchSource(sources, NAME, result.notebook);
        expect(source).toBeDefined();
        const restored = restoreCells(course.source, result.notebook);
        // Every protected cell, as the course has it, in the course's order.
        const positions = protectedCells.map(({ c, i }) => {
          const at = restored.sourceIndex.indexOf(i);
          expect(at).toBeGreaterThanOrEqual(0);
          expect(sourceText(restored.notebook.cells[at].source)).toBe(sourceText(c.source));
          expect(restored.notebook.cells[at].metadata).toEqual(c.metadata);
          return at;
        });
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        // No learner cell carries grading metadata the course does not know.
        restored.notebook.cells.forEach((cell, at) => {
          if (restored.sourceIndex[at] === null) expect(isLocked(cell)).toBe(false);
        });
        let total = 0;
        tests.forEach(({ index }, k) => {
          const academy = academyOf(course.source.cells[index]);
          const reference = {
            grade_id: "x",
            status: "ok",
            observations: [{ name: "answer", value: academy?.answer?.value ?? null, options: {} }],
          };
          const scored = scoreTestCell(course.source, index, reference, {
            status: status as never,
            outputs: learnerOutputs[k],
            stderr: "Error: x",
            durationMs: 1,
          });
          expect(scored.points).toBeGreaterThanOrEqual(0);
          expect(scored.points).toBeLessThanOrEqual(scored.max);
          for (const m of scored.messages) expect(m).not.toContain('observe("answer"');
          total += scored.points;
        });
        expect(total).toBeLessThanOrEqual(max);
      },
    ),
    { numRuns: 400, seed: 20_260_101 },
  );
  console.log(`fuzz: 400 mutated notebooks, ${parsed} parsed and restored`);
  expect(parsed).toBeGreaterThan(100); // the mutations must not all be rejected at parse time
});

test("a handful of mutated notebooks graded on real kernels: a valid result for each, never above full marks", async () => {
  const samples = fc.sample(mutatedBytes(), { numRuns: 6, seed: 7 });
  const dir = join(course.work, "fuzz-subs");
  samples.forEach((bytes, i) => submitJson(dir, `fuzz-${i}`, bytes));
  const out = join(course.work, "fuzz-grades");
  const summary = await gradeCohort({
    inputs: [dir],
    outDir: out,
    sourceDir: course.sourceDir,
    exercisesDir: course.exercisesDir,
    jobs: 2,
    cellTimeoutMs: 5_000,
    notebookTimeoutMs: 20_000,
    memoryMb: 512,
  });
  expect(summary.total).toBe(samples.length);
  for (const r of summary.results) {
    expect(() => checkResult(r)).not.toThrow();
    expect(["graded", "invalid", "unknown-notebook"]).toContain(r.status);
    expect(r.score).toBeLessThanOrEqual(2.5);
    const written = JSON.parse(
      readFileSync(join(out, r.learner, NAME.replace(".ipynb", ".json")), "utf8"),
    ) as unknown;
    expect(() => checkResult(written)).not.toThrow();
  }
  console.log(
    `fuzz, graded: ${summary.results.map((r) => `${r.learner} ${r.status} ${r.score}`).join("; ")}`,
  );
}, 400_000);
