/**
 * `academy data build | check`: generate the sample lake from its seed into datasets/.
 * Raw files are written first and read back, and refined/trusted are computed from what was
 * read, so the lineage in the catalog is what really happened.
 */
import { createHash, randomUUID } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import Ajv from "ajv";
import { catalog } from "data-academy";
import { packageRoot } from "data-academy/paths";
import { toArrowFile } from "./arrow";
import { DatasetSpec, specByName, specs } from "./catalog";
import { parseCsv, parseJsonLines, RawRow, toCsv, toJsonLines } from "./csv";
import { LAKE_END, LAKE_START, DAY_MS, isoDate } from "./dates";
import { generateRaw, RawLake, SEED } from "./generate";
import { glossary } from "./glossary";
import * as elt from "./refine";

/** lake-generator/, found the same way from its dist/ and from its sources. */
const generatorRoot = packageRoot(__dirname);

/** The committed lake: datasets/ at the repository root, beside lake-generator/. */
export const defaultLakeDir = join(dirname(generatorRoot), "datasets");

export const zones: catalog.ZoneInfo[] = [
  {
    name: "transient",
    description:
      "Landing area: data exactly as fetched from source systems, kept for a few days for replays.",
    writtenBy: "ingestion jobs",
    readBy: "ingestion jobs only",
  },
  {
    name: "raw",
    description:
      "As landed: one dataset per source table or feed, unchanged, dirty. The source of truth for what the systems said.",
    writtenBy: "ingestion jobs (ELT)",
    readBy: "data engineers; analysts with care",
  },
  {
    name: "refined",
    description: "Cleaned, typed, deduplicated, joined and aggregated from raw by ELT jobs.",
    writtenBy: "ELT jobs",
    readBy: "everyone",
  },
  {
    name: "user",
    description: "Scratchpads: the only zone people write to. Anything here may be wrong.",
    writtenBy: "people (lake.save)",
    readBy: "its author and colleagues",
  },
  {
    name: "trusted",
    description: "Publication-ready tables in the company's domain language, tested and documented.",
    writtenBy: "ELT jobs only, after review",
    readBy: "everyone, dashboards, reports",
  },
];

export interface BuildReport {
  files: { path: string; bytes: number; rows: number }[];
  losses: elt.RefineReport;
  totalBytes: number;
}

const extension = { csv: "csv", jsonl: "jsonl", arrow: "arrow", json: "json" } as const;
const pathOf = (spec: DatasetSpec) => `${spec.name}.${extension[spec.format]}`;

/**
 * Refuses rows with a value outside a column's accepted values: the catalog promises them, and
 * the dataset types are generated from that promise, so it must hold.
 */
function assertAcceptedValues(spec: DatasetSpec, rows: object[]): void {
  for (const column of spec.columns) {
    if (!column.acceptedValues) continue;
    const accepted = new Set<unknown>(column.acceptedValues);
    const wrong = rows
      .map((row) => (row as Record<string, unknown>)[column.name])
      .find((v) => !accepted.has(v) && !(column.nullable && (v === null || v === "")));
    if (wrong !== undefined)
      throw new Error(
        `${spec.name}.${column.name} holds ${JSON.stringify(wrong)}, which is not one of its accepted values (${column.acceptedValues.join(", ")})`,
      );
  }
}

class LakeWriter {
  readonly files = new Map<string, Uint8Array>();
  readonly rows = new Map<string, number>();

  put(name: string, content: string | Uint8Array, rows: number): void {
    const spec = specByName.get(name);
    if (!spec) throw new Error(`no catalog entry for ${name}`);
    this.files.set(pathOf(spec), typeof content === "string" ? Buffer.from(content, "utf8") : content);
    this.rows.set(name, rows);
  }

  /** The catalog entry of `name`, once its rows are known to keep its accepted values. */
  private checked(name: string, rows: object[]): DatasetSpec {
    const spec = specByName.get(name);
    if (!spec) throw new Error(`no catalog entry for ${name}`);
    assertAcceptedValues(spec, rows);
    return spec;
  }

  csv(name: string, rows: RawRow[]): string {
    this.checked(name, rows);
    const text = toCsv(
      rows,
      specByName.get(name)!.columns.map((c) => c.name),
    );
    this.put(name, text, rows.length);
    return text;
  }

  jsonl(name: string, rows: object[]): string {
    this.checked(name, rows);
    const text = toJsonLines(rows);
    this.put(name, text, rows.length);
    return text;
  }

  arrow(name: string, rows: object[]): void {
    this.put(name, toArrowFile(rows, this.checked(name, rows).columns), rows.length);
  }

  extra(path: string, content: string): void {
    this.files.set(path, Buffer.from(content, "utf8"));
  }
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

export interface GeneratedLake {
  /** Path (relative to datasets/) → bytes. */
  files: Map<string, Uint8Array>;
  losses: elt.RefineReport;
  /** Dataset name → rows written. */
  rows: Map<string, number>;
}

/** Generates every file of the lake in memory: raw from the seed, then refined, user and trusted from raw. */
export function generateLake(seed = SEED): GeneratedLake {
  const raw = generateRaw(seed);
  const out = new LakeWriter();
  const landed = writeLanded(out, raw);
  const refined = writeRefined(out, landed);
  writeUserZone(out, refined, raw.abAssignment);
  writeTrusted(out, refined);
  const built = buildCatalog(out.rows, seed);
  assertValidCatalog(built);
  out.extra("catalog.json", json(built));
  out.extra("README.md", lakeReadme(out.rows, refined.losses));
  return { files: out.files, losses: refined.losses, rows: out.rows };
}

/** The text of the raw files that the ELT jobs read. */
interface Landed {
  retailers: string;
  stockChanges: string;
  adverts: string;
  webEvents: string;
  userAgents: string;
  leads: string;
  salesArchive: string;
}

/** transient and raw: as landed. Keeps the text, to read it back the way a landing job would. */
function writeLanded(out: LakeWriter, raw: RawLake): Landed {
  out.jsonl("transient/listings_api_dump", raw.apiDump);
  const landed: Landed = {
    retailers: out.csv("raw/retailers", raw.retailers),
    stockChanges: out.csv("raw/stock_changes", raw.stockChanges),
    adverts: out.csv("raw/adverts", raw.adverts),
    webEvents: out.jsonl("raw/web_events", raw.webEvents),
    userAgents: out.csv("raw/user_agents", raw.userAgents),
    leads: out.csv("raw/leads", raw.leads),
    salesArchive: out.csv("raw/sales_archive", raw.salesArchive),
  };
  out.csv("raw/lead_items", raw.leadItems);
  return landed;
}

/** What the refined zone holds, for the zones built on it; and the rows lost on the way. */
interface Refined {
  retailers: elt.Retailer[];
  stock: elt.StockState[];
  snapshot: elt.SnapshotRow[];
  responses: elt.AdvertWeek[];
  leads: elt.Lead[];
  /** raw/adverts as read back (the scratchpad joins it). */
  adverts: Record<string, string>[];
  losses: elt.RefineReport;
}

/** refined: the ELT jobs, from the raw text. */
function writeRefined(out: LakeWriter, landed: Landed): Refined {
  const retailers = elt.refineRetailers(parseCsv(landed.retailers));
  out.arrow("refined/retailers", retailers.rows);
  const ordered = elt.orderChanges(parseCsv(landed.stockChanges));
  const stock = elt.refineStockCurrent(ordered);
  out.arrow("refined/stock_current", stock);
  const snapshot = elt.refineWeeklySnapshot(ordered);
  out.arrow("refined/stock_weekly_snapshot", snapshot);
  const adverts = parseCsv(landed.adverts);
  const clean = elt.cleanEvents(parseJsonLines<elt.WebEvent>(landed.webEvents), parseCsv(landed.userAgents));
  const responses = elt.refineAdvertResponses(clean.events, adverts);
  out.arrow("refined/advert_responses_weekly", responses);
  const leads = elt.refineLeads(parseCsv(landed.leads));
  out.arrow("refined/leads", leads.rows);
  out.arrow("refined/cars_sold", elt.refineCarsSold(parseCsv(landed.salesArchive), retailers.rows));
  const losses: elt.RefineReport = {
    retailersDuplicateRows: retailers.duplicates,
    eventsDuplicateIds: clean.duplicates,
    eventsBotUserAgent: clean.botUserAgent,
    eventsBotBehaviour: clean.botBehaviour,
    leadsTest: leads.testLeads,
  };
  return { retailers: retailers.rows, stock, snapshot, responses, leads: leads.rows, adverts, losses };
}

/** user: an analyst's buggy scratchpad (retailers inner-joined to adverts), and the A/B assignment. */
function writeUserZone(out: LakeWriter, refined: Refined, abAssignment: RawRow[]): void {
  const advertsPerRetailer = new Map<string, number>();
  for (const a of refined.adverts)
    advertsPerRetailer.set(a.retailer_id, (advertsPerRetailer.get(a.retailer_id) ?? 0) + 1);
  const joined = refined.retailers.filter((r) => advertsPerRetailer.has(r.retailer_id));
  const scratch = joined.map((r) => ({
    retailer_id: r.retailer_id,
    name: r.name,
    stock_count: advertsPerRetailer.get(r.retailer_id)!,
  }));
  out.csv("user/scratch_retailer_stock", scratch);
  out.csv("user/ab_assignment", abAssignment);
}

/** trusted: built from refined only, with the glossary and the lineage manifest. */
function writeTrusted(out: LakeWriter, refined: Refined): void {
  const performance = elt.buildRetailerPerformance(
    refined.retailers,
    refined.stock,
    refined.snapshot,
    refined.responses,
    refined.leads,
  );
  out.arrow("trusted/retailer_weekly_performance", performance);
  out.extra("trusted/glossary.json", json({ versions: glossary }));
  out.extra("trusted/lineage.json", json(lineageManifest()));
}

/** For each trusted dataset: its inputs, and every upstream dataset down to raw/transient, nearest first. */
function lineageManifest() {
  return specs
    .filter((s) => s.zone === "trusted")
    .map((s) => ({
      dataset: s.name,
      inputs: s.lineage,
      upstream: catalog.walkLineage(specs, s.name).upstream,
      built_by: "academy data build (lake-generator/refine.ts)",
    }));
}

export function buildCatalog(rows: Map<string, number>, seed: number): catalog.Catalog {
  return {
    version: 1 as const,
    lake: "Sample lake of a used-car marketplace: retailers list cars, the site shows an advert page per car, buyers view, save, call and message.",
    seed,
    period: { from: isoDate(LAKE_START), to: isoDate(LAKE_END - DAY_MS) },
    zones,
    glossary: "trusted/glossary.json",
    datasets: specs.map((s) => ({ ...s, path: pathOf(s), rowCount: rows.get(s.name) ?? 0 })),
  };
}

let catalogValidator: ReturnType<Ajv["compile"]> | undefined;

/** Validates a catalog object against lake-generator/catalog.schema.json; throws with the reasons. */
export function assertValidCatalog(catalog: unknown): void {
  if (!catalogValidator) {
    const schema = JSON.parse(readFileSync(join(generatorRoot, "catalog.schema.json"), "utf8")) as object;
    catalogValidator = new Ajv({ allErrors: true }).compile(schema);
  }
  if (!catalogValidator(catalog)) {
    const reasons = (catalogValidator.errors ?? [])
      .map((e) => `${e.instancePath || "/"} ${e.message}`)
      .join("; ");
    throw new Error(`catalog.json does not match catalog.schema.json: ${reasons}`);
  }
}

function lakeReadme(rows: Map<string, number>, losses: elt.RefineReport): string {
  const lines = [
    "# The sample lake",
    "",
    "Generated by `academy data build` from a fixed seed (do not edit by hand; `academy data check` fails on any difference).",
    "A used-car marketplace over six weeks, 7 September to 18 October 2026. `catalog.json` describes every dataset;",
    "`trusted/glossary.json` holds the company's definitions (two versions).",
    "",
    "## Zones",
    "",
    "| zone | what it holds | written by | read by |",
    "|---|---|---|---|",
    ...zones.map((z) => `| ${z.name} | ${z.description} | ${z.writtenBy} | ${z.readBy} |`),
    "",
    "## Datasets",
    "",
    "| dataset | kind | rows | grain |",
    "|---|---|---:|---|",
    ...specs.map((s) => `| \`${pathOf(s)}\` | ${s.kind} | ${rows.get(s.name) ?? ""} | ${s.grain} |`),
    "",
    "## Rows lost from raw to refined, and why",
    "",
    `- raw/retailers → refined/retailers: ${losses.retailersDuplicateRows} duplicate export rows removed.`,
    `- raw/web_events → refined/advert_responses_weekly: ${losses.eventsDuplicateIds} repeated deliveries (same event_id), ${losses.eventsBotUserAgent} events from bot user agents, ${losses.eventsBotBehaviour} events from behavioural bots (sessions viewing more than ${elt.BEHAVIOUR_VIEWS_PER_HOUR} adverts in an hour) removed; the rest are counted per advert and week.`,
    `- raw/leads → refined/leads: ${losses.leadsTest} test leads removed.`,
    "- raw/stock_changes → refined/stock_current: one row per stock item (its latest change by changed_at, then change_id).",
    "",
    "## Planted traps",
    "",
    "The course relies on these. Each is asserted by `tests/lake-generator/`.",
    "",
    ...specs.flatMap((s) => s.traps.map((t) => `- **${t.id}** (\`${s.name}\`): ${t.description}`)),
    "- **changed-definition** (`trusted/glossary.json`): Response changed in version 2 (from 21 September 2026) to exclude bots and repeated deliveries.",
    "",
  ];
  return lines.join("\n");
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** Writes the lake into `dir`, replacing what was there as one step (build beside it, then swap). */
export function buildLake(dir = defaultLakeDir, seed = SEED): BuildReport {
  const { files, losses, rows } = generateLake(seed);
  mkdirSync(dirname(dir), { recursive: true });
  // mkdtemp makes the folder 0700; the lake must be as readable as a plain mkdir makes it (the
  // grading sandbox reads it as another user), so the staging folder is made with mkdir.
  const staging = join(dirname(dir), `.lake-build-${process.pid}-${randomUUID()}`);
  mkdirSync(staging);
  try {
    for (const [path, bytes] of files) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), bytes);
    }
    const old = `${dir}.old-${process.pid}`;
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(staging, dir);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const report = [...files].map(([path, bytes]) => ({
    path,
    bytes: bytes.length,
    rows: rows.get(path.replace(/\.[a-z]+$/, "")) ?? 0,
  }));
  return { files: report, losses, totalBytes: report.reduce((s, f) => s + f.bytes, 0) };
}

/** What `academy data check` found: ok when the lake on disk is byte-identical to a fresh build. */
export interface LakeCheck {
  ok: boolean;
  differences: string[];
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Regenerates into a temporary folder and compares it byte for byte with `dir`. */
export function checkLake(dir = defaultLakeDir, seed = SEED): LakeCheck {
  const tmp = mkdtempSync(join(tmpdir(), "academy-lake-check-"));
  try {
    const fresh = join(tmp, "datasets");
    buildLake(fresh, seed);
    const differences: string[] = [];
    const onDisk = new Set(listFiles(dir));
    for (const path of listFiles(fresh)) {
      if (!onDisk.has(path)) differences.push(`missing: ${path}`);
      else if (sha(readFileSync(join(dir, path))) !== sha(readFileSync(join(fresh, path))))
        differences.push(`differs: ${path}`);
      onDisk.delete(path);
    }
    for (const path of onDisk) differences.push(`unexpected: ${path}`);
    return { ok: differences.length === 0, differences };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
