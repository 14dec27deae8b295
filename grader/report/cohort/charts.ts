/**
 * The report's charts as Vega-Lite v5 specs (plain JSON, built like the course library's own
 * charts and drawn by its renderer), one per question: the median score per module, how many
 * learners have a result for each module of the course map, and per module version how each
 * exercise went.
 */
import { chart, type VegaLiteSpec } from "data-academy";
import type { ExerciseStatus } from "../../grade/types";
import type { CohortReport, ModuleVersion } from "./aggregate";

export interface ReportChart {
  /** Where it goes in the page: "median-score", "progress", or "outcomes-<module label>". */
  id: string;
  spec: VegaLiteSpec;
}

/** Outcomes as the report names them, in the order bars stack, with their colours. */
export const OUTCOMES: { status: ExerciseStatus; words: string; color: string }[] = [
  { status: "correct", words: "correct", color: "#3a8a4f" },
  { status: "partial", words: "partly right", color: "#9cc46b" },
  { status: "incorrect", words: "not yet right", color: "#e0a13a" },
  { status: "not-answered", words: "not answered yet", color: "#b9c0cc" },
  { status: "error", words: "stopped: error", color: "#7a5aa6" },
  { status: "timeout", words: "stopped: out of time", color: "#4b6fb5" },
  { status: "dead", words: "stopped: kernel died", color: "#2f3f66" },
  { status: "not-run", words: "not run", color: "#8895a7" },
];

/** A bar per module, labels upright, whole-number ticks when the values are counts. */
function moduleBars(
  rows: Record<string, string | number>[],
  y: string,
  title: string,
  counts: boolean,
): VegaLiteSpec {
  const spec = chart.bar(rows, { x: "module", y, sort: "none", title, width: 420, height: 200 });
  const encoding = spec.encoding as { x: object; y: object };
  return {
    ...spec,
    encoding: {
      ...encoding,
      x: { ...encoding.x, axis: { labelAngle: 0 } },
      y: { ...encoding.y, axis: counts ? { tickMinStep: 1, format: "d" } : {} },
    },
  };
}

function medianScoreChart(report: CohortReport): VegaLiteSpec {
  const y = "median score (% of points)";
  const rows = report.modules.map((v) => ({
    module: v.label,
    [y]: v.max > 0 ? Math.round((100 * v.medianScore) / v.max) : 0,
  }));
  return moduleBars(rows, y, "Median score per module", false);
}

function progressChart(report: CohortReport): VegaLiteSpec {
  const y = "learners with a graded result";
  const rows = report.progress.map((p) => ({ module: p.module, [y]: p.learners }));
  return moduleBars(rows, y, "How far learners got along the course map", true);
}

/** One horizontal bar per exercise, stacked by outcome (only the outcomes that happened, in a fixed order and colour). */
export function outcomesChart(version: ModuleVersion): VegaLiteSpec {
  const present = OUTCOMES.filter((o) => version.exercises.some((e) => e.counts[o.status] > 0));
  const values = version.exercises.flatMap((e) =>
    present
      .map((o, order) => ({ exercise: e.exercise, outcome: o.words, order, submissions: e.counts[o.status] }))
      .filter((v) => v.submissions > 0),
  );
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: `${version.label}: outcome per exercise`,
    width: 560,
    height: { step: 24 },
    data: { values },
    mark: { type: "bar" },
    encoding: {
      y: { field: "exercise", type: "nominal", sort: version.exercises.map((e) => e.exercise), title: null },
      x: {
        field: "submissions",
        type: "quantitative",
        stack: "zero",
        title: "submissions",
        axis: { tickMinStep: 1, format: "d" },
      },
      color: {
        field: "outcome",
        type: "nominal",
        scale: { domain: present.map((o) => o.words), range: present.map((o) => o.color) },
        legend: { title: null, orient: "bottom", direction: "horizontal", labelLimit: 0 },
      },
      order: { field: "order", type: "quantitative" },
      tooltip: [{ field: "exercise" }, { field: "outcome" }, { field: "submissions", type: "quantitative" }],
    },
  };
}

/** Every chart of the report, in page order. */
export function reportCharts(report: CohortReport): ReportChart[] {
  const charts: ReportChart[] = [];
  if (report.modules.length > 0) charts.push({ id: "median-score", spec: medianScoreChart(report) });
  if (report.progress.length > 0) charts.push({ id: "progress", spec: progressChart(report) });
  for (const v of report.modules) charts.push({ id: `outcomes-${v.label}`, spec: outcomesChart(v) });
  return charts;
}
