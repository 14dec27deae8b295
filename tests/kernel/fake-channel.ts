/**
 * A backend without a kernel, for unit tests of the execute policy (`request.ts`): each request sent
 * is handed to `answer`, which plays the kernel (reply, iopub, nothing at all).
 */
import { DeathTracking, PendingExecute } from "../../grader/kernel/backend";
import type { Channel } from "../../grader/kernel/request";
import type { ExecuteOptions } from "../../grader/kernel/session";

export class FakeChannel extends DeathTracking implements Channel {
  readonly sent: PendingExecute[] = [];
  readonly forgotten: string[] = [];
  interrupts = 0;
  /** What `interrupt()` does, besides counting (e.g. answer the request). */
  onInterrupt: (request: PendingExecute) => void = () => {};

  constructor(private readonly answer: (request: PendingExecute, attempt: number) => void) {
    super();
  }

  send(_code: string, options: ExecuteOptions): PendingExecute {
    const request = new PendingExecute(`request-${this.sent.length + 1}`, options);
    this.sent.push(request);
    this.answer(request, this.sent.length);
    return request;
  }

  forget(msgId: string): void {
    this.forgotten.push(msgId);
  }

  async interrupt(): Promise<void> {
    this.interrupts++;
    this.onInterrupt(this.sent[this.sent.length - 1]);
  }

  async kill(reason: string): Promise<void> {
    this.markDead(reason);
  }

  die(reason: string): void {
    this.markDead(reason);
  }
}
