/** gradebook.csv: CRLF lines, one column per exercise, and no cell a spreadsheet would run as a formula. */
import { gradebookCsv } from "../../grader/report/gradebook-csv";
import type { GradeResult } from "../../grader/grade/types";
import { exerciseResult, gradeResult } from "../helpers/results";

const exercise = (grade_id: string, points: number) => exerciseResult({ grade_id, points });

const result = (learner: string, notebook: string, fields: Partial<GradeResult>) =>
  gradeResult({
    learner,
    notebook,
    submission: { path: `${learner}/${notebook}`, sha256: "0", bytes: 0 },
    ...fields,
  });

test("rows by notebook then learner, an exercise column per grade_id, CRLF line ends", () => {
  const csv = gradebookCsv([
    result("bea", "102.ipynb", { score: 1, max: 2, exercises: [exercise("102.1", 1)] }),
    result("al", "101.ipynb", {
      score: 1.5,
      max: 2,
      exercises: [exercise("101.1", 1), exercise("101.2", 0.5)],
    }),
    result("bea", "101.ipynb", { status: "invalid", message: "not a notebook, sorry", max: 2 }),
  ]);
  expect(csv).toBe(
    "learner,notebook,status,score,max,101.1,101.2,102.1,message\r\n" +
      "al,101.ipynb,graded,1.5,2,1,0.5,,\r\n" +
      'bea,101.ipynb,invalid,0,2,,,,"not a notebook, sorry"\r\n' +
      "bea,102.ipynb,graded,1,2,,,1,\r\n",
  );
});

test("learner names and messages that a spreadsheet would run as formulas are written as text", () => {
  const csv = gradebookCsv([
    result('=HYPERLINK("http://evil")', "101.ipynb", {
      message: "+1 for trying",
      exercises: [exercise("-q", -1)],
    }),
    result("@bob", "102.ipynb", { message: "\rhidden" }),
  ]);
  expect(csv.split("\r\n")).toEqual([
    "learner,notebook,status,score,max,'-q,message",
    '"\'=HYPERLINK(""http://evil"")",101.ipynb,graded,0,0,-1,\'+1 for trying',
    "'@bob,102.ipynb,graded,0,0,,\"'\rhidden\"",
    "",
  ]);
});
