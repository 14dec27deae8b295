/** Parsers for command-line values shared by the commands (commander argParser functions). */

/** A whole number of at least 1, for counts like --jobs. */
export const positiveInt = (name: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1, got "${value}"`);
  return n;
};

/** A number of seconds (0: no limit), returned in milliseconds. */
export const seconds = (name: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of seconds (0: no limit), got "${value}"`);
  return Math.round(n * 1000);
};
