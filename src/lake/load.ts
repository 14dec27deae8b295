/**
 * lake.load: read a dataset into a danfojs DataFrame (or an Arrow table, or plain rows).
 *
 *   const stock = lake.load("refined/stock_current");
 *   stock.head().print();
 *
 *   const cars = lake.load("refined/stock_current", { as: "rows" });
 *   cars[0].price_gbp   // a number: each dataset's rows have the types the catalog gives its
 *                       // columns (see datasets.generated.ts), so no `as number` is needed
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tableFromIPC, type Table } from "apache-arrow";
import Papa from "papaparse";
import type { DataFrame } from "danfojs-node";
import { findDataset } from "../catalog/read";
import type { ColumnInfo } from "../catalog/types";
import { savedTable } from "../catalog/saved";
import { danfoDtype, toColumns, type Row, type Value } from "./convert";
import type { DatasetName, Datasets } from "./datasets.generated";
import { dataFrame, rowsFromColumns } from "./frames";
import { lakeDir } from "./where";

/** A table you saved with lake.save: "user/" and any name. */
export type UserTable = `user/${string}`;

/**
 * What lake.load can load: a dataset of the catalog, or one of your saved tables. A misspelt name
 * is a type error naming this type: `... is not assignable to parameter of type 'DatasetOrUserTable'`.
 */
export type DatasetOrUserTable = DatasetName | UserTable;

/** One row of `N`: its columns as the catalog types them; a table you saved is a plain Row. */
export type RowOf<N extends DatasetOrUserTable> = N extends DatasetName ? Datasets[N] : Row;

/** The shapes a table can be loaded as. */
export type LoadAs = "dataframe" | "rows" | "arrow";

export interface LoadOptions<As extends LoadAs = LoadAs> {
  /** "dataframe" (default): a danfojs DataFrame. "rows": an array of plain objects. "arrow": an apache-arrow Table (Arrow files only). */
  as?: As;
}

/**
 * An Apache Arrow table, as lake.load(name, { as: "arrow" }) gives it. The value is a real
 * apache-arrow Table (its documentation has the rest); the type names only the parts most code
 * reads, so that a notebook's compiler need not read apache-arrow's ~100 declaration files.
 */
export interface ArrowTable {
  readonly numRows: number;
  readonly numCols: number;
  readonly schema: {
    readonly fields: readonly { readonly name: string }[];
    readonly metadata: Map<string, string>;
  };
  /** One column's values, or null when there is no such column. */
  getChild(name: string): {
    readonly length: number;
    get(index: number): unknown;
    toArray(): ArrayLike<unknown>;
    [Symbol.iterator](): Iterator<unknown>;
  } | null;
  /** Every row, as an object of its columns. */
  toArray(): unknown[];
}

/** What lake.load gives for dataset `N` loaded as `As`: rows of RowOf<N>, an Arrow table or a DataFrame. */
export type Loaded<N extends DatasetOrUserTable, As extends LoadAs> = As extends "rows"
  ? RowOf<N>[]
  : As extends "arrow"
    ? ArrowTable
    : DataFrame;

interface ReadTable {
  columns: ColumnInfo[];
  data: Record<string, Value[]>;
  length: number;
  table?: Table;
}

function readArrow(path: string, columns: ColumnInfo[]): ReadTable {
  const table = tableFromIPC(readFileSync(path));
  const data: Record<string, Value[]> = {};
  for (const column of columns) {
    const vector = table.getChild(column.name);
    if (!vector) throw new Error(`${path} has no column "${column.name}" although the catalog lists it`);
    data[column.name] = [...vector].map((v) =>
      v === null
        ? null
        : column.type === "date" || column.type === "timestamp"
          ? new Date(Number(v))
          : (v as Value),
    );
  }
  return { columns, data, length: table.numRows, table };
}

function readText(path: string, format: "csv" | "jsonl", columns: ColumnInfo[]): ReadTable {
  const text = readFileSync(path, "utf8");
  const rows =
    format === "csv"
      ? Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data
      : text
          .split("\n")
          .filter((l) => l.trim() !== "")
          .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { columns, data: toColumns(rows, columns), length: rows.length };
}

/** Where a dataset's file is, and its columns: from the catalog, or one of your saved user tables. */
function locate(name: string): {
  path: string;
  format: "csv" | "jsonl" | "arrow" | "json";
  columns: ColumnInfo[];
} {
  const saved = savedTable(name);
  if (saved) return { path: saved.path, format: "arrow", columns: saved.columns };
  const info = findDataset(name);
  return { path: join(lakeDir(), info.path), format: info.format, columns: info.columns };
}

/** Reads the file of dataset `name` (any zone/table, checked at run time) with its columns' types. */
function readTable(name: string): ReadTable & { format: string } {
  const where = locate(name);
  if (where.format === "json") throw new Error(`${name} is a JSON document, not a table`);
  const read =
    where.format === "arrow"
      ? readArrow(where.path, where.columns)
      : readText(where.path, where.format, where.columns);
  return { ...read, format: where.format };
}

/** Dataset `name` as rows, for the library's own loops over the catalog (names TypeScript knows only as text). */
export function readRows(name: string): Row[] {
  const { columns, data, length } = readTable(name);
  return rowsFromColumns(
    data,
    columns.map((c) => c.name),
    length,
  );
}

/** Dataset `name` as it is loaded `as` a DataFrame, rows or an Arrow table. */
function loadAs(name: string, as: LoadAs): DataFrame | Row[] | Table {
  if (as === "rows") return readRows(name);
  const { columns, data, table, format } = readTable(name);
  if (as === "arrow") {
    if (!table)
      throw new Error(`${name} is stored as ${format}, not Arrow; load it as a DataFrame or rows instead`);
    return table;
  }
  if (as !== "dataframe") throw new Error(`invalid as: ${String(as)} (use "dataframe", "rows" or "arrow")`);
  return dataFrame(
    data,
    columns.map((c) => c.name),
    columns.map((c) => danfoDtype(c.type)),
  );
}

/**
 * Loads a dataset by its name, "zone/table": a DataFrame, or { as: "rows" } for an array of rows
 * typed from the catalog (price_gbp a number, listed_at a Date, a nullable column `| null`).
 * A misspelt name is a type error, and at run time an error listing the close names.
 * @example const snapshot = lake.load("refined/stock_weekly_snapshot");
 * @example const rows = lake.load("raw/retailers", { as: "rows" });
 */
export function load<N extends DatasetOrUserTable, As extends LoadAs = "dataframe">(
  name: N,
  options: LoadOptions<As> = {},
): Loaded<N, As> {
  // The catalog that typed RowOf<N> is the one the file is read with, so the rows are RowOf<N>.
  return loadAs(name, options.as ?? "dataframe") as Loaded<N, As>;
}
