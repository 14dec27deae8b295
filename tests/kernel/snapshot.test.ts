/**
 * The snapshot kernel (grader/kernel/snapshot/): its one patch applies to the installed tslab
 * 1.0.22, a kernel started from it reuses the declaration files parsed at build time and behaves
 * as plain tslab (stack traces, UTC, tslab's display), and a snapshot that does not fit falls
 * back to plain tslab: out of date (launch.sh says why), refused by V8 (started again), or with
 * NODE_OPTIONS set. Whole notebooks, cell by cell, are compared in tests/notebooks/snapshot-equality.test.ts.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  PATCH_POINT,
  launcher,
  patchTypeScript,
  snapshotDir,
  snapshotMisfit,
  snapshotReady,
  stampLine,
  withOwnLocation,
} from "../../grader/kernel/snapshot/build";
import type { KernelSession } from "../../grader/kernel/session";
import { startLocalKernel } from "../../grader/kernel/zmq/local";
import { fixture, repoRoot } from "../helpers/repo";

const cwd = fixture("notebooks");
/** What a snapshot kernel reused; undefined in plain tslab. */
const STATS =
  'console.log(JSON.stringify((globalThis as any)[Symbol.for("data-academy.snapshot")]?.stats() ?? "plain"));';

async function statsOf(
  kernel: KernelSession,
): Promise<{ kept: number; reused: number; parsed: number } | "plain"> {
  const result = await kernel.execute(STATS);
  expect(result.status).toBe("ok");
  return JSON.parse((result.outputs[0] as { text: string }).text) as "plain";
}

// Heap sizes of these tests' own (V8 wants a snapshot per heap size): nothing else uses them.
const STALE_MB = 301;
const REFUSED_MB = 302;
const removeSnapshot = (mb: number) => {
  for (const ext of ["blob", "stamp", "js"])
    rmSync(join(snapshotDir, `kernel-${mb}.${ext}`), { force: true });
};

afterAll(() => {
  removeSnapshot(STALE_MB);
  removeSnapshot(REFUSED_MB);
});

describe("the patch to tslab's TypeScript", () => {
  const installed = readFileSync(
    require.resolve("@tslab/typescript-for-tslab/lib/typescript.js", { paths: [repoRoot] }),
    "utf8",
  );

  test("finds its place exactly once in the installed @tslab/typescript-for-tslab (tslab 1.0.22)", () => {
    const patched = patchTypeScript(installed);
    expect(patched.split(PATCH_POINT).length - 1).toBe(1);
    expect(patched).toContain('source-files.cjs").createSourceFile(parseSourceFile,');
    expect(patched).toContain(PATCH_POINT.replace("createSourceFile(", "parseSourceFile("));
  });

  test("refuses a TypeScript where the place moved or repeats, naming the upgrade", () => {
    expect(() => patchTypeScript("function createSourceFile(a, b) {}")).toThrow(
      /0 times.*upgraded past 1\.0\.22/,
    );
    expect(() => patchTypeScript(`${PATCH_POINT}}\n${PATCH_POINT}}`)).toThrow(/2 times/);
  });

  test("each bundled module keeps its own __dirname and __filename", () => {
    const out = withOwnLocation("a(__dirname); b(__filename); c.__dirnameX;", "/x/y/z.js");
    expect(out).toBe('a("/x/y"); b("/x/y/z.js"); c.__dirnameX;');
  });
});

describe("a snapshot kernel", () => {
  let kernel: KernelSession;
  beforeAll(async () => {
    expect(await snapshotReady(2048)).toBe(true);
    kernel = await startLocalKernel({ cwd });
  });
  afterAll(async () => kernel?.shutdown());

  test("reuses the declaration files it parsed at build time, and parses a learner's own code", async () => {
    const first = await kernel.execute(
      'import { lake, stats } from "data-academy";\nconst n: number = stats.mean([1, 2]);',
    );
    expect(first.status).toBe("ok");
    const stats = await statsOf(kernel);
    if (stats === "plain") throw new Error("the kernel is plain tslab, not the snapshot kernel");
    // lib.*.d.ts, @types/node and the course library's types: about 230 files.
    expect(stats.kept).toBeGreaterThan(150);
    expect(stats.reused).toBeGreaterThan(150);
    expect(stats.parsed).toBeLessThan(10);
  });

  test("errors keep their stack, dates are UTC, tslab's display reaches the notebook", async () => {
    const thrown = await kernel.execute('function fail(): never { throw new Error("boom"); }\nfail();');
    expect(thrown.status).toBe("error");
    const text = thrown.outputs.map((o) => ("text" in o ? String(o.text) : "")).join("");
    expect(text).toMatch(/Error: boom\n {4}at fail \(evalmachine/);
    const date = await kernel.execute("console.log(new Date(2026, 8, 10).toISOString());");
    expect(date.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "2026-09-10T00:00:00.000Z\n" },
    ]);
    // The library's display goes through require("tslab/dist/jupyter"): the bundle's own instance.
    const shown = await kernel.execute('import * as tslab from "tslab";\ntslab.display.html("<b>x</b>");');
    expect(shown.outputs).toEqual([
      { output_type: "display_data", data: { "text/html": "<b>x</b>" }, metadata: {} },
    ]);
  });
});

test("a kernel in a folder of its own resolves ./modules there, and re-reads one edited while it runs", async () => {
  // The snapshot was built in the repository: the kernel must use its own working folder, and a
  // learner's kernel (no DATA_ACADEMY_KERNEL_WATCH=0) watches the files it read, as plain tslab does.
  const dir = mkdtempSync(join(tmpdir(), "academy-snapshot-"));
  writeFileSync(join(dir, "mod.ts"), "export const x: number = 1;\n");
  const kernel = await startLocalKernel({ cwd: dir, env: { DATA_ACADEMY_KERNEL_WATCH: "1" } });
  try {
    expect(await statsOf(kernel)).not.toBe("plain");
    const first = await kernel.execute('import { x } from "./mod";\nconsole.log(x, process.cwd());');
    expect(first.outputs).toEqual([{ output_type: "stream", name: "stdout", text: `1 ${dir}\n` }]);
    writeFileSync(join(dir, "mod.ts"), "export const x: number = 2;\n");
    let seen = "";
    for (let i = 0; i < 20 && seen !== "2\n"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const again = await kernel.execute('import { x as y } from "./mod";\nconsole.log(y);');
      seen = again.outputs.map((o) => ("text" in o ? String(o.text) : "")).join("");
    }
    expect(seen).toBe("2\n");
  } finally {
    await kernel.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("a snapshot that does not fit: plain tslab", () => {
  test("out of date (an input changed since the build): launch.sh says why, the kernel is plain tslab", async () => {
    expect(await snapshotReady(STALE_MB)).toBe(true); // built for this heap size, once
    expect(snapshotMisfit(STALE_MB)).toBeUndefined();
    // One input "changed": its size no longer matches the stamp.
    const stamp = join(snapshotDir, `kernel-${STALE_MB}.stamp`);
    const lines = readFileSync(stamp, "utf8").split("\n");
    lines[1] = lines[1].replace(/^\d+/, (size) => String(Number(size) + 1));
    writeFileSync(stamp, lines.join("\n"));
    expect(snapshotMisfit(STALE_MB)).toMatch(/^the snapshot is out of date/);

    // What the launcher says before it starts plain tslab (which then waits on a connection file
    // that is not there: stopped after a few seconds).
    const started = spawnSync(
      launcher,
      ["--node", process.execPath, "--memory-mb", String(STALE_MB), "--config-path", "/nonexistent.json"],
      { encoding: "utf8", timeout: 5_000 },
    );
    expect(started.stderr).toMatch(
      /^data-academy: starting plain tslab, not the snapshot kernel: the snapshot is out of date/,
    );
    // In this process the snapshot was ready, so the grader asks for it; the launcher knows better.
    const kernel = await startLocalKernel({ cwd, memoryMb: STALE_MB });
    try {
      expect(await statsOf(kernel)).toBe("plain");
    } finally {
      await kernel.shutdown();
    }
  });

  test("refused by V8 (built with other flags): the kernel is started again as plain tslab", async () => {
    expect(await snapshotReady(2048)).toBe(true);
    // A 2048 MiB snapshot under a 302 MiB name, with a stamp that fits: V8 itself refuses it.
    const blob = join(snapshotDir, `kernel-${REFUSED_MB}.blob`);
    copyFileSync(join(snapshotDir, "kernel-2048.blob"), blob);
    const lines = readFileSync(join(snapshotDir, "kernel-2048.stamp"), "utf8").trim().split("\n");
    lines[lines.length - 1] = stampLine(blob);
    writeFileSync(join(snapshotDir, `kernel-${REFUSED_MB}.stamp`), `${lines.join("\n")}\n`);
    expect(snapshotMisfit(REFUSED_MB)).toBeUndefined();

    const said = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      const kernel = await startLocalKernel({ cwd, memoryMb: REFUSED_MB });
      try {
        expect(await statsOf(kernel)).toBe("plain");
      } finally {
        await kernel.shutdown();
      }
      expect(said.mock.calls.map((args) => args.join(" ")).join("\n")).toMatch(
        /V8 refused the snapshot kernel \(.*exited with code 14.*\); starting plain tslab/s,
      );
    } finally {
      said.mockRestore();
    }
  });

  test("the stamp lists Node, tslab, TypeScript and the declaration files the snapshot holds parsed", async () => {
    expect(await snapshotReady(2048)).toBe(true);
    const paths = readFileSync(join(snapshotDir, "kernel-2048.stamp"), "utf8")
      .trim()
      .split("\n")
      .map((line) => line.split(" ").slice(2).join(" "));
    expect(paths[0]).toBe(realpathSync(process.execPath));
    expect(paths[paths.length - 1]).toBe(join(snapshotDir, "kernel-2048.blob"));
    const has = (tail: RegExp) => expect(paths.filter((p) => tail.test(p))).not.toEqual([]);
    has(/node_modules\/tslab\/dist\/jupyter\.js$/);
    has(/typescript-for-tslab\/lib\/typescript\.js$/);
    has(/typescript-for-tslab\/lib\/lib\.es2022\.d\.ts$/);
    has(/@types\/node\/globals\.d\.ts$/);
    has(/src\/dist\/index\.d\.ts$/); // a rebuilt course library makes the snapshot out of date
  });

  test("NODE_OPTIONS set (V8 would refuse the snapshot): launch.sh says so", () => {
    expect(snapshotMisfit(2048, { ...process.env, NODE_OPTIONS: "--max-old-space-size=100" })).toMatch(
      /^NODE_OPTIONS is set/,
    );
  });
});
