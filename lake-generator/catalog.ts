/**
 * What the catalog says about every dataset of the sample lake. The generator writes
 * datasets/catalog.json from these specs (plus row counts it measures), and uses the column
 * types to type the Arrow files, so the catalog and the files cannot disagree.
 */
import type { catalog } from "data-academy";

/** A catalog entry as the generator declares it: the path and the row count are added when written. */
export type DatasetSpec = Omit<catalog.DatasetInfo, "path" | "rowCount">;

const c = (
  name: string,
  type: catalog.ColumnType,
  description: string,
  nullable = false,
): catalog.ColumnInfo => ({ name, type, description, ...(nullable ? { nullable } : {}) });
/**
 * A text column whose every value is one of `acceptedValues` (the build checks it); described as
 * "a, b or c." and typed in TypeScript as the union "a" | "b" | "c".
 */
const oneOf = (name: string, acceptedValues: string[]): catalog.ColumnInfo => ({
  ...c(name, "string", `${acceptedValues.slice(0, -1).join(", ")} or ${acceptedValues.at(-1)}.`),
  acceptedValues,
});
const fk = (column: string, dataset: string, references = column, note?: string): catalog.ForeignKeyInfo => ({
  column,
  dataset,
  references,
  ...(note ? { note } : {}),
});

export const specs: DatasetSpec[] = [
  {
    name: "transient/listings_api_dump",
    zone: "transient",
    kind: "snapshot",
    format: "jsonl",
    grain: "One line per page of one call to the listings API on the morning of 7 September 2026.",
    primaryKey: [],
    foreignKeys: [],
    lineage: [],
    owner: "stock-platform team",
    description:
      "What the stock ingestion job fetched before landing it in raw. Kept for a few days for replays; nobody should build on it (prices are in pence, fields are nested, pages overlap between runs).",
    terms: ["Stock"],
    columns: [
      c("request", "json", "The API call: path, page number, fetch time."),
      c("response", "json", "The API's answer: status and the listed items."),
    ],
    traps: [],
  },
  {
    name: "raw/retailers",
    zone: "raw",
    kind: "dimension",
    format: "csv",
    grain:
      "One row per retailer per export page; a retailer can appear twice when the export job retried a page.",
    primaryKey: [],
    foreignKeys: [],
    lineage: [],
    owner: "CRM team",
    description: "Nightly export of the retailers (the company's Customers) from the CRM, as landed.",
    terms: ["Customer"],
    columns: [
      c("retailer_id", "string", "CRM id of the retailer, R001..R120."),
      c("name", "string", "Trading name."),
      c("region", "string", "Sales region."),
      c("town", "string", "Town of the main forecourt."),
      c("postcode", "string", "Outward and inward code; missing for a few retailers.", true),
      c("signed_up_on", "date", "Day the retailer's contract started."),
      oneOf("account_status", ["active", "paused"]),
    ],
    traps: [
      {
        id: "duplicate-retailer-rows",
        description:
          "Six retailers appear twice as identical rows (the export retried a page); retailer_id is not unique here.",
      },
      { id: "null-postcodes", description: "Some postcodes are empty: missing, not 'no postcode'." },
    ],
  },
  {
    name: "raw/stock_changes",
    zone: "raw",
    kind: "append-log",
    format: "csv",
    grain: "One row per change to a stock item (listed, price_changed, sold, withdrawn).",
    primaryKey: ["change_id"],
    foreignKeys: [fk("retailer_id", "refined/retailers")],
    lineage: ["transient/listings_api_dump"],
    owner: "stock-platform team",
    description:
      "Every change the stock system made, appended as it was exported. Order of the file is not the order of events: rebuild state by changed_at, then change_id.",
    terms: ["Stock"],
    columns: [
      c(
        "change_id",
        "int",
        "Sequence number given by the stock system at commit; breaks ties in changed_at.",
      ),
      c("stock_id", "string", "The stock item (one car on sale at one retailer)."),
      c("retailer_id", "string", "Retailer selling it."),
      c(
        "vrm",
        "string",
        "Vehicle registration mark (number plate). Not unique: a car can be re-listed as new stock.",
      ),
      c("make", "string", "Manufacturer."),
      c("model", "string", "Model."),
      c("year", "int", "Year of first registration."),
      c("mileage", "int", "Odometer reading in miles; empty when the retailer did not enter it.", true),
      c("price_gbp", "int", "Asking price in pounds as typed by the retailer (typos included)."),
      oneOf("change_type", ["listed", "price_changed", "sold", "withdrawn"]),
      c("changed_at", "timestamp", "When the change happened (UTC)."),
    ],
    traps: [
      {
        id: "out-of-order-changes",
        description:
          "About 1 row in 23 landed late and sits after newer rows: the last row in the file is not always the latest change.",
      },
      {
        id: "same-timestamp-changes",
        description:
          "Some stock items have two changes with the same changed_at; change_id says which came last.",
      },
      {
        id: "absurd-prices",
        description: "Typos in price_gbp: £1, £99,999,999, and prices entered in pence (100 times too big).",
      },
      {
        id: "relisted-vrm",
        description:
          "Withdrawn cars come back as new stock items with the same vrm; vrm is not a key for stock.",
      },
      { id: "null-mileage", description: "About 2% of cars have no mileage: unknown, not zero." },
    ],
  },
  {
    name: "raw/adverts",
    zone: "raw",
    kind: "dimension",
    format: "csv",
    grain:
      "One row per advert page published on the site; a stock item can have more than one advert over time.",
    primaryKey: ["advert_id"],
    foreignKeys: [fk("stock_id", "refined/stock_current"), fk("retailer_id", "refined/retailers")],
    lineage: [],
    owner: "site team",
    description:
      "Advert pages: a page on the site showing one car. An advert is not a paid slot, and not a car: republishing a car makes a new advert.",
    terms: ["Advert", "Stock"],
    columns: [
      c("advert_id", "string", "Id of the advert page."),
      c("stock_id", "string", "The car it shows."),
      c("retailer_id", "string", "The retailer selling the car."),
      c("published_at", "timestamp", "When the page went live."),
      c("removed_at", "timestamp", "When the page came down; empty while live.", true),
    ],
    traps: [
      {
        id: "advert-is-not-stock",
        description:
          "About one car in eight has two adverts (republished); counting adverts per retailer overcounts stock.",
      },
    ],
  },
  {
    name: "raw/web_events",
    zone: "raw",
    kind: "event-stream",
    format: "jsonl",
    grain:
      "One line per event delivered by the site's tracking (a view, save, call or message on an advert page); deliveries can repeat.",
    primaryKey: [],
    foreignKeys: [fk("advert_id", "raw/adverts")],
    lineage: [],
    owner: "site analytics team",
    description:
      "Clickstream on advert pages in the order it was received. Includes crawlers, a scraper, retries and late deliveries: clean it before counting anything.",
    terms: ["Response", "Advert"],
    columns: [
      c("event_id", "string", "Id given by the browser; the same id delivered twice is one event."),
      c("session_id", "string", "Visitor session."),
      c("advert_id", "string", "The advert page."),
      oneOf("event_type", ["view", "save", "call", "message"]),
      c("user_agent", "string", "Browser user agent."),
      c("event_time", "timestamp", "When it happened, by the visitor's device."),
      c("received_at", "timestamp", "When our collector received it."),
    ],
    traps: [
      {
        id: "duplicate-event-ids",
        description: "About 2% of events were delivered twice with the same event_id.",
      },
      {
        id: "bots-by-user-agent",
        description: "About 8% of events come from crawlers with a bot user agent (see raw/user_agents).",
      },
      {
        id: "behavioural-scraper",
        description:
          "One session with an ordinary browser user agent views hundreds of adverts in two hours: a bot by behaviour.",
      },
      {
        id: "late-events",
        description:
          "About 2% of events were received 1-5 days after they happened; the file is in received order, so event_time goes backwards.",
      },
    ],
  },
  {
    name: "raw/user_agents",
    zone: "raw",
    kind: "dimension",
    format: "csv",
    grain: "One row per user agent string seen on the site.",
    primaryKey: ["user_agent"],
    foreignKeys: [],
    lineage: [],
    owner: "site analytics team",
    description: "Known user agents and whether each is a known bot (the user-agent bot definition).",
    terms: ["Response"],
    columns: [
      c("user_agent", "string", "The user agent string."),
      c("family", "string", "Browser or bot family."),
      c("is_bot", "boolean", "true for known crawlers and scripts."),
    ],
    traps: [],
  },
  {
    name: "raw/leads",
    zone: "raw",
    kind: "append-log",
    format: "csv",
    grain: "One row per lead: a buyer's call or message passed to a retailer.",
    primaryKey: ["lead_id"],
    foreignKeys: [
      fk("advert_id", "raw/adverts"),
      fk("stock_id", "refined/stock_current"),
      fk("retailer_id", "refined/retailers"),
    ],
    lineage: [],
    owner: "leads team",
    description:
      "Leads as the leads service records them, with buyer details. Contains personal data: refined drops names and e-mails.",
    terms: ["Lead"],
    columns: [
      c("lead_id", "string", "Id of the lead."),
      c("advert_id", "string", "Advert the buyer contacted from."),
      c("stock_id", "string", "The car."),
      c("retailer_id", "string", "The retailer."),
      c("created_at", "timestamp", "When the lead was sent."),
      oneOf("channel", ["phone", "message"]),
      c("buyer_name", "string", "Buyer's name (personal data)."),
      c("buyer_email", "string", "Buyer's e-mail (personal data)."),
      c("postcode", "string", "Buyer's postcode district; empty when not given.", true),
    ],
    traps: [
      {
        id: "test-leads",
        description:
          "The QA team's test leads (buyer 'TEST TEST', e-mail @test.invalid) sit among real ones.",
      },
    ],
  },
  {
    name: "raw/lead_items",
    zone: "raw",
    kind: "append-log",
    format: "csv",
    grain: "One row per item of a lead (what the buyer asked about); a lead has one to three items.",
    primaryKey: ["lead_id", "item_no"],
    foreignKeys: [fk("lead_id", "raw/leads")],
    lineage: [],
    owner: "leads team",
    description: "What each lead asked for: an enquiry, finance, a part exchange, a test drive.",
    terms: ["Lead"],
    columns: [
      c("lead_id", "string", "The lead."),
      c("item_no", "int", "1, 2, 3 within the lead."),
      oneOf("item_type", ["enquiry", "finance", "part_exchange", "test_drive"]),
    ],
    traps: [
      {
        id: "lead-fan-out",
        description:
          "Joining leads to lead_items repeats each lead once per item: count distinct lead_id after that join.",
      },
    ],
  },
  {
    name: "raw/sales_archive",
    zone: "raw",
    kind: "append-log",
    format: "csv",
    grain: "One row per car sold, listed from 6 January 2025 to 31 May 2026.",
    primaryKey: ["sale_id"],
    foreignKeys: [fk("retailer_id", "refined/retailers")],
    lineage: [],
    owner: "stock-platform team",
    description:
      "The old stock system's record of completed sales, exported once when the change log (raw/stock_changes) started landing in the lake. Only cars that sold are in it: withdrawn cars were not archived.",
    terms: ["Stock"],
    columns: [
      c("sale_id", "string", "Id of the sale in the old system."),
      c("retailer_id", "string", "The retailer that sold the car."),
      c("make", "string", "Manufacturer."),
      c("model", "string", "Model."),
      c("year", "int", "Year of first registration."),
      c("mileage", "int", "Miles when listed; empty when unknown.", true),
      c("listed_on", "date", "The day the car was first listed."),
      c("listed_price_gbp", "int", "Asking price when first listed, in pounds."),
      c("price_drops", "int", "How many times the asking price was cut, counted when the car sold."),
      c("sold_on", "date", "The day the car sold."),
      c("sold_price_gbp", "int", "The asking price it sold at, in pounds."),
    ],
    traps: [
      {
        id: "known-after-the-sale",
        description:
          "price_drops and sold_price_gbp are counted over the whole listing: nobody knows them on the day a car is listed, so a model that predicts days to sell from them looks better than any model could be.",
      },
    ],
  },
  {
    name: "refined/retailers",
    zone: "refined",
    kind: "dimension",
    format: "arrow",
    grain: "One row per retailer.",
    primaryKey: ["retailer_id"],
    foreignKeys: [],
    lineage: ["raw/retailers"],
    owner: "data platform team",
    description: "Retailers (Customers) with duplicate export rows removed and types applied.",
    terms: ["Customer"],
    columns: [
      c("retailer_id", "string", "CRM id of the retailer."),
      c("name", "string", "Trading name."),
      c("region", "string", "Sales region."),
      c("town", "string", "Town."),
      c("postcode", "string", "Postcode; null when unknown.", true),
      c("signed_up_on", "date", "Contract start."),
      oneOf("account_status", ["active", "paused"]),
    ],
    traps: [
      {
        id: "zero-stock-retailers",
        description: "Eight retailers have no stock at all; an inner join to stock drops them.",
      },
    ],
  },
  {
    name: "refined/stock_current",
    zone: "refined",
    kind: "snapshot",
    format: "arrow",
    grain: "One row per stock item: its latest state at the end of the lake's six weeks.",
    primaryKey: ["stock_id"],
    foreignKeys: [fk("retailer_id", "refined/retailers")],
    lineage: ["raw/stock_changes"],
    owner: "data platform team",
    description:
      "Current state of every stock item, rebuilt from the change log ordered by changed_at then change_id.",
    terms: ["Stock"],
    columns: [
      c("stock_id", "string", "The stock item."),
      c("retailer_id", "string", "Retailer."),
      c("vrm", "string", "Number plate (not unique)."),
      c("make", "string", "Manufacturer."),
      c("model", "string", "Model."),
      c("year", "int", "Year of first registration."),
      c("mileage", "int", "Miles; null when unknown.", true),
      c("price_gbp", "float", "Latest asking price in pounds (typos not corrected)."),
      oneOf("status", ["for_sale", "sold", "withdrawn"]),
      c("listed_at", "timestamp", "First listed."),
      c("last_changed_at", "timestamp", "Time of the latest change."),
      c("change_id", "int", "change_id of the latest change."),
    ],
    traps: [
      {
        id: "absurd-prices",
        description: "Prices of £1, £99,999,999 and in pence are kept as typed; flag them before averaging.",
      },
    ],
  },
  {
    name: "refined/stock_weekly_snapshot",
    zone: "refined",
    kind: "snapshot",
    format: "arrow",
    grain: "One row per stock item for sale at the end of each week (Sunday midnight).",
    primaryKey: ["week_start", "stock_id"],
    foreignKeys: [fk("stock_id", "refined/stock_current"), fk("retailer_id", "refined/retailers")],
    lineage: ["raw/stock_changes"],
    owner: "data platform team",
    description:
      "Weekly picture of stock for sale. A car on sale for three weeks appears in three snapshots: average across weeks, never sum.",
    terms: ["Stock"],
    columns: [
      c("week_start", "date", "Monday of the week; the snapshot is taken at the end of Sunday."),
      c("stock_id", "string", "The stock item."),
      c("retailer_id", "string", "Retailer."),
      c("price_gbp", "float", "Asking price at the snapshot."),
      c("days_listed", "int", "Days on sale at the snapshot."),
    ],
    traps: [],
  },
  {
    name: "refined/advert_responses_weekly",
    zone: "refined",
    kind: "aggregate",
    format: "arrow",
    grain: "One row per advert and week with at least one event, by event time.",
    primaryKey: ["advert_id", "week_start"],
    foreignKeys: [
      fk("advert_id", "raw/adverts"),
      fk("stock_id", "refined/stock_current"),
      fk("retailer_id", "refined/retailers"),
    ],
    lineage: ["raw/web_events", "raw/user_agents", "raw/adverts"],
    owner: "data platform team",
    description:
      "Views and responses per advert and week: events deduplicated by event_id, bots removed by user agent and by behaviour, counted in the week they happened.",
    terms: ["Response", "Advert"],
    columns: [
      c("advert_id", "string", "Advert."),
      c("stock_id", "string", "Car."),
      c("retailer_id", "string", "Retailer."),
      c("week_start", "date", "Monday of the week; weeks run from 00:00 UTC on Monday."),
      c("views", "int", "Page views."),
      c("saves", "int", "Saves."),
      c("calls", "int", "Call button presses."),
      c("messages", "int", "Messages sent."),
      c("responses", "int", "saves + calls + messages (the Response definition, version 2)."),
    ],
    traps: [],
  },
  {
    name: "refined/leads",
    zone: "refined",
    kind: "append-log",
    format: "arrow",
    grain: "One row per real lead (test leads removed).",
    primaryKey: ["lead_id"],
    foreignKeys: [
      fk("advert_id", "raw/adverts"),
      fk("stock_id", "refined/stock_current"),
      fk("retailer_id", "refined/retailers"),
    ],
    lineage: ["raw/leads"],
    owner: "data platform team",
    description: "Leads without the QA team's test leads and without personal data.",
    terms: ["Lead"],
    columns: [
      c("lead_id", "string", "Lead."),
      c("advert_id", "string", "Advert."),
      c("stock_id", "string", "Car."),
      c("retailer_id", "string", "Retailer."),
      c("created_at", "timestamp", "When the lead was sent."),
      oneOf("channel", ["phone", "message"]),
      c("postcode", "string", "Buyer's postcode district; null when not given.", true),
    ],
    traps: [],
  },
  {
    name: "refined/cars_sold",
    zone: "refined",
    kind: "append-log",
    format: "arrow",
    grain: "One row per car sold, listed from 6 January 2025 to 31 May 2026, in the order they were listed.",
    primaryKey: ["sale_id"],
    foreignKeys: [fk("retailer_id", "refined/retailers")],
    lineage: ["raw/sales_archive", "raw/retailers"],
    owner: "data platform team",
    description:
      "Sold cars from the sales archive, typed, with the retailer's region and the days each took to sell. The history a first model learns from.",
    terms: ["Stock"],
    columns: [
      c("sale_id", "string", "Id of the sale."),
      c("retailer_id", "string", "The retailer that sold the car."),
      c("region", "string", "The retailer's sales region."),
      c("make", "string", "Manufacturer."),
      c("model", "string", "Model."),
      c("year", "int", "Year of first registration."),
      c("mileage", "int", "Miles when listed; null when unknown.", true),
      c("listed_on", "date", "The day the car was first listed."),
      c("listed_price_gbp", "int", "Asking price when first listed, in pounds."),
      c("price_drops", "int", "How many times the asking price was cut, counted when the car sold."),
      c("sold_on", "date", "The day the car sold."),
      c("days_to_sell", "int", "sold_on minus listed_on, in days."),
    ],
    traps: [
      {
        id: "known-after-the-sale",
        description:
          "price_drops is counted over the whole listing: it is not known on the day a car is listed, so a model that uses it to predict days_to_sell leaks the answer.",
      },
      {
        id: "sold-cars-only",
        description:
          "Only cars that sold are here; a car that never sold has no days_to_sell, so these are the days of the cars that did sell.",
      },
    ],
  },
  {
    name: "user/scratch_retailer_stock",
    zone: "user",
    kind: "aggregate",
    format: "csv",
    grain: "One row per retailer (as the author meant it).",
    primaryKey: ["retailer_id"],
    foreignKeys: [fk("retailer_id", "refined/retailers")],
    lineage: ["refined/retailers", "raw/adverts"],
    owner: "a sales analyst",
    description:
      "A scratchpad: stock per retailer for a sales deck. Built by joining retailers to adverts instead of stock, and with an inner join: it overcounts republished cars and leaves out retailers with no stock.",
    terms: ["Customer", "Stock", "Advert"],
    columns: [
      c("retailer_id", "string", "Retailer."),
      c("name", "string", "Trading name."),
      c("stock_count", "int", "Number of adverts joined (meant to be cars in stock)."),
    ],
    traps: [
      {
        id: "buggy-scratchpad-join",
        description: "Counts adverts, not stock items, and drops the retailers with no stock.",
      },
    ],
  },
  {
    name: "user/ab_assignment",
    zone: "user",
    kind: "dimension",
    format: "csv",
    grain: "One row per advert live during the test, with the layout it was shown in.",
    primaryKey: ["advert_id"],
    foreignKeys: [fk("advert_id", "raw/adverts")],
    lineage: ["raw/adverts"],
    owner: "product analytics",
    description:
      "Assignment of adverts to the new advert layout test. Assignment was not balanced by region.",
    terms: ["Advert", "Response"],
    columns: [
      c("advert_id", "string", "Advert."),
      oneOf("variant", ["control", "new_layout"]),
      c("assigned_at", "timestamp", "When the advert entered the test."),
    ],
    traps: [
      {
        id: "simpsons-paradox",
        description:
          "new_layout was given mostly to adverts in the South, where response rates are lower; it wins in the South (London, South East, South West) and in the rest of the country, but looks worse overall.",
      },
    ],
  },
  {
    name: "trusted/retailer_weekly_performance",
    zone: "trusted",
    kind: "aggregate",
    format: "arrow",
    grain: "One row per retailer and week, for every retailer and every one of the six weeks.",
    primaryKey: ["retailer_id", "week_start"],
    foreignKeys: [fk("retailer_id", "refined/retailers")],
    lineage: [
      "refined/retailers",
      "refined/stock_weekly_snapshot",
      "refined/advert_responses_weekly",
      "refined/leads",
    ],
    owner: "data platform team",
    description:
      "The weekly numbers the sales team shows retailers: stock for sale, average price, views, responses (definition v2) and leads. Zero means zero.",
    terms: ["Customer", "Stock", "Response", "Lead"],
    columns: [
      c("retailer_id", "string", "Retailer."),
      c("retailer_name", "string", "Trading name."),
      c("region", "string", "Region."),
      c("week_start", "date", "Monday of the week; weeks run from 00:00 UTC on Monday."),
      c("stock_for_sale", "int", "Stock items for sale at the end of the week."),
      c(
        "avg_price_gbp",
        "float",
        "Average asking price of that stock, typing errors excluded (module 103's rule: under £100, or over ten times the median price of the same make and model that week); null with no stock.",
        true,
      ),
      c("views", "int", "Advert views (bot-free)."),
      c("responses", "int", "Responses, glossary definition v2."),
      c("leads", "int", "Real leads."),
    ],
    traps: [],
  },
];

export const specByName = new Map(specs.map((s) => [s.name, s]));
