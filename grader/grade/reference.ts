/**
 * The reference run: the source notebook, solutions included, executed once in a fresh kernel.
 * Its test cells' observations are what submissions are compared with. Cached on disk, keyed on
 * everything the expected values depend on: the source notebook, every file of the lake, the built
 * course library and the self-check definitions; so a cohort (and a rerun) pays for it once, and
 * a rebuilt lake or a fixed library function can never leave stale expected values behind.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot } from "../paths";
import { testCells } from "../notebook/exercises";
import { gradeIdOf } from "../notebook/cells";
import { writeFileAtomic } from "../write-atomic";
import { runOnGradingKernel } from "./execute";
import type { GradingKernel } from "./kernels";
import { observationsIn } from "./observations";
import { errorSummary, type ReferenceCell } from "./score";
import type { CourseNotebook } from "./sources";

export interface Reference {
  source_sha256: string;
  /** referenceInputsHash: the lake, the course library and the definitions the run used. */
  inputs_sha256: string;
  cells: ReferenceCell[];
  /** Errors of the source itself: a course bug, reported by `academy validate`. */
  problems: string[];
}

export interface ReferenceOptions {
  cacheDir: string;
  acquire: () => Promise<GradingKernel>;
  cellTimeoutMs?: number;
  notebookTimeoutMs?: number;
  /** referenceInputsHash() of this run's inputs (computed when not given; a cohort computes it once). */
  inputsHash?: string;
}

export interface ReferenceInputs {
  /** The lake the kernels read (default datasets/). */
  lakeDir: string;
  /** The built course library (default src/dist). */
  libraryDir: string;
  /** The self-check definitions the kernels read (default notebooks/exercises). */
  exercisesDir: string;
}

export const defaultReferenceInputs = (exercisesDir?: string): ReferenceInputs => ({
  lakeDir: join(repoRoot, "datasets"),
  libraryDir: join(repoRoot, "src", "dist"),
  exercisesDir: exercisesDir ?? join(repoRoot, "notebooks", "exercises"),
});

/** Every file under `dir` (relative paths, sorted), hidden files left out. */
function filesUnder(dir: string, root = dir, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(path, root, out);
    else if (entry.isFile()) out.push(relative(root, path));
  }
  return out;
}

/** One hash over every file of the lake, the built library and the definitions: names and bytes. */
export function referenceInputsHash(inputs: ReferenceInputs = defaultReferenceInputs()): string {
  const hash = createHash("sha256");
  for (const [label, dir] of Object.entries(inputs)) {
    for (const file of filesUnder(dir)) {
      hash
        .update(`${label}/${file}\0`)
        .update(readFileSync(join(dir, file)))
        .update("\0");
    }
  }
  return hash.digest("hex");
}

const inFlight = new Map<string, Promise<Reference>>();

export function referenceFor(source: CourseNotebook, options: ReferenceOptions): Promise<Reference> {
  const inputs = options.inputsHash ?? referenceInputsHash();
  const file = join(
    options.cacheDir,
    `${source.name.replace(/\.ipynb$/, "")}-${source.sha256.slice(0, 16)}-${inputs.slice(0, 16)}.json`,
  );
  const pending = inFlight.get(file);
  if (pending) return pending;
  const work = (async () => {
    if (existsSync(file)) {
      try {
        const cached = JSON.parse(readFileSync(file, "utf8")) as Reference;
        if (cached.source_sha256 === source.sha256 && cached.inputs_sha256 === inputs) return cached;
      } catch {
        // a damaged cache file is recomputed
      }
    }
    // A course notebook that fails its reference run is run once more on a fresh kernel before
    // the cohort is told so: a real bug fails twice, a kernel that lost an output (seen rarely on
    // a loaded machine) does not.
    const first = await runReference();
    if (first.problems.length === 0) return first;
    const second = await runReference();
    return second.problems.length === 0 ? second : first;
  })();
  async function runReference(): Promise<Reference> {
    const kernel = await options.acquire();
    try {
      // No learner output cap here: the reference run keeps runNotebook's default.
      const run = await runOnGradingKernel(source.notebook, kernel, {
        cellTimeoutMs: options.cellTimeoutMs,
        notebookTimeoutMs: options.notebookTimeoutMs,
      });
      const problems: string[] = [];
      const cells: ReferenceCell[] = testCells(source.notebook).map(({ index, gradeId }) => {
        const cell = run.cells.find((c) => c.index === index);
        if (!cell || cell.status !== "ok")
          problems.push(
            `${source.name}: test cell ${gradeId} ${cell?.status ?? "did not run"} in the reference run: ${errorSummary(cell?.stderr ?? "")}`,
          );
        return {
          grade_id: gradeId,
          status: cell?.status ?? "not-run",
          observations: cell ? observationsIn(cell.outputs) : [],
        };
      });
      for (const cell of run.cells) {
        if (cell.status === "ok" || cell.status === "skipped") continue;
        const gradeId = gradeIdOf(source.notebook.cells[cell.index]);
        if (gradeId && cells.some((c) => c.grade_id === gradeId)) continue; // reported above
        problems.push(
          `${source.name}: cell ${cell.index + 1} ${cell.status} in the reference run: ${errorSummary(cell.stderr)}`,
        );
      }
      const reference: Reference = { source_sha256: source.sha256, inputs_sha256: inputs, cells, problems };
      if (problems.length === 0) writeFileAtomic(file, JSON.stringify(reference, null, 1) + "\n");
      return reference;
    } finally {
      await kernel.shutdown();
    }
  }
  inFlight.set(file, work);
  work.finally(() => inFlight.delete(file)).catch(() => undefined);
  return work;
}
