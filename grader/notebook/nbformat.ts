/**
 * Notebook files (nbformat 4): the types the grader works with, reading and writing them,
 * and validation against the official nbformat JSON Schemas (v4.4 and v4.5, vendored from the nbformat
 * Python package, so validation needs no Python; a test checks it matches the one in .venv).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv04 from "ajv-draft-04";
import type { ErrorObject, ValidateFunction } from "ajv";
import { graderRoot } from "../paths";

export type MultilineString = string | string[];

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}
export interface DisplayDataOutput {
  output_type: "display_data";
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}
export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CodeCell {
  cell_type: "code";
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown>;
  execution_count: number | null;
  outputs: Output[];
}
export interface MarkdownCell {
  cell_type: "markdown";
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown>;
  attachments?: Record<string, unknown>;
}
export interface RawCell {
  cell_type: "raw";
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown>;
}
export type Cell = CodeCell | MarkdownCell | RawCell;

export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** A cell's source as one string, whichever of the two forms nbformat allows the file used. */
export function sourceText(source: MultilineString): string {
  return Array.isArray(source) ? source.join("") : source;
}

/** Splits text into nbformat's list-of-lines form (each line keeps its "\n", the last may not). */
export function toLines(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\n)/);
}

const validators = new Map<string, ValidateFunction>();

/** nbformat picks the schema by minor version: 4.5 added cell ids; older files follow 4.4. */
function schemaValidator(minor: number): ValidateFunction {
  const file = minor >= 5 ? "nbformat.v4.5.schema.json" : "nbformat.v4.4.schema.json";
  let validate = validators.get(file);
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(graderRoot, "notebook", file), "utf8")) as object;
    validate = new Ajv04({ allErrors: false, strict: false }).compile(schema);
    validators.set(file, validate);
  }
  return validate;
}

export interface ValidationResult {
  valid: boolean;
  /** One readable line per problem, e.g. "/cells/3/outputs/0: must have required property 'name'". */
  errors: string[];
}

function describe(error: ErrorObject): string {
  return `${error.instancePath || "/"}: ${error.message ?? "is invalid"}`;
}

/** Validates a parsed notebook against the official nbformat 4 schema for its minor version. */
export function validateNotebook(notebook: unknown): ValidationResult {
  const minor = (notebook as { nbformat_minor?: unknown } | null)?.nbformat_minor;
  const validate = schemaValidator(typeof minor === "number" ? minor : 5);
  const valid = validate(notebook) as boolean;
  return { valid, errors: valid ? [] : (validate.errors ?? []).map(describe) };
}
