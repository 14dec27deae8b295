/**
 * Self-check definitions (module "000") for the browser fixture notebook, written the way
 * `academy release` writes notebooks/exercises/<module>.json: answers only as salted hashes,
 * solutions as the code that replaces a stub.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { answerHash } from "../../src/exercises/same-answer";

const salt = "browser-fixture-salt-9d2e";

export function writeBrowserFixtureExercises(): string {
  const dir = mkdtempSync(join(tmpdir(), "academy-browser-exercises-"));
  const file = {
    module: "000",
    salt,
    exercises: [
      {
        id: "000.1",
        title: "How many retailers are there?",
        answer: { hash: answerHash(salt, "000.1", 120, {}) },
        misconceptions: [
          {
            hash: answerHash(salt, "000.1", 126, {}),
            message: "That counts rows of raw/retailers, which has duplicate export rows.",
          },
        ],
        hints: ["Which zone has the cleaned retailer list?"],
        solution: 'retailerCount = lake.load("refined/retailers").shape[0];',
      },
      {
        id: "000.2",
        title: "The zones people can write to",
        answer: { hash: answerHash(salt, "000.2", ["user"], {}) },
        misconceptions: [],
        hints: ["lake.zones() says who writes each zone."],
        solution: 'return lake.zones().filter((z) => z.writtenBy.startsWith("people")).map((z) => z.name);',
      },
    ],
  };
  writeFileSync(join(dir, "000.json"), JSON.stringify(file, null, 2));
  return dir;
}
