/**
 * Progress for people working through the course on their own: every self-check remembers its
 * latest verdict on this machine (my-lake/progress.json, next to your user zone; git-ignored), and
 * progress() shows where you are: each module's exercises (✓, not yet, not answered) and the next
 * modules on your path. Nothing leaves the machine; delete the file to start afresh.
 *
 *   progress();                                  // the analyst path
 *   progress({ persona: "product manager" });
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { courseMap, nextModules, type CourseModule } from "../course/map";
import { displayBundle, escapeHtml } from "../display";
import { userDir } from "../lake/where";
import { definitionFiles } from "./definitions";
import type { Verdict } from "./exercise";

/** The latest check of one exercise. */
export interface CheckRecord {
  verdict: Verdict;
  /** The id of the misconception the answer matched, if it did. */
  misconception?: string;
  /** When it was checked (ISO 8601). */
  at: string;
}

interface ProgressFile {
  version: 1;
  checks: Record<string, CheckRecord>;
}

/**
 * Where progress is kept: DATA_ACADEMY_PROGRESS if set; inside the user zone folder when
 * DATA_ACADEMY_USER_DIR moves it (so each such folder, a grading kernel's say, keeps its own);
 * else my-lake/progress.json.
 */
export function progressFile(): string {
  if (process.env.DATA_ACADEMY_PROGRESS) return resolve(process.env.DATA_ACADEMY_PROGRESS);
  if (process.env.DATA_ACADEMY_USER_DIR) return join(userDir(), ".progress.json");
  return join(dirname(userDir()), "progress.json");
}

function readProgress(): ProgressFile {
  try {
    const parsed = JSON.parse(readFileSync(progressFile(), "utf8")) as ProgressFile;
    return parsed.version === 1 && typeof parsed.checks === "object" ? parsed : { version: 1, checks: {} };
  } catch {
    return { version: 1, checks: {} }; // none yet, or unreadable: start afresh
  }
}

/**
 * Remembers the verdict of a check. Never throws: progress is a convenience, and a notebook on
 * a read-only disk (a grading sandbox) goes on without it.
 */
export function recordCheck(exercise: string, verdict: Verdict, misconception?: string): void {
  try {
    const progress = readProgress();
    progress.checks[exercise] = {
      verdict,
      ...(misconception ? { misconception } : {}),
      at: new Date().toISOString(),
    };
    const file = progressFile();
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(progress, null, 1) + "\n");
    renameSync(temporary, file);
  } catch {
    // see above
  }
}

/** One module's exercises and where each stands. */
export interface ModuleProgress {
  module: string;
  title: string;
  exercises: { id: string; title: string; state: "correct" | "not yet" | "not answered" }[];
  /** Every exercise correct. */
  done: boolean;
}

export interface Progress {
  persona: string;
  modules: ModuleProgress[];
  /** The next modules on the persona's path that are not done. */
  next: CourseModule[];
}

const stateOf = (record: CheckRecord | undefined): ModuleProgress["exercises"][number]["state"] =>
  !record || record.verdict === "not answered"
    ? "not answered"
    : record.verdict === "correct"
      ? "correct"
      : "not yet";

/** Where you stand, as data (progress() shows it). */
export function progressOf(options: { persona?: string } = {}): Progress {
  const persona = options.persona ?? "analyst";
  const { checks } = readProgress();
  const map = courseMap();
  const titles = new Map(map.modules.map((m) => [m.id, m.title]));
  const modules = definitionFiles().map((file): ModuleProgress => {
    const exercises = file.exercises.map((e) => ({ id: e.id, title: e.title, state: stateOf(checks[e.id]) }));
    return {
      module: file.module,
      title: titles.get(file.module) ?? "",
      exercises,
      done: exercises.length > 0 && exercises.every((e) => e.state === "correct"),
    };
  });
  const done = modules.filter((m) => m.done).map((m) => m.module);
  return { persona, modules, next: nextModules(map, { persona, done }) };
}

const MARK = { correct: "✓", "not yet": "✗", "not answered": "·" } as const;

/** The progress as text, one line per module: what `academy progress` prints. */
export function progressText(p: Progress): string {
  const started = p.modules.filter((m) => m.exercises.some((e) => e.state !== "not answered"));
  const lines = p.modules.map((m) => {
    const right = m.exercises.filter((e) => e.state === "correct").length;
    const marks = m.exercises.map((e) => `${MARK[e.state]} ${e.id}`).join("  ");
    return `${m.module} ${m.title.padEnd(48).slice(0, 48)} ${String(right).padStart(2)}/${m.exercises.length}  ${marks}`;
  });
  const next = p.next.length
    ? `Next on the ${p.persona} path: ${p.next.map((m) => `${m.id} · ${m.title}`).join(", then ")}.`
    : `Every module on the ${p.persona} path is done.`;
  return [
    `Your self-checks so far (✓ right, ✗ not yet, · not answered); ${started.length} of ${p.modules.length} modules started.`,
    ...lines,
    next,
    `Kept on this machine only: ${progressFile()}`,
  ].join("\n");
}

function progressHtml(p: Progress): string {
  const cell = (e: ModuleProgress["exercises"][number]) =>
    `<span title="${escapeHtml(`${e.id} ${e.title}: ${e.state}`)}" style="margin-right:.6em">${MARK[e.state]} ${escapeHtml(e.id)}</span>`;
  const rows = p.modules.map(
    (m) =>
      `<tr><td style="text-align:left">${escapeHtml(m.module)}</td><td style="text-align:left">${escapeHtml(m.title)}</td>` +
      `<td style="text-align:left">${m.exercises.map(cell).join("")}</td></tr>`,
  );
  const next = p.next.length
    ? `Next on the ${escapeHtml(p.persona)} path: ${p.next.map((m) => `<b>${escapeHtml(m.id)}</b> ${escapeHtml(m.title)}`).join(", then ")}.`
    : `Every module on the ${escapeHtml(p.persona)} path is done.`;
  return [
    "<p>Your self-checks so far (✓ right, ✗ not yet, · not answered):</p>",
    `<table><tr><th>module</th><th></th><th style="text-align:left">exercises</th></tr>${rows.join("")}</table>`,
    `<p>${next}</p><p style="color:#666">Kept on this machine only: ${escapeHtml(progressFile())}</p>`,
  ].join("");
}

/**
 * Shows your progress through the course and the next modules on your path.
 * @example progress({ persona: "developer" });
 */
export function progress(options: { persona?: string } = {}): void {
  const p = progressOf(options);
  displayBundle({ "text/html": progressHtml(p), "text/plain": progressText(p) });
}

/** True when a progress file exists (for tests and the CLI's message). */
export const hasProgress = (): boolean => existsSync(progressFile());
