import { present, sum, type Numbers } from "./values";

const meanOf = (xs: readonly number[]) => sum(xs) / xs.length;

/**
 * Standard deviation: the typical distance from the mean. `sample: true` (the default) divides
 * by n - 1, as pandas does, because the data is a sample of something bigger.
 * Missing values are left out, and it prints one line saying how many.
 * @example standardDeviation([2, 4, 4, 4, 5, 5, 7, 9], { sample: false }) // 2
 */
export function standardDeviation(values: Numbers, { sample = true }: { sample?: boolean } = {}): number {
  const xs = present(values, "stats.standardDeviation");
  if (sample && xs.length < 2) throw new Error("A sample standard deviation needs at least two values.");
  const m = meanOf(xs);
  return Math.sqrt(sum(xs.map((x) => (x - m) ** 2)) / (xs.length - (sample ? 1 : 0)));
}

/**
 * Skewness: 0 for a symmetric distribution, positive when a long tail goes to the right (prices:
 * many cheap cars, a few very expensive ones). Same formula as pandas' .skew().
 * Missing values are left out, and it prints one line saying how many.
 * @example skewness([1, 2, 3, 4, 10]) // 1.697...
 */
export function skewness(values: Numbers): number {
  const xs = present(values, "stats.skewness");
  const n = xs.length;
  if (n < 3) throw new Error("Skewness needs at least three values.");
  const m = meanOf(xs);
  const m2 = sum(xs.map((x) => (x - m) ** 2)) / n;
  const m3 = sum(xs.map((x) => (x - m) ** 3)) / n;
  return (Math.sqrt(n * (n - 1)) / (n - 2)) * (m3 / m2 ** 1.5);
}
