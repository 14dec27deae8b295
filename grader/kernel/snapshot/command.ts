/** The `academy snapshot` command: builds the snapshot kernel for a heap size when it is missing or out of date. */
import type { Command } from "commander";
import { positiveInt } from "../../cli-options";
import { defaultLimits } from "../session";
import { buildSnapshot, snapshotMisfit } from "./build";

interface SnapshotFlags {
  memoryMb: number;
  check?: boolean;
  force?: boolean;
}

export function snapshotCommand(program: Command): void {
  program
    .command("snapshot")
    .description(
      "Build the snapshot kernel (tslab with its compiler and declaration files loaded, a V8 start-up snapshot) for this Node and a kernel heap size, when it is missing or out of date. Kernels start from it in about a quarter of the time; `make install` runs this.",
    )
    .option(
      "--memory-mb <n>",
      "kernel heap cap in MiB it is for",
      positiveInt("--memory-mb"),
      defaultLimits.memoryMb,
    )
    .option("--check", "only say whether it fits (exit 1 when not)")
    .option("--force", "build it even when it fits")
    .action(async (flags: SnapshotFlags) => {
      const misfit = snapshotMisfit(flags.memoryMb);
      if (flags.check) {
        console.log(misfit === undefined ? `The snapshot kernel for ${flags.memoryMb} MiB fits.` : misfit);
        if (misfit !== undefined) process.exitCode = 1;
        return;
      }
      if (misfit === undefined && !flags.force) {
        console.log(`The snapshot kernel for ${flags.memoryMb} MiB heaps is up to date.`);
        return;
      }
      const { blob, ms } = await buildSnapshot(flags.memoryMb);
      const after = snapshotMisfit(flags.memoryMb);
      if (after !== undefined) throw new Error(`built ${blob}, but it does not fit: ${after}`);
      console.log(
        `Built the snapshot kernel for ${flags.memoryMb} MiB heaps in ${(ms / 1000).toFixed(1)} s.`,
      );
    });
}
