/** sql: the lake as a SQL database (DuckDB), against the committed sample lake. */
import { existsSync, readdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { catalog, lake, sql } from "data-academy";
import { lakeDir } from "../../src/lake/where";
import { temporaryDirInEnv } from "../helpers/temporary-dir";

const userDir = temporaryDirInEnv("DATA_ACADEMY_USER_DIR", "academy-sql-user-");

test("every zone but transient is a schema, every table dataset a table", async () => {
  const tables = (await sql("SELECT schema, name FROM (SHOW ALL TABLES) ORDER BY ALL", { as: "rows" })).map(
    (r) => `${r.schema}/${r.name}`,
  );
  const expected = lake
    .datasets()
    .filter((n) => !n.startsWith("transient/") && !["trusted/glossary", "trusted/lineage"].includes(n));
  expect(tables.sort()).toEqual(expected.sort());
});

test("raw CSV is read in place with the catalog's types: counts, nulls for empty fields, timestamps as Dates", async () => {
  const [r] = await sql(
    "SELECT COUNT(*) AS n, COUNT(DISTINCT retailer_id) AS ids, COUNT(*) - COUNT(postcode) AS no_postcode FROM raw.retailers",
    { as: "rows" },
  );
  const raw = lake.load("raw/retailers", { as: "rows" });
  expect(r).toEqual({
    n: raw.length,
    ids: new Set(raw.map((x) => x.retailer_id)).size,
    no_postcode: raw.filter((x) => x.postcode === null).length,
  });
  const [change] = await sql(
    "SELECT change_id, price_gbp, changed_at FROM raw.stock_changes WHERE change_id = 1",
    { as: "rows" },
  );
  expect(change).toEqual({ change_id: 1, price_gbp: 7355, changed_at: new Date("2026-08-17T08:14:00Z") });
});

test("JSON lines and Arrow tables give the same rows as lake.load", async () => {
  const events = await sql("SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS ids FROM raw.web_events", {
    as: "rows",
  });
  const loaded = lake.load("raw/web_events", { as: "rows" });
  expect(events[0]).toEqual({ n: loaded.length, ids: new Set(loaded.map((e) => e.event_id)).size });
  const viaSql = await sql("SELECT * FROM refined.stock_current ORDER BY stock_id", { as: "rows" });
  expect(viaSql).toEqual(lake.load("refined/stock_current", { as: "rows" }));
  const performance = await sql(
    "SELECT * FROM trusted.retailer_weekly_performance ORDER BY retailer_id, week_start",
    { as: "rows" },
  );
  expect(performance).toEqual(lake.load("trusted/retailer_weekly_performance", { as: "rows" }));
});

test("returns a danfojs DataFrame by default, with dtypes from the SQL types", async () => {
  const df = await sql(
    "SELECT retailer_id, COUNT(*) AS items, AVG(price_gbp) AS mean_price, MAX(listed_at) AS last_listed FROM refined.stock_current GROUP BY retailer_id ORDER BY retailer_id",
  );
  const stock = lake.load("refined/stock_current", { as: "rows" });
  expect(df.shape).toEqual([new Set(stock.map((r) => r.retailer_id)).size, 4]);
  expect(df.dtypes).toEqual(["string", "int32", "float32", "datetime"]);
  const items = df.column("items").values as number[];
  expect(items.reduce((a, b) => a + b, 0)).toBe(stock.length);
  const empty = await sql("SELECT * FROM refined.retailers WHERE false");
  expect(empty.shape).toEqual([0, 7]);
});

test("tables handed over from JavaScript replace the lake for that query", async () => {
  const tiny = [
    { retailer_id: "H1", n: 1, seen_at: new Date("2026-01-01T00:00:00Z") },
    { retailer_id: "H1", n: 2.5, seen_at: null },
    { retailer_id: null, n: null, seen_at: null },
  ];
  const rows = await sql(
    "SELECT COUNT(*) AS n_rows, COUNT(DISTINCT retailer_id) AS ids, SUM(n) AS total, MIN(seen_at) AS first FROM refined.retailers",
    { as: "rows", tables: { "refined.retailers": tiny } },
  );
  expect(rows).toEqual([{ n_rows: 3, ids: 1, total: 3.5, first: new Date("2026-01-01T00:00:00Z") }]);
  const fromDataFrame = await sql("SELECT COUNT(*) AS n FROM t", {
    as: "rows",
    tables: { t: lake.load("refined/retailers") },
  });
  expect(fromDataFrame).toEqual([{ n: 120 }]);
  // ...and the lake is untouched
  expect(await sql("SELECT COUNT(*) AS n FROM refined.retailers", { as: "rows" })).toEqual([{ n: 120 }]);
});

test("tables saved with lake.save appear as user.<name>, updated after each save and gone when deleted", async () => {
  lake.save("user/my_counts", [
    { region: "London", n: 3 },
    { region: "Wales", n: null },
  ]);
  expect(await sql("SELECT * FROM user.my_counts ORDER BY region", { as: "rows" })).toEqual([
    { region: "London", n: 3 },
    { region: "Wales", n: null },
  ]);
  lake.save("user/my_counts", [{ region: "Scotland", n: 7 }], { overwrite: true });
  expect(await sql("SELECT * FROM user.my_counts", { as: "rows" })).toEqual([{ region: "Scotland", n: 7 }]);
  unlinkSync(join(userDir(), "my_counts.arrow"));
  await expect(sql("SELECT * FROM user.my_counts")).rejects.toThrow(/my_counts does not exist/);
});

test("errors are DuckDB's own, naming the table and a close match; bad arguments are refused plainly", async () => {
  await expect(sql("SELECT * FROM refined.retailer")).rejects.toThrow(
    /retailer does not exist[\s\S]*Did you mean "retailers"/,
  );
  await expect(sql("   ")).rejects.toThrow(/sql needs a query/);
  await expect(sql("SELECT 1", { as: "arrow" as "rows" })).rejects.toThrow(/invalid as: arrow/);
});

test("a saved table with the name of a shipped user table takes its place, as in lake.load", async () => {
  lake.save("user/scratch_retailer_stock", [{ retailer_id: "R001", stock_count: 23 }]);
  expect(await sql("SELECT * FROM user.scratch_retailer_stock", { as: "rows" })).toEqual([
    { retailer_id: "R001", stock_count: 23 },
  ]);
  unlinkSync(join(userDir(), "scratch_retailer_stock.arrow"));
  expect(await sql("SELECT COUNT(*) AS n FROM user.scratch_retailer_stock", { as: "rows" })).toEqual([
    { n: 112 },
  ]);
});

describe("sql only reads", () => {
  // "USER/" in a query stands for the test's user folder (which exists only while the tests run).
  const inUser = (query: string) => query.replace(/USER\//g, `${userDir()}/`);
  const written = () => join(userDir(), "copied.csv");

  test.each([
    ["COPY", `COPY (SELECT * FROM refined.retailers) TO 'USER/copied.csv'`],
    ["COPY", `SELECT 1 AS harmless; COPY refined.retailers TO 'USER/copied.csv'`],
    ["EXPORT", "EXPORT DATABASE 'USER/exported'"],
    ["ATTACH", "ATTACH 'USER/attached.duckdb'"],
    ["CREATE", "CREATE OR REPLACE TABLE refined.retailers AS SELECT 1 AS retailer_id"],
    ["INSERT", "INSERT INTO refined.retailers (retailer_id) VALUES ('R999')"],
    ["DELETE", "DELETE FROM refined.retailers"],
    ["DROP", "DROP TABLE refined.retailers"],
    ["SET", "SET enable_external_access = true"],
  ])("refuses %s before any of the query runs, and the lake is as it was", async (kind, query) => {
    await expect(sql(inUser(query))).rejects.toThrow(
      new RegExp(
        `only reads the lake, and this query has a ${kind} statement, which does not.*lake\\.save\\("user/.*None of the query ran`,
      ),
    );
    expect(existsSync(written())).toBe(false);
    expect(readdirSync(userDir()).filter((f) => !f.endsWith(".arrow"))).toEqual([]);
    const [r] = await sql("SELECT COUNT(*) AS n FROM refined.retailers", { as: "rows" });
    expect(r.n).toBe(catalog.find("refined/retailers").rowCount);
  });

  test("a COPY into a zone of the lake gets that zone's rule, as lake.save gives it", async () => {
    const target = join(lakeDir(), "trusted", "retailer_weekly_performance.csv");
    await expect(sql(`COPY refined.retailers TO '${target}'`)).rejects.toThrow(
      /Cannot write to trusted: only ELT processes write to trusted, after review; save to user\/ instead\./,
    );
    expect(() => lake.save("trusted/retailer_weekly_performance", [{ a: 1 }])).toThrow(
      /only ELT processes write to trusted, after review; save to user\/ instead\./,
    );
  });

  test("the same holds for tables handed over from JavaScript", async () => {
    await expect(sql(inUser("COPY t TO 'USER/copied.csv'"), { tables: { t: [{ a: 1 }] } })).rejects.toThrow(
      /has a COPY statement/,
    );
    expect(existsSync(written())).toBe(false);
  });

  test("every way of reading still runs: WITH, FROM-first, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN, PIVOT with its values", async () => {
    const one = async (query: string) => (await sql(query, { as: "rows" })).length;
    expect(await one("WITH r AS (SELECT * FROM refined.retailers) SELECT COUNT(*) AS n FROM r")).toBe(1);
    expect(await one("FROM refined.retailers LIMIT 2")).toBe(2);
    expect(await one("VALUES (1), (2), (3)")).toBe(3);
    expect(await one("DESCRIBE refined.retailers")).toBeGreaterThan(2);
    expect(await one("SHOW ALL TABLES")).toBeGreaterThan(5);
    expect(await one("SUMMARIZE refined.retailers")).toBeGreaterThan(2);
    expect(await one("EXPLAIN SELECT * FROM refined.retailers")).toBeGreaterThan(0);
    expect(
      await one(
        "PIVOT (SELECT region FROM refined.retailers) ON region IN ('London', 'Wales') USING COUNT(*)",
      ),
    ).toBe(1);
    await expect(sql("-- only a comment")).rejects.toThrow(/no SQL statement in it/);
    await expect(sql("SELEKT 1")).rejects.toThrow(/syntax error/i);
    await expect(sql("PIVOT refined.retailers ON region USING COUNT(*)")).rejects.toThrow(
      /List the values instead/,
    );
  });
});

test("big integers come back as numbers inside lists and structs too", async () => {
  const [r] = await sql("SELECT [235::BIGINT, 234::BIGINT] AS ids, {'n': 7::BIGINT, 'm': [1::BIGINT]} AS s", {
    as: "rows",
  });
  expect(r).toEqual({ ids: [235, 234], s: { n: 7, m: [1] } });
});

test("in a table handed over under a dataset's name, a date column is a DATE, as on the lake", async () => {
  const query =
    "SELECT typeof(week_start) AS t, CAST(week_start AS VARCHAR) AS text FROM refined.stock_weekly_snapshot LIMIT 1";
  const [onLake] = await sql(query, { as: "rows" });
  const [handedOver] = await sql(query, {
    as: "rows",
    tables: {
      "refined.stock_weekly_snapshot": [{ week_start: new Date("2026-09-21T00:00:00Z"), stock_id: "S1" }],
    },
  });
  expect(onLake.t).toBe("DATE");
  expect(handedOver).toEqual({ t: "DATE", text: "2026-09-21" });
  const [elsewhere] = await sql("SELECT typeof(d) AS t FROM mine", {
    as: "rows",
    tables: { mine: [{ d: new Date("2026-09-21T00:00:00Z") }] },
  });
  expect(elsewhere.t).toBe("TIMESTAMP");
});
