/**
 * No casts in the course: a learner should never need `as number`, `as Retailer[]` or `as Date` to
 * use what the lake gives them. `lake.load(name, { as: "rows" })` returns rows typed from the catalog,
 * `sql(query, { as: "rows" })` rows whose columns read as the values they are (SqlRow), and `stats.*`
 * take `(number | null)[]`, so the natural code compiles. This scans every code cell of the source
 * and release notebooks, every hint and solution of the exercise definitions, and every fixture's
 * code, and fails on any `as` cast (`as const` excepted) or `<Type>value` assertion coming back.
 *
 * Code is read with the TypeScript parser, so `{ as: "rows" }`, `import * as dfd`, comments and
 * strings (SQL's `CAST(x AS DATE)` included) are not casts. Hints are prose with code in them, so a
 * hint is searched for what a cast looks like there instead (see HINT_CAST).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { repoRoot } from "../helpers/repo";

interface Snippet {
  where: string;
  code: string;
  /** "code" is parsed as TypeScript; "prose" (a hint) is searched with HINT_CAST. */
  kind: "code" | "prose";
}

/**
 * A cast inside prose: `as` then a type, i.e. a primitive, a name with a capital and a lower-case
 * letter (`Retailer`, `StockItem[]`; not SQL's `AS NULL` or `AS DATE`), `typeof`, or a type literal.
 */
const HINT_CAST =
  /\bas\s+(?!const\b)((number|string|boolean|Date|unknown|any|object|never|typeof)\b|[A-Z]\w*[a-z]\w*|\{|\[)/;

const jsonFiles = (...dir: string[]) =>
  readdirSync(join(repoRoot, ...dir))
    .filter((f) => f.endsWith(".ipynb") || f.endsWith(".json"))
    .map((f) => ({
      name: join(...dir, f),
      value: JSON.parse(readFileSync(join(repoRoot, ...dir, f), "utf8")) as unknown,
    }));

interface Cell {
  cell_type: string;
  source: string | string[];
  metadata?: { academy?: { hints?: string[]; solution?: string } };
}

const hintsAndSolution = (where: string, hints: string[] = [], solution?: string): Snippet[] => [
  ...hints.map((code, h): Snippet => ({ where: `${where} hint ${h + 1}`, code, kind: "prose" })),
  ...(solution ? [{ where: `${where} solution`, code: solution, kind: "code" as const }] : []),
];

function notebookSnippets(folder: string): Snippet[] {
  return jsonFiles("notebooks", folder).flatMap(({ name, value }) =>
    (value as { cells: Cell[] }).cells.flatMap((cell, i) => {
      const where = `${name}, cell ${i}`;
      const academy = cell.metadata?.academy;
      const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
      return [
        ...(cell.cell_type === "code" ? [{ where, code: source, kind: "code" as const }] : []),
        ...hintsAndSolution(`${where},`, academy?.hints, academy?.solution),
      ];
    }),
  );
}

function exerciseSnippets(): Snippet[] {
  return jsonFiles("notebooks", "exercises").flatMap(({ name, value }) =>
    (value as { exercises: { id: string; hints?: string[]; solution?: string }[] }).exercises.flatMap((e) =>
      hintsAndSolution(`${name}, ${e.id}`, e.hints, e.solution),
    ),
  );
}

/**
 * The right answers of the fixtures. Their wrong answers are the mistakes learners make, and a
 * mistake may be a cast: 100.1's `as any` silencing a type error is the mistake it targets.
 */
function fixtureSnippets(): Snippet[] {
  return jsonFiles("tests", "fixtures", "exercises").flatMap(({ name, value }) =>
    (value as { cases: { exercise: string; kind: string; code: string }[] }).cases
      .filter((c) => c.kind === "right")
      .map((c): Snippet => ({ where: `${name}, ${c.exercise} ${c.kind}`, code: c.code, kind: "code" })),
  );
}

/** The casts in TypeScript `code`, as "line N: `as Type`" (a fixture's `return ...;` parses too). */
function codeCasts(code: string): string[] {
  const file = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const isCast =
      (ts.isAsExpression(node) &&
        !(ts.isTypeReferenceNode(node.type) && node.type.getText(file) === "const")) ||
      ts.isTypeAssertionExpression(node);
    if (isCast) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      const cast = ts.isAsExpression(node) ? `as ${node.type.getText(file)}` : `<${node.type.getText(file)}>`;
      found.push(`line ${line + 1}: \`${cast}\` in ${code.split("\n")[line].trim()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The casts in a hint: each line that has one. */
const proseCasts = (text: string) =>
  text
    .split("\n")
    .filter((line) => HINT_CAST.test(line))
    .map((line) => `\`${HINT_CAST.exec(line)?.[0]}\` in ${line.trim()}`);

/** Every cast in `snippets`, as "where, line N: `as Type` in <the line>". */
const casts = (snippets: Snippet[]) =>
  snippets.flatMap(({ where, code, kind }) =>
    (kind === "code" ? codeCasts(code) : proseCasts(code)).map((found) => `${where}, ${found}`),
  );

const ADVICE =
  'A learner should not need to know a cast. Rows from lake.load(name, { as: "rows" }) are typed from ' +
  'the catalog and rows from sql(query, { as: "rows" }) read as the values they are: drop the cast and use ' +
  "them as they come (to name a shape, annotate a variable or a parameter instead: `const rows: T[] = ...`). " +
  "`as const` is fine.";

test("the parser finds casts in code and leaves options, imports, comments and strings alone", () => {
  const found = (code: string) => casts([{ where: "x", code, kind: "code" }]).length;
  expect(found("stats.median(cars.map((c) => c.price_gbp as number))")).toBe(1);
  expect(found("(w.week_start as Date).toISOString()")).toBe(1);
  expect(found("const x = y as unknown as Foo;")).toBe(2);
  expect(found('const retailers = lake.load("refined/retailers", { as: "rows" }) as Retailer[];')).toBe(1);
  expect(found('const rows = (await sql(q, { as: "rows" })) as StockCountRow[];')).toBe(1);
  expect(found("const ids = new Set((rows as { id: string }[]).map((r) => r.id));")).toBe(1);
  expect(found('const dfd = require("danfojs-node") as typeof import("danfojs-node");')).toBe(1);
  expect(found("const first = <Retailer>rows[0];")).toBe(1);
  expect(found("return joined.push({ ...l } as L & Partial<R>);")).toBe(1);
  expect(found('lake.load("refined/leads", { as: "rows" })')).toBe(0);
  expect(found("const zones = ['raw', 'refined'] as const;")).toBe(0);
  expect(found('import * as dfd from "danfojs-node";')).toBe(0);
  expect(found("const rows: Retailer[] = await sql(q, { as: 'rows' });")).toBe(0);
  expect(found("// saves its rows as user/performance_rebuilt\n/** a date as its day */")).toBe(0);
  expect(
    found('const q = `SELECT CAST(created_at AS DATE) AS day`; const s = "NULL compares as unknown";'),
  ).toBe(0);
});

test("in hints, a cast is `as` and a type; SQL's AS and plain English are not", () => {
  const found = (code: string) => casts([{ where: "x", code, kind: "prose" }]).length;
  expect(found("Map each car to its price: cars.map((c) => c.price_gbp as number).")).toBe(1);
  expect(found('lake.load("raw/leads", { as: "rows" }) as Lead[], then count.')).toBe(1);
  expect(found("Treat (rows as { n: number }[]) like this.")).toBe(1);
  expect(found("An empty field in the CSV arrives as NULL. What does NULL = NULL give?")).toBe(0);
  expect(found("A lead's week is CAST(date_trunc('week', created_at) AS DATE).")).toBe(0);
  expect(found("Pooling means treating the rows as one big group; names as the catalog writes them.")).toBe(
    0,
  );
  expect(found("Quote each value as `'${v}'`.")).toBe(0);
  expect(found("Sort them as numbers, lowest first, as strings would not be.")).toBe(0);
});

test.each([
  ["source notebooks", () => notebookSnippets("source")],
  ["release notebooks", () => notebookSnippets("release")],
  ["exercise definitions (hints, solutions)", exerciseSnippets],
  ["fixtures' right answers", fixtureSnippets],
])("no casts in the %s", (what, snippets) => {
  const all = snippets();
  expect(all.length).toBeGreaterThan(0);
  const found = casts(all);
  if (found.length > 0)
    throw new Error(`${found.length} cast(s) in the ${what}:\n  ${found.join("\n  ")}\n\n${ADVICE}`);
});
