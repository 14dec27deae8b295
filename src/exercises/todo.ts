/**
 * The placeholder an unanswered exercise holds. In a release notebook the answer cell reads
 *
 *   let typicalPrice: number;
 *   // YOUR ANSWER HERE
 *   typicalPrice = todo("103.1");
 *
 * or, inside a function you are asked to write,
 *
 *   function dedupe(events: WebEvent[]): WebEvent[] {
 *     // YOUR ANSWER HERE
 *     return todo("203.1");
 *   }
 *
 * `todo` does not throw: it returns a marker, so the cell runs, every declaration in it stays
 * defined, and Run All carries on to the end of the notebook. The check of the exercise sees the
 * marker and says "not answered yet". Replace the `todo(...)` line with your answer.
 *
 * Its return type is `never`, a type TypeScript accepts wherever any value is expected, so the
 * placeholder compiles whatever type the answer has.
 */
import { inspect } from "node:util";

/** What `todo(id)` returns. */
export class NotAnswered {
  constructor(readonly exercise: string) {}
  toString(): string {
    return `${this.exercise} is not answered yet`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

/** Exercise ids whose placeholder has run, in order (the checks look here). */
const placeholderRuns: string[] = [];

/** The placeholder of exercise `exercise` (like "103.1"): see the top of this file. */
export function todo(exercise: string): never {
  placeholderRuns.push(exercise);
  return new NotAnswered(exercise) as never;
}

/** Is `value` the placeholder of an unanswered exercise? */
export function isNotAnswered(value: unknown): value is NotAnswered {
  return value instanceof NotAnswered;
}

/** How many placeholders have run so far; with `placeholdersSince` a check sees which ran while it worked. */
export const placeholderCount = (): number => placeholderRuns.length;

/** The exercises whose placeholder ran since `count` (from `placeholderCount()`), each once. */
export const placeholdersSince = (count: number): string[] => [...new Set(placeholderRuns.slice(count))];

/** The first unanswered exercise's placeholder found inside `value` (in lists, Sets, Maps and plain objects). */
export function findNotAnswered(value: unknown, depth = 0): NotAnswered | undefined {
  if (isNotAnswered(value)) return value;
  if (depth > 6 || !value || typeof value !== "object") return undefined;
  const prototype = Object.getPrototypeOf(value);
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else if (value instanceof Set || value instanceof Map) items = [...value.values()];
  else if (prototype === Object.prototype || prototype === null) items = Object.values(value);
  else return undefined; // Dates, DataFrames and other objects hold no placeholder of ours

  for (const item of items.slice(0, 10_000)) {
    const found = findNotAnswered(item, depth + 1);
    if (found) return found;
  }
  return undefined;
}
