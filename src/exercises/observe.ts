/**
 * observe: how a test cell reports a value to the grader.
 *
 *   observe("stock per retailer", perRetailer, { ordered: false });
 *
 * The value is sent as plain JSON in its own output type. The grader compares it with the value
 * the instructor's solution produced, outside your kernel, so printing "score: 100" or changing
 * this function cannot earn points.
 */
import { displayBundle } from "../display";
import { plain, type AnswerOptions } from "./canonical";

export const OBSERVATION_MIME = "application/vnd.data-academy.observation+json";

export interface ObserveOptions extends AnswerOptions {
  /** Largest JSON size accepted, in bytes (default 1 MB). */
  maxBytes?: number;
}

export interface Observation { name: string; value: unknown; options: AnswerOptions }

/** `value` as JSON-safe data: DataFrames as rows, Dates as ISO text, NaN as null; a clear error for anything else. */
export function toJsonValue(value: unknown, path = "value", seen = new Set<object>()): unknown {
  const v = plain(value);
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "function" || typeof v === "symbol") throw new Error(`Cannot observe ${path}: it is a ${typeof v}. Observe a value it returns instead.`);
  if (seen.has(v as object)) throw new Error(`Cannot observe ${path}: it refers to itself.`);
  seen.add(v as object);
  const out = Array.isArray(v)
    ? v.map((item, i) => toJsonValue(item, `${path}[${i}]`, seen))
    : Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, toJsonValue((v as Record<string, unknown>)[k], `${path}.${k}`, seen)]));
  seen.delete(v as object);
  return out;
}

const readableSize = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} KB`);

/** Sends one observation to the grader (and shows a short note in the notebook). */
export function observe(name: string, value: unknown, options: ObserveOptions = {}): void {
  const { maxBytes = 1_000_000, ...compare } = options;
  if (typeof name !== "string" || name === "") throw new Error("observe needs a name for the observation, like observe(\"row count\", n)");
  const json = toJsonValue(value);
  const size = Buffer.byteLength(JSON.stringify(json));
  if (size > maxBytes) {
    throw new Error(`Cannot observe "${name}": it is ${readableSize(size)} of JSON (limit ${readableSize(maxBytes)}). Observe a summary instead, such as a count or a few columns.`);
  }
  const observation: Observation = { name, value: json, options: compare };
  displayBundle({ [OBSERVATION_MIME]: observation, "text/plain": `observed: ${name}` });
}
