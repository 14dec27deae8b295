/**
 * One interface for a running kernel, whichever backend runs it: `zmq/local.ts` (tslab started
 * here, ZeroMQ wire protocol) or `server/jupyter-server.ts` (any Jupyter Server or Gateway).
 * `execute/` and `grade/` only see this interface.
 */
import type { Output } from "../notebook/nbformat";

/** Limits applied to a single execute call. */
export interface ExecuteOptions {
  /** Interrupt the cell (SIGINT) after this long; 0 means never. */
  timeoutMs?: number;
  /** After an interrupt, how long to wait for the kernel to answer before killing it. */
  interruptGraceMs?: number;
  /** Keep at most this many bytes of output per cell; the rest is counted and dropped. */
  outputCapBytes?: number;
  /** After the execute_reply, how long to wait for iopub to report idle (the end of the cell's outputs). */
  iopubTimeoutMs?: number;
  /** Called with each output as it arrives (before stream merging). */
  onOutput?(output: Output): void;
}

/** A limit that was hit while running a cell, with what happened. */
export interface LimitHit {
  limit: "cell-timeout" | "notebook-timeout" | "iopub-timeout" | "output-cap" | "memory" | "kernel-death";
  detail: string;
}

export interface ExecuteResult {
  /**
   * ok: the kernel ran the cell without error. error: the code raised or failed to compile (the text
   * is in the stderr outputs). timeout: interrupted by the cell timeout. iopub-timeout: the kernel
   * replied, but iopub did not report idle within the iopub timeout, so the outputs may be incomplete
   * (nbclient's iopub_timeout). dead: the kernel died or was killed.
   */
  status: "ok" | "error" | "timeout" | "dead";
  outputs: Output[];
  executionCount: number | null;
  /** msg_id of the execute_request whose outputs these are (the last one sent, after any resend). */
  msgId: string;
  /** Wall time from sending the request to the kernel going idle, in ms. */
  durationMs: number;
  /** The kernel's own time for the cell (its busy to idle status, by its clock), in ms, when both arrived. */
  kernelMs?: number;
  limits: LimitHit[];
  /** Why the kernel is gone, when status is "dead" (exit code, signal, memory limit...). */
  death?: string;
}

export interface KernelSession {
  readonly backend: "local" | "server";
  /** Process id of the kernel for the local backend, else undefined. */
  readonly pid?: number;
  execute(code: string, options?: ExecuteOptions): Promise<ExecuteResult>;
  /** Sends an interrupt (SIGINT for tslab). */
  interrupt(): Promise<void>;
  /** Resolves true when the kernel answers a heartbeat (local) or reports itself alive (server). */
  isAlive(timeoutMs?: number): Promise<boolean>;
  /** Why the kernel died, once it has; undefined while it lives. */
  readonly death: string | undefined;
  /** Stops the kernel and everything it started; safe to call twice. */
  shutdown(): Promise<void>;
}

export interface KernelStartOptions {
  /** Working directory of the kernel (the notebook's folder, as in JupyterLab). */
  cwd: string;
  /** V8 heap cap for the kernel, in MiB (node --max-old-space-size). */
  memoryMb?: number;
  /** How long to wait for the kernel to answer kernel_info. */
  startTimeoutMs?: number;
  /** Extra environment for the kernel process (local backend). */
  env?: Record<string, string>;
}

export const defaultLimits = {
  cellTimeoutMs: 60_000,
  notebookTimeoutMs: 600_000,
  interruptGraceMs: 3_000,
  outputCapBytes: 2 * 1024 * 1024,
  memoryMb: 2048,
  startTimeoutMs: 30_000,
  /**
   * After the execute_reply, how long to wait for the iopub "idle" (as nbclient's iopub_timeout).
   * nbclient's 4 s was too short on a loaded 2-core CI machine: a starved kernel's outputs and idle
   * came more than 4 s after its reply (1 cell in ~300). An idle that never comes (a console flood
   * past ZeroMQ's queue) costs this long once.
   */
  iopubTimeoutMs: 15_000,
} as const;
