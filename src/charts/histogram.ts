import { base, defaults, field, keyword, toRows, type ChartData, type VegaLiteSpec } from "./options";

export interface HistogramOptions {
  /** The numeric column to bin. */
  field: string;
  /** Roughly how many bins (default 30). */
  bins?: number;
  /** "linear" (default) or "log" for the count axis. */
  scale?: "linear" | "log";
  title?: string;
  width?: number;
  height?: number;
}

/**
 * How the values of one column are distributed.
 * @example chart.histogram(stock, { field: "price_gbp", bins: 40 })
 */
export function histogram(
  input: ChartData,
  { field: name, bins = 30, scale = "linear", title, width, height }: HistogramOptions,
): VegaLiteSpec {
  const data = toRows(input);
  keyword(scale, "scale", ["linear", "log"]);
  return {
    ...base(data, title, { width, height }),
    mark: { type: "bar", color: defaults.color },
    encoding: {
      x: { field: field(data, name, "field"), type: "quantitative", bin: { maxbins: bins } },
      y: { aggregate: "count", type: "quantitative", scale: { type: scale } },
    },
  };
}
