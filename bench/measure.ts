/**
 * Measuring a command for the benchmarks: wall time, CPU time of the command and every child it
 * waited for (GNU time), and the peak memory of its whole process tree (sampled from /proc).
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { descendants } from "../tests/helpers/processes";
import { repoRoot } from "../tests/helpers/repo";

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

/** CPU ticks (user + system, 1/100 s) of one process, from /proc; 0 when it is gone. */
function cpuTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Runs a command under /usr/bin/time (CPU of the process and every child it waited for) and samples the tree's memory. */
export function measure(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Measured> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const timeFile = join(tmpdir(), `academy-bench-time-${process.pid}-${Date.now()}`);
    const child = spawn("/usr/bin/time", ["-f", "%U %S", "-o", timeFile, cmd, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20000)));
    let peak = 0;
    // GNU time counts only children the command waited for; detached or sandboxed kernels are
    // not among them, so the tree's CPU is also sampled (each process's last reading counts).
    const ticks = new Map<number, number>();
    const sampler = setInterval(() => {
      peak = Math.max(peak, treeRssKb(child.pid!));
      for (const p of [child.pid!, ...descendants(child.pid!)])
        ticks.set(p, Math.max(ticks.get(p) ?? 0, cpuTicks(p)));
    }, 250);
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
      const sampled = [...ticks.values()].reduce((a, b) => a + b, 0) / 100;
      resolve({
        wall_s: wall,
        cpu_s: Number.isNaN(cpu) ? sampled : Math.max(cpu, sampled),
        peak_rss_mb: peak / 1024,
        exit: code,
        stderr,
      });
    });
  });
}

/** Writes a benchmark's results as bench/results/<name>.json (the numbers) and <name>.md (the table people read). */
export function writeResults(name: string, numbers: unknown, markdown: string): void {
  const out = join(repoRoot, "bench", "results");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${name}.json`), JSON.stringify(numbers, null, 2) + "\n");
  writeFileSync(join(out, `${name}.md`), markdown);
}

/** The machine a benchmark ran on, for its results: cores, CPU model, Node, load average now. */
export function machine() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "",
    node: process.version,
    loadAverage1m: Number(loadavg()[0].toFixed(1)),
  };
}
