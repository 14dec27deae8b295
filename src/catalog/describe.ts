/**
 * catalog.describe: everything the catalog knows about a dataset, as a readable table.
 * In a notebook it shows as HTML; anywhere else as plain text.
 */
import { displayBundle, escapeHtml } from "../display";
import { findDataset } from "./read";
import { savedTable, type SavedTableInfo } from "./saved";
import type { DatasetInfo } from "./types";

/** A shipped dataset, or a table someone saved to user/ (see saved.ts). */
type Described = DatasetInfo | SavedTableInfo;
const isShipped = (d: Described): d is DatasetInfo => "kind" in d;

function facts(d: Described): [string, string][] {
  if (!isShipped(d))
    return [
      ["zone", "user (saved with lake.save)"],
      ["lineage (built from)", d.lineage.join(", ") || "(not given when it was saved)"],
      ["owner", d.owner],
      ["rows", String(d.rowCount)],
    ];
  return [
    ["zone", d.zone],
    ["kind", d.kind],
    ["grain", d.grain],
    ["primary key", d.primaryKey.length ? d.primaryKey.join(", ") : "(none: rows are not unique)"],
    [
      "foreign keys",
      d.foreignKeys.map((f) => `${f.column} → ${f.dataset}.${f.references}`).join("; ") || "(none)",
    ],
    ["lineage (built from)", d.lineage.join(", ") || "(a source system)"],
    ["owner", d.owner],
    ["rows", String(d.rowCount)],
    ["glossary terms", d.terms.join(", ")],
  ];
}

/** The description as plain text: facts, then one line per column. */
export function describeText(d: Described): string {
  const traps = isShipped(d) ? d.traps : [];
  const width = Math.max(...d.columns.map((c) => c.name.length));
  return [
    `${d.name}: ${d.description}`,
    ...facts(d).map(([k, v]) => `  ${k.padEnd(21)} ${v}`),
    "  columns:",
    ...d.columns.map(
      (c) => `    ${c.name.padEnd(width)}  ${(c.type + (c.nullable ? "?" : "")).padEnd(10)} ${c.description}`,
    ),
    ...(traps.length ? ["  watch out:", ...traps.map((t) => `    - ${t.description}`)] : []),
  ].join("\n");
}

/** The description as an HTML table. */
export function describeHtml(d: Described): string {
  const traps = isShipped(d) ? d.traps : [];
  const row = (cells: string[], tag = "td") =>
    `<tr>${cells.map((c) => `<${tag} style="text-align:left">${escapeHtml(c)}</${tag}>`).join("")}</tr>`;
  return [
    `<h4>${escapeHtml(d.name)}</h4><p>${escapeHtml(d.description)}</p>`,
    `<table>${facts(d)
      .map(([k, v]) => row([k, v]))
      .join("")}</table>`,
    `<table>${row(["column", "type", "description"], "th")}${d.columns.map((c) => row([c.name, c.type + (c.nullable ? " (nullable)" : ""), c.description])).join("")}</table>`,
    traps.length
      ? `<p><b>Watch out:</b></p><ul>${traps.map((t) => `<li>${escapeHtml(t.description)}</li>`).join("")}</ul>`
      : "",
  ].join("\n");
}

/**
 * Shows what the catalog says about a dataset (catalog.find(name) gives the same as data), or
 * what was written about a table of yours when it was saved to user/.
 * @example catalog.describe("refined/stock_weekly_snapshot");
 */
export function describe(name: string): void {
  const d = savedTable(name) ?? findDataset(name);
  displayBundle({ "text/html": describeHtml(d), "text/plain": describeText(d) });
}
