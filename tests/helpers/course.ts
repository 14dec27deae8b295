/**
 * A temporary course folder with the release fixture (module 900: 900.1 worth 2 points, 900.2
 * worth 0.5): its source, its release and self-check definitions made by `academy release`.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Notebook } from "../../grader/notebook/nbformat";
import { release } from "../../grader/release/release";
import { fixture } from "./repo";

export const FIXTURE_NOTEBOOK = "900-release-fixture.ipynb";

export interface Course {
  work: string;
  sourceDir: string;
  exercisesDir: string;
  source: Notebook;
  released: Notebook;
}

export function makeCourse(prefix: string): Course {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const sourceDir = join(work, "source");
  const exercisesDir = join(work, "exercises");
  mkdirSync(sourceDir);
  cpSync(fixture("notebooks", FIXTURE_NOTEBOOK), join(sourceDir, FIXTURE_NOTEBOOK));
  release({ sourceDir, releaseDir: join(work, "release"), exercisesDir });
  const source = JSON.parse(readFileSync(join(sourceDir, FIXTURE_NOTEBOOK), "utf8")) as Notebook;
  const released = JSON.parse(readFileSync(join(work, "release", FIXTURE_NOTEBOOK), "utf8")) as Notebook;
  return { work, sourceDir, exercisesDir, source, released };
}
