/**
 * What the report needs from a source notebook, and nothing more: per exercise its id, title,
 * the section that teaches it and its misconceptions' ids and messages. Answer and misconception
 * values, solutions and hidden tests are never read out of the notebook, so they cannot reach
 * the report.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { academyOf, gradeIdOf, isGradeCell } from "../../notebook/cells";
import { sourceText, type Cell, type Notebook } from "../../notebook/nbformat";

/** One exercise of a source notebook, keyed in NotebookInfo by its test cell's grade_id. */
export interface ExerciseInfo {
  exercise: string | null;
  title: string | null;
  /** The nearest "## " heading above the exercise's "### Exercise" cell, without the "## ". */
  section: string | null;
  /** Misconception id → message (misconceptions without an id are left out: results call them "unnamed"). */
  misconceptions: Map<string, string>;
}

export interface NotebookInfo {
  /** The notebook's sha256 now: compared with the one a result was graded against. */
  sha256: string;
  /** metadata.academy.title. */
  title: string | null;
  exercises: Map<string, ExerciseInfo>;
}

/** "## 1 · Grain" → "1 · Grain"; undefined for any other line. */
const sectionHeading = (line: string): string | undefined => /^##\s+(.+?)\s*$/.exec(line)?.[1];

/**
 * The section above each "### Exercise <id>" heading: exercise id → section. A heading in the same
 * cell above the exercise's counts, as does any earlier cell's.
 */
function sectionsByExercise(cells: Cell[]): Map<string, string | null> {
  const sections = new Map<string, string | null>();
  let current: string | null = null;
  for (const cell of cells) {
    if (cell.cell_type !== "markdown") continue;
    for (const line of sourceText(cell.source).split("\n")) {
      current = sectionHeading(line) ?? current;
      const exercise = /^###\s+Exercise\s+([\w.-]*\w)/.exec(line)?.[1];
      if (exercise && !sections.has(exercise)) sections.set(exercise, current);
    }
  }
  return sections;
}

/** The exercises of a notebook (its graded test cells), by grade_id. */
export function notebookInfo(notebook: Notebook, sha256: string): NotebookInfo {
  const sections = sectionsByExercise(notebook.cells);
  const exercises = new Map<string, ExerciseInfo>();
  for (const cell of notebook.cells) {
    const gradeId = gradeIdOf(cell);
    if (!gradeId || !isGradeCell(cell)) continue;
    const academy = academyOf(cell) ?? {};
    const misconceptions = new Map<string, string>();
    for (const m of academy.misconceptions ?? [])
      if (typeof m.id === "string" && m.id !== "") misconceptions.set(m.id, m.message);
    const exercise = academy.exercise ?? null;
    exercises.set(gradeId, {
      exercise,
      title: academy.title ?? null,
      section: exercise === null ? null : (sections.get(exercise) ?? null),
      misconceptions,
    });
  }
  const title = (notebook.metadata?.academy as { title?: unknown } | undefined)?.title;
  return { sha256, title: typeof title === "string" ? title : null, exercises };
}

/** The source notebook at `path`, or why it could not be read. */
export function readNotebookInfo(path: string): NotebookInfo | { problem: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    return { problem: `not readable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
  try {
    const notebook = JSON.parse(bytes.toString("utf8")) as Notebook;
    if (!Array.isArray(notebook.cells)) return { problem: "not a notebook (no cells)" };
    return notebookInfo(notebook, createHash("sha256").update(bytes).digest("hex"));
  } catch (err) {
    return { problem: `not valid JSON (${(err as Error).message})` };
  }
}
