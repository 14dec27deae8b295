/** lake and catalog against the committed sample lake. */
import { readdirSync } from "node:fs";
import { catalog, lake } from "data-academy";
import { temporaryDirInEnv } from "../helpers/temporary-dir";

const userDir = temporaryDirInEnv("DATA_ACADEMY_USER_DIR", "academy-user-");

describe("lake", () => {
  test("lists the five zones in flow order and the datasets of a zone", () => {
    expect(lake.zones().map((z) => z.name)).toEqual(["transient", "raw", "refined", "user", "trusted"]);
    expect(lake.datasets("refined")).toEqual(
      expect.arrayContaining(["refined/stock_current", "refined/stock_weekly_snapshot"]),
    );
    expect(lake.datasets("refined").every((n) => n.startsWith("refined/"))).toBe(true);
  });

  test("loads an Arrow table as a DataFrame with dates as dates, numbers as numbers, nulls as nulls", () => {
    const df = lake.load("refined/stock_current");
    expect(df.shape).toEqual([2400, 12]);
    const types = Object.fromEntries(df.columns.map((c, i) => [c, df.dtypes[i]]));
    expect(types).toMatchObject({
      stock_id: "string",
      year: "int32",
      price_gbp: "float32",
      listed_at: "datetime",
      mileage: "int32",
    });
    const listed = df.column("listed_at").values as unknown[];
    expect(listed[0]).toBeInstanceOf(Date);
    const mileage = df.column("mileage").values as (number | null)[];
    expect(mileage.filter((m) => m === null).length).toBeGreaterThan(10);
    expect(mileage.filter((m) => m === 0).length).toBe(0);
  });

  test("loads raw CSV with the catalog's types: empty fields become null, not ''", () => {
    const rows = lake.load("raw/retailers", { as: "rows" });
    expect(rows.length).toBe(catalog.find("raw/retailers").rowCount);
    expect(rows.filter((r) => r.postcode === null).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.postcode === "").length).toBe(0);
    expect(rows[0].signed_up_on).toBeInstanceOf(Date);
    const events = lake.load("raw/web_events", { as: "rows" });
    expect(events[0].event_time).toBeInstanceOf(Date);
  });

  test("gives an Arrow table on request, and refuses it for CSV", () => {
    const table = lake.load("refined/stock_weekly_snapshot", { as: "arrow" });
    expect(table.numRows).toBeGreaterThan(5000);
    expect(() => lake.load("raw/retailers", { as: "arrow" })).toThrow(/stored as csv, not Arrow/);
  });

  test("a misspelt dataset is a type error, and at run time an error listing the close names", () => {
    // @ts-expect-error -- not a DatasetName: the type error a notebook cell shows
    expect(() => lake.load("refined/stock_curent")).toThrow(
      /No dataset called "refined\/stock_curent".*Did you mean: refined\/stock_current/,
    );
    // @ts-expect-error -- names include their zone
    expect(() => lake.load("stock_current")).toThrow(/refined\/stock_current.*Names include their zone/);
  });

  test("saves only into the user zone; other zones are refused with their rule", () => {
    const df = lake.load("refined/retailers");
    expect(() => lake.save("trusted/my_table", df)).toThrow(
      "Cannot save to trusted/my_table: only ELT processes write to trusted, after review; save to user/ instead.",
    );
    expect(() => lake.save("refined/x", df)).toThrow(/only ELT processes write to refined/);
    expect(() => lake.save("raw/x", df)).toThrow(/raw holds data exactly as it landed/);
    expect(() => lake.save("user/Bad Name", df)).toThrow(/use a name like "user\/my_table"/);
    expect(readdirSync(userDir())).toEqual([]);
  });

  test("a save round-trips with types, never overwrites silently, and leaves no temporary file", () => {
    const rows = [
      { retailer_id: "R001", stock: 12, since: new Date(Date.UTC(2026, 8, 7)), active: true },
      { retailer_id: "R002", stock: null, since: null, active: false },
    ];
    const saved = lake.save("user/my_stock", rows);
    expect(saved).toMatchObject({ name: "user/my_stock", rows: 2 });
    expect(lake.datasets("user")).toContain("user/my_stock");
    const back = lake.load("user/my_stock", { as: "rows" });
    expect(back).toEqual(rows);
    expect(() => lake.save("user/my_stock", rows)).toThrow(/already exists.*overwrite: true/);
    lake.save("my_stock", lake.load("user/my_stock"), { overwrite: true }); // a bare name means user/
    expect(readdirSync(userDir())).toEqual(["my_stock.arrow"]);
  });
});

describe("catalog", () => {
  test("describe shows zone, kind, grain, keys, lineage and columns in text and HTML", () => {
    const text = catalog.describeText(catalog.find("refined/stock_weekly_snapshot"));
    expect(text).toMatch(/zone\s+refined/);
    expect(text).toMatch(/kind\s+snapshot/);
    expect(text).toMatch(/primary key\s+week_start, stock_id/);
    expect(text).toMatch(/foreign keys\s+stock_id → refined\/stock_current\.stock_id/);
    expect(text).toMatch(/lineage \(built from\)\s+raw\/stock_changes/);
    expect(text).toMatch(/days_listed\s+int\s+Days on sale/);
    const html = catalog.describeHtml(catalog.find("raw/retailers"));
    expect(html).toMatch(/<table>.*<th style="text-align:left">column<\/th>/s);
    expect(html).toMatch(/<b>Watch out:<\/b>.*identical rows/s);
  });

  test("find explains that a table you saved is yours, not the catalog's", () => {
    lake.save("user/my_catalog_probe", lake.load("refined/retailers").head(2));
    expect(lake.datasets("user")).toContain("user/my_catalog_probe");
    expect(() => catalog.find("user/my_catalog_probe")).toThrow(/your own table \(saved with lake.save\)/);
    expect(() => catalog.find("user/nothing_like_it")).toThrow(/No dataset called/);
  });

  test("lineage walks upstream to raw and draws as mermaid", () => {
    const l = catalog.lineage("trusted/retailer_weekly_performance");
    expect(l.upstream).toEqual(
      expect.arrayContaining([
        "refined/retailers",
        "refined/stock_weekly_snapshot",
        "raw/stock_changes",
        "raw/web_events",
        "raw/retailers",
      ]),
    );
    expect(l.upstream.every((n) => !n.startsWith("trusted/"))).toBe(true);
    expect(l.toMermaid()).toMatch(/^flowchart LR\n/);
    expect(l.toMermaid()).toMatch(/raw_stock_changes --> refined_stock_weekly_snapshot/);
    expect(l.toString().split("\n")[0]).toBe("trusted/retailer_weekly_performance");
  });

  test("the glossary has two versions and Response changed", () => {
    expect(catalog.define("Response", { version: 1 }).definition).not.toEqual(
      catalog.define("Response").definition,
    );
    expect(catalog.define("response").version).toBe(2);
    expect(() => catalog.define("Widget")).toThrow(/not in glossary version 2/);
  });
});
