/** The one rule for "the same answer": canonical forms, tolerance rounding, hashes and edge numbers. */
import { createHash } from "node:crypto";
import {
  answerHash,
  canonical,
  numbersNearEdge,
  roundedToTolerance,
  sameAnswer,
} from "../../../src/exercises/same-answer";

describe("roundedToTolerance", () => {
  test("counts steps of the tolerance, to the nearest whole step", () => {
    expect(roundedToTolerance(6460.4, 1)).toBe(6460);
    expect(roundedToTolerance(6460.6, 1)).toBe(6461);
    expect(roundedToTolerance(2.333, 0.01)).toBe(233);
    expect(roundedToTolerance(1234, 100)).toBe(12);
  });

  test("floating-point noise does not decide which way a number rounds", () => {
    expect(1.005 / 0.01).toBeLessThan(100.5); // 100.49999999999999 in binary floating point
    expect(roundedToTolerance(1.005, 0.01)).toBe(101);
    expect(roundedToTolerance(4.35, 0.1)).toBe(44);
    expect(roundedToTolerance(0.1 + 0.2)).toBe(0.3);
  });

  test("with no tolerance the number is kept, up to 15 significant digits", () => {
    expect(roundedToTolerance(7 / 3)).toBe(2.33333333333333);
    expect(roundedToTolerance(7 / 3, 0)).toBe(roundedToTolerance(7 / 3));
    expect(roundedToTolerance(2.5, -1)).toBe(2.5); // a tolerance that is not positive means exact
  });

  test("halves round up, towards positive infinity, as Math.round does", () => {
    expect(roundedToTolerance(2.5, 1)).toBe(3);
    expect(roundedToTolerance(-2.5, 1)).toBe(-2);
  });
});

describe("canonical and sameAnswer", () => {
  test("-0 and 0 are the same answer, also after rounding a small negative number", () => {
    expect(canonical(-0)).toBe(canonical(0));
    expect(Object.is(roundedToTolerance(-0.4, 1), -0)).toBe(true);
    expect(sameAnswer(0, -0.4, { tolerance: 1 })).toBe(true);
  });

  test("NaN, Infinity, undefined and null are all 'no value', and not zero", () => {
    expect(canonical(NaN)).toBe("null");
    expect(sameAnswer(null, NaN)).toBe(true);
    expect(sameAnswer(undefined, null)).toBe(true);
    expect(sameAnswer(Infinity, null)).toBe(true);
    expect(sameAnswer(NaN, 0)).toBe(false);
  });

  test("numbers, text and booleans stay different kinds", () => {
    expect(sameAnswer(1, "1")).toBe(false);
    expect(sameAnswer(true, "true")).toBe(false);
    expect(sameAnswer(0, false)).toBe(false);
    expect(canonical([1, "1", true])).toBe("[b:true,n:1,s:1]");
  });

  test("text is trimmed and compared in any case unless caseSensitive", () => {
    expect(sameAnswer("  Refined ", "refined")).toBe(true);
    expect(sameAnswer("Refined", "refined", { caseSensitive: true })).toBe(false);
    expect(sameAnswer(" Refined", "Refined ", { caseSensitive: true })).toBe(true);
  });

  test("a Date is its ISO text; an invalid Date is no value", () => {
    const date = new Date(Date.UTC(2026, 8, 7, 12, 30));
    expect(canonical(date)).toBe("s:2026-09-07t12:30:00.000z");
    expect(sameAnswer(date, "2026-09-07T12:30:00.000Z", { caseSensitive: true })).toBe(true);
    expect(sameAnswer(date, new Date(Date.UTC(2026, 8, 7, 12, 31)))).toBe(false);
    expect(sameAnswer(new Date("not a date"), null)).toBe(true);
  });

  test("object keys are compared in any order, at every depth", () => {
    const a = { region: "London", stats: { mean: 1, n: 2 } };
    const b = { stats: { n: 2, mean: 1 }, region: "London" };
    expect(canonical(a)).toBe(canonical(b));
    expect(canonical(a)).toBe('{"region"=s:london,"stats"={"mean"=n:1,"n"=n:2}}');
    expect(sameAnswer(a, { ...b, stats: { n: 2, mean: 1.5 } })).toBe(false);
  });

  test("rows are compared as a set unless ordered, and tolerance applies inside every row", () => {
    const expected = [
      { make: "Ford", mean: 9995.2 },
      { make: "BMW", mean: 21000 },
    ];
    const reversed = [
      { make: "BMW", mean: 21000.4 },
      { make: "Ford", mean: 9995 },
    ];
    expect(sameAnswer(expected, reversed, { tolerance: 1 })).toBe(true);
    expect(sameAnswer(expected, reversed, { tolerance: 1, ordered: true })).toBe(false);
    expect(sameAnswer(expected, reversed)).toBe(false); // exact without a tolerance
    expect(sameAnswer(expected, expected.slice(0, 1), { tolerance: 1 })).toBe(false);
  });

  test("unordered compares lists inside rows as sets too, but keeps repeats", () => {
    expect(sameAnswer([{ tags: ["b", "a"] }], [{ tags: ["a", "b"] }])).toBe(true);
    expect(sameAnswer([{ tags: ["b", "a"] }], [{ tags: ["a", "b"] }], { ordered: true })).toBe(false);
    expect(sameAnswer([1, 1, 2], [1, 2, 2])).toBe(false);
  });

  test("a DataFrame is its rows, a Series its values, a Set a list and a Map an object", () => {
    const frame = {
      columns: ["make", "n"],
      values: [
        ["Ford", 2],
        ["BMW", 1],
      ],
      index: [0, 1],
    };
    expect(
      sameAnswer(frame, [
        { n: 1, make: "BMW" },
        { make: "Ford", n: 2 },
      ]),
    ).toBe(true);
    expect(sameAnswer({ values: [3, 1], index: ["a", "b"] }, [1, 3])).toBe(true);
    expect(sameAnswer(new Set(["b", "a"]), ["a", "b"])).toBe(true);
    expect(sameAnswer(new Map([["k", 1]]), { k: 1 })).toBe(true);
  });

  test("a missing key is not the same as a key holding null", () => {
    expect(sameAnswer({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameAnswer({ a: 1, b: undefined }, { a: 1, b: null })).toBe(true);
  });
});

describe("answerHash", () => {
  test("is the SHA-256 of salt, id and canonical form (the format the stored definitions use)", () => {
    const expected = createHash("sha256").update("salt|101.1|n:120").digest("hex");
    expect(answerHash("salt", "101.1", 120)).toBe(expected);
    expect(answerHash("salt", "101.1", 120.4, { tolerance: 1 })).toBe(
      answerHash("salt", "101.1", 120, { tolerance: 1 }),
    );
  });

  test("changes with the salt, the exercise and the answer", () => {
    const hash = answerHash("salt", "101.1", 120);
    expect(answerHash("other", "101.1", 120)).not.toBe(hash);
    expect(answerHash("salt", "101.2", 120)).not.toBe(hash);
    expect(answerHash("salt", "101.1", 121)).not.toBe(hash);
  });
});

describe("numbersNearEdge", () => {
  test("finds numbers more than 0.4 of a step from the nearest multiple of the tolerance", () => {
    expect(numbersNearEdge(2.45, 0.1)).toEqual([2.45]);
    expect(numbersNearEdge(2.44, 0.1)).toEqual([]); // exactly 0.4 of a step away is still safe
    expect(numbersNearEdge(9362.55, 1)).toEqual([9362.55]);
    expect(numbersNearEdge(9362.6, 1)).toEqual([]); // 0.4 from 9363
    expect(numbersNearEdge(14.5, 1)).toEqual([14.5]);
  });

  test("looks inside rows, lists and DataFrames, and never without a tolerance", () => {
    const frame = { columns: ["a"], values: [[0.5], [2]], index: [0, 1] };
    expect(numbersNearEdge([{ a: 0.5 }, { b: [1.45, 3] }], 1)).toEqual([0.5, 1.45]);
    expect(numbersNearEdge(frame, 1)).toEqual([0.5]);
    expect(numbersNearEdge([0.5, 1.5], 0)).toEqual([]);
  });
});
