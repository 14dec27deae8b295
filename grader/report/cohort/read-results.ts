/**
 * Reading a grades folder for `academy report`: every `<learner>/<notebook>.json` that `academy
 * grade` wrote, each checked against result.schema.json. Hidden folders (`.reference/`, where the
 * expected values are cached) are never read; neither is the report's own output folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { GradeResult } from "../../grade/types";
import { checkResult } from "../result-json";

/** One result file: where it is (relative to the grades folder) and what it holds. */
export interface LoadedResult {
  file: string;
  result: GradeResult;
}

export interface ReadResultsOptions {
  /** A folder inside the grades folder to leave out (the report's output). */
  skip?: string;
  /** Called after each file is read. */
  onFile?(done: number, total: number): void;
}

/** The result files under `gradesDir`: `<learner>/<notebook>.json`, sorted by path. */
export function resultFiles(gradesDir: string, skip?: string): string[] {
  const root = resolve(gradesDir);
  if (!existsSync(root)) throw new Error(`no such folder: ${gradesDir}`);
  if (!statSync(root).isDirectory())
    throw new Error(`not a folder: ${gradesDir} (give the folder academy grade wrote)`);
  const skipped = skip === undefined ? undefined : resolve(skip);
  const files: string[] = [];
  for (const learner of readdirSync(root, { withFileTypes: true })) {
    const dir = join(root, learner.name);
    if (!learner.isDirectory() || learner.name.startsWith(".") || dir === skipped) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith(".json") && !entry.name.startsWith("."))
        files.push(join(dir, entry.name));
    }
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One result file, read and checked; throws naming the file and what is wrong with it. */
export function readResultFile(path: string, gradesDir: string): LoadedResult {
  const file = relative(resolve(gradesDir), path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new Error(`cannot read the result file ${file}: ${(err as Error).message}`, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`the result file ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  try {
    checkResult(value);
  } catch (err) {
    throw new Error(`the result file ${file} is not an academy grade result: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return { file, result: value };
}

/** Every result in the grades folder; throws when there is none, or when one cannot be used. */
export function readResults(gradesDir: string, { skip, onFile }: ReadResultsOptions = {}): LoadedResult[] {
  const files = resultFiles(gradesDir, skip);
  if (files.length === 0)
    throw new Error(
      `no results in ${gradesDir}: it holds no <learner>/<notebook>.json (run academy grade first, and give its --out folder)`,
    );
  return files.map((path, i) => {
    const loaded = readResultFile(path, gradesDir);
    onFile?.(i + 1, files.length);
    return loaded;
  });
}
