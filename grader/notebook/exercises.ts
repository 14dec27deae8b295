/**
 * Which cells make an exercise (notebooks/AUTHORING.md): a graded test cell (nbgrader grade, not
 * solution) whose `metadata.academy.exercise` names it ("201.2"), and the answer cell the learner
 * writes in, whose grade_id is the test cell's plus "-answer". The one place that pairing is written.
 * Pure functions; `parseSourceNotebook` checks that a source notebook follows the rule.
 */
import { academyOf, gradeIdOf, isGradeCell } from "./cells";
import type { Notebook } from "./nbformat";

/** The grade_id of the answer cell of the test cell `testGradeId`: "ex-201-2" → "ex-201-2-answer". */
export const answerGradeIdOf = (testGradeId: string): string => `${testGradeId}-answer`;

export interface TestCell {
  index: number;
  /** Its grade_id, or "cell-<n>" (1-based) for a test cell without one. */
  gradeId: string;
}

/** The graded test cells of a notebook, in order. */
export function testCells(notebook: Notebook): TestCell[] {
  return notebook.cells.flatMap((cell, index) =>
    isGradeCell(cell) ? [{ index, gradeId: gradeIdOf(cell) ?? `cell-${index + 1}` }] : [],
  );
}

export interface NotebookExercise {
  /** The exercise id, like "201.2". */
  id: string;
  test: { index: number; gradeId: string };
  /** The answer cell; `index` is -1 when the notebook has no cell with that grade_id. */
  answer: { index: number; gradeId: string };
}

/** Every exercise of a notebook, in the order of its test cells (test cells without an exercise id or grade_id left out). */
export function exercisesOf(notebook: Notebook): NotebookExercise[] {
  return notebook.cells.flatMap((cell, index) => {
    const id = academyOf(cell)?.exercise;
    const gradeId = gradeIdOf(cell);
    if (!isGradeCell(cell) || !id || !gradeId) return [];
    const answerGradeId = answerGradeIdOf(gradeId);
    const answerIndex = notebook.cells.findIndex((c) => gradeIdOf(c) === answerGradeId);
    return [{ id, test: { index, gradeId }, answer: { index: answerIndex, gradeId: answerGradeId } }];
  });
}

/** The exercise whose answer cell has grade_id `answerGradeId`, if any. */
export function exerciseOfAnswer(notebook: Notebook, answerGradeId: string): NotebookExercise | undefined {
  return exercisesOf(notebook).find((e) => e.answer.gradeId === answerGradeId);
}
