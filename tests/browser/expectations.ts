/**
 * What a notebook should show in JupyterLab, read from the notebook file; how a learner answers
 * an exercise stub; and the sorting of the errors the browser showed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CellResult } from "../helpers/lab";

interface NotebookCell {
  cell_type: string;
  source: string | string[];
}

export interface Expectations {
  kernelDisplayName: string;
  /** Each cell's source, in order. */
  sources: string[];
  headings: number;
  tables: number;
  /** Indexes of the code cells that have code in them (the ones Run All runs). */
  codeCells: number[];
  /** Indexes of code cells that call chart.show. */
  chartCells: number[];
  /** Indexes of code cells that run a self-check (.check(...)). */
  checkCells: number[];
  /** Unanswered stubs: the stub cell, its exercise, and the cell that checks it. */
  stubs: { cell: number; exercise: string; check: number }[];
}

const text = (source: string | string[]) => (Array.isArray(source) ? source.join("") : source);

/** Markdown outside fenced code blocks. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "");
}

/**
 * The placeholder `academy release` leaves in place of a solution (AUTHORING.md): in a function
 * body the comment, then `return todo("<id>");`; at the top level `<name> = todo("<id>");` per
 * variable, then the comment.
 */
const stubRegion =
  /^([ \t]*)(?:\/\/ YOUR ANSWER HERE\n[ \t]*return todo\((["'`])(\d+\.\d+)\2\);[ \t]*(?:\n|$)|(?:[A-Za-z_$][\w$]* = todo\((["'`])(\d+\.\d+)\4\);[ \t]*\n)+[ \t]*\/\/ YOUR ANSWER HERE[^\n]*(?:\n|$))/m;

export function expectationsOf(path: string): Expectations {
  const notebook = JSON.parse(readFileSync(path, "utf8")) as {
    cells: NotebookCell[];
    metadata: { kernelspec?: { display_name?: string } };
  };
  const sources = notebook.cells.map((c) => text(c.source));
  const result: Expectations = {
    kernelDisplayName: notebook.metadata.kernelspec?.display_name ?? "",
    sources,
    headings: 0,
    tables: 0,
    codeCells: [],
    chartCells: [],
    checkCells: [],
    stubs: [],
  };
  notebook.cells.forEach((cell, index) => {
    const source = sources[index];
    if (cell.cell_type === "markdown") {
      const md = prose(source);
      result.headings += (md.match(/^#{1,6} \S/gm) ?? []).length;
      // A table is a header row followed by a delimiter row like |---|:--:|
      result.tables += (
        md.match(/^\|.*\|[ \t]*\n\|[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/gm) ?? []
      ).length;
    } else if (cell.cell_type === "code") {
      if (source.trim() !== "") result.codeCells.push(index);
      if (/\bchart\.show\(/.test(source)) result.chartCells.push(index);
      if (/\.check\(/.test(source)) result.checkCells.push(index);
      if (stubRegion.test(source)) {
        const found = stubRegion.exec(source);
        const exercise = found?.[3] ?? found?.[5] ?? "";
        const check = sources.findIndex((s, j) => j > index && s.includes(`exercise("${exercise}").check(`));
        result.stubs.push({ cell: index, exercise, check });
      }
    }
  });
  return result;
}

/** The stub cell with the learner's answer in place of "YOUR ANSWER HERE" and the placeholder lines. */
export function answerStub(source: string, solution: string): string {
  return source.replace(
    stubRegion,
    (all, indent: string) =>
      solution
        .split("\n")
        .map((line) => (line ? indent + line : line))
        .join("\n") + (all.endsWith("\n") ? "\n" : ""),
  );
}

/** Every exercise's solution, from the definition files in `dir` (notebooks/exercises/ or a fixture). */
export function solutionsIn(dir: string): Map<string, string> {
  const solutions = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const defs = JSON.parse(readFileSync(join(dir, file), "utf8")) as {
      exercises: { id: string; solution: string }[];
    };
    for (const e of defs.exercises) solutions.set(e.id, e.solution);
  }
  return solutions;
}

/** A cell's error output (tslab reports type and runtime errors on stderr), or "". */
export function errorText(cell: CellResult): string {
  return cell.stderr + (cell.outputTypes.includes("application/vnd.jupyter.error") ? cell.text : "");
}

/** What a check says before its exercise is answered: "101.1: not answered yet. ...". */
export const notAnsweredLine = (exercise: string): RegExp =>
  new RegExp(`^${exercise.replace(".", "\\.")}: not answered yet\\b`, "m");

/** Lines of output that are self-check verdicts. */
export function verdictLines(output: string): string[] {
  return output.split("\n").filter((line) => /^[✓✗] /.test(line));
}

/** The line of an error output that says what went wrong (not the stack or the source excerpt). */
export function firstErrorLine(error: string): string {
  const lines = error
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.find((l) => /Error\b|^\d+:\d+ - /.test(l)) ?? lines[0] ?? "").slice(0, 200);
}
