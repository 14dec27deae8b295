/**
 * The source systems of a used-car marketplace, simulated: retailers, their stock (a change log),
 * the advert pages, web events, leads. Produces the raw and transient zones exactly as they would
 * land, traps included. Each trap is described in catalog.ts (a dataset's `traps`) and asserted by
 * tests/lake-generator/. One function per table; they draw from one seeded random source in a fixed
 * order, so moving a draw changes the lake (`academy data check` says so).
 */
import { DAY_MS, LAKE_END, LAKE_START, isoDate, isoTime } from "./dates";
import { Random } from "./random";
import type { RawRow } from "./csv";
import type { StockItem } from "./stock";

export const SEED = 20260907;

const REGIONS = [
  ["London", ["Croydon", "Enfield", "Ealing", "Barnet"]],
  ["South East", ["Reading", "Brighton", "Guildford", "Maidstone"]],
  ["South West", ["Bristol", "Exeter", "Plymouth", "Swindon"]],
  ["Midlands", ["Birmingham", "Coventry", "Leicester", "Nottingham"]],
  ["North West", ["Manchester", "Liverpool", "Preston", "Bolton"]],
  ["North East", ["Newcastle", "Sunderland", "Durham", "Middlesbrough"]],
  ["Yorkshire", ["Leeds", "Sheffield", "York", "Bradford"]],
  ["Scotland", ["Glasgow", "Edinburgh", "Aberdeen", "Dundee"]],
] as const;
const SUFFIXES = [
  "Motors",
  "Car Sales",
  "Autos",
  "Motor Group",
  "Cars",
  "Vehicle Centre",
  "Motor Company",
  "Car Supermarket",
];
const CARS: readonly (readonly [string, string, number])[] = [
  ["Ford", "Fiesta", 9500],
  ["Ford", "Focus", 12500],
  ["Ford", "Kuga", 17500],
  ["Vauxhall", "Corsa", 8900],
  ["Vauxhall", "Astra", 10500],
  ["Volkswagen", "Golf", 15500],
  ["Volkswagen", "Polo", 11000],
  ["BMW", "3 Series", 21000],
  ["BMW", "1 Series", 16500],
  ["Audi", "A3", 17500],
  ["Audi", "Q5", 27500],
  ["Mercedes-Benz", "A-Class", 19500],
  ["Mercedes-Benz", "C-Class", 23500],
  ["Toyota", "Yaris", 11500],
  ["Toyota", "Corolla", 16000],
  ["Nissan", "Qashqai", 14500],
  ["Kia", "Sportage", 17000],
  ["Hyundai", "Tucson", 17500],
  ["Tesla", "Model 3", 27000],
  ["Land Rover", "Range Rover Evoque", 26000],
];
const BROWSERS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/128.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/128.0 Mobile Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64; rv:129.0) Gecko/20100101 Firefox/129.0",
];
export const BOT_AGENTS = [
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
  "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
  "python-requests/2.31.0",
  "curl/8.5.0",
];
/** The behavioural scraper hides behind an ordinary browser user agent. */
export const SCRAPER_SESSION = "s-7f3a9c";

export interface RawLake {
  retailers: RawRow[];
  stockChanges: RawRow[];
  adverts: RawRow[];
  webEvents: RawRow[];
  userAgents: RawRow[];
  leads: RawRow[];
  leadItems: RawRow[];
  abAssignment: RawRow[];
  apiDump: object[];
  salesArchive: RawRow[];
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function vrm(rng: Random): string {
  const letters = "ABCDEFGHJKLMNOPRSTUVWXY";
  const l = () => letters[rng.int(0, letters.length - 1)];
  return `${l()}${l()}${pad(rng.pick([16, 17, 18, 19, 20, 21, 22, 23, 24, 66, 67, 68, 69, 70, 71, 72, 73]), 2)} ${l()}${l()}${l()}`;
}

interface Car {
  stockId: string;
  retailerId: string;
  region: string;
  vrm: string;
  make: string;
  model: string;
  year: number;
  mileage: number | null;
  price: number;
  listedAt: number;
  endedAt: number | null;
  endStatus: "sold" | "withdrawn" | null;
}

/** The raw and transient zones from the seed: every table drawn from one random source, in this order. */
export function generateRaw(seed = SEED): RawLake {
  const rng = new Random(seed);
  const retailers = generateRetailers(rng);
  const cars = generateCars(rng, retailers);
  const stockChanges = generateStockChanges(rng, cars);
  const { adverts, spans, abAssignment } = generateAdverts(rng, cars);
  const live = spans.filter(isLiveInLake);
  const events = generateEvents(rng, live, abAssignment);
  const webEvents = deliverEvents(rng, events);
  const { leads, leadItems } = generateLeads(rng, events, spans, live);
  return {
    retailers: exportRetailers(retailers),
    stockChanges,
    adverts,
    webEvents,
    userAgents: userAgentRows(),
    leads,
    leadItems,
    abAssignment,
    apiDump: listingsApiDump(cars),
    salesArchive: generateSalesArchive(seed, retailers),
  };
}

// --- Retailers (the company's Customers) -------------------------------------------------

/** Trap: eight retailers have no stock at all (new sign-ups and paused accounts). */
const ZERO_STOCK = new Set(["R007", "R023", "R038", "R054", "R069", "R081", "R102", "R117"]);

function generateRetailers(rng: Random): RawRow[] {
  const retailers: RawRow[] = [];
  for (let i = 1; i <= 120; i++) {
    const [region, towns] = REGIONS[(i - 1) % REGIONS.length];
    const town = rng.pick(towns);
    retailers.push({
      retailer_id: `R${pad(i, 3)}`,
      name: `${town} ${rng.pick(SUFFIXES)}${i % 7 === 0 ? " Ltd" : ""}`,
      region,
      town,
      postcode: rng.chance(0.05)
        ? null
        : `${town.slice(0, 2).toUpperCase()}${rng.int(1, 19)} ${rng.int(1, 9)}${"ABDEFGHJ"[rng.int(0, 7)]}${"LNPQRSTU"[rng.int(0, 7)]}`,
      signed_up_on: isoDate(Date.UTC(2019, 0, 1) + rng.int(0, 2400) * DAY_MS),
      account_status: rng.chance(0.06) ? "paused" : "active",
    });
  }
  for (const r of retailers)
    if (ZERO_STOCK.has(String(r.retailer_id)) && Number(String(r.retailer_id).slice(1)) % 2 === 0)
      r.account_status = "paused";
  return retailers;
}

/** Trap: the retailer export contains duplicate rows (the export job ran twice for some pages). */
function exportRetailers(retailers: RawRow[]): RawRow[] {
  const exported = [...retailers];
  for (const id of ["R012", "R045", "R046", "R077", "R090", "R111"])
    exported.push({ ...retailers.find((r) => r.retailer_id === id)! });
  return exported.sort((a, b) => String(a.retailer_id).localeCompare(String(b.retailer_id)));
}

// --- Stock: cars listed, re-priced, sold or withdrawn --------------------------------------

/** Where cars can be listed: every retailer but the zero-stock ones, and the region of each. */
interface Forecourts {
  stocked: string[];
  regionOf: Map<string, string>;
}

function generateCars(rng: Random, retailers: RawRow[]): Car[] {
  const forecourts: Forecourts = {
    stocked: retailers.map((r) => String(r.retailer_id)).filter((id) => !ZERO_STOCK.has(id)),
    regionOf: new Map(retailers.map((r) => [String(r.retailer_id), String(r.region)])),
  };
  const listed = listCars(rng, forecourts);
  return [...listed, ...relistWithdrawn(rng, listed, forecourts)];
}

function listCars(rng: Random, { stocked, regionOf }: Forecourts): Car[] {
  const cars: Car[] = [];
  const firstListing = LAKE_START - 21 * DAY_MS;
  for (let i = 1; i <= 2330; i++) {
    const [make, model, base] = rng.pick(CARS);
    const year = rng.int(2012, 2025);
    const age = 2026 - year;
    const listedAt =
      firstListing + rng.int(0, 58) * DAY_MS + rng.int(8, 18) * 3_600_000 + rng.int(0, 59) * 60_000;
    const daysOnSale = Math.round(Math.max(2, rng.normal(32, 16)));
    const endAt = listedAt + daysOnSale * DAY_MS + rng.int(1, 8) * 3_600_000;
    const retailerId = rng.pick(stocked);
    cars.push({
      stockId: `S${pad(i, 5)}`,
      retailerId,
      region: regionOf.get(retailerId)!,
      vrm: vrm(rng),
      make,
      model,
      year,
      mileage: rng.chance(0.02) ? null : Math.max(5, Math.round(rng.normal(age * 9000, 4000))),
      price: Math.max(995, Math.round((base * Math.pow(0.88, age) * rng.normal(1, 0.12)) / 5) * 5 + 495),
      listedAt,
      endedAt: endAt < LAKE_END ? endAt : null,
      endStatus: endAt < LAKE_END ? (rng.chance(0.85) ? "sold" : "withdrawn") : null,
    });
  }
  return cars;
}

/** Trap: re-listed cars. A withdrawn car comes back as new stock with the same vrm. */
function relistWithdrawn(rng: Random, listed: Car[], { stocked, regionOf }: Forecourts): Car[] {
  const withdrawn = listed.filter((c) => c.endStatus === "withdrawn" && c.endedAt! < LAKE_END - 10 * DAY_MS);
  const relisted: Car[] = [];
  for (const old of withdrawn.slice(0, 70)) {
    const relistAt = old.endedAt! + rng.int(2, 9) * DAY_MS;
    const daysOnSale = Math.round(Math.max(3, rng.normal(25, 10)));
    const endAt = relistAt + daysOnSale * DAY_MS;
    const retailerId = rng.chance(0.3) ? rng.pick(stocked) : old.retailerId;
    relisted.push({
      ...old,
      stockId: `S${pad(listed.length + relisted.length + 1, 5)}`,
      retailerId,
      region: regionOf.get(retailerId)!,
      price: Math.round((old.price * 0.95) / 5) * 5,
      listedAt: relistAt,
      endedAt: endAt < LAKE_END ? endAt : null,
      endStatus: endAt < LAKE_END ? "sold" : null,
    });
  }
  return relisted;
}

/** One row of the stock system's change log, before it is numbered and exported. */
interface Change extends StockItem {
  change_type: string;
  changed_at: number;
}

/** The change log, one row per change, in the order the stock system wrote it... */
function generateStockChanges(rng: Random, cars: Car[]): RawRow[] {
  const changes = cars
    .flatMap((car, idx) => changesOf(rng, car, idx))
    .sort((a, b) => a.changed_at - b.changed_at);
  // change_id is given by the source in commit order...
  const numbered: RawRow[] = changes.map((c, i) => ({
    change_id: i + 1,
    ...c,
    changed_at: isoTime(c.changed_at),
  }));
  return exportOrder(rng, numbered);
}

/** Trap: absurd prices typed by retailers: £1, £99,999,999, and prices in pence. */
function typedPrice(car: Car, idx: number): number {
  if (idx % 211 === 17) return 1;
  if (idx % 307 === 41) return 99_999_999;
  if (idx % 97 === 13) return car.price * 100;
  return car.price;
}

/** A car's changes: listed, a few price drops, then sold or withdrawn if it left before the lake's end. */
function changesOf(rng: Random, car: Car, idx: number): Change[] {
  const row = (type: string, at: number, p: number): Change => ({
    stock_id: car.stockId,
    retailer_id: car.retailerId,
    vrm: car.vrm,
    make: car.make,
    model: car.model,
    year: car.year,
    mileage: car.mileage,
    price_gbp: p,
    change_type: type,
    changed_at: at,
  });
  const changes = [row("listed", car.listedAt, typedPrice(car, idx))];
  const end = car.endedAt ?? LAKE_END;
  let at = car.listedAt;
  let current = car.price; // retailers fix typos on the next edit
  const drops = rng.int(0, 3);
  for (let d = 0; d < drops; d++) {
    at += rng.int(4, 14) * DAY_MS;
    if (at >= end) break;
    current = Math.round((current * (1 - rng.int(2, 6) / 100)) / 5) * 5;
    changes.push(row("price_changed", at, current));
    // Trap: two changes with the same timestamp; only change_id tells their order.
    if (rng.chance(0.04)) changes.push(row("price_changed", at, Math.round((current * 0.98) / 5) * 5));
  }
  if (car.endedAt !== null) changes.push(row(car.endStatus!, car.endedAt, current));
  return changes;
}

/** ...but the export landed in batches: some rows are appended late, after newer ones. */
function exportOrder(rng: Random, numbered: RawRow[]): RawRow[] {
  const late = numbered.filter((_, i) => i % 23 === 5);
  const fileOrder = numbered.filter((_, i) => i % 23 !== 5);
  for (const row of late) {
    const at = fileOrder.findIndex((r) => Number(r.change_id) > Number(row.change_id));
    fileOrder.splice(
      Math.min(fileOrder.length, (at < 0 ? fileOrder.length : at) + rng.int(200, 1500)),
      0,
      row,
    );
  }
  // Changes committed in the same second were exported newest first.
  for (let i = 1; i < fileOrder.length; i++) {
    const [a, b] = [fileOrder[i - 1], fileOrder[i]];
    if (a.stock_id === b.stock_id && a.changed_at === b.changed_at) [fileOrder[i - 1], fileOrder[i]] = [b, a];
  }
  return fileOrder;
}

// --- Adverts: a page on the site for a car (not a paid slot). A car can have several. ---------

/** The time an advert page was up, and the car it showed. */
interface AdvertSpan {
  advertId: string;
  car: Car;
  from: number;
  to: number;
}

const isLiveInLake = (a: AdvertSpan) => a.to > LAKE_START;
const isSouth = (region: string) => ["London", "South East", "South West"].includes(region);

function generateAdverts(
  rng: Random,
  cars: Car[],
): { adverts: RawRow[]; spans: AdvertSpan[]; abAssignment: RawRow[] } {
  const adverts: RawRow[] = [];
  const spans: AdvertSpan[] = [];
  const abAssignment: RawRow[] = [];
  for (const car of cars) {
    const end = car.endedAt ?? LAKE_END;
    // Some adverts are taken down and republished (new photos, a corrected spec): a new advert_id.
    const republish =
      rng.chance(0.15) && end - car.listedAt > 10 * DAY_MS ? car.listedAt + rng.int(4, 9) * DAY_MS : null;
    const times: [number, number][] = republish
      ? [
          [car.listedAt, republish],
          [republish + 3_600_000, end],
        ]
      : [[car.listedAt, end]];
    for (const [from, to] of times) {
      const span = { advertId: `A${pad(adverts.length + 1, 5)}`, car, from, to };
      adverts.push({
        advert_id: span.advertId,
        stock_id: car.stockId,
        retailer_id: car.retailerId,
        published_at: isoTime(from),
        removed_at: to >= LAKE_END ? null : isoTime(to),
      });
      spans.push(span);
      if (isLiveInLake(span)) {
        // The A/B test of the new advert layout. Assignment was skewed: the new layout went mostly
        // to the South (where response rates are low), which is what makes Simpson's paradox appear.
        const variant = rng.chance(isSouth(car.region) ? 0.75 : 0.25) ? "new_layout" : "control";
        abAssignment.push({
          advert_id: span.advertId,
          variant,
          assigned_at: isoTime(Math.max(from, LAKE_START)),
        });
      }
    }
  }
  return { adverts, spans, abAssignment };
}

// --- Web events: views, saves, calls, messages on advert pages ---------------------------

interface Event {
  event_id: string;
  session_id: string;
  advert_id: string;
  event_type: string;
  user_agent: string;
  event_time: number;
  received_at: number;
}

/** Event ids count up across human, crawler and scraper traffic: the id of the next event. */
const nextEventId = (events: Event[]) => `e${pad(events.length + 1, 7)}`;

/** Every event as it happened, in the order it was generated (delivery comes after). */
function generateEvents(rng: Random, live: AdvertSpan[], abAssignment: RawRow[]): Event[] {
  const events: Event[] = [];
  humanSessions(rng, live, abAssignment, events);
  crawlerTraffic(rng, live, events);
  scraperSession(rng, live, events);
  return events;
}

/** Visitors' sessions on each live advert: a few views, sometimes a response. Appends to `events`. */
function humanSessions(rng: Random, live: AdvertSpan[], abAssignment: RawRow[], events: Event[]): void {
  const variantOf = new Map(abAssignment.map((a) => [String(a.advert_id), String(a.variant)]));
  let sessionNo = 0;
  for (const ad of live) {
    const from = Math.max(ad.from, LAKE_START);
    const days = Math.max(1, Math.round((ad.to - from) / DAY_MS));
    const sessions = rng.poisson(Math.min(days, 30) * 0.16);
    const newLayout = variantOf.get(ad.advertId) === "new_layout";
    // Response propensity: lower in the South; the new layout helps a little everywhere.
    const respond = (isSouth(ad.car.region) ? 0.1 : 0.22) + (newLayout ? 0.03 : 0);
    for (let s = 0; s < sessions; s++) {
      const session = `s-${pad(++sessionNo, 6)}`;
      const agent = rng.pick(BROWSERS);
      let t = from + rng.int(0, Math.max(0, ad.to - from - 3_600_000));
      if (t >= LAKE_END) continue;
      const push = (type: string) => {
        t += rng.int(5, 240) * 1000;
        events.push({
          event_id: nextEventId(events),
          session_id: session,
          advert_id: ad.advertId,
          event_type: type,
          user_agent: agent,
          event_time: t,
          received_at: t + rng.int(1, 30) * 1000,
        });
      };
      const views = rng.int(1, 3);
      for (let v = 0; v < views; v++) push("view");
      if (rng.chance(respond))
        push(
          rng.weighted([
            ["save", 5],
            ["call", 2],
            ["message", 3],
          ] as const),
        );
    }
  }
}

/** Trap: crawler traffic, identifiable by user agent (about 8% of all events). Appends to `events`. */
function crawlerTraffic(rng: Random, live: AdvertSpan[], events: Event[]): void {
  const humanEvents = events.length;
  for (let b = 0; b < Math.round(humanEvents * 0.085); b++) {
    const ad = rng.pick(live);
    const t =
      Math.max(ad.from, LAKE_START) +
      rng.int(0, Math.max(1, Math.min(ad.to, LAKE_END) - Math.max(ad.from, LAKE_START) - 1));
    events.push({
      event_id: nextEventId(events),
      session_id: `s-b${pad(b, 5)}`,
      advert_id: ad.advertId,
      event_type: "view",
      user_agent: rng.pick(BOT_AGENTS),
      event_time: t,
      received_at: t + rng.int(1, 20) * 1000,
    });
  }
}

/**
 * Trap: one behavioural scraper with a normal browser user agent: one session, hundreds of
 * views in two hours on Tuesday of week 3, and a few saves to look human. Appends to `events`.
 */
function scraperSession(rng: Random, live: AdvertSpan[], events: Event[]): void {
  let t = LAKE_START + 15 * DAY_MS + 2 * 3_600_000;
  const liveThen = live.filter((a) => a.from <= t && a.to > t);
  for (let i = 0; i < 420; i++) {
    t += rng.int(8, 20) * 1000;
    events.push({
      event_id: nextEventId(events),
      session_id: SCRAPER_SESSION,
      advert_id: liveThen[i % liveThen.length].advertId,
      event_type: i % 60 === 59 ? "save" : "view",
      user_agent: BROWSERS[0],
      event_time: t,
      received_at: t + 2000,
    });
  }
}

/** raw/web_events: the events as the collector received them, late ones and repeats included. */
function deliverEvents(rng: Random, events: Event[]): RawRow[] {
  // Trap: late events, delivered days after they happened (an app that was offline).
  const delivered = events.map((e) =>
    rng.chance(0.02)
      ? { ...e, received_at: e.event_time + rng.int(1, 5) * DAY_MS + rng.int(0, 3_600_000) }
      : e,
  );
  // Trap: duplicates, the same event delivered twice (retries after a timeout).
  const duplicates = delivered
    .filter(() => rng.chance(0.02))
    .map((e) => ({ ...e, received_at: e.received_at + rng.int(30, 600) * 1000 }));
  const landed = [...delivered, ...duplicates].sort(
    (a, b) => a.received_at - b.received_at || a.event_id.localeCompare(b.event_id),
  );
  return landed.map((e) => ({
    ...e,
    event_time: isoTime(e.event_time),
    received_at: isoTime(e.received_at),
  }));
}

function userAgentRows(): RawRow[] {
  return [
    ...BROWSERS.map((ua) => ({
      user_agent: ua,
      family: ua.includes("Firefox")
        ? "Firefox"
        : ua.includes("iPhone") || ua.includes("Macintosh")
          ? "Safari"
          : "Chrome",
      is_bot: "false",
    })),
    ...BOT_AGENTS.map((ua) => ({
      user_agent: ua,
      family: ua.split(/[/ ;(]/).find((w) => /bot|python|curl/i.test(w)) ?? "bot",
      is_bot: "true",
    })),
  ];
}

// --- Leads: a buyer's call or message, passed to the retailer ----------------------------

interface LeadTables {
  leads: RawRow[];
  leadItems: RawRow[];
}

const leadId = (tables: LeadTables) => `L${pad(tables.leads.length + 1, 5)}`;

function generateLeads(rng: Random, events: Event[], spans: AdvertSpan[], live: AdvertSpan[]): LeadTables {
  const tables: LeadTables = { leads: [], leadItems: [] };
  buyerLeads(rng, events, spans, tables);
  qaTestLeads(live, tables);
  tables.leads.sort(
    (a, b) =>
      String(a.created_at).localeCompare(String(b.created_at)) ||
      String(a.lead_id).localeCompare(String(b.lead_id)),
  );
  return tables;
}

/** Most human calls and messages become a lead, with one to three items. Appends to `tables`. */
function buyerLeads(
  rng: Random,
  events: Event[],
  spans: AdvertSpan[],
  { leads, leadItems }: LeadTables,
): void {
  const carOfAdvert = new Map(spans.map((a) => [a.advertId, a.car]));
  for (const e of events) {
    if (e.session_id === SCRAPER_SESSION || BOT_AGENTS.includes(e.user_agent)) continue;
    if (e.event_type !== "call" && e.event_type !== "message") continue;
    if (!rng.chance(0.7)) continue;
    const car = carOfAdvert.get(e.advert_id)!;
    const id = leadId({ leads, leadItems });
    leads.push({
      lead_id: id,
      advert_id: e.advert_id,
      stock_id: car.stockId,
      retailer_id: car.retailerId,
      created_at: isoTime(e.event_time + 60_000),
      channel: e.event_type === "call" ? "phone" : "message",
      buyer_name: `Buyer ${pad(leads.length + 1, 5)}`,
      buyer_email: `buyer${leads.length + 1}@mail.example`,
      postcode: rng.chance(0.1)
        ? null
        : `${rng.pick(["BS", "M", "LS", "G", "B", "CR", "RG", "NE"])}${rng.int(1, 20)}`,
    });
    const items = rng.weighted([
      [1, 5],
      [2, 3],
      [3, 2],
    ] as const);
    const kinds = rng.shuffle(["enquiry", "finance", "part_exchange", "test_drive"]);
    for (let k = 0; k < items; k++)
      leadItems.push({
        lead_id: id,
        item_no: k + 1,
        item_type: k === 0 ? "enquiry" : kinds[k] === "enquiry" ? "test_drive" : kinds[k],
      });
  }
}

/** Trap: test leads from the QA team, on real adverts, in production. Appends to `tables`. */
function qaTestLeads(live: AdvertSpan[], tables: LeadTables): void {
  for (let q = 0; q < 14; q++) {
    const ad = live[(q * 37) % live.length];
    const id = leadId(tables);
    tables.leads.push({
      lead_id: id,
      advert_id: ad.advertId,
      stock_id: ad.car.stockId,
      retailer_id: ad.car.retailerId,
      created_at: isoTime(LAKE_START + q * 3 * DAY_MS + 11 * 3_600_000),
      channel: q % 2 ? "phone" : "message",
      buyer_name: "TEST TEST",
      buyer_email: `qa+${q + 1}@test.invalid`,
      postcode: null,
    });
    tables.leadItems.push({ lead_id: id, item_no: 1, item_type: "enquiry" });
  }
}

// --- raw/sales_archive: the old stock system's record of completed sales, before the lake ---

/** The archive covers cars listed from Monday 6 January 2025 to Sunday 31 May 2026, all sold. */
export const ARCHIVE_START = Date.UTC(2025, 0, 6);
export const ARCHIVE_LAST_LISTING = Date.UTC(2026, 4, 31);

/** From March 2026 cars took about eight days longer to sell everywhere (a slower market). */
const MARKET_SLOWED = Date.UTC(2026, 2, 1);

/** How much longer a car takes to sell in each region, in days (a market, not a rule). */
const REGION_DAYS: Record<string, number> = {
  London: -3,
  "South East": -1.5,
  "South West": 1,
  Midlands: 0,
  "North West": 0.5,
  "North East": 2.5,
  Yorkshire: 1.5,
  Scotland: 4,
};

/**
 * raw/sales_archive, from a random source of its own (so the tables above keep their draws).
 * Days to sell depend on the asking price against what such a car usually costs, its age and
 * mileage, the region, and a market that slowed over the 17 months; the rest is chance.
 * Trap: `price_drops` counts the drops over the whole listing, known only once the car sold.
 */
function generateSalesArchive(seed: number, retailers: RawRow[]): RawRow[] {
  const rng = new Random(seed + 303);
  const stocked = retailers.filter((r) => !ZERO_STOCK.has(String(r.retailer_id)));
  const sales: RawRow[] = [];
  const listingDays = (ARCHIVE_LAST_LISTING - ARCHIVE_START) / DAY_MS;
  for (let i = 1; i <= 2600; i++) {
    const retailer = rng.pick(stocked);
    const [make, model, base] = rng.pick(CARS);
    const listedOn = ARCHIVE_START + rng.int(0, listingDays) * DAY_MS;
    const listedYear = new Date(listedOn).getUTCFullYear();
    const year = rng.int(2011, listedYear);
    const age = listedYear - year;
    const usual = base * Math.pow(0.88, age);
    const priceFactor = rng.normal(1, 0.12);
    const price = Math.max(995, Math.round((usual * priceFactor) / 5) * 5 + 495);
    const mileage = Math.max(5, Math.round(rng.normal(age * 9000, 4000)));
    const monthsIn = (listedOn - ARCHIVE_START) / (30.4 * DAY_MS);
    const expected =
      25 +
      110 * (priceFactor - 1) +
      0.5 * (age - 6) +
      0.0001 * (mileage - age * 9000) +
      REGION_DAYS[String(retailer.region)] +
      0.2 * monthsIn +
      (listedOn >= MARKET_SLOWED ? 8 : 0);
    const days = Math.min(90, Math.max(1, Math.round(rng.normal(expected, 7))));
    const dropEvery = rng.int(9, 15);
    const drops = Math.min(6, Math.floor(days / dropEvery));
    sales.push({
      sale_id: `A${pad(i, 5)}`,
      retailer_id: retailer.retailer_id,
      make,
      model,
      year,
      mileage: rng.chance(0.02) ? null : mileage,
      listed_on: isoDate(listedOn),
      listed_price_gbp: price,
      price_drops: drops,
      sold_on: isoDate(listedOn + days * DAY_MS),
      sold_price_gbp: Math.round((price * Math.pow(0.97, drops)) / 5) * 5,
    });
  }
  return sales.sort(
    (a, b) =>
      String(a.sold_on).localeCompare(String(b.sold_on)) ||
      String(a.sale_id).localeCompare(String(b.sale_id)),
  );
}

// --- Transient: what the listings API returned on one morning, page by page. Nobody reads this.

function listingsApiDump(cars: Car[]): object[] {
  const apiDump: object[] = [];
  const firstDay = cars
    .filter((c) => c.listedAt <= LAKE_START && (c.endedAt ?? LAKE_END) > LAKE_START)
    .slice(0, 300);
  for (let page = 0; page * 50 < firstDay.length; page++) {
    apiDump.push({
      request: {
        path: "/v2/listings",
        page: page + 1,
        fetched_at: isoTime(LAKE_START + 6 * 3_600_000 + page * 1000),
      },
      response: {
        status: 200,
        items: firstDay.slice(page * 50, page * 50 + 50).map((c) => ({
          id: c.stockId,
          dealer: { id: c.retailerId },
          vehicle: { reg: c.vrm, make: c.make, model: c.model, year: c.year },
          price: { amount: c.price * 100, currency: "GBP", unit: "pence" },
        })),
      },
    });
  }
  return apiDump;
}
