/**
 * chart: the course's plots as Vega-Lite v5 specs (plain JSON you can read and tweak).
 *
 *   const spec = chart.histogram(rows, { field: "price_gbp" });
 *   await chart.show(spec);
 */
import { bar } from "./bar";
import { box } from "./box";
import { histogram } from "./histogram";
import { line } from "./line";
import { describeChart, show, toSVG } from "./render";

export { bar, box, histogram, line, show, toSVG, describeChart };
export type { BarOptions } from "./bar";
export type { BoxOptions } from "./box";
export type { HistogramOptions } from "./histogram";
export type { LineOptions } from "./line";
export type { ChartData, Row, VegaLiteSpec } from "./options";

export const chart = { histogram, bar, line, box, show, toSVG, describeChart };
