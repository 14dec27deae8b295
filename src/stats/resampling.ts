import { mean } from "./mean";
import { median, quantile } from "./quantile";
import { randomSource } from "./random";
import { missingCount, present, type Numbers } from "./values";

type Statistic = (values: number[]) => number;

/**
 * A percentile bootstrap confidence interval: resample the data with replacement many times,
 * compute the statistic each time, and take the middle `level` share of those results.
 * Missing values are left out before resampling, and it prints one line saying how many.
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
  const xs = present(values, "stats.bootstrapInterval");
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

/** A group's numbers for the permutation test, refusing missing values (see permutationTest). */
function completeGroup(values: Numbers, group: "A" | "B"): number[] {
  const missing = missingCount(values, "stats.permutationTest");
  if (missing > 0)
    throw new Error(
      `stats.permutationTest got ${missing} missing value${missing === 1 ? "" : "s"} (null, undefined or NaN) in group ${group}. ` +
        "It does not leave them out: if one group loses more values than the other, dropping them can " +
        "create or hide a difference. Decide what a missing value means (0 responses? not measured?), " +
        "then filter or fill them in both groups alike.",
    );
  return present(values, "stats.permutationTest", `values in group ${group}`);
}

/**
 * A permutation test: if the group labels did not matter, shuffling them would give differences
 * as large as the one observed quite often. The p-value is how often it does.
 *
 * Missing values are refused, not left out: in an experiment, which values go missing often
 * depends on the group (a layout that makes visitors leave loses more measurements), so quietly
 * dropping them can make a difference appear or vanish. Decide what a missing value means first
 * (no response is 0? a lost measurement is left out, in both groups alike?) and pass numbers only.
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
  const a = completeGroup(groupA, "A");
  const b = completeGroup(groupB, "B");
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
