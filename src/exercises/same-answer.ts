/**
 * When are two answers "the same"? This file is the only place that decides it, for everyone:
 * the self-check in your notebook (`exercise(id).check`), `academy release` (which stores answers
 * as hashes) and the grader (which compares your observations with the instructor's, outside your
 * kernel). So a ✓ in the notebook and full points from the grader always agree.
 *
 * The rule: two answers are the same when their canonical forms are the same string.
 * - Values are first made plain JSON, as `observe` sends them: a DataFrame becomes its rows, a
 *   Date its ISO text, NaN and undefined become null, a Set a list, a Map an object.
 * - Numbers are rounded to the nearest multiple of `tolerance` (1: whole pounds, 0.01: two
 *   decimals), after dropping floating-point noise past 15 significant digits (0.1 + 0.2 is 0.3).
 * - Lists are sorted unless `ordered`; object keys always are.
 * - Text is trimmed, and lower-cased unless `caseSensitive`.
 *
 *   sameAnswer(6460, 6460.4, { tolerance: 1 })   // true: both round to 6460
 *   sameAnswer(6460, 6460.6, { tolerance: 1 })   // false: 6461
 *   sameAnswer(["b", "A"], ["a", "b"])            // true: unordered, any case
 */
import { createHash } from "node:crypto";
import { isFrameLike, rowsOf } from "../lake/frames";
import { isMissing } from "../missing";
import { isNotAnswered } from "./todo";

export interface AnswerOptions {
  /** Numbers are compared rounded to the nearest multiple of this (default 0: exact, up to floating-point noise). */
  tolerance?: number;
  /** Does the order of a list or of rows matter? (default false) */
  ordered?: boolean;
  /** Does letter case matter in text? (default false) */
  caseSensitive?: boolean;
}

interface SeriesLike {
  values: unknown[];
  index: unknown[];
}

const isSeries = (v: object): v is SeriesLike =>
  !isFrameLike(v) && Array.isArray((v as SeriesLike).values) && Array.isArray((v as SeriesLike).index);

/** A DataFrame as an array of row objects, a Series as its values, a Set as a list, a Map as an object; anything else unchanged. */
export function plain(value: unknown): unknown {
  if (value && typeof value === "object") {
    if (isFrameLike(value)) return rowsOf(value);
    if (isSeries(value)) return value.values;
    if (value instanceof Set) return [...value];
    if (value instanceof Map) return Object.fromEntries(value);
  }
  return value;
}

/**
 * `value` as plain JSON data: DataFrames as rows, Dates as ISO text, NaN, Infinity and undefined
 * as null, object keys sorted; a clear error for functions and values that refer to themselves.
 * An unanswered exercise's placeholder becomes `{ "not answered": "<id>" }`.
 */
export function toJsonValue(value: unknown, path = "value", seen = new Set<object>()): unknown {
  if (isNotAnswered(value)) return { "not answered": value.exercise };
  const v = plain(value);
  if (isMissing(v)) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null; // Infinity too: JSON has no such number
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === "function" || typeof v === "symbol")
    throw new Error(`Cannot use ${path}: it is a ${typeof v}. Give a value it returns instead.`);
  if (seen.has(v as object)) throw new Error(`Cannot use ${path}: it refers to itself.`);
  seen.add(v as object);
  const out = Array.isArray(v)
    ? v.map((item, i) => toJsonValue(item, `${path}[${i}]`, seen))
    : Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, toJsonValue((v as Record<string, unknown>)[k], `${path}.${k}`, seen)]),
      );
  seen.delete(v as object);
  return out;
}

/** `x` without floating-point noise: 15 significant digits (0.1 + 0.2 → 0.3). */
const denoise = (x: number): number => Number(x.toPrecision(15));

/** The number `x` rounds to under `tolerance`, in steps of the tolerance (exact when it is 0). */
export function roundedToTolerance(x: number, tolerance = 0): number {
  return tolerance > 0 ? Math.round(denoise(x / tolerance)) : denoise(x);
}

function canonicalJson(v: unknown, options: AnswerOptions): string {
  const { tolerance = 0, ordered = false, caseSensitive = false } = options;
  if (v === null) return "null";
  if (typeof v === "number") return `n:${roundedToTolerance(v, tolerance)}`;
  if (typeof v === "boolean") return `b:${v}`;
  if (typeof v === "string") return `s:${caseSensitive ? v.trim() : v.trim().toLowerCase()}`;
  if (Array.isArray(v)) {
    const items = v.map((item) => canonicalJson(item, options));
    return `[${(ordered ? items : [...items].sort()).join(",")}]`;
  }
  const keys = Object.keys(v as object).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}=${canonicalJson((v as Record<string, unknown>)[k], options)}`).join(",")}}`;
}

/** The canonical string of `value` under `options`: equal strings mean the same answer. */
export function canonical(value: unknown, options: AnswerOptions = {}): string {
  return canonicalJson(toJsonValue(value), options);
}

/** The rule: are `expected` and `actual` the same answer under `options`? */
export function sameAnswer(expected: unknown, actual: unknown, options: AnswerOptions = {}): boolean {
  return canonical(expected, options) === canonical(actual, options);
}

/** The salted hash that a definition stores instead of the answer. */
export function answerHash(salt: string, id: string, value: unknown, options: AnswerOptions = {}): string {
  return createHash("sha256")
    .update(`${salt}|${id}|${canonical(value, options)}`)
    .digest("hex");
}

/**
 * Numbers in `value` that sit near the edge between two tolerance steps (more than 0.4 of a step
 * from the nearest multiple), where a learner's answer a hair away could round the other way.
 * `academy release` refuses an answer with such a number: pick a tolerance it sits well inside.
 */
export function numbersNearEdge(value: unknown, tolerance = 0): number[] {
  if (!(tolerance > 0)) return [];
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "number") {
      const steps = denoise(v / tolerance);
      if (Math.abs(steps - Math.round(steps)) > 0.4) out.push(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(toJsonValue(value));
  return out;
}
