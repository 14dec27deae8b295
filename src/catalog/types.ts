/**
 * The shape of datasets/catalog.json (validated against lake-generator/catalog.schema.json).
 * The lake generator writes the catalog from these same types, so the two cannot drift apart.
 */
export type Zone = "transient" | "raw" | "refined" | "user" | "trusted";
export type Kind = "snapshot" | "append-log" | "event-stream" | "dimension" | "aggregate";
export type ColumnType = "string" | "int" | "float" | "date" | "timestamp" | "boolean" | "json";
/** How a dataset is stored: a file extension. */
export type Format = "csv" | "jsonl" | "arrow" | "json";

export interface ColumnInfo {
  name: string;
  type: ColumnType;
  description: string;
  /** Missing values (null) can occur in this column. */
  nullable?: boolean;
  /** For a text column: every value is one of these (an "accepted values" rule). */
  acceptedValues?: string[];
}
export interface ForeignKeyInfo {
  column: string;
  dataset: string;
  references: string;
  note?: string;
}
/** A trap planted in the data for the course to find (duplicates, bots, typos...). */
export interface TrapInfo {
  id: string;
  description: string;
}

export interface DatasetInfo {
  /** "zone/table", e.g. "refined/stock_current". */
  name: string;
  zone: Zone;
  /** What kind of table it is: a snapshot of state, an append-only log, an event stream, ... */
  kind: Kind;
  format: Format;
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
  traps: TrapInfo[];
  rowCount: number;
}

export interface ZoneInfo {
  name: Zone;
  description: string;
  writtenBy: string;
  readBy: string;
}

export interface Catalog {
  version: 1;
  lake: string;
  seed: number;
  period: { from: string; to: string };
  zones: ZoneInfo[];
  glossary: string;
  datasets: DatasetInfo[];
}
