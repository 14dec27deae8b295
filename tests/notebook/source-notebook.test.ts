/**
 * The source-notebook format (grader/notebook/source-notebook.ts): the metadata schema, each error
 * in the authors' words, and the rules a schema cannot say. tests/release/errors.test.ts covers the
 * same through whole notebooks; these check the schema directly, on small metadata objects.
 */
import { readFileSync } from "node:fs";
import { parseSourceNotebook, schemaProblem } from "../../grader/notebook/source-notebook";
import { fixture } from "../helpers/repo";

const goodTestCell = () => ({
  nbgrader: { grade: true, solution: false, locked: true, grade_id: "ex-201-2", points: 2 },
  academy: {
    exercise: "201.2",
    title: "Rows per order",
    answer: { value: 42, tolerance: 0.5, ordered: false, caseSensitive: true },
    misconceptions: [{ id: "counted-the-header", value: 41, message: "Off by one: count the header?" }],
    hints: ["Count the rows.", "Each order line is one row.", "rows.filter(...).length"],
    explanation: "One row per order line.",
  },
});

const MISCONCEPTIONS =
  'metadata.academy.misconceptions must be a list of { id, value, message }, each id a short slug like "vrm-as-key"';
const HINTS =
  "metadata.academy.hints must be three hints, from a nudge to a skeleton of the answer (solution() shows the solution itself)";

describe("a test cell's metadata", () => {
  test("a complete one, and one with only the required keys, are fine", () => {
    expect(schemaProblem("testCellMetadata", goodTestCell())).toBeUndefined();
    expect(
      schemaProblem("testCellMetadata", {
        academy: { exercise: "201.2", title: "T", answer: { value: null }, hints: ["a", "b", "c"] },
      }),
    ).toBeUndefined();
  });

  const bad: [string, (m: ReturnType<typeof goodTestCell>) => void, string][] = [
    [
      "no metadata.academy",
      (m) => delete (m as Partial<typeof m>).academy,
      "a test cell needs metadata.academy.exercise",
    ],
    [
      "metadata.academy a list",
      (m) => ((m as Record<string, unknown>).academy = []),
      "a test cell needs metadata.academy.exercise",
    ],
    ["an empty exercise id", (m) => (m.academy.exercise = ""), "a test cell needs metadata.academy.exercise"],
    ["a blank title", (m) => (m.academy.title = " \n"), "metadata.academy.title is missing"],
    [
      "no answer value",
      (m) => delete (m.academy.answer as { value?: unknown }).value,
      "metadata.academy.answer.value is missing",
    ],
    [
      "a negative tolerance",
      (m) => (m.academy.answer.tolerance = -1),
      "metadata.academy.answer.tolerance must be a number ≥ 0",
    ],
    [
      "a tolerance as text",
      (m) => ((m.academy.answer as Record<string, unknown>).tolerance = "0.1"),
      "metadata.academy.answer.tolerance must be a number ≥ 0",
    ],
    [
      "ordered as text",
      (m) => ((m.academy.answer as Record<string, unknown>).ordered = "yes"),
      "metadata.academy.answer.ordered must be true or false",
    ],
    [
      "caseSensitive null",
      (m) => ((m.academy.answer as Record<string, unknown>).caseSensitive = null),
      "metadata.academy.answer.caseSensitive must be true or false",
    ],
    [
      "a misconception without a message",
      (m) => delete (m.academy.misconceptions[0] as { message?: string }).message,
      MISCONCEPTIONS,
    ],
    [
      "a misconception without a value",
      (m) => delete (m.academy.misconceptions[0] as { value?: unknown }).value,
      MISCONCEPTIONS,
    ],
    [
      "a misconception without an id",
      (m) => delete (m.academy.misconceptions[0] as { id?: string }).id,
      MISCONCEPTIONS,
    ],
    [
      "a misconception id with spaces",
      (m) => (m.academy.misconceptions[0].id = "the header"),
      MISCONCEPTIONS,
    ],
    ["a hint that is not text", (m) => ((m.academy.hints as unknown[])[0] = 3), HINTS],
    ["two hints", (m) => m.academy.hints.pop(), HINTS],
    ["four hints", (m) => m.academy.hints.push("a fourth"), HINTS],
    ["no hints", (m) => delete (m.academy as { hints?: string[] }).hints, HINTS],
    [
      "an explanation that is a list",
      (m) => ((m.academy as Record<string, unknown>).explanation = ["a"]),
      "metadata.academy.explanation must be a string",
    ],
  ];
  test.each(bad)("%s", (_what, edit, message) => {
    const meta = goodTestCell();
    edit(meta);
    expect(schemaProblem("testCellMetadata", meta)).toBe(
      message.endsWith("exercise") ? `${message} (like "201.2"), see notebooks/AUTHORING.md` : message,
    );
  });

  test("with several problems, the first in the authors' order is reported", () => {
    const meta = goodTestCell();
    meta.academy.hints = [1 as unknown as string];
    meta.academy.title = "";
    expect(schemaProblem("testCellMetadata", meta)).toBe("metadata.academy.title is missing");
  });
});

describe("a cell's metadata.nbgrader", () => {
  test("graded, solution, locked and plain cells that are complete are fine", () => {
    expect(schemaProblem("nbgrader", goodTestCell().nbgrader)).toBeUndefined();
    expect(
      schemaProblem("nbgrader", { solution: true, grade: false, locked: false, grade_id: "ex-201-2-answer" }),
    ).toBeUndefined();
    expect(schemaProblem("nbgrader", { locked: true, grade_id: "setup" })).toBeUndefined();
    expect(schemaProblem("nbgrader", { grade: false, solution: false })).toBeUndefined(); // not tracked: no grade_id needed
  });
  test.each([
    [{ grade: "true", grade_id: "x", points: 1 }, "metadata.nbgrader.grade must be true or false"],
    [{ solution: 1, grade_id: "x" }, "metadata.nbgrader.solution must be true or false"],
    [{ locked: null }, "metadata.nbgrader.locked must be true or false"],
    [{ locked: true }, "metadata.nbgrader.grade_id is missing or empty"],
    [{ solution: true, grade_id: "" }, "metadata.nbgrader.grade_id is missing or empty"],
    [{ grade: true, grade_id: "x" }, "a graded cell needs metadata.nbgrader.points (a number ≥ 0)"],
    [
      { grade: true, grade_id: "x", points: -1 },
      "a graded cell needs metadata.nbgrader.points (a number ≥ 0)",
    ],
    [
      { grade: true, grade_id: "x", points: "2" },
      "a graded cell needs metadata.nbgrader.points (a number ≥ 0)",
    ],
  ])("%j: %s", (meta, message) => {
    expect(schemaProblem("nbgrader", meta)).toBe(message);
  });
});

describe("the notebook's metadata", () => {
  test.each([
    [{ academy: { module: "201", title: "Keys", minutes: 40 } }, undefined],
    [{}, "missing"],
    [{ academy: { module: 201 } }, "missing"],
    [{ academy: { module: "2a" } }, "missing"],
  ])("%j", (meta, problem) => {
    const result = schemaProblem("notebookMetadata", meta);
    if (problem === undefined) expect(result).toBeUndefined();
    else expect(result).toBe('metadata.academy.module is missing or not a module id like "201"');
  });
});

describe("the cross-cell rules", () => {
  const FILE = "900-release-fixture.ipynb";
  const text = readFileSync(fixture("notebooks", FILE), "utf8");
  // Broken notebooks are made by editing metadata freely, so its values are `any` here.
  /* eslint-disable @typescript-eslint/no-explicit-any */
  type Nb = { cells: { id: string; source: string | string[]; metadata: Record<string, any> }[] };
  /* eslint-enable @typescript-eslint/no-explicit-any */
  const parseEdited = (edit: (nb: Nb) => void) => {
    const nb = JSON.parse(text) as Nb;
    edit(nb);
    return () => parseSourceNotebook(FILE, JSON.stringify(nb));
  };
  const cell = (nb: Nb, id: string) => nb.cells.find((c) => c.id === id)!;

  test("the fixture parses: its exercises in order, each with its answer cell", () => {
    const source = parseSourceNotebook(FILE, text);
    expect(source.module).toBe("900");
    expect(source.exercises.map((e) => [e.academy.exercise, e.test.index, e.solution.index])).toEqual([
      ["900.1", 5, 4],
      ["900.2", 9, 8],
    ]);
  });
  test("an answer cell after its test cell", () => {
    const move = parseEdited((nb) => {
      const [answer] = nb.cells.splice(4, 1);
      nb.cells.splice(5, 0, answer);
    });
    expect(move).toThrow(
      /cell 5 \(grade_id ex-900-1\): the solution cell "ex-900-1-answer" comes after its test cell/,
    );
  });
  test("an answer cell that is not a solution cell", () => {
    expect(
      parseEdited(
        (nb) => (cell(nb, "ex1-answer").metadata.nbgrader = { locked: true, grade_id: "ex-900-1-answer" }),
      ),
    ).toThrow(/has "\/\/ BEGIN SOLUTION" but is not a solution cell/);
  });
  test("a top-level solution region that assigns nothing cannot be stubbed", () => {
    const edit = (nb: Nb) =>
      (cell(nb, "ex1-answer").source =
        "let primaryKey: string[];\n// BEGIN SOLUTION\nconsole.log(1);\n// END SOLUTION");
    expect(parseEdited(edit)).toThrow(
      /cell 5 \(grade_id ex-900-1-answer\): line 2: a top-level solution region must assign the answer/,
    );
  });
  test("exercises but no todo import", () => {
    expect(
      parseEdited((nb) => (cell(nb, "imports").source = 'import { exercise, observe } from "data-academy";')),
    ).toThrow(/import it with the rest/);
  });
});
