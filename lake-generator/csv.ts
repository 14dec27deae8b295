/** CSV and JSON-lines as the lake's source systems write them. */
import Papa from "papaparse";

export type RawRow = Record<string, string | number | null>;

function field(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes rows as CSV with a header line; null becomes an empty field. */
export function toCsv(rows: readonly RawRow[], columns: readonly string[]): string {
  const lines = [columns.join(",")];
  for (const row of rows) lines.push(columns.map((c) => field(row[c] ?? null)).join(","));
  return lines.join("\n") + "\n";
}

/** Reads CSV text back into rows of strings (empty fields stay ""), as a landing job sees them. */
export function parseCsv(text: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, dynamicTyping: false });
  if (parsed.errors.length > 0) throw new Error(`CSV parse error: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
  return parsed.data;
}

export function toJsonLines(rows: readonly object[]): string {
  return rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
}

export function parseJsonLines<T>(text: string): T[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}
