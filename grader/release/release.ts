/**
 * `academy release`: every source notebook in notebooks/source/ becomes
 *   - the learner's notebook in notebooks/release/ (same file name): solutions replaced by the
 *     placeholder `todo("<id>")`, which does not throw (src/exercises/todo.ts), hidden tests removed, outputs cleared, plaintext answers
 *     removed from the metadata, nbgrader v3 metadata with nbgrader's checksums;
 *   - the module's self-check definitions in notebooks/exercises/<module>.json.
 * The output is a pure function of the sources, so `--check` can regenerate and compare.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { releaseSource } from "../notebook/markers";
import { parseSourceNotebook, ReleaseError, type SourceNotebook } from "../notebook/source-notebook";
import { sourceText, type Cell, type Notebook } from "../notebook/nbformat";
import { computeChecksum, needsChecksum, nbgraderOf } from "../notebook/nbgrader";
import { stringifyNotebook } from "../notebook/serialize";
import { repoRoot } from "../paths";
import { writeFileAtomic } from "../write-atomic";
import { buildDefinitions, stringifyDefinitions } from "./definitions";

export interface ReleaseDirs {
  /** Source notebooks (default notebooks/source). */
  sourceDir: string;
  /** Learner notebooks written here (default notebooks/release). */
  releaseDir: string;
  /** Self-check definitions written here (default notebooks/exercises). */
  exercisesDir: string;
}

export const defaultReleaseDirs: ReleaseDirs = {
  sourceDir: join(repoRoot, "notebooks", "source"),
  releaseDir: join(repoRoot, "notebooks", "release"),
  exercisesDir: join(repoRoot, "notebooks", "exercises"),
};

/** Keys of a test cell's metadata.academy that the learner may see; the rest (answers) stay out. */
const PUBLIC_ACADEMY_KEYS = ["exercise", "title"];

/** The learner's version of one cell. */
function releaseCell(cell: Cell, exerciseOfSolution: Map<string, string>): Cell {
  const out: Cell = { ...cell, metadata: { ...cell.metadata } } as Cell;
  delete out.metadata.execution; // run timings, different on every run
  const nbgrader = nbgraderOf(cell);
  const text = sourceText(cell.source);
  if (nbgrader?.solution && cell.cell_type === "code") {
    const exerciseId = exerciseOfSolution.get(nbgrader.grade_id ?? "");
    out.source = releaseSource(text, exerciseId ?? nbgrader.grade_id ?? "");
  } else if (nbgrader?.grade && cell.cell_type === "code") {
    out.source = releaseSource(text, "");
  } else {
    out.source = text;
  }
  const academy = cell.metadata.academy;
  if (academy && typeof academy === "object") {
    const kept = Object.entries(academy).filter(([k]) => PUBLIC_ACADEMY_KEYS.includes(k));
    if (kept.length) out.metadata.academy = Object.fromEntries(kept);
    else delete out.metadata.academy;
  }
  if (out.cell_type === "code") {
    out.outputs = [];
    out.execution_count = null;
  }
  if (nbgrader) {
    const meta: Record<string, unknown> = { ...nbgrader, schema_version: 3 };
    delete meta.checksum;
    delete meta.cell_type;
    out.metadata.nbgrader = meta;
    if (needsChecksum(out)) {
      meta.checksum = computeChecksum(out);
      meta.cell_type = out.cell_type;
    }
  }
  return out;
}

/** The release notebook of a parsed source notebook. */
export function releaseNotebook(source: SourceNotebook): Notebook {
  const exerciseOfSolution = new Map(
    source.exercises.map((e) => [e.solution.nbgrader.grade_id ?? "", e.academy.exercise]),
  );
  return {
    ...source.notebook,
    cells: source.notebook.cells.map((cell) => releaseCell(cell, exerciseOfSolution)),
  };
}

/** One file the release writes: its path and exact content. */
export interface ReleasedFile {
  path: string;
  text: string;
}

export interface ReleasePlan {
  files: ReleasedFile[];
  /** Problems, one per notebook that could not be released (each names the notebook and cell). */
  errors: ReleaseError[];
  /** The release/ and exercises/ files that belong to notebooks which failed: left as they are. */
  keep: Set<string>;
  modules: { file: string; module: string; exercises: number }[];
}

const sourceFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".ipynb"))
        .sort()
    : [];

/** Everything a release would write, computed in memory. */
export function planRelease(dirs: ReleaseDirs = defaultReleaseDirs): ReleasePlan {
  const plan: ReleasePlan = { files: [], errors: [], keep: new Set(), modules: [] };
  const modules = new Map<string, string>();
  const exercises = new Map<string, string>();
  for (const file of sourceFiles(dirs.sourceDir)) {
    try {
      const source = parseSourceNotebook(file, readFileSync(join(dirs.sourceDir, file), "utf8"));
      const otherModule = modules.get(source.module);
      if (otherModule)
        throw new ReleaseError(file, undefined, `module ${source.module} is also ${otherModule}`);
      for (const e of source.exercises) {
        const other = exercises.get(e.academy.exercise);
        if (other)
          throw new ReleaseError(
            file,
            undefined,
            `exercise ${e.academy.exercise} is also defined in ${other}`,
          );
      }
      const definitions = buildDefinitions(source);
      const release = stringifyNotebook(releaseNotebook(source));
      modules.set(source.module, file);
      source.exercises.forEach((e) => exercises.set(e.academy.exercise, file));
      plan.files.push({ path: join(dirs.releaseDir, file), text: release });
      plan.files.push({
        path: join(dirs.exercisesDir, `${source.module}.json`),
        text: stringifyDefinitions(definitions),
      });
      plan.modules.push({ file, module: source.module, exercises: source.exercises.length });
    } catch (err) {
      if (!(err instanceof ReleaseError)) throw err;
      plan.errors.push(err);
      plan.keep.add(join(dirs.releaseDir, file));
      const module = /^(\d+)-/.exec(file)?.[1];
      if (module) plan.keep.add(join(dirs.exercisesDir, `${module}.json`));
    }
  }
  return plan;
}

/** Generated files now in the output folders (release/*.ipynb, exercises/*.json). */
function existingOutputs(dirs: ReleaseDirs): string[] {
  const list = (dir: string, ext: string) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith(ext))
          .map((f) => join(dir, f))
      : [];
  return [...list(dirs.releaseDir, ".ipynb"), ...list(dirs.exercisesDir, ".json")].sort();
}

export interface ReleaseResult extends ReleasePlan {
  written: string[];
  removed: string[];
}

/** Writes the release (each file atomically, unchanged files untouched) and removes stale outputs. */
export function release(dirs: ReleaseDirs = defaultReleaseDirs): ReleaseResult {
  const plan = planRelease(dirs);
  mkdirSync(dirs.releaseDir, { recursive: true });
  mkdirSync(dirs.exercisesDir, { recursive: true });
  const written: string[] = [];
  for (const { path, text } of plan.files) {
    if (existsSync(path) && readFileSync(path, "utf8") === text) continue;
    writeFileAtomic(path, text);
    written.push(path);
  }
  const expected = new Set(plan.files.map((f) => f.path));
  const removed = existingOutputs(dirs).filter((p) => !expected.has(p) && !plan.keep.has(p));
  for (const path of removed) rmSync(path);
  return { ...plan, written, removed };
}

export interface ReleaseCheck {
  ok: boolean;
  /** One line per file that differs from a fresh release ("notebooks/release/x.ipynb: differs"). */
  differences: string[];
  errors: ReleaseError[];
}

/** Compares the committed release/ and exercises/ with a fresh release, writing nothing. */
export function checkRelease(dirs: ReleaseDirs = defaultReleaseDirs): ReleaseCheck {
  const plan = planRelease(dirs);
  const differences: string[] = [];
  for (const { path, text } of plan.files) {
    if (!existsSync(path)) differences.push(`${path}: missing`);
    else if (readFileSync(path, "utf8") !== text) differences.push(`${path}: differs from a fresh release`);
  }
  const expected = new Set(plan.files.map((f) => f.path));
  for (const path of existingOutputs(dirs)) {
    if (!expected.has(path) && !plan.keep.has(path)) differences.push(`${path}: has no source notebook`);
  }
  return { ok: differences.length === 0 && plan.errors.length === 0, differences, errors: plan.errors };
}
