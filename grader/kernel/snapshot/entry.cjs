// The snapshot kernel: tslab 1.0.22 and its TypeScript, loaded and warmed up at build time, saved
// as a V8 startup snapshot (node --build-snapshot), so that a kernel starts without loading the
// compiler or parsing the declaration files again. build.ts bundles this file with esbuild and
// runs it once per Node binary and heap size; `main` below is what every kernel then runs.
//
// ACADEMY_REPO_PACKAGE, the repository's package.json to resolve real modules from, is set by
// build.ts (esbuild `define`); each bundled module's __dirname and __filename are its own.
"use strict";
/* global ACADEMY_REPO_PACKAGE */
const v8 = require("node:v8");
const path = require("node:path");
const Module = require("node:module");

const sourceFiles = require("./source-files.cjs");
const ts = require("@tslab/typescript-for-tslab");
// TypeScript remembers the working directory the first time it is asked, which is at build time:
// a kernel must see its own (cells are files in it, and `./module` imports resolve from it).
ts.sys.getCurrentDirectory = () => process.cwd();
// The kernel's own adjustments to tslab (types, watchers, completions, time zone): one home.
require("../tslab-setup.cjs");
const { createConverter } = require("tslab/dist/converter");
const { startKernel } = require("tslab/dist/main");
const { getVersion } = require("tslab/dist/util");

/** tslab's modules, by name: the library's `require("tslab/dist/jupyter")` must get these instances. */
const bundled = {
  tslab: require("tslab"),
  "tslab/dist/jupyter": require("tslab/dist/jupyter"),
  "tslab/dist/public": require("tslab/dist/public"),
  "tslab/dist/converter": require("tslab/dist/converter"),
  "tslab/dist/executor": require("tslab/dist/executor"),
  "tslab/dist/util": require("tslab/dist/util"),
};

/** The cells compiled at build time: the course library's import and a little of what cells do. */
const WARM_UP = [
  'import { lake, catalog, stats, sql, chart, exercise, observe, todo, progress } from "data-academy";',
  "const xs: number[] = [1, 2, 3].map((x) => x * 2);\nconsole.log(xs.length, new Date(0).toISOString());",
];

function warmUp() {
  const converter = createConverter({ isJS: false, isBrowser: false });
  let declarations = "";
  for (const cell of WARM_UP) {
    const out = converter.convert(declarations, cell);
    if (out.diagnostics.length) {
      throw new Error(
        `warm-up cell did not compile: ${out.diagnostics.map((d) => d.messageText).join("; ")}`,
      );
    }
    declarations = out.declOutput || "";
  }
  converter.close();
  sourceFiles.stopRecording();
  // For the stamp (build.ts): the declaration files the warm-up parsed are inputs of the snapshot too.
  if (process.env.ACADEMY_SNAPSHOT_KEPT) {
    require("node:fs").writeFileSync(process.env.ACADEMY_SNAPSHOT_KEPT, sourceFiles.keptFiles().join("\n"));
  }
}

/**
 * Real modules (zeromq's native addon) and tslab's own, for the running kernel: modules the
 * library or a learner requires through Node's loader get the bundle's instances of tslab.
 */
function seedModuleCache(requireReal) {
  for (const [name, exports] of Object.entries(bundled)) {
    const filename = requireReal.resolve(name);
    if (Module._cache[filename]) continue;
    const mod = new Module(filename, null);
    mod.filename = filename;
    mod.paths = Module._nodeModulePaths(path.dirname(filename));
    mod.exports = exports;
    mod.loaded = true;
    Module._cache[filename] = mod;
  }
}

function main() {
  // As tslab-setup.cjs does at load: the time zone is set again in the running process.
  process.env.TZ = "UTC";
  // Node takes Error.stackTraceLimit out of a snapshot; without it errors have no stack at all.
  if (typeof Error.stackTraceLimit !== "number") Error.stackTraceLimit = 10;
  const requireReal = Module.createRequire(ACADEMY_REPO_PACKAGE);
  // The bundle's `require("zeromq")` (build.ts): the real module, from the repository's node_modules.
  Object.defineProperty(globalThis, "__academyRequireReal", { value: requireReal });
  seedModuleCache(requireReal);
  const args = process.argv.slice(1);
  const at = args.indexOf("--config-path");
  if (args[0] !== "kernel" || at < 0 || !args[at + 1]) {
    console.error("usage: node --snapshot-blob <blob> kernel --config-path <connection file>");
    process.exit(2);
  }
  // What the kernel reused, for tests and benchmarks: globalThis[Symbol.for("data-academy.snapshot")].stats().
  Object.defineProperty(globalThis, Symbol.for("data-academy.snapshot"), {
    value: { stats: sourceFiles.stats },
  });
  startKernel({
    configPath: args[at + 1],
    enableFindLocal: false,
    jsKernel: false,
    globalVersion: getVersion(),
  });
}

warmUp();
v8.startupSnapshot.setDeserializeMainFunction(main);
