/**
 * grades/<learner>/<notebook>.json: one result, validated against result.schema.json before it is
 * written (atomically), and read back when a rerun decides what to skip.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { writeFileAtomic } from "../write-atomic";
import type { GradeResult } from "../grade/types";
import { graderRoot } from "../paths";

const schema = JSON.parse(readFileSync(join(graderRoot, "report", "result.schema.json"), "utf8")) as object;
const validate = new Ajv({ allErrors: true }).compile<GradeResult>(schema);

/** Throws with every schema violation listed: a result that breaks the schema is a grader bug. */
export function checkResult(result: unknown): asserts result is GradeResult {
  if (!validate(result)) {
    const problems = (validate.errors ?? [])
      .map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`)
      .join("; ");
    throw new Error(`grade result does not match result.schema.json: ${problems}`);
  }
}

export function writeResult(path: string, result: GradeResult): void {
  checkResult(result);
  writeFileAtomic(path, JSON.stringify(result, null, 2) + "\n");
}

/** The result at `path`, or undefined when missing, unreadable or not valid. */
export function readResult(path: string): GradeResult | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as unknown;
    return validate(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
