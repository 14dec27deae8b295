/**
 * A table comes in two shapes in the course: rows, an array of plain objects (one { column: value }
 * per row), and a danfojs DataFrame (column names, and one array of values per row). Everything
 * that takes "rows or a DataFrame" turns one shape into the other here, and every DataFrame the
 * library makes is made here.
 *
 *   rowsOf({ columns: ["a", "b"], values: [[1, 2]] })   // [{ a: 1, b: 2 }]
 */
import type { DataFrame } from "danfojs-node";

/** A danfojs DataFrame, or anything shaped like one: column names and one array of values per row. */
export interface FrameLike {
  columns: string[];
  values: readonly unknown[];
}

/** A table as rows (plain objects) or as a DataFrame. */
export type RowsOrFrame = readonly Record<string, unknown>[] | FrameLike;

const isRows = (data: RowsOrFrame): data is readonly Record<string, unknown>[] => Array.isArray(data);

/** Does `value` look like a DataFrame (column names and rows of values), whatever its type says? */
export function isFrameLike(value: unknown): value is FrameLike {
  const frame = value as Partial<FrameLike> | null;
  return (
    typeof frame === "object" && frame !== null && Array.isArray(frame.columns) && Array.isArray(frame.values)
  );
}

/** A DataFrame's rows as plain objects: { column: value } for each row. */
export function rowsOf(frame: FrameLike): Record<string, unknown>[] {
  return frame.values.map((row) =>
    Object.fromEntries(frame.columns.map((c, i) => [c, (row as unknown[])[i]])),
  );
}

/** Columns as rows: { a: [1, 3], b: [2, 4] } gives [{ a: 1, b: 2 }, { a: 3, b: 4 }]. */
export function rowsFromColumns<V>(
  data: Record<string, V[]>,
  columns: string[],
  length: number,
): Record<string, V>[] {
  return Array.from({ length }, (_, i) => Object.fromEntries(columns.map((c) => [c, data[c][i]])));
}

/**
 * Rows or a DataFrame as column names and one array of values per row. For rows, the columns are
 * the `first` names, then every key of the rows in the order they first appear (a key missing
 * from a row gives undefined there).
 */
export function columnsAndValues(
  data: RowsOrFrame,
  first: string[] = [],
): { columns: string[]; values: unknown[][] } {
  if (!isRows(data)) return { columns: data.columns, values: data.values as unknown[][] };
  const columns = [...new Set([...first, ...data.flatMap((row) => Object.keys(row))])];
  return { columns, values: data.map((row) => columns.map((c) => row[c])) };
}

/** danfojs takes about a second to load, so it is only required the first time a DataFrame is made. */
function danfo(): typeof import("danfojs-node") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazily, see above
  return require("danfojs-node") as typeof import("danfojs-node");
}

/** A DataFrame from columns ({ column: values }), with these column names and danfojs dtypes. */
export function dataFrame(data: Record<string, unknown[]>, columns: string[], dtypes: string[]): DataFrame {
  const { DataFrame } = danfo();
  return new DataFrame(data, { columns, dtypes });
}

/** A DataFrame with these columns and no rows (danfojs cannot make one from empty columns). */
export function emptyDataFrame(columns: string[]): DataFrame {
  const { DataFrame } = danfo();
  return new DataFrame([], { columns });
}
