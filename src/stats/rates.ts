import { presentPairs, sum, type Numbers } from "./values";

/** The (numerator, denominator) pairs where both are there (see presentPairs). */
const pairs = (numerators: Numbers, denominators: Numbers, caller: string) =>
  presentPairs(numerators, denominators, caller, ["numerators", "denominators"]);

/**
 * A rate done right: the ratio of sums. Responses per view over all adverts is
 * (all responses) / (all views), so each view counts once.
 * A pair with a missing value (null, undefined, NaN) on either side is left out whole, and it
 * prints one line saying how many pairs.
 * @example rate([1, 30], [10, 100]) // 31 / 110 = 0.2818...
 */
export function rate(numerators: Numbers, denominators: Numbers): number {
  const kept = pairs(numerators, denominators, "stats.rate");
  const total = sum(kept.map(([, d]) => d));
  if (total === 0) throw new Error("The denominators add up to 0: the rate is undefined.");
  return sum(kept.map(([n]) => n)) / total;
}

/**
 * The mean of per-row ratios: what a typical row converts at, each row weighing the same (an
 * advert with 1 view as much as one with 1,000). That answers another question than rate(), the
 * overall rate (a ratio of sums, the same as a mean of ratios weighted by each denominator).
 * Pairs with a missing side are left out (it prints one line saying how many), and so are
 * rows with a denominator of 0, which have no ratio.
 * @example meanOfRatios([1, 30], [10, 100]) // (0.1 + 0.3) / 2 = 0.2
 */
export function meanOfRatios(numerators: Numbers, denominators: Numbers): number {
  const ratios = pairs(numerators, denominators, "stats.meanOfRatios")
    .filter(([, d]) => d !== 0)
    .map(([n, d]) => n / d);
  return sum(ratios) / ratios.length;
}
