import { quartilesFor } from "./quantile";
import { isNumber, type Numbers } from "./values";

function fences(values: Numbers, k: number, caller: string): { lower: number; upper: number } {
  if (!(k >= 0)) throw new Error(`invalid k: ${k}`);
  const { q1, q3 } = quartilesFor(values, caller);
  return { lower: q1 - k * (q3 - q1), upper: q3 + k * (q3 - q1) };
}

/**
 * Tukey's fences: values below q1 - k·IQR or above q3 + k·IQR are outliers (k = 1.5 by default).
 * The quartiles are those of the values that are there: missing values are left out, and it
 * prints one line saying how many.
 * @example outlierBounds([1, 2, 3, 4, 100]) // { lower: -1, upper: 7 }
 */
export function outlierBounds(
  values: Numbers,
  { k = 1.5 }: { k?: number } = {},
): { lower: number; upper: number } {
  return fences(values, k, "stats.outlierBounds");
}

/**
 * One flag per value: true when it lies outside Tukey's fences. The fences come from the values
 * that are there; a missing value is never an outlier (its flag is false), and it prints one
 * line saying how many it left out.
 * @example iqrOutliers([1, 2, 3, 4, 100]) // [false, false, false, false, true]
 */
export function iqrOutliers(values: Numbers, { k = 1.5 }: { k?: number } = {}): boolean[] {
  const { lower, upper } = fences(values, k, "stats.iqrOutliers");
  return values.map((v) => isNumber(v) && (v < lower || v > upper));
}
