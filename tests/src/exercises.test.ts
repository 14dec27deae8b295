/** Self-checks: canonical forms, hashes, the kinds of message, placeholders and summaries. */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  canonical,
  exercise,
  numbersNearEdge,
  observe,
  sameAnswer,
  todo,
  toJsonValue,
} from "../../src/exercises";
import { writeExerciseFixture } from "../helpers/exercise-fixture";

let dir: string;
let log: jest.SpyInstance;

beforeAll(() => {
  dir = writeExerciseFixture();
  process.env.DATA_ACADEMY_EXERCISES = dir;
});
afterAll(() => {
  delete process.env.DATA_ACADEMY_EXERCISES;
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  log = jest.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(() => log.mockRestore());

describe("canonical", () => {
  test("rounds numbers to the tolerance and ignores order unless asked", () => {
    expect(canonical(2.333, { tolerance: 0.01 })).toBe(canonical(7 / 3, { tolerance: 0.01 }));
    expect(canonical(2.35, { tolerance: 0.01 })).not.toBe(canonical(7 / 3, { tolerance: 0.01 }));
    expect(canonical([3, 1, 2])).toBe(canonical([1, 2, 3]));
    expect(canonical([3, 1, 2], { ordered: true })).not.toBe(canonical([1, 2, 3], { ordered: true }));
    expect(canonical(" Refined ")).toBe(canonical("refined"));
    expect(canonical("Refined", { caseSensitive: true })).not.toBe(
      canonical("refined", { caseSensitive: true }),
    );
  });

  test("a DataFrame and the same rows as objects are the same answer, whatever the row order", () => {
    const frame = {
      columns: ["id", "n"],
      values: [
        ["b", 2],
        ["a", 1],
      ],
      index: [0, 1],
    };
    expect(canonical(frame)).toBe(
      canonical([
        { n: 1, id: "a" },
        { id: "b", n: 2 },
      ]),
    );
  });
});

describe("exercise", () => {
  test("right, known-wrong and other answers print three different messages", () => {
    const q = exercise("000.1");
    q.check(120);
    q.check(126);
    q.check(119);
    expect(q.judge(120)).toMatchObject({ correct: true });
    expect(q.judge(126)).toMatchObject({ correct: false, misconception: true });
    expect(q.judge(119)).toMatchObject({ correct: false, misconception: false });
    const printed = log.mock.calls.map((c) => String(c[0]));
    expect(printed[0]).toMatch(/^✓ 000.1: Correct\. Refined removed/);
    expect(printed[1]).toMatch(/^✗ 000.1: That counts rows of raw\/retailers/);
    expect(printed[2]).toMatch(/^✗ 000.1: Not quite/);
  });

  test("tolerance and order-insensitivity apply per check", () => {
    expect(exercise("000.3").judge(2.3333).correct).toBe(true);
    expect(exercise("000.3").judge(2.3349).correct).toBe(true); // rounds to 2.33, as 7/3 does
    expect(exercise("000.3").judge(2.335).correct).toBe(false); // rounds to 2.34: one rule, the grader's too
    expect(exercise("000.3").judge(2.4).correct).toBe(false);
    expect(exercise("000.3").judge(2).misconception).toBe(true);
    expect(exercise("000.2").judge(["trusted", "user"]).message).toMatch(/Trusted is written only by ELT/);
  });

  test("undefined gets its own message; hints come in levels; the solution is shown", () => {
    expect(exercise("000.1").judge(undefined)).toMatchObject({
      verdict: "not answered",
      message: expect.stringMatching(/^not answered yet/),
    });
    const q = exercise("000.3");
    q.hint();
    q.hint(2);
    q.hint(9);
    q.solution(); // outside a kernel, the text/plain part is printed
    expect(log.mock.calls.map((c) => String(c[0]))).toEqual([
      "Hint 1 of 2: Add them up, divide by how many there are.  (more: .hint(2))",
      "Hint 2 of 2: (1 + 2 + 4) / 3",
      "Hint 2 of 2: (1 + 2 + 4) / 3",
      "const avg = (1 + 2 + 4) / 3;",
    ]);
  });

  test("an unknown id lists the known ones", () => {
    expect(() => exercise("999.1")).toThrow(/No exercise "999.1". Known exercises: 000.1, 000.2, 000.3/);
  });

  test("the definition file holds no answer in readable form", () => {
    const text = readFileSync(join(dir, "000-fixture.json"), "utf8");
    expect(text).not.toMatch(/\b120\b|\b126\b|2\.33/);
  });
});

describe("sameAnswer", () => {
  test("numbers round to the nearest multiple of the tolerance, without floating-point noise", () => {
    expect(sameAnswer(6460, 6460.4, { tolerance: 1 })).toBe(true);
    expect(sameAnswer(6460, 6461.4, { tolerance: 1 })).toBe(false); // the old self-check said ✓ here, the grader 0
    expect(sameAnswer(0.3, 0.1 + 0.2)).toBe(true);
    expect(sameAnswer(9362.5, 9362.499999999998, { tolerance: 1 })).toBe(true);
    expect(sameAnswer(new Date(Date.UTC(2026, 8, 7)), "2026-09-07T00:00:00.000Z")).toBe(true); // as observe sends it
    expect(sameAnswer({ a: [1, NaN] }, { a: [null, 1] })).toBe(true);
    expect(sameAnswer({ a: 1 }, { a: 1, b: null })).toBe(false);
  });

  test("release refuses answers at the edge between two tolerance steps", () => {
    expect(numbersNearEdge({ Audi: 9362.5, BMW: 6802 }, 1)).toEqual([9362.5]);
    expect(numbersNearEdge(9362.5, 0.5)).toEqual([]);
    expect(numbersNearEdge(67133.26, 1)).toEqual([]);
    expect(numbersNearEdge(2.5, 0)).toEqual([]);
  });
});

describe("placeholders and summaries", () => {
  const printed = () => log.mock.calls.map((c) => String(c[0]));

  test("a placeholder anywhere in the answer is 'not answered yet', with a pointer to the hint", () => {
    const q = exercise("000.1");
    q.check(todo("000.1"));
    q.check([1, todo("000.1")]);
    expect(printed()).toEqual(
      [
        'not answered yet. Your answer goes in the cell above, in place of the todo("000.1") line; exercise("000.1").hint() gives a nudge.',
        'not answered yet. Your answer goes in the cell above, in place of the todo("000.1") line; exercise("000.1").hint() gives a nudge.',
      ].map((m) => `000.1: ${m}`),
    );
    expect(String(todo("000.1"))).toBe("000.1 is not answered yet");
    expect(toJsonValue(todo("000.1"))).toEqual({ "not answered": "000.1" });
  });

  test("a summary runs inside the check: placeholders met there, and errors, become messages", () => {
    const stub = (_n: number): number => todo("000.1");
    const answered = (n: number): number => n * 60;
    const broken = (_n: number): number => {
      throw new TypeError("rows.map is not a function");
    };
    const q = exercise("000.1");
    q.check(stub, (f) => f(2) + 0);
    q.check(answered, (f) => f(2));
    q.check(broken, (f) => f(2));
    q.check(
      (n: number) => n,
      (f) => ({ uses: f(1), other: stub(1) }),
    );
    const lines = printed();
    expect(lines[0]).toMatch(/^000\.1: not answered yet\./);
    expect(lines[1]).toMatch(/^✓ 000\.1: Correct\./);
    expect(lines[2]).toBe("✗ 000.1: Running your answer stopped with TypeError: rows.map is not a function");
    expect(lines[3]).toMatch(/^000\.1: not answered yet/);
  });

  test("an answer that uses another exercise's placeholder says which", () => {
    void exercise("000.3").check(1, () => todo("000.1"));
    expect(printed()[0]).toBe(
      "000.3: not answered yet: your answer uses 000.1, which is not answered yet. Answer 000.1 first, or write this one without it.",
    );
  });

  test("an async summary returns a promise that prints when it settles", async () => {
    await exercise("000.1").check("q", async () => 120);
    await exercise("000.1").check("q", async () => {
      throw new Error("Parser Error: syntax error");
    });
    expect(printed()).toEqual([
      "✓ 000.1: Correct. Refined removed the six duplicate export rows.",
      "✗ 000.1: Running your answer stopped with Error: Parser Error: syntax error",
    ]);
  });

  test("a function passed without a summary gets a message, not a crash", () => {
    expect(exercise("000.1").judge(() => 120)).toMatchObject({
      verdict: "wrong",
      message: expect.stringMatching(/This is a function/),
    });
  });
});

describe("observe", () => {
  test("turns values into plain JSON and refuses what cannot be serialised", () => {
    expect(toJsonValue({ b: new Date(Date.UTC(2026, 8, 7)), a: [1, NaN] })).toEqual({
      a: [1, null],
      b: "2026-09-07T00:00:00.000Z",
    });
    expect(toJsonValue({ columns: ["x"], values: [[1], [2]], index: [0, 1] })).toEqual([{ x: 1 }, { x: 2 }]);
    expect(() => toJsonValue({ f: () => 1 })).toThrow(/Cannot use value.f: it is a function/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => toJsonValue(loop)).toThrow(/refers to itself/);
  });

  test("refuses values over the size limit with a clear message", () => {
    expect(() => observe("big", "x".repeat(2000), { maxBytes: 1000 })).toThrow(
      /Cannot observe "big": it is 3 KB of JSON \(limit 1 KB\)/,
    );
    expect(() => observe("", 1)).toThrow(/needs a name/);
  });
});
