/**
 * Where things are. The generator runs both from its compiled dist/ and (in tests) from the
 * TypeScript sources, so paths are found by walking up to the package, never by counting "../".
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

function findUp(start: string, isRoot: (dir: string) => boolean): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (isRoot(dir)) return dir;
    if (dirname(dir) === dir) throw new Error(`could not find the package root above ${start}`);
  }
}

function isPackage(name: string) {
  return (dir: string) => {
    const file = join(dir, "package.json");
    return existsSync(file) && (JSON.parse(readFileSync(file, "utf8")) as { name?: string }).name === name;
  };
}

/** The generator package folder (lake-generator/). */
export const generatorRoot = findUp(__dirname, isPackage("academy-lake-generator"));

/** The repository root: the folder holding datasets/. */
export const repoRoot = dirname(generatorRoot);
