/**
 * Exercise definitions for the self-checks (notebooks/exercises/<module>.json), built from the
 * test cells of a source notebook: answers and misconceptions only as salted hashes, plus title,
 * hints, explanation and the solution code (the solution cell's regions, dedented).
 * The shape is the course library's DefinitionFile (src/exercises/definitions.ts).
 */
import { createHash } from "node:crypto";
import { answerHash, numbersNearEdge, type AnswerOptions } from "data-academy";
import { regionLines, solutionText } from "../notebook/markers";
import { sourceText } from "../notebook/nbformat";
import { cellLabel, ReleaseError, type SourceNotebook } from "../notebook/source-notebook";

export interface ExerciseDefinitionOut {
  id: string;
  title: string;
  answer: AnswerOptions & { hash: string };
  misconceptions: { id?: string; hash: string; message: string }[];
  hints: string[];
  solution: string;
  explanation?: string;
  hiddenInputs?: boolean;
}

export interface DefinitionFileOut {
  module: string;
  salt: string;
  exercises: ExerciseDefinitionOut[];
}

/**
 * The module's salt: derived from the module id, so a release is reproducible byte for byte.
 * It is not a secret (it sits next to the hashes); it makes hashes differ from module to module.
 */
export function moduleSalt(module: string): string {
  return createHash("sha256").update(`data-academy exercises|module ${module}`).digest("hex").slice(0, 16);
}

/** The library's answerHash: the one comparison rule (src/exercises/same-answer.ts). */
export const hashAnswer = answerHash;

/**
 * Does the test cell's hidden part observe more than the checked "answer" (the answer on other
 * inputs)? Then a ✓ in the notebook says the grader also tries other inputs.
 */
export function observesHiddenInputs(testSource: string): boolean {
  const hidden = regionLines(testSource, "hidden tests").join("\n");
  const observations = hidden.match(/\bobserve\(\s*(["'`])(.*?)\1/g) ?? [];
  return observations.some((o) => !/^observe\(\s*(["'`])answer\1$/.test(o));
}

/** Only the answer options the self-check understands, in a fixed order. */
function answerOptions(answer: AnswerOptions): AnswerOptions {
  const options: AnswerOptions = {};
  if (answer.tolerance !== undefined) options.tolerance = answer.tolerance;
  if (answer.ordered !== undefined) options.ordered = answer.ordered;
  if (answer.caseSensitive !== undefined) options.caseSensitive = answer.caseSensitive;
  return options;
}

/** The definition file of one source notebook. */
export function buildDefinitions(source: SourceNotebook): DefinitionFileOut {
  const salt = moduleSalt(source.module);
  const exercises = source.exercises.map(({ academy, solution, test }): ExerciseDefinitionOut => {
    const options = answerOptions(academy.answer);
    const where = cellLabel(test.index, test.cell);
    const definition: ExerciseDefinitionOut = {
      id: academy.exercise,
      title: academy.title,
      answer: { hash: hashAnswer(salt, academy.exercise, academy.answer.value, options), ...options },
      misconceptions: (academy.misconceptions ?? []).map((m) => ({
        id: m.id,
        hash: hashAnswer(salt, academy.exercise, m.value, options),
        message: m.message,
      })),
      hints: academy.hints ?? [],
      solution: solutionText(sourceText(solution.cell.source)),
    };
    const hashes = [definition.answer.hash, ...definition.misconceptions.map((m) => m.hash)];
    hashes.forEach((hash, i) => {
      const first = hashes.indexOf(hash);
      if (first === i) return;
      const what = (k: number) => (k === 0 ? "the answer" : `misconception ${k}`);
      throw new ReleaseError(
        source.file,
        where,
        `misconception ${i} has the same value as ${what(first)} (under the answer's options), so the check could never tell them apart`,
      );
    });
    const edge = numbersNearEdge(academy.answer.value, options.tolerance);
    if (edge.length) {
      throw new ReleaseError(
        source.file,
        where,
        `the answer's ${edge.join(", ")} sits near the edge between two steps of tolerance ${options.tolerance}, so an answer a hair away could round the other way; pick a tolerance it is close to a multiple of (say ${options.tolerance! / 2})`,
      );
    }
    if (observesHiddenInputs(sourceText(test.cell.source))) definition.hiddenInputs = true;
    if (!definition.solution.trim())
      throw new ReleaseError(
        source.file,
        cellLabel(solution.index, solution.cell),
        "the solution region is empty",
      );
    if (academy.explanation !== undefined) definition.explanation = academy.explanation;
    return definition;
  });
  return { module: source.module, salt, exercises };
}

/** The file's text: two-space JSON with a final newline. */
export const stringifyDefinitions = (file: DefinitionFileOut): string => JSON.stringify(file, null, 2) + "\n";
