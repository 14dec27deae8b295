// Preloaded into every tslab kernel (node --require), the grader's and the kernelspec's alike:
// six adjustments to tslab 1.0.22 and its process that it has no option for.
"use strict";

// 0. Time zone: every kernel runs on UTC, the lake's time zone, wherever its laptop or server is.
// Otherwise new Date(2026, 8, 10) would be London midnight on one machine and UTC midnight on the
// grader's, and a self-check's ✓ could disagree with the grader's points.
process.env.TZ = "UTC";
const ts = require("@tslab/typescript-for-tslab");

// 5. Compiling a cell: one program per cell instead of two, without the builder's per-program
// walk over every file; see tslab-compile.cjs (its patches to tslab's converter are applied while
// it loads here; in the snapshot kernel's bundle, snapshot/build.ts has applied them already).
const compile = require("./tslab-compile.cjs");
const revertHook = require("pirates").addHook((code) => compile.patchConverter(code), {
  exts: [".js"],
  matcher: compile.isConverter,
  ignoreNodeModules: false,
});
const converter = require("tslab/dist/converter");
revertHook();

// 1. Types: tslab sets no `types` option, so the compiler reads every package in node_modules/@types
// (jest, babel, yargs… a third of the files it parses at start-up, none of which a notebook uses).
// Only @types/node is included automatically now; a package's own types, and `/// <reference>`s,
// are found as before. Measured: a kernel's start-up CPU 1.7 s -> 1.3 s, its cells about 25% cheaper.
const getDirectories = ts.sys.getDirectories;
ts.sys.getDirectories = function (dir) {
  const found = getDirectories.call(this, dir);
  return /[\\/]node_modules[\\/]@types[\\/]?$/.test(dir) ? found.filter((name) => name === "node") : found;
};

// 2. Watchers: tslab polls every file the compiler read, so that an edited local module is read
// again while the kernel runs. Grading kernels run one notebook against files that do not change:
// with DATA_ACADEMY_KERNEL_WATCH=0 they poll nothing. (A learner's kernel keeps watching.)
// Read when a watcher is asked for, not at load: the snapshot kernel loads this file at build time.
const watching = () => process.env.DATA_ACADEMY_KERNEL_WATCH !== "0";
const none = { close() {} };
const { watchFile, watchDirectory } = ts.sys;
ts.sys.watchFile = (...args) => (watching() ? watchFile.apply(ts.sys, args) : none);
ts.sys.watchDirectory = (...args) => (watching() ? watchDirectory.apply(ts.sys, args) : none);

// 3. Completions inside a string: `lake.load("refined/` + Tab offers the dataset names, but tslab
// answers with every name and an empty range at the cursor, so JupyterLab would list raw/ names too
// and insert the one picked after the "refined/" already typed. Answer with the names that start
// with what was typed, and the range of the string typed so far: the compiler's own range when it
// gives one, else the text from the opening quote to the cursor.
function stringRange(info, src, position) {
  const original = info && info.original;
  if (!original || info.start !== info.end || !original.entries.every((e) => e.kind === "string"))
    return undefined;
  const span = original.optionalReplacementSpan;
  if (span && span.start <= position && position <= span.start + span.length)
    return { start: span.start, end: span.start + span.length };
  const typed = /["'`]([^"'`\n]*)$/.exec(src.slice(0, position));
  return typed ? { start: position - typed[1].length, end: position } : undefined;
}

const createConverter = converter.createConverter;
converter.createConverter = function (...args) {
  const created = createConverter.apply(this, args);
  const complete = created.complete;
  created.complete = function (prevDecl, src, position) {
    const info = complete.call(this, prevDecl, src, position);
    const range = stringRange(info, src, position);
    if (!range) return info;
    // JupyterLab shows what the kernel sends as it is (IPython sends only the matches): keep the
    // names that start with what was typed.
    const typed = src.slice(range.start, position);
    return { ...info, ...range, candidates: info.candidates.filter((name) => name.startsWith(typed)) };
  };
  return created;
};

// 4. Start-up order: tslab binds its five sockets at once and reads shell and control as soon as
// each is bound. A client that connects at once (JupyterLab's, the grader's) can then have its
// kernel_info handled while iopub is still binding: the busy/idle statuses published for it are
// lost (dropped, or refused with EBUSY "Socket is blocked by a bind"), and the client waits on. Seen
// in CI once clients reconnected every 10 ms. iopub is bound first, the other sockets after it
// (tslab asks for iopub's bind first; tests/kernel/local-kernel.test.ts fails if that changes).
const { ZmqServer } = require("tslab/dist/jupyter");
const bindSocket = ZmqServer.prototype.bindSocket;
ZmqServer.prototype.bindSocket = function (socket, port) {
  if (socket === this.iopub) return (this.iopubBound = bindSocket.call(this, socket, port));
  return Promise.resolve(this.iopubBound).then(() => bindSocket.call(this, socket, port));
};
