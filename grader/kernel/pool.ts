/**
 * A pool of kernels started ahead of need, so kernel start-up (1-3 s for tslab) is off the
 * critical path. `acquire()` hands out a fresh kernel and starts its replacement; a kernel handed
 * out is never handed out again (a fresh kernel per notebook, never reused across learners).
 *
 * Kernels are started for a key (for `academy run`, the notebook's folder: a tslab kernel's
 * working directory is fixed when it starts). A pool keeps starting kernels for the key it was
 * last asked for, and retires ready kernels whose key is no longer asked for.
 *
 * ```ts
 * const pool = new KernelPool({ size: jobs + 1, start: (cwd) => startLocalKernel({ cwd }) });
 * const kernel = await pool.acquire(dirname(notebookPath));
 * try { ... } finally { await kernel.shutdown(); }
 * await pool.close();
 * ```
 */
import type { KernelSession } from "./session";

export interface KernelPoolOptions<K extends { shutdown(): Promise<void> }> {
  /** How many kernels to keep ready (use jobs + 1). */
  size: number;
  /** Starts one kernel for a key. */
  start(key: string): Promise<K>;
  /** The key to fill the pool for before the first acquire (nothing is started ahead without it). */
  initialKey?: string;
}

interface Ready<K> {
  key: string;
  kernel: Promise<K>;
}

export class KernelPool<K extends { shutdown(): Promise<void> } = KernelSession> {
  private readonly ready: Ready<K>[] = [];
  private readonly size: number;
  private closed = false;

  constructor(private readonly options: KernelPoolOptions<K>) {
    this.size = Math.max(0, options.size);
    if (options.initialKey !== undefined) this.fill(options.initialKey);
  }

  /** Kernels started and not yet handed out. */
  get readyCount(): number {
    return this.ready.length;
  }

  /** A fresh kernel for `key`: a ready one if there is one, else started now. The caller shuts it down. */
  async acquire(key = ""): Promise<K> {
    if (this.closed) throw new Error("the kernel pool is closed");
    const at = this.ready.findIndex((entry) => entry.key === key);
    const kernel = at >= 0 ? this.ready.splice(at, 1)[0].kernel : this.startOne(key);
    this.retireOthers(key);
    this.fill(key);
    return kernel;
  }

  /** Shuts down every kernel not handed out (including those still starting). */
  async close(): Promise<void> {
    this.closed = true;
    const left = this.ready.splice(0);
    await Promise.all(left.map((entry) => shutdownWhenStarted(entry.kernel)));
  }

  private fill(key: string): void {
    while (!this.closed && this.ready.length < this.size)
      this.ready.push({ key, kernel: this.startOne(key) });
  }

  /** Ready kernels for another key make room for this one (they were started for notebooks no longer coming). */
  private retireOthers(key: string): void {
    for (let i = this.ready.length - 1; i >= 0; i--) {
      if (this.ready[i].key !== key) void shutdownWhenStarted(this.ready.splice(i, 1)[0].kernel);
    }
  }

  private startOne(key: string): Promise<K> {
    const started = this.options.start(key);
    started.catch(() => undefined); // the error goes to whoever acquires this kernel
    return started;
  }
}

async function shutdownWhenStarted<K extends { shutdown(): Promise<void> }>(
  kernel: Promise<K>,
): Promise<void> {
  try {
    await (await kernel).shutdown();
  } catch {
    // it never started: nothing to shut down
  }
}
