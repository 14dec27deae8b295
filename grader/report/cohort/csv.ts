/**
 * The report's flat tables, for a spreadsheet or an LMS import, with gradebook.csv's quoting rules
 * (RFC 4180, CRLF lines, text that a spreadsheet would run as a formula prefixed with '):
 * exercises.csv, learners.csv, misconceptions.csv and lms.csv (a row per learner, a column per module).
 * Rows come in the report's order (modules, then exercises in notebook order; learners by name),
 * so a rerun over the same results writes the same bytes.
 */
import { csvLines, type CsvValue } from "academy-lake-generator";
import type { CohortReport } from "./aggregate";

const csv = (rows: CsvValue[][]): string => csvLines(rows, { lineEnd: "\r\n", escapeFormulae: true });

/** A list inside one field. */
const list = (items: string[]): string => items.join("; ");

export function exercisesCsv(report: CohortReport): string {
  const header = [
    "module",
    "version",
    "exercise",
    "title",
    "submissions",
    "correct",
    "partial",
    "incorrect",
    "not_answered",
    "stopped",
    "median_points",
    "max",
    "top_misconception",
    "top_misconception_count",
  ];
  const rows = report.modules.flatMap((v) =>
    v.exercises.map((e) => [
      v.module,
      v.version,
      e.exercise,
      e.title,
      e.submissions,
      e.counts.correct,
      e.counts.partial,
      e.counts.incorrect,
      e.counts["not-answered"],
      e.stopped,
      e.medianPoints,
      e.max,
      e.misconceptions[0]?.id ?? null,
      e.misconceptions[0]?.count ?? 0,
    ]),
  );
  return csv([header, ...rows]);
}

export function learnersCsv(report: CohortReport): string {
  const header = ["learner", "persona", "modules_graded", "score", "max", "to_revisit", "next_modules"];
  const rows = report.learners.map((l) => [
    l.learner,
    l.persona,
    list(l.modules.map((m) => m.label)),
    l.score,
    l.max,
    list(l.toRevisit.map((t) => `${t.exercise} ${t.misconception}`)),
    list(l.next.map((m) => m.id)),
  ]);
  return csv([header, ...rows]);
}

export function misconceptionsCsv(report: CohortReport): string {
  const header = ["module", "version", "exercise", "misconception", "message", "count", "share"];
  const rows = report.modules.flatMap((v) =>
    v.exercises.flatMap((e) =>
      e.misconceptions.map((m) => [v.module, v.version, e.exercise, m.id, m.message, m.count, m.share]),
    ),
  );
  return csv([header, ...rows]);
}

/**
 * One row per learner and one column per module (its label: "201", or "201 (version a1b2c3d)" when
 * versions are mixed), holding the points; empty where the learner has no graded result. The shape
 * Canvas and Moodle gradebook imports take (match the column to the assignment on import).
 */
export function lmsCsv(report: CohortReport): string {
  const labels = report.modules.map((v) => v.label);
  const rows = report.learners.map((l) => {
    const points = new Map(l.modules.map((m) => [m.label, m.score]));
    return [l.learner, ...labels.map((label) => points.get(label) ?? null)];
  });
  return csv([["learner", ...labels], ...rows]);
}
