/**
 * Reading a source notebook (notebooks/source/<id>-<slug>.ipynb) and checking it follows
 * notebooks/AUTHORING.md. Every problem is a ReleaseError naming the notebook and the cell.
 */
import { basename } from "node:path";
import { findRegions, MarkerError, placeholderLines } from "./markers";
import { sourceText, validateNotebook, type Cell, type Notebook } from "./nbformat";
import { nbgraderOf, isGrade, isSolution, type NbgraderMetadata } from "./nbgrader";
import type { AnswerOptions } from "data-academy";

/** A problem in a source notebook, with where it is. */
export class ReleaseError extends Error {
  constructor(readonly notebook: string, readonly where: string | undefined, readonly problem: string) {
    super(`${notebook}${where ? `, ${where}` : ""}: ${problem}`);
    this.name = "ReleaseError";
  }
}

/** metadata.academy of a test cell, as written by the author (plaintext answers). */
export interface AcademyExercise {
  exercise: string;
  title: string;
  answer: AnswerOptions & { value: unknown };
  misconceptions?: { value: unknown; message: string }[];
  hints?: string[];
  explanation?: string;
}

/** One graded exercise: its test cell and the solution cell it checks. */
export interface SourceExercise {
  academy: AcademyExercise;
  test: { index: number; cell: Cell; nbgrader: NbgraderMetadata };
  solution: { index: number; cell: Cell; nbgrader: NbgraderMetadata };
}

export interface SourceNotebook {
  /** File name, like "201-keys-and-grain.ipynb". */
  file: string;
  module: string;
  notebook: Notebook;
  exercises: SourceExercise[];
}

/** "cell 7 (grade_id ex-201-2)": how errors point at a cell (1-based, as a person counts). */
export function cellLabel(index: number, cell: Cell): string {
  const gradeId = nbgraderOf(cell)?.grade_id;
  return `cell ${index + 1}${gradeId ? ` (grade_id ${gradeId})` : cell.id ? ` (id ${cell.id})` : ""}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** Parses and checks one source notebook; `text` is the file's content. */
export function parseSourceNotebook(path: string, text: string): SourceNotebook {
  const file = basename(path);
  const fail = (problem: string, where?: string): never => {
    throw new ReleaseError(file, where, problem);
  };
  if (text.trim() === "") fail("the file is empty");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    fail(`not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.cells)) return fail("not a notebook: no cells list");
  if (parsed.nbformat !== 4) fail(`nbformat ${String(parsed.nbformat)}: source notebooks must be nbformat 4`);
  const schema = validateNotebook(parsed);
  if (!schema.valid) fail(`does not match the nbformat 4 schema: ${schema.errors.slice(0, 3).join("; ")}`);
  const notebook = parsed as unknown as Notebook;
  const academy = isRecord(notebook.metadata) ? notebook.metadata.academy : undefined;
  const module = isRecord(academy) ? academy.module : undefined;
  if (typeof module !== "string" || !/^\d+$/.test(module)) fail('metadata.academy.module is missing or not a module id like "201"');
  const moduleId = module as string;
  if (!file.startsWith(`${moduleId}-`)) fail(`the file name must start with the module id "${moduleId}-" (metadata.academy.module)`);

  const byGradeId = new Map<string, { index: number; cell: Cell; nbgrader: NbgraderMetadata }>();
  notebook.cells.forEach((cell, index) => {
    if (!isRecord(cell) || typeof cell.cell_type !== "string") fail("not a cell object", `cell ${index + 1}`);
    const where = cellLabel(index, cell);
    const meta = nbgraderOf(cell);
    let regions;
    try {
      regions = findRegions(sourceText(cell.source ?? ""));
    } catch (err) {
      if (err instanceof MarkerError) fail(`unbalanced markers: ${err.message}`, where);
      throw err;
    }
    if (regions.some((r) => r.kind === "solution") && !isSolution(cell)) fail('has "// BEGIN SOLUTION" but is not a solution cell (metadata.nbgrader.solution is not true): the solution would be released', where);
    if (regions.some((r) => r.kind === "hidden tests") && !isGrade(cell)) fail('has "// BEGIN HIDDEN TESTS" but is not a graded test cell (metadata.nbgrader.grade is not true): the hidden tests would be released', where);
    if (!meta) return;
    for (const flag of ["grade", "solution", "locked"] as const) {
      if (meta[flag] !== undefined && typeof meta[flag] !== "boolean") fail(`metadata.nbgrader.${flag} must be true or false`, where);
    }
    if (!meta.grade && !meta.solution && !meta.locked) return;
    if (typeof meta.grade_id !== "string" || meta.grade_id === "") fail("metadata.nbgrader.grade_id is missing or empty", where);
    const gradeId = meta.grade_id as string;
    const previous = byGradeId.get(gradeId);
    if (previous) fail(`duplicate grade_id "${gradeId}" (also ${cellLabel(previous.index, previous.cell)})`, where);
    byGradeId.set(gradeId, { index, cell, nbgrader: meta });
    if (meta.grade && (typeof meta.points !== "number" || !Number.isFinite(meta.points) || meta.points < 0)) fail("a graded cell needs metadata.nbgrader.points (a number ≥ 0)", where);
    if (meta.solution && cell.cell_type === "code" && !regions.some((r) => r.kind === "solution")) fail('a solution cell needs a "// BEGIN SOLUTION" … "// END SOLUTION" region (without one the whole answer would be released)', where);
  });

  const exercises: SourceExercise[] = [];
  const exerciseIds = new Map<string, number>();
  for (const [gradeId, test] of byGradeId) {
    const { cell, index, nbgrader } = test;
    if (!nbgrader.grade || nbgrader.solution || cell.cell_type !== "code") continue;
    const where = cellLabel(index, cell);
    const academy = cell.metadata.academy;
    if (!isRecord(academy) || typeof academy.exercise !== "string" || academy.exercise === "") fail('a test cell needs metadata.academy.exercise (like "201.2"), see notebooks/AUTHORING.md', where);
    const ex = academy as unknown as AcademyExercise;
    if (!ex.exercise.startsWith(`${moduleId}.`)) fail(`exercise "${ex.exercise}" does not belong to module ${moduleId} (ids look like "${moduleId}.2")`, where);
    const seen = exerciseIds.get(ex.exercise);
    if (seen !== undefined) fail(`exercise "${ex.exercise}" is defined twice (also ${cellLabel(seen, notebook.cells[seen])})`, where);
    exerciseIds.set(ex.exercise, index);
    if (typeof ex.title !== "string" || ex.title.trim() === "") fail("metadata.academy.title is missing", where);
    if (!isRecord(ex.answer) || !("value" in ex.answer)) fail("metadata.academy.answer.value is missing", where);
    if (ex.answer.tolerance !== undefined && (typeof ex.answer.tolerance !== "number" || ex.answer.tolerance < 0)) fail("metadata.academy.answer.tolerance must be a number ≥ 0", where);
    for (const opt of ["ordered", "caseSensitive"] as const) {
      if (ex.answer[opt] !== undefined && typeof ex.answer[opt] !== "boolean") fail(`metadata.academy.answer.${opt} must be true or false`, where);
    }
    if (ex.misconceptions !== undefined && (!Array.isArray(ex.misconceptions) || ex.misconceptions.some((m) => !isRecord(m) || !("value" in m) || typeof m.message !== "string"))) {
      fail("metadata.academy.misconceptions must be a list of { value, message }", where);
    }
    if (ex.hints !== undefined && (!Array.isArray(ex.hints) || ex.hints.some((h) => typeof h !== "string"))) fail("metadata.academy.hints must be a list of strings", where);
    if (ex.explanation !== undefined && typeof ex.explanation !== "string") fail("metadata.academy.explanation must be a string", where);
    const solution = byGradeId.get(`${gradeId}-answer`);
    if (!solution) fail(`no solution cell with grade_id "${gradeId}-answer" for this test cell`, where);
    if (!solution!.nbgrader.solution || solution!.cell.cell_type !== "code") fail(`grade_id "${gradeId}-answer" is not a code solution cell (metadata.nbgrader.solution true)`, cellLabel(solution!.index, solution!.cell));
    const answerText = sourceText(solution!.cell.source);
    for (const region of findRegions(answerText).filter((r) => r.kind === "solution")) {
      try {
        placeholderLines(answerText, region, ex.exercise);
      } catch (err) {
        if (err instanceof MarkerError) fail(err.message, cellLabel(solution!.index, solution!.cell));
        throw err;
      }
    }
    if (solution!.index > index) fail(`the solution cell "${gradeId}-answer" comes after its test cell`, where);
    exercises.push({ academy: ex, test, solution: solution! });
  }
  exercises.sort((a, b) => a.test.index - b.test.index);
  const importsTodo = notebook.cells.some((c) => c.cell_type === "code" && /import\s*{[^}]*\btodo\b[^}]*}\s*from\s*["']data-academy["']/.test(sourceText(c.source)));
  if (exercises.length > 0 && !importsTodo) fail('the release stubs answers with todo("<id>"): import it with the rest, import { ..., exercise, observe, todo } from "data-academy"');
  return { file, module: moduleId, notebook, exercises };
}
