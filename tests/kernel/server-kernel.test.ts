/**
 * The server backend against a real `jupyter server` from .venv: the same notebook gives the same
 * outputs as the local backend; errors, the cell timeout (interrupt over REST) and kernel death
 * behave the same; every kernel is deleted afterwards and the server leaves no process behind.
 */
import { readFileSync } from "node:fs";
import { runNotebook } from "../../grader/execute/run-notebook";
import { startServerKernel } from "../../grader/kernel/server/jupyter-server";
import type { KernelSession } from "../../grader/kernel/session";
import type { Notebook } from "../../grader/notebook/nbformat";
import { startJupyter, type RunningServer } from "../helpers/jupyter-server";
import { fixture } from "../helpers/repo";
import { expectLoopInterrupted, expectRunsRightAfterAnError, expectTypeError } from "./backend-cases";
import { comparableOutputs } from "./normalize";

let server: RunningServer;
const start = (path?: string) => startServerKernel({ baseUrl: server.url, token: server.token, path });

async function runningKernels(): Promise<unknown[]> {
  const res = await fetch(`${server.url}/api/kernels`, {
    headers: { Authorization: `token ${server.token}` },
  });
  return (await res.json()) as unknown[];
}

beforeAll(async () => {
  server = await startJupyter();
});

afterAll(async () => {
  expect(await server.stop()).toEqual([]);
});

/** Every test ends with no kernel left on the server. */
async function expectNoKernels(): Promise<void> {
  expect(await runningKernels()).toEqual([]);
}

test("the same notebook through the server backend gives the same outputs as the local one", async () => {
  const notebook = JSON.parse(readFileSync(fixture("notebooks", "output-order.ipynb"), "utf8")) as Notebook;
  const remote = await runNotebook(notebook, {
    start: () => start("tests/fixtures/notebooks/output-order.ipynb"),
  });
  const local = await runNotebook(notebook, { cwd: fixture("notebooks") });
  expect(remote.status).toBe("ok");
  expect(comparableOutputs(remote.notebook)).toEqual(comparableOutputs(local.notebook));
  expect(remote.cells.map((c) => c.status)).toEqual(local.cells.map((c) => c.status));
  await expectNoKernels();
});

test("the kernel runs in the notebook's folder when a path is given", async () => {
  const kernel = await start("tests/fixtures/notebooks/output-order.ipynb");
  try {
    const result = await kernel.execute("console.log(process.cwd())");
    expect(result.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: `${fixture("notebooks")}\n` },
    ]);
  } finally {
    await kernel.shutdown();
  }
  await expectNoKernels();
});

describe("one server kernel", () => {
  let kernel: KernelSession;
  beforeAll(async () => {
    kernel = await start();
  });
  afterAll(async () => {
    await kernel.shutdown();
    await kernel.shutdown(); // twice is fine
    await expectNoKernels();
  });

  test("errors come back with their text, and the next cell runs despite tslab's abort window", async () => {
    await expectTypeError(kernel);
    await expectRunsRightAfterAnError(kernel, 'console.log("next")', "next\n");
  });

  test("while (true) {} is interrupted by the cell timeout (REST interrupt) and the kernel lives on", async () => {
    await expectLoopInterrupted(kernel, 1_500);
  });
});

test("process.exit(1) is reported as a dead kernel", async () => {
  const kernel = await start();
  try {
    const result = await kernel.execute("process.exit(1)", { timeoutMs: 30_000 });
    expect(result.status).toBe("dead");
    expect(result.death).toMatch(
      /^the kernel died \(the server reports it (dead|restarting|autorestarting)\)$/,
    );
    expect(result.durationMs).toBeLessThan(20_000); // seen as a death, not waited out as the 30 s timeout
    expect(await kernel.isAlive()).toBe(false);
  } finally {
    await kernel.shutdown();
  }
  await expectNoKernels();
});

test("an unknown kernel name fails with a clear start error", async () => {
  await expect(
    startServerKernel({ baseUrl: server.url, token: server.token, kernelName: "no-such-kernel" }),
  ).rejects.toThrow(/could not start a "no-such-kernel" kernel on http:\/\/127\.0\.0\.1:\d+/);
  await expectNoKernels();
});
