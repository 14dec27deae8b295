/**
 * The kernel pool with real local kernels: kernels are started ahead of need, each is handed out
 * once, replacements are started, kernels for a folder no longer asked for are retired, and close()
 * leaves nothing running.
 */
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KernelPool } from "../../grader/kernel/pool";
import type { KernelSession } from "../../grader/kernel/session";
import { startLocalKernel } from "../../grader/kernel/zmq/local";
import { descendants, waitForExit } from "../helpers/processes";
import { fixture } from "../helpers/repo";

test("kernels are pre-started, handed out once, replaced, retired and closed", async () => {
  const other = realpathSync(mkdtempSync(join(tmpdir(), "academy-pool-")));
  const started: string[] = [];
  const pool = new KernelPool<KernelSession>({
    size: 2,
    initialKey: fixture("notebooks"),
    start: (cwd) => {
      started.push(cwd);
      return startLocalKernel({ cwd });
    },
  });
  const seen = new Set<number>();
  const handedOut: KernelSession[] = [];
  try {
    expect(pool.readyCount).toBe(2);
    expect(started).toEqual([fixture("notebooks"), fixture("notebooks")]);

    const first = await pool.acquire(fixture("notebooks"));
    const second = await pool.acquire(fixture("notebooks"));
    handedOut.push(first, second);
    expect(started).toHaveLength(4); // each acquire started a replacement
    for (const kernel of [first, second]) {
      const result = await kernel.execute("console.log(process.cwd())");
      expect(result.outputs).toEqual([
        { output_type: "stream", name: "stdout", text: `${fixture("notebooks")}\n` },
      ]);
      seen.add(kernel.pid!);
    }
    expect(seen.size).toBe(2); // never the same kernel twice

    // Another folder: the ready kernels for the old one are retired, new ones start for the new one.
    const elsewhere = await pool.acquire(other);
    handedOut.push(elsewhere);
    seen.add(elsewhere.pid!);
    expect(seen.size).toBe(3);
    expect(started.slice(4)).toEqual([other, other, other]);
    expect(pool.readyCount).toBe(2);
    const cwd = await elsewhere.execute("console.log(process.cwd())");
    expect(cwd.outputs).toEqual([{ output_type: "stream", name: "stdout", text: `${other}\n` }]);
    await Promise.all([first, second, elsewhere].map((k) => k.shutdown()));
  } finally {
    // Kernels handed out are their taker's to shut down: done here too, so that a failed
    // expectation above is reported as itself, not as the kernels it left running.
    await Promise.allSettled(handedOut.map((k) => k.shutdown()));
    const beforeClose = descendants(process.pid);
    await pool.close();
    expect(await waitForExit([...seen, ...beforeClose], 10_000)).toEqual([]);
    rmSync(other, { recursive: true, force: true });
  }
  expect(pool.readyCount).toBe(0);
  await expect(pool.acquire()).rejects.toThrow("the kernel pool is closed");
});

test("a kernel that fails to start is reported to whoever acquires it", async () => {
  const pool = new KernelPool<KernelSession>({
    size: 1,
    start: (cwd) => startLocalKernel({ cwd, wrap: () => ["/bin/false"] }),
  });
  await expect(pool.acquire(fixture("notebooks"))).rejects.toThrow(
    /the kernel died while starting \(the kernel exited with code 1\)/,
  );
  await pool.close();
});
