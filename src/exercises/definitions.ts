/**
 * Exercise definitions, stored with the course in notebooks/exercises/<module>.json.
 * They hold hints, the solution shown on request, and hashes (never the answers themselves).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { findUp } from "../lake/where";
import type { AnswerOptions } from "./same-answer";

export interface Misconception {
  /** A short slug naming the mistake ("vrm-as-key"), as results and reports name it. */
  id?: string;
  hash: string;
  message: string;
}

export interface ExerciseDefinition {
  id: string;
  title: string;
  answer: AnswerOptions & { hash: string };
  misconceptions: Misconception[];
  /** Two or three hints, from a nudge to nearly the answer. */
  hints: string[];
  /** Code that solves it, shown by q.solution(). */
  solution: string;
  /** Said when the answer is right (optional): why it matters. */
  explanation?: string;
  /** True when the grader also tries the answer on inputs the check does not show. */
  hiddenInputs?: boolean;
}

export interface DefinitionFile {
  module: string;
  salt: string;
  exercises: ExerciseDefinition[];
}

function findExercisesDir(): string {
  if (process.env.DATA_ACADEMY_EXERCISES) return resolve(process.env.DATA_ACADEMY_EXERCISES);
  const root = findUp(process.cwd(), "notebooks/exercises") ?? findUp(__dirname, "notebooks/exercises");
  if (root) return join(root, "notebooks", "exercises");
  throw new Error(
    "Cannot find the exercise definitions (notebooks/exercises). Run notebooks from inside the course repository, or set DATA_ACADEMY_EXERCISES.",
  );
}

/** Every definition file, read fresh (they are small). */
export function definitionFiles(): DefinitionFile[] {
  const dir = findExercisesDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as DefinitionFile);
}

/** The definition of exercise `id` (like "201.2") and the salt of its file. */
export function findDefinition(id: string): { definition: ExerciseDefinition; salt: string } {
  const files = definitionFiles();
  for (const file of files) {
    const definition = file.exercises.find((e) => e.id === id);
    if (definition) return { definition, salt: file.salt };
  }
  const known = files.flatMap((f) => f.exercises.map((e) => e.id));
  throw new Error(`No exercise "${id}". Known exercises: ${known.join(", ") || "(none)"}`);
}
