/**
 * sql: ask the lake in SQL, the way you would with Athena or BigQuery, from TypeScript.
 *
 *   const perRegion = await sql("SELECT region, COUNT(*) AS retailers FROM refined.retailers GROUP BY region");
 *   perRegion.print();                                   // a danfojs DataFrame
 *   const rows = await sql("SELECT ...", { as: "rows" }); // or plain objects: rows[0].n * 2, no cast (see SqlRow)
 *   await sql("SHOW ALL TABLES");                        // what there is to query
 *
 * Every zone is a schema and every dataset a table: `raw.stock_changes`, `refined.retailers`,
 * `user.scratch_retailer_stock`, `trusted.retailer_weekly_performance`, and your own saved tables
 * as `user.<name>`. The raw CSV and JSON-lines files are read in place each time (schema-on-read,
 * see lake-database.ts). The engine is DuckDB, embedded in the notebook's process: no server.
 *
 * To try a query on a small table of your own, hand the tables over; the query then sees only them:
 *
 *   await sql("SELECT COUNT(*) AS n FROM refined.retailers", { tables: { "refined.retailers": [{ retailer_id: "R1" }] } });
 *
 * SQL is for reading here: a statement that would write (COPY ... TO, CREATE, INSERT, ATTACH...) is
 * refused before any of the query runs (read-only.ts). Writing goes through lake.save, which keeps
 * to the zone rules.
 */
import type { DuckDBConnection, DuckDBResultReader } from "@duckdb/node-api";
import type { DataFrame } from "danfojs-node";
import { readCatalog } from "../catalog/read";
import { columnsAndValues, dataFrame, emptyDataFrame, rowsOf, type RowsOrFrame } from "../lake/frames";
import { openDatabase, openLake, syncSavedTables } from "./lake-database";
import { refuseWrites } from "./read-only";
import { createTable } from "./tables";
import { danfoDtypeOfSql } from "./types";

export interface SqlOptions {
  /** "dataframe" (default): a danfojs DataFrame. "rows": an array of plain objects. */
  as?: "dataframe" | "rows";
  /**
   * Run the query on these tables instead of the lake: { "refined.retailers": rows or a DataFrame, ... }.
   * Names are "schema.table" or just "table". Column types come from the values.
   */
  tables?: Record<string, RowsOrFrame>;
}

/**
 * One row of a query's result. Its columns are only known once the query has run (any SELECT can
 * name, compute or rename them), so, as in node-postgres, a row is typed `any`: the code reads a
 * column as the value it is, with no cast, and a row goes wherever a row of that shape is wanted.
 *
 *   const rows = await sql("SELECT make, COUNT(*) AS n FROM refined.stock_current GROUP BY make", { as: "rows" });
 *   stats.median(rows.map((r) => r.n));           // counts come back as numbers
 *   rows.filter((r) => r.n > 100 && r.make.startsWith("F"));
 *   const events: WebEvent[] = await sql("SELECT * FROM raw.web_events", { as: "rows" }); // name the shape if you like
 *
 * At run time a value is a number (integers and counts included, never a BigInt), a string, a
 * boolean, a Date (DATE and TIMESTAMP columns), null (SQL's NULL), or an array or object (LIST and
 * STRUCT). A misspelt column gives undefined, which the stats helpers report as missing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a result's columns are known only at run time, see above
export type SqlRow = any;

/** One value of a row, as it comes back from the engine (see SqlRow). */
export type SqlValue =
  string | number | boolean | Date | null | readonly unknown[] | { [key: string]: unknown };

/** The lake's database, opened on the first query and kept for the rest of the session. */
let lakeConnection: Promise<DuckDBConnection> | undefined;

function lakeDatabase(): Promise<DuckDBConnection> {
  lakeConnection ??= openLake().catch((error: unknown) => {
    lakeConnection = undefined; // try again on the next query
    throw error;
  });
  return lakeConnection;
}

/**
 * A database holding only `tables`. Column types come from the values, except that in a table
 * named after a dataset of the lake ("refined.stock_weekly_snapshot") a column the catalog calls
 * a date is a DATE, as on the lake, not the TIMESTAMP a JavaScript Date would make: a query (say
 * one that turns week_start into text) then gives on these tables what it gives on the lake.
 */
async function scratchDatabase(tables: Record<string, RowsOrFrame>): Promise<DuckDBConnection> {
  const connection = await openDatabase();
  const datasets = readCatalog().datasets;
  for (const [name, data] of Object.entries(tables)) {
    const present = new Set(columnsAndValues(data).columns);
    const dates = (datasets.find((d) => d.name.replace("/", ".") === name)?.columns ?? []).filter(
      (c) => c.type === "date" && present.has(c.name),
    );
    await createTable(connection, name, data, Object.fromEntries(dates.map((c) => [c.name, c.type])));
  }
  return connection;
}

/** A value as JavaScript has it: big integers (counts, sums) as numbers, inside lists and structs too. */
function plain(value: unknown): SqlValue {
  if (typeof value === "bigint") return Number(value);
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object" && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value as SqlValue;
}

function toRows(reader: DuckDBResultReader): SqlRow[] {
  const values = reader.getRowsJS().map((row) => row.map(plain));
  return rowsOf({ columns: reader.columnNames(), values });
}

/** A result value as a DataFrame cell: lists and structs become JSON text, so each cell is one plain value. */
const cell = (v: SqlValue) =>
  v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v;

function toDataFrame(reader: DuckDBResultReader): DataFrame {
  const names = reader.columnNames();
  if (reader.currentRowCount === 0) return emptyDataFrame(names);
  const columns = reader.getColumnsJS().map((values) => values.map((v) => cell(plain(v))));
  const dtypes = reader.columnTypes().map((t) => danfoDtypeOfSql(t.toString()));
  return dataFrame(Object.fromEntries(names.map((n, j) => [n, columns[j]])), names, dtypes);
}

/**
 * Runs a SQL query (DuckDB's dialect, close to PostgreSQL) on the lake and returns the result.
 * @example const stockPerRetailer = await sql(`
 *   SELECT r.retailer_id, COUNT(s.stock_id) AS stock_count
 *   FROM refined.retailers r LEFT JOIN refined.stock_current s USING (retailer_id)
 *   GROUP BY r.retailer_id`);
 */
export async function sql(query: string): Promise<DataFrame>;
export async function sql(query: string, options: SqlOptions & { as?: "dataframe" }): Promise<DataFrame>;
export async function sql(query: string, options: SqlOptions & { as: "rows" }): Promise<SqlRow[]>;
export async function sql(query: string, options: SqlOptions = {}): Promise<DataFrame | SqlRow[]> {
  const { as = "dataframe", tables } = options;
  if (as !== "dataframe" && as !== "rows")
    throw new Error(`invalid as: ${String(as)} (use "dataframe" or "rows")`);
  if (typeof query !== "string" || query.trim() === "")
    throw new Error('sql needs a query: a string like "SELECT * FROM refined.retailers LIMIT 5"');
  const connection = tables ? await scratchDatabase(tables) : await lakeDatabase();
  try {
    if (!tables) await syncSavedTables(connection);
    await refuseWrites(connection, query);
    const reader = await connection.runAndReadAll(query);
    return as === "rows" ? toRows(reader) : toDataFrame(reader);
  } finally {
    if (tables) connection.closeSync();
  }
}
