/** Paths the tests share. */
import { join, resolve } from "node:path";

export const repoRoot = resolve(__dirname, "..", "..");
export const venvBin = (tool: string) => join(repoRoot, ".venv", "bin", tool);
export const fixture = (...parts: string[]) => join(repoRoot, "tests", "fixtures", ...parts);
