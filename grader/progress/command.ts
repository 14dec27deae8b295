/**
 * `academy progress`: the self-checks you ran on this machine, module by module, and the next
 * modules on your path; the same as progress() in a notebook (src/exercises/progress.ts).
 */
import type { Command } from "commander";
import { progressOf, progressText } from "data-academy";

export function progressCommand(program: Command): void {
  program
    .command("progress")
    .description(
      "Show your self-check results so far (kept on this machine only) and the next modules on your path.",
    )
    .option(
      "--persona <name>",
      'whose path to follow: analyst, scientist, developer, "product manager", "technical support" or sales',
      "analyst",
    )
    .action((opts: { persona: string }) => {
      console.log(progressText(progressOf({ persona: opts.persona })));
    });
}
