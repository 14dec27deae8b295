/** The `academy run` command: argument parsing and printing only (the work is in run-files.ts). */
import { availableParallelism } from "node:os";
import { Option, type Command } from "commander";
import { SingleBar } from "cli-progress";
import { positiveInt, seconds, serverFrom, serverOptions, type ServerFlags } from "../cli-options";
import { describeFailures, runFiles, type FileResult } from "./run-files";

interface RunFlags extends ServerFlags {
  inplace?: boolean;
  out?: string;
  jobs: number;
  allowErrors?: boolean;
  timeout?: number;
  notebookTimeout?: number;
  memoryMb?: number;
  outputCap?: number;
}

export function runCommand(program: Command): void {
  const run = program
    .command("run")
    .description(
      "Execute notebooks top to bottom, each in a fresh kernel (as nbclient/nbmake would). Exits 1 if any cell errors.",
    )
    .argument("<notebooks...>", "notebook files (.ipynb)")
    .option("--inplace", "write the executed notebooks (with outputs) over the inputs")
    .option("--out <dir>", "write the executed notebooks into this folder")
    .option("--jobs <n>", "notebooks run at once", positiveInt("--jobs"), availableParallelism())
    .option("--allow-errors", "keep running the cells after one fails (the exit code still reports it)")
    .addOption(
      new Option(
        "--timeout <s>",
        "per-cell time limit in seconds (then interrupt, then kill; 0: none)",
      ).argParser(seconds("--timeout")),
    )
    .addOption(
      new Option("--notebook-timeout <s>", "whole-notebook time limit in seconds (0: none)").argParser(
        seconds("--notebook-timeout"),
      ),
    )
    .option("--memory-mb <n>", "kernel heap cap in MiB (local kernels)", positiveInt("--memory-mb"))
    .option("--output-cap <bytes>", "per-cell output cap in bytes", positiveInt("--output-cap"));
  serverOptions(run, "its root should be the current folder").action(runNotebooks);
}

async function runNotebooks(files: string[], flags: RunFlags): Promise<void> {
  if (flags.inplace && flags.out) throw new Error("use either --inplace or --out, not both");
  const server = serverFrom(flags);
  // Ctrl-C: exit normally, so that kernels are shut down by the exit hook.
  const stop = () => process.exit(130);
  process.once("SIGINT", stop).once("SIGTERM", stop);

  const tty = process.stderr.isTTY === true;
  const bar = tty
    ? new SingleBar({ format: "running [{bar}] {value}/{total} {file}", hideCursor: true })
    : undefined;
  bar?.start(files.length, 0, { file: "" });
  const summary = await runFiles(files, {
    inplace: flags.inplace,
    outDir: flags.out,
    jobs: flags.jobs,
    allowErrors: flags.allowErrors,
    cellTimeoutMs: flags.timeout,
    notebookTimeoutMs: flags.notebookTimeout,
    memoryMb: flags.memoryMb,
    outputCapBytes: flags.outputCap,
    server,
    onProgress: ({ file, done, result }) => {
      if (bar) bar.update(done, { file });
      else if (result) console.log(`[${done}/${files.length}] ${statusLine(result)}`);
    },
  });
  bar?.stop();

  printSummary(summary.results);
  if (!summary.ok) process.exitCode = 1;
  process.off("SIGINT", stop).off("SIGTERM", stop);
}

/** Each failure's lines on stderr, then one line with the counts. */
function printSummary(results: FileResult[]): void {
  const failed = results.filter((r) => r.error !== undefined || r.run?.status !== "ok");
  for (const result of failed) for (const line of describeFailures(result)) console.error(line);
  const cells = results.reduce(
    (n, r) => n + (r.run?.cells.filter((c) => c.status !== "skipped").length ?? 0),
    0,
  );
  console.log(
    `Ran ${results.length} notebooks (${cells} cells): ${results.length - failed.length} ok, ${failed.length} failed.`,
  );
}

function statusLine(result: FileResult): string {
  if (result.error !== undefined) return `error  ${result.file}: ${result.error}`;
  const run = result.run!;
  const seconds = (run.durationMs / 1000).toFixed(1);
  const written = result.written ? ` -> ${result.written}` : "";
  return `${run.status.padEnd(6)} ${result.file} (${run.cells.length} code cells, ${seconds} s)${written}`;
}
