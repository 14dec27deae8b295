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

export function restoreCells(source: Notebook, submission: Notebook): RestoredNotebook {
  const notes: string[] = [];
  const sourceKeys = new Map<string, number>();
  source.cells.forEach((cell, i) => {
    const key = keyOf(cell);
    if (key && !sourceKeys.has(key)) sourceKeys.set(key, i);
  });

  // Walk the submission: which source cell each of its cells is, and where extra cells sit.
  const learnerVersion = new Map<number, Cell>();
  const extrasAfter = new Map<number, Cell[]>(); // -1: before the first source cell
  const duplicates = new Set<string>();
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
    if (isLocked(cell) || isSolution(cell)) {
      // Grading metadata the source does not know (a changed grade_id): kept as a plain cell.
      const plain = fresh(cell);
      delete (plain.metadata as Record<string, unknown>).nbgrader;
      extrasAfter.set(anchor, [...(extrasAfter.get(anchor) ?? []), plain]);
      continue;
    }
    extrasAfter.set(anchor, [...(extrasAfter.get(anchor) ?? []), fresh(cell)]);
  }
  if (duplicates.size > 0)
    notes.push(`Cells duplicated in the submission were ignored: ${[...duplicates].sort().join(", ")}.`);

  const cells: Cell[] = [];
  const sourceIndex: (number | null)[] = [];
  const pushExtras = (after: number) => {
    for (const extra of extrasAfter.get(after) ?? []) {
      cells.push(extra);
      sourceIndex.push(null);
    }
  };
  pushExtras(-1);
  const restored: string[] = [];
  source.cells.forEach((cell, i) => {
    const mine = learnerVersion.get(i);
    if (isLocked(cell)) {
      const text = sourceText(cell.source);
      const asReleased = releaseSource(text, ""); // a test cell: hidden tests removed, no placeholder
      if (!mine || ![text, asReleased].includes(sourceText(mine.source)))
        restored.push(gradeIdOf(cell) ?? `cell ${i + 1}`);
      cells.push(fresh(cell));
    } else if (mine) {
      cells.push(fresh(cell, sourceText(mine.source)));
    } else if (isSolution(cell) && cell.cell_type === "code") {
      // The answer cell is missing from the submission: the release's placeholder stands in for it.
      cells.push(fresh(cell, releaseSource(sourceText(cell.source), exerciseIdOfAnswer(source, cell))));
    } else {
      cells.push(fresh(cell));
    }
    sourceIndex.push(i);
    pushExtras(i);
  });
  if (restored.length > 0)
    notes.push(
      `Locked or test cells that were changed or missing were restored from the course: ${restored.join(", ")}.`,
    );
  return { notebook: { ...source, cells }, sourceIndex, notes };
}

/** The exercise id ("203.1") whose answer cell is `answer`, else its grade_id (as the release stubs it). */
function exerciseIdOfAnswer(source: Notebook, answer: Cell): string {
  const gradeId = gradeIdOf(answer) ?? "";
  return exerciseOfAnswer(source, gradeId)?.id ?? gradeId;
}
