import { quartiles } from "./quantile";
import { isNumber, type Numbers } from "./values";

/**
 * Tukey's fences: values below q1 - k·IQR or above q3 + k·IQR are outliers (k = 1.5 by default).
 * @example outlierBounds([1, 2, 3, 4, 100]) // { lower: -1, upper: 7 }
 */
export function outlierBounds(
  values: Numbers,
  { k = 1.5 }: { k?: number } = {},
): { lower: number; upper: number } {
  if (!(k >= 0)) throw new Error(`invalid k: ${k}`);
  const { q1, q3 } = quartiles(values);
  return { lower: q1 - k * (q3 - q1), upper: q3 + k * (q3 - q1) };
}

/**
 * One flag per value: true when it lies outside Tukey's fences. Missing values are never outliers.
 * @example iqrOutliers([1, 2, 3, 4, 100]) // [false, false, false, false, true]
 */
export function iqrOutliers(values: Numbers, options: { k?: number } = {}): boolean[] {
  const { lower, upper } = outlierBounds(values, options);
  return values.map((v) => isNumber(v) && (v < lower || v > upper));
}
