/**
 * The lake as a SQL database: one schema per zone, one table per dataset, like a data catalog
 * (AWS Glue, BigQuery datasets) puts table definitions over files in object storage.
 *
 * - CSV and JSON-lines files are read in place, every time a query touches them
 *   (schema-on-read): the table is a view over `read_csv` / `read_json` with the column names and
 *   types the catalog declares. The file stays text; the types are applied as it is read.
 * - Arrow files (refined, trusted) are copied into the engine the first time it starts, because
 *   this DuckDB cannot read Arrow files itself; the column types come from the catalog too.
 * - Your own saved tables (lake.save) appear as user.<name>, and are read again after each save.
 * - transient is not there: it is the ingestion jobs' landing area, and nobody queries it.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { readCatalog } from "../catalog/read";
import type { ColumnType, DatasetInfo } from "../catalog/types";
import { load, readRows } from "../lake/load";
import { savedTable } from "../catalog/saved";
import { lakeDir, userDir } from "../lake/where";
import { createTable, quoteName } from "./tables";
import { sqlType } from "./types";

/**
 * A fresh in-memory DuckDB connection. One thread: results come back in the same order on every
 * run (and the engine leaves the other cores alone). Extensions are never downloaded.
 */
export async function openDatabase(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(":memory:", {
    threads: "1",
    autoinstall_known_extensions: "false",
  });
  return instance.connect();
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** `{'col': 'TYPE', ...}`: the column list read_csv and read_json take. */
function columnList(dataset: DatasetInfo): string {
  return `{${dataset.columns.map((c) => `${sqlText(c.name)}: ${sqlText(sqlType(c.type))}`).join(", ")}}`;
}

/** The view definition that reads a CSV or JSON-lines dataset in place. */
export function viewDefinition(dataset: DatasetInfo, lake: string): string {
  const path = sqlText(join(lake, dataset.path));
  const reader =
    dataset.format === "csv"
      ? `read_csv(${path}, header = true, auto_detect = false, columns = ${columnList(dataset)})`
      : `read_json(${path}, format = 'newline_delimited', columns = ${columnList(dataset)})`;
  return `CREATE OR REPLACE VIEW ${quoteName(dataset.name.replace("/", "."))} AS SELECT * FROM ${reader}`;
}

/** Saved user tables already in the database, by name, with the file's modification time and size. */
const savedVersions = new Map<string, string>();

/** Adds, refreshes or drops user.<name> tables so they match what is in my-lake/user/ now. */
export async function syncSavedTables(connection: DuckDBConnection): Promise<void> {
  const dir = userDir();
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".arrow")) : [];
  const present = new Set<string>();
  if (files.length > 0) await connection.run(`CREATE SCHEMA IF NOT EXISTS "user"`);
  for (const file of files) {
    const name = file.slice(0, -".arrow".length);
    present.add(name);
    const stat = statSync(join(dir, file));
    const version = `${stat.mtimeMs}:${stat.size}`;
    if (savedVersions.get(name) === version) continue;
    const columns = savedTable(`user/${name}`)?.columns ?? [];
    const types: Record<string, ColumnType> = Object.fromEntries(columns.map((c) => [c.name, c.type]));
    // A saved table hides a shipped one of the same name, as in lake.load.
    const shipped = await connection.runAndReadAll(
      `SELECT 1 FROM duckdb_views() WHERE schema_name = 'user' AND view_name = ${sqlText(name)}`,
    );
    if (shipped.currentRowCount > 0) await connection.run(`DROP VIEW ${quoteName(`user.${name}`)}`);
    await createTable(connection, `user.${name}`, load(`user/${name}`, { as: "rows" }), types);
    savedVersions.set(name, version);
  }
  for (const name of [...savedVersions.keys()]) {
    if (!present.has(name)) {
      await connection.run(`DROP TABLE IF EXISTS ${quoteName(`user.${name}`)}`);
      savedVersions.delete(name);
      const shipped = readCatalog().datasets.find((d) => d.name === `user/${name}`);
      if (shipped) await connection.run(viewDefinition(shipped, lakeDir()));
    }
  }
}

/** Opens a database with every table of the lake in it (see the top of this file). */
export async function openLake(): Promise<DuckDBConnection> {
  const connection = await openDatabase();
  const lake = lakeDir();
  const datasets = readCatalog().datasets.filter((d) => d.zone !== "transient" && d.format !== "json");
  for (const zone of new Set(datasets.map((d) => d.zone)))
    await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quoteName(zone)}`);
  for (const dataset of datasets) {
    if (dataset.format === "arrow") {
      const types: Record<string, ColumnType> = Object.fromEntries(
        dataset.columns.map((c) => [c.name, c.type]),
      );
      await createTable(connection, dataset.name.replace("/", "."), readRows(dataset.name), types);
    } else {
      await connection.run(viewDefinition(dataset, lake));
    }
  }
  savedVersions.clear();
  return connection;
}
