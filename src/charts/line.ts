import { base, field, toRows, type ChartData, type VegaLiteSpec } from "./options";

export interface LineOptions {
  /** The column along the bottom: time (Dates or ISO text), or numbers (then a plain number axis). */
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
 * Values over time (or along any number, such as a count of features), one line per `color` group.
 * @example chart.line(weekly, { x: "week_start", y: "stock_for_sale", color: "region" })
 */
export function line(input: ChartData, { x, y, color, title, width, height }: LineOptions): VegaLiteSpec {
  const data = toRows(input);
  return {
    ...base(data, title, { width, height }),
    mark: { type: "line", point: true },
    encoding: {
      x: { field: field(data, x, "x"), type: allNumbers(data, x) ? "quantitative" : "temporal" },
      y: { field: field(data, y, "y"), type: "quantitative" },
      ...(color ? { color: { field: field(data, color, "color"), type: "nominal" } } : {}),
    },
  };
}

/** Is every value of `column` that is there a number? (Then x is a number axis, not a time axis.) */
function allNumbers(data: readonly Record<string, unknown>[], column: string): boolean {
  const present = data.map((row) => row[column]).filter((v) => v !== null && v !== undefined);
  return present.length > 0 && present.every((v) => typeof v === "number");
}
