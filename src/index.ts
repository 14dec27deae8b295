/**
 * data-academy: the course library every notebook imports.
 *
 *   import { lake, catalog, stats, chart, exercise } from "data-academy";
 *
 * Each part lives in its own folder next to this file; this file only re-exports them.
 */

/** The version of the course library, handy when asking for help ("which version are you on?"). */
export const version = "0.1.0";
