/**
 * From course column types to SQL column types and back, for the sql helper.
 */
import type { ColumnType } from "../catalog/types";

/** The SQL type a catalog column is read as: the "table definition" of schema-on-read. */
export function sqlType(type: ColumnType): string {
  switch (type) {
    case "int":
      return "BIGINT";
    case "float":
      return "DOUBLE";
    case "boolean":
      return "BOOLEAN";
    case "date":
      return "DATE";
    case "timestamp":
      return "TIMESTAMP";
    case "json":
      return "JSON";
    case "string":
      return "VARCHAR";
  }
}

/** The danfojs dtype for a SQL result column (the name of its DuckDB type). */
export function danfoDtypeOfSql(sqlTypeName: string): string {
  const t = sqlTypeName.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t))
    return "int32";
  if (/^(FLOAT|DOUBLE|DECIMAL)/.test(t)) return "float32";
  if (t === "BOOLEAN") return "boolean";
  if (/^(DATE|TIMESTAMP)/.test(t)) return "datetime";
  return "string";
}
