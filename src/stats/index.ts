/**
 * stats: the few statistics the course uses, each short enough to read in a minute.
 *
 * Missing values (null, undefined, NaN) are never counted as 0. Most functions leave them out
 * and print one plain line saying so (pandas skips them silently; we would rather tell):
 *
 *   stats.median(stock.map((c) => c.mileage))
 *   // prints: stats.median left out 12 missing values (null) of 2,400.
 *
 * stats.permutationTest refuses them instead, because in an experiment leaving them out can
 * mislead (see its documentation). Text where a number should be is refused everywhere.
 */
export { mean } from "./mean";
export { median, quantile, quartiles, iqr } from "./quantile";
export { standardDeviation, skewness } from "./spread";
export { iqrOutliers, outlierBounds } from "./outliers";
export { rate, meanOfRatios } from "./rates";
export { histogramBins } from "./histogram-bins";
export type { Bin } from "./histogram-bins";
export { randomSource } from "./random";
export { bootstrapInterval, permutationTest } from "./resampling";
export { fitLinear, meanAbsoluteError } from "./regression";
export type { LinearModel, NumericColumn } from "./regression";
export type { Numbers } from "./values";
