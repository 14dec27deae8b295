/**
 * The feedback page (grader/report/feedback-html.ts) shows text a learner controls: their name (a
 * folder), the notebook's file name, error text from their own code, and messages quoting them.
 * All of it must arrive escaped, so a submission can never put markup or script into the page.
 */
import { feedbackHtml } from "../../grader/report/feedback-html";
import type { ExerciseResult, GradeResult } from "../../grader/grade/types";
import { exerciseResult, gradeResult } from "../helpers/results";

const EVIL = `<script>alert("x")</script><img src=x onerror='y'>&amp;`;
const ESCAPED =
  "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#39;y&#39;&gt;&amp;amp;";

const exercise = (over: Partial<ExerciseResult> = {}): ExerciseResult =>
  exerciseResult({
    grade_id: "ex-201-2",
    exercise: "201.2",
    title: "Rows per order",
    points: 0,
    max: 2,
    status: "error",
    messages: ["The test cell stopped with TypeError: x is not a function."],
    hints: ["Count the rows."],
    observations: { matched: 0, total: 1 },
    duration_ms: 12,
    error: { cell: "test", kind: "TypeError" },
    ...over,
  });

const result = (over: Partial<GradeResult> = {}): GradeResult =>
  gradeResult({
    learner: "ada",
    notebook: "201-keys.ipynb",
    module: "201",
    submission: { path: "/subs/ada/201-keys.ipynb", sha256: "0".repeat(64), bytes: 10 },
    source: { path: "/course/201-keys.ipynb", sha256: "1".repeat(64) },
    max: 2,
    exercises: [exercise()],
    ...over,
  });

/** The page with every piece of text a learner controls set to EVIL. */
function evilPage(): string {
  return feedbackHtml(
    result({
      learner: EVIL,
      notebook: `${EVIL}.ipynb`,
      message: `Cells duplicated in the submission were ignored: ${EVIL}.`,
      exercises: [
        exercise({
          grade_id: EVIL,
          title: EVIL,
          messages: [`Your answer cell raised ${EVIL}.`],
          hints: [EVIL],
        }),
      ],
      run: {
        status: "dead",
        backend: "local",
        isolation: "scratch folder",
        duration_ms: 1,
        cells_ms: 1,
        limits: [{ limit: "output-cap", detail: `output capped: ${EVIL}`, cell: 3 }],
        kernel_death: `killed: ${EVIL}`,
      },
    }),
  );
}

test("no text a learner controls reaches the page unescaped", () => {
  const page = evilPage();
  expect(page).not.toContain("<script");
  expect(page).not.toContain("<img");
  expect(page).not.toContain("onerror='");
  expect(page).not.toContain('alert("x")');
});

test("each place shows the learner's text escaped, exactly once per place", () => {
  const page = evilPage();
  const count = page.split(ESCAPED).length - 1;
  // title (notebook and learner), heading, learner, note, grade_id attribute, exercise name, message, hint, limit, kernel death
  expect(count).toBe(11);
  expect(page).toContain(`<tr data-grade-id="${ESCAPED}">`);
  expect(page).toContain(`<li>Hint: ${ESCAPED}</li>`);
  expect(page).toContain(`<li>cell 3: output capped: ${ESCAPED}</li>`);
});

test("a submission that could not be graded shows its message escaped", () => {
  const page = feedbackHtml(
    result({ status: "invalid", message: `The file is not a notebook: ${EVIL}`, exercises: [] }),
  );
  expect(page).toContain(
    `<p class="note bad">This submission could not be graded: The file is not a notebook: ${ESCAPED}</p>`,
  );
  expect(page).not.toContain("<table>");
});

test("a plain result: score, status words and the hint of an exercise not yet right", () => {
  const page = feedbackHtml(
    result({
      exercises: [
        exercise(),
        exercise({
          grade_id: "ex-201-3",
          exercise: "201.3",
          status: "correct",
          points: 2,
          messages: [],
          hints: [],
        }),
      ],
    }),
  );
  expect(page).toContain('<strong class="score">0 / 2</strong>');
  expect(page).toContain("<td>201.2 · Rows per order</td>");
  expect(page).toContain(
    "stopped with an error<ul><li>The test cell stopped with TypeError: x is not a function.</li><li>Hint: Count the rows.</li></ul>",
  );
  expect(page).toContain('<td class="correct">correct</td>');
});
