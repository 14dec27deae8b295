/**
 * Starts a real Jupyter server (or JupyterLab) from the project's .venv on a free loopback port
 * with a random token, for tests. `stop()` ends it and reports any process it left behind.
 */
import { ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { descendants, waitForExit } from "./processes";
import { repoRoot, venvBin } from "./repo";

export interface RunningServer {
  url: string;
  token: string;
  process: ChildProcess;
  /** Everything printed so far (stdout and stderr), for failure messages. */
  log(): string;
  /** Every descendant process (kernels) seen while the server ran. */
  seenChildren(): number[];
  /** Stops the server; resolves with the pids still alive afterwards (should be none). */
  stop(): Promise<number[]>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  /**
   * "server" runs `jupyter server`; "lab" runs the project's `scripts/lab.sh`, as `make lab` does,
   * or `jupyter lab` itself when `rootDir` is given (lab.sh always serves notebooks/release).
   */
  app?: "server" | "lab";
  rootDir?: string;
  timeoutMs?: number;
  /** More command-line options for jupyter (e.g. JupyterLab settings); they come last, so they win. */
  args?: string[];
  /** More environment variables for the server and its kernels. */
  env?: Record<string, string>;
}

export async function startJupyter(options: StartOptions = {}): Promise<RunningServer> {
  const { app = "server", timeoutMs = 60000, args = [], env: extraEnv = {} } = options;
  const rootDir = options.rootDir ?? repoRoot;
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const runtimeDir = mkdtempSync(join(tmpdir(), "academy-jupyter-"));
  const env = { ...process.env, ...extraEnv, JUPYTER_RUNTIME_DIR: runtimeDir };
  const common = [`--IdentityProvider.token=${token}`, "--no-browser"];
  if (process.getuid?.() === 0) common.push("--allow-root");
  const child =
    app === "lab" && options.rootDir === undefined
      ? spawn(join(repoRoot, "scripts", "lab.sh"), [], {
          env: { ...env, LAB_PORT: String(port), LAB_ARGS: [...common, ...args].join(" ") },
          stdio: ["ignore", "pipe", "pipe"],
        })
      : spawn(
          venvBin("jupyter"),
          [
            app,
            "--ServerApp.ip=127.0.0.1",
            `--ServerApp.port=${port}`,
            `--ServerApp.root_dir=${rootDir}`,
            ...common,
            ...args,
          ],
          { env, stdio: ["ignore", "pipe", "pipe"] },
        );
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const seen = new Set<number>();
  const watcher = setInterval(() => descendants(child.pid!).forEach((p) => seen.add(p)), 200);

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      clearInterval(watcher);
      throw new Error(`jupyter ${app} exited early:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      clearInterval(watcher);
      child.kill("SIGKILL");
      throw new Error(`jupyter ${app} did not answer within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    token,
    process: child,
    log: () => output,
    seenChildren: () => [...seen],
    async stop() {
      descendants(child.pid!).forEach((p) => seen.add(p));
      clearInterval(watcher);
      const exited = new Promise((r) => child.once("exit", r));
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15000)))]);
        clearTimeout(timer);
      }
      const survivors = await waitForExit([child.pid!, ...seen], 10000);
      rmSync(runtimeDir, { recursive: true, force: true });
      return survivors;
    },
  };
}
