/**
 * From course column types to SQL column types and back, for the sql helper.
 */
import type { ColumnType } from "../catalog/types";

/** The SQL type a catalog column is read as: the "table definition" of schema-on-read. */
export function sqlType(type: ColumnType): string {
  switch (type) {
    case "int": return "BIGINT";
    case "float": return "DOUBLE";
    case "boolean": return "BOOLEAN";
    case "date": return "DATE";
    case "timestamp": return "TIMESTAMP";
    case "json": return "JSON";
    case "string": return "VARCHAR";
  }
}

/** The course type of a column of values handed over from JavaScript (rows or a DataFrame). */
export function inferType(values: unknown[]): ColumnType {
  const present = values.filter((v) => v !== null && v !== undefined && !(typeof v === "number" && Number.isNaN(v)));
  if (present.length === 0) return "string";
  if (present.every((v) => v instanceof Date)) return "timestamp";
  if (present.every((v) => typeof v === "number" || typeof v === "bigint")) {
    return present.every((v) => typeof v === "bigint" || Number.isInteger(v)) ? "int" : "float";
  }
  if (present.every((v) => typeof v === "boolean")) return "boolean";
  if (present.every((v) => typeof v === "object" && !(v instanceof Date))) return "json";
  return "string";
}

/** The danfojs dtype for a SQL result column (the name of its DuckDB type). */
export function danfoDtypeOfSql(sqlTypeName: string): string {
  const t = sqlTypeName.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t)) return "int32";
  if (/^(FLOAT|DOUBLE|DECIMAL)/.test(t)) return "float32";
  if (t === "BOOLEAN") return "boolean";
  if (/^(DATE|TIMESTAMP)/.test(t)) return "datetime";
  return "string";
}
