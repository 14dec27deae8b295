/**
 * The source notebooks submissions are graded against, found by file name (or by the module id
 * in the notebook's metadata when a learner renamed the file).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Notebook } from "../notebook/nbformat";
import { parseSourceNotebook } from "../notebook/source-notebook";

/** A source notebook as grading uses it: where it is, its hash, and its cells (parsed and checked by parseSourceNotebook). */
export interface CourseNotebook {
  path: string;
  /** File name, e.g. "201-keys-and-joins.ipynb". */
  name: string;
  module: string | null;
  sha256: string;
  notebook: Notebook;
}

export function moduleOf(notebook: Notebook): string | null {
  const academy = notebook.metadata.academy as { module?: unknown } | undefined;
  return typeof academy?.module === "string" ? academy.module : null;
}

/** Reads a source notebook, with the checks `academy release` makes (grade_ids, markers, metadata). */
export function loadSource(path: string): CourseNotebook {
  const bytes = readFileSync(path);
  const parsed = parseSourceNotebook(path, bytes.toString("utf8"));
  return {
    path,
    name: basename(path),
    module: parsed.module,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    notebook: parsed.notebook,
  };
}

export function loadSources(dir: string): CourseNotebook[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => loadSource(join(dir, f)));
}

/** The source for a submission: same file name, else the same module id in its metadata. */
export function matchSource(
  sources: CourseNotebook[],
  fileName: string,
  submission: Notebook | undefined,
): CourseNotebook | undefined {
  const byName = sources.find((s) => s.name === fileName);
  if (byName) return byName;
  const module = submission ? moduleOf(submission) : null;
  if (module) return sources.find((s) => s.module === module);
  const prefix = /^(\d{3})\b/.exec(fileName)?.[1];
  return prefix ? sources.find((s) => s.module === prefix || s.name.startsWith(`${prefix}-`)) : undefined;
}
