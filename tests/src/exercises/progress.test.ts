/** progress(): each self-check's latest verdict, kept on this machine, and the next modules on a path. */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exercise, progressFile, progressOf, progressText, todo } from "../../../src/exercises";
import { writeExerciseFixture } from "../../helpers/exercise-fixture";
import { temporaryDirInEnv } from "../../helpers/temporary-dir";

const progressDir = temporaryDirInEnv("ACADEMY_TEST_PROGRESS_DIR", "academy-progress-");
let definitions: string;
let log: jest.SpyInstance;
const saved = process.env.DATA_ACADEMY_PROGRESS;

beforeAll(() => {
  definitions = writeExerciseFixture();
  process.env.DATA_ACADEMY_EXERCISES = definitions;
});
beforeEach(() => {
  process.env.DATA_ACADEMY_PROGRESS = join(progressDir(), "progress.json");
  log = jest.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(() => {
  log.mockRestore();
  for (const f of readdirSync(progressDir()))
    rmSync(join(progressDir(), f), { recursive: true, force: true });
});
afterAll(() => {
  process.env.DATA_ACADEMY_PROGRESS = saved;
  delete process.env.DATA_ACADEMY_EXERCISES;
  rmSync(definitions, { recursive: true, force: true });
});

test("after a right, a wrong and an unanswered check, each exercise says where it stands", () => {
  exercise("000.1").check(120);
  exercise("000.2").check(["user", "trusted"]);
  exercise("000.3").check(todo("000.3"));
  const module = progressOf().modules.find((m) => m.module === "000")!;
  expect(module.exercises.map((e) => [e.id, e.state])).toEqual([
    ["000.1", "correct"],
    ["000.2", "not yet"],
    ["000.3", "not answered"],
    ...module.exercises.slice(3).map((e) => [e.id, "not answered"]),
  ]);
  expect(module.done).toBe(false);
  const kept = JSON.parse(readFileSync(progressFile(), "utf8")) as { checks: Record<string, unknown> };
  expect(Object.keys(kept.checks).sort()).toEqual(["000.1", "000.2", "000.3"]);
  // only verdicts and when: never the answer itself
  expect(JSON.stringify(kept)).not.toMatch(/trusted|120/);
});

test("the latest check counts: a wrong answer put right is right", () => {
  exercise("000.1").check(126);
  expect(progressOf().modules[0].exercises[0].state).toBe("not yet");
  exercise("000.1").check(120);
  expect(progressOf().modules[0].exercises[0].state).toBe("correct");
});

test("the text says what each mark means, where the file is and what comes next on the path", () => {
  exercise("000.1").check(120);
  const text = progressText(progressOf({ persona: "Developer" }));
  expect(text).toMatch(/✓ right, ✗ not yet, · not answered/);
  expect(text).toMatch(/^000 .* 1\/\d+ {2}✓ 000\.1 {2}· 000\.2/m);
  expect(text).toMatch(/^Next on the Developer path: 101 · /m);
  expect(text).toContain(progressFile());
  expect(() => progressOf({ persona: "astronaut" })).toThrow(/no suggested path for "astronaut"/);
});

test("a progress file that cannot be written never stops a check", () => {
  // A file where its folder should be: nothing can be written below it.
  writeFileSync(join(progressDir(), "not-a-folder"), "");
  process.env.DATA_ACADEMY_PROGRESS = join(progressDir(), "not-a-folder", "progress.json");
  expect(() => exercise("000.1").check(120)).not.toThrow();
  expect(log).toHaveBeenCalledWith(expect.stringMatching(/^✓ 000\.1/));
  expect(existsSync(progressFile())).toBe(false);
});
