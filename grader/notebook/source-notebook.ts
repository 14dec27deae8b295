/**
 * Reading a source notebook (notebooks/source/<id>-<slug>.ipynb) and checking it follows
 * notebooks/AUTHORING.md. Every problem is a ReleaseError naming the notebook and the cell.
 *
 * The shape of the grading metadata (the notebook's metadata.academy, a cell's metadata.nbgrader,
 * a test cell's metadata.academy) is a JSON Schema, source-notebook.schema.json, each of whose
 * errors becomes the author's message (the tables below). What a schema cannot say is a small named
 * rule here: markers that pair up and sit in the right cells, unique grade_ids and exercise ids,
 * an answer cell before each test cell that the release can stub, the todo import.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import type { AnswerOptions } from "data-academy";
import { graderRoot } from "../paths";
import type { MisconceptionSpec } from "./cells";
import { answerGradeIdOf } from "./exercises";
import { findRegions, MarkerError, placeholderLines, solutionText, type Region } from "./markers";
import { sourceText, validateNotebook, type Cell, type Notebook } from "./nbformat";
import { isGrade, isSolution, nbgraderOf, type NbgraderMetadata } from "./nbgrader";

/** A problem in a source notebook, with where it is. */
export class ReleaseError extends Error {
  constructor(
    readonly notebook: string,
    readonly where: string | undefined,
    readonly problem: string,
  ) {
    super(`${notebook}${where ? `, ${where}` : ""}: ${problem}`);
    this.name = "ReleaseError";
  }
}

/** metadata.academy of a test cell, as written by the author (plaintext answers). */
export interface AcademyExercise {
  exercise: string;
  title: string;
  answer: AnswerOptions & { value: unknown };
  misconceptions?: MisconceptionSpec[];
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

const isRecord = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);

// --- The schema, and its errors in the authors' words ---

/** The definitions of source-notebook.schema.json. */
export type SchemaName = "notebookMetadata" | "nbgrader" | "testCellMetadata";

/** Each schema's messages, in the order the checks matter: the first row matching any error is reported. */
type Messages = [field: RegExp, message: string][];

const MESSAGES: Record<SchemaName, Messages> = {
  notebookMetadata: [
    [/^\/academy(\/module)?$/, 'metadata.academy.module is missing or not a module id like "201"'],
  ],
  nbgrader: [
    [/^\/grade$/, "metadata.nbgrader.grade must be true or false"],
    [/^\/solution$/, "metadata.nbgrader.solution must be true or false"],
    [/^\/locked$/, "metadata.nbgrader.locked must be true or false"],
    [/^\/grade_id$/, "metadata.nbgrader.grade_id is missing or empty"],
    [/^\/points$/, "a graded cell needs metadata.nbgrader.points (a number ≥ 0)"],
  ],
  testCellMetadata: [
    [
      /^\/academy(\/exercise)?$/,
      'a test cell needs metadata.academy.exercise (like "201.2"), see notebooks/AUTHORING.md',
    ],
    [/^\/academy\/title$/, "metadata.academy.title is missing"],
    [/^\/academy\/answer(\/value)?$/, "metadata.academy.answer.value is missing"],
    [/^\/academy\/answer\/tolerance$/, "metadata.academy.answer.tolerance must be a number ≥ 0"],
    [/^\/academy\/answer\/ordered$/, "metadata.academy.answer.ordered must be true or false"],
    [/^\/academy\/answer\/caseSensitive$/, "metadata.academy.answer.caseSensitive must be true or false"],
    [
      /^\/academy\/misconceptions(\/|$)/,
      'metadata.academy.misconceptions must be a list of { id, value, message }, each id a short slug like "vrm-as-key"',
    ],
    [
      /^\/academy\/hints(\/|$)/,
      "metadata.academy.hints must be three hints, from a nudge to a skeleton of the answer (solution() shows the solution itself)",
    ],
    [/^\/academy\/explanation$/, "metadata.academy.explanation must be a string"],
  ],
};

/** Where each schema's values sit, for an error no row of MESSAGES matches. */
const LOCATION: Record<SchemaName, string> = {
  notebookMetadata: "metadata",
  nbgrader: "metadata.nbgrader",
  testCellMetadata: "metadata",
};

let schemaValidators: Map<SchemaName, ValidateFunction> | undefined;

function validatorOf(name: SchemaName): ValidateFunction {
  if (!schemaValidators) {
    const schema = JSON.parse(
      readFileSync(join(graderRoot, "notebook", "source-notebook.schema.json"), "utf8"),
    ) as { $id: string };
    // strictTypes off: "nbgrader" checks properties without requiring an object, as nbgraderOf reads it.
    const ajv = new Ajv({ allErrors: true, strictTypes: false }).addSchema(schema);
    schemaValidators = new Map(
      (Object.keys(MESSAGES) as SchemaName[]).map((n) => [
        n,
        ajv.getSchema(`${schema.$id}#/definitions/${n}`)!,
      ]),
    );
  }
  return schemaValidators.get(name)!;
}

/** The JSON pointer of the value an error is about: a missing property's own path, not its parent's. */
function fieldOf(error: ErrorObject): string {
  const missing =
    error.keyword === "required"
      ? `/${String((error.params as { missingProperty: string }).missingProperty)}`
      : "";
  return `${error.instancePath}${missing}`;
}

/** What is wrong with `value` under the schema `name`, in the authors' words; undefined when nothing is. */
export function schemaProblem(name: SchemaName, value: unknown): string | undefined {
  const validate = validatorOf(name);
  if (validate(value)) return undefined;
  // "if" only says which "then" failed; that failure has its own error.
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== "if");
  const fields = errors.map(fieldOf);
  for (const [field, message] of MESSAGES[name]) if (fields.some((f) => field.test(f))) return message;
  const first = errors[0];
  return `${LOCATION[name]}${first ? `${fieldOf(first).replaceAll("/", ".")} ${first.message ?? "is invalid"}` : " is invalid"}`;
}

// --- The rules ---

/** Throws the ReleaseError of a problem in `file` (at `where`, when given). */
type Fail = (problem: string, where?: string) => never;

interface CellAt {
  index: number;
  cell: Cell;
  nbgrader: NbgraderMetadata;
}

/** The file as an nbformat 4 notebook, or why not. */
function readNotebookText(text: string, fail: Fail): Notebook {
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
  return parsed as unknown as Notebook;
}

/** metadata.academy.module, which the file name starts with. */
function moduleIdOf(file: string, notebook: Notebook, fail: Fail): string {
  const problem = schemaProblem("notebookMetadata", notebook.metadata);
  if (problem) fail(problem);
  const module = (notebook.metadata.academy as { module: string }).module;
  if (!file.startsWith(`${module}-`))
    fail(`the file name must start with the module id "${module}-" (metadata.academy.module)`);
  return module;
}

/** The cell's regions; markers must pair up. */
function regionsOf(cell: Cell, where: string, fail: Fail): Region[] {
  try {
    return findRegions(sourceText(cell.source ?? ""));
  } catch (err) {
    if (err instanceof MarkerError) fail(`unbalanced markers: ${err.message}`, where);
    throw err;
  }
}

/** A solution region only in a solution cell, hidden tests only in a graded cell: else the release would show them. */
function regionsInTheirCells(cell: Cell, regions: Region[], where: string, fail: Fail): void {
  if (regions.some((r) => r.kind === "solution") && !isSolution(cell))
    fail(
      'has "// BEGIN SOLUTION" but is not a solution cell (metadata.nbgrader.solution is not true): the solution would be released',
      where,
    );
  if (regions.some((r) => r.kind === "hidden tests") && !isGrade(cell))
    fail(
      'has "// BEGIN HIDDEN TESTS" but is not a graded test cell (metadata.nbgrader.grade is not true): the hidden tests would be released',
      where,
    );
}

/**
 * Checks every cell, and returns the cells nbgrader tracks (graded, solution or locked) by grade_id,
 * in notebook order; each grade_id names one cell.
 */
function gradedCells(notebook: Notebook, fail: Fail): Map<string, CellAt> {
  const byGradeId = new Map<string, CellAt>();
  notebook.cells.forEach((cell, index) => {
    if (!isRecord(cell) || typeof cell.cell_type !== "string") fail("not a cell object", `cell ${index + 1}`);
    const where = cellLabel(index, cell);
    const regions = regionsOf(cell, where, fail);
    regionsInTheirCells(cell, regions, where, fail);
    const meta = nbgraderOf(cell);
    if (!meta) return;
    const problem = schemaProblem("nbgrader", meta);
    if (problem) fail(problem, where);
    if (!meta.grade && !meta.solution && !meta.locked) return;
    const gradeId = meta.grade_id!;
    const previous = byGradeId.get(gradeId);
    if (previous)
      fail(`duplicate grade_id "${gradeId}" (also ${cellLabel(previous.index, previous.cell)})`, where);
    byGradeId.set(gradeId, { index, cell, nbgrader: meta });
    if (meta.solution && cell.cell_type === "code" && !regions.some((r) => r.kind === "solution"))
      fail(
        'a solution cell needs a "// BEGIN SOLUTION" … "// END SOLUTION" region (without one the whole answer would be released)',
        where,
      );
  });
  return byGradeId;
}

/** The answer cell of a test cell: a code solution cell, before the test, whose regions the release can stub. */
function answerCellOf(test: CellAt, exercise: string, byGradeId: Map<string, CellAt>, fail: Fail): CellAt {
  const gradeId = test.nbgrader.grade_id!;
  const answerGradeId = answerGradeIdOf(gradeId);
  const answer = byGradeId.get(answerGradeId);
  if (!answer)
    return fail(
      `no solution cell with grade_id "${answerGradeId}" for this test cell`,
      cellLabel(test.index, test.cell),
    );
  const where = cellLabel(answer.index, answer.cell);
  if (!answer.nbgrader.solution || answer.cell.cell_type !== "code")
    fail(`grade_id "${answerGradeId}" is not a code solution cell (metadata.nbgrader.solution true)`, where);
  const text = sourceText(answer.cell.source);
  for (const region of findRegions(text).filter((r) => r.kind === "solution")) {
    try {
      placeholderLines(text, region, exercise);
    } catch (err) {
      if (err instanceof MarkerError) fail(err.message, where);
      throw err;
    }
  }
  if (answer.index > test.index)
    fail(`the solution cell "${answerGradeId}" comes after its test cell`, cellLabel(test.index, test.cell));
  return answer;
}

/** Results and reports name a misconception by its id, so within an exercise each id names one mistake. */
function misconceptionIdsUnique(academy: AcademyExercise, where: string, fail: Fail): void {
  const ids = (academy.misconceptions ?? []).map((m) => m.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined)
    fail(
      `misconception id "${twice}" is used twice in exercise ${academy.exercise}: each id names one mistake`,
      where,
    );
}

/** Code with its spacing and semicolons left out, for comparing a hint with the solution. */
const bare = (code: string) => code.replace(/[\s;]+/g, "");

/** The hints climb to a skeleton; the solution itself is solution()'s to show, so the last hint never holds it. */
function lastHintIsNotTheSolution(academy: AcademyExercise, answer: Cell, where: string, fail: Fail): void {
  const last = academy.hints?.[academy.hints.length - 1];
  const solution = bare(solutionText(sourceText(answer.source)));
  if (last !== undefined && solution.length > 0 && bare(last).includes(solution))
    fail(
      `the last hint of ${academy.exercise} is its solution: make it a skeleton with blanks (solution() shows the solution)`,
      where,
    );
}

/** Each test cell's exercise: its metadata, an id of this module defined once, and its answer cell. */
function exercisesIn(
  notebook: Notebook,
  module: string,
  byGradeId: Map<string, CellAt>,
  fail: Fail,
): SourceExercise[] {
  const exercises: SourceExercise[] = [];
  const exerciseIds = new Map<string, number>();
  for (const test of byGradeId.values()) {
    const { cell, index, nbgrader } = test;
    if (!nbgrader.grade || nbgrader.solution || cell.cell_type !== "code") continue;
    const where = cellLabel(index, cell);
    const problem = schemaProblem("testCellMetadata", cell.metadata);
    if (problem) fail(problem, where);
    const academy = cell.metadata.academy as AcademyExercise;
    if (!academy.exercise.startsWith(`${module}.`))
      fail(
        `exercise "${academy.exercise}" does not belong to module ${module} (ids look like "${module}.2")`,
        where,
      );
    const seen = exerciseIds.get(academy.exercise);
    if (seen !== undefined)
      fail(
        `exercise "${academy.exercise}" is defined twice (also ${cellLabel(seen, notebook.cells[seen])})`,
        where,
      );
    exerciseIds.set(academy.exercise, index);
    misconceptionIdsUnique(academy, where, fail);
    const solution = answerCellOf(test, academy.exercise, byGradeId, fail);
    lastHintIsNotTheSolution(academy, solution.cell, where, fail);
    exercises.push({ academy, test, solution });
  }
  return exercises.sort((a, b) => a.test.index - b.test.index);
}

/** The release stubs answers with todo("<id>"), so a notebook with exercises imports it. */
function importsTodo(notebook: Notebook, exercises: SourceExercise[], fail: Fail): void {
  const imports = notebook.cells.some(
    (c) =>
      c.cell_type === "code" &&
      /import\s*{[^}]*\btodo\b[^}]*}\s*from\s*["']data-academy["']/.test(sourceText(c.source)),
  );
  if (exercises.length > 0 && !imports)
    fail(
      'the release stubs answers with todo("<id>"): import it with the rest, import { ..., exercise, observe, todo } from "data-academy"',
    );
}

/** Parses and checks one source notebook; `text` is the file's content. */
export function parseSourceNotebook(path: string, text: string): SourceNotebook {
  const file = basename(path);
  const fail: Fail = (problem, where) => {
    throw new ReleaseError(file, where, problem);
  };
  const notebook = readNotebookText(text, fail);
  const module = moduleIdOf(file, notebook, fail);
  const exercises = exercisesIn(notebook, module, gradedCells(notebook, fail), fail);
  importsTodo(notebook, exercises, fail);
  return { file, module, notebook, exercises };
}
