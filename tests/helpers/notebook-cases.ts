/**
 * Source notebooks and their exercise fixtures, for the notebook tests (tests/notebooks/).
 *
 * - `readNotebook` / `sourceNotebooks`: the instructor notebooks in notebooks/source/.
 * - `exercisesOf`: each graded exercise's solution cell and test cell (see notebooks/AUTHORING.md).
 * - `writeDefinitions`: the self-check definitions (salted hashes) built from the notebooks'
 *   own metadata by `academy release`'s code, so the tests check the source as written.
 * - `withCase`: a solution cell with its solution region replaced by a fixture case's code.
 * - `selfCheckLine`: the "✓ 101.2: ..." line a check printed.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { replaceSolutionRegion } from "../../grader/validate/cases";
import { buildDefinitions, stringifyDefinitions } from "../../grader/release/definitions";
import { parseSourceNotebook } from "../../grader/notebook/source-notebook";
import { fixture, repoRoot } from "./repo";

export const sourceDir = join(repoRoot, "notebooks", "source");

export interface NotebookCell {
  id?: string;
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: { nbgrader?: { grade?: boolean; solution?: boolean; locked?: boolean; grade_id?: string; points?: number }; academy?: AcademyMeta };
}

export interface AcademyMeta {
  exercise: string;
  title: string;
  answer: { value: unknown; tolerance?: number; ordered?: boolean; caseSensitive?: boolean };
  misconceptions: { value: unknown; message: string }[];
  hints: string[];
  explanation?: string;
}

export interface Notebook { cells: NotebookCell[]; metadata: { academy?: { module: string; title: string; minutes: number } } }

export interface ExerciseCells {
  id: string;
  /** Index of the solution cell (the learner's answer) and of the graded test cell. */
  solutionIndex: number;
  testIndex: number;
  academy: AcademyMeta;
  points: number;
}

export interface Case { exercise: string; kind: "right" | "misconception" | "wrong"; code: string; expect: string }
export interface CaseFile { module: string; cases: Case[] }

export const sourceOf = (cell: NotebookCell): string => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);

export function readNotebook(path: string): Notebook {
  return JSON.parse(readFileSync(path, "utf8")) as Notebook;
}

/** File names of the source notebooks, like "101-data-platform.ipynb", sorted. */
export function sourceNotebooks(): string[] {
  return readdirSync(sourceDir).filter((f) => /^\d{3}-.+\.ipynb$/.test(f)).sort();
}

/** The fixture file of a module, if there is one. */
export function readCases(module: string): CaseFile | undefined {
  const dir = fixture("exercises");
  const file = readdirSync(dir).find((f) => f === `${module}.json`);
  return file ? (JSON.parse(readFileSync(join(dir, file), "utf8")) as CaseFile) : undefined;
}

/** Every graded exercise: its test cell (with metadata.academy) and the solution cell `ex-<m>-<n>-answer`. */
export function exercisesOf(notebook: Notebook): ExerciseCells[] {
  const out: ExerciseCells[] = [];
  notebook.cells.forEach((cell, testIndex) => {
    const nb = cell.metadata.nbgrader;
    if (!nb?.grade || nb.solution) return;
    const academy = cell.metadata.academy;
    if (!academy) throw new Error(`test cell ${nb.grade_id} has no metadata.academy`);
    const solutionIndex = notebook.cells.findIndex((c) => c.metadata.nbgrader?.solution && c.metadata.nbgrader.grade_id === `${nb.grade_id}-answer`);
    if (solutionIndex < 0) throw new Error(`test cell ${nb.grade_id} has no solution cell ${nb.grade_id}-answer`);
    out.push({ id: academy.exercise, solutionIndex, testIndex, academy, points: Number(nb.points ?? 0) });
  });
  return out;
}

/** Writes the <module>.json definition files of the source notebooks `paths` into `dir`, with release's own code. */
export function writeDefinitions(dir: string, paths: string[]): void {
  mkdirSync(dir, { recursive: true });
  for (const path of paths) {
    const source = parseSourceNotebook(path, readFileSync(path, "utf8"));
    writeFileSync(join(dir, `${source.module}.json`), stringifyDefinitions(buildDefinitions(source)));
  }
}

/** `source` with its (first) solution region, markers included, replaced by `code` at the marker's indentation. */
export const withCase = replaceSolutionRegion;

/** The self-check line for exercise `id` in a cell's stdout ("✓ 101.2: Correct. ..."), if any. */
export function selfCheckLine(stdout: string, id: string): string | undefined {
  return stdout.split("\n").find((line) => line.startsWith(`✓ ${id}:`) || line.startsWith(`✗ ${id}:`));
}
