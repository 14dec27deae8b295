import { present, type Numbers } from "./values";

/**
 * The value below which a share `p` (0..1) of the data lies, by linear interpolation between
 * the two nearest ranks (the default of numpy, pandas and R's type 7). Missing values are skipped.
 * @example quantile([1, 2, 3, 4], 0.25) // 1.75
 */
export function quantile(values: Numbers, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`invalid p: ${p} (use a share between 0 and 1, e.g. 0.25)`);
  const xs = [...present(values)].sort((a, b) => a - b);
  const position = (xs.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return xs[below] + (xs[above] - xs[below]) * (position - below);
}

/**
 * The middle value: half the data is below it. Unlike the mean, a few absurd values barely move it.
 * @example median([1, 2, 100]) // 2
 */
export function median(values: Numbers): number {
  return quantile(values, 0.5);
}

/**
 * The three quartiles: 25%, 50% and 75% of the data lie below them.
 * @example quartiles([1, 2, 3, 4, 5]) // { q1: 2, median: 3, q3: 4 }
 */
export function quartiles(values: Numbers): { q1: number; median: number; q3: number } {
  return { q1: quantile(values, 0.25), median: quantile(values, 0.5), q3: quantile(values, 0.75) };
}

/**
 * The interquartile range, q3 - q1: how wide the middle half of the data is.
 * @example iqr([1, 2, 3, 4, 5]) // 2
 */
export function iqr(values: Numbers): number {
  const { q1, q3 } = quartiles(values);
  return q3 - q1;
}
