/**
 * The course map (notebooks/README.md) against the notebooks themselves: every module in the map exists
 * and every notebook is in the map; the prerequisites (table and mermaid graph, which must agree) form no
 * cycle; each persona's path keeps to them and its minutes add up; each module's minutes match the
 * notebook's metadata; and every module's first cell links back to the map, in source and release.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { courseMap } from "../../src/course/map";
import { repoRoot } from "../helpers/repo";

const notebooksDir = join(repoRoot, "notebooks");
// The one reading of the map (src/course/map.ts), found from the working folder as notebooks find it.
const map = courseMap();
const modules = map.modules;
const byId = new Map(modules.map((m) => [m.id, m]));
const graphEdges = map.edges.filter((e) => e.kind === "prerequisite").map((e) => `${e.from} --> ${e.to}`);

const sourceFiles = readdirSync(join(notebooksDir, "source"))
  .filter((f) => /^\d{3}-.+\.ipynb$/.test(f))
  .sort();
const releaseFiles = readdirSync(join(notebooksDir, "release"))
  .filter((f) => /^\d{3}-.+\.ipynb$/.test(f))
  .sort();

interface NotebookJson {
  cells: { cell_type: string; source: string | string[] }[];
  metadata: { academy?: { module: string; title: string; minutes: number } };
}
const readNotebook = (path: string) => JSON.parse(readFileSync(path, "utf8")) as NotebookJson;
const text = (source: string | string[]) => (Array.isArray(source) ? source.join("") : source);

test("the map lists the twelve modules of the curriculum, once each", () => {
  expect(modules.map((m) => m.id)).toEqual([
    "100",
    "101",
    "102",
    "103",
    "201",
    "202",
    "203",
    "204",
    "301",
    "302",
    "303",
    "304",
  ]);
});

test("every module in the map exists as notebooks/source/<id>-*.ipynb, and its link opens the release notebook", () => {
  const missing = modules.filter((m) => !sourceFiles.some((f) => f.startsWith(`${m.id}-`))).map((m) => m.id);
  expect(missing).toEqual([]);
  const brokenLinks = modules
    .filter((m) => !m.file.startsWith(`release/${m.id}-`) || !existsSync(join(notebooksDir, m.file)))
    .map((m) => m.file);
  expect(brokenLinks).toEqual([]);
});

test("every source notebook is in the map, with the title and minutes of its metadata", () => {
  for (const file of sourceFiles) {
    const academy = readNotebook(join(notebooksDir, "source", file)).metadata.academy;
    const entry = byId.get(file.slice(0, 3));
    expect({ file, inMap: entry !== undefined }).toEqual({ file, inMap: true });
    expect({ file, title: entry!.title, minutes: entry!.minutes }).toEqual({
      file,
      title: academy?.title,
      minutes: academy?.minutes,
    });
  }
});

test("the prerequisites in the table and in the mermaid graph are the same edges, between modules of the map", () => {
  const tableEdges = modules.flatMap((m) => m.before.map((p) => `${p} --> ${m.id}`));
  expect(graphEdges.length).toBeGreaterThan(0);
  expect([...graphEdges].sort()).toEqual([...tableEdges].sort());
  expect(tableEdges.filter((e) => e.split(" --> ").some((id) => !byId.has(id)))).toEqual([]);
});

/** The modules on a cycle of the prerequisite graph, if there is one (depth-first search). */
function findCycle(prerequisitesOf: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === "done") return undefined;
    if (state.get(id) === "visiting") return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, "visiting");
    stack.push(id);
    for (const p of prerequisitesOf.get(id) ?? []) {
      const cycle = visit(p);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, "done");
    return undefined;
  };
  for (const id of prerequisitesOf.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

test("prerequisites form no cycle (and the cycle finder does find one when there is)", () => {
  expect(findCycle(new Map(modules.map((m) => [m.id, m.before])))).toBeUndefined();
  expect(
    findCycle(
      new Map([
        ["101", []],
        ["201", ["101", "301"]],
        ["301", ["201"]],
      ]),
    ),
  ).toEqual(["201", "301", "201"]);
});

test("six persona paths, each starting at 101 (after 100 for those new to TypeScript), keeping to the prerequisites, with minutes that add up", () => {
  const paths = map.paths.map(({ persona, modules: path, minutes }) => ({ persona, path, minutes }));
  expect(paths.map((p) => p.persona)).toEqual([
    "analyst",
    "scientist",
    "developer",
    "product manager",
    "technical support",
    "sales",
  ]);
  for (const { persona, path, minutes } of paths) {
    const onTheLake = path[0] === "100" ? path.slice(1) : path; // 100 is suggested before 101, not required
    expect({ persona, first: onTheLake[0] }).toEqual({ persona, first: "101" });
    const unknown = path.filter((id) => !byId.has(id));
    expect({ persona, unknown }).toEqual({ persona, unknown: [] });
    const outOfOrder = path.filter((id, i) =>
      byId.get(id)!.before.some((p) => !path.slice(0, i).includes(p)),
    );
    expect({ persona, outOfOrder }).toEqual({ persona, outOfOrder: [] });
    expect({ persona, minutes }).toEqual({
      persona,
      minutes: path.reduce((total, id) => total + byId.get(id)!.minutes, 0),
    });
  }
});

test.each([
  ["source", sourceFiles],
  ["release", releaseFiles],
])("every %s notebook's first cell links back to the course map (../README.md)", (_folder, files) => {
  const folder = _folder as string;
  expect((files as string[]).length).toBeGreaterThan(0);
  const withoutLink = (files as string[]).filter((file) => {
    const first = readNotebook(join(notebooksDir, folder, file)).cells[0];
    return first?.cell_type !== "markdown" || !/\]\(\.\.\/README\.md\)/.test(text(first.source));
  });
  expect(withoutLink).toEqual([]);
});
