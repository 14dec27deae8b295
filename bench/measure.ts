/**
 * Measuring a command for the benchmarks: wall time, CPU time of the command and every child it
 * waited for (GNU time), and the peak memory of its whole process tree (sampled from /proc).
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { descendants } from "../tests/helpers/processes";

export interface Measured {
  wall_s: number;
  cpu_s: number;
  peak_rss_mb: number;
  exit: number | null;
  stderr: string;
}

/** RSS of a process tree, from /proc. */
function treeRssKb(pid: number): number {
  let total = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) total += Number(m[1]);
    } catch {
      // gone
    }
  }
  return total;
}

/** Runs a command under /usr/bin/time (CPU of the process and every child it waited for) and samples the tree's memory. */
export function measure(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Measured> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const timeFile = join(tmpdir(), `academy-bench-time-${process.pid}-${Date.now()}`);
    const child = spawn("/usr/bin/time", ["-f", "%U %S", "-o", timeFile, cmd, ...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20000)));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, treeRssKb(child.pid!))), 250);
    const killer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : undefined;
    child.on("exit", (code) => {
      clearInterval(sampler);
      if (killer) clearTimeout(killer);
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      let cpu = NaN;
      try {
        const [u, s] = readFileSync(timeFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
        cpu = u + s;
        rmSync(timeFile, { force: true });
      } catch {
        // killed before time wrote its line
      }
      resolve({ wall_s: wall, cpu_s: cpu, peak_rss_mb: peak / 1024, exit: code, stderr });
    });
  });
}
