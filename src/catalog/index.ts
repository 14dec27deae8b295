/**
 * catalog: what each dataset is (zone, kind, grain, keys, lineage, columns) and what words mean.
 *
 *   catalog.describe("refined/stock_current")
 *   catalog.lineage("trusted/retailer_weekly_performance").draw()
 *   catalog.define("Response", { version: 1 })
 *   catalog.search("price")            every dataset whose entry mentions it
 */
export { describe, describeText, describeHtml } from "./describe";
export { lineage, walkLineage } from "./lineage";
export type { Lineage, Edge, LineageWalk } from "./lineage";
export { glossary, define } from "./glossary";
export { search } from "./search";
export type { SearchMatch } from "./search";
export type { SavedTableAbout, SavedTableInfo } from "./saved";
export type { Term, GlossaryVersion } from "./glossary";
export { readCatalog as read, findDataset as find } from "./read";
export type {
  Catalog,
  ColumnInfo,
  ColumnType,
  DatasetInfo,
  ForeignKeyInfo,
  Format,
  Kind,
  TrapInfo,
  Zone,
  ZoneInfo,
} from "./types";
