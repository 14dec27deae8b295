/** Fixed calendar of the sample lake: six weeks from Monday 7 September 2026. No clock is read. */
export const DAY_MS = 86_400_000;
export const LAKE_START = Date.UTC(2026, 8, 7); // Monday 2026-09-07
export const WEEKS = 6;
export const LAKE_END = LAKE_START + WEEKS * 7 * DAY_MS; // Monday 2026-10-19, exclusive

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO timestamp to the second, UTC: "2026-09-07T10:15:00Z". */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + "Z";
}

/** The Monday (00:00 UTC) of the week holding `ms`. */
export function weekStart(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0
  return (day - weekday) * DAY_MS;
}

export const weekStarts: number[] = Array.from({ length: WEEKS }, (_, i) => LAKE_START + i * 7 * DAY_MS);
