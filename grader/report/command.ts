/** The `academy report` command: argument parsing and printing only (the work is in cohort/report.ts). */
import { relative } from "node:path";
import type { Command } from "commander";
import { SingleBar } from "cli-progress";
import { writeCohortReport, type ReportOptions } from "./cohort/report";

interface ReportFlags {
  out?: string;
  personas?: string;
  courseMap?: string;
}

export function reportCommand(program: Command): void {
  program
    .command("report")
    .description(
      "The cohort report from a folder academy grade wrote: index.html (the cohort at a glance, per exercise, per learner, with charts; opens offline) and exercises.csv, learners.csv, misconceptions.csv, lms.csv.",
    )
    .argument("<grades-dir>", "the folder academy grade wrote (its --out): <learner>/<notebook>.json")
    .option("--out <dir>", "where the report goes (default: <grades-dir>/report)")
    .option(
      "--personas <file>",
      "CSV with the header learner,persona: the suggested path of the course map each learner follows (default: analyst)",
    )
    .option("--course-map <file>", "the course map whose paths to suggest (default: notebooks/README.md)")
    .addHelpText(
      "after",
      "\nModules graded against different versions of their source notebook are reported apart, never mixed.\nRerunning over the same results writes the same files.",
    )
    .action(runReport);
}

async function runReport(gradesDir: string, flags: ReportFlags): Promise<void> {
  const progress = reportProgress();
  try {
    const { outDir, files, report } = await writeCohortReport({
      gradesDir,
      outDir: flags.out,
      personasFile: flags.personas,
      courseMapFile: flags.courseMap,
      onProgress: progress.report,
    });
    progress.stop();
    console.log(
      `Reported ${report.submissions} results (${report.graded} graded) of ${report.learners.length} learners over ${report.modules.length} module versions.`,
    );
    for (const notice of report.notices) console.log(`Note: ${notice}`);
    console.log(`Wrote ${files.join(", ")} to ${relative(process.cwd(), outDir) || "."}`);
  } finally {
    progress.stop();
  }
}

type ProgressEvent = Parameters<NonNullable<ReportOptions["onProgress"]>>[0];

/** A progress bar on a terminal; nothing otherwise (the summary line says what was done). */
function reportProgress(): { report(event: ProgressEvent): void; stop(): void } {
  if (process.stderr.isTTY !== true) return { report: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: "report [{bar}] {value}/{total} {step}", hideCursor: true });
  let step: string | undefined;
  let stopped = false;
  return {
    report({ step: now, done, total }) {
      if (step !== now) {
        if (step !== undefined) bar.stop();
        bar.start(total, 0, { step: now });
        step = now;
      }
      bar.update(done, { step: now });
    },
    stop() {
      if (step !== undefined && !stopped) bar.stop();
      stopped = true;
    },
  };
}
