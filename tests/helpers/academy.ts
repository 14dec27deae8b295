/** Running the `academy` command line (compiled to grader/dist by `make build`) from tests. */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./repo";

export const academyBin = join(repoRoot, "grader", "bin", "academy.js");

/** Runs `academy ...args` and returns its exit status and output. */
export function academy(
  args: string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [academyBin, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: "utf8",
    timeout: options.timeoutMs ?? 600000,
  });
}

/** True when `academy <command>` exists in the built CLI (its --help succeeds). */
export function academyHas(command: string): boolean {
  return academy([command, "--help"], { timeoutMs: 30000 }).status === 0;
}
