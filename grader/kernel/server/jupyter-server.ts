/**
 * The server backend: a kernel on any Jupyter Server, JupyterHub user server or Jupyter Enterprise
 * Gateway, driven through @jupyterlab/services (REST to start, interrupt and delete; the kernel
 * WebSocket for messages). The execute policy is the same as the local backend's (`request.ts`);
 * this file only supplies the Channel.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { KernelAPI, KernelConnection, ServerConnection, SessionAPI } from "@jupyterlab/services";
import type { Kernel, KernelMessage } from "@jupyterlab/services";
import WebSocket from "ws";
import { DeathTracking, PendingExecute, readyOrShutdown } from "../backend";
import { KernelClosedError, KernelStartError } from "../errors";
import { isExecuteReplyMsg, isIopubMsg, type Message } from "../messages";
import { executeWithLimits, type Channel, type SentRequest } from "../request";
import { defaultLimits, type ExecuteOptions, type ExecuteResult, type KernelSession } from "../session";
import { raceTimeout } from "../timeout";
import { validateMessage } from "../validate";

export interface ServerKernelOptions {
  /** The server's base URL, e.g. http://127.0.0.1:8888 (a JupyterHub user server: .../user/<name>). */
  baseUrl: string;
  token: string;
  /** Kernel spec name on the server. */
  kernelName?: string;
  /**
   * A notebook path relative to the server's root: the kernel is then started in a session for
   * it, so its working directory is the notebook's folder (as in JupyterLab). Without it, the
   * kernel starts in the server's root.
   */
  path?: string;
  /** How long to wait for the kernel to answer kernel_info. */
  startTimeoutMs?: number;
}

/** Connection settings for @jupyterlab/services from Node (fetch is built in; the WebSocket comes from `ws`). */
export function serverSettings(baseUrl: string, token: string): ServerConnection.ISettings {
  const url = baseUrl.replace(/\/?$/, "/");
  return ServerConnection.makeSettings({
    baseUrl: url,
    wsUrl: url.replace(/^http/, "ws"),
    token,
    appendToken: true,
    // ws has all of the DOM WebSocket that @jupyterlab/services uses, not all of its type (dispatchEvent).
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
}

export async function startServerKernel(options: ServerKernelOptions): Promise<KernelSession> {
  const settings = serverSettings(options.baseUrl, options.token);
  const name = options.kernelName ?? "tslab";
  let sessionId: string | undefined;
  let model: Kernel.IModel;
  try {
    if (options.path !== undefined) {
      const session = await SessionAPI.startSession(
        {
          path: options.path,
          name: options.path.split("/").pop() ?? options.path,
          type: "notebook",
          kernel: { name },
        },
        settings,
      );
      sessionId = session.id;
      model = session.kernel!;
    } else {
      // No `env` in the request: a gateway then starts the kernel with its own environment, which
      // a kernel image relies on (an `env` replaces it on Kernel Gateway).
      model = await KernelAPI.startNew({ name }, settings);
    }
  } catch (err) {
    throw new KernelStartError(
      `could not start a "${name}" kernel on ${options.baseUrl}`,
      describeRefusal(err),
    );
  }
  const connection = new KernelConnection({ model, serverSettings: settings, handleComms: false });
  const kernel = new ServerKernel(connection, settings, sessionId);
  return readyOrShutdown(kernel, (k) => k.ready(options.startTimeoutMs ?? defaultLimits.startTimeoutMs));
}

/** What a server's refusal says: its HTTP status and reason when there is one (a ResponseError's message is often empty). */
function describeRefusal(err: unknown): string {
  if (err instanceof ServerConnection.ResponseError) {
    const { status, statusText } = err.response;
    return [`HTTP ${status}${statusText ? ` ${statusText}` : ""}`, err.message]
      .filter((t) => t.trim() !== "")
      .join(": ");
  }
  return err instanceof Error ? err.message : String(err);
}

/** Server statuses that mean the kernel we were given is gone (a restarted kernel has lost its state). */
const DEAD_STATUSES = new Set<string>(["dead", "restarting", "autorestarting"]);

class ServerKernel extends DeathTracking implements KernelSession, Channel {
  readonly backend = "server" as const;
  readonly pid = undefined;
  private closed = false;
  private readonly futures = new Map<
    string,
    Kernel.IShellFuture<KernelMessage.IExecuteRequestMsg, KernelMessage.IExecuteReplyMsg>
  >();

  constructor(
    private readonly connection: KernelConnection,
    private readonly settings: ServerConnection.ISettings,
    private readonly sessionId: string | undefined,
  ) {
    super();
    connection.statusChanged.connect((_, status) => {
      if (DEAD_STATUSES.has(status)) this.markDead(`the kernel died (the server reports it ${status})`);
    });
  }

  async ready(timeoutMs: number): Promise<void> {
    const answered = Promise.race([
      this.connection.info.then(() => "ready" as const),
      this.died.then(() => "dead" as const),
    ]);
    const outcome = await raceTimeout(answered, timeoutMs);
    if (outcome === "late")
      throw new KernelStartError(`the kernel did not answer kernel_info within ${timeoutMs} ms`);
    if (outcome === "dead") throw new KernelStartError(`the kernel died while starting (${this.death})`);
  }

  execute(code: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    if (this.closed) return Promise.reject(new KernelClosedError("execute"));
    return executeWithLimits(this, code, options);
  }

  send(code: string, options: ExecuteOptions): SentRequest {
    const content = { code, silent: false, store_history: true, allow_stdin: false, stop_on_error: false };
    const future = this.connection.requestExecute(content, true);
    const request = new PendingExecute(future.msg.header.msg_id, options);
    future.onIOPub = (msg: KernelMessage.IIOPubMessage) => {
      const checked = checkedMessage(msg);
      if (checked && isIopubMsg(checked)) request.iopub(checked);
    };
    future.onReply = (msg: KernelMessage.IExecuteReplyMsg) => {
      const checked = checkedMessage(msg);
      if (checked && isExecuteReplyMsg(checked)) request.replied(checked.content);
    };
    // A disposed future (kernel gone, or an aborted reply) rejects `done`; death is reported through `died`.
    future.done.catch(() => {});
    this.futures.set(request.msgId, future);
    return request;
  }

  forget(msgId: string): void {
    const future = this.futures.get(msgId);
    this.futures.delete(msgId);
    if (future && !future.isDisposed) {
      future.onIOPub = () => {};
      future.onReply = () => {};
    }
  }

  async interrupt(): Promise<void> {
    if (this.death !== undefined) return;
    try {
      await KernelAPI.interruptKernel(this.connection.id, this.settings);
    } catch {
      // a kernel that is gone cannot be interrupted; death is reported through `died`
    }
  }

  async kill(reason: string): Promise<void> {
    this.markDead(reason);
    await this.deleteKernel();
  }

  async isAlive(timeoutMs = 2_000): Promise<boolean> {
    if (this.death !== undefined || this.closed) return false;
    try {
      const model = await raceTimeout(KernelAPI.getKernelModel(this.connection.id, this.settings), timeoutMs);
      return model !== undefined && model !== "late" && !DEAD_STATUSES.has(model.execution_state ?? "");
    } catch {
      return false;
    }
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.markDead(this.death ?? "shut down");
    await this.deleteKernel();
  }

  private async deleteKernel(): Promise<void> {
    const id = this.connection.id;
    // After a death the server restarts the kernel and the connection reconnects by itself; disposing
    // it mid-reconnect leaves a rejected promise inside @jupyterlab/services, so let that settle first.
    await this.connectionSettled(5_000);
    this.connection.dispose();
    if (this.sessionId !== undefined)
      await SessionAPI.shutdownSession(this.sessionId, this.settings).catch(() => {});
    // Deleting a session deletes its kernel, and a DELETE during an automatic restart can be lost:
    // repeat until the server no longer knows the kernel.
    for (let attempt = 0; attempt < 10; attempt++) {
      const model = await KernelAPI.getKernelModel(id, this.settings).catch(() => undefined);
      if (model === undefined) return;
      if (attempt > 0) await sleep(500);
      await KernelAPI.shutdownKernel(id, this.settings).catch(() => {});
    }
  }

  private async connectionSettled(timeoutMs: number): Promise<void> {
    if (this.connection.connectionStatus !== "connecting") return;
    let settle = () => {};
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const onChange = (_: unknown, status: string) => {
      if (status !== "connecting") settle();
    };
    this.connection.connectionStatusChanged.connect(onChange);
    try {
      await raceTimeout(settled, timeoutMs);
    } finally {
      this.connection.connectionStatusChanged.disconnect(onChange);
    }
  }
}

/** Messages from the server are checked where they arrive, exactly as the local backend checks its frames. */
function checkedMessage(msg: KernelMessage.IMessage): Message | undefined {
  const plain: unknown = {
    header: msg.header,
    parent_header: msg.parent_header,
    metadata: msg.metadata,
    content: msg.content,
  };
  try {
    validateMessage(plain);
    return plain;
  } catch {
    return undefined; // not a message we read (InvalidMessageError)
  }
}
