/**
 * Grading through real gateways from PyPI, each started here on a loopback port with a token and
 * the tslab kernelspec of .venv: Jupyter Kernel Gateway 3.0.1 (installed by `make jest` into
 * .venv/gateway, requirements-gateway.txt) and Jupyter Enterprise Gateway 3.3.0 (which pins
 * jupyter_server < 2: its own venv, .venv/enterprise-gateway, requirements-enterprise-gateway.txt).
 * `academy grade --server URL --token T` on a small cohort (the source, the release, a faker, a
 * malformed file) gives the same gradebook as local grading, and each result says where its
 * kernels ran.
 */
import type { ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gradeCohort } from "../../grader/grade/grade-cohort";
import { withCase } from "../../grader/validate/cases";
import type { GradeResult } from "../../grader/grade/types";
import { gateways, startGateway, stopGateway } from "../helpers/gateways";
import { FIXTURE_NOTEBOOK as NAME, makeCourse } from "../helpers/course";

const TOKEN = "gateway-test-token";
let work: string;

const read = (out: string, learner: string, file = NAME) =>
  JSON.parse(readFileSync(join(out, learner, file.replace(".ipynb", ".json")), "utf8")) as GradeResult;
const comparable = (r: GradeResult) => ({
  status: r.status,
  score: r.score,
  max: r.max,
  exercises: r.exercises.map((e) => ({
    id: e.grade_id,
    points: e.points,
    status: e.status,
    messages: e.messages,
  })),
});

let local: string;
let sourceDir: string;
let exercisesDir: string;

beforeAll(async () => {
  const course = makeCourse("academy-gateway-");
  ({ work, sourceDir, exercisesDir } = course);
  const source = course.source;
  const released = JSON.stringify(course.released);
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

  local = join(work, "grades-local");
  await gradeCohort({ inputs: [subs], outDir: local, sourceDir, exercisesDir, jobs: 2 });
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(gateways.map((g) => [g.name, g] as const))("grading through %s", (_name, gateway) => {
  let url: string;
  let child: ChildProcess | undefined;
  let remote: string;

  beforeAll(async () => {
    // The gateway's kernels inherit its environment: the fixture module's self-check definitions.
    const started = await startGateway(gateway, {
      token: TOKEN,
      runtimeDir: work,
      env: { DATA_ACADEMY_EXERCISES: exercisesDir },
    });
    url = started.url;
    child = started.process;
    remote = join(work, `grades-${url.split(":").pop()}`);
    await gradeCohort({
      inputs: [join(work, "cohort")],
      outDir: remote,
      sourceDir,
      exercisesDir,
      jobs: 3,
      server: { url, token: TOKEN, kernelName: "tslab" },
    });
  }, 600_000);

  afterAll(() => stopGateway(child));

  test("the gateway's gradebook is the local one", () => {
    expect(readFileSync(join(remote, "gradebook.csv"), "utf8")).toBe(
      readFileSync(join(local, "gradebook.csv"), "utf8"),
    );
  });

  test("the source scores full marks, the release zero (not answered), the faker only its honest part, the broken file a clear row", () => {
    expect(read(remote, "source")).toMatchObject({ status: "graded", score: 2.5, max: 2.5 });
    expect(read(remote, "release")).toMatchObject({ status: "graded", score: 0 });
    expect(read(remote, "release").exercises.map((e) => e.status)).toEqual(["not-answered", "not-answered"]);
    expect(read(remote, "faker").exercises.map((e) => e.points)).toEqual([2, 0]);
    expect(read(remote, "broken")).toMatchObject({ status: "invalid", score: 0 });
    for (const learner of ["source", "release", "faker", "broken"])
      expect(comparable(read(remote, learner))).toEqual(comparable(read(local, learner)));
  });

  test("each result says its kernels ran on the gateway", () => {
    const run = read(remote, "source").run!;
    expect(run.backend).toBe("server");
    expect(run.isolation).toBe(`server ${url}, kernel "tslab": isolated as that server runs its kernels`);
    expect(read(local, "source").run!.backend).toBe("local");
  });

  test("a gateway that refuses (wrong token) gives each submission a clear failed row that does not advise a rerun", async () => {
    const out = join(work, `grades-refused-${url.split(":").pop()}`);
    const summary = await gradeCohort({
      inputs: [join(work, "cohort", "source")],
      outDir: out,
      sourceDir,
      jobs: 1,
      server: { url, token: "wrong", kernelName: "tslab" },
    });
    expect(summary.results.map((r) => r.status)).toEqual(["failed"]);
    expect(summary.results[0].message).toMatch(
      /could not start a "tslab" kernel on http:\/\/127\.0\.0\.1:\d+ HTTP 40[13]\b.*check --token/,
    );
    expect(summary.results[0].message).not.toMatch(/Rerun to retry/);
  }, 120_000);
});
