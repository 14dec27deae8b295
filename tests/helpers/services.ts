/**
 * Talking to a Jupyter server from Node with @jupyterlab/services (fetch is built into Node 20;
 * the WebSocket comes from `ws`).
 */
import { KernelMessage, ServerConnection } from "@jupyterlab/services";
import type { Kernel } from "@jupyterlab/services";
import WebSocket from "ws";

export function serverSettings(url: string, token: string): ServerConnection.ISettings {
  return ServerConnection.makeSettings({
    baseUrl: `${url}/`,
    wsUrl: `${url.replace(/^http/, "ws")}/`,
    token,
    appendToken: true,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
}

export interface CellRun {
  status: string;
  stdout: string;
  stderr: string;
  /** text/plain of the execute_result, if any. */
  result?: string;
  displays: Record<string, unknown>[];
}

/** Runs one cell and collects its outputs by parent message until the kernel is idle again. */
export async function runCell(kernel: Kernel.IKernelConnection, code: string): Promise<CellRun> {
  const run: CellRun = { status: "", stdout: "", stderr: "", displays: [] };
  const future = kernel.requestExecute({ code, stop_on_error: false });
  future.onIOPub = (msg) => {
    if (KernelMessage.isStreamMsg(msg)) {
      if (msg.content.name === "stdout") run.stdout += msg.content.text;
      else run.stderr += msg.content.text;
    } else if (KernelMessage.isExecuteResultMsg(msg)) {
      run.result = String(msg.content.data["text/plain"]);
    } else if (KernelMessage.isDisplayDataMsg(msg)) {
      run.displays.push(msg.content.data as Record<string, unknown>);
    }
  };
  const reply = await future.done;
  run.status = reply.content.status;
  return run;
}
