/**
 * Kernels for grading: a fresh kernel per submission, each in its own scratch folder, with the
 * course library and lake reachable but the learner's own saves kept inside the scratch folder.
 * Each runs under the least privilege the machine allows (see kernel/sandbox.ts): bubblewrap with
 * a read-only file system and no network, else an unprivileged uid, else just the scratch folder.
 * The grader keeps a pool of them (kernel/pool.ts) so start-up is off the critical path.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { join, resolve } from "node:path";
import { createSandbox, type IsolationKind } from "../kernel/sandbox";
import { removeScratch } from "../kernel/scratch";
import type { KernelSession } from "../kernel/session";
import { startLocalKernel } from "../kernel/zmq/local";
import { startServerKernel } from "../kernel/server/jupyter-server";
import { repoRoot } from "../paths";

/** Where grading kernels get their working folders (git-ignored). */
export const scratchRoot = join(repoRoot, ".scratch");

export interface GradingKernel {
  session: KernelSession;
  /** The kernel's working folder; removed by shutdown(). */
  scratchDir: string;
  /** Which isolation the kernel runs under, reported in each result. */
  isolation: string;
  /** Stops the kernel and everything it started, and removes the scratch folder. */
  shutdown(): Promise<void>;
}

export interface KernelOptions {
  memoryMb?: number;
  /** Self-check definitions the kernel reads (default notebooks/exercises). */
  exercisesDir?: string;
  startTimeoutMs?: number;
  /** Isolation to use; default "auto": the strongest the machine allows. */
  isolation?: IsolationKind | "auto";
  /** Folders the kernel must not read (the results folder, the source notebooks); hidden under bubblewrap. */
  hidden?: string[];
  /** Most processes (threads included) a kernel may have, under an isolation with its own uid. */
  maxProcesses?: number;
}

/** Starts one local tslab kernel in a new scratch folder. */
export async function startGradingKernel(options: KernelOptions = {}): Promise<GradingKernel> {
  // Inside the repository, so that "data-academy" and its types resolve through the repo's
  // node_modules exactly as in JupyterLab (a symlinked node_modules breaks tslab's type emit).
  mkdirSync(scratchRoot, { recursive: true });
  const scratchDir = mkdtempSync(join(scratchRoot, "grade-"));
  mkdirSync(join(scratchDir, "user"));
  // The kernel gets its own copy of the self-check definitions: a kernel running as another uid
  // may not be able to read the instructor's folder (a private temporary folder, say).
  const exercisesDir = join(scratchDir, ".exercises");
  const exercisesFrom = resolve(options.exercisesDir ?? join(repoRoot, "notebooks", "exercises"));
  if (existsSync(exercisesFrom)) cpSync(exercisesFrom, exercisesDir, { recursive: true });
  let session: KernelSession;
  let sandbox: ReturnType<typeof createSandbox> | undefined;
  try {
    sandbox = createSandbox(
      { writable: [scratchDir], hidden: options.hidden, maxProcesses: options.maxProcesses },
      options.isolation ?? "auto",
    );
    const env = {
      ...sandbox.env,
      DATA_ACADEMY_LAKE: join(repoRoot, "datasets"),
      DATA_ACADEMY_USER_DIR: join(scratchDir, "user"),
      DATA_ACADEMY_EXERCISES: exercisesDir,
    };
    session = await startLocalKernel({
      cwd: scratchDir,
      env,
      cleanEnv: true,
      memoryMb: options.memoryMb,
      startTimeoutMs: options.startTimeoutMs,
      wrap: sandbox.wrap,
    });
  } catch (err) {
    sandbox?.sweep();
    removeScratch(scratchDir);
    throw err;
  }
  const kernelSandbox = sandbox;
  // Load (and type-check) the course library now, while the kernel waits in the pool: the
  // notebook's import cell is then quick, and a short cell timeout measures only the learner's code.
  const warm = await session.execute('import "data-academy";', {
    timeoutMs: options.startTimeoutMs ?? 120_000,
  });
  if (warm.status === "dead") {
    await session.shutdown();
    kernelSandbox.sweep();
    removeScratch(scratchDir);
    throw new Error(`the kernel died while loading the course library (${warm.death ?? "no reason given"})`);
  }
  return {
    session,
    scratchDir,
    isolation: kernelSandbox.description,
    async shutdown() {
      await session.shutdown();
      kernelSandbox.sweep(); // children that left the kernel's process group
      removeScratch(scratchDir);
    },
  };
}

/** A Jupyter server or kernel gateway that runs the grading kernels (`academy grade --server`). */
export interface GradingServer {
  url: string;
  token: string;
  kernelName?: string;
}

/**
 * One grading kernel on a server or gateway: a fresh kernel per submission, started there and
 * driven from here; restoring cells, observations and scoring stay in the grader. The kernel's
 * isolation is the server's (a gateway on Kubernetes gives each kernel its own pod); each kernel
 * gets its own user zone in a new temporary folder on the kernel's machine, removed at the end.
 */
export async function startServerGradingKernel(
  server: GradingServer,
  options: { startTimeoutMs?: number } = {},
): Promise<GradingKernel> {
  const session = await startServerKernel({
    baseUrl: server.url,
    token: server.token,
    kernelName: server.kernelName,
    startTimeoutMs: options.startTimeoutMs,
  });
  const setUp = [
    'import "data-academy";',
    'process.env.DATA_ACADEMY_USER_DIR = require("node:fs").mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "academy-user-"));',
  ].join("\n");
  const warm = await session.execute(setUp, { timeoutMs: options.startTimeoutMs ?? 120_000 });
  if (warm.status !== "ok") {
    await session.shutdown();
    throw new Error(
      `the kernel on ${server.url} could not load the course library (${warm.status}${warm.death ? `: ${warm.death}` : ""}): is the course installed in the kernel's image?`,
    );
  }
  return {
    session,
    scratchDir: "",
    isolation: `server ${server.url}, kernel "${server.kernelName ?? "tslab"}": isolated as that server runs its kernels`,
    async shutdown() {
      // Best effort: the kernel removes its own user zone, then the server removes the kernel.
      await session
        .execute(
          'require("node:fs").rmSync(process.env.DATA_ACADEMY_USER_DIR, { recursive: true, force: true });',
          { timeoutMs: 5_000 },
        )
        .catch(() => undefined);
      await session.shutdown();
    },
  };
}
