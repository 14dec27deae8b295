import { present, type Numbers } from "./values";

export interface Bin {
  x0: number;
  x1: number;
  count: number;
}

/**
 * Equal-width bins from the smallest to the largest value, with how many values fall in each
 * (the last bin includes its upper edge). Missing values are in no bin: they are left out, and it
 * prints one line saying how many.
 * @example histogramBins([1, 2, 2, 3], { bins: 2 }) // [{x0: 1, x1: 2, count: 1}, {x0: 2, x1: 3, count: 3}]
 */
export function histogramBins(values: Numbers, { bins = 20 }: { bins?: number } = {}): Bin[] {
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`invalid bins: ${bins}`);
  const xs = present(values, "stats.histogramBins");
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const width = (max - min) / bins || 1;
  const out: Bin[] = Array.from({ length: bins }, (_, i) => ({
    x0: min + i * width,
    x1: min + (i + 1) * width,
    count: 0,
  }));
  for (const x of xs) out[Math.min(bins - 1, Math.floor((x - min) / width))].count++;
  return out;
}
