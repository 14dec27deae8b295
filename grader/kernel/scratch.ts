/** Scratch folders: the private folders a kernel writes (its connection file and sockets, a grading kernel's work). */
import { rmSync } from "node:fs";

/**
 * Removes a scratch folder and everything the kernel left in it; a folder already gone is fine.
 * Synchronous, so usable from an exit hook.
 */
export function removeScratch(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
