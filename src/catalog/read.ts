/** Reading the catalog, and finding a dataset by name (with suggestions for typos). */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { lakeDir, userDir } from "../lake/where";
import type { Catalog, DatasetInfo } from "./types";

let cached: { dir: string; catalog: Catalog } | undefined;

/** The parsed datasets/catalog.json (read once per lake folder). */
export function readCatalog(): Catalog {
  const dir = lakeDir();
  if (cached?.dir !== dir)
    cached = { dir, catalog: JSON.parse(readFileSync(join(dir, "catalog.json"), "utf8")) as Catalog };
  return cached.catalog;
}

/** How many single-letter edits turn `a` into `b` (Levenshtein distance). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/** Names close to `name`: same table in another zone, or a small typo away. */
export function closeNames(name: string, candidates: string[]): string[] {
  const table = name.split("/").pop()!;
  return candidates
    .map((c) => ({ c, d: Math.min(editDistance(name, c), editDistance(table, c.split("/").pop()!)) }))
    .filter(({ c, d }) => d <= Math.max(3, Math.floor(table.length / 3)) || c.includes(table))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 5)
    .map(({ c }) => c);
}

/** The catalog entry for `name` ("zone/table"); a clear error listing close names if there is none. */
export function findDataset(name: string): DatasetInfo {
  const datasets = readCatalog().datasets;
  const found = datasets.find((d) => d.name === name);
  if (found) return found;
  const table = name.startsWith("user/") ? name.slice("user/".length) : undefined;
  if (table && existsSync(join(userDir(), `${table}.arrow`))) {
    throw new Error(
      `"${name}" is your own table (saved with lake.save): catalog.find describes the shared lake. catalog.describe("${name}") shows what was saved about it; lake.load("${name}") loads it.`,
    );
  }
  const close = closeNames(
    name,
    datasets.map((d) => d.name),
  );
  const hint = close.length > 0 ? ` Did you mean: ${close.join(", ")}?` : "";
  const zoneHint = name.includes("/") ? "" : ' Names include their zone, like "refined/stock_current".';
  throw new Error(
    `No dataset called "${name}" in the catalog.${hint}${zoneHint} lake.datasets() lists them all.`,
  );
}
