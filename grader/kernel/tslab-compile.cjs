// How tslab 1.0.22 compiles a cell, made cheaper: two patches to its converter
// (node_modules/tslab/dist/converter.js), applied as the file is loaded, never to node_modules.
// tslab-setup.cjs applies them when a kernel loads tslab from node_modules (a require hook, by
// pirates); the snapshot kernel's bundle gets them from snapshot/build.ts. One home for both.
//
// tslab compiles every cell as a new TypeScript program over the same files (lib.d.ts, @types/node,
// the course library's types: about 236 files), reusing the files' parse from the program before.
// What a cell cost beyond checking and emitting its own code was per-program work over all 236:
//
// 1. One program per cell, not two. To export a cell's top-level names tslab built a program from
//    the cell only to read the names its binder found (`srcFile.locals`), then built a second with
//    `export { names }` appended. The names come from the cell's text alone: the binder is run on
//    the cell's own parse here (the same parser, the same binder, the same options), and only the
//    second program is built.
// 2. No builder state. tslab builds its programs through TypeScript's "emit and semantic
//    diagnostics builder", which on every program makes a type checker and walks the imports of
//    all 236 files (BuilderState.create) to keep a dependency graph for incremental builds. tslab
//    uses the builder for four things: the program, a file of it, emitting one file (which the
//    builder hands to the program), and a cell's dependencies (to emit local modules it imports).
//    `createProgram` below gives those four from a plain program, walking the dependencies from
//    the cell only when asked, and only through files of this folder (the course library, lib.d.ts
//    and @types cannot import a learner's local module).
//
// Measured (a cell's compile, in one process): a trivial cell 66 -> 37 ms, a notebook's cells
// 0.73x to 0.86x; the outputs, declarations and errors are the same (tests/kernel/tslab-compile
// .test.ts compiles every source notebook both ways and compares).
"use strict";

/** A patch: text in converter.js that must be found exactly once, and what replaces it. */
function patches(self) {
  const compile = `require(${JSON.stringify(self)})`;
  return [
    {
      what: "its programs are plain programs (2)",
      find: "    host.afterProgramCreate = function (b) {",
      replace: `    host.createProgram = ${compile}.createProgram;\n    host.afterProgramCreate = function (b) {`,
    },
    {
      what: "one program per cell (1)",
      find: [
        "        updateContent(prevDecl, src);",
        "        let declsFile = builder.getSourceFile(declFilename);",
        "        let srcFile = builder.getSourceFile(srcFilename);",
        "        const locals = srcFile.locals;",
        "        const keys = new Set();",
        "        if (locals) {",
        "            locals.forEach((_, key) => {",
        "                keys.add(key);",
        "            });",
        "        }",
        "        if (keys.size > 0) {",
        "            // Export all local variables.",
        '            // TODO: Disallow "export" in the input.',
        '            const suffix = "\\nexport {" + Array.from(keys).join(", ") + "}";',
        "            updateContent(prevDecl, src + suffix);",
        "            declsFile = builder.getSourceFile(declFilename);",
        "            srcFile = builder.getSourceFile(srcFilename);",
        "        }",
      ].join("\n"),
      replace: [
        `        const keys = ${compile}.topLevelNames(srcFilename, srcPrefix + src, builder.getProgram().getCompilerOptions());`,
        "        // Export all local variables.",
        '        updateContent(prevDecl, keys.size > 0 ? src + "\\nexport {" + Array.from(keys).join(", ") + "}" : src);',
        "        let declsFile = builder.getSourceFile(declFilename);",
        "        let srcFile = builder.getSourceFile(srcFilename);",
      ].join("\n"),
    },
  ];
}

/**
 * converter.js with both patches, or an error naming the one whose text is not there exactly once
 * (tslab was upgraded past 1.0.22: read the new converter and redo them).
 */
function patchConverter(source) {
  let patched = source;
  for (const { what, find, replace } of patches(__filename)) {
    const found = patched.split(find).length - 1;
    if (found !== 1) {
      throw new Error(
        `grader/kernel/tslab-compile.cjs: the patch "${what}" found its place in tslab's converter.js ${found} times, not once: tslab is not 1.0.22 (update the patch)`,
      );
    }
    patched = patched.replace(find, () => replace);
  }
  return patched;
}

/** Is this tslab's converter.js (the file the patches are for)? */
const isConverter = (file) => /[\\/]tslab[\\/]dist[\\/]converter\.js$/.test(file);

// Required here (not at the top) so that patches() and isConverter work without TypeScript loaded.
const ts = () => require("@tslab/typescript-for-tslab");

/** The names a cell declares at its top level, as tslab's program would bind them (1). */
function topLevelNames(fileName, text, options) {
  const file = ts().createSourceFile(fileName, text, ts().getEmitScriptTarget(options));
  ts().bindSourceFile(file, options);
  const names = new Set();
  if (file.locals) file.locals.forEach((_, name) => names.add(name));
  return names;
}

/**
 * What tslab asks of the builder, from a plain program (2): the watch host's createProgram.
 * `getAllDependencies(file)`: the file and every file it reaches through imports, `/// <reference>`s
 * and type references, not following files in node_modules or lib.d.ts (they cannot reach a cell's
 * local modules, which is all tslab looks for among them).
 */
function createProgram(
  rootNames,
  options,
  host,
  oldBuilder,
  configFileParsingDiagnostics,
  projectReferences,
) {
  const program = ts().createProgram({
    rootNames,
    options,
    host,
    oldProgram: oldBuilder && oldBuilder.getProgramOrUndefined(),
    configFileParsingDiagnostics,
    projectReferences,
  });
  const followed = (file) =>
    !program.isSourceFileFromExternalLibrary(file) && !program.isSourceFileDefaultLibrary(file);
  function referencedBy(file) {
    const names = [];
    if (file.resolvedModules) {
      file.resolvedModules.forEach(
        ({ resolvedModule: resolved }) => resolved && names.push(resolved.resolvedFileName),
      );
    }
    for (const ref of file.referencedFiles)
      names.push(ts().resolveTripleslashReference(ref.fileName, file.fileName));
    if (file.resolvedTypeReferenceDirectiveNames) {
      file.resolvedTypeReferenceDirectiveNames.forEach(({ resolvedTypeReferenceDirective: resolved }) => {
        if (resolved && resolved.resolvedFileName) names.push(resolved.resolvedFileName);
      });
    }
    return names.map((name) => program.getSourceFile(name)).filter(Boolean);
  }
  return {
    getProgram: () => program,
    getProgramOrUndefined: () => program,
    getCompilerOptions: () => program.getCompilerOptions(),
    getSourceFile: (fileName) => program.getSourceFile(fileName),
    emit: (file, writeFile, cancellationToken, emitOnlyDts, transformers) =>
      program.emit(file, writeFile, cancellationToken, emitOnlyDts, transformers),
    getAllDependencies(file) {
      const seen = new Map();
      const queue = [file];
      while (queue.length > 0) {
        const next = queue.pop();
        if (seen.has(next.fileName)) continue;
        seen.set(next.fileName, next);
        if (followed(next)) queue.push(...referencedBy(next));
      }
      return Array.from(seen.keys());
    },
  };
}

module.exports = { patchConverter, isConverter, topLevelNames, createProgram };
