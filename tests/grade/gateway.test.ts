/**
 * Grading through a real Jupyter Kernel Gateway (3.0.1 from PyPI, installed by `make jest` into
 * .venv/gateway, see requirements-gateway.txt), started here on a loopback port with a token and
 * the tslab kernelspec of .venv: `academy grade --server URL --token T` on a small cohort (the
 * source, the release, a faker, a malformed file) gives the same gradebook as local grading, and
 * each result says where its kernels ran.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gradeCohort } from "../../grader/grade/grade-cohort";
import { withCase } from "../../grader/grade/cases";
import type { GradeResult } from "../../grader/grade/types";
import type { Notebook } from "../../grader/notebook/nbformat";
import { release } from "../../grader/release/release";
import { freePort } from "../helpers/jupyter-server";
import { repoRoot, venvBin } from "../helpers/repo";
import { fixture } from "../helpers/repo";

const NAME = "900-release-fixture.ipynb";
const TOKEN = "gateway-test-token";
let work: string;
let gateway: ChildProcess | undefined;
let gatewayLog = "";
let url: string;

function gatewaySitePackages(): string {
  const lib = join(repoRoot, ".venv", "gateway", "lib");
  const python = existsSync(lib) ? readdirSync(lib).find((d) => d.startsWith("python")) : undefined;
  const site = python && join(lib, python, "site-packages");
  if (!site || !existsSync(join(site, "kernel_gateway"))) throw new Error("Jupyter Kernel Gateway is not installed for the tests: run `make jest` (it installs requirements-gateway.txt into .venv/gateway).");
  return site;
}

async function startGateway(exercisesDir: string): Promise<void> {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // The gateway's kernels inherit its environment: the fixture module's self-check definitions.
  gateway = spawn(venvBin("python"), ["-m", "kernel_gateway", "--KernelGatewayApp.ip=127.0.0.1", `--KernelGatewayApp.port=${port}`, `--KernelGatewayApp.auth_token=${TOKEN}`], {
    cwd: repoRoot,
    env: { ...process.env, PYTHONPATH: gatewaySitePackages(), DATA_ACADEMY_EXERCISES: exercisesDir, JUPYTER_RUNTIME_DIR: join(work, "runtime") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  gateway.stdout!.on("data", (d) => (gatewayLog += d));
  gateway.stderr!.on("data", (d) => (gatewayLog += d));
  for (let waited = 0; ; waited += 250) {
    try {
      const res = await fetch(`${url}/api/kernelspecs`, { headers: { Authorization: `token ${TOKEN}` } });
      if (res.ok) {
        const specs = (await res.json()) as { kernelspecs: Record<string, unknown> };
        if (!specs.kernelspecs.tslab) throw new Error(`the gateway offers no tslab kernel: ${Object.keys(specs.kernelspecs).join(", ")}`);
        return;
      }
    } catch (err) {
      if (err instanceof Error && err.message.includes("no tslab")) throw err;
    }
    if (waited > 60_000) throw new Error(`the kernel gateway did not start:\n${gatewayLog}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const read = (out: string, learner: string, file = NAME) => JSON.parse(readFileSync(join(out, learner, file.replace(".ipynb", ".json")), "utf8")) as GradeResult;
const comparable = (r: GradeResult) => ({ status: r.status, score: r.score, max: r.max, exercises: r.exercises.map((e) => ({ id: e.grade_id, points: e.points, status: e.status, messages: e.messages })) });

let local: string;
let remote: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "academy-gateway-"));
  const sourceDir = join(work, "source");
  const exercisesDir = join(work, "exercises");
  mkdirSync(sourceDir);
  cpSync(fixture("notebooks", NAME), join(sourceDir, NAME));
  release({ sourceDir, releaseDir: join(work, "release"), exercisesDir });
  const source = JSON.parse(readFileSync(join(sourceDir, NAME), "utf8")) as Notebook;
  const released = readFileSync(join(work, "release", NAME), "utf8");
  const subs = join(work, "cohort");
  const submit = (learner: string, text: string) => {
    mkdirSync(join(subs, learner), { recursive: true });
    writeFileSync(join(subs, learner, NAME), text);
  };
  submit("source", JSON.stringify(source));
  submit("release", released);
  // Prints a fake score and sends fake observations from its answer cell; 900.2 answered wrong.
  const faker = withCase(withCase(source, { exercise: "900.2", code: "return 6.5;" }), {
    exercise: "900.1",
    code: 'primaryKey = ["stock_id"];\nconsole.log("score: 100");\nobserve("answer", 7.25);',
  });
  submit("faker", JSON.stringify(faker));
  submit("broken", '{"cells": [');

  await startGateway(exercisesDir);
  local = join(work, "grades-local");
  remote = join(work, "grades-gateway");
  await gradeCohort({ inputs: [subs], outDir: local, sourceDir, exercisesDir, jobs: 2 });
  await gradeCohort({ inputs: [subs], outDir: remote, sourceDir, exercisesDir, jobs: 3, server: { url, token: TOKEN, kernelName: "tslab" } });
}, 600_000);

afterAll(async () => {
  if (gateway && gateway.exitCode === null) {
    const exited = new Promise((r) => gateway!.once("exit", r));
    gateway.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the gateway's gradebook is the local one", () => {
  expect(readFileSync(join(remote, "gradebook.csv"), "utf8")).toBe(readFileSync(join(local, "gradebook.csv"), "utf8"));
});

test("the source scores full marks, the release zero (not answered), the faker only its honest part, the broken file a clear row", () => {
  expect(read(remote, "source")).toMatchObject({ status: "graded", score: 2.5, max: 2.5 });
  expect(read(remote, "release")).toMatchObject({ status: "graded", score: 0 });
  expect(read(remote, "release").exercises.map((e) => e.status)).toEqual(["not-answered", "not-answered"]);
  expect(read(remote, "faker").exercises.map((e) => e.points)).toEqual([2, 0]);
  expect(read(remote, "broken")).toMatchObject({ status: "invalid", score: 0 });
  for (const learner of ["source", "release", "faker", "broken"]) expect(comparable(read(remote, learner))).toEqual(comparable(read(local, learner)));
});

test("each result says its kernels ran on the gateway, and how the grader reached it", () => {
  const run = read(remote, "source").run!;
  expect(run.backend).toBe("server");
  expect(run.isolation).toBe(`server ${url}, kernel "tslab": isolated as that server runs its kernels`);
  expect(read(local, "source").run!.backend).toBe("local");
});

test("a gateway that refuses (wrong token) gives each submission a clear failed row, and the run goes on", async () => {
  const out = join(work, "grades-refused");
  const summary = await gradeCohort({ inputs: [join(work, "cohort", "source")], outDir: out, sourceDir: join(work, "source"), jobs: 1, server: { url, token: "wrong", kernelName: "tslab" } });
  expect(summary.results.map((r) => r.status)).toEqual(["failed"]);
  expect(summary.results[0].message).toMatch(/could not start a "tslab" kernel on http:\/\/127\.0\.0\.1:\d+/);
  expect(summary.results[0].message).toMatch(/HTTP 40[13]\b.*check --token/);
  expect(summary.results[0].message).not.toMatch(/Rerun to retry/);
}, 120_000);
