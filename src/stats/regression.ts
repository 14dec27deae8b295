/**
 * A first model: a straight line (or a flat plane, with several features) fitted by least squares,
 * and the mean absolute error to judge it by. Short enough to read: the fit is the textbook
 * "normal equations" solved by Gaussian elimination.
 *
 *   const model = stats.fitLinear(train, "days_to_sell", ["mileage", "age"]);
 *   model.predict({ mileage: 40_000, age: 5 }) // days
 *   stats.meanAbsoluteError(test.map((r) => r.days_to_sell), test.map((r) => model.predict(r)))
 *
 * Rows with a missing value (null, undefined or NaN) in the target or a feature are left out of
 * the fit, and it prints one line saying how many; predict gives null for a row with a missing
 * feature. Text where a number should be is refused.
 */
import { isMissing } from "../missing";
import { isNumber, missingCount, presentPairs, sum, tellLeftOut, type Numbers } from "./values";

/** The column names of `Row` whose values are numbers (possibly missing): what a model can use. */
export type NumericColumn<Row> = {
  [K in keyof Row]-?: Row[K] extends number | null | undefined ? K : never;
}[keyof Row] &
  string;

/** A fitted linear model: prediction = intercept + the sum of coefficient × feature. */
export interface LinearModel<Feature extends string> {
  /** The prediction when every feature is 0. */
  readonly intercept: number;
  /** How much the prediction moves when a feature goes up by 1 and the others stay the same. */
  readonly coefficients: Readonly<Record<Feature, number>>;
  /** The target it predicts and the features it uses, in order. */
  readonly target: string;
  readonly features: readonly Feature[];
  /** How many rows it was fitted on (after leaving out rows with a missing value). */
  readonly rows: number;
  /** The prediction for one row, or null when one of its features is missing. */
  predict(row: Readonly<Partial<Record<Feature, number | null | undefined>>>): number | null;
}

/**
 * Fits `target` ≈ intercept + b1 × feature1 + b2 × feature2 + … by least squares: the line (or
 * plane) with the smallest sum of squared errors over `rows`. With no features it is the mean.
 * Rows where the target or a feature is missing are left out (it prints one line saying how many).
 * Refuses fewer rows than it has numbers to fit, and a feature that is a copy or a mix of others
 * (a constant column, or one that is another times two): those have no single best fit.
 * @example fitLinear([{ x: 1, y: 3 }, { x: 2, y: 5 }, { x: 3, y: 7 }], "y", ["x"]) // y = 1 + 2x
 */
export function fitLinear<Row extends object, Feature extends NumericColumn<Row>>(
  rows: readonly Row[],
  target: NumericColumn<Row>,
  features: readonly Feature[],
): LinearModel<Feature> {
  const caller = "stats.fitLinear";
  const columns = [target, ...features] as string[];
  const value = (row: Row, column: string) => (row as Record<string, unknown>)[column];
  for (const column of columns)
    missingCount(
      rows.map((r) => value(r, column) as number),
      `${caller} (${column})`,
    );
  const complete: Row[] = [];
  const missing: unknown[] = []; // the first missing value of each row left out, to say which kind
  for (const row of rows) {
    const gap = columns.find((column) => !isNumber(value(row, column)));
    if (gap === undefined) complete.push(row);
    else missing.push(value(row, gap));
  }
  tellLeftOut(caller, [...missing, ...complete], missing.length, "row");
  if (complete.length < features.length + 1)
    throw new Error(
      `${caller} needs at least ${features.length + 1} complete rows for ${features.length} features, and got ${complete.length}.`,
    );
  // Each row becomes [1, feature1, feature2, …]: the 1 is what the intercept multiplies.
  const x = complete.map((r) => [1, ...features.map((f) => value(r, f) as number)]);
  const y = complete.map((r) => value(r, target) as number);
  const solution = solveLeastSquares(x, y, ["the intercept", ...features]);
  const coefficients = Object.fromEntries(features.map((f, i) => [f, solution[i + 1]])) as Record<
    Feature,
    number
  >;
  return {
    intercept: solution[0],
    coefficients,
    target,
    features,
    rows: complete.length,
    predict(row) {
      const values = features.map((f) => row[f]);
      if (values.some((v) => v === undefined || isMissing(v))) return null;
      return solution[0] + sum(values.map((v, i) => (v as number) * solution[i + 1]));
    },
  };
}

/**
 * The b that makes x·b closest to y (smallest sum of squares): the solution of (xᵀx) b = xᵀy.
 * Columns are scaled to comparable sizes first (miles and years differ by thousands), which
 * changes nothing in the answer but keeps the arithmetic accurate.
 */
function solveLeastSquares(x: number[][], y: number[], names: readonly string[]): number[] {
  const p = names.length;
  const scale = names.map((_, j) => Math.max(...x.map((row) => Math.abs(row[j]))) || 1);
  const scaled = x.map((row) => row.map((v, j) => v / scale[j]));
  const xtx = names.map((_, i) => names.map((_, j) => sum(scaled.map((row) => row[i] * row[j]))));
  const xty = names.map((_, i) => sum(scaled.map((row, r) => row[i] * y[r])));
  const b = solve(xtx, xty, names);
  return b.slice(0, p).map((v, j) => v / scale[j]);
}

/** Solves a · b = rhs by Gaussian elimination with partial pivoting; `names` say which column is stuck. */
function solve(a: number[][], rhs: number[], names: readonly string[]): number[] {
  const n = rhs.length;
  const m = a.map((row, i) => [...row, rhs[i]]);
  const size = Math.max(...a.map((row, i) => Math.abs(row[i])));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-10 * size)
      throw new Error(
        `stats.fitLinear cannot fit ${names[col]}: it carries no information the others don't ` +
          `(a constant column, or a copy or mix of other features). Leave it out.`,
      );
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = m[r][col] / m[col][col];
      for (let k = col; k <= n; k++) m[r][k] -= factor * m[col][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/**
 * The mean absolute error: on average, how far the predictions are from what happened, in the
 * target's own units (days, pounds). Pairs where either side is missing are left out, and it
 * prints one line saying how many: two errors are only comparable on the same rows.
 * @example meanAbsoluteError([10, 20, 30], [12, 20, 25]) // (2 + 0 + 5) / 3 = 2.33
 */
export function meanAbsoluteError(actual: Numbers, predicted: Numbers): number {
  const errors = presentPairs(
    actual,
    predicted,
    "stats.meanAbsoluteError",
    ["actual", "predicted"],
    "; each prediction needs the value it predicts.",
  ).map(([a, p]) => Math.abs(a - p));
  return sum(errors) / errors.length;
}
