/** The shape of datasets/catalog.json (validated against lake-generator/catalog.schema.json). */
export type Zone = "transient" | "raw" | "refined" | "user" | "trusted";
export type Kind = "snapshot" | "append-log" | "event-stream" | "dimension" | "aggregate";
export type ColumnType = "string" | "int" | "float" | "date" | "timestamp" | "boolean" | "json";

export interface ColumnInfo { name: string; type: ColumnType; description: string; nullable?: boolean }
export interface ForeignKeyInfo { column: string; dataset: string; references: string; note?: string }

export interface DatasetInfo {
  /** "zone/table", e.g. "refined/stock_current". */
  name: string;
  zone: Zone;
  /** What kind of table it is: a snapshot of state, an append-only log, an event stream, ... */
  kind: Kind;
  format: "csv" | "jsonl" | "arrow" | "json";
  /** File path inside the lake folder. */
  path: string;
  /** What one row is. */
  grain: string;
  primaryKey: string[];
  foreignKeys: ForeignKeyInfo[];
  /** The datasets this one is built from. */
  lineage: string[];
  owner: string;
  description: string;
  /** Glossary terms this dataset is about. */
  terms: string[];
  columns: ColumnInfo[];
  traps: { id: string; description: string }[];
  rowCount: number;
}

export interface ZoneInfo { name: Zone; description: string; writtenBy: string; readBy: string }

export interface Catalog {
  version: 1;
  lake: string;
  seed: number;
  period: { from: string; to: string };
  zones: ZoneInfo[];
  glossary: string;
  datasets: DatasetInfo[];
}
