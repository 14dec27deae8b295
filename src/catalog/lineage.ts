/**
 * catalog.lineage: where a dataset comes from, walked upstream until raw and transient.
 *
 *   const l = catalog.lineage("trusted/retailer_weekly_performance");
 *   l.upstream   // every dataset it is built from, directly or not
 *   l.draw()     // a diagram (mermaid) in the notebook
 */
import { displayBundle } from "../display";
import { findDataset, readCatalog } from "./read";
import type { DatasetInfo } from "./types";

export interface Edge {
  from: string;
  to: string;
}

/** What a walk upstream from one dataset finds. */
export interface LineageWalk {
  /** Every dataset upstream, nearest first. */
  upstream: string[];
  /** One edge per "is built from" link, input → output. */
  edges: Edge[];
}

export interface Lineage extends LineageWalk {
  dataset: string;
  /** An indented tree, the dataset at the top. */
  toString(): string;
  /** The graph as a mermaid flowchart (renders in JupyterLab markdown and on GitHub). */
  toMermaid(): string;
  /** Displays the diagram (and the tree as text). */
  draw(): void;
}

/**
 * Walks the "is built from" links upstream from `name`, breadth first, over any list of datasets
 * (the catalog's, or the lake generator's specs). A name not in the list has no inputs.
 * @example catalog.walkLineage(catalog.read().datasets, "refined/stock_current").upstream
 */
export function walkLineage(
  datasets: readonly Pick<DatasetInfo, "name" | "lineage">[],
  name: string,
): LineageWalk {
  const inputsOf = new Map(datasets.map((d) => [d.name, d.lineage]));
  const upstream: string[] = [];
  const edges: Edge[] = [];
  const queue = [name];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const input of inputsOf.get(current) ?? []) {
      edges.push({ from: input, to: current });
      if (!upstream.includes(input)) {
        upstream.push(input);
        queue.push(input);
      }
    }
  }
  return { upstream, edges };
}

/**
 * Where a dataset comes from: every dataset upstream, the links between them, and a diagram.
 * @example catalog.lineage("trusted/retailer_weekly_performance").draw();
 */
export function lineage(name: string): Lineage {
  findDataset(name); // a clear error for unknown names
  const { upstream, edges } = walkLineage(readCatalog().datasets, name);
  const tree = (node: string, depth: number): string[] => [
    `${"  ".repeat(depth)}${depth ? "└─ " : ""}${node}`,
    ...findDataset(node).lineage.flatMap((input) => tree(input, depth + 1)),
  ];
  const id = (n: string) => n.replace(/[^a-z0-9]/g, "_");
  const toMermaid = () =>
    [
      "flowchart LR",
      ...[...new Set([name, ...upstream])].map((n) => `  ${id(n)}["${n}"]`),
      ...edges.map((e) => `  ${id(e.from)} --> ${id(e.to)}`),
    ].join("\n");
  return {
    dataset: name,
    upstream,
    edges,
    toString: () => tree(name, 0).join("\n"),
    toMermaid,
    draw() {
      displayBundle({
        "text/markdown": "```mermaid\n" + toMermaid() + "\n```",
        "text/plain": tree(name, 0).join("\n"),
      });
    },
  };
}
