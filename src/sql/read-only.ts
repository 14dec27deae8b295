/**
 * sql(...) reads; it never writes. The zone rules that lake.save keeps (people write only to
 * user, and only through lake.save) hold for SQL too: a query that would write a file (COPY ... TO,
 * EXPORT, ATTACH), change a table (CREATE, INSERT, UPDATE, DELETE, DROP, ALTER) or change the
 * engine's settings (SET, INSTALL, LOAD) is refused before any of it runs.
 *
 * DuckDB's own parser decides, without running or even binding anything (binding an EXPORT
 * already creates its folder): json_serialize_sql accepts only SELECT statements, in all their
 * forms (WITH, FROM-first, VALUES, DESCRIBE, SHOW, SUMMARIZE, PIVOT with its values). EXPLAIN of
 * such a query is let through too.
 */
import { relative, resolve, sep } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ZONE_RULES } from "../lake/save";
import { lakeDir } from "../lake/where";

/** What json_serialize_sql says about a query: its statements, or why it cannot serialise them. */
type Parsed =
  { error: false; statements: unknown[] } | { error: true; error_type: string; error_message: string };

async function parse(connection: DuckDBConnection, query: string): Promise<Parsed> {
  const result = await connection.runAndReadAll("SELECT json_serialize_sql($1::VARCHAR) AS parsed", [query]);
  return JSON.parse(String(result.getRowsJS()[0][0])) as Parsed;
}

/** The first statement keyword of the query that does not read, for the message. */
function writingKind(query: string): string {
  const starts = [...query.matchAll(/(?:^|;)\s*([A-Za-z]+)/g)].map((m) => m[1].toUpperCase());
  return starts.find((k) => !["SELECT", "WITH", "FROM", "VALUES", "EXPLAIN"].includes(k)) ?? "writing";
}

/** The zone a quoted path in the query points into, if it is inside the lake ('datasets/refined/x.csv'). */
function zoneWritten(query: string): string | undefined {
  for (const [, path] of query.matchAll(/'((?:[^']|'')+)'/g)) {
    const inLake = relative(lakeDir(), resolve(path.replace(/''/g, "'"))).split(sep);
    if (inLake[0] in ZONE_RULES) return inLake[0];
  }
  return undefined;
}

function refusal(query: string): Error {
  const kind = writingKind(query);
  if (kind === "PIVOT")
    return new Error(
      "sql(...) only reads, and a PIVOT without an IN list first creates a type (a write). " +
        "List the values instead, as in PIVOT t ON col IN ('a', 'b') USING COUNT(*). None of the query ran.",
    );
  const zone = zoneWritten(query);
  const rule = zone ? ` Cannot write to ${zone}: ${ZONE_RULES[zone]}` : "";
  return new Error(
    `sql(...) only reads the lake, and this query has a ${kind} statement, which does not.${rule} ` +
      `To keep a result, save it to user: lake.save("user/my_table", await sql("SELECT ..."), { overwrite: true }). ` +
      `None of the query ran.`,
  );
}

/** Throws, before anything runs, unless every statement of `query` only reads. */
export async function refuseWrites(connection: DuckDBConnection, query: string): Promise<void> {
  const explained = /^\s*EXPLAIN(\s+ANALYZE)?\s+/i.exec(query);
  const parsed = await parse(connection, explained ? query.slice(explained[0].length) : query);
  if (!parsed.error) {
    if (parsed.statements.length === 0)
      throw new Error("sql needs a query: the text has no SQL statement in it, only comments.");
    if (explained && parsed.statements.length > 1) throw refusal(query);
    return;
  }
  // A syntax error is DuckDB's to report, in its own words, when the query runs.
  if (parsed.error_type === "parser") return;
  throw refusal(query);
}
