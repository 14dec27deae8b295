/** A notebook of code cells, one per source given: the smallest notebook a kernel test can run. */
import type { Notebook } from "../../grader/notebook/nbformat";

export const notebookOf = (...sources: string[]): Notebook => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: sources.map((source, i) => ({
    id: `c${i}`,
    cell_type: "code",
    metadata: {},
    execution_count: null,
    outputs: [],
    source,
  })),
});
