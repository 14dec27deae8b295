/**
 * What counts as a missing value. Missing is not zero and not "": a missing mileage counted as
 * 0 miles would drag every average down. There are two tests, because missing looks different
 * in JavaScript values and in the text of a file:
 *
 * - `isMissing`: null, undefined or NaN, the ways JavaScript says "no value" (NaN is what
 *   arithmetic on a missing number gives). Statistics skip these; tables store them as null.
 * - `isEmptyField`: null, undefined or "", a field with nothing in it in a CSV or JSON-lines
 *   file. Text never holds NaN; and "" is kept as a real value everywhere else, because an
 *   empty text a learner saved on purpose should come back as it went in.
 */

/** Is `value` null, undefined or NaN? */
export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || Number.isNaN(value);
}

/** Is `value` an empty field of a file: null, undefined or ""? */
export function isEmptyField(value: unknown): boolean {
  return value === null || value === undefined || value === "";
}
