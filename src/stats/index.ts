/**
 * stats: the few statistics the course uses, each short enough to read in a minute.
 * Every function drops missing values (null, undefined, NaN) before computing.
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
export type { Numbers } from "./values";
