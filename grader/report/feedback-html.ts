/**
 * grades/<learner>/<notebook>.html: feedback a learner can read on its own. Score per exercise,
 * what was wrong and a hint; never hidden test code or reference values (results never hold them).
 */
import type { ExerciseResult, GradeResult } from "../grade/types";

/** Text as HTML text: & < > " ' escaped, so learner-controlled text never becomes markup (the cohort report uses it too). */
export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const STATUS_WORDS: Record<ExerciseResult["status"], string> = {
  correct: "correct",
  partial: "partly right",
  incorrect: "not yet right",
  "not-answered": "not answered yet",
  error: "stopped with an error",
  timeout: "ran out of time",
  dead: "the kernel died",
  "not-run": "not run",
};

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d2433}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #dde}
td.points{white-space:nowrap;font-variant-numeric:tabular-nums}.correct{color:#176b2c}.partial{color:#8a5a00}
.bad{color:#a3261d}.note{background:#f4f6fa;padding:.6rem .8rem;border-radius:4px}ul{margin:.2rem 0 .2rem 1.2rem;padding:0}`;

function exerciseRow(e: ExerciseResult): string {
  const cls = e.status === "correct" ? "correct" : e.status === "partial" ? "partial" : "bad";
  const name = e.exercise ? `${e.exercise}${e.title ? ` · ${e.title}` : ""}` : e.grade_id;
  const details = [
    ...e.messages.map((m) => `<li>${escapeHtml(m)}</li>`),
    ...e.hints.map((h) => `<li>Hint: ${escapeHtml(h)}</li>`),
  ];
  return (
    `<tr data-grade-id="${escapeHtml(e.grade_id)}"><td>${escapeHtml(name)}</td><td class="points">${e.points} / ${e.max}</td>` +
    `<td class="${cls}">${escapeHtml(STATUS_WORDS[e.status])}${details.length ? `<ul>${details.join("")}</ul>` : ""}</td></tr>`
  );
}

export function feedbackHtml(result: GradeResult): string {
  const title = `${result.notebook}: ${result.learner}`;
  const parts = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(result.notebook)}</h1>`,
    `<p>Learner <strong>${escapeHtml(result.learner)}</strong>: <strong class="score">${result.score} / ${result.max}</strong> points.</p>`,
  ];
  if (result.status !== "graded")
    parts.push(
      `<p class="note bad">This submission could not be graded: ${escapeHtml(result.message ?? result.status)}</p>`,
    );
  else if (result.message) parts.push(`<p class="note">${escapeHtml(result.message)}</p>`);
  if (result.exercises.length > 0) {
    parts.push(
      `<table><thead><tr><th>exercise</th><th>points</th><th>result</th></tr></thead><tbody>`,
      ...result.exercises.map(exerciseRow),
      `</tbody></table>`,
    );
  }
  const limits = result.run?.limits ?? [];
  if (limits.length > 0 || result.run?.kernel_death) {
    const items = limits.map(
      (l) => `<li>${escapeHtml(l.cell ? `cell ${l.cell}: ` : "")}${escapeHtml(l.detail)}</li>`,
    );
    if (result.run?.kernel_death) items.push(`<li>${escapeHtml(result.run.kernel_death)}</li>`);
    parts.push(`<h2>Limits hit while running</h2><ul>${items.join("")}</ul>`);
  }
  parts.push(
    `<p><small>Graded by Data Academy. Rerun the notebook top to bottom (Kernel → Restart and Run All) to see what the grader saw.</small></p></body></html>\n`,
  );
  return parts.join("\n");
}
