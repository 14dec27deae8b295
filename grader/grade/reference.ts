/**
 * The reference run: the source notebook, solutions included, executed once in a fresh kernel.
 * Its test cells' observations are what submissions are compared with. Cached on disk by the
 * source's content hash, so a cohort (and a rerun) pays for it once.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runNotebook } from "../execute/run-notebook";
import { repoRoot } from "../paths";
import type { GradingKernel } from "./kernels";
import { observationsIn } from "./observations";
import { errorSummary, testCells, type ReferenceCell } from "./score";
import { gradeIdOf } from "../notebook/cells";
import type { SourceNotebook } from "./sources";
import { writeFileAtomic } from "../write-atomic";

export interface Reference {
  source_sha256: string;
  lake_sha256: string;
  cells: ReferenceCell[];
  /** Errors of the source itself: a course bug, reported by `academy validate`. */
  problems: string[];
}

export interface ReferenceOptions {
  cacheDir: string;
  acquire: () => Promise<GradingKernel>;
  cellTimeoutMs?: number;
  notebookTimeoutMs?: number;
}

/** The lake and the library are inputs of the reference too. */
function lakeHash(): string {
  const catalog = join(repoRoot, "datasets", "catalog.json");
  return createHash("sha256").update(existsSync(catalog) ? readFileSync(catalog) : "").digest("hex");
}

const inFlight = new Map<string, Promise<Reference>>();

export function referenceFor(source: SourceNotebook, options: ReferenceOptions): Promise<Reference> {
  const lake = lakeHash();
  const file = join(options.cacheDir, `${source.name.replace(/\.ipynb$/, "")}-${source.sha256.slice(0, 16)}-${lake.slice(0, 8)}.json`);
  const pending = inFlight.get(file);
  if (pending) return pending;
  const work = (async () => {
    if (existsSync(file)) {
      try {
        const cached = JSON.parse(readFileSync(file, "utf8")) as Reference;
        if (cached.source_sha256 === source.sha256 && cached.lake_sha256 === lake) return cached;
      } catch {
        // a damaged cache file is recomputed
      }
    }
    const kernel = await options.acquire();
    try {
      const run = await runNotebook(source.notebook, {
        session: kernel.session,
        allowErrors: true,
        cellTimeoutMs: options.cellTimeoutMs,
        notebookTimeoutMs: options.notebookTimeoutMs,
      });
      const problems: string[] = [];
      const cells: ReferenceCell[] = testCells(source.notebook).map(({ index, gradeId }) => {
        const cell = run.cells.find((c) => c.index === index);
        if (!cell || cell.status !== "ok") problems.push(`${source.name}: test cell ${gradeId} ${cell?.status ?? "did not run"} in the reference run: ${errorSummary(cell?.stderr ?? "")}`);
        return { grade_id: gradeId, status: cell?.status ?? "not-run", observations: cell ? observationsIn(cell.outputs) : [] };
      });
      for (const cell of run.cells) {
        if (cell.status === "ok" || cell.status === "skipped") continue;
        const gradeId = gradeIdOf(source.notebook.cells[cell.index]);
        if (gradeId && cells.some((c) => c.grade_id === gradeId)) continue; // reported above
        problems.push(`${source.name}: cell ${cell.index + 1} ${cell.status} in the reference run: ${errorSummary(cell.stderr)}`);
      }
      const reference: Reference = { source_sha256: source.sha256, lake_sha256: lake, cells, problems };
      if (problems.length === 0) writeFileAtomic(file, JSON.stringify(reference, null, 1) + "\n");
      return reference;
    } finally {
      await kernel.shutdown();
    }
  })();
  inFlight.set(file, work);
  work.finally(() => inFlight.delete(file)).catch(() => undefined);
  return work;
}
