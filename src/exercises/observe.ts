/**
 * observe: how a test cell reports a value to the grader.
 *
 *   observe("stock per retailer", perRetailer, { ordered: false });
 *
 * The value is sent as plain JSON in its own output type. The grader compares it with the value
 * the instructor's solution produced, outside your kernel, so printing "score: 100" or changing
 * this function cannot earn points. The comparison is `sameAnswer` (same-answer.ts), the rule your
 * self-checks use too.
 */
import { displayBundle } from "../display";
import { toJsonValue, type AnswerOptions } from "./same-answer";

export const OBSERVATION_MIME = "application/vnd.data-academy.observation+json";

export interface ObserveOptions extends AnswerOptions {
  /** Largest JSON size accepted, in bytes (default 1 MB). */
  maxBytes?: number;
}

export interface Observation {
  name: string;
  value: unknown;
  options: AnswerOptions;
}

const readableSize = (bytes: number) =>
  bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} KB`;

/** Sends one observation to the grader (and shows a short note in the notebook). */
export function observe(name: string, value: unknown, options: ObserveOptions = {}): void {
  const { maxBytes = 1_000_000, ...compare } = options;
  if (typeof name !== "string" || name === "")
    throw new Error('observe needs a name for the observation, like observe("row count", n)');
  const json = toJsonValue(value);
  const size = Buffer.byteLength(JSON.stringify(json));
  if (size > maxBytes) {
    throw new Error(
      `Cannot observe "${name}": it is ${readableSize(size)} of JSON (limit ${readableSize(maxBytes)}). Observe a summary instead, such as a count or a few columns.`,
    );
  }
  const observation: Observation = { name, value: json, options: compare };
  displayBundle({ [OBSERVATION_MIME]: observation, "text/plain": `observed: ${name}` });
}
