import { isNumber, missingCount, sum, tellLeftOut, type Numbers } from "./values";

/**
 * The pairs (numerator, denominator) where both are there. A pair with a missing side is left
 * out whole, so a numerator never counts without its denominator; `caller` prints one line
 * saying how many pairs it left out.
 */
function pairs(numerators: Numbers, denominators: Numbers, caller: string): [number, number][] {
  if (numerators.length !== denominators.length)
    throw new Error(
      `${caller}: numerators and denominators differ in length (${numerators.length} vs ${denominators.length})`,
    );
  missingCount(numerators, caller);
  missingCount(denominators, caller);
  const kept: [number, number][] = [];
  const missing: unknown[] = [];
  numerators.forEach((n, i) => {
    const d = denominators[i];
    if (isNumber(n) && isNumber(d)) kept.push([n, d]);
    else missing.push(isNumber(n) ? d : n);
  });
  if (kept.length === 0)
    throw new Error(`No pairs to work with in ${caller}: every pair has a missing side.`);
  tellLeftOut(caller, [...missing, ...kept], missing.length, "pair");
  return kept;
}

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
