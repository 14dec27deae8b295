/**
 * The local backend: the grader starts `tslab kernel` itself and speaks the Jupyter wire protocol
 * to it over ZeroMQ (shell and control: Dealer; iopub: Subscriber; heartbeat: Request).
 *
 * Lifecycle, as nbclient's client.py: write a connection file, spawn the kernel in its own process
 * group, send kernel_info until it answers (and iopub delivers its status), then execute cells
 * through `executeWithLimits`. Shutdown asks politely, then kills the whole process group, closes
 * the sockets and removes the private folder. Nothing is left behind, even if the grader exits early.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import * as zmq from "zeromq";
import { graderRoot } from "../../paths";
import { DeathTracking, PendingExecute, readyOrShutdown } from "../backend";
import { KernelClosedError, KernelStartError } from "../errors";
import {
  createMessage,
  executeRequest,
  isExecuteReplyMsg,
  isIopubMsg,
  isReplyMsg,
  type Envelope,
  type Message,
} from "../messages";
import { executeWithLimits, type Channel, type SentRequest } from "../request";
import { removeScratch } from "../scratch";
import {
  defaultLimits,
  type ExecuteOptions,
  type ExecuteResult,
  type KernelSession,
  type KernelStartOptions,
} from "../session";
import { launcher, snapshotReady } from "../snapshot/build";
import { raceTimeout } from "../timeout";
import { endpoint, writeConnectionFile, type ConnectionFile } from "./connection-file";
import { decode, encode } from "./wire";

/** What a `wrap` hook gets besides the argv: the private folder the kernel must be able to write (its sockets live there). */
export interface WrapContext {
  scratchDir: string;
}

export interface LocalKernelOptions extends KernelStartOptions {
  /**
   * Rewrites the kernel's command line before it is spawned, e.g. to run it inside a sandbox
   * (`["bwrap", ..., ...argv]`). The kernel must still see the connection file and scratch folder.
   */
  wrap?: (argv: string[], context: WrapContext) => string[];
  /**
   * Start the kernel with only a minimal environment (PATH, locale, time zone) plus `env`,
   * not the grader's own: learner code must not read the instructor's tokens and secrets.
   */
  cleanEnv?: boolean;
  /** Start from the snapshot kernel when one fits (default true); false: plain tslab. */
  snapshot?: boolean;
}

/** The variables a clean kernel environment keeps from the grader's. */
const CLEAN_ENV_KEYS = ["PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ"];

function kernelEnv(options: LocalKernelOptions): NodeJS.ProcessEnv {
  const base = options.cleanEnv
    ? Object.fromEntries(
        CLEAN_ENV_KEYS.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]),
      )
    : process.env;
  return {
    ...base,
    // A grading kernel runs files that do not change while it runs: it need not watch them.
    DATA_ACADEMY_KERNEL_WATCH: "0",
    // parent-watch.cjs ends the kernel when its stdin (a pipe the grader holds) ends.
    ACADEMY_PARENT_STDIN: "1",
    ...options.env,
    ...(options.wrap ? {} : { ACADEMY_PARENT_PID: String(process.pid) }),
  };
}

/**
 * The tslab kernel's command line, in one place (the `wrap` hook sees exactly this): the launcher,
 * which starts the snapshot kernel when its snapshot fits this Node and heap size, else plain tslab
 * (grader/kernel/launch.sh); `plain` asks for plain tslab whatever fits.
 */
export function kernelArgv(connectionFile: string, memoryMb: number, { plain = false } = {}): string[] {
  return [
    launcher,
    "--node",
    process.execPath,
    "--memory-mb",
    String(memoryMb),
    ...(plain ? ["--plain"] : []),
    // Ends the kernel if the grader dies without shutting it down (see parent-watch.cjs).
    "--require",
    join(graderRoot, "kernel", "parent-watch.cjs"),
    "--config-path",
    connectionFile,
  ];
}

/** V8 refused the snapshot (built by another Node, or with other flags): Node exits with this code. */
const SNAPSHOT_REFUSED = /exited with code 14\b/;

/**
 * Starts a tslab kernel and resolves once it has answered kernel_info. The snapshot kernel when one
 * fits (built once per heap size if need be, see snapshot/build.ts), unless `snapshot: false`; a
 * kernel whose snapshot V8 refuses is started again as plain tslab.
 */
export async function startLocalKernel(options: LocalKernelOptions): Promise<KernelSession> {
  const startTimeoutMs = options.startTimeoutMs ?? defaultLimits.startTimeoutMs;
  const memoryMb = options.memoryMb ?? defaultLimits.memoryMb;
  const snapshot = options.snapshot !== false && (await snapshotReady(memoryMb));
  const start = (plain: boolean) =>
    readyOrShutdown(new LocalKernel(options, plain), (kernel) => kernel.start(startTimeoutMs));
  if (!snapshot) return start(true);
  try {
    return await start(false);
  } catch (err) {
    if (!(err instanceof KernelStartError && SNAPSHOT_REFUSED.test(err.message))) throw err;
    console.error(`academy: V8 refused the snapshot kernel (${err.message}); starting plain tslab.`);
    return start(true);
  }
}

/** Kernels still running, killed synchronously if the grader exits without shutting them down. */
const running = new Set<LocalKernel>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const kernel of running) {
      kernel.killNow();
      kernel.removeScratch();
    }
  });
}

const RECONNECT_MS = 10;
/** While a kernel starts, kernel_info is sent again this often (iopub misses what it publishes before it connects). */
const PROBE_MS = 100;

/** How much of the kernel process's own stdout/stderr to keep for death reports. */
const LOG_TAIL_BYTES = 16 * 1024;
const HEAP_OOM = /JavaScript heap out of memory|Reached heap limit|Allocation failed - process out of memory/;

class LocalKernel extends DeathTracking implements KernelSession, Channel {
  readonly backend = "local" as const;
  private readonly connection: ConnectionFile;
  private readonly memoryMb: number;
  private readonly process: ChildProcess;
  // Connected before the kernel listens: ZeroMQ retries every 10 ms, not its default 100, so a
  // kernel that starts in half a second is seen at once.
  private readonly shell = new zmq.Dealer({ linger: 0, reconnectInterval: RECONNECT_MS });
  private readonly control = new zmq.Dealer({ linger: 0, reconnectInterval: RECONNECT_MS });
  /** No receive limit: ZeroMQ would otherwise drop iopub messages past 1,000 queued (the cap is applied after). */
  private readonly iopub = new zmq.Subscriber({
    linger: 0,
    receiveHighWaterMark: 0,
    reconnectInterval: RECONNECT_MS,
  });
  /** zeromq 6 allows one send at a time per socket: sends are chained. */
  private shellSending: Promise<unknown> = Promise.resolve();
  private controlSending: Promise<unknown> = Promise.resolve();
  /** Execute requests in flight (and kernel_info probes while starting), by msg_id. */
  private readonly pending = new Map<string, PendingExecute>();
  /** Replies to other requests (kernel_info, shutdown), by msg_id. */
  private readonly waiting = new Map<string, (msg: Message) => void>();
  private readonly sessionId = `academy-${process.pid}-${Date.now().toString(36)}`;
  private logTail = "";
  private closed = false;
  private readonly exited: Promise<void>;

  constructor(options: LocalKernelOptions, plain: boolean) {
    super();
    this.memoryMb = options.memoryMb ?? defaultLimits.memoryMb;
    this.connection = writeConnectionFile();
    const base = kernelArgv(this.connection.path, this.memoryMb, { plain });
    const argv = options.wrap ? options.wrap(base, { scratchDir: this.connection.dir }) : base;
    this.process = spawn(argv[0], argv.slice(1), {
      cwd: options.cwd,
      // A wrapped (sandboxed) kernel has the sandbox as parent, which must end it itself (bwrap --die-with-parent).
      env: kernelEnv(options),
      // stdin: a pipe the grader never writes to; it ends when the grader does (parent-watch.cjs).
      stdio: ["pipe", "pipe", "pipe"],
      detached: true, // its own process group: shutdown kills everything the kernel started
    });
    installExitHook();
    running.add(this);
    const keep = (chunk: Buffer) => {
      this.logTail = (this.logTail + chunk.toString("utf8")).slice(-LOG_TAIL_BYTES);
    };
    this.process.stdout!.on("data", keep);
    this.process.stderr!.on("data", keep);
    this.exited = new Promise((resolve) => {
      this.process.once("exit", (code, signal) => {
        this.markDead(this.describeExit(code, signal));
        resolve();
      });
      this.process.once("error", (err) => {
        this.markDead(`could not start the kernel: ${err.message}`);
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  async start(timeoutMs: number): Promise<void> {
    const { info } = this.connection;
    this.shell.connect(endpoint(info, info.shell_port));
    this.control.connect(endpoint(info, info.control_port));
    this.iopub.connect(endpoint(info, info.iopub_port));
    this.iopub.subscribe();
    void this.readLoop(this.shell);
    void this.readLoop(this.control);
    void this.readLoop(this.iopub);

    // Ready means: kernel_info answered on shell, and iopub delivered a status for one of our
    // requests (a subscriber misses what is published before it is connected). Requests are
    // resent every PROBE_MS; an answer to any of them counts.
    const deadline = Date.now() + timeoutMs;
    const sent: string[] = [];
    let replied = false;
    let iopubSeen = false;
    let wake = () => {};
    try {
      while (!(replied && iopubSeen)) {
        if (this.death !== undefined) {
          throw new KernelStartError(`the kernel died while starting (${this.death})`, this.logTail.trim());
        }
        if (Date.now() > deadline) {
          throw new KernelStartError(
            `the kernel did not answer kernel_info within ${timeoutMs} ms`,
            this.logTail.trim(),
          );
        }
        const changed = new Promise<void>((resolve) => (wake = resolve));
        const request = createMessage("kernel_info_request", {}, this.sessionId);
        const id = request.header.msg_id;
        sent.push(id);
        this.waiting.set(id, () => {
          replied = true;
          wake();
        });
        const probe = new PendingExecute(id, { outputCapBytes: 0 });
        void probe.idle.then(() => {
          iopubSeen = true;
          wake();
        });
        this.pending.set(id, probe);
        this.sendOn("shell", request);
        await raceTimeout(Promise.race([changed, this.died]), PROBE_MS);
      }
    } finally {
      for (const id of sent) {
        this.waiting.delete(id);
        this.pending.delete(id);
      }
    }
  }

  execute(code: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    if (this.closed) return Promise.reject(new KernelClosedError("execute"));
    return executeWithLimits(this, code, options);
  }

  // Channel: what executeWithLimits needs from a backend.

  send(code: string, options: ExecuteOptions): SentRequest {
    const msg = executeRequest(code, this.sessionId);
    const request = new PendingExecute(msg.header.msg_id, options);
    this.pending.set(request.msgId, request);
    this.sendOn("shell", msg);
    return request;
  }

  forget(msgId: string): void {
    this.pending.delete(msgId);
  }

  async interrupt(): Promise<void> {
    if (this.death !== undefined || this.process.pid === undefined) return;
    try {
      // To the process group, as jupyter_client does: a sandboxed kernel is not our direct child.
      process.kill(-this.process.pid, "SIGINT");
    } catch {
      // already gone
    }
  }

  async kill(reason: string): Promise<void> {
    this.markDead(reason);
    this.killNow();
    await this.exited;
  }

  async isAlive(timeoutMs = 2_000): Promise<boolean> {
    if (this.death !== undefined || this.closed) return false;
    const { info } = this.connection;
    const hb = new zmq.Request({ linger: 0, receiveTimeout: timeoutMs, sendTimeout: timeoutMs });
    try {
      hb.connect(endpoint(info, info.hb_port));
      await hb.send("ping");
      const [echo] = await hb.receive();
      return echo.toString() === "ping";
    } catch {
      return false;
    } finally {
      hb.close();
    }
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.death === undefined && this.process.exitCode === null) {
      // Ask first (tslab closes its sockets and exits), then make sure.
      this.sendOn("control", createMessage("shutdown_request", { restart: false }, this.sessionId));
      await raceTimeout(this.exited, 1_000);
    }
    this.markDead(this.death ?? "shut down");
    this.killNow();
    await raceTimeout(this.exited, 5_000);
    running.delete(this);
    for (const socket of [this.shell, this.control, this.iopub]) socket.close();
    this.removeScratch();
  }

  /** SIGKILL to the kernel's whole process group; synchronous, so usable from an exit hook. */
  killNow(): void {
    const pid = this.process.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // the group is gone already
    }
  }

  /** Removes the private folder (connection file and sockets). */
  removeScratch(): void {
    removeScratch(this.connection.dir);
  }

  private describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    if (HEAP_OOM.test(this.logTail))
      return `memory limit: the kernel ran out of its ${this.memoryMb} MiB heap`;
    if (signal) return `the kernel was killed by ${signal}`;
    return `the kernel exited with code ${code}`;
  }

  private sendOn(channel: "shell" | "control", msg: Envelope): void {
    const socket = channel === "shell" ? this.shell : this.control;
    const frames = encode(msg, this.connection.info.key);
    const sending = (channel === "shell" ? this.shellSending : this.controlSending)
      .then(() => socket.send(frames))
      .catch(() => {
        // a closed socket or a dead kernel: reported through `died`, not here
      });
    if (channel === "shell") this.shellSending = sending;
    else this.controlSending = sending;
  }

  private async readLoop(socket: zmq.Dealer | zmq.Subscriber): Promise<void> {
    try {
      for await (const frames of socket) {
        const msg = decode(frames, this.connection.info.key);
        if (msg) this.route(msg);
      }
    } catch {
      // the socket was closed
    }
  }

  /** Hands a checked message to whoever waits for it, by the msg_id of the request it answers. */
  private route(msg: Message): void {
    const parent = msg.parent_header.msg_id;
    if (parent === undefined) return;
    if (isExecuteReplyMsg(msg)) this.pending.get(parent)?.replied(msg.content);
    else if (isReplyMsg(msg)) this.waiting.get(parent)?.(msg);
    else if (isIopubMsg(msg)) this.pending.get(parent)?.iopub(msg);
  }
}
