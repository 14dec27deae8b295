/**
 * CSV and JSON-lines: the lake's files as its source systems write them, and the one CSV writer of
 * the repository (the grader's gradebook.csv uses it too, with CRLF lines and formula escaping).
 */
import Papa from "papaparse";

export type CsvValue = string | number | null;
export type RawRow = Record<string, CsvValue>;

export interface CsvOptions {
  /** "\n" (the default, as the lake's source systems write) or "\r\n" (RFC 4180, what LMS imports expect). */
  lineEnd?: "\n" | "\r\n";
  /**
   * Text starting with = + - @, a tab or a carriage return is run as a formula by spreadsheets:
   * prefix it with a ' so it shows as text. Numbers are left alone (-1 is a number, not a formula).
   */
  escapeFormulae?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: quoted (quotes doubled) when it holds a quote, comma or line break; null is empty. */
export function csvField(value: CsvValue, { escapeFormulae = false }: CsvOptions = {}): string {
  if (value === null) return "";
  const text =
    escapeFormulae && typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of fields as CSV text; every line ends with `lineEnd`, the last one too. */
export function csvLines(rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  const lineEnd = options.lineEnd ?? "\n";
  return rows.map((row) => row.map((value) => csvField(value, options)).join(",") + lineEnd).join("");
}

/** Writes rows as CSV with a header line; null (or a missing column) becomes an empty field. */
export function toCsv(rows: readonly RawRow[], columns: readonly string[]): string {
  return csvLines([columns, ...rows.map((row) => columns.map((c) => row[c] ?? null))]);
}

/** Reads CSV text back into rows of strings (empty fields stay ""), as a landing job sees them. */
export function parseCsv(text: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: true,
    dynamicTyping: false,
  });
  if (parsed.errors.length > 0)
    throw new Error(`CSV parse error: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
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
