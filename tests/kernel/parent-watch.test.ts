/**
 * grader/kernel/parent-watch.cjs: a kernel whose grader is killed ends itself, even when what sits
 * between them outlives the grader (as a sandbox can), so the kernel's parent never changes.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { isAlive, waitForExit } from "../helpers/processes";
import { repoRoot } from "../helpers/repo";

const watch = join(repoRoot, "grader", "kernel", "parent-watch.cjs");
/** The middle processes started, ended after the tests (they stay behind by design). */
const started: number[] = [];

/**
 * A "grader" that starts a "kernel" (a sleeping node with parent-watch preloaded) through a middle
 * process that stays alive, as the grader starts bwrap; the kernel's stdin is the grader's pipe.
 * Resolves with both pids once the kernel runs.
 */
function startGrader(
  env: Record<string, string>,
): Promise<{ grader: number; kernel: number; middle: number }> {
  const middleCode = `
    const kernel = require("node:child_process").spawn(process.execPath,
      ["--require", process.env.WATCH, "-e", "setInterval(() => {}, 1000)"], { stdio: ["inherit", "ignore", "inherit"] });
    console.log(kernel.pid + " " + process.pid);
    setInterval(() => {}, 1000);`;
  const graderCode = `
    const middle = require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(middleCode)}], {
      stdio: ["pipe", "pipe", "inherit"], detached: true, env: { ...process.env, ...${JSON.stringify(env)} },
    });
    middle.stdout.once("data", (d) => console.log(String(d).trim()));
    setInterval(() => {}, 1000);`;
  const grader = spawn(process.execPath, ["-e", graderCode], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, WATCH: watch },
  });
  return new Promise((resolve) =>
    grader.stdout.once("data", (d: Buffer) => {
      const [kernel, middle] = String(d).trim().split(" ").map(Number);
      started.push(middle);
      resolve({ grader: grader.pid!, kernel, middle });
    }),
  );
}

test("a kernel ends when its grader is killed, though its own parent lives on", async () => {
  const { grader, kernel } = await startGrader({ ACADEMY_PARENT_STDIN: "1" });
  // Alive while the grader is.
  expect(await waitForExit([kernel], 1_500)).toEqual([kernel]);
  expect(isAlive(kernel)).toBe(true);
  process.kill(grader, "SIGKILL");
  expect(await waitForExit([kernel], 10_000)).toEqual([]);
});

test("without the stdin watch, such a kernel outlives its grader (what the watch is for)", async () => {
  const { grader, kernel } = await startGrader({});
  process.kill(grader, "SIGKILL");
  expect(await waitForExit([kernel], 2_000)).toEqual([kernel]);
  process.kill(kernel, "SIGKILL");
});

afterAll(() => {
  for (const pid of started.filter(isAlive)) process.kill(pid, "SIGKILL");
});
