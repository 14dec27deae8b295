/**
 * Writes a small exercise definition file (module "000") into a temporary folder, the way an
 * instructor's build would: answers only as salted hashes. Used by unit and kernel tests.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { answerHash } from "../../src/exercises/same-answer";

export const FIXTURE_SALT = "fixture-salt-3f1c";

export function writeExerciseFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), "academy-exercises-"));
  const h = (id: string, value: unknown, options = {}) => answerHash(FIXTURE_SALT, id, value, options);
  const file = {
    module: "000",
    salt: FIXTURE_SALT,
    exercises: [
      {
        id: "000.1",
        title: "How many retailers are there?",
        answer: { hash: h("000.1", 120) },
        misconceptions: [
          {
            hash: h("000.1", 126),
            message:
              "That counts rows of raw/retailers, which has duplicate export rows. Count distinct retailer_id, or use refined/retailers.",
          },
        ],
        hints: ["Which zone has the cleaned retailer list?", "refined/retailers has one row per retailer."],
        solution: 'const n = lake.load("refined/retailers").shape[0];',
        explanation: "Refined removed the six duplicate export rows.",
      },
      {
        id: "000.2",
        title: "Name the zones people can write to",
        answer: { hash: h("000.2", ["user"]) },
        misconceptions: [
          {
            hash: h("000.2", ["user", "trusted"]),
            message: "Trusted is written only by ELT processes, after review.",
          },
        ],
        hints: ["lake.zones() says who writes each zone."],
        solution:
          'const zones = lake.zones().filter((z) => z.writtenBy.startsWith("people")).map((z) => z.name);',
      },
      {
        id: "000.3",
        title: "Average of 1, 2 and 4",
        answer: { hash: h("000.3", 7 / 3, { tolerance: 0.01 }), tolerance: 0.01 },
        misconceptions: [
          {
            hash: h("000.3", 2, { tolerance: 0.01 }),
            message: "2 is the median; the question asks for the mean.",
          },
        ],
        hints: ["Add them up, divide by how many there are.", "(1 + 2 + 4) / 3"],
        solution: "const avg = (1 + 2 + 4) / 3;",
      },
    ],
  };
  writeFileSync(join(dir, "000-fixture.json"), JSON.stringify(file, null, 2));
  return dir;
}
