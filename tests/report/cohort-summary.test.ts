/**
 * The cohort report's pure parts (grader/report/cohort/): what a source notebook says about its
 * exercises, the summary of a cohort (counts, medians, shares, versions kept apart, learners' next
 * modules), the four CSVs and the page's escaping, on results built in memory. The same report
 * from a cohort graded for real is in cohort-report.test.ts.
 */
import type { CourseMap } from "data-academy";
import type { ExerciseResult, GradeResult } from "../../grader/grade/types";
import { exerciseResult, gradeResult } from "../helpers/results";
import type { Cell, Notebook } from "../../grader/notebook/nbformat";
import { median, type ReportInput } from "../../grader/report/cohort/aggregate";
import { notebookInfo, type NotebookInfo } from "../../grader/report/cohort/course-info";
import { exercisesCsv, learnersCsv, lmsCsv, misconceptionsCsv } from "../../grader/report/cohort/csv";
import { cohortHtml } from "../../grader/report/cohort/html";
import { reportCharts } from "../../grader/report/cohort/charts";
import { summarizeCohort } from "../../grader/report/cohort/summary";

const SHA_A = "a".repeat(64);
const SHA_B = "b".repeat(64);
const EVIL = "<b>x</b>";

const markdown = (text: string): Cell => ({ cell_type: "markdown", metadata: {}, source: text });
const testCell = (gradeId: string, academy: object): Cell => ({
  cell_type: "code",
  metadata: {
    nbgrader: { grade: true, solution: false, locked: true, grade_id: gradeId, points: 1, schema_version: 3 },
    academy,
  },
  source: "// BEGIN HIDDEN TESTS\nobserve('answer', secret);\n// END HIDDEN TESTS",
  outputs: [],
  execution_count: null,
});

/** Module 201's source: two sections, two exercises, misconceptions with and without an id. */
const source201: Notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { academy: { module: "201", title: "Keys and joins" } },
  cells: [
    markdown("# 201 · Keys and joins"),
    markdown("## 1 · Grain\n\nWhat is one row?"),
    markdown("### Exercise 201.1 · The key"),
    testCell("ex-201-1", {
      exercise: "201.1",
      title: "The key",
      answer: { value: ["stock_id"] },
      misconceptions: [
        { id: "vrm-as-key", value: ["vrm"], message: "vrm repeats when a car comes back." },
        { value: 3, message: "A misconception nobody named." },
      ],
    }),
    markdown("Some prose.\n\n## 2 · Joins\n\n### Exercise 201.2 · The join"),
    testCell("ex-201-2", {
      exercise: "201.2",
      title: "The join",
      misconceptions: [
        { id: "inner-drops", value: 108, message: "An inner join drops <retailers> with no stock." },
      ],
    }),
  ],
};

const exercise = (gradeId: string, over: Partial<ExerciseResult> = {}): ExerciseResult =>
  exerciseResult({ grade_id: gradeId, exercise: gradeId.replace(/^ex-(\d+)-(\d+)$/, "$1.$2"), ...over });

const wrong = (gradeId: string, misconception: string | null): ExerciseResult =>
  exercise(gradeId, {
    points: 0,
    status: "incorrect",
    misconception,
    observations: { matched: 0, total: 1 },
  });

function result(
  learner: string,
  module: "201" | "202",
  exercises: ExerciseResult[],
  sha = SHA_A,
): GradeResult {
  const score = exercises.reduce((s, e) => s + e.points, 0);
  const notebook = `${module}-module.ipynb`;
  return gradeResult({
    learner,
    notebook,
    module,
    source: { path: `/course/${notebook}`, sha256: sha },
    score,
    max: exercises.length,
    exercises,
  });
}

const map: CourseMap = {
  modules: ["201", "202", "203"].map((id) => ({
    id,
    title: `Module ${id}`,
    file: `release/${id}-module.ipynb`,
    teaches: "",
    before: [],
    minutes: 10,
  })),
  edges: [],
  paths: [
    { persona: "analyst", modules: ["201", "202", "203"], minutes: 30, why: "" },
    { persona: "product manager", modules: ["201", "203"], minutes: 20, why: "" },
  ],
};

/** Four learners on 201 (version a), one on 201 version b, two on 202, one file that did not grade. */
function cohort(): ReportInput {
  const results: GradeResult[] = [
    result("al", "201", [wrong("ex-201-1", "vrm-as-key"), exercise("ex-201-2")]),
    result("bea", "201", [wrong("ex-201-1", "vrm-as-key"), wrong("ex-201-2", "inner-drops")]),
    result(EVIL, "201", [
      wrong("ex-201-1", "unnamed"),
      exercise("ex-201-2", { status: "not-answered", points: 0 }),
    ]),
    result("=cmd", "201", [
      exercise("ex-201-1"),
      exercise("ex-201-2", { status: "error", points: 0, error: { cell: "answer", kind: "TypeError" } }),
    ]),
    result("cy", "201", [exercise("ex-201-1"), exercise("ex-201-2")], SHA_B),
    result("al", "202", [exercise("ex-202-1", { points: 0.5, status: "partial", max: 1 })]),
    result("bea", "202", [
      exercise("ex-202-1", { status: "timeout", points: 0, error: { cell: "test", kind: "timeout" } }),
    ]),
    {
      ...result("cy", "202", []),
      status: "invalid",
      module: null,
      source: null,
      message: `not JSON: ${EVIL}`,
    },
  ];
  return {
    results: results.map((r) => ({ file: `${r.learner}/${r.notebook}.json`, result: r })),
    sources: new Map<string, NotebookInfo | { problem: string }>([
      ["/course/201-module.ipynb", notebookInfo(source201, SHA_A)],
      ["/course/202-module.ipynb", { problem: "not readable (ENOENT)" }],
    ]),
    map,
    personas: new Map([["bea", "product manager"]]),
  };
}

test("a source notebook gives each exercise its title, the section above its heading and its named misconceptions, never a value", () => {
  const info = notebookInfo(source201, SHA_A);
  expect(info.title).toBe("Keys and joins");
  expect(
    [...info.exercises.entries()].map(([id, e]) => [id, e.exercise, e.section, [...e.misconceptions]]),
  ).toEqual([
    ["ex-201-1", "201.1", "1 · Grain", [["vrm-as-key", "vrm repeats when a car comes back."]]],
    ["ex-201-2", "201.2", "2 · Joins", [["inner-drops", "An inner join drops <retailers> with no stock."]]],
  ]);
  expect(JSON.stringify([...info.exercises.values()].map((e) => [...e.misconceptions]))).not.toMatch(
    /stock_id|108|secret/,
  );
});

test("median: the middle value, or the mean of the middle two", () => {
  expect([median([]), median([3]), median([1, 9, 2]), median([0, 0, 2, 2]), median([0.5, 1, 1, 2])]).toEqual([
    0, 3, 2, 1, 1,
  ]);
});

test("versions of one module are kept apart and labelled; the changed or unreadable source is said at the top", () => {
  const report = summarizeCohort(cohort());
  expect(report.modules.map((v) => [v.label, v.results.length, v.medianScore, v.max])).toEqual([
    ["201 (version aaaaaaa)", 4, 0.5, 2],
    ["201 (version bbbbbbb)", 1, 2, 2],
    ["202", 2, 0.25, 1],
  ]);
  expect(report.notices).toEqual([
    "Module 201 was graded against 2 versions of its source notebook (version aaaaaaa: 4 submissions; version bbbbbbb: 1 submission). Each version is reported apart and their numbers are never mixed; grade again against one version to compare them.",
    "201 (version bbbbbbb): the source notebook /course/201-module.ipynb has changed since grading (it is now version aaaaaaa); misconception messages and sections are read from it as it is now.",
    "202: the source notebook /course/202-module.ipynb is not readable (ENOENT); misconception messages and sections are not shown.",
    '1 submission could not be graded (listed under "Submissions not graded"); they count in no median.',
  ]);
  expect([report.submissions, report.graded, report.learners.length]).toEqual([8, 7, 5]);
});

test("exercises.csv and misconceptions.csv: every count, median and share, CRLF lines, formulas defused", () => {
  const report = summarizeCohort(cohort());
  expect(exercisesCsv(report).split("\r\n")).toEqual([
    "module,version,exercise,title,submissions,correct,partial,incorrect,not_answered,stopped,median_points,max,top_misconception,top_misconception_count",
    "201,aaaaaaa,201.1,The key,4,1,0,3,0,0,0,1,vrm-as-key,2",
    "201,aaaaaaa,201.2,The join,4,1,0,1,1,1,0,1,inner-drops,1",
    "201,bbbbbbb,201.1,The key,1,1,0,0,0,0,1,1,,0",
    "201,bbbbbbb,201.2,The join,1,1,0,0,0,0,1,1,,0",
    "202,aaaaaaa,202.1,,2,0,1,0,0,1,0.25,1,,0",
    "",
  ]);
  expect(misconceptionsCsv(report).split("\r\n")).toEqual([
    "module,version,exercise,misconception,message,count,share",
    "201,aaaaaaa,201.1,vrm-as-key,vrm repeats when a car comes back.,2,0.5",
    "201,aaaaaaa,201.1,unnamed,(a misconception without an id),1,0.25",
    "201,aaaaaaa,201.2,inner-drops,An inner join drops <retailers> with no stock.,1,0.25",
    "",
  ]);
});

test("learners.csv and lms.csv: a row per learner by name, next modules on their persona's path", () => {
  const report = summarizeCohort(cohort());
  expect(learnersCsv(report).split("\r\n")).toEqual([
    "learner,persona,modules_graded,score,max,to_revisit,next_modules",
    "<b>x</b>,analyst,201 (version aaaaaaa),0,2,201.1 unnamed,202; 203",
    "'=cmd,analyst,201 (version aaaaaaa),1,2,,202; 203",
    "al,analyst,201 (version aaaaaaa); 202,1.5,3,201.1 vrm-as-key,203",
    "bea,product manager,201 (version aaaaaaa); 202,0,3,201.1 vrm-as-key; 201.2 inner-drops,203",
    "cy,analyst,201 (version bbbbbbb),2,2,,202; 203",
    "",
  ]);
  expect(lmsCsv(report).split("\r\n")).toEqual([
    "learner,201 (version aaaaaaa),201 (version bbbbbbb),202",
    "<b>x</b>,0,,",
    "'=cmd,1,,",
    "al,1,,0.5",
    "bea,0,,0",
    "cy,,2,",
    "",
  ]);
});

test("per learner: what to revisit with the section that teaches it, what is not answered, what stopped", () => {
  const bea = summarizeCohort(cohort()).learners.find((l) => l.learner === "bea")!;
  expect(bea.toRevisit.map((t) => [t.exercise, t.misconception, t.section])).toEqual([
    ["201.1", "vrm-as-key", "1 · Grain"],
    ["201.2", "inner-drops", "2 · Joins"],
  ]);
  expect(bea.stopped).toEqual([{ label: "202", exercise: "202.1", kind: "timeout", cell: "test" }]);
  expect(bea).toMatchObject({ persona: "product manager", personaChosen: true });
  const evil = summarizeCohort(cohort()).learners.find((l) => l.learner === EVIL)!;
  expect(evil.notAnswered.map((n) => n.exercise)).toEqual(["201.2"]);
  expect(evil.toRevisit[0].message).toBe("(a misconception without an id)");
});

test("the page escapes every learner name, file name, message and notebook text, and passes no verdict on anyone", () => {
  const report = summarizeCohort(cohort());
  const html = cohortHtml(report, [], { gradesDir: "grades" });
  expect(html).not.toContain(EVIL);
  expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
  expect(html).toContain("drops &lt;retailers&gt; with no stock");
  expect(html).toContain("not JSON: &lt;b&gt;x&lt;/b&gt;");
  expect(html).not.toMatch(/<script(?! type="application\/vnd\.vegalite\.v5\+json")/);
  expect(html).not.toMatch(/\b(weak|failing|failed|struggl\w*|poor|bad)\b/i);
  expect(html).toContain("not answered yet");
});

test("charts: a median-score and a progress chart, and one outcome chart per module version, all Vega-Lite v5", () => {
  const charts = reportCharts(summarizeCohort(cohort()));
  expect(charts.map((c) => c.id)).toEqual([
    "median-score",
    "progress",
    "outcomes-201 (version aaaaaaa)",
    "outcomes-201 (version bbbbbbb)",
    "outcomes-202",
  ]);
  for (const c of charts) expect(c.spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
  const html = cohortHtml(
    summarizeCohort(cohort()),
    charts.map((c) => ({ ...c, svg: `<svg data-id="${c.id}"></svg>` })),
    { gradesDir: "grades" },
  );
  expect(html.match(/<figure class="chart"/g)).toHaveLength(5);
  const specs = [...html.matchAll(/<script type="application\/vnd\.vegalite\.v5\+json">([^<]*)<\/script>/g)];
  expect(specs.map((m) => (JSON.parse(m[1]) as { title: string }).title)).toEqual(
    charts.map((c) => c.spec.title),
  );
});

test("the same results give the same bytes, whatever order they were read in", () => {
  const input = cohort();
  const reversed = { ...input, results: [...input.results].reverse() };
  const files = (i: ReportInput) => {
    const r = summarizeCohort(i);
    return [
      exercisesCsv(r),
      learnersCsv(r),
      misconceptionsCsv(r),
      lmsCsv(r),
      cohortHtml(r, [], { gradesDir: "g" }),
    ];
  };
  expect(files(reversed)).toEqual(files(input));
});
