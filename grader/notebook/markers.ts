/**
 * The region markers of a source cell: `// BEGIN SOLUTION` … `// END SOLUTION` (the answer, replaced
 * in the release) and `// BEGIN HIDDEN TESTS` … `// END HIDDEN TESTS` (removed from the release).
 * A marker is a line holding only the marker comment, indented or not.
 */

export type RegionKind = "solution" | "hidden tests";

const MARKERS: Record<RegionKind, { begin: RegExp; end: RegExp; label: string }> = {
  solution: { begin: /^\s*\/\/\s*BEGIN SOLUTION\s*$/, end: /^\s*\/\/\s*END SOLUTION\s*$/, label: "SOLUTION" },
  "hidden tests": {
    begin: /^\s*\/\/\s*BEGIN HIDDEN TESTS\s*$/,
    end: /^\s*\/\/\s*END HIDDEN TESTS\s*$/,
    label: "HIDDEN TESTS",
  },
};

export interface Region {
  kind: RegionKind;
  /** Line numbers (0-based) of the BEGIN and END marker lines. */
  begin: number;
  end: number;
  /** Leading whitespace of the BEGIN marker line. */
  indent: string;
}

/** Raised for unbalanced or nested markers; the caller adds which notebook and cell. */
export class MarkerError extends Error {}

function markerAt(line: string): { kind: RegionKind; edge: "begin" | "end" } | undefined {
  for (const kind of Object.keys(MARKERS) as RegionKind[]) {
    if (MARKERS[kind].begin.test(line)) return { kind, edge: "begin" };
    if (MARKERS[kind].end.test(line)) return { kind, edge: "end" };
  }
  return undefined;
}

/** The lines of a cell source, without their line endings. */
export const splitLines = (text: string): string[] => text.split("\n");

/** Every region of the text, in order; throws MarkerError when markers do not pair up. */
export function findRegions(text: string): Region[] {
  const lines = splitLines(text);
  const regions: Region[] = [];
  let open: { kind: RegionKind; begin: number; indent: string } | undefined;
  lines.forEach((line, i) => {
    const marker = markerAt(line);
    if (!marker) return;
    const label = MARKERS[marker.kind].label;
    if (marker.edge === "begin") {
      if (open)
        throw new MarkerError(
          `line ${i + 1}: "// BEGIN ${label}" inside the ${open.kind} region opened on line ${open.begin + 1}; close it with "// END ${MARKERS[open.kind].label}" first`,
        );
      open = { kind: marker.kind, begin: i, indent: /^\s*/.exec(line)![0] };
    } else {
      if (!open)
        throw new MarkerError(`line ${i + 1}: "// END ${label}" without a "// BEGIN ${label}" before it`);
      if (open.kind !== marker.kind)
        throw new MarkerError(
          `line ${i + 1}: "// END ${label}" closes the ${open.kind} region opened on line ${open.begin + 1}`,
        );
      regions.push({ ...open, end: i });
      open = undefined;
    }
  });
  if (open)
    throw new MarkerError(
      `line ${open.begin + 1}: "// BEGIN ${MARKERS[open.kind].label}" is never closed with "// END ${MARKERS[open.kind].label}"`,
    );
  return regions;
}

/** The lines inside every region of `kind` (markers left out), in order; throws MarkerError like findRegions. */
export function regionLines(text: string, kind: RegionKind): string[] {
  const lines = splitLines(text);
  return findRegions(text)
    .filter((r) => r.kind === kind)
    .flatMap((r) => lines.slice(r.begin + 1, r.end));
}

/** Removes the common leading whitespace of the non-blank lines, and blank lines at both ends. */
export function dedent(lines: string[]): string {
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^\s*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  const out = lines.map((l) => (l.trim() === "" ? "" : l.slice(cut)));
  while (out.length && out[0] === "") out.shift();
  while (out.length && out[out.length - 1] === "") out.pop();
  return out.join("\n");
}

/** The code inside the solution regions, each dedented, separated by a blank line. */
export function solutionText(text: string): string {
  const lines = splitLines(text);
  return findRegions(text)
    .filter((r) => r.kind === "solution")
    .map((r) => dedent(lines.slice(r.begin + 1, r.end)))
    .join("\n\n");
}

/** Names a top-level solution region assigns (`name = ...` at the region's own indentation), in order. */
function assignedNames(lines: string[], region: Region): string[] {
  const names: string[] = [];
  for (const line of lines.slice(region.begin + 1, region.end)) {
    if (!line.startsWith(region.indent) || /^\s/.test(line.slice(region.indent.length))) continue;
    const m = /^([A-Za-z_$][\w$]*)\s*=(?![=>])/.exec(line.slice(region.indent.length));
    if (m && !names.includes(m[1])) names.push(m[1]);
  }
  return names;
}

/** The course library's placeholder function (src/exercises/todo.ts), which the release calls where an answer goes. */
const PLACEHOLDER = "todo";

/** The placeholder call for an exercise: `todo("201.2")`. */
export const placeholderCall = (exercise: string): string => `${PLACEHOLDER}(${JSON.stringify(exercise)})`;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Does `source` still call the placeholder of `exercise`? Any quotes (`todo('201.2')` too) and
 * spaces inside the parentheses count: a learner may have retyped the line.
 */
export function holdsPlaceholder(source: string, exercise: string): boolean {
  return new RegExp(`\\b${PLACEHOLDER}\\(\\s*(["'\`])${escapeRegExp(exercise)}\\1\\s*\\)`).test(source);
}

/**
 * The placeholder lines that replace a solution region in the release (see src/exercises/todo.ts):
 * - a region inside a function body (indented) becomes `return todo("<id>");`, so the function
 *   stays declared and returns the placeholder;
 * - a top-level region becomes `<name> = todo("<id>");` for each variable it assigns, so each
 *   declaration above the region stays and holds the placeholder, then the "YOUR ANSWER HERE"
 *   comment (an answer written under it, placeholder line kept, still counts).
 * Neither throws, so Run All carries on. Throws MarkerError for a region it cannot stub.
 */
export function placeholderLines(text: string, region: Region, exercise: string): string[] {
  const lines = splitLines(text);
  const call = placeholderCall(exercise);
  const comment = `${region.indent}// YOUR ANSWER HERE`;
  if (region.indent !== "") {
    const after = lines.slice(region.end + 1).find((l) => l.trim() !== "");
    if (
      after === undefined ||
      !/^\s*}/.test(after) ||
      /^\s*/.exec(after)![0].length >= region.indent.length
    ) {
      throw new MarkerError(
        `line ${region.begin + 1}: an indented solution region must be the whole rest of a function body (the line after "// END SOLUTION" closes the function), so the release can stub it with "return ${call};"`,
      );
    }
    return [comment, `${region.indent}return ${call};`];
  }
  const names = assignedNames(lines, region);
  if (names.length === 0) {
    throw new MarkerError(
      `line ${region.begin + 1}: a top-level solution region must assign the answer to a variable declared above it ("let answer: T;" above, "answer = ..." inside), so the release can stub it with "answer = ${call};"`,
    );
  }
  // The placeholder first, then the comment: an answer written under the comment, with the
  // placeholder line left in, still counts (it assigns after the placeholder).
  return [
    ...names.map((name) => `${name} = ${call};`),
    `// YOUR ANSWER HERE, in place of the todo line${names.length > 1 ? "s" : ""} above`,
  ];
}

/**
 * The learner's version of a cell: each solution region becomes `// YOUR ANSWER HERE` and the
 * placeholder lines of `placeholderLines` for exercise `exercise`; hidden-test regions disappear.
 */
export function releaseSource(text: string, exercise: string): string {
  const lines = splitLines(text);
  const regions = findRegions(text);
  if (regions.length === 0) return text;
  const out: string[] = [];
  let next = 0;
  for (const region of regions) {
    out.push(...lines.slice(next, region.begin));
    if (region.kind === "solution") out.push(...placeholderLines(text, region, exercise));
    next = region.end + 1;
  }
  out.push(...lines.slice(next));
  const hadHidden = regions.some((r) => r.kind === "hidden tests");
  // Hidden tests usually end a cell: drop the blank lines they leave behind.
  return hadHidden ? out.join("\n").replace(/\s+$/, "") : out.join("\n");
}
