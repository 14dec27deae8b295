/**
 * The feedback page a learner gets from `academy grade` (grades/<learner>/<notebook>.html), opened
 * in the same real browser: it shows scores and messages, and none of the hidden tests' code.
 * Skipped, with the reason in its name, while `academy grade` or the course notebooks do not exist.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { academy, academyHas } from "../helpers/academy";
import { artifactsDir, launchBrowser } from "../helpers/lab";
import { repoRoot } from "../helpers/repo";

const sourceDir = join(repoRoot, "notebooks", "source");
const releaseDir = join(repoRoot, "notebooks", "release");
const released = existsSync(releaseDir)
  ? readdirSync(releaseDir)
      .filter((f) => f.endsWith(".ipynb"))
      .sort()
  : [];
const moduleFile = released.find((f) => existsSync(join(sourceDir, f)));

const skipReason = !academyHas("grade")
  ? "`academy grade` does not exist yet"
  : moduleFile === undefined
    ? "no notebook exists both in notebooks/source and notebooks/release yet"
    : undefined;
const feedbackTest = skipReason ? test.skip : test;

/** The hidden tests' lines of a source notebook (between BEGIN and END HIDDEN TESTS). */
function hiddenTestLines(path: string): string[] {
  const notebook = JSON.parse(readFileSync(path, "utf8")) as { cells: { source: string | string[] }[] };
  const lines: string[] = [];
  for (const cell of notebook.cells) {
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    for (const m of source.matchAll(/\/\/ BEGIN HIDDEN TESTS\n([\s\S]*?)\/\/ END HIDDEN TESTS/g)) {
      lines.push(
        ...m[1]
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l.length >= 12),
      );
    }
  }
  return lines;
}

feedbackTest(
  `a learner's feedback page shows scores and messages, and no hidden test code${skipReason ? ` [skipped: ${skipReason}]` : ""}`,
  async () => {
    const work = mkdtempSync(join(tmpdir(), "academy-feedback-"));
    const browser = await launchBrowser();
    try {
      // A learner who handed in the release notebook untouched: every exercise unanswered.
      mkdirSync(join(work, "submissions", "ada"), { recursive: true });
      cpSync(join(releaseDir, moduleFile!), join(work, "submissions", "ada", moduleFile!));
      const out = join(work, "grades");
      const run = academy(["grade", join(work, "submissions"), "--out", out]);
      expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });

      const htmlPath = join(out, "ada", moduleFile!.replace(/\.ipynb$/, ".html"));
      expect(existsSync(htmlPath)).toBe(true);
      const html = readFileSync(htmlPath, "utf8");

      const page = await browser.context.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (err) => pageErrors.push(String(err)));
      await page.goto(pathToFileURL(htmlPath).href);
      const shown = await page.locator("body").innerText();
      // Scores, like "0 / 10" or "0/2 points", and the exercise ids of the module.
      expect(shown).toMatch(/\d+(\.\d+)?\s*\/\s*\d+/);
      const id = basename(moduleFile!).split("-")[0];
      expect(shown).toContain(`${id}.1`);
      // Messages: an unanswered exercise says so.
      expect(shown).toMatch(/not answered|no answer/i);
      // Nothing of the hidden tests, in the page or its source.
      expect(html).not.toMatch(/BEGIN HIDDEN TESTS|END HIDDEN TESTS/);
      const leaked = hiddenTestLines(join(sourceDir, moduleFile!)).filter((line) => html.includes(line));
      expect(leaked).toEqual([]);
      mkdirSync(artifactsDir, { recursive: true });
      await page.screenshot({ path: join(artifactsDir, "feedback.png"), fullPage: true });
      expect(pageErrors).toEqual([]);
    } finally {
      await browser.close();
      rmSync(work, { recursive: true, force: true });
    }
  },
  600000,
);
