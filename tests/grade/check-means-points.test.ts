/**
 * A ✓ in the notebook means full points from the grader, for every answer: a property test with
 * fast-check. For each generated (right answer, learner's answer, options), the self-check judges
 * the learner's answer against a definition written as `academy release` writes it (a salted hash),
 * and the grader scores a test cell whose "answer" observation carries the learner's answer as the
 * kernel sends it (plain JSON, through JSON.stringify). The two must agree: ✓ ⇔ full points.
 *
 * Cases: numbers around every tolerance edge, unordered lists, letter case, nested objects,
 * Dates, missing values, and real danfojs DataFrames.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DataFrame } from "danfojs-node";
import fc from "fast-check";
import { OBSERVATION_MIME, toJsonValue, type AnswerOptions } from "data-academy";
import { exercise } from "../../src/exercises";
import { hashAnswer } from "../../grader/release/definitions";
import { scoreTestCell } from "../../grader/grade/score";
import type { Notebook, Output } from "../../grader/notebook/nbformat";
import { temporaryDirInEnv } from "../helpers/temporary-dir";

const SALT = "property-salt";
const definitionsDir = temporaryDirInEnv("DATA_ACADEMY_EXERCISES", "academy-property-");

/** The self-check's verdict, from a definition file as release writes it. */
function selfCheckSaysRight(expected: unknown, actual: unknown, options: AnswerOptions): boolean {
  const definition = {
    id: "990.1",
    title: "property",
    answer: { hash: hashAnswer(SALT, "990.1", expected, options), ...options },
    misconceptions: [],
    hints: [],
    solution: "x",
  };
  writeFileSync(
    join(definitionsDir(), "990.json"),
    JSON.stringify({ module: "990", salt: SALT, exercises: [definition] }),
  );
  return exercise("990.1").judge(actual).correct;
}

/** What crosses the wire from a kernel: the value as observe makes it, through JSON. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(toJsonValue(value)));

/** The grader's points for a test cell whose metadata holds `expected`, the learner having observed `actual`. */
function graderGivesFullPoints(expected: unknown, actual: unknown, options: AnswerOptions): boolean {
  const source = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      {
        cell_type: "code",
        id: "t",
        execution_count: null,
        outputs: [],
        source: 'exercise("990.1").check(x);',
        metadata: {
          nbgrader: {
            grade: true,
            solution: false,
            locked: true,
            grade_id: "ex-990-1",
            points: 2,
            schema_version: 3,
          },
          academy: { exercise: "990.1", title: "property", answer: { value: expected, ...options } },
        },
      },
    ],
  } as unknown as Notebook;
  const observation = (value: unknown): Output =>
    ({
      output_type: "display_data",
      metadata: {},
      data: { [OBSERVATION_MIME]: { name: "answer", value: overTheWire(value), options } },
    }) as Output;
  const reference = {
    grade_id: "ex-990-1",
    status: "ok",
    observations: [{ name: "answer", value: overTheWire(expected), options }],
  };
  const scored = scoreTestCell(source, 0, reference, {
    status: "ok",
    outputs: [observation(actual)],
    stderr: "",
    durationMs: 1,
  });
  return scored.points === scored.max;
}

const agree = (expected: unknown, actual: unknown, options: AnswerOptions) => {
  const check = selfCheckSaysRight(expected, actual, options);
  const grader = graderGivesFullPoints(expected, actual, options);
  if (check !== grader)
    throw new Error(
      `self-check ${check ? "✓" : "✗"} but grader ${grader ? "full" : "not full"} points for ${JSON.stringify({ expected: toJsonValue(expected), actual: toJsonValue(actual), options })}`,
    );
  return check;
};

const tolerances = fc.constantFrom(0, 0.0001, 0.001, 0.01, 0.5, 1, 5);
const config = { numRuns: 400 };

test("numbers around every tolerance edge: ✓ exactly when the grader gives full points", () => {
  let rights = 0;
  let wrongs = 0;
  fc.assert(
    fc.property(
      tolerances,
      fc.double({ min: -1e7, max: 1e7, noNaN: true }),
      fc.integer({ min: -4, max: 4 }),
      fc.constantFrom(0, 1e-12, -1e-12, 1e-9, -1e-9, 0.25, -0.25),
      (tolerance, expected, halfSteps, nudge) => {
        const step = tolerance || 1e-6;
        const actual = expected + (halfSteps * step) / 2 + nudge * step;
        if (agree(expected, actual, { tolerance })) rights++;
        else wrongs++;
      },
    ),
    config,
  );
  expect(rights).toBeGreaterThan(20); // both sides of the edge were tried
  expect(wrongs).toBeGreaterThan(20);
});

test("unordered and ordered lists, letter case and nested objects", () => {
  const word = fc.constantFrom("refined", "Refined", " refined ", "REFINED", "raw", "Raw", "user", "trusted");
  const item = fc.oneof(
    word,
    fc.integer({ min: -3, max: 3 }),
    fc.double({ min: -10, max: 10, noNaN: true }),
    fc.constant(null),
  );
  fc.assert(
    fc.property(
      fc.array(item, { maxLength: 5 }),
      fc.boolean(),
      fc.boolean(),
      tolerances,
      fc.func(fc.integer()),
      (xs, ordered, caseSensitive, tolerance, shuffleKey) => {
        const options = { ordered, caseSensitive, tolerance };
        const shuffled = [...xs].sort((a, b) => shuffleKey(a) - shuffleKey(b));
        const recased = xs.map((x) => (typeof x === "string" ? x.toUpperCase() : x));
        for (const actual of [xs, shuffled, recased, xs.slice(1), { list: xs }]) {
          agree(xs, actual, options);
          agree({ nested: { list: xs, n: xs.length } }, { nested: { n: xs.length, list: actual } }, options);
        }
      },
    ),
    { numRuns: 150 },
  );
});

test("Dates, missing values and DataFrames", () => {
  const rows = [
    { make: "Ford", price: 6460.4, listed: new Date(Date.UTC(2026, 8, 7)) },
    { make: "Kia", price: null, listed: new Date(Date.UTC(2026, 8, 8)) },
  ];
  const frame = new DataFrame(rows.map((r) => ({ ...r, listed: r.listed.toISOString() })));
  const options = [{}, { tolerance: 1 }, { ordered: true }, { tolerance: 0.5, caseSensitive: true }];
  for (const o of options) {
    expect(
      agree(
        frame,
        rows.map((r) => ({ ...r, listed: r.listed.toISOString() })),
        o,
      ),
    ).toBe(true);
    expect(agree(rows, [...rows].reverse(), o)).toBe(!o.ordered);
    agree(frame, rows, o);
    agree({ a: NaN, b: undefined }, { a: null, b: null }, o);
    agree(new Date(Date.UTC(2026, 8, 7)), "2026-09-07T00:00:00.000Z", o);
    agree(new Set([1, 2]), [2, 1], o);
    agree(new Map([["a", 1]]), { a: 1 }, o);
  }
});

test("the case from the issue: 6461.4 for 6460 at tolerance 1 is ✗ and not full points (it used to be ✓ and 0 points)", () => {
  expect(agree(6460, 6461.4, { tolerance: 1 })).toBe(false);
  expect(agree(6460, 6460.4, { tolerance: 1 })).toBe(true);
});
