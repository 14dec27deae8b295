/**
 * lake.save: write a table into the user zone, the only zone people write to.
 *
 * The other zones are written by ELT jobs only, so saving there is refused with the rule that
 * applies. A save never overwrites silently (pass { overwrite: true }) and never leaves a
 * half-written file: it writes a temporary file, then renames it into place.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  Bool,
  DataType,
  Float64,
  Table,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
} from "apache-arrow";
import type { DataFrame } from "danfojs-node";
import type { ColumnType } from "../catalog/types";
import { isMissing } from "../missing";
import { inferType } from "./convert";
import { columnsAndValues } from "./frames";
import { userDir } from "./where";

/** Schema metadata key holding { column: course type } for saved tables. */
export const TYPES_KEY = "data-academy:types";

const ZONE_RULES: Record<string, string> = {
  transient:
    "transient is the landing area of ingestion jobs; nobody writes or reads it by hand. Save to user/ instead.",
  raw: "raw holds data exactly as it landed from the source systems; nobody edits it. Save to user/ instead.",
  refined: "only ELT processes write to refined (it is rebuilt from raw); save to user/ instead.",
  trusted: "only ELT processes write to trusted, after review; save to user/ instead.",
};

export interface SaveOptions {
  /** Replace an existing table of the same name (default false: refuse). */
  overwrite?: boolean;
}

export interface Saved {
  name: string;
  path: string;
  rows: number;
}

type Cell = string | number | boolean | Date | null | undefined;

/**
 * The type a column is saved as: its inferred type, except that whole numbers are saved as floats
 * and objects as text, as saved tables always have been. lake.load and sql read a saved table with
 * these types (float32, DOUBLE), so changing them would change what notebooks show. Big integers
 * (5n, which a DataFrame can hold) are saved as text: a float column cannot take them.
 */
function savedType(values: Cell[]): ColumnType {
  const type = inferType(values);
  if (type === "int") return values.some((v) => typeof v === "bigint") ? "string" : "float";
  if (type === "json") return "string";
  return type;
}

const arrowTypes: Record<string, () => DataType> = {
  timestamp: () => new TimestampMillisecond(),
  float: () => new Float64(),
  boolean: () => new Bool(),
  string: () => new Utf8(),
};

/** One value as Arrow takes it: missing as null, Dates as milliseconds. */
function arrowCell(v: Cell, type: ColumnType): string | number | boolean | null {
  if (isMissing(v)) return null;
  if (type === "timestamp") return (v as Date).getTime();
  if (type === "string") return String(v);
  return v as number | boolean;
}

/** The table as an Arrow file; each column's course type goes in the schema metadata so lake.load gives the same types back. */
function toArrow(columns: string[], data: Cell[][]): Uint8Array {
  const types: Record<string, ColumnType> = {};
  const vectors = Object.fromEntries(
    columns.map((name, j) => {
      const values = data.map((row) => row[j]);
      const type = (types[name] = savedType(values));
      return [
        name,
        vectorFromArray(
          values.map((v) => arrowCell(v, type)),
          arrowTypes[type](),
        ),
      ];
    }),
  );
  const table = new Table(vectors);
  table.schema.metadata.set(TYPES_KEY, JSON.stringify(types));
  return tableToIPC(table, "file");
}

function tableName(name: string): string {
  const parts = name.split("/");
  if (parts.length === 2 && parts[0] !== "user") {
    const rule = ZONE_RULES[parts[0]];
    throw new Error(
      rule
        ? `Cannot save to ${name}: ${rule}`
        : `Cannot save to ${name}: "${parts[0]}" is not a zone. Save to user/${parts[1]} instead.`,
    );
  }
  const table = parts[parts.length - 1];
  if (parts.length > 2 || !/^[a-z][a-z0-9_]*$/.test(table)) {
    throw new Error(
      `Cannot save to "${name}": use a name like "user/my_table" (lower case letters, digits and _).`,
    );
  }
  return table;
}

/**
 * Saves a DataFrame (or an array of row objects) as user/<table>.
 * @example lake.save("user/stock_per_retailer", perRetailer);
 */
export function save(
  name: string,
  data: DataFrame | Record<string, Cell>[],
  options: SaveOptions = {},
): Saved {
  const table = tableName(name);
  const { columns, values } = columnsAndValues(data) as { columns: string[]; values: Cell[][] };
  const dir = userDir();
  const path = join(dir, `${table}.arrow`);
  if (existsSync(path) && !options.overwrite) {
    throw new Error(
      `user/${table} already exists. Pick another name, or pass { overwrite: true } to replace it.`,
    );
  }
  mkdirSync(dir, { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, toArrow(columns, values));
  renameSync(temporary, path);
  return { name: `user/${table}`, path, rows: values.length };
}
