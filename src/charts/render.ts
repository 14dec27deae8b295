/**
 * Rendering and showing charts. vega and vega-lite are ES modules with top-level await, which
 * CommonJS (and so tslab) cannot `require`; a dynamic `import()` inside an async function can.
 */
import { displayBundle } from "../display";
import type { VegaLiteSpec } from "./options";

// Keep import() as a real dynamic import even where TypeScript compiles to CommonJS.
const importModule = new Function("name", "return import(name)") as (name: string) => Promise<unknown>;

/** The chart as an SVG document, rendered headlessly (no browser needed). */
export async function toSVG(spec: VegaLiteSpec): Promise<string> {
  const vegaLite = (await importModule("vega-lite")) as { compile(spec: unknown): { spec: unknown } };
  const vega = (await importModule("vega")) as {
    parse(spec: unknown): unknown;
    View: new (
      runtime: unknown,
      options: { renderer: string },
    ) => { toSVG(): Promise<string>; finalize(): void };
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A one-line description of the chart for text-only outputs. */
export function describeChart(spec: VegaLiteSpec): string {
  const mark =
    typeof spec.mark === "string"
      ? spec.mark
      : ((spec.mark as { type?: string } | undefined)?.type ?? "chart");
  const rows = ((spec.data as { values?: unknown[] } | undefined)?.values ?? []).length;
  const encoding = (spec.encoding ?? {}) as Record<string, { field?: string }>;
  const fields = Object.values(encoding)
    .map((e) => e.field)
    .filter(Boolean);
  return `<${mark} chart of ${fields.join(" by ") || "data"}, ${rows} rows${spec.title ? `: ${String(spec.title)}` : ""}>`;
}

/**
 * Shows the chart: one output carrying Vega-Lite (JupyterLab draws it), SVG (for other frontends
 * and exported HTML) and a line of text.
 * @example await chart.show(chart.histogram(rows, { field: "price_gbp" }))
 */
export async function show(spec: VegaLiteSpec): Promise<void> {
  displayBundle({
    "application/vnd.vegalite.v5+json": spec,
    "image/svg+xml": await toSVG(spec),
    "text/plain": describeChart(spec),
  });
}
