/**
 * The reference run's cache is keyed on everything expected values depend on: the source, every
 * file of the lake, the built course library and the definitions. A rebuilt lake (same row counts,
 * one value changed) or a one-line library fix must give a fresh reference, never stale values.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startGradingKernel } from "../../grader/grade/kernels";
import { referenceFor, referenceInputsHash, type ReferenceInputs } from "../../grader/grade/reference";
import { loadSource } from "../../grader/grade/sources";
import { release } from "../../grader/release/release";
import { fixture, repoRoot } from "../helpers/repo";

let work: string;
let inputs: ReferenceInputs;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "academy-reference-"));
  inputs = {
    lakeDir: join(work, "datasets"),
    libraryDir: join(work, "dist"),
    exercisesDir: join(work, "exercises"),
  };
  cpSync(join(repoRoot, "datasets"), inputs.lakeDir, { recursive: true });
  cpSync(join(repoRoot, "src", "dist"), inputs.libraryDir, { recursive: true });
  cpSync(join(repoRoot, "notebooks", "exercises"), inputs.exercisesDir, { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("one changed value in a refined table, a one-line library change, or a changed definition each change the key", () => {
  const before = referenceInputsHash(inputs);
  expect(referenceInputsHash(inputs)).toBe(before); // stable

  // A refined table with the same rows and one byte of one value changed (the file's last byte).
  const table = join(inputs.lakeDir, "refined", readdirSync(join(inputs.lakeDir, "refined")).sort()[0]);
  const original = readFileSync(table);
  const changed = Buffer.from(original);
  changed[changed.length - 1] ^= 1;
  writeFileSync(table, changed);
  const lakeChanged = referenceInputsHash(inputs);
  expect(lakeChanged).not.toBe(before);
  writeFileSync(table, original);
  expect(referenceInputsHash(inputs)).toBe(before);

  // A one-line fix in the built library (say to stats.median).
  const median = join(inputs.libraryDir, "stats", "quantile.js");
  writeFileSync(median, readFileSync(median, "utf8") + "\n// a one-line fix\n");
  const libraryChanged = referenceInputsHash(inputs);
  expect(new Set([before, lakeChanged, libraryChanged]).size).toBe(3);

  // A new definition file.
  writeFileSync(join(inputs.exercisesDir, "999.json"), "{}");
  expect(referenceInputsHash(inputs)).not.toBe(libraryChanged);
});

test("a reference is computed again when its inputs change, and reused when they do not", async () => {
  const dirs = {
    sourceDir: join(work, "source"),
    releaseDir: join(work, "release"),
    exercisesDir: join(work, "fixture-exercises"),
  };
  mkdirSync(dirs.sourceDir);
  cpSync(
    fixture("notebooks", "900-release-fixture.ipynb"),
    join(dirs.sourceDir, "900-release-fixture.ipynb"),
  );
  release(dirs);
  const source = loadSource(join(dirs.sourceDir, "900-release-fixture.ipynb"));
  let runs = 0;
  const acquire = () => {
    runs++;
    return startGradingKernel({ exercisesDir: dirs.exercisesDir });
  };
  const cacheDir = join(work, "cache");
  const first = await referenceFor(source, { cacheDir, acquire, inputsHash: "a".repeat(64) });
  expect(first.problems).toEqual([]);
  expect(first.cells.map((c) => c.observations.length)).toEqual([1, 2]);
  await referenceFor(source, { cacheDir, acquire, inputsHash: "a".repeat(64) });
  expect(runs).toBe(1); // cached
  const again = await referenceFor(source, { cacheDir, acquire, inputsHash: "b".repeat(64) });
  expect(runs).toBe(2); // the lake or the library changed: run again
  expect(again.inputs_sha256).toBe("b".repeat(64));
}, 180_000);
