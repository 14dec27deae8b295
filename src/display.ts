/**
 * Showing rich output in the notebook: one display_data message carrying several MIME types
 * (say a chart as Vega-Lite, as SVG and as text), so every frontend shows its best one.
 *
 * tslab's public `display.raw(type, data)` sends one MIME type per message. Underneath, tslab
 * keeps the writer of the cell being executed in `require("tslab/dist/jupyter").lastWriteDisplayData`;
 * we call it with the whole bundle. Outside a kernel (plain Node, tests) the text/plain part is printed.
 */
export type MimeBundle = Record<string, unknown>;

/** Text for HTML, inside an element or a quoted attribute: &, <, >, " and ' as entities. */
export const escapeHtml = (s: string): string =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

type Writer = (
  content: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> },
  update: boolean,
) => void;

function kernelWriter(): Writer | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- only inside a tslab kernel, so not at the top
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData?: Writer | null };
    return jupyter.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

/** Sends one display_data with every entry of `bundle` (MIME type → data; JSON types take objects). */
export function displayBundle(bundle: MimeBundle, metadata: Record<string, unknown> = {}): void {
  const write = kernelWriter();
  if (write) {
    write({ data: bundle, metadata, transient: {} }, false);
  } else if (typeof bundle["text/plain"] === "string") {
    console.log(bundle["text/plain"]);
  }
}
