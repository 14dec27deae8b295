import { base, field, toRows, type ChartData, type VegaLiteSpec } from "./options";

export interface BoxOptions {
  /** The numeric column. */
  y: string;
  /** Optional category column: one box per value. */
  x?: string;
  /** Whiskers reach 1.5 × IQR by default (Tukey); points beyond are drawn as outliers. */
  extent?: number;
  title?: string;
  width?: number;
  height?: number;
}

/**
 * Box plots: median, quartiles, whiskers and outliers, per category.
 * @example chart.box(stock, { x: "make", y: "price_gbp" })
 */
export function box(
  input: ChartData,
  { y, x, extent = 1.5, title, width, height }: BoxOptions,
): VegaLiteSpec {
  const data = toRows(input);
  if (!(extent > 0)) throw new Error(`invalid extent: ${extent}`);
  return {
    ...base(data, title, { width, height }),
    mark: { type: "boxplot", extent },
    encoding: {
      ...(x ? { x: { field: field(data, x, "x"), type: "nominal" } } : {}),
      y: { field: field(data, y, "y"), type: "quantitative" },
    },
  };
}
