/**
 * Observations are what a test cell reports to the grader with `observe(name, value, options)`:
 * one display_data output of the observation MIME type. Only outputs of a restored test cell's
 * own execution are read (the kernel layer routes outputs by parent msg_id), and anything
 * malformed is ignored.
 */
import { OBSERVATION_MIME, type AnswerOptions } from "data-academy";
import type { Output } from "../notebook/nbformat";

export interface Observation {
  name: string;
  value: unknown;
  options: AnswerOptions;
}

function asOptions(value: unknown): AnswerOptions {
  if (!value || typeof value !== "object") return {};
  const o = value as Record<string, unknown>;
  const options: AnswerOptions = {};
  if (typeof o.tolerance === "number" && o.tolerance >= 0) options.tolerance = o.tolerance;
  if (typeof o.ordered === "boolean") options.ordered = o.ordered;
  if (typeof o.caseSensitive === "boolean") options.caseSensitive = o.caseSensitive;
  return options;
}

/** The observations among a cell's outputs, in the order they were made. */
export function observationsIn(outputs: Output[]): Observation[] {
  const found: Observation[] = [];
  for (const output of outputs) {
    if (output.output_type !== "display_data") continue;
    const data = output.data[OBSERVATION_MIME];
    if (!data || typeof data !== "object") continue;
    const { name, value, options } = data as Record<string, unknown>;
    if (typeof name !== "string" || name === "") continue;
    found.push({ name, value: value === undefined ? null : value, options: asOptions(options) });
  }
  return found;
}

/** Pairs each reference observation with the learner's observation of the same name and occurrence. */
export function pairObservations(
  reference: Observation[],
  learner: Observation[],
): { expected: Observation; actual?: Observation }[] {
  const byName = new Map<string, Observation[]>();
  for (const o of learner) byName.set(o.name, [...(byName.get(o.name) ?? []), o]);
  const used = new Map<string, number>();
  return reference.map((expected) => {
    const n = used.get(expected.name) ?? 0;
    used.set(expected.name, n + 1);
    return { expected, actual: byName.get(expected.name)?.[n] };
  });
}
