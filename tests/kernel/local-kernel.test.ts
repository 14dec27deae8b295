/**
 * The local backend against real tslab kernels: outputs in order, errors with their text, the cell
 * timeout, kernel death, the output cap, the memory cap, and no process left behind.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { KernelSession } from "../../grader/kernel/session";
import { launcher, snapshotDir } from "../../grader/kernel/snapshot/build";
import { kernelArgv, startLocalKernel } from "../../grader/kernel/zmq/local";
import { isAlive, waitForExit } from "../helpers/processes";
import { fixture } from "../helpers/repo";
import { expectLoopInterrupted, expectRunsRightAfterAnError, expectTypeError } from "./backend-cases";

const cwd = fixture("notebooks");

/** Shuts the kernel down and asserts that its process (and its whole group) is gone. */
async function shutdownAndCheck(kernel: KernelSession, extraPids: number[] = []): Promise<void> {
  const pid = kernel.pid!;
  await kernel.shutdown();
  expect(await waitForExit([pid, ...extraPids], 5_000)).toEqual([]);
  expect(groupMembers(pid)).toEqual([]);
}

/** Live processes whose process group is `pgid`. */
function groupMembers(pgid: number): number[] {
  const out = execFileSync("ps", ["-e", "-o", "pid=,pgid=,stat="], { encoding: "utf8" });
  return out
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, group, stat]) => Number(group) === pgid && !stat?.startsWith("Z") && pid !== undefined)
    .map(([pid]) => Number(pid));
}

describe("one kernel, several cells", () => {
  let kernel: KernelSession;
  beforeAll(async () => {
    kernel = await startLocalKernel({ cwd });
  });
  afterAll(async () => {
    await shutdownAndCheck(kernel);
  });

  test("stdout, stderr, display_data and the last expression arrive in order", async () => {
    const result = await kernel.execute(
      [
        'import * as tslab from "tslab";',
        'console.log("one");',
        'console.error("two");',
        'tslab.display.html("<b>three</b>");',
        'console.log("four");',
        "2 + 3",
      ].join("\n"),
    );
    expect(result.status).toBe("ok");
    expect(result.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "one\n" },
      { output_type: "stream", name: "stderr", text: "two\n" },
      { output_type: "display_data", data: { "text/html": "<b>three</b>" }, metadata: {} },
      { output_type: "stream", name: "stdout", text: "four\n5\n" },
    ]);
    expect(result.executionCount).toBeGreaterThan(0);
    expect(result.msgId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("the kernel's own time for a cell is reported next to the wall time", async () => {
    const result = await kernel.execute("await new Promise((resolve) => setTimeout(resolve, 300));");
    expect(result.kernelMs).toBeGreaterThanOrEqual(300);
    expect(result.kernelMs).toBeLessThanOrEqual(result.durationMs + 5); // same machine, same clock (ms resolution)
  });

  test("a type error is reported with the compiler's text", async () => {
    await expectTypeError(kernel);
  });

  test("a runtime error is reported with its message, and the next cell runs (no abort)", async () => {
    const failed = await kernel.execute('throw new Error("boom at runtime");');
    expect(failed.status).toBe("error");
    expect(failed.outputs[0]).toMatchObject({ output_type: "stream", name: "stderr" });
    expect(String((failed.outputs[0] as { text: string }).text)).toMatch(/Error: boom at runtime/);
    await expectRunsRightAfterAnError(kernel, 'console.log("after the error");', "after the error\n");
  });

  test("while (true) {} is interrupted by the cell timeout and the next cell still runs", async () => {
    const looped = await expectLoopInterrupted(kernel, 1_500);
    // Interrupted, not run on: well under the minute a loaded machine could stretch it to.
    expect(looped.durationMs).toBeLessThan(1_500 + 20_000);
  });

  test("a 50 MB console flood is capped; the grader's memory stays flat", async () => {
    const capBytes = 256 * 1024;
    const before = process.memoryUsage().rss;
    // 50 chunks of 1 MiB, yielding between them so that all of it really reaches the grader.
    const result = await kernel.execute(
      'const chunk = "x".repeat(1024 * 1024 - 1);\nfor (let i = 0; i < 50; i++) {\n  console.log(chunk);\n  await new Promise((r) => setTimeout(r, 0));\n}\nconsole.log("done");',
      { outputCapBytes: capBytes, timeoutMs: 60_000 },
    );
    const grownMb = (process.memoryUsage().rss - before) / 1048576;
    expect(result.status).toBe("ok");
    const text = result.outputs.map((o) => String((o as { text?: string }).text ?? "")).join("");
    expect(Buffer.byteLength(text)).toBeLessThan(capBytes + 1024);
    expect(text).not.toMatch(/done/);
    const dropped = 50 * 1024 * 1024 + "done\n".length - capBytes;
    expect(text).toMatch(
      new RegExp(`output limit reached: kept ${capBytes} bytes, dropped ${dropped} bytes`),
    );
    expect(result.limits).toEqual([
      { limit: "output-cap", detail: `output over ${capBytes} bytes; ${dropped} bytes dropped` },
    ]);
    expect(grownMb).toBeLessThan(150);
  });

  test("a flood in one synchronous loop is capped too, reported incomplete when idle is lost, and the kernel stays usable", async () => {
    // tslab's iopub publisher drops messages past ZeroMQ's high-water mark here (JupyterLab sees
    // the same): less than was printed arrives, never more than the cap is kept. As a rule its
    // "idle" is dropped too: the outputs are then reported incomplete (an iopub timeout), not ok.
    const result = await kernel.execute(
      'const line = "y".repeat(1023);\nfor (let i = 0; i < 50 * 1024; i++) console.log(line);',
      {
        outputCapBytes: 64 * 1024,
        timeoutMs: 60_000,
      },
    );
    expect(result.status).toBe("ok");
    expect(result.limits.every((l) => ["iopub-timeout", "output-cap"].includes(l.limit))).toBe(true);
    const text = result.outputs.map((o) => String((o as { text?: string }).text ?? "")).join("");
    expect(Buffer.byteLength(text)).toBeLessThan(64 * 1024 + 1024);
    const next = await kernel.execute('console.log("calm again");');
    expect(next.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "calm again\n" }]);
  });
});

test("process.exit(1) is reported as a dead kernel within seconds; later cells are not sent", async () => {
  const kernel = await startLocalKernel({ cwd });
  const result = await kernel.execute("process.exit(1);", { timeoutMs: 30_000 });
  expect(result.status).toBe("dead");
  expect(result.death).toBe("the kernel exited with code 1");
  expect(result.durationMs).toBeLessThan(15_000); // seen as a death, not waited out as the 30 s timeout
  expect(kernel.death).toBe("the kernel exited with code 1");
  expect(await kernel.isAlive()).toBe(false);
  const after = await kernel.execute('console.log("never")');
  expect(after).toMatchObject({ status: "dead", outputs: [] });
  await shutdownAndCheck(kernel);
});

test("the memory cap ends a kernel that allocates past it, reported as a memory limit", async () => {
  const kernel = await startLocalKernel({ cwd, memoryMb: 256 });
  const result = await kernel.execute(
    "const keep: number[][] = [];\nwhile (true) keep.push(new Array(1_000_000).fill(1.5));",
    { timeoutMs: 60_000 },
  );
  expect(result.status).toBe("dead");
  expect(result.death).toBe("memory limit: the kernel ran out of its 256 MiB heap");
  await shutdownAndCheck(kernel);
});

test("a cell that ignores the interrupt is killed after the grace period", async () => {
  const kernel = await startLocalKernel({ cwd });
  // The shell ignores SIGINT and so does the sleep it starts; the kernel is stuck waiting for it.
  const result = await kernel.execute(
    'const { execSync } = require("child_process");\nexecSync("trap \'\' INT; sleep 30");',
    {
      timeoutMs: 1_000,
      interruptGraceMs: 1_000,
    },
  );
  expect(result.status).toBe("dead");
  expect(result.death).toMatch(/killed: the cell did not stop within 1000 ms of an interrupt/);
  expect(result.limits.map((l) => l.limit)).toEqual(["cell-timeout"]);
  await shutdownAndCheck(kernel);
});

test("an interrupt reaches a command the cell waits for", async () => {
  const kernel = await startLocalKernel({ cwd });
  const result = await kernel.execute(
    'const { execSync } = require("child_process");\nexecSync("sleep 30");',
    { timeoutMs: 1_000 },
  );
  expect(result.status).toBe("timeout");
  expect(result.durationMs).toBeLessThan(20_000); // the sleep was interrupted, not waited out (30 s)
  expect(await kernel.isAlive()).toBe(true);
  await shutdownAndCheck(kernel);
});

test("shutdown kills what the kernel started and removes its scratch folder", async () => {
  const kernel = await startLocalKernel({ cwd });
  const result = await kernel.execute(
    'const { spawn } = require("child_process");\nconst child = spawn("sleep", ["300"], { stdio: "ignore" });\nconsole.log(child.pid);',
  );
  const sleeper = Number(String((result.outputs[0] as { text: string }).text).trim());
  expect(isAlive(sleeper)).toBe(true);
  // The launcher (kernelArgv) ran the snapshot kernel in its own place: what runs is node itself.
  const argv = readArgv(kernel.pid!);
  expect(kernelArgv("", 2048)[0]).toBe(launcher);
  expect(argv.slice(0, -1)).toEqual([
    process.execPath,
    "--max-old-space-size=2048",
    "--require",
    expect.stringMatching(/grader\/kernel\/parent-watch\.cjs$/),
    "--snapshot-blob",
    join(snapshotDir, "kernel-2048.blob"),
    "kernel",
    "--config-path",
  ]);
  const scratch = dirname(argv[argv.length - 1]);
  expect(existsSync(scratch)).toBe(true);
  await shutdownAndCheck(kernel, [sleeper]);
  expect(existsSync(scratch)).toBe(false);
  await kernel.shutdown(); // twice is fine
});

test("the wrap hook sees the argv and can change how the kernel is started", async () => {
  const seen: string[][] = [];
  const kernel = await startLocalKernel({
    cwd,
    env: { ACADEMY_TEST_MARK: "wrapped" },
    wrap: (argv, { scratchDir }) => {
      seen.push(argv);
      expect(argv[argv.length - 1].startsWith(scratchDir)).toBe(true);
      return ["/usr/bin/env", "ACADEMY_WRAPPED=1", ...argv];
    },
  });
  const result = await kernel.execute(
    "console.log(process.env.ACADEMY_WRAPPED, process.env.ACADEMY_TEST_MARK, process.cwd());",
  );
  expect(result.outputs).toEqual([{ output_type: "stream", name: "stdout", text: `1 wrapped ${cwd}\n` }]);
  expect(seen[0]).toEqual(kernelArgv(seen[0][seen[0].length - 1], 2048));
  await shutdownAndCheck(kernel);
});

test("a kernel that cannot start fails with a clear error and leaves nothing behind", async () => {
  await expect(
    startLocalKernel({
      cwd,
      startTimeoutMs: 5_000,
      wrap: () => ["/bin/sh", "-c", "echo cannot start >&2; exit 3"],
    }),
  ).rejects.toThrow(/the kernel died while starting \(the kernel exited with code 3\)\ncannot start/);
});

function readArgv(pid: number): string[] {
  return execFileSync("cat", [`/proc/${pid}/cmdline`], { encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
}

test("iopub is bound before shell and control, so a client that connects at once loses no status", async () => {
  // tslab binds its sockets at once and reads shell as soon as it is bound; with iopub's bind slow
  // (1.5 s here), kernel_info's busy/idle statuses were published before it was bound, and lost.
  // tslab-setup.cjs binds iopub first. (Without it, the first line here is "bound shell/…".)
  const dir = mkdtempSync(join(tmpdir(), "academy-bind-"));
  const socketLog = join(dir, "sockets.log");
  const kernel = await startLocalKernel({
    cwd,
    env: {
      NODE_OPTIONS: `--require ${fixture("kernel", "slow-iopub-bind.cjs")}`,
      ACADEMY_TEST_SOCKET_LOG: socketLog,
    },
  });
  try {
    const result = await kernel.execute("console.log(6 * 7);");
    expect(result.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "42\n" }]);
    const lines = readFileSync(socketLog, "utf8").trim().split("\n");
    expect(lines.filter((line) => line.startsWith("send-error"))).toEqual([]);
    expect(lines[0]).toBe("bound iopub");
    expect(lines.filter((line) => line.startsWith("bound shell")).length).toBeGreaterThanOrEqual(3);
  } finally {
    await shutdownAndCheck(kernel);
    rmSync(dir, { recursive: true, force: true });
  }
});
