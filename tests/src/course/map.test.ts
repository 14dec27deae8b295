/**
 * courseMap() and nextModules() (src/course/map.ts): the course map read as data. The checks of the
 * real map against the notebooks are in tests/notebooks/course-map.test.ts; these use a small map.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { courseMap, nextModules } from "../../../src/course/map";
import { fixture } from "../../helpers/repo";

const map = courseMap({ file: fixture("course-map.md") });
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "academy-course-map-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("modules in table order, with title, file, what they teach, prerequisites and minutes", () => {
  expect(map.modules[1]).toEqual({
    id: "901",
    title: "Choosing and counting",
    file: "release/901-choosing-and-counting.ipynb",
    teaches: "The dataset that answers a question; averages over the right rows.",
    before: ["900"],
    minutes: 5,
  });
  expect(map.modules.map((m) => m.id)).toEqual(["900", "901", "902", "903"]);
});

test("the graph's arrows, and the paths with their modules, minutes and why", () => {
  expect(map.edges).toEqual([
    { from: "900", to: "901", kind: "prerequisite" },
    { from: "900", to: "902", kind: "prerequisite" },
    { from: "900", to: "903", kind: "prerequisite" },
  ]);
  expect(map.paths).toEqual([
    { persona: "analyst", modules: ["900", "901", "902", "903"], minutes: 20, why: "All of it, in order." },
    {
      persona: "product manager",
      modules: ["900", "903", "902"],
      minutes: 15,
      why: "What comes next before the typical values.",
    },
  ]);
});

test("the real map is found from the working folder, dotted arrows are suggestions", () => {
  const real = courseMap();
  expect(real.modules[0].id).toBe("100");
  expect(real.edges.filter((e) => e.kind === "suggested")).toEqual([
    { from: "100", to: "101", kind: "suggested" },
  ]);
  expect(real.paths.map((p) => p.persona)).toContain("analyst");
});

test("nextModules: the first modules of the persona's path not done yet, any case, the analyst path by default", () => {
  const ids = (persona: string | undefined, done: string[], count?: number) =>
    nextModules(map, { persona, done, count }).map((m) => m.id);
  expect(ids(undefined, ["900"])).toEqual(["901", "902"]);
  expect(ids("Product Manager", ["900", "901"])).toEqual(["903", "902"]);
  expect(ids("analyst", ["900", "902"], 1)).toEqual(["901"]);
  expect(ids("analyst", ["900", "901", "902", "903"])).toEqual([]);
  expect(() => ids("wizard", [])).toThrow(
    'no suggested path for "wizard" in the course map (paths: analyst, product manager)',
  );
});

test("a map without a section, or with a module that is not a link, is an error naming the file", () => {
  const file = join(dir, "README.md");
  writeFileSync(
    file,
    "# Map\n\n## Modules\n\n| module | teaches | before | minutes |\n|---|---|---|---|\n| 101 | x | none | 5 |\n",
  );
  expect(() => courseMap({ file })).toThrow(
    `${file}: module cell is not a link like [101 · Title](release/101-x.ipynb): 101`,
  );
  writeFileSync(file, "# Map\n");
  expect(() => courseMap({ file })).toThrow(`${file} has no "## Modules" section`);
});
