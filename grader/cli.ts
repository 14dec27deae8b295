#!/usr/bin/env node
/**
 * The `academy` command line. Only argument parsing lives here: each command calls into a module
 * that does the work, so everything is usable (and tested) without going through argv.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command } from "commander";
import {
  buildLake,
  checkDatasetTypes,
  checkLake,
  defaultLakeDir,
  defaultTypesFile,
  writeDatasetTypes,
} from "academy-lake-generator";
import { releaseCommand } from "./release/command";
import { gradeCommand } from "./grade/command";
import { validateCommand } from "./validate/command";
import { runCommand } from "./execute/command";
import { progressCommand } from "./progress/command";
import { reportCommand } from "./report/command";
import { snapshotCommand } from "./kernel/snapshot/command";

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

/** `academy data build | check`: the sample lake and its generated types. */
function dataCommand(program: Command): void {
  const data = program
    .command("data")
    .description("The sample lake: regenerate it from its seed, or check it is unchanged.");
  data
    .command("build")
    .description(
      "Regenerate datasets/ (every zone, catalog.json, glossary) from the fixed seed, and the datasets' TypeScript types from its catalog.",
    )
    .option("--out <dir>", "where to write the lake", defaultLakeDir)
    .option("--types <file>", "where to write the datasets' row types", defaultTypesFile)
    .action((opts: { out: string; types: string }) => {
      const started = process.hrtime.bigint();
      const report = buildLake(resolve(opts.out));
      writeDatasetTypes(resolve(opts.out), resolve(opts.types));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      for (const f of report.files)
        console.log(
          `${f.path.padEnd(44)} ${String(f.rows || "").padStart(7)} rows ${(f.bytes / 1024).toFixed(0).padStart(7)} KiB`,
        );
      console.log(
        `Wrote ${report.files.length} files, ${(report.totalBytes / 1048576).toFixed(2)} MiB, in ${seconds.toFixed(1)} s to ${opts.out}`,
      );
      console.log(
        `Wrote the datasets' row types to ${opts.types} (rebuild the library: npx tsc -b grader/tsconfig.json)`,
      );
    });
  data
    .command("check")
    .description(
      "Regenerate into a temporary folder and fail on any byte difference with datasets/ or with the datasets' types.",
    )
    .option("--dir <dir>", "the lake to check", defaultLakeDir)
    .option("--types <file>", "the datasets' row types to check", defaultTypesFile)
    .action((opts: { dir: string; types: string }) => {
      const result = checkLake(resolve(opts.dir));
      const differences = [
        ...result.differences,
        ...checkDatasetTypes(resolve(opts.dir), resolve(opts.types)),
      ];
      if (differences.length === 0) {
        console.log(`Lake OK: ${opts.dir} and ${opts.types} are byte-identical to a fresh build.`);
        return;
      }
      console.error(
        `Lake differs from a fresh build (run \`academy data build\` and commit, or revert your edits):`,
      );
      for (const d of differences) console.error(`  ${d}`);
      process.exitCode = 1;
    });
}

export function buildProgram(): Command {
  const program = new Command("academy")
    .description("Data Academy: build the sample lake, run, release, grade and report on course notebooks.")
    .version(packageVersion())
    .showHelpAfterError();

  dataCommand(program);
  releaseCommand(program);
  gradeCommand(program);
  reportCommand(program);
  validateCommand(program);
  runCommand(program);
  progressCommand(program);
  snapshotCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    console.error(`academy: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
