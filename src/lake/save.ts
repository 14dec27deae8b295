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
import { closeNames, readCatalog } from "../catalog/read";
import { ABOUT_KEY, TYPES_KEY, savedTableNames, type SavedTableAbout } from "../catalog/saved";
import type { ColumnType } from "../catalog/types";
import { isMissing } from "../missing";
import { inferType } from "./convert";
import { columnsAndValues } from "./frames";
import { userDir } from "./where";

export const ZONE_RULES: Record<string, string> = {
  transient:
    "transient is the landing area of ingestion jobs; nobody writes or reads it by hand. Save to user/ instead.",
  raw: "raw holds data exactly as it landed from the source systems; nobody edits it. Save to user/ instead.",
  refined: "only ELT processes write to refined (it is rebuilt from raw); save to user/ instead.",
  trusted: "only ELT processes write to trusted, after review; save to user/ instead.",
};

/**
 * { overwrite } and, so that others can find and trust the table, a few lines about it
 * (description, owner, inputs, columns): catalog.describe and catalog.search show them.
 */
export interface SaveOptions extends SavedTableAbout {
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
function toArrow(columns: string[], data: Cell[][], about: SavedTableAbout): Uint8Array {
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
  if (Object.keys(about).length > 0) table.schema.metadata.set(ABOUT_KEY, JSON.stringify(about));
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

/** The documentation options, checked: text where text is wanted, inputs that exist, columns the table has. */
function aboutTable(options: SaveOptions, columns: string[]): SavedTableAbout {
  const { description, owner, inputs, columns: columnNotes } = options;
  for (const [key, value] of Object.entries({ description, owner }))
    if (value !== undefined && (typeof value !== "string" || value.trim() === ""))
      throw new Error(`lake.save's ${key} is a sentence of text, like { ${key}: "..." }.`);
  if (inputs !== undefined && (!Array.isArray(inputs) || inputs.some((i) => typeof i !== "string")))
    throw new Error(
      'lake.save\'s inputs is a list of dataset names, like { inputs: ["refined/stock_current"] }.',
    );
  const known = inputs?.length ? [...readCatalog().datasets.map((d) => d.name), ...savedTableNames()] : [];
  for (const input of inputs ?? []) {
    if (known.includes(input)) continue;
    const close = closeNames(input, known);
    throw new Error(
      `lake.save's inputs name "${input}", which is not a dataset.${close.length ? ` Did you mean: ${close.join(", ")}?` : ""}`,
    );
  }
  const unknown = Object.keys(columnNotes ?? {}).filter((c) => !columns.includes(c));
  if (unknown.length > 0)
    throw new Error(
      `lake.save's columns describe ${unknown.join(", ")}, not in the table (${columns.join(", ")}).`,
    );
  return Object.fromEntries(
    Object.entries({ description, owner, inputs, columns: columnNotes }).filter(([, v]) => v !== undefined),
  );
}

/**
 * Saves a DataFrame (or an array of row objects) as user/<table>.
 * @example lake.save("user/stock_per_retailer", perRetailer);
 * @example lake.save("user/stock_per_retailer", perRetailer, {
 *   description: "Cars for sale per retailer today.",
 *   owner: "sam@example.com",
 *   inputs: ["refined/stock_current"],
 * });
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
  const about = aboutTable(options, columns);
  mkdirSync(dir, { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, toArrow(columns, values, about));
  renameSync(temporary, path);
  return { name: `user/${table}`, path, rows: values.length };
}
