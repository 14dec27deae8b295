/** stats against hand-checked values and numpy/pandas results. */
import { printedLines as printed } from "../helpers/console";
import * as stats from "../../src/stats";

test("mean, median, quantiles (linear interpolation, as numpy and pandas)", () => {
  expect(stats.mean([1, 2, 4])).toBeCloseTo(7 / 3, 12);
  expect(stats.median([5, 1, 3])).toBe(3);
  expect(stats.median([4, 1, 3, 2])).toBe(2.5);
  expect(stats.quantile([1, 2, 3, 4], 0.25)).toBe(1.75); // numpy.quantile([1,2,3,4], 0.25)
  expect(stats.quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
  expect(stats.quartiles([1, 2, 3, 4, 5])).toEqual({ q1: 2, median: 3, q3: 4 });
  expect(stats.iqr([1, 2, 3, 4, 5])).toBe(2);
});

test("missing values are left out, not counted as zero, and each function says so in one line", () => {
  expect(printed(() => expect(stats.mean([2, null, 4, undefined, NaN])).toBe(3))).toEqual([
    "stats.mean left out 3 missing values (null, undefined and NaN) of 5.",
  ]);
  expect(printed(() => expect(stats.median([null, 10, 20, 30])).toBe(20))).toEqual([
    "stats.median left out 1 missing value (null) of 4.",
  ]);
  const mileages = [...Array.from({ length: 2388 }, (_, i) => i), ...Array<null>(12).fill(null)];
  expect(printed(() => stats.median(mileages))).toEqual([
    "stats.median left out 12 missing values (null) of 2,400.",
  ]);
  // one line per call, naming the function called, even when it works through others
  expect(printed(() => stats.quartiles([1, null, 3]))).toEqual([
    "stats.quartiles left out 1 missing value (null) of 3.",
  ]);
  expect(printed(() => stats.iqrOutliers([1, null, 3]))).toEqual([
    "stats.iqrOutliers left out 1 missing value (null) of 3.",
  ]);
  expect(printed(() => stats.rate([1, null, 3], [10, 10, undefined]))).toEqual([
    "stats.rate left out 2 pairs with a missing value (null and undefined) of 3.",
  ]);
  expect(printed(() => stats.median([1, 2, 3]))).toEqual([]); // nothing missing, nothing said
  expect(() => stats.mean([])).toThrow(/No values to work with/);
  expect(() => stats.median([null, null])).toThrow(/only missing values/);
  expect(() => stats.quantile([1, 2], 1.5)).toThrow(/invalid p: 1.5/);
});

test("text where a number should be is refused with the fix, not dropped", () => {
  const fromCsv: unknown[] = ["12000", 9500];
  expect(() => stats.median(fromCsv as number[])).toThrow(
    /stats.median works on numbers, and got "12000".*map\(Number\)/,
  );
});

test("the permutation test refuses missing values: dropping them can bias an experiment", () => {
  expect(() => stats.permutationTest([1, null, 3], [2, 4])).toThrow(
    /stats.permutationTest got 1 missing value .* in group A.*Decide what a missing value means/,
  );
  expect(stats.permutationTest([1, 2, 3], [4, 5, 6], { permutations: 100 }).observed).toBe(-3);
});

test("spread and skew (pandas .std() and .skew())", () => {
  expect(stats.standardDeviation([2, 4, 4, 4, 5, 5, 7, 9], { sample: false })).toBe(2);
  expect(stats.standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935299395, 12);
  expect(stats.skewness([1, 2, 3, 4, 10])).toBeCloseTo(1.6970563, 6); // pandas.Series([1,2,3,4,10]).skew()
  expect(stats.skewness([1, 2, 3])).toBeCloseTo(0, 12);
});

test("IQR outliers flag absurd prices and never missing values", () => {
  expect(stats.outlierBounds([1, 2, 3, 4, 100])).toEqual({ lower: -1, upper: 7 });
  expect(stats.iqrOutliers([1, 2, 3, 4, 100, null])).toEqual([false, false, false, false, true, false]);
  const prices = [12995, 13495, 9995, 11250, 1, 99_999_999, 1_249_500, 10995, 12500];
  expect(prices.filter((_, i) => stats.iqrOutliers(prices)[i])).toEqual([1, 99_999_999, 1_249_500]);
});

test("rate is the ratio of sums; the mean of ratios gives another (usually wrong) answer", () => {
  expect(stats.rate([1, 30], [10, 100])).toBeCloseTo(31 / 110, 12);
  expect(stats.meanOfRatios([1, 30], [10, 100])).toBeCloseTo(0.2, 12);
  expect(() => stats.rate([1], [1, 2])).toThrow(/differ in length/);
  expect(() => stats.rate([1], [0])).toThrow(/add up to 0/);
});

test("histogram bins are equal width and the last includes its upper edge", () => {
  expect(stats.histogramBins([1, 2, 2, 3], { bins: 2 })).toEqual([
    { x0: 1, x1: 2, count: 1 },
    { x0: 2, x1: 3, count: 3 },
  ]);
  expect(stats.histogramBins([5, 5, 5], { bins: 3 }).map((b) => b.count)).toEqual([3, 0, 0]);
  expect(() => stats.histogramBins([1], { bins: 0 })).toThrow(/invalid bins/);
});

test("the bootstrap is reproducible, contains the estimate, and narrows with more data", () => {
  const random = stats.randomSource(7);
  const small = Array.from({ length: 30 }, () => Math.round(random() * 60));
  const large = Array.from({ length: 600 }, () => Math.round(random() * 60));
  const a = stats.bootstrapInterval(small, { seed: 3 });
  expect(stats.bootstrapInterval(small, { seed: 3 })).toEqual(a);
  expect(a.lower).toBeLessThanOrEqual(a.estimate);
  expect(a.upper).toBeGreaterThanOrEqual(a.estimate);
  const b = stats.bootstrapInterval(large, { seed: 3, statistic: stats.mean });
  expect(b.upper - b.lower).toBeLessThan((a.upper - a.lower) / 2);
  expect(() => stats.bootstrapInterval(small, { level: 95 })).toThrow(/invalid level: 95/);
});

test("the permutation test finds a real difference and not a fake one", () => {
  const random = stats.randomSource(11);
  const base = Array.from({ length: 40 }, () => random());
  const shifted = base.map((x) => x + 0.5);
  const real = stats.permutationTest(shifted, base, { permutations: 2000, alternative: "greater" });
  expect(real.observed).toBeCloseTo(0.5, 12);
  expect(real.pValue).toBeLessThan(0.01);
  const same = stats.permutationTest(base.slice(0, 20), base.slice(20), { permutations: 2000 });
  expect(same.pValue).toBeGreaterThan(0.05);
  expect(stats.permutationTest(shifted, base, { permutations: 2000, alternative: "greater" })).toEqual(real);
  expect(() => stats.permutationTest([1], [2], { alternative: "bigger" as "greater" })).toThrow(
    /invalid alternative/,
  );
});
