/**
 * Shared by the hostile-submission tests: a work folder with the release fixture (module 900:
 * 900.1 worth 2 points, 900.2 worth 0.5), submissions built from its source notebook, and
 * fingerprints of folders that grading must leave byte-identical.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import { withCase } from "../../grader/validate/cases";
import type { GradeResult } from "../../grader/grade/types";
import type { Cell, Notebook } from "../../grader/notebook/nbformat";

export const NAME = "900-release-fixture.ipynb";

export { makeCourse, type Course } from "../helpers/course";

export const gradeIdOf = (cell: Cell) =>
  (cell.metadata.nbgrader as { grade_id?: string } | undefined)?.grade_id;
export const cellById = (nb: Notebook, gradeId: string) => nb.cells.find((c) => gradeIdOf(c) === gradeId)!;

/** The honest part most hostile cases keep: 900.1 right (2 points), 900.2 wrong (the median). */
export function half(source: Notebook): Notebook {
  return withCase(source, { exercise: "900.2", code: "return 6.5;" });
}

/** A copy of `nb` with a learner's own code cell (no metadata) right after the cell `afterGradeId`. */
export function withExtraCell(nb: Notebook, afterGradeId: string, code: string): Notebook {
  const copy = structuredClone(nb);
  const at = copy.cells.findIndex((c) => gradeIdOf(c) === afterGradeId);
  if (at < 0) throw new Error(`no cell ${afterGradeId}`);
  copy.cells.splice(at + 1, 0, {
    cell_type: "code",
    source: code,
    metadata: {},
    execution_count: null,
    outputs: [],
  });
  return copy;
}

export function submitJson(dir: string, learner: string, nb: unknown, name = NAME): string {
  mkdirSync(join(dir, learner), { recursive: true });
  const path = join(dir, learner, name);
  writeFileSync(path, typeof nb === "string" || Buffer.isBuffer(nb) ? nb : JSON.stringify(nb, null, 1));
  return path;
}

export function resultOf(out: string, learner: string, name = NAME): GradeResult {
  return JSON.parse(
    readFileSync(join(out, learner, name.replace(/\.ipynb$/, ".json")), "utf8"),
  ) as GradeResult;
}

export const pointsOf = (r: GradeResult) =>
  Object.fromEntries(r.exercises.map((e) => [e.grade_id, e.points]));

/** Path → sha256 of every file (and symlink target) under `dir`, for byte-identity checks. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const stat = lstatSync(path);
      const key = relative(dir, path);
      if (stat.isSymbolicLink()) out[key] = `-> ${readlinkSync(path)}`;
      else if (stat.isDirectory()) {
        out[`${key}/`] = "dir";
        walk(path);
      } else out[key] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}
