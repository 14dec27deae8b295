import { present, sum, type Numbers } from "./values";

/**
 * The arithmetic mean: the sum divided by how many there are.
 * One absurd value (a £99,999,999 typo) moves it a lot; see median.
 * Missing values (null, undefined, NaN) are left out, not counted as 0, and it prints one line
 * saying how many.
 * @example mean([1, 2, 4]) // 2.333...
 */
export function mean(values: Numbers): number {
  const xs = present(values, "stats.mean");
  return sum(xs) / xs.length;
}
