/**
 * gradebook.csv: one row per learner × notebook, LMS-friendly (RFC 4180 quoting, one header
 * row, plain numbers). Columns: learner, notebook, status, score, max, then one column per
 * exercise (grade_id) of every notebook present, in course order, then message.
 * Built only from the result files, so a rerun rebuilds the same gradebook.
 */
// The repository's one CSV writer lives with the lake's files; the grader already depends on
// the generator (academy data build | check), and the course library stays free of tooling.
import { csvLines } from "academy-lake-generator";
import type { GradeResult } from "../grade/types";

export function gradebookCsv(results: GradeResult[]): string {
  const sorted = [...results].sort((a, b) =>
    a.notebook === b.notebook
      ? a.learner < b.learner
        ? -1
        : a.learner > b.learner
          ? 1
          : 0
      : a.notebook < b.notebook
        ? -1
        : 1,
  );
  const columns: string[] = [];
  for (const result of [...results].sort((a, b) =>
    a.notebook < b.notebook ? -1 : a.notebook > b.notebook ? 1 : 0,
  )) {
    for (const e of result.exercises) if (!columns.includes(e.grade_id)) columns.push(e.grade_id);
  }
  const header = ["learner", "notebook", "status", "score", "max", ...columns, "message"];
  const rows = sorted.map((r) => {
    const points = new Map(r.exercises.map((e) => [e.grade_id, e.points]));
    return [
      r.learner,
      r.notebook,
      r.status,
      r.score,
      r.max,
      ...columns.map((c) => points.get(c) ?? null),
      r.message,
    ];
  });
  // A learner name or message starting with = + - @ would run as a formula in a spreadsheet.
  return csvLines([header, ...rows], { lineEnd: "\r\n", escapeFormulae: true });
}
