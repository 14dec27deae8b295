/**
 * Comparing an observed value with the reference value, out of the learner's kernel, under the
 * options the instructor's `observe` call gave (tolerance, ordered, caseSensitive). The learner's
 * own options are never used.
 */
import { canonical, type AnswerOptions } from "data-academy";

function closeEnough(a: number, b: number, tolerance: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= tolerance + 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);
}

/** True when `actual` is the same answer as `expected` under `options`. */
export function sameValue(expected: unknown, actual: unknown, options: AnswerOptions = {}): boolean {
  const { tolerance = 0, ordered = false, caseSensitive = false } = options;
  if (expected === null || expected === undefined) return actual === null || actual === undefined;
  if (typeof expected === "number") return typeof actual === "number" && closeEnough(expected, actual, tolerance);
  if (typeof expected === "string") {
    if (typeof actual !== "string") return false;
    return caseSensitive ? expected.trim() === actual.trim() : expected.trim().toLowerCase() === actual.trim().toLowerCase();
  }
  if (typeof expected === "boolean") return expected === actual;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    const order = (xs: unknown[]) => (ordered ? xs : [...xs].sort((x, y) => (canonical(x, options) < canonical(y, options) ? -1 : 1)));
    const [e, a] = [order(expected), order(actual)];
    return e.every((item, i) => sameValue(item, a[i], options));
  }
  if (typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    const ek = Object.keys(expected).sort();
    const ak = Object.keys(actual).sort();
    if (ek.length !== ak.length || ek.some((k, i) => k !== ak[i])) return false;
    return ek.every((k) => sameValue((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], options));
  }
  return false;
}
