/**
 * nbgrader cell metadata (schema version 3) and its checksum, computed exactly as nbgrader 0.9's
 * `nbgrader.utils.compute_checksum` does, so nbgrader tooling accepts our release notebooks.
 * A test compares these checksums with nbgrader's own on every graded cell.
 */
import { createHash } from "node:crypto";
import { sourceText, type Cell } from "./nbformat";

export interface NbgraderMetadata {
  grade?: boolean;
  solution?: boolean;
  locked?: boolean;
  task?: boolean;
  grade_id?: string;
  points?: number;
  schema_version?: number;
  checksum?: string;
  cell_type?: string;
}

/** The cell's `metadata.nbgrader`, or undefined when it has none. */
export function nbgraderOf(cell: Cell): NbgraderMetadata | undefined {
  const meta = cell.metadata?.nbgrader;
  return meta && typeof meta === "object" ? (meta as NbgraderMetadata) : undefined;
}

export const isGrade = (cell: Cell): boolean => nbgraderOf(cell)?.grade === true;
/** A cell the learner writes an answer in. */
export const isSolution = (cell: Cell): boolean => nbgraderOf(cell)?.solution === true;

/**
 * nbgrader's is_locked: a cell the learner may not change, so grading restores it from the source.
 * A solution cell never is, a grade cell always is, else the flag.
 */
export function isLocked(cell: Cell): boolean {
  const meta = nbgraderOf(cell);
  if (!meta) return false;
  if (isSolution(cell)) return false;
  if (isGrade(cell)) return true;
  return meta.locked === true;
}

/** Does nbgrader give this cell a checksum (grade, solution or locked)? */
export const needsChecksum = (cell: Cell): boolean => isGrade(cell) || isSolution(cell) || isLocked(cell);

/**
 * Python's `str(float(x))`: the shortest round-tripping digits, fixed notation for exponents
 * -4..15 (always with a fractional part, "2.0"), scientific otherwise ("1e+16", "1.5e-05").
 */
export function pythonFloatString(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mantissa, exp] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const e = Number(exp);
  if (e >= -4 && e < 16) {
    if (e < 0) return `${sign}0.${"0".repeat(-e - 1)}${digits}`;
    const whole = digits.slice(0, e + 1).padEnd(e + 1, "0");
    const fraction = digits.slice(e + 1) || "0";
    return `${sign}${whole}.${fraction}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

/**
 * nbgrader 0.9's checksum: MD5 over the UTF-8 of source, cell_type, "True"/"False" for grade,
 * solution and locked, grade_id, and for grade cells str(float(points)).
 */
export function computeChecksum(cell: Cell): string {
  const meta = nbgraderOf(cell);
  if (!meta || typeof meta.grade_id !== "string")
    throw new Error("computeChecksum: the cell has no nbgrader grade_id");
  const py = (b: boolean) => (b ? "True" : "False");
  const md5 = createHash("md5");
  md5.update(sourceText(cell.source), "utf8");
  md5.update(cell.cell_type, "utf8");
  md5.update(py(isGrade(cell)));
  md5.update(py(isSolution(cell)));
  md5.update(py(isLocked(cell)));
  md5.update(meta.grade_id, "utf8");
  if (isGrade(cell)) md5.update(pythonFloatString(Number(meta.points)), "utf8");
  return md5.digest("hex");
}
