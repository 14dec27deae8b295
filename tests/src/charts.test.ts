/** Chart specs: Vega-Lite v5, the right encodings, and clear errors for bad options. */
import { DataFrame } from "danfojs-node";
import { chart } from "../../src/charts";

const rows = [
  { make: "Ford", price_gbp: 9995, week_start: new Date(Date.UTC(2026, 8, 7)) },
  { make: "BMW", price_gbp: 21000, week_start: new Date(Date.UTC(2026, 8, 14)) },
];

test("histogram bins one numeric column and counts", () => {
  const spec = chart.histogram(rows, { field: "price_gbp", bins: 10, title: "Prices" });
  expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
  expect(spec).toMatchObject({
    title: "Prices",
    mark: { type: "bar" },
    encoding: { x: { field: "price_gbp", bin: { maxbins: 10 } }, y: { aggregate: "count" } },
  });
  expect((spec.data as { values: unknown[] }).values).toHaveLength(2);
});

test("bar sorts by value, line is temporal with dates as ISO text, box has Tukey whiskers", () => {
  expect(chart.bar(rows, { x: "make", y: "price_gbp" }).encoding).toMatchObject({
    x: { field: "make", sort: { field: "price_gbp", order: "descending" } },
  });
  const line = chart.line(rows, { x: "week_start", y: "price_gbp", color: "make" });
  expect(line.encoding).toMatchObject({ x: { type: "temporal" }, color: { field: "make" } });
  expect((line.data as { values: { week_start: unknown }[] }).values[0].week_start).toBe(
    "2026-09-07T00:00:00.000Z",
  );
  expect(chart.box(rows, { x: "make", y: "price_gbp" }).mark).toEqual({ type: "boxplot", extent: 1.5 });
});

test("line puts numbers on a number axis (a count of features is not a date)", () => {
  const curve = [
    { features: 1, mae: 13.1 },
    { features: 2, mae: 12.9 },
  ];
  expect(chart.line(curve, { x: "features", y: "mae" }).encoding).toMatchObject({
    x: { field: "features", type: "quantitative" },
  });
  // text that is not a number (ISO dates) stays a time axis
  const isoWeeks = [{ week: "2026-09-07", n: 1 }];
  expect(chart.line(isoWeeks, { x: "week", y: "n" }).encoding).toMatchObject({ x: { type: "temporal" } });
});

test("a DataFrame-like input works like rows", () => {
  const frame = {
    columns: ["make", "price_gbp"],
    values: [
      ["Ford", 1],
      ["BMW", 2],
    ],
  };
  expect((chart.bar(frame, { x: "make", y: "price_gbp" }).data as { values: unknown[] }).values).toEqual([
    { make: "Ford", price_gbp: 1 },
    { make: "BMW", price_gbp: 2 },
  ]);
});

test("a real danfojs DataFrame is accepted by the types and drawn like rows", () => {
  const df = new DataFrame({ make: ["Ford", "BMW"], price_gbp: [1, 2] });
  const spec = chart.histogram(df, { field: "price_gbp" }); // a type error here fails the typecheck
  expect((spec.data as { values: unknown[] }).values).toEqual([
    { make: "Ford", price_gbp: 1 },
    { make: "BMW", price_gbp: 2 },
  ]);
});

test("bad options fail with the option's name", () => {
  expect(() => chart.histogram(rows, { field: "price", bins: 5 })).toThrow(
    'invalid field: no column "price" (columns: make, price_gbp, week_start)',
  );
  expect(() => chart.histogram(rows, { field: "price_gbp", scale: "sqrt" as "log" })).toThrow(
    "invalid scale: sqrt (use linear, log)",
  );
  expect(() => chart.bar(rows, { x: "make", y: "price_gbp", sort: "up" as "ascending" })).toThrow(
    /invalid sort: up/,
  );
  expect(() => chart.box(rows, { y: "price_gbp", extent: 0 })).toThrow(/invalid extent/);
});

test("describeChart gives a readable one-liner for text-only frontends", () => {
  expect(chart.describeChart(chart.histogram(rows, { field: "price_gbp" }))).toBe(
    "<bar chart of price_gbp, 2 rows>",
  );
});
