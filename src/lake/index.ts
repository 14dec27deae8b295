/**
 * lake: find, load and save datasets.
 *
 *   lake.zones()                      the five zones and who writes to each
 *   lake.datasets("refined")          dataset names in a zone (all zones without an argument)
 *   lake.load("refined/stock_current")  a danfojs DataFrame
 *   lake.save("user/my_table", df)    only into the user zone
 */
import { readCatalog } from "../catalog/read";
import { savedTableNames } from "../catalog/saved";
import type { Zone, ZoneInfo } from "../catalog/types";
import type { DatasetName } from "./datasets.generated";
import { load, type DatasetOrUserTable } from "./load";
import { save } from "./save";

/** The five zones, in the order data flows through them. */
export function zones(): ZoneInfo[] {
  return readCatalog().zones;
}

/** Names of the datasets in `zone` (or in every zone), including the tables you saved to user/. */
export function datasets(zone?: Zone): DatasetOrUserTable[] {
  // The catalog is what DatasetName was generated from, so its names are dataset names.
  const names: DatasetOrUserTable[] = readCatalog().datasets.map((d) => d.name as DatasetName);
  const saved: DatasetOrUserTable[] = savedTableNames();
  const all = [...names, ...saved.filter((s) => !names.includes(s))];
  return zone ? all.filter((n) => n.startsWith(`${zone}/`)) : all;
}

export { load, save };
export type { LoadOptions, LoadAs, Loaded, DatasetOrUserTable, RowOf, UserTable } from "./load";
export type { Datasets, DatasetName } from "./datasets.generated";
export type { SaveOptions, Saved } from "./save";
export type { Row, Value, Json } from "./convert";
