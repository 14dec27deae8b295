/**
 * The sample lake's generator: `academy data build` writes datasets/ from the seed, `academy data
 * check` proves the committed lake is what the seed gives. Nothing here is grading.
 */
export { buildLake, checkLake, defaultLakeDir, generateLake, assertValidCatalog } from "./build";
export type { BuildReport } from "./build";
export { parseCsv, parseJsonLines } from "./csv";
