/**
 * Exercise fixtures (tests/fixtures/exercises/<module>.json, see notebooks/AUTHORING.md): code
 * that replaces an exercise's solution region, and the message the check must give for it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { exercisesOf } from "../notebook/exercises";
import { sourceText, type Notebook } from "../notebook/nbformat";
import { findRegions, splitLines } from "../notebook/markers";

export interface ExerciseCase {
  exercise: string;
  kind: "right" | "misconception" | "wrong";
  code: string;
  expect: string;
}

export function readCases(fixturesDir: string, module: string): ExerciseCase[] {
  const file = join(fixturesDir, `${module}.json`);
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, "utf8")) as { cases: ExerciseCase[] }).cases;
}

/** `text` with its first solution region, markers included, replaced by `code` at the marker's indentation. */
export function replaceSolutionRegion(text: string, code: string): string {
  const lines = splitLines(text);
  const region = findRegions(text).find((r) => r.kind === "solution");
  if (!region) throw new Error("no // BEGIN SOLUTION ... // END SOLUTION region to replace");
  const indented = code.split("\n").map((l) => (l === "" ? l : region.indent + l));
  return [...lines.slice(0, region.begin), ...indented, ...lines.slice(region.end + 1)].join("\n");
}

/** A copy of `notebook` with the solution region of `exercise`'s answer cell replaced by `code`. */
export function withCase(notebook: Notebook, c: Pick<ExerciseCase, "exercise" | "code">): Notebook {
  const exercise = exercisesOf(notebook).find((e) => e.id === c.exercise);
  if (!exercise) throw new Error(`no test cell for exercise ${c.exercise}`);
  const copy = structuredClone(notebook);
  const answer = copy.cells[exercise.answer.index];
  if (!answer) throw new Error(`exercise ${c.exercise} has no answer cell ${exercise.answer.gradeId}`);
  answer.source = replaceSolutionRegion(sourceText(answer.source), c.code);
  return copy;
}
