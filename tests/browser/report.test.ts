/**
 * The cohort report (`academy report`, report/index.html) opened in Debian's chromium: a cohort
 * graded for real (tests/helpers/cohort.ts), reported, then the page loaded from disk with every
 * network request refused. Every chart is drawn, the learner whose name is markup shows as text,
 * nothing runs, and a screenshot goes to test-artifacts/browser/report.png (the README's picture).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { academy } from "../helpers/academy";
import { MARKUP_LEARNER, courseMapFixture, gradeSyntheticCohort, type GradedCohort } from "../helpers/cohort";
import { artifactsDir, launchBrowser } from "../helpers/lab";

let cohort: GradedCohort;
let page: string;

beforeAll(async () => {
  cohort = await gradeSyntheticCohort("academy-report-browser-");
  const personas = join(cohort.work, "personas.csv");
  writeFileSync(personas, "learner,persona\nada,product manager\n");
  const out = join(cohort.work, "report");
  const run = academy([
    "report",
    cohort.gradesDir,
    "--out",
    out,
    "--personas",
    personas,
    "--course-map",
    courseMapFixture,
  ]);
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
  page = join(out, "index.html");
}, 600_000);

afterAll(() => rmSync(cohort.work, { recursive: true, force: true }));

test("the cohort report opens offline in chromium with every chart drawn and learner text shown as text", async () => {
  const browser = await launchBrowser();
  try {
    const requested: string[] = [];
    await browser.context.route("**/*", async (route) => {
      const url = route.request().url();
      if (url.startsWith("file:")) return route.continue();
      requested.push(url);
      return route.abort();
    });
    const tab = await browser.context.newPage();
    const pageErrors: string[] = [];
    tab.on("pageerror", (err) => pageErrors.push(String(err)));
    await tab.goto(pathToFileURL(page).href);

    // Five charts (median score, course map, one outcome chart per module), each an SVG with bars in it.
    const charts = tab.locator("figure.chart > svg");
    expect(await charts.count()).toBe(5);
    for (let i = 0; i < 5; i++) {
      const box = await charts.nth(i).boundingBox();
      expect(box && box.width > 200 && box.height > 100).toBe(true);
      expect(await charts.nth(i).locator("path, rect").count()).toBeGreaterThan(3);
    }
    // The cohort at a glance, per exercise and per learner.
    const shown = await tab.locator("body").innerText();
    expect(shown).toMatch(/12\s+learners/);
    expect(shown).toContain("vrm-as-key 5 (42%)");
    expect(shown).toContain("not answered yet");
    expect(shown).toMatch(/903 · What comes next\s+902 · Typical values/); // ada's product manager path
    // The learner named with markup: text in its cell, and no element made from it.
    expect(await tab.locator("td.learner").first().innerText()).toBe(MARKUP_LEARNER);
    expect(await tab.locator("b, img, [onmouseover]").count()).toBe(0);

    mkdirSync(artifactsDir, { recursive: true });
    await tab.screenshot({ path: join(artifactsDir, "report.png"), fullPage: true });
    await tab.locator("#glance").screenshot({ path: join(artifactsDir, "report-glance.png") });
    expect({ requested, pageErrors }).toEqual({ requested: [], pageErrors: [] });
  } finally {
    await browser.close();
  }
}, 120_000);
