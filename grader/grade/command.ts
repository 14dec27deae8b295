/** The `academy grade` command: argument parsing and printing only (the work is in grade-cohort.ts). */
import { availableParallelism } from "node:os";
import { join, relative } from "node:path";
import { Option, type Command } from "commander";
import { SingleBar } from "cli-progress";
import { repoRoot } from "../paths";
import { positiveInt, seconds, serverFrom, serverOptions, type ServerFlags } from "../cli-options";
import { gradeCohort, type CohortOptions } from "./grade-cohort";

interface GradeFlags extends ServerFlags {
  out: string;
  source: string;
  exercises: string;
  jobs: number;
  timeout?: number;
  notebookTimeout?: number;
  memoryMb?: number;
  outputCap?: number;
  force?: boolean;
}

export function gradeCommand(program: Command): void {
  const grade = program
    .command("grade")
    .description(
      "Grade submitted notebooks laid out <learner>/<notebook>.ipynb: gradebook.csv, and per submission a JSON result and an HTML feedback page.",
    )
    .argument("<submissions...>", "folders of <learner>/<notebook>.ipynb, or single notebook files")
    .option("--out <dir>", "where results and gradebook.csv go", "grades")
    .option("--source <dir>", "the source notebooks to grade against", join(repoRoot, "notebooks", "source"))
    .option(
      "--exercises <dir>",
      "self-check definitions the kernels read",
      join(repoRoot, "notebooks", "exercises"),
    )
    .option("--jobs <n>", "submissions graded at once", positiveInt("--jobs"), availableParallelism())
    .addOption(
      new Option("--timeout <s>", "per-cell time limit in seconds (then interrupt, then kill)").argParser(
        seconds("--timeout"),
      ),
    )
    .addOption(
      new Option("--notebook-timeout <s>", "whole-notebook time limit in seconds").argParser(
        seconds("--notebook-timeout"),
      ),
    )
    .option("--memory-mb <n>", "kernel heap cap in MiB", positiveInt("--memory-mb"))
    .option("--output-cap <bytes>", "per-cell output cap in bytes", positiveInt("--output-cap"))
    .option("--force", "grade again even when a result for the same content exists")
    .addHelpText(
      "after",
      "\nRerunning skips submissions already graded from the same bytes, so a killed run resumes where it stopped.\nWith --server, --jobs may exceed this machine's cores: the kernels run on the server.",
    );
  serverOptions(grade, "a kernel gateway scales grading past one machine").action(runGrade);
}

async function runGrade(inputs: string[], flags: GradeFlags): Promise<void> {
  const server = serverFrom(flags);
  const progress = gradeProgress();
  const summary = await gradeCohort({
    inputs,
    outDir: flags.out,
    sourceDir: flags.source,
    exercisesDir: flags.exercises,
    jobs: flags.jobs,
    cellTimeoutMs: flags.timeout,
    notebookTimeoutMs: flags.notebookTimeout,
    memoryMb: flags.memoryMb,
    outputCapBytes: flags.outputCap,
    force: flags.force,
    server,
    onProgress: progress.report,
  });
  progress.stop();
  const bad = summary.results.filter((r) => r.status !== "graded");
  console.log(
    `Graded ${summary.graded}, skipped ${summary.skipped} already graded, of ${summary.total} submissions; ${bad.length} not gradable.`,
  );
  console.log(`Gradebook: ${relative(process.cwd(), summary.gradebookPath)}`);
  if (summary.results.some((r) => r.status === "failed")) process.exitCode = 1;
}

type ProgressEvent = Parameters<NonNullable<CohortOptions["onProgress"]>>[0];

/** A progress bar on a terminal, else one line per graded submission. */
function gradeProgress(): { report(event: ProgressEvent): void; stop(): void } {
  const tty = process.stderr.isTTY === true;
  const bar = tty
    ? new SingleBar({ format: "grading [{bar}] {value}/{total} {learner}", hideCursor: true })
    : undefined;
  let started = false;
  const report = ({ done, total, ref, result, skipped }: ProgressEvent) => {
    const name = `${ref.learner}/${ref.path.split("/").pop()}`;
    if (bar) {
      if (!started) bar.start(total, 0, { learner: "" });
      started = true;
      bar.update(done, { learner: name });
    } else if (result) {
      const score =
        result.status === "graded" ? `${result.score}/${result.max}` : `${result.status}: ${result.message}`;
      console.log(`[${done}/${total}] ${name}: ${score}${skipped ? " (already graded)" : ""}`);
    }
  };
  return { report, stop: () => bar?.stop() };
}
