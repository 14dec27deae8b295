/**
 * report/index.html: the cohort report as one self-contained page that opens offline (inline CSS,
 * charts as inline SVG, no script, nothing fetched). Each chart's Vega-Lite spec rides along in a
 * <script type="application/vnd.vegalite.v5+json"> block (data, not code) for JupyterLab.
 * Written as information for the instructor: what happened, what to revisit, what comes next.
 * Every piece of text from a result or a notebook goes through escapeHtml.
 */
import { escapeHtml as esc } from "../feedback-html";
import type { GradeResult } from "../../grade/types";
import {
  type CohortReport,
  type ExerciseSummary,
  type LearnerSummary,
  type ModuleVersion,
} from "./aggregate";
import { OUTCOMES, type ReportChart } from "./charts";

/** A chart with its drawing. */
export interface DrawnChart extends ReportChart {
  svg: string;
}

export interface PageOptions {
  /** The grades folder, as the instructor named it. */
  gradesDir: string;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:76rem;margin:2rem auto;padding:0 1rem;color:#1d2433}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:2px solid #dde3ee}
h3{font-size:1.1rem;margin-top:1.6rem}nav a{margin-right:1rem}p.lead,.muted{color:#566}
table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #e3e7ef}
th{font-weight:600;background:#f4f6fa}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}.card{background:#f4f6fa;border-radius:6px;padding:.6rem 1rem;min-width:8rem}
.card strong{display:block;font-size:1.6rem}.charts{display:flex;gap:1.5rem;flex-wrap:wrap}figure{margin:.5rem 0}
figure svg{max-width:100%;height:auto}.notices{background:#fff6e0;border-left:4px solid #e0a13a;padding:.4rem 1rem}
ul.plain{margin:0;padding-left:1.1rem}ul.plain li{margin:.15rem 0}.where{color:#566;font-size:.92em}
code{background:#f4f6fa;padding:0 .25rem;border-radius:3px}table.exercises th{font-size:.88em}
table.exercises td:first-child{min-width:11rem}table.exercises th.n{white-space:normal;width:4rem}
table.exercises td:nth-last-child(2){min-width:16rem}table.exercises td:last-child{min-width:10rem}
table.learners li{white-space:nowrap}table.learners td:nth-child(4){min-width:18rem}table.learners td:nth-child(4) li{white-space:normal}`;

const pct = (share: number) => `${Math.round(share * 100)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const list = (items: string[], empty = "") =>
  items.length ? `<ul class="plain">${items.map((i) => `<li>${i}</li>`).join("")}</ul>` : empty;

/** A chart: its SVG, drawn when the report was written, and its spec for tools that draw Vega-Lite. */
function figure(charts: DrawnChart[], id: string): string {
  const c = charts.find((x) => x.id === id);
  if (!c) return "";
  const spec = JSON.stringify(c.spec).replace(/</g, "\\u003c");
  return `<figure class="chart" data-chart="${esc(id)}">${c.svg}<script type="application/vnd.vegalite.v5+json">${spec}</script></figure>`;
}

function glance(report: CohortReport, charts: DrawnChart[]): string {
  const card = (n: number, what: string) => `<div class="card"><strong>${n}</strong>${esc(what)}</div>`;
  const versions = report.modules.map(
    (v) =>
      `<tr><td>${esc(v.label)}</td><td>${esc(v.title)}</td><td class="n">${v.results.length}</td>` +
      `<td class="n">${v.medianScore} / ${v.max}</td></tr>`,
  );
  const progress = report.progress.map(
    (p) =>
      `<tr><td>${esc(p.module)}</td><td>${esc(p.title)}${p.inMap ? "" : ' <span class="muted">(not on the course map)</span>'}</td><td class="n">${p.learners}</td></tr>`,
  );
  return [
    `<section id="glance"><h2>The cohort at a glance</h2><div class="cards">`,
    card(report.learners.length, "learners"),
    card(report.submissions, "submissions"),
    card(report.graded, "graded"),
    card(report.modules.length, report.modules.length === 1 ? "module" : "modules"),
    `</div><div class="charts">${figure(charts, "median-score")}${figure(charts, "progress")}</div>`,
    `<table class="modules"><thead><tr><th>module</th><th>title</th><th class="n">graded submissions</th><th class="n">median score</th></tr></thead><tbody>${versions.join("")}</tbody></table>`,
    `<h3>Along the course map</h3><p class="muted">Learners with a graded result for each module, in the course map's order.</p>`,
    `<table class="progress"><thead><tr><th>module</th><th>title</th><th class="n">learners</th></tr></thead><tbody>${progress.join("")}</tbody></table></section>`,
  ].join("\n");
}

function misconceptionItems(e: ExerciseSummary): string[] {
  return e.misconceptions
    .slice(0, 3)
    .map((m) => `<code>${esc(m.id)}</code> ${m.count} (${pct(m.share)}): ${esc(m.message)}`);
}

function stoppedText(e: ExerciseSummary): string {
  const parts = OUTCOMES.filter((o) => ["error", "timeout", "dead", "not-run"].includes(o.status))
    .filter((o) => e.counts[o.status] > 0)
    .map((o) => `${esc(o.words.replace("stopped: ", ""))} ${e.counts[o.status]}`);
  return `${e.stopped}${parts.length ? `<br><span class="where">${parts.join(", ")}</span>` : ""}`;
}

function exerciseRow(version: ModuleVersion, e: ExerciseSummary): string {
  const errors = e.errors.slice(0, 3).map((x) => `${esc(x.kind)} in the ${x.cell} cell: ${x.count}`);
  const cells = [
    `<td><strong>${esc(e.exercise)}</strong> ${esc(e.title)}${e.section ? `<br><span class="where">taught in ${esc(version.module)} § ${esc(e.section)}</span>` : ""}</td>`,
    ...[e.submissions, e.counts.correct, e.counts.partial, e.counts.incorrect, e.counts["not-answered"]].map(
      (n) => `<td class="n">${n}</td>`,
    ),
    `<td class="n">${stoppedText(e)}</td>`,
    `<td class="n">${e.medianPoints} / ${e.max}</td>`,
    `<td>${list(misconceptionItems(e), '<span class="muted">none</span>')}</td>`,
    `<td>${list(errors, '<span class="muted">none</span>')}</td>`,
  ];
  return `<tr data-exercise="${esc(e.exercise)}">${cells.join("")}</tr>`;
}

function exercises(report: CohortReport, charts: DrawnChart[]): string {
  const head =
    `<thead><tr><th>exercise</th><th class="n">submissions</th><th class="n">correct</th><th class="n">partly right</th>` +
    `<th class="n">not yet right</th><th class="n">not answered yet</th><th class="n">stopped</th><th class="n">median points</th>` +
    `<th>commonest misconceptions (count, share of submissions)</th><th>commonest errors</th></tr></thead>`;
  const parts = report.modules.map(
    (v) =>
      `<h3 id="module-${esc(v.module)}-${esc(v.version)}">${esc(v.label)} · ${esc(v.title)}</h3>` +
      `<p class="muted">${plural(v.results.length, "graded submission")} of ${esc(v.notebook)}.</p>` +
      figure(charts, `outcomes-${v.label}`) +
      `<table class="exercises">${head}<tbody>${v.exercises.map((e) => exerciseRow(v, e)).join("")}</tbody></table>`,
  );
  return [
    `<section id="exercises"><h2>Exercises</h2>`,
    `<p class="lead">Per exercise: how the submissions went, the wrong answers the course recognises (a misconception, with the message learners saw), and what stopped cells. A misconception many learners share is a topic to go over with the whole group; "stopped" counts cells that raised an error, ran out of time or lost their kernel.</p>`,
    ...parts,
    `</section>`,
  ].join("\n");
}

function revisitText(l: LearnerSummary): string[] {
  return l.toRevisit.map(
    (t) =>
      `<strong>${esc(t.exercise)}</strong> ${esc(t.message)}<br><span class="where">` +
      `${t.section ? `taught in ${esc(t.label)} § ${esc(t.section)}` : `in ${esc(t.label)}`}</span>`,
  );
}

function learnerRow(l: LearnerSummary): string {
  const modules = l.modules.map((m) => `${esc(m.label)}: ${m.score} / ${m.max}`);
  const notGraded = l.notGraded.map((n) => `${esc(n.notebook)}: not graded`);
  const notAnswered = l.notAnswered.map((n) => `${esc(n.exercise)} ${esc(n.title)}`);
  const next = l.next.map((m) => `${esc(m.id)} · ${esc(m.title)}`);
  const stopped = l.stopped.map((x) => `${esc(x.exercise)}: ${esc(x.kind)} in the ${x.cell} cell`);
  return (
    `<tr><td class="learner">${esc(l.learner)}</td><td>${esc(l.persona)}${l.personaChosen ? "" : ' <span class="muted">(default)</span>'}</td>` +
    `<td>${list([...modules, ...notGraded], '<span class="muted">none graded</span>')}</td>` +
    `<td>${list(revisitText(l), '<span class="muted">nothing recognised to revisit</span>')}</td>` +
    `<td>${list(notAnswered, '<span class="muted">none</span>')}</td>` +
    `<td>${list(stopped, '<span class="muted">none</span>')}</td>` +
    `<td>${list(next, '<span class="muted">every module on the path has a result</span>')}</td></tr>`
  );
}

function learners(report: CohortReport): string {
  return [
    `<section id="learners"><h2>Learners</h2>`,
    `<p class="lead">Per learner: the modules graded and their scores, the concepts to revisit (each misconception their answers matched, with the section of the module that teaches it), the exercises not answered yet, the cells that stopped (an error, running out of time, a kernel that died: worth a look at the notebook), and the next modules on their path in the course map (the persona given with --personas, else the analyst path).</p>`,
    `<table class="learners"><thead><tr><th>learner</th><th>path</th><th>modules graded</th><th>to revisit</th><th>not answered yet</th><th>cells that stopped</th><th>next on the path</th></tr></thead>`,
    `<tbody>${report.learners.map(learnerRow).join("")}</tbody></table></section>`,
  ].join("\n");
}

const NOT_GRADED_WORDS: Record<GradeResult["status"], string> = {
  graded: "graded",
  invalid: "not a notebook the grader can read",
  "unknown-notebook": "matches no course notebook",
  failed: "the grader could not run it (a rerun may help)",
};

function notGraded(report: CohortReport): string {
  if (report.notGraded.length === 0) return "";
  const rows = report.notGraded.map(
    (n) =>
      `<tr><td>${esc(n.learner)}</td><td>${esc(n.notebook)}</td><td>${esc(NOT_GRADED_WORDS[n.status])}</td><td>${esc(n.message ?? "")}</td></tr>`,
  );
  return `<section id="not-graded"><h2>Submissions not graded</h2><table><thead><tr><th>learner</th><th>file</th><th>why</th><th>grader's message</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
}

export function cohortHtml(report: CohortReport, charts: DrawnChart[], { gradesDir }: PageOptions): string {
  const notices = report.notices.length
    ? `<section class="notices"><h2>Before you read</h2>${list(report.notices.map(esc))}</section>`
    : "";
  return [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>Cohort report: ${esc(gradesDir)}</title><style>${STYLE}</style></head><body>`,
    `<h1>Cohort report</h1><p class="lead">${plural(report.submissions, "result")} from <code>${esc(gradesDir)}</code>, written by <code>academy report</code>. Scores are points as the grader gave them; shares are of the graded submissions of that module version.</p>`,
    `<nav><a href="#glance">At a glance</a><a href="#exercises">Exercises</a><a href="#learners">Learners</a>${report.notGraded.length ? '<a href="#not-graded">Not graded</a>' : ""}</nav>`,
    notices,
    glance(report, charts),
    exercises(report, charts),
    learners(report),
    notGraded(report),
    `</body></html>\n`,
  ].join("\n");
}
