/**
 * Running Python from the test venv with the test-only packages (nbgrader) importable: they are
 * installed into .venv/nbgrader by `make jest` (see requirements-test.txt).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, venvBin } from "../helpers/repo";

function testSitePackages(): string {
  const lib = join(repoRoot, ".venv", "nbgrader", "lib");
  const python = existsSync(lib) ? readdirSync(lib).find((d) => d.startsWith("python")) : undefined;
  const site = python && join(lib, python, "site-packages");
  if (!site || !existsSync(join(site, "nbgrader"))) {
    throw new Error(
      "nbgrader is not installed for the tests: run `make jest` (it installs requirements-test.txt into .venv/nbgrader).",
    );
  }
  return site;
}

/** Runs `script` with the venv's python, `input` as JSON on stdin; returns its stdout parsed as JSON. */
export function runPython<T>(script: string, input: unknown): T {
  const result = spawnSync(venvBin("python"), ["-c", script], {
    input: JSON.stringify(input),
    encoding: "utf8",
    env: { ...process.env, PYTHONPATH: testSitePackages(), PYTHONIOENCODING: "utf-8" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`python failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
