/**
 * The numbers a statistic is computed from. Missing is not zero: counting a missing mileage as
 * 0 miles would drag every average down, so a statistic either leaves missing values out (and
 * says so, in one line) or refuses, when leaving them out would mislead. Each function's JSDoc
 * says which it does.
 *
 *   stats.median([12_000, null, 30_000])
 *   // prints: stats.median left out 1 missing value (null) of 3.
 */
import { isMissing } from "../missing";

/** What the statistics accept: numbers, with null, undefined or NaN where a value is missing. */
export type Numbers = readonly (number | null | undefined)[];

/** Is `v` a number that is there (not NaN)? null, undefined and anything that is not a number are not. */
export const isNumber = (v: unknown): v is number => typeof v === "number" && !isMissing(v);

/** How many there are, the way the course writes numbers: 2,400. */
const count = (n: number) => n.toLocaleString("en-GB");

/** "null", "null and NaN", "null, undefined and NaN": the kinds of missing value in `values`. */
function missingKinds(values: readonly unknown[]): string {
  const kinds = [...new Set(values.filter(isMissing).map((v) => (v === null ? "null" : String(v))))];
  return kinds.length > 1 ? `${kinds.slice(0, -1).join(", ")} and ${kinds.at(-1)}` : kinds.join("");
}

/** Refuses anything that is neither a number nor missing (text like "12000" is not a price yet). */
function assertNumbers(values: readonly unknown[], caller: string): void {
  const other = values.find((v) => !isMissing(v) && typeof v !== "number");
  if (other !== undefined)
    throw new Error(
      `${caller} works on numbers, and got ${JSON.stringify(other)} (a ${typeof other}). ` +
        `Turn text into numbers first, e.g. values.map(Number), or pick a numeric column.`,
    );
}

/** How many of `values` are missing (null, undefined or NaN); refuses values that are not numbers. */
export function missingCount(values: Numbers, caller: string): number {
  assertNumbers(values, caller);
  return values.filter(isMissing).length;
}

/**
 * Prints the one line a statistic gives when it left out missing values:
 * "stats.median left out 12 missing values (null) of 2,400." (or "... 3 pairs with a missing
 * value ...", or "... 3 rows with a missing value ...").
 */
export function tellLeftOut(
  caller: string,
  values: readonly unknown[],
  leftOut: number,
  unit: "value" | "pair" | "row" = "value",
): void {
  if (leftOut === 0) return;
  const what =
    unit === "value"
      ? `missing ${leftOut === 1 ? "value" : "values"}`
      : `${leftOut === 1 ? unit : `${unit}s`} with a missing value`;
  console.log(
    `${caller} left out ${count(leftOut)} ${what} (${missingKinds(values)}) of ${count(values.length)}.`,
  );
}

/**
 * The numbers in `values` that are there, for `caller` (e.g. "stats.median"), which prints one
 * line saying how many missing values it left out. Refuses a list with nothing left in it.
 */
export function present(values: Numbers, caller: string, what = "values"): number[] {
  const leftOut = missingCount(values, caller);
  const kept = values.filter(isNumber);
  if (kept.length === 0)
    throw new Error(`No ${what} to work with in ${caller}: the list is empty (or only missing values).`);
  tellLeftOut(caller, values, leftOut);
  return kept;
}

export const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);

/**
 * The pairs (a[i], b[i]) where both are there, for `caller`. A pair with a missing side is left
 * out whole (a numerator never counts without its denominator, an error needs both the value and
 * its prediction), and it prints one line saying how many pairs it left out. `names` say what the
 * two lists are, for the message when their lengths differ; `why` can follow it.
 */
export function presentPairs(
  a: Numbers,
  b: Numbers,
  caller: string,
  names: [string, string],
  why = "",
): [number, number][] {
  if (a.length !== b.length)
    throw new Error(
      `${caller}: ${names[0]} and ${names[1]} differ in length (${a.length} vs ${b.length})${why}`,
    );
  missingCount(a, caller);
  missingCount(b, caller);
  const kept: [number, number][] = [];
  const missing: unknown[] = [];
  a.forEach((x, i) => {
    const y = b[i];
    if (isNumber(x) && isNumber(y)) kept.push([x, y]);
    else missing.push(isNumber(x) ? y : x);
  });
  if (kept.length === 0)
    throw new Error(`No pairs to work with in ${caller}: every pair has a missing side.`);
  tellLeftOut(caller, [...missing, ...kept], missing.length, "pair");
  return kept;
}
