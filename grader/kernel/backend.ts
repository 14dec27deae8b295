/**
 * What both backends (`zmq/local.ts`, `server/jupyter-server.ts`) are built from, besides the
 * execute policy in `request.ts`: death tracking, the execute requests in flight, and starting a
 * kernel so that one which never gets ready is cleaned up.
 */
import { OutputCollector } from "./collector";
import type { ExecuteReplyContent, IopubMessage } from "./messages";
import type { SentRequest } from "./request";
import { defaultLimits, type ExecuteOptions } from "./session";

/** The base of both backends: a kernel's death, recorded once (the first reason given wins). */
export abstract class DeathTracking {
  private reason: string | undefined;
  private resolveDied!: (reason: string) => void;
  /** Resolves with the reason once the kernel is dead; never rejects. */
  readonly died = new Promise<string>((resolve) => (this.resolveDied = resolve));

  /** Why the kernel died; undefined while it lives. */
  get death(): string | undefined {
    return this.reason;
  }

  protected markDead(reason: string): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.resolveDied(reason);
  }
}

/**
 * One execute_request in flight: the backend feeds it the messages that answer it (by parent
 * msg_id), `executeWithLimits` waits on its reply and idle.
 */
export class PendingExecute implements SentRequest {
  readonly collector: OutputCollector;
  readonly reply: Promise<ExecuteReplyContent>;
  readonly idle: Promise<void>;
  private resolveReply!: (content: ExecuteReplyContent) => void;
  private resolveIdle!: () => void;

  constructor(
    readonly msgId: string,
    options: ExecuteOptions,
  ) {
    this.collector = new OutputCollector(
      options.outputCapBytes ?? defaultLimits.outputCapBytes,
      options.onOutput,
    );
    this.reply = new Promise((resolve) => (this.resolveReply = resolve));
    this.idle = new Promise((resolve) => (this.resolveIdle = resolve));
  }

  /** An iopub message for this request: an output, or the status that ends its outputs. */
  iopub(msg: IopubMessage): void {
    this.collector.add(msg);
    if (this.collector.idle) this.resolveIdle();
  }

  /** The execute_reply for this request (later ones are ignored). */
  replied(content: ExecuteReplyContent): void {
    this.resolveReply(content);
  }
}

/** Waits until a newly made kernel is ready; one that does not get there is shut down before the error goes on. */
export async function readyOrShutdown<K extends { shutdown(): Promise<void> }>(
  kernel: K,
  ready: (kernel: K) => Promise<void>,
): Promise<K> {
  try {
    await ready(kernel);
  } catch (err) {
    await kernel.shutdown();
    throw err;
  }
  return kernel;
}
