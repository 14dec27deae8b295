/**
 * A fresh temporary folder for the tests of one file, named in an environment variable while they
 * run (so the library under test writes there, not into the repository), removed afterwards.
 *
 *   const userDir = temporaryDirInEnv("DATA_ACADEMY_USER_DIR", "academy-user-");
 *   test("saves", () => expect(readdirSync(userDir())).toEqual([]));
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Registers beforeAll/afterAll hooks; the returned function gives the folder's path inside tests. */
export function temporaryDirInEnv(variable: string, prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    process.env[variable] = dir;
  });
  afterAll(() => {
    delete process.env[variable];
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (dir === undefined)
      throw new Error(`${variable}: the temporary folder exists only while the tests run`);
    return dir;
  };
}
