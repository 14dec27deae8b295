/** Paths the tests (and benchmarks, which run compiled from bench/dist) share. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

function findRepoRoot(start: string): string {
  for (let dir = start; dirname(dir) !== dir; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "data-academy-pack"
    )
      return dir;
  }
  throw new Error(`not inside the Data Academy repository: ${start}`);
}

export const repoRoot = findRepoRoot(__dirname);
export const venvBin = (tool: string) => join(repoRoot, ".venv", "bin", tool);
export const fixture = (...parts: string[]) => join(repoRoot, "tests", "fixtures", ...parts);
