import { mean } from "./mean";
import { median, quantile } from "./quantile";
import { randomSource } from "./random";
import { present, type Numbers } from "./values";

type Statistic = (values: number[]) => number;

/**
 * A percentile bootstrap confidence interval: resample the data with replacement many times,
 * compute the statistic each time, and take the middle `level` share of those results.
 * @example bootstrapInterval(daysToSell, { statistic: median, level: 0.95 })
 */
export function bootstrapInterval(
  values: Numbers,
  {
    statistic = median,
    level = 0.95,
    resamples = 2000,
    seed = 1,
  }: { statistic?: Statistic; level?: number; resamples?: number; seed?: number } = {},
): { estimate: number; lower: number; upper: number; level: number } {
  if (!(level > 0 && level < 1)) throw new Error(`invalid level: ${level} (e.g. 0.95)`);
  const xs = present(values);
  const random = randomSource(seed);
  const results: number[] = [];
  for (let r = 0; r < resamples; r++) {
    results.push(statistic(xs.map(() => xs[Math.floor(random() * xs.length)])));
  }
  const tail = (1 - level) / 2;
  return {
    estimate: statistic(xs),
    lower: quantile(results, tail),
    upper: quantile(results, 1 - tail),
    level,
  };
}

/**
 * A permutation test: if the group labels did not matter, shuffling them would give differences
 * as large as the one observed quite often. The p-value is how often it does.
 * @example permutationTest(newLayoutRates, controlRates, { alternative: "greater" })
 */
export function permutationTest(
  groupA: Numbers,
  groupB: Numbers,
  {
    statistic = (a: number[], b: number[]) => mean(a) - mean(b),
    permutations = 5000,
    seed = 1,
    alternative = "two-sided",
  }: {
    statistic?: (a: number[], b: number[]) => number;
    permutations?: number;
    seed?: number;
    alternative?: "two-sided" | "greater" | "less";
  } = {},
): { observed: number; pValue: number; permutations: number } {
  if (!["two-sided", "greater", "less"].includes(alternative))
    throw new Error(`invalid alternative: ${alternative}`);
  const a = present(groupA, "values in group A");
  const b = present(groupB, "values in group B");
  const observed = statistic(a, b);
  const pooled = [...a, ...b];
  const random = randomSource(seed);
  let asExtreme = 0;
  for (let p = 0; p < permutations; p++) {
    for (let i = pooled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pooled[i], pooled[j]] = [pooled[j], pooled[i]];
    }
    const s = statistic(pooled.slice(0, a.length), pooled.slice(a.length));
    if (
      alternative === "greater"
        ? s >= observed
        : alternative === "less"
          ? s <= observed
          : Math.abs(s) >= Math.abs(observed)
    )
      asExtreme++;
  }
  return { observed, pValue: (asExtreme + 1) / (permutations + 1), permutations };
}
