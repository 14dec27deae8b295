import { base, field, toRows, type ChartData, type VegaLiteSpec } from "./options";

export interface LineOptions {
  /** The time column (Dates or ISO text). */
  x: string;
  /** The value column. */
  y: string;
  /** Optional column that splits the data into one line per value. */
  color?: string;
  title?: string;
  width?: number;
  height?: number;
}

/**
 * Values over time, one line per `color` group.
 * @example chart.line(weekly, { x: "week_start", y: "stock_for_sale", color: "region" })
 */
export function line(input: ChartData, { x, y, color, title, width, height }: LineOptions): VegaLiteSpec {
  const data = toRows(input);
  return {
    ...base(data, title, { width, height }),
    mark: { type: "line", point: true },
    encoding: {
      x: { field: field(data, x, "x"), type: "temporal" },
      y: { field: field(data, y, "y"), type: "quantitative" },
      ...(color ? { color: { field: field(data, color, "color"), type: "nominal" } } : {}),
    },
  };
}
