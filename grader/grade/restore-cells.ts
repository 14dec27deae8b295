/**
 * Rebuilds the notebook to execute from the source notebook and a submission, as nbgrader's
 * OverwriteCells does, but also bringing back cells a learner deleted:
 *
 * - the result follows the source's cell order (reordering changes nothing);
 * - protected cells (test cells and locked cells) always come from the source, by grade_id;
 *   edits, deletions, duplicates and metadata changes are undone;
 * - other source cells take the learner's version when present (matched by grade_id, else by
 *   cell id), with the source's metadata; a deleted solution cell comes back as the release stub;
 * - the learner's extra cells are kept, after the source cell they followed.
 */
import { gradeIdOf } from "../notebook/cells";
import { exerciseOfAnswer } from "../notebook/exercises";
import { isLocked, isSolution } from "../notebook/nbgrader";
import { sourceText, type Cell, type Notebook } from "../notebook/nbformat";
import { releaseSource } from "../notebook/markers";

export interface RestoredNotebook {
  notebook: Notebook;
  /** For each cell of `notebook`, the index of the source cell it stands for, or null for a learner's extra cell. */
  sourceIndex: (number | null)[];
  /** Things the learner should know (restored cells, duplicates), without revealing test code. */
  notes: string[];
}

function keyOf(cell: Cell): string | undefined {
  const gradeId = gradeIdOf(cell);
  if (gradeId) return `grade:${gradeId}`;
  return cell.id ? `id:${cell.id}` : undefined;
}

function fresh(cell: Cell, source?: string): Cell {
  const copy = JSON.parse(JSON.stringify(cell)) as Cell;
  if (source !== undefined) copy.source = source;
  if (copy.cell_type === "code") {
    copy.outputs = [];
    copy.execution_count = null;
  }
  return copy;
}

/** Where the submission's cells go: the learner's version of each source cell, and the extra cells. */
interface SubmissionWalk {
  learnerVersion: Map<number, Cell>;
  /** Extra cells by the index of the source cell they follow; -1: before the first source cell. */
  extrasAfter: Map<number, Cell[]>;
  duplicates: Set<string>;
}

export function restoreCells(source: Notebook, submission: Notebook): RestoredNotebook {
  const notes: string[] = [];
  const walk = walkSubmission(source, submission);
  if (walk.duplicates.size > 0)
    notes.push(`Cells duplicated in the submission were ignored: ${[...walk.duplicates].sort().join(", ")}.`);

  const cells: Cell[] = [];
  const sourceIndex: (number | null)[] = [];
  const pushExtras = (after: number) => {
    for (const extra of walk.extrasAfter.get(after) ?? []) {
      cells.push(extra);
      sourceIndex.push(null);
    }
  };
  pushExtras(-1);
  const restored: string[] = [];
  source.cells.forEach((cell, i) => {
    const mine = walk.learnerVersion.get(i);
    if (isLocked(cell) && !unchanged(cell, mine)) restored.push(gradeIdOf(cell) ?? `cell ${i + 1}`);
    cells.push(restoredCell(source, cell, mine));
    sourceIndex.push(i);
    pushExtras(i);
  });
  if (restored.length > 0)
    notes.push(
      `Locked or test cells that were changed or missing were restored from the course: ${restored.join(", ")}.`,
    );
  return { notebook: { ...source, cells }, sourceIndex, notes };
}

/** Walks the submission: which source cell each of its cells is, and where extra cells sit. */
function walkSubmission(source: Notebook, submission: Notebook): SubmissionWalk {
  const sourceKeys = new Map<string, number>();
  source.cells.forEach((cell, i) => {
    const key = keyOf(cell);
    if (key && !sourceKeys.has(key)) sourceKeys.set(key, i);
  });
  const walk: SubmissionWalk = { learnerVersion: new Map(), extrasAfter: new Map(), duplicates: new Set() };
  const { learnerVersion, extrasAfter, duplicates } = walk;
  let anchor = -1;
  for (const cell of submission.cells) {
    const key = keyOf(cell);
    const index = key === undefined ? undefined : sourceKeys.get(key);
    if (index !== undefined && source.cells[index].cell_type === cell.cell_type) {
      if (learnerVersion.has(index)) {
        duplicates.add(gradeIdOf(cell) ?? key!);
        continue; // a second copy of a known cell is dropped
      }
      learnerVersion.set(index, cell);
      anchor = index;
      continue;
    }
    extrasAfter.set(anchor, [...(extrasAfter.get(anchor) ?? []), extraCell(cell)]);
  }
  return walk;
}

/** A learner's extra cell, fresh. */
function extraCell(cell: Cell): Cell {
  const plain = fresh(cell);
  // Grading metadata the source does not know (a changed grade_id): kept as a plain cell.
  if (isLocked(cell) || isSolution(cell)) delete (plain.metadata as Record<string, unknown>).nbgrader;
  return plain;
}

/** A locked cell the learner left as the source has it, or as the release has it. */
function unchanged(cell: Cell, mine: Cell | undefined): boolean {
  const text = sourceText(cell.source);
  const asReleased = releaseSource(text, ""); // a test cell: hidden tests removed, no placeholder
  return !!mine && [text, asReleased].includes(sourceText(mine.source));
}

/** The cell to execute for source cell `cell`, given the learner's version of it (if any). */
function restoredCell(source: Notebook, cell: Cell, mine: Cell | undefined): Cell {
  if (isLocked(cell)) return fresh(cell);
  if (mine) return fresh(cell, sourceText(mine.source));
  if (isSolution(cell) && cell.cell_type === "code") {
    // The answer cell is missing from the submission: the release's placeholder stands in for it.
    return fresh(cell, releaseSource(sourceText(cell.source), exerciseIdOfAnswer(source, cell)));
  }
  return fresh(cell);
}

/** The exercise id ("203.1") whose answer cell is `answer`, else its grade_id (as the release stubs it). */
function exerciseIdOfAnswer(source: Notebook, answer: Cell): string {
  const gradeId = gradeIdOf(answer) ?? "";
  return exerciseOfAnswer(source, gradeId)?.id ?? gradeId;
}
