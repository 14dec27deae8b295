/**
 * A notebook must forgive: `academy validate` runs every release notebook in a real kernel to
 * prove it, so that a new module cannot break these rules (notebooks/AUTHORING.md):
 *
 * - unanswered: the release as a learner first opens it runs top to bottom with no cell in error
 *   (so JupyterLab's Run All, which stops at the first error, reaches the last cell), and every
 *   check says "<id>: not answered yet";
 * - skipping one exercise breaks nothing else: for every exercise k, the release with every
 *   other exercise answered (the source's answer cells) runs with no cell in error, every other
 *   check says ✓, and k's check says "not answered yet".
 *
 * Each variant is one notebook run in a fresh grading kernel (its own scratch user zone).
 */
import { availableParallelism } from "node:os";
import type { CellRun, NotebookRun } from "../execute/run-notebook";
import { streamText } from "../execute/outputs";
import { KernelPool } from "../kernel/pool";
import { mapAtMost } from "../parallel";
import { gradeIdOf } from "../notebook/cells";
import { exercisesOf } from "../notebook/exercises";
import { sourceText, type Notebook } from "../notebook/nbformat";
import { runOnGradingKernel } from "../grade/execute";
import { startGradingKernel, type GradingKernel } from "../grade/kernels";
import { errorSummary } from "../grade/score";
import type { CourseNotebook } from "../grade/sources";

export interface ForgivingVariant {
  notebook: string;
  /** The exercise left unanswered, or null for the release as it is (all unanswered). */
  skipped: string | null;
  /** Exercise ids whose check must say "not answered yet"; every other check must say ✓. */
  unanswered: string[];
  cells: Notebook;
}

export interface ForgivingResult {
  notebook: string;
  skipped: string | null;
  ok: boolean;
  problems: string[];
  /** True when a check cell ran without error but showed nothing at all: a lost output, not a verdict. */
  lostOutput?: boolean;
  /** Set when the variant passed only when run a second time, with what went wrong the first time. */
  retried?: string;
  /** Code cells JupyterLab's Run All would run (up to and including the first cell in error). */
  runAllCells: number;
  codeCells: number;
}

/** The release as it is, then once per exercise with every other exercise answered by the source's answer cell. */
export function forgivingVariants(source: CourseNotebook, release: Notebook): ForgivingVariant[] {
  const exercises = exercisesOf(source.notebook);
  const sourceCell = new Map(source.notebook.cells.map((c) => [gradeIdOf(c) ?? "", c]));
  const answeredExcept = (skipped: string): Notebook => ({
    ...release,
    cells: release.cells.map((cell) => {
      const answer = exercises.find((e) => e.answer.gradeId === gradeIdOf(cell));
      if (!answer || answer.id === skipped) return cell;
      return { ...cell, source: sourceText(sourceCell.get(answer.answer.gradeId)!.source) };
    }),
  });
  return [
    { notebook: source.name, skipped: null, unanswered: exercises.map((e) => e.id), cells: release },
    ...exercises.map((e) => ({
      notebook: source.name,
      skipped: e.id,
      unanswered: [e.id],
      cells: answeredExcept(e.id),
    })),
  ];
}

/** The self-check line for exercise `id` in a cell's stdout: "✓ 101.2: …", "✗ 101.2: …" or "101.2: not answered yet…". */
export function checkLine(stdout: string, id: string): string | undefined {
  return stdout
    .split("\n")
    .find((line) => line.startsWith(`✓ ${id}:`) || line.startsWith(`✗ ${id}:`) || line.startsWith(`${id}:`));
}

const firstLine = (text: string) => errorSummary(text);

/** What is wrong with one run of a variant (nothing: the notebook forgives). */
export function judgeForgiving(variant: ForgivingVariant, run: NotebookRun): ForgivingResult {
  const problems: string[] = [];
  let lostOutput = false;
  const codeCells = run.cells.length;
  const firstBad = run.cells.findIndex((c) => c.status !== "ok" || c.stderr.trim() !== "");
  for (const cell of run.cells) {
    // An error reply with nothing on stderr: the error text never reached us (seen once, in a
    // private clone on a loaded machine), which is a lost output like a check's missing verdict.
    const silentError = cell.status === "error" && cell.stderr.trim() === "";
    if (silentError) lostOutput = true;
    if (cell.status !== "ok")
      problems.push(
        `cell ${cell.index + 1}: ${cell.status}${cell.stderr ? `: ${firstLine(cell.stderr)}` : silentError ? ` with no error text (${cell.outputs.length} outputs: ${JSON.stringify(cell.outputs).slice(0, 200)})` : ""}`,
      );
    else if (cell.stderr.trim() !== "")
      problems.push(`cell ${cell.index + 1}: wrote to stderr: ${firstLine(cell.stderr)}`);
  }
  for (const { id, test } of exercisesOf(variant.cells)) {
    const cell: CellRun | undefined = run.cells.find((c) => c.index === test.index);
    const line = cell ? checkLine(streamText(cell.outputs, "stdout"), id) : undefined;
    const expectNotAnswered = variant.unanswered.includes(id);
    const ok = expectNotAnswered ? line?.startsWith(`${id}: not answered yet`) : line?.startsWith(`✓ ${id}:`);
    const shown = cell
      ? JSON.stringify(streamText(cell.outputs, "stdout").slice(0, 160))
      : "(the cell did not run)";
    if (!line && cell?.status === "ok" && cell.outputs.length === 0) lostOutput = true;
    if (!ok)
      problems.push(
        `check ${id} said ${line ? JSON.stringify(line.slice(0, 160)) : `no verdict (stdout ${shown}, ${cell?.outputs.length ?? 0} outputs)`}, expected ${expectNotAnswered ? `"${id}: not answered yet"` : `"✓ ${id}: …"`}`,
      );
  }
  return {
    notebook: variant.notebook,
    skipped: variant.skipped,
    ok: problems.length === 0,
    problems,
    ...(lostOutput ? { lostOutput } : {}),
    runAllCells: firstBad < 0 ? codeCells : firstBad + 1,
    codeCells,
  };
}

export interface ForgivingOptions {
  jobs?: number;
  exercisesDir?: string;
  cellTimeoutMs?: number;
  onProgress?(done: number, total: number, result: ForgivingResult): void;
}

/** Runs every variant of every source's release, `jobs` at a time, each in a fresh kernel. */
export async function checkForgiving(
  variants: ForgivingVariant[],
  options: ForgivingOptions = {},
): Promise<ForgivingResult[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), variants.length));
  const pool = new KernelPool<GradingKernel>({
    size: variants.length === 0 ? 0 : jobs + 1,
    start: () => startGradingKernel({ exercisesDir: options.exercisesDir }),
    initialKey: "",
  });
  let done = 0;
  const runOnce = async (variant: ForgivingVariant): Promise<ForgivingResult> => {
    let result: ForgivingResult;
    try {
      const kernel = await pool.acquire();
      try {
        result = judgeForgiving(
          variant,
          await runOnGradingKernel(variant.cells, kernel, { cellTimeoutMs: options.cellTimeoutMs }),
        );
      } finally {
        await kernel.shutdown();
      }
    } catch (err) {
      result = {
        notebook: variant.notebook,
        skipped: variant.skipped,
        ok: false,
        problems: [`could not run: ${err instanceof Error ? err.message : String(err)}`],
        runAllCells: 0,
        codeCells: 0,
        lostOutput: true,
      };
    }
    return result;
  };
  // A check that ran cleanly but showed nothing at all lost its output (seen once in a few hundred
  // runs on a loaded machine), or the kernel never started: such a variant gets one more run, and the
  // result says so. A check that printed the wrong verdict is never run again.
  const runOne = async (variant: ForgivingVariant): Promise<ForgivingResult> => {
    let result = await runOnce(variant);
    if (!result.ok && result.lostOutput) {
      const first = result.problems.join("; ");
      result = await runOnce(variant);
      if (result.ok) result = { ...result, retried: first };
    }
    options.onProgress?.(++done, variants.length, result);
    return result;
  };
  try {
    return await mapAtMost(variants, jobs, runOne);
  } finally {
    await pool.close();
  }
}
