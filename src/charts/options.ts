/** What every course chart shares: the spec type, defaults and option checks. */
import { rowsOf, type FrameLike, type RowsOrFrame } from "../lake/frames";

/** A Vega-Lite v5 specification, as plain JSON. */
export type VegaLiteSpec = Record<string, unknown> & { $schema: string };

export type Row = Record<string, unknown>;

/** Charts take rows (plain objects) or a danfojs DataFrame. */
export type ChartData = RowsOrFrame;

/** A DataFrame as rows; rows unchanged. */
export function toRows(data: ChartData): readonly Row[] {
  return Array.isArray(data) ? (data as readonly Row[]) : rowsOf(data as FrameLike);
}

export const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

export const defaults = { width: 480, height: 260, color: "#4c78a8" };

/** Throws `invalid <name>: <value>` unless value is one of `allowed`. */
export function keyword<T extends string>(value: T, name: string, allowed: readonly T[]): T {
  if (!allowed.includes(value))
    throw new Error(`invalid ${name}: ${String(value)} (use ${allowed.join(", ")})`);
  return value;
}

/** Throws unless every row has the field (a typo in a column name is the commonest chart bug). */
export function field(data: readonly Row[], name: string | undefined, option: string): string {
  if (typeof name !== "string" || name === "") throw new Error(`invalid ${option}: give a column name`);
  if (data.length > 0 && !(name in data[0]))
    throw new Error(`invalid ${option}: no column "${name}" (columns: ${Object.keys(data[0]).join(", ")})`);
  return name;
}

/** Rows as plain JSON values (Dates become ISO text, which Vega-Lite parses as time). */
export function values(data: readonly Row[]): Row[] {
  return data.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])),
  );
}

export function base(
  data: readonly Row[],
  title: string | undefined,
  size: { width?: number; height?: number },
): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    ...(title ? { title } : {}),
    width: size.width ?? defaults.width,
    height: size.height ?? defaults.height,
    data: { values: values(data) },
  };
}
