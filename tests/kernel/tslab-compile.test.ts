/**
 * grader/kernel/tslab-compile.cjs: the patches to tslab's converter give what tslab as published
 * gives (every source notebook's cells, local modules, every kind of top-level name, errors), with
 * one program per cell; they refuse a converter they were not written for; a kernel loads them.
 * The snapshot kernel's bundle gets them too (tests/kernel/snapshot.test.ts runs local modules in it).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixture, repoRoot } from "../helpers/repo";

const compilePath = join(repoRoot, "grader", "kernel", "tslab-compile.cjs");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const compile = require(compilePath) as { patchConverter(source: string): string };
const published = readFileSync(join(repoRoot, "node_modules", "tslab", "dist", "converter.js"), "utf8");

interface Comparison {
  cells: number;
  sessions: number;
  programs: number;
  sideOutputs: number;
  differences: { at: string; cell: string; original: unknown; patched: unknown }[];
}

test("every source notebook, local modules and every kind of name compile as with tslab as published, one program per cell", () => {
  const scratch = mkdtempSync(join(tmpdir(), "academy-compile-"));
  try {
    const source = join(repoRoot, "notebooks", "source");
    const notebooks = readdirSync(source)
      .filter((name) => name.endsWith(".ipynb"))
      .map((name) => join(source, name));
    expect(notebooks.length).toBeGreaterThanOrEqual(12);
    const out = execFileSync(
      process.execPath,
      [
        fixture("kernel", "compare-converters.cjs"),
        join(repoRoot, "notebooks", "release"),
        scratch,
        ...notebooks,
      ],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    const result = JSON.parse(out) as Comparison;
    expect(result.differences).toEqual([]);
    expect(result.sessions).toBe(notebooks.length + 1);
    expect(result.cells).toBeGreaterThan(300);
    // The watch program's first, then one per cell (tslab as published built two for most cells).
    expect(result.programs).toBe(result.sessions + result.cells);
    // helper.ts and uses-helper.ts reached from a cell, and the `%module` one: emitted beside it.
    expect(result.sideOutputs).toBe(3);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}, 240_000);

test("refuses a converter where a patch's place moved or repeats, naming the patch and the upgrade", () => {
  const moved = published.replace(
    "    host.afterProgramCreate = function (b) {",
    "    host.afterProgramCreate = (b) => {",
  );
  expect(() => compile.patchConverter(moved)).toThrow(
    /the patch "its programs are plain programs \(2\)" found its place in tslab's converter.js 0 times, not once: tslab is not 1.0.22/,
  );
  const repeated = `${published}\n/*\n    host.afterProgramCreate = function (b) {\n*/\n`;
  expect(() => compile.patchConverter(repeated)).toThrow(
    /"its programs are plain programs \(2\)" found its place .* 2 times/,
  );
  const changed = published.replace("        const keys = new Set();\n", "        const keys = new Map();\n");
  expect(() => compile.patchConverter(changed)).toThrow(
    /"one program per cell \(1\)" found its place .* 0 times/,
  );
  expect(() => compile.patchConverter(published)).not.toThrow();
});

test("a kernel's tslab (loaded after tslab-setup.cjs) compiles through the patched converter", () => {
  // In a process of its own, as a kernel loads tslab: the setup, then tslab's converter.
  const script = `
    require(${JSON.stringify(join(repoRoot, "grader", "kernel", "tslab-setup.cjs"))});
    const compile = require(${JSON.stringify(compilePath)});
    let programs = 0;
    const createProgram = compile.createProgram;
    compile.createProgram = (...args) => (programs++, createProgram(...args));
    const converter = require("tslab/dist/converter").createConverter({ isJS: false, isBrowser: false });
    const out = converter.convert("", "const a = 1;\\nlet b = a + 1;\\nb");
    converter.close();
    console.log(JSON.stringify({ programs, output: out.output }));`;
  const out = JSON.parse(
    execFileSync(process.execPath, ["-e", script], { cwd: repoRoot, encoding: "utf8" }),
  ) as { programs: number; output: string };
  expect(out.programs).toBe(2);
  expect(out.output).toContain("exports.b = b;");
}, 60_000);
