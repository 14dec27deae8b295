/**
 * Your own tables in the catalog. lake.save can write a few lines about a table next to its data
 * (what it is, who to ask, what it was built from); catalog.describe and catalog.search then find
 * it as they find the shipped datasets, so a colleague can pick it up without asking you first.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { userDir } from "../lake/where";
import type { ColumnInfo, ColumnType } from "./types";

/** Schema metadata key holding { column: course type } for saved tables. */
export const TYPES_KEY = "data-academy:types";
/** Schema metadata key holding the table's documentation (SavedTableAbout). */
export const ABOUT_KEY = "data-academy:about";

/** What lake.save writes about a table when it is given a description, an owner or inputs. */
export interface SavedTableAbout {
  /** What one row is and what the table is for. */
  description?: string;
  /** Who to ask about it (a name or an e-mail address). */
  owner?: string;
  /** The datasets it was built from, e.g. ["refined/stock_current"]. */
  inputs?: string[];
  /** A sentence per column, by column name. */
  columns?: Record<string, string>;
}

/** A table saved to user/, described from its own file. */
export interface SavedTableInfo {
  name: string;
  zone: "user";
  path: string;
  description: string;
  owner: string;
  /** The datasets it was built from (the `inputs` it was saved with). */
  lineage: string[];
  columns: ColumnInfo[];
  rowCount: number;
}

const NOT_GIVEN = "(not given when it was saved)";

/** The names (user/<table>) of every table saved to user/. */
export function savedTableNames(): `user/${string}`[] {
  const dir = userDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".arrow"))
    .map((f): `user/${string}` => `user/${f.slice(0, -".arrow".length)}`)
    .sort();
}

/** The saved table `name` (user/<table>) as the catalog shows it, or undefined when there is none. */
export function savedTable(name: string): SavedTableInfo | undefined {
  if (!name.startsWith("user/")) return undefined;
  const path = join(userDir(), `${name.slice("user/".length)}.arrow`);
  if (!existsSync(path)) return undefined;
  const table = tableFromIPC(readFileSync(path));
  const metadata = table.schema.metadata;
  const types = JSON.parse(metadata.get(TYPES_KEY) ?? "{}") as Record<string, ColumnType>;
  const about = JSON.parse(metadata.get(ABOUT_KEY) ?? "{}") as SavedTableAbout;
  return {
    name,
    zone: "user",
    path,
    description: about.description ?? NOT_GIVEN,
    owner: about.owner ?? NOT_GIVEN,
    lineage: about.inputs ?? [],
    columns: table.schema.fields.map((f) => ({
      name: f.name,
      type: types[f.name] ?? "string",
      description: about.columns?.[f.name] ?? "",
      nullable: true,
    })),
    rowCount: table.numRows,
  };
}
