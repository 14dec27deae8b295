/**
 * Reading one submitted file into a notebook we can grade, or a clear reason why not.
 * Submissions are untrusted: nothing here throws on bad input; every problem becomes a message.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import type { Cell, Notebook } from "../notebook/nbformat";

export interface SubmissionFile {
  path: string;
  sha256: string;
  bytes: number;
}

export type ReadResult =
  | { ok: true; file: SubmissionFile; notebook: Notebook }
  | { ok: false; file: SubmissionFile; message: string };

/** Largest submission read, in bytes: a course notebook with outputs is well under 10 MB. */
export const DEFAULT_MAX_SUBMISSION_BYTES = 50 * 1024 * 1024;

const CELL_TYPES = new Set(["code", "markdown", "raw"]);

function normalizeCell(raw: unknown, index: number): Cell | string {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return `cell ${index + 1} is not an object`;
  const c = raw as Record<string, unknown>;
  if (typeof c.cell_type !== "string" || !CELL_TYPES.has(c.cell_type))
    return `cell ${index + 1} has no valid cell_type`;
  const source = Array.isArray(c.source)
    ? c.source.map(String).join("")
    : typeof c.source === "string"
      ? c.source
      : null;
  if (source === null) return `cell ${index + 1} has no source`;
  const metadata =
    c.metadata && typeof c.metadata === "object" && !Array.isArray(c.metadata)
      ? (c.metadata as Record<string, unknown>)
      : {};
  const id = typeof c.id === "string" ? c.id : undefined;
  if (c.cell_type === "code")
    return { cell_type: "code", id, source, metadata, execution_count: null, outputs: [] };
  return { cell_type: c.cell_type as "markdown" | "raw", id, source, metadata };
}

/** Parses submitted bytes; outputs are dropped (they are recomputed). */
export function parseSubmission(bytes: Buffer): { notebook: Notebook } | { message: string } {
  if (bytes.length === 0) return { message: "The file is empty." };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    return {
      message: `The file is not a notebook: it is not valid JSON (${err instanceof Error ? err.message : String(err)}). Was it saved completely?`,
    };
  }
  if (!json || typeof json !== "object" || Array.isArray(json))
    return { message: "The file is JSON but not a notebook (no top-level object)." };
  const nb = json as Record<string, unknown>;
  if (nb.nbformat !== 4) {
    const version = nb.nbformat === undefined ? "no nbformat version" : `nbformat ${String(nb.nbformat)}`;
    return {
      message: `The notebook has ${version}; the grader reads nbformat 4 (open and save it in JupyterLab 3 or later).`,
    };
  }
  if (!Array.isArray(nb.cells)) return { message: "The notebook has no list of cells." };
  const cells: Cell[] = [];
  for (const [i, raw] of nb.cells.entries()) {
    const cell = normalizeCell(raw, i);
    if (typeof cell === "string") return { message: `The notebook is damaged: ${cell}.` };
    cells.push(cell);
  }
  const metadata =
    nb.metadata && typeof nb.metadata === "object" && !Array.isArray(nb.metadata)
      ? (nb.metadata as Record<string, unknown>)
      : {};
  const minor = typeof nb.nbformat_minor === "number" ? nb.nbformat_minor : 4;
  return { notebook: { nbformat: 4, nbformat_minor: minor, metadata, cells } };
}

export function readSubmission(path: string, maxBytes = DEFAULT_MAX_SUBMISSION_BYTES): ReadResult {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    // A name that is not UTF-8 reaches us with U+FFFD in place of its bytes, so it cannot be opened by name.
    if (path.includes("\uFFFD"))
      return {
        ok: false,
        file: { path, sha256: "", bytes: 0 },
        message:
          "The file or folder name is not valid UTF-8, so the grader cannot open it. Rename it with plain letters and digits and submit again.",
      };
    return {
      ok: false,
      file: { path, sha256: "", bytes: 0 },
      message: `Cannot read the file: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  if (size > maxBytes) {
    return {
      ok: false,
      file: { path, sha256: fileSha256(path), bytes: size },
      message: `The file is ${(size / 1048576).toFixed(0)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit for a submission. Clear the outputs (Edit → Clear All Outputs) and save again.`,
    };
  }
  const bytes = readFileSync(path);
  const file = { path, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length };
  const parsed = parseSubmission(bytes);
  return "notebook" in parsed
    ? { ok: true, file, notebook: parsed.notebook }
    : { ok: false, file, message: parsed.message };
}

/** SHA-256 of a file's bytes, read in chunks (a huge file is never held in memory); "" when unreadable. */
export function fileSha256(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const hash = createHash("sha256");
    const chunk = Buffer.alloc(1 << 20);
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
    return hash.digest("hex");
  } catch {
    return "";
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
