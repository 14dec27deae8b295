/**
 * Turns the iopub messages of one execute_request into nbformat outputs, in arrival order,
 * keeping at most `capBytes` of output (the rest is counted and dropped, so a console flood cannot
 * exhaust the grader's memory). Shared by both backends.
 */
import type { Output } from "../notebook/nbformat";
import {
  isClearOutputMsg,
  isDisplayDataMsg,
  isErrorMsg,
  isExecuteResultMsg,
  isStatusMsg,
  isStreamMsg,
  type IopubMessage,
} from "./messages";

export class OutputCollector {
  readonly outputs: Output[] = [];
  keptBytes = 0;
  droppedBytes = 0;
  idle = false;
  /** When the kernel reported busy and idle for this request (its own clock, from the message headers). */
  busyAt: number | undefined;
  idleAt: number | undefined;
  private clearOnNext = false;

  constructor(
    private readonly capBytes: number,
    private readonly onOutput?: (output: Output) => void,
  ) {}

  /** Feeds one iopub message whose parent is this request. */
  add(msg: IopubMessage): void {
    if (isStatusMsg(msg)) {
      const state = msg.content.execution_state;
      const at = Date.parse(msg.header.date);
      if (state === "busy" && this.busyAt === undefined) this.busyAt = at;
      if (state === "idle") {
        this.idle = true;
        this.idleAt = at;
      }
      return;
    }
    if (isClearOutputMsg(msg)) {
      if (msg.content.wait) this.clearOnNext = true;
      else this.clear();
      return;
    }
    const output = toOutput(msg);
    if (output === undefined) return;
    if (this.clearOnNext) this.clear();
    this.push(output);
  }

  /** The kernel's own time for the request, busy to idle, in ms (undefined if a status was missed). */
  kernelMs(): number | undefined {
    if (this.busyAt === undefined || this.idleAt === undefined) return undefined;
    const ms = this.idleAt - this.busyAt;
    return Number.isFinite(ms) ? ms : undefined;
  }

  /** Outputs with consecutive stream chunks merged, plus a note when the cap dropped some. */
  result(): Output[] {
    const merged: Output[] = [];
    for (const output of this.outputs) {
      const last = merged[merged.length - 1];
      if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) {
        last.text = String(last.text) + String(output.text);
      } else {
        merged.push(output.output_type === "stream" ? { ...output } : output);
      }
    }
    if (this.droppedBytes > 0) {
      merged.push({
        output_type: "stream",
        name: "stderr",
        text: `\n[academy] output limit reached: kept ${this.keptBytes} bytes, dropped ${this.droppedBytes} bytes.\n`,
      });
    }
    return merged;
  }

  private clear(): void {
    this.outputs.length = 0;
    this.keptBytes = 0;
    this.clearOnNext = false;
  }

  private push(output: Output): void {
    const size = sizeOf(output);
    const room = this.capBytes - this.keptBytes;
    if (size <= room) {
      this.outputs.push(output);
      this.keptBytes += size;
      this.onOutput?.(output);
      return;
    }
    // A stream chunk is cut to what fits; a display that does not fit whole is dropped whole.
    if (output.output_type === "stream" && room > 0) {
      const kept = cutAtCharBoundary(String(output.text), room);
      const partial: Output = { ...output, text: kept };
      this.outputs.push(partial);
      this.keptBytes += Buffer.byteLength(kept);
      this.droppedBytes += size - Buffer.byteLength(kept);
      this.onOutput?.(partial);
      return;
    }
    this.droppedBytes += size;
  }
}

/** The longest start of `text` that fits in `maxBytes` of UTF-8 without splitting a character. */
function cutAtCharBoundary(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text);
  if (bytes.length <= maxBytes) return text;
  let end = Math.max(0, maxBytes);
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--; // bytes[end] continues the character before it
  return bytes.subarray(0, end).toString("utf8");
}

/** The nbformat output for an iopub message, or undefined for one that is not an output (status, update...). */
function toOutput(msg: IopubMessage): Output | undefined {
  if (isStreamMsg(msg)) return { output_type: "stream", name: msg.content.name, text: msg.content.text };
  if (isDisplayDataMsg(msg)) {
    const { data, metadata } = msg.content;
    return { output_type: "display_data", data, metadata: metadata ?? {} };
  }
  if (isExecuteResultMsg(msg)) {
    const { data, metadata, execution_count } = msg.content;
    return {
      output_type: "execute_result",
      execution_count: execution_count ?? null,
      data,
      metadata: metadata ?? {},
    };
  }
  if (isErrorMsg(msg)) {
    const { ename, evalue, traceback } = msg.content;
    return { output_type: "error", ename, evalue, traceback: traceback ?? [] };
  }
  return undefined;
}

function sizeOf(output: Output): number {
  if (output.output_type === "stream") return Buffer.byteLength(String(output.text));
  return Buffer.byteLength(JSON.stringify(output));
}
