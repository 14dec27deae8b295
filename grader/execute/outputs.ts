/** Small readers over nbformat outputs. */
import type { Output } from "../notebook/nbformat";
import { sourceText } from "../notebook/nbformat";

/** All text a cell wrote to one stream, in order. */
export function streamText(outputs: Output[], name: "stdout" | "stderr"): string {
  return outputs
    .filter((o) => o.output_type === "stream" && o.name === name)
    .map((o) => sourceText((o as { text: string | string[] }).text))
    .join("");
}

/** What a cell wrote to stderr, plus the text of any error output (other kernels report errors that way). */
export function stderrOf(outputs: Output[]): string {
  const errors = outputs
    .filter((o) => o.output_type === "error")
    .map((o) => (o.output_type === "error" ? `${o.ename}: ${o.evalue}\n` : ""))
    .join("");
  return streamText(outputs, "stderr") + errors;
}
