import { present, sum, type Numbers } from "./values";

/**
 * The arithmetic mean: the sum divided by how many there are. Missing values are skipped.
 * One absurd value (a £99,999,999 typo) moves it a lot; see median.
 * @example mean([1, 2, 4]) // 2.333...
 */
export function mean(values: Numbers): number {
  const xs = present(values);
  return sum(xs) / xs.length;
}
