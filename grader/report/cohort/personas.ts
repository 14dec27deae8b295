/**
 * `academy report --personas FILE`: a CSV with the header `learner,persona` saying which suggested
 * path of the course map each learner follows. Personas are matched without regard to case;
 * anything the report cannot use is an error naming the line.
 */
import { readFileSync } from "node:fs";

/** A CSV record and the line it starts on (1-based). */
interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 records (quoted fields may hold commas, quotes doubled, line breaks), each with the
 * line it starts on, so that an error can point at it. Blank lines are left out.
 */
export function csvRecords(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0].trim() !== "") records.push({ line: start, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"')
        field += text[++i]; // a doubled quote is one quote
      else quoted = false;
    } else if (c === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n") {
      endRecord();
      start = line;
    } else if (c !== "\r") field += c;
  }
  if (quoted) throw new Error(`${file} line ${start}: a quoted field is not closed`);
  endRecord();
  return records;
}

/**
 * Learner → persona (spelt as in the course map) from the text of a personas file.
 * @param personas the personas of the course map's suggested paths
 */
export function parsePersonas(text: string, file: string, personas: readonly string[]): Map<string, string> {
  const [header, ...rows] = csvRecords(text.replace(/^\uFEFF/, ""), file);
  const names = header?.fields.map((f) => f.trim().toLowerCase());
  if (!header || names?.join(",") !== "learner,persona")
    throw new Error(
      `${file} line ${header?.line ?? 1}: the first line must be the header learner,persona (got "${header?.fields.join(",") ?? ""}")`,
    );
  const byName = new Map(personas.map((p) => [p.toLowerCase(), p]));
  const chosen = new Map<string, string>();
  const lineOf = new Map<string, number>();
  for (const { line, fields } of rows) {
    const where = `${file} line ${line}`;
    if (fields.length !== 2)
      throw new Error(`${where}: expected 2 fields (learner,persona), got ${fields.length}`);
    const [learner, persona] = fields.map((f) => f.trim());
    if (learner === "") throw new Error(`${where}: the learner is empty`);
    const known = byName.get(persona.toLowerCase());
    if (!known)
      throw new Error(
        `${where}: unknown persona "${persona}" (the course map has paths for: ${personas.join(", ")})`,
      );
    const earlier = lineOf.get(learner);
    if (earlier !== undefined && chosen.get(learner) !== known)
      throw new Error(
        `${where}: ${learner} already has the persona ${chosen.get(learner)} (line ${earlier})`,
      );
    chosen.set(learner, known);
    lineOf.set(learner, line);
  }
  return chosen;
}

/** Reads and parses a personas file (see parsePersonas). */
export function readPersonas(file: string, personas: readonly string[]): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read the personas file ${file}: ${(err as Error).message}`, { cause: err });
  }
  return parsePersonas(text, file, personas);
}
