/** catalog.search and the documentation lake.save writes next to a table of yours. */
import { inspect } from "node:util";
import { catalog, lake } from "data-academy";
import { printedLines } from "../../helpers/console";
import { temporaryDirInEnv } from "../../helpers/temporary-dir";

temporaryDirInEnv("DATA_ACADEMY_USER_DIR", "academy-search-");

/** What a call printed, as one text. */
const printed = (run: () => void) => printedLines(run).join("\n");

describe("catalog.search", () => {
  test("finds a word in names, descriptions and columns, and says where", () => {
    let hits: catalog.SearchMatch[] = [];
    const text = printed(() => (hits = catalog.search("price")));
    const current = hits.find((h) => h.dataset === "refined/stock_current");
    expect(current).toMatchObject({ zone: "refined", owner: "data platform team" });
    expect(current?.matches).toContain("column price_gbp");
    expect(hits.map((h) => h.dataset)).not.toContain("raw/retailers");
    expect(text).toMatch(/^\d+ datasets mention "price":\ndataset\s+zone\s+owner\s+matched in\n/);
    expect(text).toMatch(/refined\/stock_current\s+refined\s+data platform team\s+column price_gbp/);
  });

  test("every word must appear somewhere in the entry; case does not matter", () => {
    let hits: catalog.SearchMatch[] = [];
    printed(() => (hits = catalog.search("Retailer REGION")));
    expect(hits.map((h) => h.dataset)).toEqual(
      expect.arrayContaining(["refined/retailers", "raw/retailers"]),
    );
    for (const h of hits) {
      const entry = catalog.find(h.dataset);
      const all = JSON.stringify(entry).toLowerCase();
      expect(all).toContain("retailer");
      expect(all).toContain("region");
    }
    expect(hits.map((h) => h.dataset)).not.toContain("refined/stock_current");
  });

  test("nothing found says so and returns an empty list; an empty query is refused", () => {
    let hits: catalog.SearchMatch[] = [{} as catalog.SearchMatch];
    expect(printed(() => (hits = catalog.search("zebra")))).toMatch(
      /Nothing in the catalog mentions "zebra"/,
    );
    expect(hits).toEqual([]);
    expect(() => catalog.search("  ")).toThrow(/needs a word or two/);
  });

  test("the list it returns prints as one line, so a notebook does not show the matches twice", () => {
    let hits: catalog.SearchMatch[] = [];
    printed(() => (hits = catalog.search("glossary")));
    expect(inspect(hits)).toMatch(/^\d+ match(es)?: /);
    expect(inspect(hits).split("\n")).toHaveLength(1);
  });
});

describe("documenting a table you save", () => {
  test("describe and search show its description, owner, inputs and column notes", () => {
    lake.save("user/documented_probe", [{ retailer_id: "R001", cars: 3 }], {
      description: "Cars for sale per retailer, counted by hand for a zebra survey.",
      owner: "sam@example.com",
      inputs: ["refined/stock_current"],
      columns: { cars: "Cars for sale today." },
    });
    const text = printed(() => catalog.describe("user/documented_probe"));
    expect(text).toMatch(/^user\/documented_probe: Cars for sale per retailer/);
    expect(text).toMatch(/lineage \(built from\)\s+refined\/stock_current/);
    expect(text).toMatch(/owner\s+sam@example.com/);
    expect(text).toMatch(/cars\s+float\?\s+Cars for sale today\./);
    let hits: catalog.SearchMatch[] = [];
    printed(() => (hits = catalog.search("zebra")));
    expect(hits).toEqual([
      expect.objectContaining({ dataset: "user/documented_probe", zone: "user", owner: "sam@example.com" }),
    ]);
  });

  test("a table saved without them is described as such", () => {
    lake.save("user/undocumented_probe", [{ a: 1 }]);
    expect(printed(() => catalog.describe("user/undocumented_probe"))).toMatch(
      /owner\s+\(not given when it was saved\)/,
    );
  });

  test("bad documentation is refused before anything is written", () => {
    const save = (options: lake.SaveOptions) => () => lake.save("user/refused_probe", [{ a: 1 }], options);
    expect(save({ inputs: ["refined/stock_curent"] })).toThrow(
      /inputs name "refined\/stock_curent", which is not a dataset. Did you mean: refined\/stock_current/,
    );
    expect(save({ columns: { b: "?" } })).toThrow(/columns describe b, not in the table \(a\)/);
    expect(save({ description: " " })).toThrow(/description is a sentence of text/);
    expect(lake.datasets("user")).not.toContain("user/refused_probe");
  });
});
