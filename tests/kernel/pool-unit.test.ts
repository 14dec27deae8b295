/** The kernel pool with fake kernels: how many it keeps, never the same kernel twice, failed starts, keys, close. */
import { KernelPool } from "../../grader/kernel/pool";

class FakeKernel {
  shutdowns = 0;
  constructor(
    readonly id: number,
    readonly key: string,
  ) {}
  async shutdown(): Promise<void> {
    this.shutdowns++;
  }
}

/** A pool over fake kernels; the starts numbered in `failing` (from 1) reject, as a kernel that dies while starting. */
function fakePool(
  size: number,
  { initialKey, failing = [] }: { initialKey?: string; failing?: number[] } = {},
) {
  const started: FakeKernel[] = [];
  const pool = new KernelPool<FakeKernel>({
    size,
    initialKey,
    start: async (key) => {
      const kernel = new FakeKernel(started.length + 1, key);
      started.push(kernel);
      if (failing.includes(kernel.id)) throw new Error(`kernel ${kernel.id} died while starting`);
      return kernel;
    },
  });
  return { pool, started };
}

test("it keeps `size` kernels ready, hands each out once and starts a replacement", async () => {
  const { pool, started } = fakePool(2, { initialKey: "a" });
  expect(started.map((k) => k.key)).toEqual(["a", "a"]);
  const first = await pool.acquire("a");
  const second = await pool.acquire("a");
  expect([first.id, second.id]).toEqual([1, 2]); // the pre-started ones, in order
  expect(started).toHaveLength(4);
  expect(pool.readyCount).toBe(2);
  const third = await pool.acquire("a");
  expect(new Set([first, second, third]).size).toBe(3); // never the same kernel twice
  await pool.close();
});

test("with no initial key nothing starts ahead; the first acquire starts its own kernel and fills the pool", async () => {
  const { pool, started } = fakePool(1);
  expect(started).toHaveLength(0);
  const kernel = await pool.acquire("b");
  expect(kernel.key).toBe("b");
  expect(started.map((k) => k.key)).toEqual(["b", "b"]);
  await pool.close();
});

test("a kernel that dies while starting goes to whoever acquires it; the next acquire gets a fresh one", async () => {
  const { pool } = fakePool(1, { initialKey: "a", failing: [1] });
  await expect(pool.acquire("a")).rejects.toThrow("kernel 1 died while starting");
  const next = await pool.acquire("a");
  expect(next.id).toBe(2);
  await pool.close();
});

test("ready kernels for a key no longer asked for are retired", async () => {
  const { pool, started } = fakePool(2, { initialKey: "a" });
  const other = await pool.acquire("b");
  expect(other.key).toBe("b");
  await new Promise((resolve) => setImmediate(resolve));
  expect(started.filter((k) => k.key === "a").map((k) => k.shutdowns)).toEqual([1, 1]);
  expect(pool.readyCount).toBe(2);
  await pool.close();
});

test("close shuts down every kernel not handed out, then refuses to hand out more", async () => {
  const { pool, started } = fakePool(3, { initialKey: "a", failing: [2] });
  const taken = await pool.acquire("a");
  await pool.close();
  expect(taken.shutdowns).toBe(0); // its caller shuts it down
  expect(started.filter((k) => k !== taken && k.id !== 2).every((k) => k.shutdowns === 1)).toBe(true);
  expect(pool.readyCount).toBe(0);
  await expect(pool.acquire("a")).rejects.toThrow("the kernel pool is closed");
});

test("a size of 0 keeps none ready: each acquire starts one", async () => {
  const { pool, started } = fakePool(0, { initialKey: "a" });
  expect(started).toHaveLength(0);
  await pool.acquire("a");
  expect(started).toHaveLength(1);
  expect(pool.readyCount).toBe(0);
  await pool.close();
});
