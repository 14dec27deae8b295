/**
 * gradebook.csv: one row per learner × notebook, LMS-friendly (RFC 4180 quoting, one header
 * row, plain numbers). Columns: learner, notebook, status, score, max, then one column per
 * exercise (grade_id) of every notebook present, in course order, then message.
 * Built only from the result files, so a rerun rebuilds the same gradebook.
 */
import type { GradeResult } from "../grade/types";

function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  // A leading =, +, - or @ would be read as a formula by spreadsheets: quote it with a '.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function gradebookCsv(results: GradeResult[]): string {
  const sorted = [...results].sort((a, b) => (a.notebook === b.notebook ? (a.learner < b.learner ? -1 : a.learner > b.learner ? 1 : 0) : a.notebook < b.notebook ? -1 : 1));
  const columns: string[] = [];
  for (const result of [...results].sort((a, b) => (a.notebook < b.notebook ? -1 : a.notebook > b.notebook ? 1 : 0))) {
    for (const e of result.exercises) if (!columns.includes(e.grade_id)) columns.push(e.grade_id);
  }
  const header = ["learner", "notebook", "status", "score", "max", ...columns, "message"];
  const rows = sorted.map((r) => {
    const points = new Map(r.exercises.map((e) => [e.grade_id, e.points]));
    return [r.learner, r.notebook, r.status, r.score, r.max, ...columns.map((c) => points.get(c) ?? null), r.message];
  });
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
