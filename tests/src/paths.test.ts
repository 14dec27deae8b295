/** data-academy/paths: the tools find their package folder the same way from dist/ and from sources. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "data-academy/paths";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "academy-paths-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("the nearest folder at or above the start that holds a package.json", () => {
  mkdirSync(join(dir, "pkg", "dist", "deep"), { recursive: true });
  writeFileSync(join(dir, "pkg", "package.json"), "{}");
  expect(packageRoot(join(dir, "pkg", "dist", "deep"))).toBe(join(dir, "pkg"));
  expect(packageRoot(join(dir, "pkg"))).toBe(join(dir, "pkg"));
});

test("the grader and the lake generator find their own folders from their sources", () => {
  expect(packageRoot(join(__dirname, "..", "..", "grader", "report"))).toBe(
    join(__dirname, "..", "..", "grader"),
  );
  expect(packageRoot(join(__dirname, "..", "..", "lake-generator"))).toBe(
    join(__dirname, "..", "..", "lake-generator"),
  );
});

test("no package.json anywhere above is an error naming the start", () => {
  expect(() => packageRoot("/")).toThrow(/no package\.json at or above \//);
});
