/**
 * The sample lake's generator: `academy data build` writes datasets/ from the seed, `academy data
 * check` proves the committed lake is what the seed gives. Nothing here is grading.
 */
export { buildLake, checkLake, defaultLakeDir, generateLake, assertValidCatalog } from "./build";
export { checkDatasetTypes, datasetTypesSource, defaultTypesFile, writeDatasetTypes } from "./dataset-types";
export type { BuildReport, GeneratedLake, LakeCheck } from "./build";
export { csvField, csvLines, parseCsv, parseJsonLines } from "./csv";
export type { CsvOptions, CsvValue } from "./csv";
