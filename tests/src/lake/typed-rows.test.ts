/**
 * lake.load's and sql's types, compiled as a notebook cell would be: strict (the library's own mode) and
 * strict off (tslab's fixed options). Rows are typed from the catalog, so the natural code needs no
 * cast, and sql rows read as the values they are; a misspelt dataset name is a type error naming
 * DatasetOrUserTable (DatasetName | UserTable).
 */
import { join } from "node:path";
import ts from "typescript";
import { repoRoot } from "../../helpers/repo";

const header = `import { lake, stats, sql } from "data-academy";\n`;

/** The type errors of `cell`, compiled with the library's sources under `strict`. */
function typeErrors(cell: string, strict: boolean): string[] {
  const file = join(repoRoot, "tests", "src", "lake", "__cell__.ts");
  const options: ts.CompilerOptions = {
    strict,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: ["node"],
    skipLibCheck: true,
    paths: { "data-academy": [join(repoRoot, "src", "index.ts")] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? header + cell : readFile(name));
  host.fileExists = (
    (exists) => (name: string) =>
      name === file || exists(name)
  )(host.fileExists.bind(host));
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

const natural = `
const rows = lake.load("refined/stock_current", { as: "rows" });
const median: number = stats.median(rows.map((c) => c.price_gbp));
const mileage: number = stats.mean(rows.map((c) => c.mileage));
const listed: string = rows[0].listed_at.toISOString();
const forSale = rows.filter((c) => c.status === "for_sale").length;
const weekly = lake.load("refined/advert_responses_weekly", { as: "rows" });
const rate: number = stats.rate(weekly.map((w) => w.responses), weekly.map((w) => w.views));
const mine = lake.load("user/my_table", { as: "rows" });
const value = mine[0].anything;
const frame = lake.load("refined/stock_current");
frame.head();
const table = lake.load("refined/stock_current", { as: "arrow" });
const n: number = table.numRows;
for (const name of lake.datasets("refined")) lake.load(name);
export { median, mileage, listed, forSale, rate, value, n };
`;

describe.each([true, false])("strict: %s", (strict) => {
  test("the natural code compiles: numbers, Dates, nullable columns, user tables, DataFrames", () => {
    expect(typeErrors(natural, strict)).toEqual([]);
  }, 60_000);

  test("a misspelt dataset or column, or a status that cannot be, is a type error", () => {
    expect(typeErrors(`lake.load("refined/stok_current", { as: "rows" });`, strict)).toEqual([
      "Argument of type '\"refined/stok_current\"' is not assignable to parameter of type 'DatasetOrUserTable'.",
    ]);
    const errors = typeErrors(
      `const rows = lake.load("refined/stock_current", { as: "rows" });\nrows[0].pric_gbp;\nrows.filter((c) => c.status === "for sale");`,
      strict,
    );
    expect(errors[0]).toMatch(/Property 'pric_gbp' does not exist on type 'RefinedStockCurrentRow'/);
    expect(errors[1]).toMatch(/no overlap/);
  }, 60_000);
});

test("with strict on, a nullable column is `number | null`: a number[] needs the nulls dealt with", () => {
  const cell = `const m: number[] = lake.load("refined/stock_current", { as: "rows" }).map((c) => c.mileage);`;
  expect(typeErrors(cell, true).join("\n")).toMatch(/Type 'null' is not assignable to type 'number'/);
  expect(typeErrors(cell, false)).toEqual([]); // tslab: strict off erases null from the union
}, 60_000);

/** What a learner writes with sql rows: columns read as the values they are, rows go where rows of their shape go. */
const naturalSql = `
async function cell() {
  const rows = await sql("SELECT make, COUNT(*) AS n, MAX(listed_at) AS last FROM refined.stock_current GROUP BY make", { as: "rows" });
  const median: number = stats.median(rows.map((r) => r.n));
  const doubled: number = rows[0].n * 2;
  const many = rows.filter((r) => r.n > 100 && r.make.startsWith("F"));
  const day: string = rows[0].last.toISOString();
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  type Event = lake.RowOf<"raw/web_events">;
  const events: Event[] = await sql("SELECT * FROM raw.web_events", { as: "rows" });
  const views = (list: { event_type: string }[]) => list.filter((e) => e.event_type === "view").length;
  return { median, doubled, many, day, total, n: views(await sql("SELECT * FROM raw.web_events", { as: "rows" })), events };
}
export { cell };
`;

test.each([true, false])(
  "sql rows need no cast either (strict: %s)",
  (strict) => {
    expect(typeErrors(naturalSql, strict)).toEqual([]);
  },
  60_000,
);
