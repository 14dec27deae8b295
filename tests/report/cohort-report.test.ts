/**
 * `academy report` on a cohort graded for real (tests/helpers/cohort.ts: 12 learners, three fixture
 * modules, planted patterns): every count and share in the CSVs, nothing of the hidden tests or the
 * expected values anywhere in the report, the same bytes on a rerun, and a clear message for each
 * bad input. Runs the built command line (`make build`), as an instructor would. The page in a real
 * browser is tests/browser/report.test.ts.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { academy } from "../helpers/academy";
import {
  COHORT_NOTEBOOKS,
  MARKUP_LEARNER,
  courseMapFixture,
  gradeSyntheticCohort,
  hiddenTestLines,
  metadataValues,
  readableText,
  type GradedCohort,
} from "../helpers/cohort";
import { fixture } from "../helpers/repo";

let cohort: GradedCohort;
let out: string;
let personas: string;

/** The first 7 hex digits of a fixture notebook's sha256: the version the report names. */
const version = (module: keyof typeof COHORT_NOTEBOOKS) =>
  createHash("sha256")
    .update(readFileSync(fixture("notebooks", COHORT_NOTEBOOKS[module])))
    .digest("hex")
    .slice(0, 7);

const report = (...args: string[]) => academy(["report", ...args, "--course-map", courseMapFixture]);
const lines = (file: string) => readFileSync(join(out, file), "utf8").split("\r\n");

/** A copy of the graded results to break, without the report folder. */
function copyOfGrades(name: string): string {
  const dir = join(cohort.work, name);
  cpSync(cohort.gradesDir, dir, {
    recursive: true,
    filter: (src) => !src.startsWith(join(cohort.gradesDir, "report")),
  });
  return dir;
}

function editResult(dir: string, file: string, edit: (r: Record<string, unknown>) => void): void {
  const path = join(dir, file);
  const value = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  edit(value);
  writeFileSync(path, JSON.stringify(value));
}

beforeAll(async () => {
  cohort = await gradeSyntheticCohort("academy-report-test-");
  out = join(cohort.work, "report");
  personas = join(cohort.work, "personas.csv");
  writeFileSync(personas, "learner,persona\nada,Product Manager\nben,analyst\n");
  const run = report(cohort.gradesDir, "--out", out, "--personas", personas);
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
  expect(run.stdout).toContain("Reported 28 results (28 graded) of 12 learners over 3 module versions.");
}, 600_000);

afterAll(() => rmSync(cohort.work, { recursive: true, force: true }));

test("the report is index.html and four CSVs", () => {
  expect(readdirSync(out).sort()).toEqual([
    "exercises.csv",
    "index.html",
    "learners.csv",
    "lms.csv",
    "misconceptions.csv",
  ]);
});

test("exercises.csv: per exercise, every outcome counted, the median points and the commonest misconception", () => {
  const [v900, v901, v902] = [version("900"), version("901"), version("902")];
  expect(lines("exercises.csv")).toEqual([
    "module,version,exercise,title,submissions,correct,partial,incorrect,not_answered,stopped,median_points,max,top_misconception,top_misconception_count",
    `900,${v900},900.1,The primary key of stock,12,7,0,5,0,0,2,2,vrm-as-key,5`,
    `900,${v900},900.2,Mean price,12,9,0,0,0,3,0.5,0.5,,0`,
    `901,${v901},901.1,The table of cars for sale,10,4,0,3,3,0,0,1,adverts-not-stock,2`,
    `901,${v901},901.2,Average asking price,10,6,0,1,3,0,1,1,withdrawn-included,1`,
    `902,${v902},902.1,The typical price,6,4,1,1,0,0,2,2,mean-not-median,1`,
    `902,${v902},902.2,The grain of the weekly table,6,5,0,1,0,0,1,1,grain-too-fine,1`,
    "",
  ]);
});

test("misconceptions.csv: each misconception hit, its message, count and share of the exercise's submissions", () => {
  const [v900, v901, v902] = [version("900"), version("901"), version("902")];
  expect(lines("misconceptions.csv")).toEqual([
    "module,version,exercise,misconception,message,count,share",
    `900,${v900},900.1,vrm-as-key,vrm is not unique: withdrawn cars come back as new stock items with the same vrm.,5,0.4167`,
    `901,${v901},901.1,adverts-not-stock,"Adverts are pages, not cars: one car can have several, so that table counts pages.",2,0.2`,
    `901,${v901},901.1,change-log-not-state,The raw feed keeps every change to a car; the question asks for the state now.,1,0.1`,
    `901,${v901},901.2,withdrawn-included,"That average includes the withdrawn cars, which are no longer for sale.",1,0.1`,
    `902,${v902},902.1,mean-not-median,"That is the mean, pulled up by the one very expensive car; the typical car is the one in the middle.",1,0.1667`,
    `902,${v902},902.2,grain-too-fine,"One column more than needed: the table has one row per retailer and week, whatever the make.",1,0.1667`,
    "",
  ]);
});

test("learners.csv: modules graded, points, what to revisit and the next modules on each learner's path", () => {
  expect(lines("learners.csv")).toEqual([
    "learner,persona,modules_graded,score,max,to_revisit,next_modules",
    `${MARKUP_LEARNER},analyst,900,2.5,2.5,,901; 902`,
    "ada,product manager,900; 901,1.5,4.5,900.1 vrm-as-key; 901.1 adverts-not-stock,903; 902",
    "ben,analyst,900; 901; 902,5.5,7.5,900.1 vrm-as-key,903",
    "cai,analyst,900; 901; 902,2.5,7.5,900.1 vrm-as-key; 901.1 adverts-not-stock; 902.1 mean-not-median,903",
    "dee,analyst,900; 901; 902,3.5,7.5,900.1 vrm-as-key; 901.1 change-log-not-state,903",
    "eve,analyst,900; 901; 902,3.5,7.5,900.1 vrm-as-key; 901.2 withdrawn-included; 902.2 grain-too-fine,903",
    "fay,analyst,900; 901; 902,7,7.5,,903",
    "gus,analyst,900; 901,4,4.5,,902; 903",
    "hal,analyst,900; 901,2.5,4.5,,901; 902",
    "ivy,analyst,900; 901,2.5,4.5,,901; 902",
    "jon,analyst,900; 901; 902,5,7.5,,901; 903",
    "kim,analyst,900,2.5,2.5,,901; 902",
    "",
  ]);
});

test("lms.csv: a row per learner, a column per module, points or empty", () => {
  expect(lines("lms.csv")).toEqual([
    "learner,900,901,902",
    `${MARKUP_LEARNER},2.5,,`,
    "ada,0.5,1,",
    "ben,0.5,2,3",
    "cai,0.5,1,1",
    "dee,0.5,1,2",
    "eve,0.5,1,2",
    "fay,2,2,3",
    "gus,2,2,",
    "hal,2.5,0,",
    "ivy,2.5,0,",
    "jon,2,0,3",
    "kim,2.5,,",
    "",
  ]);
});

test("the page: five charts with their specs, the errors that stopped cells, the learner's name as text", () => {
  const html = readFileSync(join(out, "index.html"), "utf8");
  expect(html.match(/<figure class="chart"[^>]*><svg/g)).toHaveLength(5);
  expect(html.match(/<script type="application\/vnd\.vegalite\.v5\+json">/g)).toHaveLength(5);
  expect(html).toContain("timeout in the answer cell: 2");
  expect(html).toContain("TypeError in the answer cell: 1");
  expect(html).toContain("taught in 901 § 1 · Which dataset answers the question");
  expect(html).not.toContain(MARKUP_LEARNER);
  expect(html).toContain("&lt;b onmouseover=alert(1)&gt;x");
  expect(html).not.toMatch(/<link|<img|src=|@import|url\(/);
  expect(html).not.toMatch(/\b(weak|failing|struggl\w*)\b/i);
});

test("nothing of the hidden tests, and no expected answer or misconception value, anywhere in the report", () => {
  const sources = Object.values(cohort.sources);
  const hidden = sources.flatMap(hiddenTestLines);
  const values = [...sources.flatMap(metadataValues), "2.33", "3307"]; // "another sample" references: 7/3 and 3307
  expect(hidden.length).toBeGreaterThan(4);
  expect(values).toEqual(
    expect.arrayContaining(["refined/stock_current", "4213.25", "1203", "stock_id", "7105"]),
  );
  for (const file of readdirSync(out)) {
    const text = readFileSync(join(out, file), "utf8");
    expect({ file, markers: /HIDDEN TESTS|observe\(/.test(text) }).toEqual({ file, markers: false });
    expect({ file, hidden: hidden.filter((l) => text.includes(l)) }).toEqual({ file, hidden: [] });
    const readable = file.endsWith(".html") ? readableText(text) : text;
    expect({ file, values: values.filter((v) => readable.includes(v)) }).toEqual({ file, values: [] });
  }
});

test("a rerun writes the same bytes; without --out the report goes to <grades-dir>/report", () => {
  const before = readdirSync(out).map((f) => [f, readFileSync(join(out, f), "utf8")]);
  expect(report(cohort.gradesDir, "--out", out, "--personas", personas).status).toBe(0);
  expect(readdirSync(out).map((f) => [f, readFileSync(join(out, f), "utf8")])).toEqual(before);
  const run = report(cohort.gradesDir);
  expect(run.status).toBe(0);
  const inside = join(cohort.gradesDir, "report");
  expect(readFileSync(join(inside, "exercises.csv"), "utf8")).toBe(
    before.find(([f]) => f === "exercises.csv")![1],
  );
  expect(report(cohort.gradesDir).status).toBe(0); // the report folder is not mistaken for a learner's
});

test("results graded against two versions of a module are reported apart, and the report says so at the top", () => {
  const dir = copyOfGrades("two-versions");
  const older = "f".repeat(64);
  for (const learner of ["kim", "jon"])
    editResult(dir, join(learner, "900-release-fixture.json"), (r) => {
      (r.source as { sha256: string }).sha256 = older;
    });
  const mixedOut = join(cohort.work, "two-versions-report");
  const run = report(dir, "--out", mixedOut);
  expect(run.status).toBe(0);
  expect(run.stdout).toContain("Note: Module 900 was graded against 2 versions of its source notebook");
  const csv = readFileSync(join(mixedOut, "exercises.csv"), "utf8").split("\r\n");
  expect(csv.filter((l) => l.startsWith("900,"))).toEqual([
    `900,${version("900")},900.1,The primary key of stock,10,5,0,5,0,0,1,2,vrm-as-key,5`,
    `900,${version("900")},900.2,Mean price,10,8,0,0,0,2,0.5,0.5,,0`,
    "900,fffffff,900.1,The primary key of stock,2,2,0,0,0,0,2,2,,0",
    "900,fffffff,900.2,Mean price,2,1,0,0,0,1,0.25,0.5,,0",
  ]);
  const lms = readFileSync(join(mixedOut, "lms.csv"), "utf8").split("\r\n");
  expect(lms[0]).toBe(`learner,900 (version ${version("900")}),900 (version fffffff),901,902`);
  expect(lms.find((l) => l.startsWith("kim,"))).toBe("kim,,2.5,,");
  const html = readFileSync(join(mixedOut, "index.html"), "utf8");
  expect(html.indexOf("Before you read")).toBeLessThan(html.indexOf("The cohort at a glance"));
  expect(html).toContain("900 (version fffffff): the source notebook");
  expect(html).toContain("has changed since grading");
});

test.each([
  [
    "a folder that does not exist",
    () => join(cohort.work, "nowhere"),
    /^academy: no such folder: .*nowhere\n$/,
  ],
  [
    "a folder with no results",
    () => {
      const dir = join(cohort.work, "empty");
      mkdirSync(join(dir, "ada"), { recursive: true });
      writeFileSync(join(dir, "gradebook.csv"), "learner\r\n");
      return dir;
    },
    /^academy: no results in .*empty: it holds no <learner>\/<notebook>\.json/,
  ],
  [
    "a result file that is not JSON",
    () => {
      const dir = copyOfGrades("not-json");
      writeFileSync(join(dir, "ada", "901-choosing-and-counting.json"), '{"schema": ');
      return dir;
    },
    /^academy: the result file ada\/901-choosing-and-counting\.json is not valid JSON: /,
  ],
  [
    "a result file that is not a grade result",
    () => {
      const dir = copyOfGrades("not-a-result");
      editResult(dir, join("ben", "902-typical-values.json"), (r) => {
        r.score = -1;
      });
      return dir;
    },
    /^academy: the result file ben\/902-typical-values\.json is not an academy grade result: .*\/score must be >= 0/,
  ],
])("%s is a clear error", (_what, make, message) => {
  const run = report(make(), "--out", join(cohort.work, "bad-report"));
  expect({ status: run.status, stderr: run.stderr }).toEqual({
    status: 1,
    stderr: expect.stringMatching(message),
  });
});

test("a personas file with an unknown persona, or malformed, is an error naming its line", () => {
  const file = join(cohort.work, "bad-personas.csv");
  writeFileSync(file, "learner,persona\nada,analyst\nben,wizard\n");
  let run = report(cohort.gradesDir, "--out", join(cohort.work, "bad-report"), "--personas", file);
  expect(run.status).toBe(1);
  expect(run.stderr).toBe(
    `academy: ${file} line 3: unknown persona "wizard" (the course map has paths for: analyst, product manager)\n`,
  );
  writeFileSync(file, "name;persona\nada;analyst\n");
  run = report(cohort.gradesDir, "--out", join(cohort.work, "bad-report"), "--personas", file);
  expect(run.stderr).toBe(
    `academy: ${file} line 1: the first line must be the header learner,persona (got "name;persona")\n`,
  );
});

test("--out a learner's folder is refused; --help names every option", () => {
  const run = report(cohort.gradesDir, "--out", join(cohort.gradesDir, "ada"));
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/holds result files \(a learner's folder\?\): give another --out/);
  const help = academy(["report", "--help"]);
  expect(help.status).toBe(0);
  for (const option of ["<grades-dir>", "--out <dir>", "--personas <file>", "--course-map <file>"])
    expect(help.stdout).toContain(option);
});
