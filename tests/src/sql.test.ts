/** sql: the lake as a SQL database (DuckDB), against the committed sample lake. */
import { unlinkSync } from "node:fs";
import { join } from "node:path";
import { lake, sql } from "data-academy";
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
