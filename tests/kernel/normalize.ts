/** Puts outputs from different runners in one form to compare them (as nbclient's tests normalize_output). */
import type { Notebook, Output } from "../../grader/notebook/nbformat";
import { sourceText } from "../../grader/notebook/nbformat";

export interface ComparableCell {
  index: number;
  executionCount: number | null;
  outputs: unknown[];
}

/** Per code cell: execution count and outputs, with text joined and consecutive stream chunks merged. */
export function comparableOutputs(notebook: Notebook): ComparableCell[] {
  return notebook.cells.flatMap((cell, index) =>
    cell.cell_type === "code"
      ? [{ index, executionCount: cell.execution_count, outputs: normalize(cell.outputs) }]
      : [],
  );
}

function normalize(outputs: Output[]): unknown[] {
  const result: Record<string, unknown>[] = [];
  for (const output of outputs) {
    const last = result[result.length - 1];
    if (output.output_type === "stream") {
      const text = sourceText(output.text);
      if (last?.output_type === "stream" && last.name === output.name) last.text = String(last.text) + text;
      else result.push({ output_type: "stream", name: output.name, text });
    } else if (output.output_type === "error") {
      result.push({ output_type: "error", ename: output.ename, evalue: output.evalue });
    } else {
      const data = Object.fromEntries(
        Object.entries(output.data).map(([k, v]) => [k, Array.isArray(v) ? v.join("") : v]),
      );
      result.push({ output_type: output.output_type, data });
    }
  }
  return result;
}
