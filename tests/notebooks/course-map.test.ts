/**
 * The course map (notebooks/README.md) against the notebooks themselves: every module in the map exists
 * and every notebook is in the map; the prerequisites (table and mermaid graph, which must agree) form no
 * cycle; each persona's path keeps to them and its minutes add up; each module's minutes match the
 * notebook's metadata; and every module's first cell links back to the map, in source and release.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../helpers/repo";

const notebooksDir = join(repoRoot, "notebooks");
const mapText = readFileSync(join(notebooksDir, "README.md"), "utf8");

interface MapModule {
  id: string;
  title: string;
  link: string;
  prerequisites: string[];
  minutes: number;
}

/** The rows of the markdown table that follows `heading`. */
function tableRows(heading: string): string[][] {
  const section = mapText.split(/^## /m).find((s) => s.startsWith(heading));
  if (!section) throw new Error(`notebooks/README.md has no "## ${heading}" section`);
  return section
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .slice(2) // header and separator
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

const ids = (text: string): string[] => [...(text.match(/\b\d{3}\b/g) ?? [])];

const modules: MapModule[] = tableRows("Modules").map(([module, , before, minutes]) => {
  const link = /^\[(\d{3}) · (.+)\]\((.+)\)$/.exec(module);
  if (!link) throw new Error(`module cell is not a link like [101 · Title](release/101-x.ipynb): ${module}`);
  return {
    id: link[1],
    title: link[2],
    link: link[3],
    prerequisites: before === "none" ? [] : ids(before),
    minutes: Number(minutes),
  };
});
const byId = new Map(modules.map((m) => [m.id, m]));

const graphEdges = (/```mermaid\n([\s\S]*?)```/.exec(mapText)?.[1] ?? "")
  .split("\n")
  .map((line) => /^\s*(\d{3})\s*-->\s*(\d{3})\s*$/.exec(line))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => `${m[1]} --> ${m[2]}`);

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

test("the map lists the ten modules of the curriculum, once each", () => {
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
  ]);
});

test("every module in the map exists as notebooks/source/<id>-*.ipynb, and its link opens the release notebook", () => {
  const missing = modules.filter((m) => !sourceFiles.some((f) => f.startsWith(`${m.id}-`))).map((m) => m.id);
  expect(missing).toEqual([]);
  const brokenLinks = modules
    .filter((m) => !m.link.startsWith(`release/${m.id}-`) || !existsSync(join(notebooksDir, m.link)))
    .map((m) => m.link);
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
  const tableEdges = modules.flatMap((m) => m.prerequisites.map((p) => `${p} --> ${m.id}`));
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
  expect(findCycle(new Map(modules.map((m) => [m.id, m.prerequisites])))).toBeUndefined();
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
  const paths = tableRows("Suggested paths").map(([persona, path, minutes]) => ({
    persona,
    path: ids(path),
    minutes: Number(minutes),
  }));
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
      byId.get(id)!.prerequisites.some((p) => !path.slice(0, i).includes(p)),
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
