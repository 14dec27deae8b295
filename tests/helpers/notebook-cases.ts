/**
 * Source notebooks and their exercise fixtures, for the notebook tests (tests/notebooks/).
 *
 * - `readNotebook` / `sourceNotebooks`: the instructor notebooks in notebooks/source/.
 * - `exercisesOf`: each graded exercise's solution cell and test cell (see notebooks/AUTHORING.md).
 * - `writeDefinitions`: the self-check definitions (salted hashes) built from the notebooks'
 *   own metadata by `academy release`'s code, so the tests check the source as written.
 * - `replaceSolutionRegion` (grader/validate/cases.ts): a solution cell's source with its solution
 *   region replaced by a fixture case's code.
 * - `selfCheckLine`: the "✓ 101.2: ..." line a check printed.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pointsOf } from "../../grader/notebook/cells";
import { exercisesOf as notebookExercises } from "../../grader/notebook/exercises";
import { sourceText, type Cell, type Notebook } from "../../grader/notebook/nbformat";
import { buildDefinitions, stringifyDefinitions } from "../../grader/release/definitions";
import { parseSourceNotebook, type AcademyExercise } from "../../grader/notebook/source-notebook";
import type { ExerciseCase } from "../../grader/validate/cases";
import { fixture, repoRoot } from "./repo";

export type { Notebook };

export const sourceDir = join(repoRoot, "notebooks", "source");

/** A test cell's metadata.academy, with the lists the author may leave out filled in. */
export type AcademyMeta = AcademyExercise & Required<Pick<AcademyExercise, "misconceptions" | "hints">>;

export interface ExerciseCells {
  id: string;
  /** Index of the solution cell (the learner's answer) and of the graded test cell. */
  solutionIndex: number;
  testIndex: number;
  academy: AcademyMeta;
  points: number;
}

export type Case = ExerciseCase;
export interface CaseFile {
  module: string;
  cases: Case[];
}

export const sourceOf = (cell: Cell): string => sourceText(cell.source);

export function readNotebook(path: string): Notebook {
  return JSON.parse(readFileSync(path, "utf8")) as Notebook;
}

/** File names of the source notebooks, like "101-data-platform.ipynb", sorted. */
export function sourceNotebooks(): string[] {
  return readdirSync(sourceDir)
    .filter((f) => /^\d{3}-.+\.ipynb$/.test(f))
    .sort();
}

/** The fixture file of a module, if there is one. */
export function readCases(module: string): CaseFile | undefined {
  const dir = fixture("exercises");
  const file = readdirSync(dir).find((f) => f === `${module}.json`);
  return file ? (JSON.parse(readFileSync(join(dir, file), "utf8")) as CaseFile) : undefined;
}

/** Every graded exercise (grader/notebook/exercises.ts): its test cell, with metadata.academy, and its solution cell. */
export function exercisesOf(notebook: Notebook): ExerciseCells[] {
  return notebookExercises(notebook).map((e) => {
    const test = notebook.cells[e.test.index];
    const academy = test.metadata.academy as AcademyExercise; // it names the exercise, so it is there
    if (e.answer.index < 0)
      throw new Error(`test cell ${e.test.gradeId} has no solution cell ${e.answer.gradeId}`);
    const full: AcademyMeta = {
      ...academy,
      misconceptions: academy.misconceptions ?? [],
      hints: academy.hints ?? [],
    };
    return {
      id: e.id,
      solutionIndex: e.answer.index,
      testIndex: e.test.index,
      academy: full,
      points: pointsOf(test),
    };
  });
}

/** Writes the <module>.json definition files of the source notebooks `paths` into `dir`, with release's own code. */
export function writeDefinitions(dir: string, paths: string[]): void {
  mkdirSync(dir, { recursive: true });
  for (const path of paths) {
    const source = parseSourceNotebook(path, readFileSync(path, "utf8"));
    writeFileSync(join(dir, `${source.module}.json`), stringifyDefinitions(buildDefinitions(source)));
  }
}

export { replaceSolutionRegion } from "../../grader/validate/cases";

/** The self-check line for exercise `id` in a cell's stdout ("✓ 101.2: Correct. ..."), if any. */
export function selfCheckLine(stdout: string, id: string): string | undefined {
  return stdout.split("\n").find((line) => line.startsWith(`✓ ${id}:`) || line.startsWith(`✗ ${id}:`));
}
