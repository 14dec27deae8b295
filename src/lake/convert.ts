/**
 * Turning what is in a file into typed values, using the column types the catalog declares:
 * numbers as numbers, dates as Date objects, and empty fields as null. Missing is not zero,
 * and not "" either.
 */
import type { ColumnInfo, ColumnType } from "../catalog/types";
import { isEmptyField, isMissing } from "../missing";

export type Value = string | number | boolean | Date | null | object;
/** One row of a table whose columns TypeScript does not know (a table you saved to user/, say). */
export type Row = Record<string, Value>;
/**
 * A value of a "json" column: a parsed JSON document. Look inside with dots, as in JavaScript
 * (row.response.items[0]); TypeScript does not check its shape, the catalog does not describe it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of any shape, read with dots
export type Json = Record<string, any>;

/** Converts one raw value (text from CSV, or what JSON/Arrow gave) to the column's type. */
export function toTyped(value: unknown, type: ColumnType): Value {
  if (isEmptyField(value)) return null;
  switch (type) {
    case "int":
    case "float":
      return Number(value);
    case "boolean":
      return value === true || value === "true";
    case "date":
    case "timestamp":
      return value instanceof Date ? value : new Date(typeof value === "number" ? value : String(value));
    case "json":
      return typeof value === "string" ? (JSON.parse(value) as object) : (value as object);
    case "string":
      return String(value);
  }
}

/** Rows as columns: { name: [v1, v2, ...], ... }, each converted to its declared type. */
export function toColumns(rows: Record<string, unknown>[], columns: ColumnInfo[]): Record<string, Value[]> {
  return Object.fromEntries(columns.map((c) => [c.name, rows.map((r) => toTyped(r[c.name], c.type))]));
}

/**
 * The course type of a column of values made in JavaScript (rows or a DataFrame), for a column
 * no catalog describes: whole numbers are "int", other numbers "float", objects and lists "json".
 * Missing values do not count; a column with nothing else in it is "string".
 * @example inferType([1, 2, null]) // "int"
 */
export function inferType(values: unknown[]): ColumnType {
  const present = values.filter((v) => !isMissing(v));
  if (present.length === 0) return "string";
  if (present.every((v) => v instanceof Date)) return "timestamp";
  if (present.every((v) => typeof v === "number" || typeof v === "bigint")) {
    return present.every((v) => typeof v === "bigint" || Number.isInteger(v)) ? "int" : "float";
  }
  if (present.every((v) => typeof v === "boolean")) return "boolean";
  if (present.every((v) => typeof v === "object" && !(v instanceof Date))) return "json";
  return "string";
}

/** The danfojs dtype for a catalog column type. */
export function danfoDtype(type: ColumnType): string {
  switch (type) {
    case "int":
      return "int32";
    case "float":
      return "float32"; // a label only: danfojs keeps full JavaScript numbers
    case "boolean":
      return "boolean";
    case "date":
    case "timestamp":
      return "datetime";
    default:
      return "string";
  }
}
