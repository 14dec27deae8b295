/**
 * The course library inside a real tslab kernel, as a learner meets it: one import, then load,
 * save, and self-checks. Each test stands alone on the shared kernel (only the import is shared);
 * cells go through the grader's request policy, which resends what tslab aborts right after an error.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { streamText } from "../../grader/execute/outputs";
import { startServerKernel } from "../../grader/kernel/server/jupyter-server";
import type { KernelSession } from "../../grader/kernel/session";
import { writeExerciseFixture } from "../helpers/exercise-fixture";
import { startJupyter, RunningServer } from "../helpers/jupyter-server";

let server: RunningServer;
let kernel: KernelSession;
let userDir: string;
let exercisesDir: string;

/** Runs one cell: its status, what it wrote to each stream, and its display bundles. */
async function runCell(code: string) {
  const result = await kernel.execute(code, { timeoutMs: 0 }); // no cell limit: this machine may be loaded
  const displays = result.outputs.flatMap((o) => (o.output_type === "display_data" ? [o.data] : []));
  return {
    status: result.status,
    stdout: streamText(result.outputs, "stdout"),
    stderr: streamText(result.outputs, "stderr"),
    displays,
  };
}

beforeAll(async () => {
  userDir = mkdtempSync(join(tmpdir(), "academy-user-"));
  exercisesDir = writeExerciseFixture();
  process.env.DATA_ACADEMY_USER_DIR = userDir; // the kernel inherits the server's environment
  process.env.DATA_ACADEMY_EXERCISES = exercisesDir;
  server = await startJupyter();
  kernel = await startServerKernel({
    baseUrl: server.url,
    token: server.token,
    path: "notebooks/release/library-check.ipynb",
  });
  const imported = await runCell(
    'import { lake, catalog, stats, chart, exercise, observe } from "data-academy";',
  );
  expect(imported.stderr).toBe("");
});

afterAll(async () => {
  await kernel?.shutdown();
  expect(await server.stop()).toEqual([]);
  delete process.env.DATA_ACADEMY_USER_DIR;
  delete process.env.DATA_ACADEMY_EXERCISES;
  rmSync(userDir, { recursive: true, force: true });
  rmSync(exercisesDir, { recursive: true, force: true });
});

test("lake.load gives a DataFrame with the expected dtypes", async () => {
  const run = await runCell(
    'const stock = lake.load("refined/stock_current");\nconsole.log(JSON.stringify({ shape: stock.shape, dtypes: stock.dtypes, first: stock.column("listed_at").values[0] instanceof Date }));',
  );
  expect(run.stderr).toBe("");
  const out = JSON.parse(run.stdout);
  expect(out.shape).toEqual([2400, 12]);
  expect(out.dtypes).toEqual([
    "string",
    "string",
    "string",
    "string",
    "string",
    "int32",
    "int32",
    "float32",
    "string",
    "datetime",
    "datetime",
    "int32",
  ]);
  expect(out.first).toBe(true);
});

test("saving to trusted fails with the zone rule, saving to user works", async () => {
  const bad = await runCell('lake.save("trusted/my_numbers", lake.load("refined/stock_current").head(3));');
  expect(bad.status).toBe("error");
  expect(bad.stderr).toMatch(/only ELT processes write to trusted, after review; save to user\/ instead/);
  const good = await runCell(
    'console.log(lake.save("user/my_numbers", lake.load("refined/stock_current").head(3)).rows);',
  );
  expect(good.stdout).toBe("3\n");
  expect(readdirSync(userDir)).toEqual(["my_numbers.arrow"]);
});

test("check() prints different messages for a right, a known-wrong and a wrong answer", async () => {
  const run = await runCell(
    'const q = exercise("000.1");\nq.check(lake.load("refined/retailers").shape[0]);\nq.check(lake.load("raw/retailers").shape[0]);\nq.check(7);',
  );
  const lines = run.stdout.trim().split("\n");
  expect(lines[0]).toMatch(/^✓ 000.1: Correct\./);
  expect(lines[1]).toMatch(/^✗ 000.1: That counts rows of raw\/retailers, which has duplicate export rows/);
  expect(lines[2]).toMatch(/^✗ 000.1: Not quite/);
});

test("a type error in a learner's use of the library is reported in the cell", async () => {
  const run = await runCell("const wrong: number = lake.zones();");
  expect(run.status).toBe("error");
  expect(run.stderr).toMatch(/is not assignable to type 'number'/);
});

test("observe emits one display with the observation MIME type and plain JSON", async () => {
  const run = await runCell(
    'observe("retailers", lake.load("refined/retailers").shape[0], { tolerance: 0 });',
  );
  expect(run.stderr).toBe("");
  expect(run.displays).toHaveLength(1);
  expect(run.displays[0]["application/vnd.data-academy.observation+json"]).toEqual({
    name: "retailers",
    value: 120,
    options: { tolerance: 0 },
  });
});

test("a chart is ONE display_data with Vega-Lite v5 (an object), SVG and text", async () => {
  const run = await runCell(
    'const prices = lake.load("refined/stock_current", { as: "rows" }).filter((r) => (r.price_gbp as number) < 100000);\nawait chart.show(chart.histogram(prices, { field: "price_gbp", title: "Asking prices" }));',
  );
  expect(run.stderr).toBe("");
  expect(run.displays).toHaveLength(1);
  const bundle = run.displays[0];
  expect(Object.keys(bundle).sort()).toEqual([
    "application/vnd.vegalite.v5+json",
    "image/svg+xml",
    "text/plain",
  ]);
  expect(bundle["application/vnd.vegalite.v5+json"]).toMatchObject({
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: "Asking prices",
  });
  expect(String(bundle["image/svg+xml"])).toMatch(/^<svg[^>]*>.*Asking prices/s);
  expect(bundle["text/plain"]).toMatch(/^<bar chart of price_gbp, \d+ rows: Asking prices>$/);
});

test("stats work on lake columns, and catalog.describe shows HTML and text", async () => {
  const run = await runCell(
    'console.log(stats.median(lake.load("refined/stock_current").column("price_gbp").values as number[]) > 1000);\ncatalog.describe("refined/stock_weekly_snapshot");',
  );
  expect(run.stdout).toBe("true\n");
  expect(run.displays).toHaveLength(1);
  expect(String(run.displays[0]["text/html"])).toMatch(/<h4>refined\/stock_weekly_snapshot<\/h4>/);
  expect(String(run.displays[0]["text/plain"])).toMatch(/kind\s+snapshot/);
});

test("progress() after a right, a wrong and an unanswered check shows each, and the next module on the path", async () => {
  const run = await runCell(
    [
      'import { progress, todo } from "data-academy";',
      'exercise("000.1").check(120);',
      'exercise("000.2").check(["user", "trusted"]);',
      'exercise("000.3").check(todo("000.3"));',
      'progress({ persona: "developer" });',
    ].join("\n"),
  );
  expect(run.stderr).toBe("");
  const shown = run.displays.find((d) => String(d["text/plain"] ?? "").startsWith("Your self-checks so far"));
  const text = String(shown?.["text/plain"]);
  expect(text).toMatch(/^000 .* 1\/\d+ {2}✓ 000\.1 {2}✗ 000\.2 {2}· 000\.3/m);
  expect(text).toMatch(/^Next on the developer path: 101 · Introduction to the data platform/m);
  expect(String(shown?.["text/html"])).toContain("✓ 000.1");
});
