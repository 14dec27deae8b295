/**
 * Handing tables from JavaScript to the SQL engine: rows (plain objects) or a danfojs DataFrame
 * become a real SQL table, each column with a type, missing values as NULL.
 */
import {
  DuckDBDateValue,
  DuckDBTimestampValue,
  type DuckDBAppender,
  type DuckDBConnection,
} from "@duckdb/node-api";
import type { ColumnType } from "../catalog/types";
import { inferType } from "../lake/convert";
import { columnsAndValues, type RowsOrFrame } from "../lake/frames";
import { isMissing } from "../missing";
import { sqlType } from "./types";

const DAY_MS = 86_400_000;

export interface Column {
  name: string;
  type: ColumnType;
}

/** A table as columns and rows of values, whatever it came as. */
export function asColumnsAndRows(
  data: RowsOrFrame,
  types: Record<string, ColumnType> = {},
): { columns: Column[]; rows: unknown[][] } {
  // The columns named in `types` come first, so they exist even when there are no rows.
  const { columns: names, values: rows } = columnsAndValues(data, Object.keys(types));
  const columns = names.map((name, j) => ({ name, type: types[name] ?? inferType(rows.map((r) => r[j])) }));
  return { columns, rows };
}

/** "refined.retailers" → `"refined"."retailers"`; "retailers" → `"retailers"`. */
export function quoteName(name: string): string {
  return name
    .split(".")
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join(".");
}

function appendCell(appender: DuckDBAppender, value: unknown, type: ColumnType): void {
  if (isMissing(value)) return appender.appendNull();
  switch (type) {
    case "int":
      return appender.appendBigInt(BigInt(value as number | bigint));
    case "float":
      return appender.appendDouble(Number(value));
    case "boolean":
      return appender.appendBoolean(value === true || value === "true");
    case "date":
      return appender.appendDate(new DuckDBDateValue(Math.floor(new Date(value as Date).getTime() / DAY_MS)));
    case "timestamp":
      return appender.appendTimestamp(
        new DuckDBTimestampValue(BigInt(new Date(value as Date).getTime()) * 1000n),
      );
    case "json":
      return appender.appendVarchar(typeof value === "string" ? value : JSON.stringify(value));
    case "string":
      return appender.appendVarchar(String(value));
  }
}

/**
 * Creates (or replaces) table `name` ("schema.table" or "table") holding `data`.
 * Column types come from `types` where given, otherwise from the values; the columns named in
 * `types` exist even when there are no rows.
 */
export async function createTable(
  connection: DuckDBConnection,
  name: string,
  data: RowsOrFrame,
  types: Record<string, ColumnType> = {},
): Promise<void> {
  const { columns, rows } = asColumnsAndRows(data, types);
  if (columns.length === 0)
    throw new Error(
      `Cannot make table ${name} from no columns (an empty list of rows?): pass at least one row or a DataFrame with columns.`,
    );
  const [schema, table] = name.includes(".") ? name.split(".", 2) : [undefined, name];
  if (schema) await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quoteName(schema)}`);
  const definition = columns.map((c) => `${quoteName(c.name)} ${sqlType(c.type)}`).join(", ");
  await connection.run(`CREATE OR REPLACE TABLE ${quoteName(name)} (${definition})`);
  const appender = await connection.createAppender(table, schema ?? null);
  for (const row of rows) {
    columns.forEach((c, j) => appendCell(appender, row[j], c.type));
    appender.endRow();
  }
  appender.closeSync();
}
