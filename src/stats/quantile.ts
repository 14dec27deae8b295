import { present, type Numbers } from "./values";

/** The quantile `p` of numbers already sorted from small to large (linear interpolation). */
function quantileOfSorted(xs: readonly number[], p: number): number {
  const position = (xs.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return xs[below] + (xs[above] - xs[below]) * (position - below);
}

/** The numbers that are there, sorted from small to large; `caller` says what it left out. */
const sortedPresent = (values: Numbers, caller: string) => [...present(values, caller)].sort((a, b) => a - b);

/**
 * The value below which a share `p` (0..1) of the data lies, by linear interpolation between
 * the two nearest ranks (the default of numpy, pandas and R's type 7).
 * Missing values (null, undefined, NaN) are left out, and it prints one line saying how many.
 * @example quantile([1, 2, 3, 4], 0.25) // 1.75
 */
export function quantile(values: Numbers, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`invalid p: ${p} (use a share between 0 and 1, e.g. 0.25)`);
  return quantileOfSorted(sortedPresent(values, "stats.quantile"), p);
}

/**
 * The middle value: half the data is below it. Unlike the mean, a few absurd values barely move it.
 * Missing values are left out, and it prints one line saying how many.
 * @example median([1, 2, 100]) // 2
 * @example median([1, null, 100]) // 50.5, and prints "stats.median left out 1 missing value (null) of 3."
 */
export function median(values: Numbers): number {
  return quantileOfSorted(sortedPresent(values, "stats.median"), 0.5);
}

/** The quartiles of `values`, for `caller` (the function the learner called, named in its note). */
export function quartilesFor(values: Numbers, caller: string): { q1: number; median: number; q3: number } {
  const xs = sortedPresent(values, caller);
  return {
    q1: quantileOfSorted(xs, 0.25),
    median: quantileOfSorted(xs, 0.5),
    q3: quantileOfSorted(xs, 0.75),
  };
}

/**
 * The three quartiles: 25%, 50% and 75% of the data lie below them.
 * Missing values are left out, and it prints one line saying how many.
 * @example quartiles([1, 2, 3, 4, 5]) // { q1: 2, median: 3, q3: 4 }
 */
export function quartiles(values: Numbers): { q1: number; median: number; q3: number } {
  return quartilesFor(values, "stats.quartiles");
}

/**
 * The interquartile range, q3 - q1: how wide the middle half of the data is.
 * Missing values are left out, and it prints one line saying how many.
 * @example iqr([1, 2, 3, 4, 5]) // 2
 */
export function iqr(values: Numbers): number {
  const { q1, q3 } = quartilesFor(values, "stats.iqr");
  return q3 - q1;
}
