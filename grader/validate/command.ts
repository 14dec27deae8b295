/** The `academy validate` command: argument parsing and printing only (the work is in validate-course.ts). */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { positiveInt } from "../cli-options";
import { repoRoot } from "../paths";
import { validateCourse } from "./validate-course";

interface ValidateFlags {
  source: string;
  release: string;
  fixtures: string;
  module?: string[];
  jobs: number;
}

export function validateCommand(program: Command): void {
  program
    .command("validate")
    .description(
      "Check every source notebook against the grader: the source scores full marks, the release scores zero, every exercise fixture scores and speaks as it should, and the release forgives (Run All reaches the last cell unanswered; skipping one exercise breaks nothing else).",
    )
    .option("--source <dir>", "source notebooks", join(repoRoot, "notebooks", "source"))
    .option("--release <dir>", "release notebooks", join(repoRoot, "notebooks", "release"))
    .option(
      "--fixtures <dir>",
      "exercise fixtures (<module>.json)",
      join(repoRoot, "tests", "fixtures", "exercises"),
    )
    .option("--module <id...>", "only these modules")
    .option("--jobs <n>", "notebooks run at once", positiveInt("--jobs"), availableParallelism())
    .action(async (flags: ValidateFlags) => {
      const report = await validateCourse({
        sourceDir: flags.source,
        releaseDir: flags.release,
        fixturesDir: flags.fixtures,
        jobs: flags.jobs,
        modules: flags.module,
        onProgress: (line) => process.stderr.isTTY || console.error(line),
      });
      for (const c of report.checks)
        console.log(`${c.ok ? "ok  " : "FAIL"} ${c.notebook} ${c.check}${c.ok ? "" : `\n     ${c.detail}`}`);
      const unanswered = report.forgiving.filter((r) => r.skipped === null);
      if (unanswered.length) {
        console.log("Run All on each release as released (code cells run before the first error):");
        for (const r of unanswered)
          console.log(`  ${r.notebook.padEnd(40)} ${r.runAllCells} of ${r.codeCells}`);
      }
      for (const r of report.forgiving.filter((f) => f.retried))
        console.log(
          `note: ${r.notebook} ${r.skipped ? `skipping ${r.skipped}` : "unanswered"} passed on a second run; the first lost an output (${r.retried})`,
        );
      const failed = report.checks.filter((c) => !c.ok).length;
      console.log(`${report.checks.length - failed} checks passed, ${failed} failed.`);
      if (!report.ok) process.exitCode = 1;
    });
}
