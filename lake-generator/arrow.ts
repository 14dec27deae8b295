/** Writes rows as an Arrow IPC file with the column types the catalog declares. */
import {
  Bool,
  DataType,
  DateDay,
  Float64,
  Int32,
  Table,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
} from "apache-arrow";
import type { catalog } from "data-academy";

type ColumnType = catalog.ColumnType;

function arrowType(type: ColumnType): DataType {
  switch (type) {
    case "string":
      return new Utf8();
    case "int":
      return new Int32();
    case "float":
      return new Float64();
    case "date":
      return new DateDay();
    case "timestamp":
      return new TimestampMillisecond();
    case "boolean":
      return new Bool();
    case "json":
      throw new Error("json columns are not stored in Arrow files");
  }
}

/** Dates and timestamps arrive as epoch milliseconds; DateDay wants Date objects. */
function arrowValue(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return type === "date" ? new Date(value as number) : value;
}

export function toArrowFile(rows: readonly object[], columns: readonly catalog.ColumnInfo[]): Uint8Array {
  const vectors = Object.fromEntries(
    columns.map((col) => [
      col.name,
      vectorFromArray(
        rows.map((r) => arrowValue(col.type, (r as Record<string, unknown>)[col.name])),
        arrowType(col.type),
      ),
    ]),
  );
  return tableToIPC(new Table(vectors), "file");
}
