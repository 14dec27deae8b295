/**
 * The snapshot kernel: tslab and its TypeScript bundled with esbuild, loaded and warmed up once
 * (the course library's import cell compiled), and saved as a V8 start-up snapshot with
 * `node --build-snapshot`. A kernel started from it skips loading the compiler and parsing and
 * binding the declaration files: about 0.5 CPU-s of start-up instead of 2 (bench/kernel.bench.ts).
 *
 * The stamp lists every file a snapshot was made from (Node, the bundle's inputs, the declaration
 * files it holds parsed), so an upgrade of Node or tslab and a rebuilt course library all make it
 * out of date. V8 accepts a snapshot only in the Node binary and with the V8 flags it was built with, so there
 * is one per heap size: `make install` builds the kernelspec's (2048 MiB), the grader builds any
 * other the first time a kernel asks for it. Whether a snapshot fits is decided in one place,
 * grader/kernel/launch.sh, which every kernel starts through.
 *
 * tslab's converter gets the patches of ../tslab-compile.cjs, as outside the bundle. And one patch
 * to tslab's TypeScript, applied to the bundle (never to node_modules): its
 * createSourceFile asks source-files.cjs first, which hands back the SourceFile parsed and bound
 * at build time when the file's text is the same (see there). Without it a snapshot would still
 * hold the compiler, but every kernel would parse lib.d.ts, @types/node and the library's types
 * again; tslab gives no way in (its watch host makes SourceFiles through the compiler's internal
 * function, not a host method).
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { build as esbuild, stop as stopEsbuild } from "esbuild";
import { graderRoot, repoRoot } from "../../paths";

/** Where snapshots and their stamps live (inside the repository, so a sandboxed kernel can read them). */
export const snapshotDir = join(repoRoot, "node_modules", ".cache", "academy-kernel");
/** The kernel launcher every kernel starts through (the snapshot when it fits, else plain tslab). */
export const launcher = join(graderRoot, "kernel", "launch.sh");
const entry = join(graderRoot, "kernel", "snapshot", "entry.cjs");
const sourceFilesHook = join(graderRoot, "kernel", "snapshot", "source-files.cjs");
/** The patches to tslab's converter (tslab-compile.cjs): applied to the bundle here, outside it by tslab-setup.cjs. */
const tslabCompile = createRequire(__filename)(join(graderRoot, "kernel", "tslab-compile.cjs")) as {
  patchConverter(source: string): string;
  isConverter(file: string): boolean;
};

/** The line in TypeScript 5.0.4 (tslab 1.0.22's fork) where the patch goes; the build fails if it moved. */
export const PATCH_POINT =
  "function createSourceFile(fileName, sourceText, languageVersionOrOptions, setParentNodes = false, scriptKind) {";

/** Why the snapshot for `memoryMb` does not fit this Node (launch.sh --check), or undefined when it does. */
export function snapshotMisfit(memoryMb: number, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const run = spawnSync(launcher, ["--node", process.execPath, "--memory-mb", String(memoryMb), "--check"], {
    encoding: "utf8",
    env,
    timeout: 10_000,
  });
  if (run.status === 0) return undefined;
  return (
    run.stdout ||
    run.stderr ||
    `launch.sh --check failed (${run.error?.message ?? run.status})`
  ).trim();
}

/** TypeScript's source with the one patch, or an error saying the installed tslab is not the one it was written for. */
export function patchTypeScript(source: string): string {
  const found = source.split(PATCH_POINT).length - 1;
  if (found !== 1) {
    throw new Error(
      `the snapshot's patch to @tslab/typescript-for-tslab found its place ${found} times, not once: tslab was upgraded past 1.0.22 (update grader/kernel/snapshot/build.ts)`,
    );
  }
  const hook = JSON.stringify(sourceFilesHook);
  return source.replace(
    PATCH_POINT,
    [
      PATCH_POINT,
      `    return require(${hook}).createSourceFile(parseSourceFile, fileName, sourceText, languageVersionOrOptions, setParentNodes, scriptKind);`,
      "  }",
      PATCH_POINT.replace("createSourceFile(", "parseSourceFile("),
    ].join("\n"),
  );
}

/**
 * A bundled module sees where it really is, as it would unbundled: tslab finds its own types and
 * `@types` through __dirname, TypeScript its lib.*.d.ts through __filename.
 */
export function withOwnLocation(source: string, path: string): string {
  return source
    .replace(/\b__dirname\b/g, JSON.stringify(dirname(path)))
    .replace(/\b__filename\b/g, JSON.stringify(path));
}

/** Bundles the kernel (entry.cjs, tslab, TypeScript) into `outfile`; returns every file it was made from. */
async function bundle(outfile: string): Promise<string[]> {
  const result = await esbuild({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    metafile: true,
    logLevel: "error",
    absWorkingDir: repoRoot,
    define: {
      ACADEMY_REPO_PACKAGE: JSON.stringify(join(repoRoot, "package.json")),
    },
    plugins: [
      {
        name: "academy-kernel",
        setup(build) {
          // zeromq is a native addon: required from node_modules when the kernel runs, not bundled.
          build.onResolve({ filter: /^zeromq$/ }, () => ({ path: "zeromq", namespace: "academy-real" }));
          build.onLoad({ filter: /.*/, namespace: "academy-real" }, (args) => ({
            contents: `module.exports = globalThis.__academyRequireReal(${JSON.stringify(args.path)});`,
            loader: "js",
          }));
          build.onLoad({ filter: /\.c?js$/ }, (args) => {
            const source = readFileSync(args.path, "utf8");
            const patched = /typescript-for-tslab[\\/]lib[\\/]typescript\.js$/.test(args.path)
              ? patchTypeScript(source)
              : tslabCompile.isConverter(args.path)
                ? tslabCompile.patchConverter(source)
                : source;
            return { contents: withOwnLocation(patched, args.path), loader: "js" };
          });
        },
      },
    ],
  });
  // esbuild keeps a service process for later builds: end it, nothing of ours may outlive its use.
  await stopEsbuild();
  return Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes(":"))
    .map((input) => resolve(repoRoot, input));
}

/** One stamp line per file, as launch.sh's `stat -L -c '%s %Y %n'` prints it. */
export function stampLine(path: string): string {
  const st = statSync(path);
  return `${st.size} ${Math.floor(st.mtimeMs / 1000)} ${path}`;
}

function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; log: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    const keep = (chunk: Buffer) => (log = (log + chunk.toString("utf8")).slice(-8_000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (err) => done({ code: null, log: err.message }));
    child.on("close", (code) => done({ code, log }));
  });
}

/** Snapshot build warnings that say nothing to act on (tslab's modules load child_process and vm). */
const QUIET =
  /not yet fully verified whether built-in module|may still work in some cases|To request support for the module|--trace-warnings|Deleting Error\.stackTraceLimit/;

/**
 * Builds the snapshot for a kernel heap of `memoryMb` MiB in this Node binary, and its stamp.
 * Safe to run from several processes at once: each builds under names of its own and renames.
 */
export async function buildSnapshot(memoryMb: number): Promise<{ blob: string; ms: number }> {
  const started = Date.now();
  mkdirSync(snapshotDir, { recursive: true, mode: 0o755 });
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  // Kept after the build: the kernel's stack traces name it (tslab's frames are in it).
  const bundled = join(snapshotDir, `kernel-${memoryMb}.js`);
  const bundledTmp = join(snapshotDir, `kernel-${memoryMb}-${tag}.js`);
  const blobTmp = join(snapshotDir, `kernel-${memoryMb}-${tag}.blob`);
  try {
    const inputs = await bundle(bundledTmp);
    renameSync(bundledTmp, bundled);
    const kept = join(snapshotDir, `kernel-${memoryMb}-${tag}.kept`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TZ: "UTC",
      DATA_ACADEMY_KERNEL_WATCH: "0",
      ACADEMY_SNAPSHOT_KEPT: kept,
    };
    delete env.NODE_OPTIONS;
    const run = await runNode(
      [`--max-old-space-size=${memoryMb}`, "--snapshot-blob", blobTmp, "--build-snapshot", bundled],
      env,
    );
    if (run.code !== 0) {
      const log = run.log
        .split("\n")
        .filter((line) => line.trim() && !QUIET.test(line))
        .join("\n");
      throw new Error(`node --build-snapshot exited with code ${run.code}:\n${log}`);
    }
    const blob = join(snapshotDir, `kernel-${memoryMb}.blob`);
    chmodSync(blobTmp, 0o644);
    renameSync(blobTmp, blob);
    // What it was made from: Node, the bundle's files, and the declaration files it holds parsed
    // (lib, @types/node, the course library's types): a change to any of them means a rebuild.
    const declarations = readFileSync(kept, "utf8").split("\n").filter(Boolean);
    const stamp = [realpathSync(process.execPath), ...inputs, ...declarations, blob]
      .map(stampLine)
      .join("\n");
    const stampTmp = join(snapshotDir, `kernel-${memoryMb}-${tag}.stamp`);
    writeFileSync(stampTmp, `${stamp}\n`, { mode: 0o644 });
    renameSync(stampTmp, join(snapshotDir, `kernel-${memoryMb}.stamp`));
    return { blob, ms: Date.now() - started };
  } finally {
    rmSync(bundledTmp, { force: true });
    rmSync(join(snapshotDir, `kernel-${memoryMb}-${tag}.kept`), { force: true });
    rmSync(blobTmp, { force: true });
  }
}

/** Snapshots asked for in this process, by heap size: each built (or found) once. */
const asked = new Map<number, Promise<boolean>>();

/**
 * True when kernels with a heap of `memoryMb` MiB can start from a snapshot: it fits, or it has
 * just been built. Says once per heap size, on stderr, when it builds one or cannot.
 * ACADEMY_KERNEL_SNAPSHOT=0 turns snapshot kernels off (every kernel is plain tslab).
 */
export function snapshotReady(memoryMb: number): Promise<boolean> {
  if (process.env.ACADEMY_KERNEL_SNAPSHOT === "0") return Promise.resolve(false);
  let ready = asked.get(memoryMb);
  if (!ready) {
    ready = makeReady(memoryMb);
    asked.set(memoryMb, ready);
  }
  return ready;
}

async function makeReady(memoryMb: number): Promise<boolean> {
  const misfit = snapshotMisfit(memoryMb);
  if (misfit === undefined) return true;
  if (process.env.NODE_OPTIONS) {
    console.error(`academy: kernels start with plain tslab, not the snapshot kernel: ${misfit}.`);
    return false;
  }
  try {
    const { ms } = await buildSnapshot(memoryMb);
    const still = snapshotMisfit(memoryMb);
    if (still !== undefined) throw new Error(still);
    console.error(
      `academy: built the snapshot kernel for ${memoryMb} MiB heaps (${(ms / 1000).toFixed(1)} s, once).`,
    );
    return true;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    console.error(
      `academy: kernels start with plain tslab, not the snapshot kernel: ${misfit}; building it failed: ${why}`,
    );
    return false;
  }
}
