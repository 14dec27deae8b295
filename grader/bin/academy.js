#!/usr/bin/env node
// Entry point for `npx academy`. The TypeScript lives in grader/cli.ts; `make build` compiles it to dist/.
"use strict";
try {
  require("../dist/cli.js").main(process.argv);
} catch (err) {
  if (err && err.code === "MODULE_NOT_FOUND" && String(err.message).includes("dist/cli.js")) {
    console.error("academy: the grader is not built yet. Run `make build` (or `make test`) first.");
    process.exit(2);
  }
  throw err;
}
