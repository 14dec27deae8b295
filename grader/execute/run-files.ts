/**
 * `academy run`: execute notebook files end to end (as nbclient or nbmake would), each in a fresh
 * kernel from a pool, several at once; optionally write the executed notebooks back.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { KernelPool } from "../kernel/pool";
import { mapAtMost } from "../parallel";
import { startServerKernel } from "../kernel/server/jupyter-server";
import type { KernelSession } from "../kernel/session";
import { startLocalKernel } from "../kernel/zmq/local";
import { sourceText, validateNotebook, type Notebook } from "../notebook/nbformat";
import { stringifyNotebook } from "../notebook/serialize";
import { writeFileAtomic } from "../write-atomic";
import { runNotebook, type NotebookRun } from "./run-notebook";

export interface RunFilesOptions {
  /** Write each executed notebook over its input. */
  inplace?: boolean;
  /** Write each executed notebook into this folder instead (same file name). */
  outDir?: string;
  /** Notebooks run at once (default: the number of cores). */
  jobs?: number;
  allowErrors?: boolean;
  cellTimeoutMs?: number;
  notebookTimeoutMs?: number;
  memoryMb?: number;
  outputCapBytes?: number;
  /** Run the kernels on a Jupyter server instead of locally. Its root should be the current folder. */
  server?: { url: string; token: string; kernelName?: string };
  /** Called when a notebook starts and when it is done. */
  onProgress?(event: { file: string; done: number; total: number; result?: FileResult }): void;
}

export interface FileResult {
  file: string;
  /** Where the executed notebook was written, if it was. */
  written?: string;
  run?: NotebookRun;
  /** The notebook could not be read or run at all (bad JSON, invalid nbformat, no kernel). */
  error?: string;
}

export interface RunFilesSummary {
  results: FileResult[];
  /** True when every notebook ran and no cell errored, timed out or died. */
  ok: boolean;
}

export async function runFiles(files: string[], options: RunFilesOptions = {}): Promise<RunFilesSummary> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), files.length));
  const pool = new KernelPool<KernelSession>({
    size: files.length > jobs ? jobs + 1 : jobs,
    start: kernelStarter(options),
  });
  let done = 0;
  let results: FileResult[];
  try {
    results = await mapAtMost(files, jobs, async (file) => {
      options.onProgress?.({ file, done, total: files.length });
      const result = await runFile(file, pool, options);
      done++;
      options.onProgress?.({ file, done, total: files.length, result });
      return result;
    });
  } finally {
    await pool.close();
  }
  return { results, ok: results.every((r) => r.error === undefined && r.run?.status === "ok") };
}

/** Kernels are started per notebook folder: a tslab kernel's working directory is fixed at start. */
function kernelStarter(options: RunFilesOptions): (dir: string) => Promise<KernelSession> {
  const { server } = options;
  if (!server) return (dir) => startLocalKernel({ cwd: dir, memoryMb: options.memoryMb });
  return (dir) => {
    // A session path gives the server kernel the notebook's folder as working directory, when
    // the folder is under the server root (assumed to be the current folder).
    const rel = relative(process.cwd(), dir);
    const inside = !rel.startsWith("..") && !isAbsolute(rel);
    return startServerKernel({
      baseUrl: server.url,
      token: server.token,
      kernelName: server.kernelName,
      path: inside ? join(rel, `academy-run-${randomBytes(4).toString("hex")}.ipynb`) : undefined,
    });
  };
}

async function runFile(
  file: string,
  pool: KernelPool<KernelSession>,
  options: RunFilesOptions,
): Promise<FileResult> {
  let notebook: Notebook;
  try {
    notebook = readNotebook(file);
  } catch (err) {
    return { file, error: err instanceof Error ? err.message : String(err) };
  }
  let session: KernelSession;
  try {
    session = await pool.acquire(dirname(resolve(file)));
  } catch (err) {
    return { file, error: `could not start a kernel: ${err instanceof Error ? err.message : String(err)}` };
  }
  let run: NotebookRun;
  try {
    run = await runNotebook(notebook, {
      session,
      allowErrors: options.allowErrors,
      cellTimeoutMs: options.cellTimeoutMs,
      notebookTimeoutMs: options.notebookTimeoutMs,
      outputCapBytes: options.outputCapBytes,
    });
  } finally {
    await session.shutdown();
  }
  const target = options.inplace ? file : options.outDir ? join(options.outDir, basename(file)) : undefined;
  if (target === undefined) return { file, run };
  const checked = validateNotebook(run.notebook);
  if (!checked.valid)
    return { file, run, error: `the executed notebook does not validate: ${checked.errors.join("; ")}` };
  writeNotebook(target, run.notebook);
  return { file, run, written: target };
}

/** Reads and validates a notebook file; throws a readable error for anything that is not nbformat 4. */
export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      cause: err,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not JSON: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  const checked = validateNotebook(parsed);
  if (!checked.valid)
    throw new Error(`${file} is not a valid nbformat 4 notebook: ${checked.errors.slice(0, 3).join("; ")}`);
  return parsed as Notebook;
}

/** Writes as Jupyter does (nbformat's own layout), atomically: a reader never sees half a file. */
export function writeNotebook(file: string, notebook: Notebook): void {
  writeFileAtomic(file, stringifyNotebook(notebook));
}

/** The report for one failed cell: notebook, cell number, its first lines and its stderr. */
export function describeFailures(result: FileResult, { sourceLines = 3, stderrLines = 20 } = {}): string[] {
  if (result.error !== undefined) return [`${result.file}: ${result.error}`];
  const run = result.run;
  if (!run) return [];
  const lines: string[] = [];
  for (const cell of run.cells) {
    if (cell.status === "ok" || cell.status === "skipped") continue;
    const source = sourceText(run.notebook.cells[cell.index].source).split("\n");
    const what = {
      error: "failed",
      timeout: "timed out",
      dead: "killed the kernel",
    }[cell.status];
    lines.push(`${result.file}: cell ${cell.index + 1} ${what}`);
    for (const line of source.slice(0, sourceLines)) lines.push(`  | ${line}`);
    if (source.length > sourceLines) lines.push(`  | ...`);
    const stderr = cell.stderr
      .trimEnd()
      .split("\n")
      .filter((l) => l !== "");
    for (const line of stderr.slice(0, stderrLines)) lines.push(`  ${line}`);
    if (stderr.length > stderrLines) lines.push(`  ... (${stderr.length - stderrLines} more lines)`);
    for (const hit of cell.limits) lines.push(`  [${hit.limit}] ${hit.detail}`);
  }
  if (run.status === "timeout" && !run.cells.some((c) => c.status === "timeout")) {
    for (const hit of run.limits) lines.push(`${result.file}: [${hit.limit}] ${hit.detail}`);
  }
  return lines;
}
