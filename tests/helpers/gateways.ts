/**
 * Real gateways from PyPI for tests and benchmarks, each started on a loopback port with a token,
 * in the repository (kernels start in its root) and with the tslab kernelspec of .venv:
 * Jupyter Kernel Gateway 3.0.1 (.venv/gateway, requirements-gateway.txt) and Jupyter Enterprise
 * Gateway 3.3.0 (which pins jupyter_server < 2: its own venv .venv/enterprise-gateway,
 * requirements-enterprise-gateway.txt). `make jest` installs both.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "./jupyter-server";
import { repoRoot, venvBin } from "./repo";

function sitePackages(prefix: string, module: string): string {
  const lib = join(prefix, "lib");
  const python = existsSync(lib) ? readdirSync(lib).find((d) => d.startsWith("python")) : undefined;
  const site = python && join(lib, python, "site-packages");
  if (!site || !existsSync(join(site, module)))
    throw new Error(
      `${module} is not installed for the tests: run \`make jest\` (it installs it into ${prefix}).`,
    );
  return site;
}

export interface Gateway {
  name: string;
  command(port: number, token: string): { argv: string[]; env: Record<string, string> };
}

export const gateways: Gateway[] = [
  {
    name: "Jupyter Kernel Gateway",
    command: (port, token) => ({
      argv: [
        venvBin("python"),
        "-m",
        "kernel_gateway",
        "--KernelGatewayApp.ip=127.0.0.1",
        `--KernelGatewayApp.port=${port}`,
        `--KernelGatewayApp.auth_token=${token}`,
      ],
      env: { PYTHONPATH: sitePackages(join(repoRoot, ".venv", "gateway"), "kernel_gateway") },
    }),
  },
  {
    name: "Jupyter Enterprise Gateway",
    command: (port, token) => {
      const venv = join(repoRoot, ".venv", "enterprise-gateway");
      sitePackages(venv, "enterprise_gateway");
      return {
        argv: [
          join(venv, "bin", "jupyter-enterprisegateway"),
          "--ip=127.0.0.1",
          `--port=${port}`,
          `--EnterpriseGatewayApp.auth_token=${token}`,
        ],
        // The tslab kernelspec of .venv; and root may start kernels (Enterprise Gateway refuses root by default).
        env: {
          JUPYTER_PATH: join(repoRoot, ".venv", "share", "jupyter"),
          EG_UNAUTHORIZED_USERS: "nobody-refused-here",
        },
      };
    },
  },
];

/** Starts `gateway` in the repository (kernels start in its root) and waits until it offers tslab. `env` reaches its kernels. */
export async function startGateway(
  gateway: Gateway,
  options: { token: string; runtimeDir: string; env?: Record<string, string> },
): Promise<{ url: string; process: ChildProcess; log: () => string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { argv, env } = gateway.command(port, options.token);
  let log = "";
  // The gateway's kernels inherit its environment.
  const child = spawn(argv[0], argv.slice(1), {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...env,
      ...options.env,
      JUPYTER_RUNTIME_DIR: join(options.runtimeDir, `runtime-${port}`),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  for (let waited = 0; ; waited += 250) {
    const specs = await fetch(`${url}/api/kernelspecs`, {
      headers: { Authorization: `token ${options.token}` },
    })
      .then((res) => (res.ok ? (res.json() as Promise<{ kernelspecs: Record<string, unknown> }>) : undefined))
      .catch(() => undefined);
    if (specs) {
      if (!specs.kernelspecs.tslab)
        throw new Error(
          `${gateway.name} offers no tslab kernel: ${Object.keys(specs.kernelspecs).join(", ")}`,
        );
      return { url, process: child, log: () => log };
    }
    if (waited > 60_000 || child.exitCode !== null) throw new Error(`${gateway.name} did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function stopGateway(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
}
