/**
 * `academy report`: a grades folder in, the cohort report out, as named steps: read the course
 * map and personas, read every result, read what the source notebooks say about their exercises,
 * summarise (pure, summary.ts), draw the charts, write index.html and the four CSVs (atomically).
 * Everything comes from the files, sorted, so a rerun over the same results writes the same bytes.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { chart, courseMap } from "data-academy";
import { writeFileAtomic } from "../../write-atomic";
import type { CohortReport } from "./aggregate";
import { reportCharts } from "./charts";
import { readNotebookInfo, type NotebookInfo } from "./course-info";
import { exercisesCsv, learnersCsv, lmsCsv, misconceptionsCsv } from "./csv";
import { cohortHtml, type DrawnChart } from "./html";
import { readPersonas } from "./personas";
import { readResults } from "./read-results";
import { summarizeCohort } from "./summary";

export interface ReportOptions {
  /** The folder `academy grade` wrote (its --out). */
  gradesDir: string;
  /** Where the report goes; default <gradesDir>/report. */
  outDir?: string;
  /** CSV learner,persona: which suggested path each learner follows (default: the analyst path). */
  personasFile?: string;
  /** The course map to follow; default notebooks/README.md. */
  courseMapFile?: string;
  /** Called as results are read and charts drawn. */
  onProgress?(event: { step: "reading results" | "drawing charts"; done: number; total: number }): void;
}

export interface ReportSummary {
  outDir: string;
  /** The files written, in outDir. */
  files: string[];
  report: CohortReport;
}

/** --out inside the grades folder must not be a learner's folder: the report would hide its results. */
function checkOutDir(gradesDir: string, outDir: string): void {
  if (dirname(outDir) !== gradesDir || !existsSync(outDir)) return;
  if (readdirSync(outDir).some((f) => f.endsWith(".json")))
    throw new Error(
      `--out ${relative(process.cwd(), outDir) || "."} holds result files (a learner's folder?): give another --out`,
    );
}

/** What each source notebook graded against says now, by path. */
function readSources(paths: string[]): Map<string, NotebookInfo | { problem: string }> {
  return new Map([...new Set(paths)].sort().map((path) => [path, readNotebookInfo(path)]));
}

async function drawCharts(
  report: CohortReport,
  onProgress: ReportOptions["onProgress"],
): Promise<DrawnChart[]> {
  const charts = reportCharts(report);
  const drawn: DrawnChart[] = [];
  for (const c of charts) {
    drawn.push({ ...c, svg: await chart.toSVG(c.spec) });
    onProgress?.({ step: "drawing charts", done: drawn.length, total: charts.length });
  }
  return drawn;
}

export async function writeCohortReport(options: ReportOptions): Promise<ReportSummary> {
  const gradesDir = resolve(options.gradesDir);
  const outDir = resolve(options.outDir ?? join(gradesDir, "report"));
  checkOutDir(gradesDir, outDir);
  const map = courseMap({ file: options.courseMapFile });
  const personas = options.personasFile
    ? readPersonas(
        options.personasFile,
        map.paths.map((p) => p.persona),
      )
    : new Map<string, string>();
  const results = readResults(options.gradesDir, {
    skip: outDir,
    onFile: (done, total) => options.onProgress?.({ step: "reading results", done, total }),
  });
  const sources = readSources(results.flatMap((l) => (l.result.source ? [l.result.source.path] : [])));
  const report = summarizeCohort({ results, sources, map, personas });
  const charts = await drawCharts(report, options.onProgress);
  const files: [string, string][] = [
    ["index.html", cohortHtml(report, charts, { gradesDir: options.gradesDir })],
    ["exercises.csv", exercisesCsv(report)],
    ["learners.csv", learnersCsv(report)],
    ["misconceptions.csv", misconceptionsCsv(report)],
    ["lms.csv", lmsCsv(report)],
  ];
  for (const [name, content] of files) writeFileAtomic(join(outDir, name), content);
  return { outDir, files: files.map(([name]) => name), report };
}
