/**
 * JupyterLab in a real browser, for tests: JupyterLab from the project's .venv (started the way
 * `make lab` starts it, through scripts/lab.sh) and Debian's chromium driven by playwright-core.
 * No browser is downloaded: chromium comes from the system (`.ci/run` installs it when missing).
 *
 * The notebooks under test are copied into a work folder inside the repository (so that the
 * kernel finds `data-academy` and the lake as a learner's would), which JupyterLab serves as its
 * root: running cells in the browser never writes outputs into committed notebooks.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { startJupyter, type RunningServer } from "./jupyter-server";
import { repoRoot } from "./repo";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The flags that work on these machines (closed network, root, no GPU). */
export const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Where screenshots and other browser-test output go (ignored by git). */
export const artifactsDir = join(repoRoot, "test-artifacts", "browser");

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts chromium with a fresh, empty profile (--user-data-dir), removed again on close. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(`no chromium at ${chromiumPath}: apt-get install chromium (.ci/run does it)`);
  const profile = mkdtempSync(join(tmpdir(), "academy-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface Lab {
  server: RunningServer;
  /** The folder JupyterLab serves, holding copies of the notebooks under test. */
  workDir: string;
  /** The URL that opens `name` (a notebook copied into workDir) in JupyterLab, token included. */
  notebookUrl(name: string): string;
  stop(): Promise<number[]>;
}

/**
 * Settings a fresh JupyterLab profile gets: every cell kept in the page (no windowing), so that a
 * test sees all outputs at once. No news or update pop-ups is not set here: `make install` puts
 * that in .venv's overrides.json, as every learner gets it, and the browser suite checks it.
 */
const labSettings: Record<string, Record<string, unknown>> = {
  "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": { windowingMode: "none" },
};

export interface StartLabOptions {
  /** Notebook files to copy into the served folder. */
  notebooks: string[];
  /** Environment for the server and its kernels (e.g. DATA_ACADEMY_EXERCISES). */
  env?: Record<string, string>;
}

export async function startLab({ notebooks, env = {} }: StartLabOptions): Promise<Lab> {
  mkdirSync(artifactsDir, { recursive: true });
  const workDir = mkdtempSync(join(artifactsDir, "work-"));
  for (const file of notebooks) copyFileSync(file, join(workDir, basename(file)));
  const profile = mkdtempSync(join(tmpdir(), "academy-lab-profile-"));
  const settingsDir = join(profile, "settings");
  for (const [file, value] of Object.entries(labSettings)) {
    const path = join(settingsDir, file);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, JSON.stringify(value));
  }
  const server = await startJupyter({
    app: "lab",
    rootDir: workDir,
    env: {
      ...env,
      JUPYTERLAB_SETTINGS_DIR: settingsDir,
      JUPYTERLAB_WORKSPACES_DIR: join(profile, "workspaces"),
    },
    timeoutMs: 90000,
  });
  return {
    server,
    workDir,
    notebookUrl: (name) => `${server.url}/lab/tree/${encodeURIComponent(name)}?token=${server.token}&reset`,
    async stop() {
      const survivors = await server.stop();
      rmSync(profile, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
      return survivors;
    },
  };
}

/** The notebook panel that is showing, and its parts. */
export function notebookPanel(page: Page): Locator {
  return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)");
}

export type { Page, Locator };

const executionIndicator = '[data-jp-item-name="executionProgress"] .jp-Notebook-ExecutionIndicator';

/** Opens a notebook (by URL) and waits until its kernel is started and idle. */
export async function openNotebook(page: Page, url: string, timeoutMs = 60000): Promise<Locator> {
  await page.goto(url);
  const panel = notebookPanel(page);
  await panel.locator(".jp-Cell").first().waitFor({ timeout: timeoutMs });
  await panel.locator(`${executionIndicator}[data-status="idle"]`).waitFor({ timeout: timeoutMs });
  await page
    .locator(".jp-StatusBar-TextItem", { hasText: /\| Idle$/ })
    .first()
    .waitFor({ timeout: timeoutMs });
  return panel;
}

/** The kernel's display name in the notebook's toolbar (what the learner sees, e.g. "TypeScript"). */
export async function shownKernelName(panel: Locator): Promise<string> {
  return (await panel.locator(".jp-Toolbar-kernelName .jp-ToolbarButtonComponent-label").innerText()).trim();
}

export interface CellResult {
  index: number;
  type: "code" | "markdown" | "raw";
  /** The prompt after running, e.g. "[3]:". */
  prompt: string;
  /** The MIME type of each output area, in order (application/vnd.jupyter.stderr for stderr, "vega" for a chart). */
  outputTypes: string[];
  /** Visible text of the outputs. */
  text: string;
  /** Text of the stderr outputs (tslab reports type and runtime errors there). */
  stderr: string;
  /** Milliseconds from Shift+Enter until the cell was done. */
  elapsedMs: number;
}

/** The cells of a notebook panel, in order. */
export function cellsOf(panel: Locator): Locator {
  return panel.locator(".jp-Notebook .jp-Cell");
}

/**
 * Runs cell `index` with Shift+Enter, as a learner does, waits until it is done and returns what
 * it shows. After an error it waits a moment: tslab aborts requests that arrive right after one.
 */
export async function runCell(
  page: Page,
  panel: Locator,
  index: number,
  cellTimeoutMs = 60000,
): Promise<CellResult> {
  const cell = cellsOf(panel).nth(index);
  const type = await cellTypeOf(cell);
  const prompt = cell.locator(".jp-InputPrompt");
  const started = Date.now();
  // Markdown is rendered when the notebook opens; running it would change nothing.
  if (type === "code") {
    await prompt.click();
    await page.keyboard.press("Escape");
    const before = ((await prompt.textContent()) ?? "").trim();
    await page.keyboard.press("Shift+Enter");
    const handle = await prompt.elementHandle();
    // Wait until the cell is queued or has a new execution count, then until it is no longer running.
    await page
      .waitForFunction(
        ([el, old]) =>
          el !== null && (/\[\*\]/.test(el.textContent ?? "") || (el.textContent ?? "").trim() !== old),
        [handle, before] as const,
        { timeout: 5000 },
      )
      .catch(() => undefined);
    await page.waitForFunction((el) => el !== null && !/\[\*\]/.test(el.textContent ?? ""), handle, {
      timeout: cellTimeoutMs,
    });
    await panel.locator(`${executionIndicator}[data-status="idle"]`).waitFor({ timeout: cellTimeoutMs });
    const after = ((await prompt.textContent()) ?? "").trim();
    if (!/^\[\d+\]:$/.test(after) || after === before)
      throw new Error(`cell ${index} did not run (prompt ${before} -> ${after})`);
  }
  const result: CellResult = { ...(await readCell(panel, index)), elapsedMs: Date.now() - started };
  if (result.stderr) await page.waitForTimeout(400);
  return result;
}

/** A cell's type, read from JupyterLab's class names. */
async function cellTypeOf(cell: Locator): Promise<CellResult["type"]> {
  const classes = (await cell.getAttribute("class")) ?? "";
  if (classes.includes("jp-CodeCell")) return "code";
  return classes.includes("jp-MarkdownCell") ? "markdown" : "raw";
}

/** What cell `index` shows now (its prompt, outputs and stderr), read in one round trip. */
export async function readCell(panel: Locator, index: number): Promise<CellResult> {
  const cell = cellsOf(panel).nth(index);
  const type = await cellTypeOf(cell);
  // JupyterLab's vega renderer sets no data-mime-type; it is named after its class instead.
  const shown = await cell.evaluate((el) => {
    type Output = {
      innerText: string;
      className: string;
      getAttribute(name: string): string | null;
      classList: { contains(name: string): boolean };
    };
    const outputs = [...el.querySelectorAll(".jp-OutputArea-output")] as unknown as Output[];
    return {
      prompt: (el.querySelector(".jp-InputPrompt")?.textContent ?? "").trim(),
      outputTypes: outputs.map(
        (o) =>
          o.getAttribute("data-mime-type") ??
          (o.classList.contains("jp-RenderedVegaCommon5") ? "vega" : o.className),
      ),
      text: outputs.map((o) => o.innerText).join("\n"),
      stderr: outputs
        .filter((o) => o.getAttribute("data-mime-type") === "application/vnd.jupyter.stderr")
        .map((o) => o.innerText)
        .join("\n"),
    };
  });
  return { index, type, ...shown, elapsedMs: 0 };
}

/**
 * Runs the whole notebook with JupyterLab's own Run menu → "Run All Cells", as a learner does, and
 * waits until nothing is queued or running any more (Run All stops at the first error, leaving the
 * cells after it unrun). With `restart`, Kernel → "Restart Kernel and Run All Cells…" instead.
 * Returns what every cell shows.
 */
export async function runAllCells(
  page: Page,
  panel: Locator,
  { restart = false, timeoutMs = 600000 } = {},
): Promise<CellResult[]> {
  const started = Date.now();
  if (restart) {
    // Kernel → "Restart Kernel and Run All Cells…", then accept the dialog: a fresh kernel.
    await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Kernel$/ }).click();
    await page.locator(".lm-Menu-itemLabel", { hasText: /^Restart Kernel and Run All Cells/ }).click();
    await page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept").click();
  } else {
    await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
    await page.locator(".lm-Menu-itemLabel", { hasText: /^Run All Cells$/ }).click();
  }
  // Run All queues every code cell at once ([*]). After a restart that happens only once the new
  // kernel is up, which on a loaded machine can take longer than any fixed pause: wait for it.
  await panel
    .locator(".jp-InputPrompt", { hasText: "[*]" })
    .first()
    .waitFor({ timeout: Math.min(timeoutMs, 180000) })
    .catch(() => {
      throw new Error(`Run All Cells${restart ? " after the restart" : ""} never queued a cell`);
    });
  // Done when no prompt says [*] and the kernel has been idle for a second.
  for (let idleSince = 0; ;) {
    if (Date.now() - started > timeoutMs) throw new Error(`Run All Cells did not finish in ${timeoutMs} ms`);
    const queued = await panel.locator(".jp-InputPrompt", { hasText: "[*]" }).count();
    const idle = (await panel.locator(`${executionIndicator}[data-status="idle"]`).count()) > 0;
    if (queued === 0 && idle) {
      if (idleSince && Date.now() - idleSince > 1000) break;
      idleSince ||= Date.now();
    } else idleSince = 0;
    await page.waitForTimeout(250);
  }
  const count = await cellsOf(panel).count();
  const cells: CellResult[] = [];
  for (let i = 0; i < count; i++) cells.push(await readCell(panel, i));
  const elapsedMs = Date.now() - started;
  return cells.map((c) => ({ ...c, elapsedMs }));
}

/** Replaces the text of cell `index` (as if typed or pasted by the learner). */
export async function setCellSource(page: Page, panel: Locator, index: number, text: string): Promise<void> {
  const editor = cellsOf(panel).nth(index).locator(".jp-InputArea-editor .cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text); // no auto-indent or bracket closing, as with a paste
  await page.keyboard.press("ControlOrMeta+Home"); // back to the start, so the screenshot shows it
  await page.keyboard.press("Escape");
}

/** Types `code` into a new code cell below the last one, leaving the cursor at its end (edit mode). */
async function typeInNewCell(page: Page, panel: Locator, code: string): Promise<void> {
  await panel.locator(".jp-Cell").last().locator(".jp-InputPrompt").click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("b"); // a new code cell below, in command mode
  await page.keyboard.press("Enter"); // edit mode
  await page.keyboard.type(code);
}

/**
 * Types `code` into a new cell at the end of the notebook, presses Tab, and returns what the
 * completer offers (empty when no completer showed up).
 */
export async function completionsAfter(
  page: Page,
  panel: Locator,
  code: string,
  options: { screenshotPath?: string; timeoutMs?: number } = {},
): Promise<string[]> {
  const { screenshotPath, timeoutMs = 15000 } = options;
  await typeInNewCell(page, panel, code);
  await page.keyboard.press("Tab");
  const items = page.locator(".jp-Completer:not(.lm-mod-hidden) .jp-Completer-item .jp-Completer-match");
  try {
    await items.first().waitFor({ timeout: timeoutMs });
  } catch {
    return [];
  }
  const found = (await items.allInnerTexts()).map((t) => t.trim());
  if (screenshotPath) await page.screenshot({ path: screenshotPath });
  await page.keyboard.press("Escape");
  return found;
}

/**
 * Types `code` into a new cell at the end and presses Shift+Tab (JupyterLab's tooltip, the kernel's
 * inspect_reply for the name before the cursor); returns the tooltip's text, or "" if none showed.
 */
export async function tooltipAfter(
  page: Page,
  panel: Locator,
  code: string,
  options: { screenshotPath?: string; timeoutMs?: number } = {},
): Promise<string> {
  const { screenshotPath, timeoutMs = 15000 } = options;
  await typeInNewCell(page, panel, code);
  await page.keyboard.press("Shift+Tab");
  const tooltip = page.locator(".jp-Tooltip");
  try {
    await tooltip.first().waitFor({ timeout: timeoutMs });
  } catch {
    return "";
  }
  const text = (await tooltip.first().innerText()).trim();
  if (screenshotPath) await page.screenshot({ path: screenshotPath });
  await page.keyboard.press("Escape");
  return text;
}

/** Stops every kernel the server runs (a notebook page closing does not). */
export async function shutDownKernels(lab: Lab): Promise<void> {
  const headers = { Authorization: `token ${lab.server.token}` };
  const sessions = (await (await fetch(`${lab.server.url}/api/sessions`, { headers })).json()) as {
    id: string;
  }[];
  for (const s of sessions)
    await fetch(`${lab.server.url}/api/sessions/${s.id}`, { method: "DELETE", headers });
}

/**
 * Saves a picture of the whole notebook: the page is made as tall as the notebook's content
 * (up to `maxHeight`), since JupyterLab scrolls inside the notebook, not the page.
 */
export async function screenshotNotebook(
  page: Page,
  panel: Locator,
  path: string,
  maxHeight = 12000,
): Promise<void> {
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  const scroller = panel.locator(".jp-WindowedPanel-outer").first();
  const content = await scroller.evaluate((el) => el.scrollHeight - el.clientHeight);
  await page.setViewportSize({
    width: original.width,
    height: Math.min(maxHeight, original.height + Math.max(0, content)),
  });
  await page.waitForTimeout(500); // let JupyterLab lay the panel out again
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  await page.waitForTimeout(200);
  await page.screenshot({ path });
  await page.setViewportSize(original);
}
