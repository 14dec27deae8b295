/**
 * The company glossary (trusted/glossary.json): definitions, versioned. Definitions change;
 * a number computed under an old definition is not comparable with one under the new.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { lakeDir } from "../lake/where";
import { readCatalog } from "./read";

export interface Term {
  term: string;
  definition: string;
  notDefinition?: string;
  datasets: string[];
}
export interface GlossaryVersion {
  version: number;
  effective_from: string;
  changes: string[];
  terms: Term[];
}

/** Every version of the glossary, oldest first. */
export function glossary(): GlossaryVersion[] {
  return (
    JSON.parse(readFileSync(join(lakeDir(), readCatalog().glossary), "utf8")) as {
      versions: GlossaryVersion[];
    }
  ).versions;
}

/**
 * The definition of a term in a given version (latest by default).
 * @example catalog.define("Response", { version: 1 }).definition
 */
export function define(term: string, options: { version?: number } = {}): Term & { version: number } {
  const versions = glossary();
  const wanted = options.version ?? versions[versions.length - 1].version;
  const version = versions.find((v) => v.version === wanted);
  if (!version)
    throw new Error(
      `No glossary version ${wanted}; versions are ${versions.map((v) => v.version).join(", ")}`,
    );
  const found = version.terms.find((t) => t.term.toLowerCase() === term.toLowerCase());
  if (!found)
    throw new Error(
      `"${term}" is not in glossary version ${wanted}. Terms: ${version.terms.map((t) => t.term).join(", ")}`,
    );
  return { ...found, version: wanted };
}
