/**
 * The company's glossary, versioned. Version 2 changed what a Response is: dashboards built
 * before 21 September 2026 count bot traffic and repeated deliveries; the trusted zone uses v2.
 */
import type { catalog } from "data-academy";

type Term = catalog.Term;

const customer: Term = {
  term: "Customer",
  definition: "A retailer: a business that pays us to list its cars. Buyers are visitors, not customers.",
  notDefinition: "Not a member of the public browsing the site.",
  datasets: ["raw/retailers", "refined/retailers"],
};
const stock: Term = {
  term: "Stock",
  definition:
    "One car on sale at one retailer, identified by stock_id. The same physical car listed again is new stock.",
  notDefinition: "Not a vehicle registration (vrm), and not an advert.",
  datasets: ["raw/stock_changes", "refined/stock_current", "refined/stock_weekly_snapshot"],
};
const advert: Term = {
  term: "Advert",
  definition:
    "A page on the site showing one stock item. Republishing a car creates a new advert for the same stock.",
  notDefinition: "Not a paid placement or slot.",
  datasets: ["raw/adverts"],
};
const lead: Term = {
  term: "Lead",
  definition:
    "A buyer's call or message passed to the retailer, from an advert. Test leads from QA are not leads.",
  datasets: ["raw/leads", "refined/leads"],
};
const snapshot: Term = {
  term: "Snapshot",
  definition:
    "A table that shows the state of things at a moment (e.g. stock for sale at the end of a week). Average snapshots over time; do not add them up.",
  datasets: ["refined/stock_weekly_snapshot", "refined/stock_current"],
};
const responseV1: Term = {
  term: "Response",
  definition: "Any save, call or message event recorded on an advert page.",
  datasets: ["raw/web_events"],
};
const responseV2: Term = {
  term: "Response",
  definition:
    "A save, call or message on an advert page by a human visitor, counted once: events deduplicated by event_id, known bot user agents removed, and sessions viewing more than 60 adverts in an hour removed.",
  notDefinition: "Not a view, and not bot or repeated traffic.",
  datasets: ["refined/advert_responses_weekly", "trusted/retailer_weekly_performance"],
};

export const glossary: catalog.GlossaryVersion[] = [
  {
    version: 1,
    effective_from: "2025-01-06",
    changes: ["First published glossary."],
    terms: [customer, stock, advert, lead, responseV1, snapshot],
  },
  {
    version: 2,
    effective_from: "2026-09-21",
    changes: [
      "Response now excludes bot traffic (by user agent and by behaviour) and repeated deliveries of the same event. Response counts before this date are higher than the same counts under v2.",
    ],
    terms: [customer, stock, advert, lead, responseV2, snapshot],
  },
];
