/** The one home of the exercise/answer-cell pairing (grader/notebook/exercises.ts). */
import { readFileSync } from "node:fs";
import { answerGradeIdOf, exerciseOfAnswer, exercisesOf, testCells } from "../../grader/notebook/exercises";
import type { Cell, Notebook } from "../../grader/notebook/nbformat";
import { fixture } from "../helpers/repo";

const fixtureNotebook = () =>
  JSON.parse(readFileSync(fixture("notebooks", "900-release-fixture.ipynb"), "utf8")) as Notebook;

const code = (metadata: Record<string, unknown>): Cell => ({
  cell_type: "code",
  source: "",
  metadata,
  execution_count: null,
  outputs: [],
});
const testCell = (gradeId: string | undefined, exercise?: string) =>
  code({
    nbgrader: { grade: true, solution: false, ...(gradeId ? { grade_id: gradeId } : {}), points: 1 },
    ...(exercise ? { academy: { exercise } } : {}),
  });
const answer = (gradeId: string) => code({ nbgrader: { solution: true, grade_id: gradeId } });

test("the answer cell's grade_id is the test cell's plus -answer", () => {
  expect(answerGradeIdOf("ex-201-2")).toBe("ex-201-2-answer");
});

test("the fixture's exercises, with their test and answer cells", () => {
  expect(exercisesOf(fixtureNotebook())).toEqual([
    {
      id: "900.1",
      test: { index: 5, gradeId: "ex-900-1" },
      answer: { index: 4, gradeId: "ex-900-1-answer" },
    },
    {
      id: "900.2",
      test: { index: 9, gradeId: "ex-900-2" },
      answer: { index: 8, gradeId: "ex-900-2-answer" },
    },
  ]);
});

test("test cells without an exercise id or grade_id are no exercise; a missing answer cell is index -1", () => {
  const nb: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      testCell("t1", "1.1"),
      testCell("t2"),
      testCell(undefined, "1.3"),
      answer("t4-answer"),
      testCell("t4", "1.4"),
    ],
  };
  expect(exercisesOf(nb).map((e) => [e.id, e.test.index, e.answer.index])).toEqual([
    ["1.1", 0, -1],
    ["1.4", 4, 3],
  ]);
  // Every graded test cell is a test cell, named "cell-<n>" when it has no grade_id.
  expect(testCells(nb)).toEqual([
    { index: 0, gradeId: "t1" },
    { index: 1, gradeId: "t2" },
    { index: 2, gradeId: "cell-3" },
    { index: 4, gradeId: "t4" },
  ]);
  // A solution cell is never a test cell, even if it is also marked grade.
  expect(
    testCells({ ...nb, cells: [code({ nbgrader: { grade: true, solution: true, grade_id: "both" } })] }),
  ).toEqual([]);
});

test("the exercise of an answer cell", () => {
  const nb = fixtureNotebook();
  expect(exerciseOfAnswer(nb, "ex-900-2-answer")?.id).toBe("900.2");
  expect(exerciseOfAnswer(nb, "ex-900-2")).toBeUndefined();
  expect(exerciseOfAnswer(nb, "setup-prices-answer")).toBeUndefined();
});
