/**
 * What both backends share: sending one execute_request and waiting for it under the limits.
 * The backend supplies a `Channel` (send, interrupt, kill, death); this file holds the policy:
 * resend after tslab's `abort`, the per-cell timeout (interrupt, then kill after a grace period),
 * the output cap, and the wait for iopub "idle" after the reply.
 */
import type { OutputCollector } from "./collector";
import type { ExecuteReplyContent } from "./messages";
import { defaultLimits, type ExecuteOptions, type ExecuteResult, type LimitHit } from "./session";

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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** tslab refuses requests for 200 ms after an error (it answers `abort`); we wait this long, then resend. */
const ABORT_WINDOW_MS = 220;
const MAX_RESENDS = 5;

type Outcome = { kind: "reply"; content: ExecuteReplyContent } | { kind: "dead"; reason: string } | { kind: "timeout" };

export async function executeWithLimits(channel: Channel, code: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
  const timeoutMs = options.timeoutMs ?? defaultLimits.cellTimeoutMs;
  const graceMs = options.interruptGraceMs ?? defaultLimits.interruptGraceMs;
  const started = Date.now();
  const limits: LimitHit[] = [];

  if (channel.death !== undefined) {
    return { status: "dead", outputs: [], executionCount: null, msgId: "", durationMs: 0, limits, death: channel.death };
  }

  for (let attempt = 0; ; attempt++) {
    const request = channel.send(code, options);
    const finish = (status: ExecuteResult["status"], executionCount: number | null = null): ExecuteResult => {
      channel.forget(request.msgId);
      if (request.collector.droppedBytes > 0) {
        limits.push({ limit: "output-cap", detail: `output over ${options.outputCapBytes ?? defaultLimits.outputCapBytes} bytes; ${request.collector.droppedBytes} bytes dropped` });
      }
      const death = status === "dead" ? channel.death : undefined;
      const kernelMs = request.collector.kernelMs();
      return {
        status,
        outputs: request.collector.result(),
        executionCount,
        msgId: request.msgId,
        durationMs: Date.now() - started,
        ...(kernelMs !== undefined ? { kernelMs } : {}),
        limits,
        death,
      };
    };

    const dead = channel.died.then((reason): Outcome => ({ kind: "dead", reason }));
    const replied = request.reply.then((content): Outcome => ({ kind: "reply", content }));
    let timer: NodeJS.Timeout | undefined;
    const timedOut =
      timeoutMs > 0
        ? new Promise<Outcome>((resolve) => {
            timer = setTimeout(() => resolve({ kind: "timeout" }), Math.max(0, timeoutMs - (Date.now() - started)));
          })
        : new Promise<Outcome>(() => {});
    let outcome = await Promise.race([replied, dead, timedOut]);
    clearTimeout(timer);

    if (outcome.kind === "timeout") {
      limits.push({ limit: "cell-timeout", detail: `cell still running after ${timeoutMs} ms; interrupted` });
      await channel.interrupt();
      let grace: NodeJS.Timeout | undefined;
      const graceOver = new Promise<"grace-over">((resolve) => {
        grace = setTimeout(() => resolve("grace-over"), graceMs);
      });
      const afterInterrupt = await Promise.race([replied, dead, graceOver]);
      clearTimeout(grace);
      if (afterInterrupt === "grace-over") {
        await channel.kill(`killed: the cell did not stop within ${graceMs} ms of an interrupt`);
        return finish("dead");
      }
      if (afterInterrupt.kind === "dead") return finish("dead");
      await waitForIdle(request, dead);
      return finish("timeout", afterInterrupt.kind === "reply" ? afterInterrupt.content.execution_count ?? null : null);
    }
    if (outcome.kind === "dead") return finish("dead");

    const status = outcome.content.status;
    if ((status === "abort" || status === "aborted") && attempt < MAX_RESENDS) {
      channel.forget(request.msgId);
      await sleep(ABORT_WINDOW_MS);
      continue;
    }
    const idle = await waitForIdle(request, dead);
    if (idle === "dead") return finish("dead");
    outcome = outcome as Extract<Outcome, { kind: "reply" }>;
    return finish(status === "ok" ? "ok" : "error", outcome.content.execution_count ?? null);
  }
}

/** Waits for iopub "idle" for the request, at most iopubTimeoutMs after the reply (as nbclient does). */
async function waitForIdle(request: SentRequest, dead: Promise<unknown>): Promise<"idle" | "dead" | "late"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), defaultLimits.iopubTimeoutMs);
  });
  const result = await Promise.race([request.idle.then(() => "idle" as const), dead.then(() => "dead" as const), late]);
  clearTimeout(timer);
  return result;
}
