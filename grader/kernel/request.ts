/**
 * What both backends share: sending one execute_request and waiting for it under the limits.
 * The backend supplies a `Channel` (send, interrupt, kill, death); this file holds the policy:
 * resend after tslab's `abort`, the per-cell timeout (interrupt, then kill after a grace period),
 * the output cap, and the wait for iopub "idle" after the reply (a late idle is a limit, as
 * nbclient's iopub_timeout).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { OutputCollector } from "./collector";
import type { ExecuteReplyContent } from "./messages";
import { defaultLimits, type ExecuteOptions, type ExecuteResult, type LimitHit } from "./session";
import { raceTimeout } from "./timeout";

export interface SentRequest {
  msgId: string;
  collector: OutputCollector;
  /** Resolves with the execute_reply content. */
  reply: Promise<ExecuteReplyContent>;
  /** Resolves when iopub reports idle for this request. */
  idle: Promise<void>;
}

export interface Channel {
  send(code: string, options: ExecuteOptions): SentRequest;
  /** Stops routing messages for a request we are done with. */
  forget(msgId: string): void;
  interrupt(): Promise<void>;
  kill(reason: string): Promise<void>;
  /** Resolves with the reason once the kernel is dead; never rejects. */
  readonly died: Promise<string>;
  readonly death: string | undefined;
}

/** How a late iopub idle is described in a limit's detail; grading recognises it by this (see isIopubTimeout). */
const IOPUB_TIMEOUT_DETAIL = "the kernel replied, but its outputs did not end (no iopub idle)";

/** True for the detail of a late iopub idle, even where a report had to call the limit a cell timeout. */
export function isIopubTimeout(hit: LimitHit): boolean {
  return hit.limit === "iopub-timeout" || hit.detail.startsWith(IOPUB_TIMEOUT_DETAIL);
}

/** tslab refuses requests for 200 ms after an error (it answers `abort`); we wait this long, then resend. */
export const ABORT_WINDOW_MS = 220;
export const MAX_RESENDS = 5;

/** What ended the wait for a reply. */
type Outcome = { kind: "reply"; content: ExecuteReplyContent } | { kind: "dead" } | { kind: "timeout" };

/** How a cell ended, before its outputs are collected into the result. */
interface CellEnd {
  status: ExecuteResult["status"];
  executionCount: number | null;
  limits: LimitHit[];
}

/** The limits of one call, defaults filled in. */
interface Limits {
  timeoutMs: number;
  graceMs: number;
  iopubTimeoutMs: number;
  outputCapBytes: number;
}

/** Runs `code` once under the limits in `options`; every outcome (error, timeout, death) is a result. */
export async function executeWithLimits(
  channel: Channel,
  code: string,
  options: ExecuteOptions = {},
): Promise<ExecuteResult> {
  const started = Date.now();
  if (channel.death !== undefined) return notSent(channel.death);
  const limits: Limits = {
    timeoutMs: options.timeoutMs ?? defaultLimits.cellTimeoutMs,
    graceMs: options.interruptGraceMs ?? defaultLimits.interruptGraceMs,
    iopubTimeoutMs: options.iopubTimeoutMs ?? defaultLimits.iopubTimeoutMs,
    outputCapBytes: options.outputCapBytes ?? defaultLimits.outputCapBytes,
  };
  const deadline = limits.timeoutMs > 0 ? started + limits.timeoutMs : Infinity;
  const { request, outcome } = await sendPastAborts(channel, code, options, deadline);
  const end = await endOf(channel, request, outcome, limits);
  return resultOf(channel, request, end, started, limits);
}

/** A kernel already dead gets nothing sent. */
function notSent(death: string): ExecuteResult {
  return { status: "dead", outputs: [], executionCount: null, msgId: "", durationMs: 0, limits: [], death };
}

/**
 * Sends the request and waits for the first of reply, death and cell timeout. An `abort` reply
 * (tslab's window after an error) is answered by sending again once the window is over, at most
 * MAX_RESENDS times; the last request sent is the one whose outputs count.
 */
async function sendPastAborts(
  channel: Channel,
  code: string,
  options: ExecuteOptions,
  deadline: number,
  resendsLeft = MAX_RESENDS,
): Promise<{ request: SentRequest; outcome: Outcome }> {
  const request = channel.send(code, options);
  const outcome = await replyOrDeath(channel, request, deadline - Date.now());
  if (outcome === "late") return { request, outcome: { kind: "timeout" } };
  if (outcome.kind !== "reply" || !isAbort(outcome.content) || resendsLeft === 0) return { request, outcome };
  channel.forget(request.msgId);
  await sleep(ABORT_WINDOW_MS);
  return sendPastAborts(channel, code, options, deadline, resendsLeft - 1);
}

function isAbort(reply: ExecuteReplyContent): boolean {
  return reply.status === "abort" || reply.status === "aborted";
}

/** The reply or the kernel's death, whichever comes first, or "late" after `ms`. */
function replyOrDeath(channel: Channel, request: SentRequest, ms: number): Promise<Outcome | "late"> {
  const replied = request.reply.then((content): Outcome => ({ kind: "reply", content }));
  const dead = channel.died.then((): Outcome => ({ kind: "dead" }));
  return raceTimeout(Promise.race([replied, dead]), ms);
}

/** What follows the first outcome: nothing after a death, the interrupt after a timeout, the idle after a reply. */
function endOf(channel: Channel, request: SentRequest, outcome: Outcome, limits: Limits): Promise<CellEnd> {
  switch (outcome.kind) {
    case "dead":
      return Promise.resolve({ status: "dead", executionCount: null, limits: [] });
    case "timeout":
      return interruptCell(channel, request, limits);
    case "reply":
      return awaitIdle(channel, request, outcome.content, limits);
  }
}

/** The cell timeout: SIGINT, then a grace period for the kernel to answer, then kill. */
async function interruptCell(channel: Channel, request: SentRequest, limits: Limits): Promise<CellEnd> {
  const { timeoutMs, graceMs, iopubTimeoutMs } = limits;
  const hits: LimitHit[] = [
    { limit: "cell-timeout", detail: `cell still running after ${timeoutMs} ms; interrupted` },
  ];
  await channel.interrupt();
  const answer = await replyOrDeath(channel, request, graceMs);
  if (answer === "late") {
    await channel.kill(`killed: the cell did not stop within ${graceMs} ms of an interrupt`);
    return { status: "dead", executionCount: null, limits: hits };
  }
  if (answer.kind !== "reply") return { status: "dead", executionCount: null, limits: hits };
  // The interrupted cell's last outputs (the interrupt's own error) come before its idle.
  await raceTimeout(Promise.race([request.idle, channel.died]), iopubTimeoutMs);
  return { status: "timeout", executionCount: answer.content.execution_count ?? null, limits: hits };
}

/**
 * After the reply, iopub's idle ends the cell's outputs. If it does not come within the iopub
 * timeout, the outputs may be incomplete: that is reported as a limit, not taken as success.
 */
async function awaitIdle(
  channel: Channel,
  request: SentRequest,
  reply: ExecuteReplyContent,
  limits: Limits,
): Promise<CellEnd> {
  const idleOrDeath = Promise.race([
    request.idle.then(() => "idle" as const),
    channel.died.then(() => "dead" as const),
  ]);
  const idle = await raceTimeout(idleOrDeath, limits.iopubTimeoutMs);
  const executionCount = reply.execution_count ?? null;
  if (idle === "dead") return { status: "dead", executionCount: null, limits: [] };
  if (idle === "late") {
    const detail = `${IOPUB_TIMEOUT_DETAIL} within ${limits.iopubTimeoutMs} ms; they may be incomplete`;
    // As nbclient does by default: the limit is reported and the cell keeps its reply's status, so a
    // lost idle (seen about once in 30 notebook runs on a loaded CI machine, outputs complete) does
    // not stop a notebook; grading runs such a submission once more (grade-cohort.ts).
    const status = reply.status === "ok" ? "ok" : "error";
    return { status, executionCount, limits: [{ limit: "iopub-timeout", detail }] };
  }
  return { status: reply.status === "ok" ? "ok" : "error", executionCount, limits: [] };
}

/** The result: the cell's end, its collected outputs, and the output cap if it dropped any. */
function resultOf(
  channel: Channel,
  request: SentRequest,
  end: CellEnd,
  started: number,
  limits: Limits,
): ExecuteResult {
  channel.forget(request.msgId);
  const { collector } = request;
  const dropped = collector.droppedBytes;
  const detail = `output over ${limits.outputCapBytes} bytes; ${dropped} bytes dropped`;
  const capHit: LimitHit[] = dropped > 0 ? [{ limit: "output-cap", detail }] : [];
  const kernelMs = collector.kernelMs();
  return {
    status: end.status,
    outputs: collector.result(),
    executionCount: end.executionCount,
    msgId: request.msgId,
    durationMs: Date.now() - started,
    ...(kernelMs !== undefined ? { kernelMs } : {}),
    limits: [...end.limits, ...capHit],
    death: end.status === "dead" ? channel.death : undefined,
  };
}
