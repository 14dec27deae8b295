/**
 * The kernel sandbox itself, for each isolation this machine offers (bubblewrap, and an
 * unprivileged uid when the tests run as root): what a grading kernel may and may not do.
 * Real tslab kernels, one per isolation.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startGradingKernel, type GradingKernel } from "../../grader/grade/kernels";
import { blockingFolders, probeCapabilities, type IsolationKind } from "../../grader/kernel/sandbox";
import { repoRoot } from "../helpers/repo";

const caps = probeCapabilities();
// Without bubblewrap a fresh uid cannot reach a repository behind a private folder (a mktemp -d clone):
// the probe then offers no "unprivileged-user".
const kinds: IsolationKind[] = [
  ...(caps.bwrap ? (["bubblewrap"] as const) : []),
  ...(caps.unprivilegedUser ? (["unprivileged-user"] as const) : []),
];

test("the probe finds bubblewrap where it is installed and works", () => {
  const installed = (() => {
    try {
      execFileSync("bwrap", ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  if (installed) expect(caps.bwrap).toBe(true);
  expect(kinds.length).toBeGreaterThan(0); // CI installs bubblewrap (.ci/run)
});

describe.each(kinds)("isolation %s", (kind) => {
  let kernel: GradingKernel;
  let secret: string;
  const text = (r: { outputs: { output_type: string; text?: unknown }[] }) =>
    r.outputs.map((o) => (o.output_type === "stream" ? String(o.text) : "")).join("");
  const run = async (code: string, timeoutMs = 10_000) => kernel.session.execute(code, { timeoutMs });

  beforeAll(async () => {
    process.env.ACADEMY_TEST_SECRET = "s3cret-token";
    secret = mkdtempSync(join(tmpdir(), "academy-secret-"));
    execFileSync("chmod", ["755", secret]);
    writeFileSync(join(secret, "reference.json"), '{"answer": 7.25}');
    kernel = await startGradingKernel({ isolation: kind, hidden: [secret], maxProcesses: 64 });
  }, 300_000);

  afterAll(async () => {
    delete process.env.ACADEMY_TEST_SECRET;
    await kernel?.shutdown();
    rmSync(secret, { recursive: true, force: true });
  });

  test("does not see the grader's environment (tokens, secrets)", async () => {
    const r = await run(
      'console.log(JSON.stringify(Object.keys(process.env).filter((k) => !k.startsWith("DATA_ACADEMY_")).sort()));',
    );
    const keys = JSON.parse(text(r)) as string[];
    expect(keys).not.toContain("ACADEMY_TEST_SECRET");
    expect(
      keys.every((k) =>
        [
          "PATH",
          "PWD",
          "LANG",
          "LC_ALL",
          "LC_CTYPE",
          "TZ",
          "HOME",
          "TMPDIR",
          "ACADEMY_PARENT_PID",
          "ACADEMY_PARENT_STDIN",
        ].includes(k),
      ),
    ).toBe(true);
  });

  test("reports itself in the result's words", () => {
    expect(kernel.isolation).toMatch(
      kind === "bubblewrap" ? /^bubblewrap: read-only file system/ : /^unprivileged user \(uid \d+\)/,
    );
  });

  test("runs as another uid and writes only its scratch folder", async () => {
    const r = await run(`
      const fs = require("fs");
      const tryWrite = (p: string) => { try { fs.writeFileSync(p, "x"); fs.unlinkSync(p); return "written"; } catch (e) { return e.code; } };
      console.log(JSON.stringify({
        uid: process.getuid(),
        scratch: tryWrite("user/mine.txt"),
        lake: tryWrite(${JSON.stringify(join(repoRoot, "datasets", "evil.txt"))}),
        repo: tryWrite(${JSON.stringify(join(repoRoot, "evil.txt"))}),
        tmp: tryWrite("/tmp/academy-evil.txt"),
      }));`);
    expect(r.status).toBe("ok");
    const seen = JSON.parse(text(r)) as Record<string, unknown>;
    expect(seen.uid).not.toBe(0);
    expect(seen.scratch).toBe("written");
    // /tmp is everyone's under a plain uid; under bubblewrap it is read-only too.
    for (const where of kind === "bubblewrap" ? ["lake", "repo", "tmp"] : ["lake", "repo"])
      expect([where, seen[where]]).toEqual([where, expect.stringMatching(/^(EROFS|EACCES|EPERM)$/)]);
    expect(existsSync(join(repoRoot, "datasets", "evil.txt"))).toBe(false);
  });

  test("cannot read the hidden folders under bubblewrap", async () => {
    const r = await run(
      `try { console.log(require("fs").readFileSync(${JSON.stringify(join(secret, "reference.json"))}, "utf8")); } catch (e) { console.log(e.code); }`,
    );
    if (kind === "bubblewrap") expect(text(r).trim()).toBe("ENOENT");
    else expect(text(r)).toMatch(/7.25|EACCES/); // a plain uid only loses what file modes deny
  });

  test("has no network under bubblewrap", async () => {
    const r = await run(`console.log(Object.keys(require("os").networkInterfaces()).join(","))`);
    if (kind === "bubblewrap") expect(text(r).trim()).toBe("lo");
  });

  test("an interrupted loop leaves a live kernel", async () => {
    const loop = await run("while (true) {}", 2_000);
    expect(loop.status).toBe("timeout");
    const after = await run('console.log("still here")');
    expect(text(after)).toContain("still here");
  });

  test("at most maxProcesses processes and threads; children die with the kernel", async () => {
    const r = await run(
      `
      const cp = require("child_process");
      let started = 0, refused = 0;
      for (let i = 0; i < 150; i++) {
        const child = cp.spawn("sleep", ["9193.5"], { detached: true, stdio: "ignore" });
        child.on("error", () => {});
        if (child.pid) started++; else refused++;
      }
      console.log(JSON.stringify({ started, refused }));`,
      30_000,
    );
    const { started, refused } = JSON.parse(text(r)) as { started: number; refused: number };
    expect(started).toBeLessThan(64);
    expect(refused).toBeGreaterThan(0);
    await kernel.shutdown();
    const left = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
      .split("\n")
      .filter((l) => l.includes("sleep 9193.5"));
    expect(left).toEqual([]);
    expect(existsSync(kernel.scratchDir)).toBe(false);
  }, 60_000);
});

test("a results folder inside a private folder is left alone (the kernel's uid cannot reach it anyway)", async () => {
  if (!kinds.includes("bubblewrap")) return;
  const priv = mkdtempSync(join(tmpdir(), "academy-private-")); // 0700
  mkdirSync(join(priv, "grades"));
  const kernel = await startGradingKernel({ isolation: "bubblewrap", hidden: [join(priv, "grades")] });
  try {
    const r = await kernel.session.execute(
      `try { require("fs").readdirSync(${JSON.stringify(join(priv, "grades"))}); console.log("read"); } catch (e) { console.log(e.code); }`,
      { timeoutMs: 10_000 },
    );
    expect(r.outputs.map((o) => (o.output_type === "stream" ? o.text : "")).join("")).not.toContain("read");
  } finally {
    await kernel.shutdown();
    rmSync(priv, { recursive: true, force: true });
  }
}, 120_000);

test("blockingFolders names each folder on the way that other users cannot enter, outermost first", () => {
  const root = mkdtempSync(join(tmpdir(), "academy-blocking-"));
  try {
    mkdirSync(join(root, "a", "b", "c"), { recursive: true });
    execFileSync("chmod", ["755", root, join(root, "a", "b", "c")]);
    execFileSync("chmod", ["700", join(root, "a")]);
    execFileSync("chmod", ["750", join(root, "a", "b")]);
    expect(blockingFolders([join(root, "a", "b", "c", "repo"), join(root, "a", "b", "node")])).toEqual([
      join(root, "a"),
      join(root, "a", "b"),
    ]);
    execFileSync("chmod", ["711", join(root, "a"), join(root, "a", "b")]);
    expect(blockingFolders([join(root, "a", "b", "c", "repo")])).toEqual([]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
