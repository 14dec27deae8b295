/**
 * `data-academy/paths`: finding folders on disk, for the course's tools (the grader and the lake
 * generator). Not part of what notebooks import: lake/where.ts finds the lake for them.
 */
import { findUp } from "./lake/where";

/**
 * The folder of the package that holds `start`: the nearest one above it with a package.json.
 * The same from a package's compiled dist/ and from its TypeScript sources.
 */
export function packageRoot(start: string): string {
  const root = findUp(start, "package.json");
  if (root === undefined) throw new Error(`no package.json at or above ${start}`);
  return root;
}
