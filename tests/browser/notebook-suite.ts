/**
 * The course as a learner meets it: JupyterLab (from .venv) in a real browser (Debian's chromium,
 * driven by playwright-core). Every release notebook is opened and run cell by cell with
 * Shift+Enter, as a learner does: TypeScript kernel, prose rendered, charts drawn by vega, each
 * unanswered exercise says "Not answered yet", then is answered with its solution and its
 * self-check shows ✓, no other error, completions on `lake.`. Screenshots of each notebook go to
 * test-artifacts/browser/.
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
  launchBrowser,
  openNotebook,
  runCell,
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
import { answerStub, errorText, firstErrorLine, expectationsOf, isMissingVariableOnly, notAnsweredYet, solutionsIn, verdictLines } from "./expectations";
import { writeBrowserFixtureExercises } from "./fixture-exercises";

const notebooksIn = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => join(dir, f)) : [];

const sourceNotebooks = notebooksIn(join(repoRoot, "notebooks", "source"));
const releaseNotebooks = notebooksIn(join(repoRoot, "notebooks", "release"));
// ACADEMY_BROWSER_FIXTURE=1 runs the fixture even when release notebooks exist (to test this test).
const useFixture = releaseNotebooks.length === 0 || process.env.ACADEMY_BROWSER_FIXTURE === "1";
const allTargets = useFixture ? [fixture("notebooks", "browser-fixture.ipynb")] : releaseNotebooks;

/** Defines the tests for every `shards`-th notebook, starting at `shard` (0-based). */
export function notebookSuite(shard: number, shards: number): void {
  const targets = allTargets.filter((_, i) => i % shards === shard);
  if (targets.length === 0) {
    test.skip(`[skipped: ${allTargets.length} notebook(s) to test, none left for part ${shard + 1} of ${shards}]`, () => undefined);
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
    sourceNotebooks.length === 0 ? "no source notebooks yet" : !academyHas("release") ? "`academy release` does not exist yet" : undefined;
  const releaseTest = releaseSkipReason ? test.skip : test;

  if (shard === 0) releaseTest(`every source notebook has its release notebook${releaseSkipReason ? ` [skipped: ${releaseSkipReason}]` : ""}`, () => {
    const released = new Set(releaseNotebooks.map((p) => basename(p)));
    expect(sourceNotebooks.map((p) => basename(p)).filter((name) => !released.has(name))).toEqual([]);
  });

  if (shard === 0) test("JupyterLab offers the TypeScript kernel from .venv", async () => {
    const res = await fetch(`${lab.server.url}/api/kernelspecs`, { headers: { Authorization: `token ${lab.server.token}` } });
    const specs = (await res.json()) as { kernelspecs: Record<string, { spec: { display_name: string; language: string } }> };
    expect(specs.kernelspecs.tslab?.spec).toMatchObject({ display_name: "TypeScript", language: "typescript" });
  });

  /** Logs how long each phase of a notebook's test took. */
  function timer(name: string): (phase: string) => void {
    let last = Date.now();
    return (phase) => {
      if (process.env.ACADEMY_BROWSER_TIMING === "1") console.log(`${name}: ${phase} ${Date.now() - last} ms`);
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

        // Run every cell from the top as a learner does. At each unanswered exercise: run the stub
        // and its check as released (they must say "Not answered yet"), then answer it with the
        // exercise's solution, run both again and expect a ✓.
        const sources = [...expected.sources];
        const results: CellResult[] = [];
        const exercises: { exercise: string; unanswered: string; followOn: boolean; checkSaid: string; answered: CellResult }[] = [];
        for (let i = 0; i < sources.length; i++) {
          results[i] = await runCell(page, panel, i);
          const stub = expected.stubs.find((s) => s.cell === i);
          if (!stub) continue;
          expect({ stub: stub.exercise, check: stub.check >= 0 }).toEqual({ stub: stub.exercise, check: true });
          for (let j = i + 1; j <= stub.check; j++) results[j] = await runCell(page, panel, j);
          const stubError = errorText(results[i]);
          const checkError = errorText(results[stub.check]);
          const unanswered = stubError || checkError;
          expect({ exercise: stub.exercise, unanswered }).toEqual({ exercise: stub.exercise, unanswered: expect.stringMatching(notAnsweredYet) });
          // What the check shows before the exercise is answered is reported, not judged: after a
          // value stub tslab has dropped the variable, and a check may need what the stub would save.
          const followOn = !!stubError && !!checkError && isMissingVariableOnly(checkError, sources[i]);
          const checkSaid = stubError && checkError && !followOn ? firstErrorLine(checkError) : "";

          const solution = solutions.get(stub.exercise);
          expect({ exercise: stub.exercise, hasSolution: solution !== undefined }).toEqual({ exercise: stub.exercise, hasSolution: true });
          sources[i] = answerStub(sources[i], solution!);
          await setCellSource(page, panel, i, sources[i]);
          results[i] = await runCell(page, panel, i);
          results[stub.check] = await runCell(page, panel, stub.check);
          exercises.push({ exercise: stub.exercise, unanswered: unanswered.split("\n").find((l) => notAnsweredYet.test(l)) ?? "", followOn, checkSaid, answered: results[stub.check] });
          i = stub.check;
        }
        phase("run");
        const total = results.reduce((t, r) => t + r.elapsedMs, 0);
        console.log(
          `${name}: ${results.length} cells and ${exercises.length} exercises in ${total} ms\n` +
            exercises.map((e) => `  ${e.exercise}: ${e.unanswered.trim()}${e.followOn ? " (its check then cannot see the variable: tslab drops a failed cell's declarations)" : ""}${e.checkSaid ? ` (its check then says: ${e.checkSaid})` : ""} -> ${verdictLines(e.answered.text).join(" ")}`).join("\n"),
        );
        expect(exercises.map((e) => e.exercise)).toEqual(expected.stubs.map((s) => s.exercise));

        // Once answered, no cell shows an error.
        const errors = results.filter((r) => errorText(r)).map((r) => ({ index: r.index, error: errorText(r).slice(0, 1500) }));
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
          expect({ index, outputs: cell.outputTypes }).toEqual({ index, outputs: expect.arrayContaining(["vega"]) });
          const graphic = cellsOf(panel).nth(index).locator(".jp-RenderedVegaCommon5 .vega-embed").locator("canvas.marks, svg.marks");
          await graphic.first().waitFor({ timeout: 10000 });
          const box = await graphic.first().boundingBox();
          expect({ index, drawn: !!box && box.width > 100 && box.height > 50 }).toEqual({ index, drawn: true });
          expect(cell.text).not.toMatch(/"\$schema"|"mark"\s*:/);
        }

        // Self-checks: every check prints a verdict; every answered exercise gets a ✓.
        for (const index of expected.checkCells) {
          expect({ index, verdicts: verdictLines(results[index].text) }).toEqual({ index, verdicts: [expect.stringMatching(/^[✓✗] /)] });
        }
        for (const e of exercises) expect({ exercise: e.exercise, verdicts: verdictLines(e.answered.text) }).toEqual({ exercise: e.exercise, verdicts: [expect.stringMatching(/^✓ /)] });

        phase("checks");
        await screenshotNotebook(page, panel, join(artifactsDir, `${name.replace(/\.ipynb$/, "")}.png`));

        // Completions: the library's types reach the learner.
        const completions = await completionsAfter(page, panel, "lake.", { screenshotPath: join(artifactsDir, `${name.replace(/\.ipynb$/, "")}-completions.png`) });
        expect(completions).toEqual(expect.arrayContaining(["load", "save", "zones"]));
        phase("completions");
        expect(pageErrors).toEqual([]);
      } catch (error) {
        // What the page and the server showed when it failed, to tell a bug from a slow machine.
        const shot = join(artifactsDir, `${name.replace(/\.ipynb$/, "")}-failed.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        const status = await page.locator(".jp-StatusBar-TextItem").allInnerTexts().catch(() => []);
        console.log(`${name} failed; screenshot ${shot}; status bar: ${status.join(" · ")}\nJupyterLab's last lines:\n${lab.server.log().split("\n").slice(-30).join("\n")}`);
        throw error;
      } finally {
        await page.close();
        await shutDownKernels(lab);
      }
    }, 600000);
  });
}
