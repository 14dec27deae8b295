/** The `academy release` command: argument parsing and printing around release.ts. */
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { checkRelease, defaultReleaseDirs, release, type ReleaseDirs } from "./release";

interface ReleaseOptions {
  source: string;
  release: string;
  exercises: string;
  check?: boolean;
}

const shown = (path: string) => relative(process.cwd(), path) || ".";

export function releaseCommand(program: Command): void {
  program
    .command("release")
    .description(
      "Turn notebooks/source/*.ipynb into learner notebooks (notebooks/release/) and self-check definitions (notebooks/exercises/).",
    )
    .option("--source <dir>", "source notebooks", defaultReleaseDirs.sourceDir)
    .option("--release <dir>", "where learner notebooks go", defaultReleaseDirs.releaseDir)
    .option("--exercises <dir>", "where exercise definitions go", defaultReleaseDirs.exercisesDir)
    .option("--check", "write nothing; fail if release/ or exercises/ differ from a fresh release (for CI)")
    .action((opts: ReleaseOptions) => {
      const dirs: ReleaseDirs = {
        sourceDir: resolve(opts.source),
        releaseDir: resolve(opts.release),
        exercisesDir: resolve(opts.exercises),
      };
      if (opts.check) {
        const result = checkRelease(dirs);
        for (const err of result.errors) console.error(`error: ${err.message}`);
        if (result.ok) {
          console.log(
            `Release OK: ${shown(dirs.releaseDir)} and ${shown(dirs.exercisesDir)} match a fresh release of ${shown(dirs.sourceDir)}.`,
          );
          return;
        }
        if (result.differences.length) {
          console.error(
            "The release differs from a fresh release of the sources (run `npx academy release` and commit the result; never edit release files by hand):",
          );
          for (const d of result.differences)
            console.error(`  ${shown(d.split(": ")[0])}: ${d.split(": ").slice(1).join(": ")}`);
        }
        process.exitCode = 1;
        return;
      }
      const result = release(dirs);
      for (const m of result.modules)
        console.log(
          `${m.file.padEnd(40)} module ${m.module}, ${m.exercises} exercise${m.exercises === 1 ? "" : "s"}`,
        );
      for (const path of result.written) console.log(`wrote   ${shown(path)}`);
      for (const path of result.removed) console.log(`removed ${shown(path)} (no source notebook)`);
      for (const err of result.errors) console.error(`error: ${err.message}`);
      console.log(
        `Released ${result.modules.length} notebook${result.modules.length === 1 ? "" : "s"}; ${result.written.length} file${result.written.length === 1 ? "" : "s"} changed${result.errors.length ? `; ${result.errors.length} notebook(s) with errors left unchanged` : ""}.`,
      );
      if (result.errors.length) process.exitCode = 1;
    });
}
