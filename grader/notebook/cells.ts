/**
 * Reading the grading metadata of cells beyond nbgrader's own (nbgrader.ts): our
 * `metadata.academy` (see notebooks/AUTHORING.md), grade ids and points. Pure functions.
 */
import type { Cell } from "./nbformat";
import { isGrade, isSolution, nbgraderOf } from "./nbgrader";

export interface AnswerSpec {
  value: unknown;
  tolerance?: number;
  ordered?: boolean;
  caseSensitive?: boolean;
}

/** A wrong answer a real mistake produces, and what to say about it. */
export interface MisconceptionSpec {
  /** A short slug, unique within the exercise ("vrm-as-key"): how results and reports name it. */
  id: string;
  value: unknown;
  message: string;
}

export interface AcademyCellMeta {
  exercise?: string;
  title?: string;
  answer?: AnswerSpec;
  misconceptions?: MisconceptionSpec[];
  hints?: string[];
  explanation?: string;
}

export function academyOf(cell: Cell): AcademyCellMeta | undefined {
  const meta = (cell.metadata as { academy?: unknown }).academy;
  return meta && typeof meta === "object" ? (meta as AcademyCellMeta) : undefined;
}

/** A graded test cell (nbgrader's "autograder tests" cell). */
export const isGradeCell = (cell: Cell): boolean => isGrade(cell) && !isSolution(cell);

export function gradeIdOf(cell: Cell): string | undefined {
  const id = nbgraderOf(cell)?.grade_id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

export function pointsOf(cell: Cell): number {
  const points = Number(nbgraderOf(cell)?.points ?? 0);
  return Number.isFinite(points) && points > 0 ? points : 0;
}
