/**
 * lake.load: read a dataset into a danfojs DataFrame (or an Arrow table, or plain rows).
 *
 *   const stock = lake.load("refined/stock_current");
 *   stock.head().print();
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tableFromIPC, type Table } from "apache-arrow";
import Papa from "papaparse";
import type { DataFrame } from "danfojs-node";
import { findDataset } from "../catalog/read";
import type { ColumnInfo, ColumnType } from "../catalog/types";
import { danfoDtype, toColumns, type Row, type Value } from "./convert";
import { dataFrame, rowsFromColumns } from "./frames";
import { TYPES_KEY } from "./save";
import { lakeDir, userDir } from "./where";

export interface LoadOptions {
  /** "dataframe" (default): a danfojs DataFrame. "rows": an array of plain objects. "arrow": an apache-arrow Table (Arrow files only). */
  as?: "dataframe" | "rows" | "arrow";
}

interface Loaded {
  columns: ColumnInfo[];
  data: Record<string, Value[]>;
  length: number;
  table?: Table;
}

function readArrow(path: string, columns: ColumnInfo[]): Loaded {
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

function readText(path: string, format: "csv" | "jsonl", columns: ColumnInfo[]): Loaded {
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
  const table = name.startsWith("user/") ? name.slice("user/".length) : undefined;
  const saved = table ? join(userDir(), `${table}.arrow`) : undefined;
  if (saved && existsSync(saved)) {
    const schema = tableFromIPC(readFileSync(saved)).schema;
    const types = JSON.parse(schema.metadata.get(TYPES_KEY) ?? "{}") as Record<string, ColumnType>;
    const columns = schema.fields.map((f) => ({
      name: f.name,
      type: types[f.name] ?? "string",
      description: "",
    }));
    return { path: saved, format: "arrow", columns };
  }
  const info = findDataset(name);
  return { path: join(lakeDir(), info.path), format: info.format, columns: info.columns };
}

/**
 * Loads a dataset by its name, "zone/table".
 * @example const snapshot = lake.load("refined/stock_weekly_snapshot");
 * @example const rows = lake.load("raw/retailers", { as: "rows" });
 */
export function load(name: string): DataFrame;
export function load(name: string, options: { as: "dataframe" }): DataFrame;
export function load(name: string, options: { as: "rows" }): Row[];
export function load(name: string, options: { as: "arrow" }): Table;
export function load(name: string, options: LoadOptions = {}): DataFrame | Row[] | Table {
  const { as = "dataframe" } = options;
  const where = locate(name);
  if (where.format === "json") throw new Error(`${name} is a JSON document, not a table`);
  const loaded =
    where.format === "arrow"
      ? readArrow(where.path, where.columns)
      : readText(where.path, where.format, where.columns);
  if (as === "arrow") {
    if (!loaded.table)
      throw new Error(
        `${name} is stored as ${where.format}, not Arrow; load it as a DataFrame or rows instead`,
      );
    return loaded.table;
  }
  const names = where.columns.map((c) => c.name);
  if (as === "rows") return rowsFromColumns(loaded.data, names, loaded.length);
  if (as !== "dataframe") throw new Error(`invalid as: ${String(as)} (use "dataframe", "rows" or "arrow")`);
  return dataFrame(
    loaded.data,
    names,
    where.columns.map((c) => danfoDtype(c.type)),
  );
}
