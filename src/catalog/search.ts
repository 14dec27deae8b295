/**
 * catalog.search: find data without knowing its name, the way you would search a data catalog
 * (DataHub, Glue, BigQuery's). Every word must appear somewhere in what the catalog says about
 * a dataset: its name, description, columns (names and descriptions) or glossary terms. Tables
 * saved to user/ with a description are searched too.
 *
 *   catalog.search("price")            shows a table of matches, and returns them
 *   catalog.search("retailer region")  both words, anywhere in the entry
 */
import { inspect } from "node:util";
import { displayBundle, escapeHtml } from "../display";
import { readCatalog } from "./read";
import { savedTable, savedTableNames, type SavedTableInfo } from "./saved";
import type { DatasetInfo, Zone } from "./types";

/** One dataset that matches, and where the words were found. */
export interface SearchMatch {
  dataset: string;
  zone: Zone;
  owner: string;
  description: string;
  /** Where the words were found: "name", "description", "column price_gbp", "term Stock". */
  matches: string[];
}

/** The places in an entry a search looks, each with the label a match reports. */
function places(d: DatasetInfo | SavedTableInfo): [string, string][] {
  return [
    ["name", d.name],
    ["description", d.description],
    ...d.columns.map((c): [string, string] => [`column ${c.name}`, `${c.name} ${c.description}`]),
    ...("terms" in d ? d.terms.map((t): [string, string] => [`term ${t}`, t]) : []),
  ];
}

function matchOf(d: DatasetInfo | SavedTableInfo, words: string[]): SearchMatch | undefined {
  const found = places(d).filter(([, text]) => words.some((w) => text.toLowerCase().includes(w)));
  const everyWord = words.every((w) => found.some(([, text]) => text.toLowerCase().includes(w)));
  if (!everyWord) return undefined;
  return {
    dataset: d.name,
    zone: d.zone,
    owner: d.owner,
    description: d.description,
    matches: found.map(([label]) => label),
  };
}

const mention = (n: number) => (n === 1 ? "1 dataset mentions" : `${n} datasets mention`);

/** The matches as a table: HTML in a notebook, text anywhere else. */
function show(query: string, results: SearchMatch[]): void {
  if (results.length === 0) {
    const text = `Nothing in the catalog mentions "${query}". Fewer or shorter words find more; lake.datasets() lists every dataset.`;
    displayBundle({ "text/plain": text, "text/html": `<p>${escapeHtml(text)}</p>` });
    return;
  }
  const where = (r: SearchMatch) =>
    r.matches.length > 4
      ? `${r.matches.slice(0, 4).join(", ")} and ${r.matches.length - 4} more`
      : r.matches.join(", ");
  const rows = results.map((r) => [r.dataset, r.zone, r.owner, where(r)]);
  const header = ["dataset", "zone", "owner", "matched in"];
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, j) => c.padEnd(widths[j]))
      .join("  ")
      .trimEnd();
  const cell = (c: string, tag = "td") => `<${tag} style="text-align:left">${escapeHtml(c)}</${tag}>`;
  displayBundle({
    "text/plain": [`${mention(results.length)} "${query}":`, line(header), ...rows.map(line)].join("\n"),
    "text/html": [
      `<p>${mention(results.length)} "${escapeHtml(query)}":</p><table>`,
      `<tr>${header.map((h) => cell(h, "th")).join("")}</tr>`,
      ...rows.map((r) => `<tr>${r.map((c) => cell(c)).join("")}</tr>`),
      "</table>",
    ].join(""),
  });
}

/** The list search returns: an array, which prints as one line so the table above is not repeated. */
class SearchResults extends Array<SearchMatch> {
  [inspect.custom](): string {
    return `${this.length} ${this.length === 1 ? "match" : "matches"}: ${this.map((r) => r.dataset).join(", ")}`;
  }
}

/**
 * Shows the datasets whose catalog entry mentions every word of `query`, and returns them.
 * @example catalog.search("price");
 * @example const hits = catalog.search("lead e-mail"); hits.map((h) => h.owner);
 */
export function search(query: string): SearchMatch[] {
  if (typeof query !== "string" || query.trim() === "")
    throw new Error('catalog.search needs a word or two to look for, like catalog.search("price").');
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shipped = readCatalog().datasets;
  const saved = savedTableNames().flatMap((n) => savedTable(n) ?? []);
  const savedNames = new Set(saved.map((s) => s.name));
  const entries = [...saved, ...shipped.filter((d) => !savedNames.has(d.name))];
  // Names that match first, then the entries that mention the words most often.
  const found = entries
    .flatMap((d) => matchOf(d, words) ?? [])
    .sort(
      (a, b) =>
        Number(b.matches.includes("name")) - Number(a.matches.includes("name")) ||
        b.matches.length - a.matches.length,
    );
  const results = SearchResults.from(found);
  show(query, results);
  return results;
}
