import { isNumber, sum, type Numbers } from "./values";

function pairs(numerators: Numbers, denominators: Numbers): [number, number][] {
  if (numerators.length !== denominators.length)
    throw new Error(
      `numerators and denominators differ in length (${numerators.length} vs ${denominators.length})`,
    );
  const kept = numerators
    .map((n, i) => [n, denominators[i]] as const)
    .filter((p): p is readonly [number, number] => isNumber(p[0]) && isNumber(p[1]));
  if (kept.length === 0) throw new Error("No pairs to work with.");
  return kept.map(([n, d]) => [n, d]);
}

/**
 * A rate done right: the ratio of sums. Responses per view over all adverts is
 * (all responses) / (all views), so each view counts once.
 * @example rate([1, 30], [10, 100]) // 31 / 110 = 0.2818...
 */
export function rate(numerators: Numbers, denominators: Numbers): number {
  const kept = pairs(numerators, denominators);
  const total = sum(kept.map(([, d]) => d));
  if (total === 0) throw new Error("The denominators add up to 0: the rate is undefined.");
  return sum(kept.map(([n]) => n)) / total;
}

/**
 * The mean of per-row ratios, usually the wrong way to compute a rate: an advert with 1 view and
 * 1 response weighs as much as one with 1,000 views. Kept here so you can compare with rate().
 * @example meanOfRatios([1, 30], [10, 100]) // (0.1 + 0.3) / 2 = 0.2
 */
export function meanOfRatios(numerators: Numbers, denominators: Numbers): number {
  const ratios = pairs(numerators, denominators)
    .filter(([, d]) => d !== 0)
    .map(([n, d]) => n / d);
  return sum(ratios) / ratios.length;
}
