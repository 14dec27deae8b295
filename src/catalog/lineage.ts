/**
 * catalog.lineage: where a dataset comes from, walked upstream until raw and transient.
 *
 *   const l = catalog.lineage("trusted/retailer_weekly_performance");
 *   l.upstream   // every dataset it is built from, directly or not
 *   l.draw()     // a diagram (mermaid) in the notebook
 */
import { displayBundle } from "../display";
import { findDataset } from "./read";

export interface Edge { from: string; to: string }

export interface Lineage {
  dataset: string;
  /** Every dataset upstream, nearest first. */
  upstream: string[];
  /** One edge per "is built from" link, input → output. */
  edges: Edge[];
  /** An indented tree, the dataset at the top. */
  toString(): string;
  /** The graph as a mermaid flowchart (renders in JupyterLab markdown and on GitHub). */
  toMermaid(): string;
  /** Displays the diagram (and the tree as text). */
  draw(): void;
}

export function lineage(name: string): Lineage {
  findDataset(name); // a clear error for unknown names
  const upstream: string[] = [];
  const edges: Edge[] = [];
  const queue = [name];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const input of findDataset(current).lineage) {
      edges.push({ from: input, to: current });
      if (!upstream.includes(input)) {
        upstream.push(input);
        queue.push(input);
      }
    }
  }
  const tree = (node: string, depth: number): string[] => [
    `${"  ".repeat(depth)}${depth ? "└─ " : ""}${node}`,
    ...findDataset(node).lineage.flatMap((input) => tree(input, depth + 1)),
  ];
  const id = (n: string) => n.replace(/[^a-z0-9]/g, "_");
  const toMermaid = () => ["flowchart LR", ...[...new Set([name, ...upstream])].map((n) => `  ${id(n)}["${n}"]`), ...edges.map((e) => `  ${id(e.from)} --> ${id(e.to)}`)].join("\n");
  return {
    dataset: name,
    upstream,
    edges,
    toString: () => tree(name, 0).join("\n"),
    toMermaid,
    draw() {
      displayBundle({ "text/markdown": "```mermaid\n" + toMermaid() + "\n```", "text/plain": tree(name, 0).join("\n") });
    },
  };
}
