/**
 * Writing notebooks byte-for-byte the way nbformat does (`nbformat.writes`): keys sorted, one-space
 * indent, non-ASCII kept as is, multi-line strings as lists of lines, and a final newline.
 * Deterministic output lets CI regenerate the release and diff it with the committed files.
 */
import { sourceText, toLines, type Notebook } from "./nbformat";

/** A copy of `value` with every object's keys in sorted order (as Python's sort_keys=True). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .filter((k) => record[k] !== undefined)
        .map((k) => [k, sortKeys(record[k])]),
    );
  }
  return value;
}

/** The notebook as nbformat would write it: cell sources split into lines, sorted keys, indent 1. */
export function stringifyNotebook(notebook: Notebook): string {
  const cells = notebook.cells.map((cell) => ({ ...cell, source: toLines(sourceText(cell.source)) }));
  return JSON.stringify(sortKeys({ ...notebook, cells }), null, 1) + "\n";
}
