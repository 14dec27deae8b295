/**
 * The course map, notebooks/README.md, read as data: the modules (what each teaches, what comes
 * before it, how long it takes), the prerequisite graph and a suggested path per persona.
 * The README is the one place the map is written; everything that needs it (the course-map test,
 * `academy report`, progress) reads it through courseMap().
 *
 *   const map = courseMap();
 *   map.paths.find((p) => p.persona === "analyst")?.modules; // ["100", "101", "102", ...]
 *   nextModules(map, { persona: "developer", done: ["101", "102"] }); // the 201 and 202 modules
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { findUp } from "../lake/where";

/** A row of the map's modules table. */
export interface CourseModule {
  /** The module id, "201". */
  id: string;
  /** "Keys, grain and joins". */
  title: string;
  /** The notebook the map links to, relative to the map's folder ("release/201-keys-and-joins.ipynb"). */
  file: string;
  /** What it teaches, as written in the map (markdown). */
  teaches: string;
  /** The modules to take before it (its prerequisites). */
  before: string[];
  minutes: number;
}

/** An arrow of the map's mermaid graph: "take `from` before `to`"; a dotted arrow is a suggestion. */
export interface CourseEdge {
  from: string;
  to: string;
  kind: "prerequisite" | "suggested";
}

/** A row of the map's suggested paths table. */
export interface CoursePath {
  /** "analyst", "product manager", ... */
  persona: string;
  /** Module ids in the order to take them. */
  modules: string[];
  minutes: number;
  why: string;
}

export interface CourseMap {
  modules: CourseModule[];
  edges: CourseEdge[];
  paths: CoursePath[];
}

export interface CourseMapOptions {
  /** The map to read; default notebooks/README.md of the course this runs in. */
  file?: string;
}

/** The path used when nobody chose one. */
export const DEFAULT_PERSONA = "analyst";

function findCourseMap(): string {
  const relativePath = join("notebooks", "README.md");
  const root = findUp(process.cwd(), relativePath) ?? findUp(__dirname, relativePath);
  if (root) return join(root, relativePath);
  throw new Error(
    "Cannot find the course map (notebooks/README.md). Run from inside the course repository, or pass { file }.",
  );
}

/** The rows of the markdown table in the `## <heading>` section, as trimmed cells. */
function tableRows(text: string, heading: string, file: string): string[][] {
  const section = text.split(/^## /m).find((s) => s.startsWith(heading));
  if (!section) throw new Error(`${file} has no "## ${heading}" section`);
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

const moduleIds = (text: string): string[] => [...(text.match(/\b\d{3}\b/g) ?? [])];

function parseModule(
  [module = "", teaches = "", before = "", minutes = ""]: string[],
  file: string,
): CourseModule {
  const link = /^\[(\d{3}) · (.+)\]\((.+)\)$/.exec(module);
  if (!link)
    throw new Error(`${file}: module cell is not a link like [101 · Title](release/101-x.ipynb): ${module}`);
  return {
    id: link[1],
    title: link[2],
    file: link[3],
    teaches,
    before: before === "none" ? [] : moduleIds(before),
    minutes: Number(minutes),
  };
}

function parseEdges(text: string): CourseEdge[] {
  const graph = /```mermaid\n([\s\S]*?)```/.exec(text)?.[1] ?? "";
  return graph
    .split("\n")
    .map((line) => /^\s*(\d{3})\s*(-->|-\.->)\s*(\d{3})\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ from: m[1], to: m[3], kind: m[2] === "-->" ? "prerequisite" : "suggested" }) as const);
}

/**
 * The course map: modules in table order, the graph's arrows, and the suggested paths.
 * Throws, naming the file, when a section is missing or a module cell is not a link.
 * @example courseMap().modules.map((m) => m.id) // ["100", "101", ..., "304"]
 */
export function courseMap({ file }: CourseMapOptions = {}): CourseMap {
  const path = file ? resolve(file) : findCourseMap();
  const text = readFileSync(path, "utf8");
  return {
    modules: tableRows(text, "Modules", path).map((row) => parseModule(row, path)),
    edges: parseEdges(text),
    paths: tableRows(text, "Suggested paths", path).map(
      ([persona = "", modules = "", minutes = "", why = ""]) => ({
        persona,
        modules: moduleIds(modules),
        minutes: Number(minutes),
        why,
      }),
    ),
  };
}

export interface NextModulesOptions {
  /** Whose path to follow, matched without regard to case; default "analyst". */
  persona?: string;
  /** Modules already taken (or graded). */
  done: Iterable<string>;
  /** How many to suggest; default 2. */
  count?: number;
}

/**
 * The first modules on the persona's path that are not done yet ([] when the path is complete).
 * Throws for a persona the map has no path for, listing those it has.
 * @example nextModules(courseMap(), { persona: "Developer", done: ["101"] }).map((m) => m.id) // ["102", "201"]
 */
export function nextModules(
  map: CourseMap,
  { persona, done, count = 2 }: NextModulesOptions,
): CourseModule[] {
  const wanted = (persona ?? DEFAULT_PERSONA).trim().toLowerCase();
  const path = map.paths.find((p) => p.persona.toLowerCase() === wanted);
  if (!path)
    throw new Error(
      `no suggested path for "${persona}" in the course map (paths: ${map.paths.map((p) => p.persona).join(", ")})`,
    );
  const taken = new Set(done);
  const byId = new Map(map.modules.map((m) => [m.id, m]));
  return path.modules
    .filter((id) => !taken.has(id))
    .slice(0, count)
    .map((id) => byId.get(id))
    .filter((m): m is CourseModule => m !== undefined);
}
