/**
 * Where the lake is on disk. The sample lake ships in the repository's `datasets/` folder;
 * your own saves go to `my-lake/user/` beside it, so the shared lake stays exactly as shipped.
 *
 * Both can be moved with environment variables: DATA_ACADEMY_LAKE (the folder holding
 * catalog.json) and DATA_ACADEMY_USER_DIR (where lake.save writes).
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The nearest folder at or above `start` that holds `relativePath`. */
export function findUp(start: string, relativePath: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, relativePath))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The folder holding the sample lake's catalog.json. */
export function lakeDir(): string {
  if (process.env.DATA_ACADEMY_LAKE) return resolve(process.env.DATA_ACADEMY_LAKE);
  const root = findUp(process.cwd(), "datasets/catalog.json") ?? findUp(__dirname, "datasets/catalog.json");
  if (!root)
    throw new Error(
      "Cannot find the sample lake (datasets/catalog.json). Run notebooks from inside the course repository, or set DATA_ACADEMY_LAKE.",
    );
  return join(root, "datasets");
}

/** The folder where lake.save writes your user-zone tables. */
export function userDir(): string {
  return process.env.DATA_ACADEMY_USER_DIR
    ? resolve(process.env.DATA_ACADEMY_USER_DIR)
    : join(dirname(lakeDir()), "my-lake", "user");
}
