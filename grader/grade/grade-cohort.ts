/**
 * Grading a cohort, as a few named steps over one CohortContext: find the submissions, skip those
 * already graded with the same content, grade the rest in parallel on pooled kernels, then write
 * gradebook.csv once, from every result. Each result (JSON + HTML) is written atomically the moment
 * it is ready rather than at the end: a run killed at any point loses nothing, and a rerun carries
 * on where it stopped.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { feedbackHtml } from "../report/feedback-html";
import { gradebookCsv } from "../report/gradebook-csv";
import { readResult, writeResult } from "../report/result-json";
import { KernelPool } from "../kernel/pool";
import { mapAtMost } from "../parallel";
import { writeFileAtomic } from "../write-atomic";
import { isIopubTimeout } from "../kernel/request";
import { gradeSubmission, type GradeOptions, type SubmissionRef } from "./grade-submission";
import { fileSha256 } from "./read-submission";
import {
  startGradingKernel,
  startServerGradingKernel,
  type GradingKernel,
  type GradingServer,
} from "./kernels";
import { defaultReferenceInputs, referenceFor, referenceInputsHash, type Reference } from "./reference";
import { loadSources, type CourseNotebook } from "./sources";
import type { GradeResult } from "./types";

export interface CohortOptions {
  /** Files and folders laid out <learner>/<notebook>.ipynb. */
  inputs: string[];
  outDir: string;
  sourceDir: string;
  jobs: number;
  cellTimeoutMs?: number;
  notebookTimeoutMs?: number;
  outputCapBytes?: number;
  memoryMb?: number;
  /** Self-check definitions for the kernels (default notebooks/exercises). */
  exercisesDir?: string;
  /** Grade again even when a result for the same content exists. */
  force?: boolean;
  /** Run the kernels on this Jupyter server or kernel gateway instead of locally. */
  server?: GradingServer;
  /** Called when a submission starts and when it is done (skipped ones included). */
  onProgress?(event: {
    done: number;
    total: number;
    ref: SubmissionRef;
    result?: GradeResult;
    skipped?: boolean;
  }): void;
}

export interface CohortSummary {
  total: number;
  graded: number;
  skipped: number;
  results: GradeResult[];
  gradebookPath: string;
}

/**
 * Walks with byte names, so that a folder whose name is not UTF-8 can still be entered; such names
 * reach the result as text with U+FFFD, and reading the file by that name then fails with a clear message.
 */
function walk(dir: Buffer, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true, encoding: "buffer" });
  for (const entry of entries.sort((a, b) => Buffer.compare(a.name, b.name))) {
    const name = entry.name.toString("utf8");
    if (name.startsWith(".")) continue; // .ipynb_checkpoints and friends
    const path = Buffer.concat([dir, Buffer.from(sep), entry.name]);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile() && name.endsWith(".ipynb")) out.push(path.toString("utf8"));
  }
}

/** Every submission under the inputs, with its learner: the first folder under a given folder. */
export function findSubmissions(inputs: string[]): SubmissionRef[] {
  const refs: SubmissionRef[] = [];
  for (const input of inputs) {
    const root = resolve(input);
    const stat = statSync(root); // a missing input is a usage error: let it throw
    if (stat.isFile()) {
      refs.push({ path: root, learner: basename(dirname(root)) });
      continue;
    }
    const files: string[] = [];
    walk(Buffer.from(root), files);
    for (const path of files) {
      const parts = relative(root, path).split(sep);
      refs.push({ path, learner: parts.length > 1 ? parts[0] : basename(root) });
    }
  }
  return refs;
}

/** A name safe as one path component, readable, and distinct for distinct inputs. */
export function safeName(name: string): string {
  const cleaned =
    name
      .normalize("NFC")
      .replace(/[^\p{L}\p{N}._ -]/gu, "_")
      .replace(/^\.+/, "_")
      .slice(0, 80) || "_";
  return cleaned === name
    ? cleaned
    : `${cleaned}-${createHash("sha256").update(name).digest("hex").slice(0, 6)}`;
}

export function resultPaths(outDir: string, ref: SubmissionRef): { json: string; html: string } {
  const stem = basename(ref.path).replace(/\.ipynb$/, "");
  const base = join(outDir, safeName(ref.learner), safeName(stem));
  return { json: `${base}.json`, html: `${base}.html` };
}

/** What the steps of grading a cohort share. */
interface CohortContext {
  readonly options: CohortOptions;
  readonly outDir: string;
  readonly sources: CourseNotebook[];
  readonly refs: SubmissionRef[];
  /** One per ref, filled in as each is skipped or graded. */
  readonly results: GradeResult[];
  /** Indexes into refs still to grade. */
  todo: number[];
  done: number;
  skipped: number;
  gradebookPath: string;
}

/** One step of grading a cohort. */
interface CohortStep {
  name: string;
  run(ctx: CohortContext): Promise<void> | void;
}

/** Already graded from the same bytes against the same source: kept, not graded again. */
const skipAlreadyGraded: CohortStep = {
  name: "skip already graded",
  run(ctx) {
    const { options, refs, results, sources } = ctx;
    refs.forEach((ref, i) => {
      const existing = options.force ? undefined : readResult(resultPaths(ctx.outDir, ref).json);
      const sha = existing ? fileSha256(ref.path) : "";
      const source = existing?.source ? sources.find((s) => s.path === existing.source!.path) : undefined;
      const fresh =
        existing &&
        existing.status !== "failed" &&
        existing.submission.sha256 === sha &&
        (existing.source === null || source?.sha256 === existing.source.sha256);
      if (existing && fresh) {
        results[i] = existing;
        ctx.skipped++;
        ctx.done++;
        options.onProgress?.({ done: ctx.done, total: refs.length, ref, result: existing, skipped: true });
      } else {
        ctx.todo.push(i);
      }
    });
  },
};

/**
 * One reference run per source for the whole cohort: a course notebook that fails is not run
 * again for every submission (only on disk are failing references left uncached).
 */
function cohortReference(
  ctx: CohortContext,
  acquire: () => Promise<GradingKernel>,
): (source: CourseNotebook) => Promise<Reference> {
  const { options } = ctx;
  const references = new Map<string, Reference>();
  // What the expected values depend on besides the source, hashed once per cohort.
  const inputsHash = ctx.todo.length ? referenceInputsHash(defaultReferenceInputs(options.exercisesDir)) : "";
  const cacheDir = join(ctx.outDir, ".reference");
  return async (source) => {
    const r =
      references.get(source.path) ??
      (await referenceFor(source, {
        cacheDir,
        acquire,
        inputsHash,
        cellTimeoutMs: options.cellTimeoutMs,
        notebookTimeoutMs: options.notebookTimeoutMs,
      }));
    references.set(source.path, r);
    if (r.problems.length > 0) throw new Error(`the course notebook itself fails: ${r.problems.join("; ")}`);
    return r;
  };
}

/** Grades one submission, tries once more if the grader failed, and writes its result files. */
async function gradeOne(ctx: CohortContext, i: number, grading: GradeOptions): Promise<void> {
  const ref = ctx.refs[i];
  // "failed" means the grader, not the submission, went wrong (a kernel that would not
  // start, a connection lost): one more try on a fresh kernel before reporting it. So does a
  // cell whose outputs did not end in time: on a starved machine that is the machine, not the
  // learner (a learner's console flood does it again, and is scored so).
  let result = await gradeSubmission(ref, grading);
  if (result.status === "failed" || (result.run?.limits ?? []).some(isIopubTimeout))
    result = await gradeSubmission(ref, grading);
  const paths = resultPaths(ctx.outDir, ref);
  writeFileAtomic(paths.html, feedbackHtml(result));
  writeResult(paths.json, result); // last: its presence means "done"
  ctx.results[i] = result;
  ctx.done++;
  ctx.options.onProgress?.({ done: ctx.done, total: ctx.refs.length, ref, result });
}

/** The rest, `jobs` at a time, on a pool of fresh kernels that lives as long as this step. */
const gradeTheRest: CohortStep = {
  name: "grade",
  async run(ctx) {
    const { options, todo } = ctx;
    // Kernels may not read the results (other learners', the reference values) nor the solutions.
    mkdirSync(ctx.outDir, { recursive: true });
    const hidden = [ctx.outDir, resolve(options.sourceDir)];
    const pool = new KernelPool<GradingKernel>({
      size: todo.length === 0 ? 0 : Math.min(options.jobs, todo.length) + 1,
      start: () =>
        options.server
          ? startServerGradingKernel(options.server)
          : startGradingKernel({ memoryMb: options.memoryMb, exercisesDir: options.exercisesDir, hidden }),
      initialKey: "",
    });
    const acquire = () => pool.acquire();
    const grading: GradeOptions = {
      sources: ctx.sources,
      acquire,
      reference: cohortReference(ctx, acquire),
      cellTimeoutMs: options.cellTimeoutMs,
      notebookTimeoutMs: options.notebookTimeoutMs,
      outputCapBytes: options.outputCapBytes,
    };
    try {
      await mapAtMost(todo, options.jobs, (i) => gradeOne(ctx, i, grading));
    } finally {
      await pool.close();
    }
  },
};

/** gradebook.csv, once, from every result (skipped ones included). */
const writeGradebook: CohortStep = {
  name: "gradebook",
  run(ctx) {
    writeFileAtomic(ctx.gradebookPath, gradebookCsv(ctx.results));
  },
};

/** The steps, in order. */
const cohortSteps: CohortStep[] = [skipAlreadyGraded, gradeTheRest, writeGradebook];

export async function gradeCohort(options: CohortOptions): Promise<CohortSummary> {
  const outDir = resolve(options.outDir);
  const sources = loadSources(resolve(options.sourceDir));
  if (sources.length === 0) throw new Error(`no source notebooks in ${options.sourceDir}`);
  const refs = findSubmissions(options.inputs);
  const ctx: CohortContext = {
    options,
    outDir,
    sources,
    refs,
    results: new Array<GradeResult>(refs.length),
    todo: [],
    done: 0,
    skipped: 0,
    gradebookPath: join(outDir, "gradebook.csv"),
  };
  for (const step of cohortSteps) await step.run(ctx);
  return {
    total: refs.length,
    graded: ctx.todo.length,
    skipped: ctx.skipped,
    results: ctx.results,
    gradebookPath: ctx.gradebookPath,
  };
}
