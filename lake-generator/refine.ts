/**
 * The ELT jobs of the sample lake: raw (as landed, parsed back from the files) → refined → trusted.
 * This is the lake's real lineage: every refined row comes from raw rows through the steps below,
 * and every row dropped is dropped for a reason that `RefineReport` counts.
 */
import { stats } from "data-academy";
import { DAY_MS, LAKE_END, weekStart, weekStarts } from "./dates";
import type { StockItem } from "./stock";

type Text = Record<string, string>;
const ms = (iso: string) => Date.parse(iso);
const orNull = (s: string | undefined) => (s === undefined || s === "" ? null : s);
const numOrNull = (s: string | undefined) => (s === undefined || s === "" ? null : Number(s));

export interface RefineReport {
  retailersDuplicateRows: number;
  eventsDuplicateIds: number;
  eventsBotUserAgent: number;
  eventsBotBehaviour: number;
  leadsTest: number;
}

// ---------- refined/retailers: the export without its duplicate rows -----------------------------
export interface Retailer {
  retailer_id: string;
  name: string;
  region: string;
  town: string;
  postcode: string | null;
  signed_up_on: number;
  account_status: string;
}

export function refineRetailers(raw: Text[]): { rows: Retailer[]; duplicates: number } {
  const seen = new Set<string>();
  const rows: Retailer[] = [];
  for (const r of raw) {
    const key = JSON.stringify(r);
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ ...r, postcode: orNull(r.postcode), signed_up_on: ms(r.signed_up_on) } as Retailer);
  }
  return { rows, duplicates: raw.length - rows.length };
}

// ---------- refined/stock_current: latest state of every stock item -----------------------------
export interface StockState extends StockItem {
  status: string;
  listed_at: number;
  last_changed_at: number;
  change_id: number;
}

const STATUS: Record<string, string> = {
  listed: "for_sale",
  price_changed: "for_sale",
  sold: "sold",
  withdrawn: "withdrawn",
};

/** The change log ordered as the source committed it: by changed_at, then change_id (never file order). */
export function orderChanges(raw: Text[]): Text[] {
  return [...raw].sort(
    (a, b) => ms(a.changed_at) - ms(b.changed_at) || Number(a.change_id) - Number(b.change_id),
  );
}

/** Replays the change log up to (not including) `until`, returning each stock item's state then. */
export function stockStateAt(ordered: Text[], until: number): Map<string, StockState> {
  const state = new Map<string, StockState>();
  for (const c of ordered) {
    const at = ms(c.changed_at);
    if (at >= until) break;
    const prev = state.get(c.stock_id);
    state.set(c.stock_id, {
      stock_id: c.stock_id,
      retailer_id: c.retailer_id,
      vrm: c.vrm,
      make: c.make,
      model: c.model,
      year: Number(c.year),
      mileage: numOrNull(c.mileage),
      price_gbp: Number(c.price_gbp),
      status: STATUS[c.change_type],
      listed_at: prev?.listed_at ?? at,
      last_changed_at: at,
      change_id: Number(c.change_id),
    });
  }
  return state;
}

export function refineStockCurrent(ordered: Text[]): StockState[] {
  return [...stockStateAt(ordered, LAKE_END).values()].sort((a, b) => a.stock_id.localeCompare(b.stock_id));
}

// ---------- refined/stock_weekly_snapshot: what was for sale at the end of each week ---------------
export interface SnapshotRow {
  week_start: number;
  stock_id: string;
  retailer_id: string;
  price_gbp: number;
  days_listed: number;
}

export function refineWeeklySnapshot(ordered: Text[]): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  for (const week of weekStarts) {
    const end = week + 7 * DAY_MS;
    for (const s of stockStateAt(ordered, end).values()) {
      if (s.status !== "for_sale") continue;
      rows.push({
        week_start: week,
        stock_id: s.stock_id,
        retailer_id: s.retailer_id,
        price_gbp: s.price_gbp,
        days_listed: Math.floor((end - s.listed_at) / DAY_MS),
      });
    }
  }
  return rows.sort((a, b) => a.week_start - b.week_start || a.stock_id.localeCompare(b.stock_id));
}

// ---------- web events: dedupe, then both bot definitions ---------------------------------------
export interface WebEvent {
  event_id: string;
  session_id: string;
  advert_id: string;
  event_type: string;
  user_agent: string;
  event_time: string;
  received_at: string;
}

/** Sessions that view more than this many adverts in one hour are treated as bots. */
export const BEHAVIOUR_VIEWS_PER_HOUR = 60;

export function dedupeEvents(events: WebEvent[]): WebEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => (seen.has(e.event_id) ? false : (seen.add(e.event_id), true)));
}

export function botSessionsByBehaviour(events: WebEvent[]): Set<string> {
  const perHour = new Map<string, number>();
  for (const e of events) {
    if (e.event_type !== "view") continue;
    const key = `${e.session_id}|${Math.floor(ms(e.event_time) / 3_600_000)}`;
    perHour.set(key, (perHour.get(key) ?? 0) + 1);
  }
  const bots = new Set<string>();
  for (const [key, n] of perHour) if (n > BEHAVIOUR_VIEWS_PER_HOUR) bots.add(key.split("|")[0]);
  return bots;
}

export interface CleanEvents {
  events: WebEvent[];
  duplicates: number;
  botUserAgent: number;
  botBehaviour: number;
}

/** Deduplicated, without user-agent bots and without behavioural bots (the company's definition). */
export function cleanEvents(raw: WebEvent[], userAgents: Text[]): CleanEvents {
  const unique = dedupeEvents(raw);
  const botAgents = new Set(userAgents.filter((u) => u.is_bot === "true").map((u) => u.user_agent));
  const humansByAgent = unique.filter((e) => !botAgents.has(e.user_agent));
  const botSessions = botSessionsByBehaviour(humansByAgent);
  const events = humansByAgent.filter((e) => !botSessions.has(e.session_id));
  return {
    events,
    duplicates: raw.length - unique.length,
    botUserAgent: unique.length - humansByAgent.length,
    botBehaviour: humansByAgent.length - events.length,
  };
}

// ---------- refined/advert_responses_weekly --------------------------------------------------------
export interface AdvertWeek {
  advert_id: string;
  stock_id: string;
  retailer_id: string;
  week_start: number;
  views: number;
  saves: number;
  calls: number;
  messages: number;
  responses: number;
}

/** Weekly counts per advert by event time (late events count in the week they happened). */
export function refineAdvertResponses(clean: WebEvent[], adverts: Text[]): AdvertWeek[] {
  const advert = new Map(adverts.map((a) => [a.advert_id, a]));
  const rows = new Map<string, AdvertWeek>();
  for (const e of clean) {
    const week = weekStart(ms(e.event_time));
    const key = `${e.advert_id}|${week}`;
    let row = rows.get(key);
    if (!row) {
      const a = advert.get(e.advert_id)!;
      row = {
        advert_id: e.advert_id,
        stock_id: a.stock_id,
        retailer_id: a.retailer_id,
        week_start: week,
        views: 0,
        saves: 0,
        calls: 0,
        messages: 0,
        responses: 0,
      };
      rows.set(key, row);
    }
    if (e.event_type === "view") row.views++;
    else {
      if (e.event_type === "save") row.saves++;
      if (e.event_type === "call") row.calls++;
      if (e.event_type === "message") row.messages++;
      row.responses++;
    }
  }
  return [...rows.values()].sort(
    (a, b) => a.week_start - b.week_start || a.advert_id.localeCompare(b.advert_id),
  );
}

// ---------- refined/leads: without the QA team's test leads ------------------------------------------
export interface Lead {
  lead_id: string;
  advert_id: string;
  stock_id: string;
  retailer_id: string;
  created_at: number;
  channel: string;
  postcode: string | null;
}

export const isTestLead = (l: Text) =>
  l.buyer_email.endsWith("@test.invalid") || l.buyer_name.toUpperCase().includes("TEST");

export function refineLeads(raw: Text[]): { rows: Lead[]; testLeads: number } {
  const real = raw.filter((l) => !isTestLead(l));
  // Buyer names and e-mails are personal data: refined keeps neither.
  const rows = real.map((l) => ({
    lead_id: l.lead_id,
    advert_id: l.advert_id,
    stock_id: l.stock_id,
    retailer_id: l.retailer_id,
    created_at: ms(l.created_at),
    channel: l.channel,
    postcode: orNull(l.postcode),
  }));
  return { rows, testLeads: raw.length - real.length };
}

// ---------- refined/cars_sold: the sales archive, typed, with each retailer's region -----------------
export interface CarSold {
  sale_id: string;
  retailer_id: string;
  region: string;
  make: string;
  model: string;
  year: number;
  mileage: number | null;
  listed_on: number;
  listed_price_gbp: number;
  price_drops: number;
  sold_on: number;
  days_to_sell: number;
}

/** One row per sale, in the order the cars were listed; days_to_sell is sold_on minus listed_on. */
export function refineCarsSold(raw: Text[], retailers: Retailer[]): CarSold[] {
  const regionOf = new Map(retailers.map((r) => [r.retailer_id, r.region]));
  return raw
    .map((s) => ({
      sale_id: s.sale_id,
      retailer_id: s.retailer_id,
      region: regionOf.get(s.retailer_id)!,
      make: s.make,
      model: s.model,
      year: Number(s.year),
      mileage: numOrNull(s.mileage),
      listed_on: ms(s.listed_on),
      listed_price_gbp: Number(s.listed_price_gbp),
      price_drops: Number(s.price_drops),
      sold_on: ms(s.sold_on),
      days_to_sell: Math.round((ms(s.sold_on) - ms(s.listed_on)) / DAY_MS),
    }))
    .sort((a, b) => a.listed_on - b.listed_on || a.sale_id.localeCompare(b.sale_id));
}

// ---------- trusted/retailer_weekly_performance ------------------------------------------------------
export interface RetailerWeek {
  retailer_id: string;
  retailer_name: string;
  region: string;
  week_start: number;
  stock_for_sale: number;
  avg_price_gbp: number | null;
  views: number;
  responses: number;
  leads: number;
}

/**
 * Module 103's rule for a typing error in an asking price: under £100, or more than ten times the
 * median asking price of the same make and model. A fixed range (say £100..£1,000,000) is not
 * enough: a price typed in pence (£1,299,500 for a £12,995 car) falls inside it.
 */
export function looksLikeTypo(price: number, modelMedian: number): boolean {
  return price < 100 || price > 10 * modelMedian;
}

/** For a snapshot row: the median asking price of every car of its make and model for sale that week. */
function medianOfTheSameModel(stockItems: StockState[], snapshot: SnapshotRow[]): (s: SnapshotRow) => number {
  const modelOf = new Map(stockItems.map((s) => [s.stock_id, `${s.make} ${s.model}`]));
  const key = (s: SnapshotRow) => `${modelOf.get(s.stock_id) ?? ""}|${s.week_start}`;
  const prices = new Map<string, number[]>();
  for (const s of snapshot) {
    const same = prices.get(key(s)) ?? [];
    same.push(s.price_gbp);
    prices.set(key(s), same);
  }
  const medians = new Map([...prices].map(([k, p]) => [k, stats.median(p)]));
  return (s) => medians.get(key(s)) ?? NaN;
}

/** One row per retailer and week, every retailer and every week: zero means zero, not missing. */
export function buildRetailerPerformance(
  retailers: Retailer[],
  stockItems: StockState[],
  snapshot: SnapshotRow[],
  responses: AdvertWeek[],
  leads: Lead[],
): RetailerWeek[] {
  const rows: RetailerWeek[] = [];
  const key = (r: string, w: number) => `${r}|${w}`;
  const modelMedian = medianOfTheSameModel(stockItems, snapshot);
  const stock = new Map<string, { n: number; prices: number[] }>();
  for (const s of snapshot) {
    const k = key(s.retailer_id, s.week_start);
    const v = stock.get(k) ?? { n: 0, prices: [] };
    v.n++;
    // Typing errors do not count towards the average (the same make and model that week is the yardstick).
    if (!looksLikeTypo(s.price_gbp, modelMedian(s))) v.prices.push(s.price_gbp);
    stock.set(k, v);
  }
  const web = new Map<string, { views: number; responses: number }>();
  for (const r of responses) {
    const k = key(r.retailer_id, r.week_start);
    const v = web.get(k) ?? { views: 0, responses: 0 };
    v.views += r.views;
    v.responses += r.responses;
    web.set(k, v);
  }
  const leadCount = new Map<string, number>();
  for (const l of leads) {
    const k = key(l.retailer_id, weekStart(l.created_at));
    leadCount.set(k, (leadCount.get(k) ?? 0) + 1);
  }
  for (const r of retailers) {
    for (const w of weekStarts) {
      const k = key(r.retailer_id, w);
      const s = stock.get(k);
      const prices = s?.prices ?? [];
      rows.push({
        retailer_id: r.retailer_id,
        retailer_name: r.name,
        region: r.region,
        week_start: w,
        stock_for_sale: s?.n ?? 0,
        avg_price_gbp: prices.length
          ? Math.round((prices.reduce((a, b) => a + b, 0) / prices.length) * 100) / 100
          : null,
        views: web.get(k)?.views ?? 0,
        responses: web.get(k)?.responses ?? 0,
        leads: leadCount.get(k) ?? 0,
      });
    }
  }
  return rows;
}
