/**
 * The course as a learner meets it: JupyterLab (from .venv) in a real browser (Debian's chromium,
 * driven by playwright-core). Every release notebook is opened and run with JupyterLab's own
 * Run → "Run All Cells", as a learner does, unanswered: every code cell runs (Run All stops at the
 * first error, so none may error) and every check says "not answered yet". Then each exercise is
 * answered with its solution and Kernel → "Restart Kernel and Run All Cells…" runs it again: every
 * self-check shows ✓, no error, prose rendered, charts drawn by vega, completions on `lake.`.
 * Screenshots of each notebook go to test-artifacts/browser/.
 *
 * Until the course's release notebooks exist, a fixture notebook with one of each stands in; once
 * there are source notebooks, missing release notebooks fail the run.
 *
 * The notebooks are split between test files (notebooks-1.test.ts, notebooks-2.test.ts), which jest
 * runs side by side, each with its own JupyterLab and browser: while one kernel computes, the
 * other browser works.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { academyHas } from "../helpers/academy";
import {
  artifactsDir,
  cellsOf,
  completionsAfter,
  tooltipAfter,
  launchBrowser,
  openNotebook,
  runAllCells,
  screenshotNotebook,
  setCellSource,
  shownKernelName,
  shutDownKernels,
  startLab,
  type Browser,
  type CellResult,
  type Lab,
} from "../helpers/lab";
import { fixture, repoRoot } from "../helpers/repo";
import {
  answerStub,
  errorText,
  expectationsOf,
  notAnsweredLine,
  solutionsIn,
  verdictLines,
} from "./expectations";
import { writeBrowserFixtureExercises } from "./fixture-exercises";

const notebooksIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".ipynb"))
        .sort()
        .map((f) => join(dir, f))
    : [];

const sourceNotebooks = notebooksIn(join(repoRoot, "notebooks", "source"));
const releaseNotebooks = notebooksIn(join(repoRoot, "notebooks", "release"));
// ACADEMY_BROWSER_FIXTURE=1 runs the fixture even when release notebooks exist (to test this test).
const useFixture = releaseNotebooks.length === 0 || process.env.ACADEMY_BROWSER_FIXTURE === "1";
// NOTEBOOKS=101,203 runs only those modules (handy while writing one).
const only = process.env.NOTEBOOKS?.split(",").map((m) => m.trim());
const allTargets = useFixture
  ? [fixture("notebooks", "browser-fixture.ipynb")]
  : releaseNotebooks.filter((p) => !only || only.includes(basename(p).slice(0, 3)));

/** Defines the tests for every `shards`-th notebook, starting at `shard` (0-based). */
export function notebookSuite(shard: number, shards: number): void {
  const targets = allTargets.filter((_, i) => i % shards === shard);
  if (targets.length === 0) {
    test.skip(`[skipped: ${allTargets.length} notebook(s) to test, none left for part ${shard + 1} of ${shards}]`, () =>
      undefined);
    return;
  }

  let lab: Lab;
  let browser: Browser;
  let exercisesDir: string | undefined;
  let userDir: string;
  let solutions: Map<string, string>;

  beforeAll(async () => {
    // The fixture's self-checks are defined by the test's own exercise file (module "000").
    exercisesDir = useFixture ? writeBrowserFixtureExercises() : undefined;
    solutions = solutionsIn(exercisesDir ?? join(repoRoot, "notebooks", "exercises"));
    // A fresh clone's empty user zone, whatever lake.save wrote in this checkout before.
    userDir = mkdtempSync(join(tmpdir(), "academy-browser-user-"));
    const env: Record<string, string> = { DATA_ACADEMY_USER_DIR: userDir };
    if (exercisesDir) env.DATA_ACADEMY_EXERCISES = exercisesDir;
    lab = await startLab({ notebooks: targets, env });
    browser = await launchBrowser();
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    if (lab) expect(await lab.stop()).toEqual([]);
    if (exercisesDir) rmSync(exercisesDir, { recursive: true, force: true });
    if (userDir) rmSync(userDir, { recursive: true, force: true });
  });

  const releaseSkipReason =
    sourceNotebooks.length === 0
      ? "no source notebooks yet"
      : !academyHas("release")
        ? "`academy release` does not exist yet"
        : undefined;
  const releaseTest = releaseSkipReason ? test.skip : test;

  if (shard === 0)
    releaseTest(
      `every source notebook has its release notebook${releaseSkipReason ? ` [skipped: ${releaseSkipReason}]` : ""}`,
      () => {
        const released = new Set(releaseNotebooks.map((p) => basename(p)));
        expect(sourceNotebooks.map((p) => basename(p)).filter((name) => !released.has(name))).toEqual([]);
      },
    );

  if (shard === 0)
    test("JupyterLab offers the TypeScript kernel from .venv", async () => {
      const res = await fetch(`${lab.server.url}/api/kernelspecs`, {
        headers: { Authorization: `token ${lab.server.token}` },
      });
      const specs = (await res.json()) as {
        kernelspecs: Record<string, { spec: { display_name: string; language: string } }>;
      };
      expect(specs.kernelspecs.tslab?.spec).toMatchObject({
        display_name: "TypeScript",
        language: "typescript",
      });
    });

  if (shard === 0)
    test("JupyterLab opens clean: no news prompt and no update check (.venv's overrides.json)", async () => {
      const res = await fetch(
        `${lab.server.url}/lab/api/settings/@jupyterlab/apputils-extension:notification`,
        { headers: { Authorization: `token ${lab.server.token}` } },
      );
      // The server applies overrides.json to the settings' defaults; the profile sets nothing here.
      const notification = (await res.json()) as {
        schema: { properties: Record<string, { default?: unknown }> };
      };
      expect({
        fetchNews: notification.schema.properties.fetchNews.default,
        checkForUpdates: notification.schema.properties.checkForUpdates.default,
      }).toEqual({ fetchNews: "false", checkForUpdates: false });
      const page = await browser.context.newPage();
      try {
        await openNotebook(page, lab.notebookUrl(basename(targets[0])));
        // Without the override, JupyterLab asks about news in a toast a moment after it starts.
        await page.waitForTimeout(5_000);
        const toasts = await page.locator(".Toastify__toast").allTextContents();
        await page.screenshot({ path: join(artifactsDir, "lab-opens-clean.png") });
        expect(toasts.filter((text) => /news/i.test(text))).toEqual([]);
      } finally {
        await page.close();
      }
    });

  /** Logs how long each phase of a notebook's test took. */
  function timer(name: string): (phase: string) => void {
    let last = Date.now();
    return (phase) => {
      if (process.env.ACADEMY_BROWSER_TIMING === "1")
        console.log(`${name}: ${phase} ${Date.now() - last} ms`);
      last = Date.now();
    };
  }

  describe.each(targets.map((path) => [basename(path), path]))("%s in JupyterLab", (name, path) => {
    const expected = expectationsOf(path);

    test("runs cell by cell with the TypeScript kernel; prose, charts, stubs, answers, self-checks and completions show", async () => {
      const page = await browser.context.newPage();
      const phase = timer(name);
      const pageErrors: string[] = [];
      page.on("pageerror", (err) => pageErrors.push(String(err)));
      try {
        const panel = await openNotebook(page, lab.notebookUrl(name));
        phase("open");
        expect(expected.kernelDisplayName).toBe("TypeScript");
        expect(await shownKernelName(panel)).toBe("TypeScript");
        expect(await cellsOf(panel).count()).toBe(expected.sources.length);

        // Run All on the notebook as released: it must reach the last cell (JupyterLab's Run All,
        // like nbclient, ends the queue at the first error), and every check says "not answered yet".
        const ran = (r: CellResult) => /^\[\d+\]:$/.test(r.prompt);
        const unanswered = await runAllCells(page, panel);
        phase("run all, unanswered");
        const lastCode = expected.codeCells[expected.codeCells.length - 1];
        expect({
          lastCodeCellRan: ran(unanswered[lastCode]),
          notRun: expected.codeCells.filter((i) => !ran(unanswered[i])),
        }).toEqual({ lastCodeCellRan: true, notRun: [] });
        expect(
          unanswered
            .filter((r) => errorText(r))
            .map((r) => ({ index: r.index, error: errorText(r).slice(0, 1500) })),
        ).toEqual([]);
        for (const stub of expected.stubs) {
          expect({ exercise: stub.exercise, check: stub.check >= 0 }).toEqual({
            exercise: stub.exercise,
            check: true,
          });
          expect({ exercise: stub.exercise, said: unanswered[stub.check].text }).toEqual({
            exercise: stub.exercise,
            said: expect.stringMatching(notAnsweredLine(stub.exercise)),
          });
        }

        // Answer every exercise with its solution, then restart the kernel and Run All again.
        const sources = [...expected.sources];
        for (const stub of expected.stubs) {
          const solution = solutions.get(stub.exercise);
          expect({ exercise: stub.exercise, hasSolution: solution !== undefined }).toEqual({
            exercise: stub.exercise,
            hasSolution: true,
          });
          sources[stub.cell] = answerStub(sources[stub.cell], solution!);
          expect({
            exercise: stub.exercise,
            answered: sources[stub.cell] !== expected.sources[stub.cell],
          }).toEqual({ exercise: stub.exercise, answered: true });
          await setCellSource(page, panel, stub.cell, sources[stub.cell]);
        }
        const results = await runAllCells(page, panel, { restart: true });
        phase("run all, answered");
        console.log(
          `${name}: ${expected.codeCells.length} code cells and ${expected.stubs.length} exercises; Run All unanswered ${unanswered[0]?.elapsedMs ?? 0} ms, answered ${results[0]?.elapsedMs ?? 0} ms\n` +
            expected.stubs
              .map(
                (s) =>
                  `  ${s.exercise}: ${unanswered[s.check].text.split("\n").find((l) => notAnsweredLine(s.exercise).test(l)) ?? ""} -> ${verdictLines(results[s.check].text).join(" ")}`,
              )
              .join("\n"),
        );
        expect(expected.codeCells.filter((i) => !ran(results[i]))).toEqual([]);

        // Once answered, no cell shows an error.
        const errors = results
          .filter((r) => errorText(r))
          .map((r) => ({ index: r.index, error: errorText(r).slice(0, 1500) }));
        expect(errors).toEqual([]);

        // Prose: every heading and table of the markdown is rendered as HTML.
        const markdown = panel.locator(".jp-MarkdownCell .jp-RenderedMarkdown");
        expect(await markdown.locator("h1, h2, h3, h4, h5, h6").count()).toBe(expected.headings);
        expect(await markdown.locator("table").count()).toBe(expected.tables);
        expect(expected.headings).toBeGreaterThan(0);

        // Charts: drawn by JupyterLab's vega renderer (a canvas or an SVG), not shown as JSON or text.
        expect(expected.chartCells.length).toBeGreaterThan(0);
        for (const index of expected.chartCells) {
          const cell = results[index];
          expect({ index, outputs: cell.outputTypes }).toEqual({
            index,
            outputs: expect.arrayContaining(["vega"]),
          });
          const graphic = cellsOf(panel)
            .nth(index)
            .locator(".jp-RenderedVegaCommon5 .vega-embed")
            .locator("canvas.marks, svg.marks");
          await graphic.first().waitFor({ timeout: 10000 });
          const box = await graphic.first().boundingBox();
          expect({ index, drawn: !!box && box.width > 100 && box.height > 50 }).toEqual({
            index,
            drawn: true,
          });
          expect(cell.text).not.toMatch(/"\$schema"|"mark"\s*:/);
        }

        // Self-checks: every check prints a verdict; every answered exercise gets a ✓.
        for (const index of expected.checkCells) {
          expect({ index, verdicts: verdictLines(results[index].text) }).toEqual({
            index,
            verdicts: [expect.stringMatching(/^[✓✗] /)],
          });
        }
        for (const stub of expected.stubs)
          expect({ exercise: stub.exercise, verdicts: verdictLines(results[stub.check].text) }).toEqual({
            exercise: stub.exercise,
            verdicts: [expect.stringMatching(/^✓ /)],
          });

        phase("checks");
        await screenshotNotebook(page, panel, join(artifactsDir, `${name.replace(/\.ipynb$/, "")}.png`));

        // Completions: the library's types reach the learner.
        const completions = await completionsAfter(page, panel, "lake.", {
          screenshotPath: join(artifactsDir, `${name.replace(/\.ipynb$/, "")}-completions.png`),
        });
        expect(completions).toEqual(expect.arrayContaining(["load", "save", "zones"]));
        if (name === basename(targets[0])) {
          // The catalog types the data: dataset names inside lake.load("…"), a row's columns, and a
          // column's type and catalog description in the tooltip (Shift+Tab).
          const shot = (what: string) => join(artifactsDir, `${name.replace(/\.ipynb$/, "")}-${what}.png`);
          const names = await completionsAfter(page, panel, 'lake.load("refined/', {
            screenshotPath: shot("dataset-completions"),
          });
          expect(names).toEqual(expect.arrayContaining(["refined/stock_current", "refined/retailers"]));
          expect(names.filter((n) => !n.startsWith("refined/"))).toEqual([]);
          const row = 'lake.load("refined/stock_current", { as: "rows" })[0].';
          const columns = await completionsAfter(page, panel, row, {
            screenshotPath: shot("column-completions"),
          });
          expect(columns).toEqual(
            expect.arrayContaining(["price_gbp", "listed_at", "status", "retailer_id"]),
          );
          const tip = await tooltipAfter(page, panel, `${row}price_gbp`, {
            screenshotPath: shot("column-tooltip"),
          });
          expect(tip).toMatch(/price_gbp: number/);
          expect(tip).toMatch(/asking price/i);
        }
        phase("completions");
        expect(pageErrors).toEqual([]);
      } catch (error) {
        // What the page and the server showed when it failed, to tell a bug from a slow machine.
        const shot = join(artifactsDir, `${name.replace(/\.ipynb$/, "")}-failed.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        const status = await page
          .locator(".jp-StatusBar-TextItem")
          .allInnerTexts()
          .catch(() => []);
        console.log(
          `${name} failed; screenshot ${shot}; status bar: ${status.join(" · ")}\nJupyterLab's last lines:\n${lab.server.log().split("\n").slice(-30).join("\n")}`,
        );
        throw error;
      } finally {
        await page.close();
        await shutDownKernels(lab);
      }
    }, 600000);
  });
}
