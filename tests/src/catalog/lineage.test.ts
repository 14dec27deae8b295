/** walkLineage: the one lineage walk, used by catalog.lineage and by the lake generator's lineage.json. */
import { catalog } from "data-academy";

const { walkLineage } = catalog;

// A diamond (two ways to reach raw/a) with a second source: the walk must list each dataset once.
const diamond = [
  { name: "trusted/t", lineage: ["refined/x", "refined/y"] },
  { name: "refined/x", lineage: ["raw/a"] },
  { name: "refined/y", lineage: ["raw/a", "raw/b"] },
  { name: "raw/a", lineage: ["transient/dump"] },
  { name: "raw/b", lineage: [] },
];

test("lists every dataset upstream once, nearest first (breadth first)", () => {
  expect(walkLineage(diamond, "trusted/t").upstream).toEqual([
    "refined/x",
    "refined/y",
    "raw/a",
    "raw/b",
    "transient/dump",
  ]);
  expect(walkLineage(diamond, "refined/y").upstream).toEqual(["raw/a", "raw/b", "transient/dump"]);
});

test("keeps one edge per link, including both links into a shared input", () => {
  expect(walkLineage(diamond, "trusted/t").edges).toEqual([
    { from: "refined/x", to: "trusted/t" },
    { from: "refined/y", to: "trusted/t" },
    { from: "raw/a", to: "refined/x" },
    { from: "raw/a", to: "refined/y" },
    { from: "raw/b", to: "refined/y" },
    { from: "transient/dump", to: "raw/a" },
  ]);
});

test("a source dataset, or a name not in the list, has nothing upstream", () => {
  expect(walkLineage(diamond, "raw/b")).toEqual({ upstream: [], edges: [] });
  expect(walkLineage(diamond, "raw/unknown")).toEqual({ upstream: [], edges: [] });
});

test("a cycle ends the walk instead of looping", () => {
  const cycle = [
    { name: "a", lineage: ["b"] },
    { name: "b", lineage: ["a"] },
  ];
  expect(walkLineage(cycle, "a").upstream).toEqual(["b", "a"]);
});

test("catalog.lineage over the sample lake is the walk over the catalog's datasets", () => {
  const name = "trusted/retailer_weekly_performance";
  const walked = walkLineage(catalog.read().datasets, name);
  const l = catalog.lineage(name);
  expect({ upstream: l.upstream, edges: l.edges }).toEqual(walked);
  expect(l.upstream.slice(0, 4)).toEqual([
    "refined/retailers",
    "refined/stock_weekly_snapshot",
    "refined/advert_responses_weekly",
    "refined/leads",
  ]);
  expect(l.upstream[l.upstream.length - 1]).toBe("transient/listings_api_dump");
});
