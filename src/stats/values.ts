/**
 * The numbers a statistic is computed from: null, undefined and NaN are dropped first.
 * Missing is not zero: counting a missing mileage as 0 miles would drag every average down.
 */
import { isMissing } from "../missing";

export type Numbers = readonly (number | null | undefined)[];

/** Is `v` a number that is there (not NaN)? null, undefined and anything that is not a number are not. */
export const isNumber = (v: unknown): v is number => typeof v === "number" && !isMissing(v);

export function present(values: Numbers, what = "values"): number[] {
  const kept = values.filter(isNumber);
  if (kept.length === 0)
    throw new Error(`No ${what} to work with: the list is empty (or only missing values).`);
  return kept;
}

export const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);
