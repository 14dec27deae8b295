/**
 * The canonical form of an answer: one string that two answers share exactly when they are
 * "the same" for a check. Numbers are rounded to the check's tolerance, unordered lists are
 * sorted, strings trimmed (and lower-cased unless case matters), DataFrames become sorted rows.
 * Answers are stored only as salted hashes of this string, so nobody reads them off the page.
 */
import { createHash } from "node:crypto";

export interface AnswerOptions {
  /** Numbers within about this distance count as equal (default 0: exact). */
  tolerance?: number;
  /** Does the order of a list or of rows matter? (default false) */
  ordered?: boolean;
  /** Does letter case matter in text? (default false) */
  caseSensitive?: boolean;
}

interface FrameLike { columns: string[]; values: unknown[][] }
interface SeriesLike { values: unknown[]; index: unknown[] }

const isFrame = (v: object): v is FrameLike => Array.isArray((v as FrameLike).columns) && Array.isArray((v as FrameLike).values);
const isSeries = (v: object): v is SeriesLike => !isFrame(v) && Array.isArray((v as SeriesLike).values) && Array.isArray((v as SeriesLike).index);

/** A DataFrame as an array of row objects; anything else unchanged. */
export function plain(value: unknown): unknown {
  if (value && typeof value === "object") {
    if (isFrame(value)) return value.values.map((row) => Object.fromEntries(value.columns.map((c, i) => [c, row[i]])));
    if (isSeries(value)) return value.values;
    if (value instanceof Set) return [...value];
    if (value instanceof Map) return Object.fromEntries(value);
  }
  return value;
}

function numberKey(x: number, tolerance: number): string {
  if (Number.isNaN(x)) return "null";
  return tolerance > 0 ? `n:${Math.round(x / tolerance)}` : `n:${x}`;
}

/** The canonical string of `value` under `options`. */
export function canonical(value: unknown, options: AnswerOptions = {}, depth = 0): string {
  const { tolerance = 0, ordered = false, caseSensitive = false } = options;
  const v = plain(value);
  if (v === null || v === undefined) return "null";
  if (typeof v === "number") return numberKey(v, tolerance);
  if (typeof v === "bigint") return `n:${v}`;
  if (typeof v === "boolean") return `b:${v}`;
  if (typeof v === "string") return `s:${caseSensitive ? v.trim() : v.trim().toLowerCase()}`;
  if (v instanceof Date) return `d:${v.toISOString()}`;
  if (Array.isArray(v)) {
    const items = v.map((item) => canonical(item, options, depth + 1));
    return `[${(ordered ? items : [...items].sort()).join(",")}]`;
  }
  if (typeof v === "object") {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${k}=${canonical((v as Record<string, unknown>)[k], options, depth + 1)}`).join(",")}}`;
  }
  throw new Error(`Cannot check a ${typeof v}: give a number, text, list, object or DataFrame.`);
}

/** The salted hash that a definition stores instead of the answer. */
export function answerHash(salt: string, id: string, value: unknown, options: AnswerOptions = {}): string {
  return createHash("sha256").update(`${salt}|${id}|${canonical(value, options)}`).digest("hex");
}

/**
 * Hashes to accept for a learner's value. A single number is also tried one tolerance step either
 * side, so a value just across a rounding boundary from the stored answer still matches.
 */
export function candidateHashes(salt: string, id: string, value: unknown, options: AnswerOptions = {}): string[] {
  const hashes = [answerHash(salt, id, value, options)];
  const t = options.tolerance ?? 0;
  if (typeof value === "number" && t > 0) hashes.push(answerHash(salt, id, value - t, options), answerHash(salt, id, value + t, options));
  return hashes;
}
