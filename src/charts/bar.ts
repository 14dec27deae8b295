import { base, defaults, field, keyword, toRows, type ChartData, type VegaLiteSpec } from "./options";

export interface BarOptions {
  /** The category column (one bar each). */
  x: string;
  /** The value column (bar length). */
  y: string;
  /** Sort bars by value ("descending", the default, or "ascending") or keep data order ("none"). */
  sort?: "descending" | "ascending" | "none";
  title?: string;
  width?: number;
  height?: number;
}

/**
 * One bar per category.
 * @example chart.bar(perMake, { x: "make", y: "median_price" })
 */
export function bar(
  input: ChartData,
  { x, y, sort = "descending", title, width, height }: BarOptions,
): VegaLiteSpec {
  const data = toRows(input);
  keyword(sort, "sort", ["descending", "ascending", "none"]);
  const yField = field(data, y, "y");
  return {
    ...base(data, title, { width, height }),
    mark: { type: "bar", color: defaults.color },
    encoding: {
      x: {
        field: field(data, x, "x"),
        type: "nominal",
        sort: sort === "none" ? null : { field: yField, order: sort },
      },
      y: { field: yField, type: "quantitative" },
    },
  };
}
