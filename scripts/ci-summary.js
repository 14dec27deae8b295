#!/usr/bin/env node
// Prints CI's one closing line, "N passed, N failed[, N skipped]", from jest's JSON report.
// A failed step outside jest (install, typecheck) counts as one failure, so a red run never reads green.
"use strict";
const fs = require("node:fs");
const [reportPath, makeStatus] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;
if (fs.existsSync(reportPath)) {
  const report = JSON.parse(fs.readFileSync(reportPath, "utf8"));
  passed = report.numPassedTests;
  failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
  skipped = report.numPendingTests + report.numTodoTests;
}
if (Number(makeStatus) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
