#!/usr/bin/env node
/**
 * The `academy` command line. Only argument parsing lives here: each command calls into a module
 * that does the work, so everything is usable (and tested) without going through argv.
 */
import { Command } from "commander";
import { readFileSync } from "node:fs";
import { join } from "node:path";

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

export function buildProgram(): Command {
  const program = new Command("academy")
    .description("Data Academy: build the sample lake, run, release and grade course notebooks.")
    .version(packageVersion())
    .showHelpAfterError();
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
