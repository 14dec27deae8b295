/** stats.fitLinear and stats.meanAbsoluteError against hand-checked fits (numpy.linalg.lstsq gives the same). */
import { printedLines as printed } from "../../helpers/console";
import * as stats from "../../../src/stats";

test("a line through three points is found exactly", () => {
  const model = stats.fitLinear(
    [
      { x: 1, y: 3 },
      { x: 2, y: 5 },
      { x: 3, y: 7 },
    ],
    "y",
    ["x"],
  );
  expect(model.intercept).toBeCloseTo(1, 10);
  expect(model.coefficients.x).toBeCloseTo(2, 10);
  expect(model.predict({ x: 10 })).toBeCloseTo(21, 10);
  expect(model.rows).toBe(3);
});

test("least squares with two features of very different sizes (miles and years)", () => {
  // y = 40 - 0.0002 * miles + 1.5 * age, plus noise that sums to zero against each column
  const rows = [
    { miles: 10_000, age: 1, noise: 1 },
    { miles: 30_000, age: 3, noise: -1 },
    { miles: 50_000, age: 4, noise: -1 },
    { miles: 80_000, age: 9, noise: 1 },
    { miles: 20_000, age: 6, noise: 0 },
  ].map((r) => ({ ...r, days: 40 - 0.0002 * r.miles + 1.5 * r.age }));
  const model = stats.fitLinear(rows, "days", ["miles", "age"]);
  expect(model.intercept).toBeCloseTo(40, 8);
  expect(model.coefficients.miles).toBeCloseTo(-0.0002, 12);
  expect(model.coefficients.age).toBeCloseTo(1.5, 8);
});

test("noisy data: the fit is the least-squares one (numpy.polyfit([0,1,2,3], [1,2,2,4], 1) = 0.9x + 0.9)", () => {
  const model = stats.fitLinear(
    [0, 1, 2, 3].map((x, i) => ({ x, y: [1, 2, 2, 4][i] })),
    "y",
    ["x"],
  );
  expect(model.coefficients.x).toBeCloseTo(0.9, 10);
  expect(model.intercept).toBeCloseTo(0.9, 10);
});

test("no features: the model is the mean", () => {
  const model = stats.fitLinear([{ y: 1 }, { y: 2 }, { y: 6 }], "y", []);
  expect(model.intercept).toBeCloseTo(3, 12);
  expect(model.predict({})).toBeCloseTo(3, 12);
});

test("rows with a missing value are left out, and it says how many; predict gives null for them", () => {
  const rows = [
    { x: 1, y: 2 },
    { x: null, y: 4 },
    { x: 3, y: 6 },
    { x: 4, y: NaN },
    { x: 5, y: 10 },
  ];
  let model: stats.LinearModel<"x"> | undefined;
  expect(printed(() => (model = stats.fitLinear(rows, "y", ["x"])))).toEqual([
    "stats.fitLinear left out 2 rows with a missing value (null and NaN) of 5.",
  ]);
  expect(model!.rows).toBe(3);
  expect(model!.coefficients.x).toBeCloseTo(2, 10);
  expect(model!.predict({ x: null })).toBeNull();
});

test("a constant feature or a copy of another is refused, naming it", () => {
  const rows = [1, 2, 3, 4].map((x) => ({ x, double: 2 * x, one: 1, y: x + 1 }));
  expect(() => stats.fitLinear(rows, "y", ["x", "double"])).toThrow(
    /cannot fit double: it carries no information the others don't/,
  );
  expect(() => stats.fitLinear(rows, "y", ["one"])).toThrow(/cannot fit (one|the intercept)/);
});

test("too few rows, and text where a number should be, are refused with a message that says why", () => {
  expect(() => stats.fitLinear([{ a: 1, b: 2, y: 3 }], "y", ["a", "b"])).toThrow(
    "stats.fitLinear needs at least 3 complete rows for 2 features, and got 1.",
  );
  const text = [{ x: "12", y: 1 }] as unknown as { x: number; y: number }[];
  expect(() => stats.fitLinear(text, "y", ["x"])).toThrow(/works on numbers, and got "12"/);
});

test("the mean absolute error, with missing pairs left out and counted", () => {
  expect(stats.meanAbsoluteError([10, 20, 30], [12, 20, 25])).toBeCloseTo(7 / 3, 12);
  expect(printed(() => expect(stats.meanAbsoluteError([10, 20, null], [12, null, 25])).toBe(2))).toEqual([
    "stats.meanAbsoluteError left out 2 pairs with a missing value (null) of 3.",
  ]);
  expect(() => stats.meanAbsoluteError([1, 2], [1])).toThrow(/differ in length \(2 vs 1\)/);
});
