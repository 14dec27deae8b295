// What a snapshot kernel keeps from the compiler's warm-up: the parsed and bound declaration files
// (TypeScript's lib.*.d.ts, @types/node, the course library's types). The snapshot's copy of
// TypeScript asks here before it parses a file (see build.ts, the one patch to its source): a file
// whose text is exactly the text seen at build time gets the SourceFile made then, already bound;
// any other text (an edited file, a learner's own module, a cell) is parsed as usual. So a stale
// cache costs time, never correctness. The same reuse TypeScript's language service does with its
// DocumentRegistry, keyed here by file name, text and parse options.
"use strict";
const path = require("node:path");

const files = new Map();
let recording = true;

/** The parse options a SourceFile depends on, as one string. */
function optionsKey(languageVersionOrOptions, setParentNodes, scriptKind) {
  const options =
    typeof languageVersionOrOptions === "object"
      ? languageVersionOrOptions
      : { languageVersion: languageVersionOrOptions };
  return `${options.languageVersion}|${options.impliedNodeFormat}|${Boolean(setParentNodes)}|${scriptKind}`;
}

/** tslab's cells and the declarations of earlier cells: new text every time, never kept. */
const CELL_FILE = /[\\/]__(tslab|prev)__\.(d\.ts|ts|js)$/;

function createSourceFile(create, fileName, text, languageVersionOrOptions, setParentNodes, scriptKind) {
  // Only files on disk: tslab also parses snippets under made-up names ("tmp.ts", "custom.js").
  if (CELL_FILE.test(fileName) || !path.isAbsolute(fileName))
    return create(fileName, text, languageVersionOrOptions, setParentNodes, scriptKind);
  const key = optionsKey(languageVersionOrOptions, setParentNodes, scriptKind);
  const kept = files.get(fileName);
  if (kept && kept.key === key && kept.text === text) {
    stats.reused++;
    return kept.sourceFile;
  }
  const sourceFile = create(fileName, text, languageVersionOrOptions, setParentNodes, scriptKind);
  if (recording) files.set(fileName, { key, text, sourceFile });
  else stats.parsed++;
  return sourceFile;
}

const stats = { reused: 0, parsed: 0 };

module.exports = {
  createSourceFile,
  /** Ends the warm-up: from now on files are looked up, not added. */
  stopRecording() {
    recording = false;
  },
  /** The files kept, by name: the snapshot's stamp lists them, so an edit to one means a rebuild. */
  keptFiles() {
    return [...files.keys()];
  },
  /** How many files the cache holds, and how many were reused or parsed since the warm-up. */
  stats() {
    return { kept: files.size, ...stats };
  },
};
