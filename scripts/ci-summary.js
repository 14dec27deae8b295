#!/usr/bin/env node
// Prints CI's one closing line, "N passed, N failed[, N skipped]", over every step `make test` ran
// (test-artifacts/steps.tsv, written by scripts/ci-steps.sh). A step with a jest report
// (test-artifacts/jest/<step>.json) counts its tests; any other step (typecheck, data check,
// release check, validate) counts as one. A failed step whose report shows no failure (jest did
// not start, a suite did not compile), or a failed make outside the steps (install), counts as one
// failure, so a red run never reads green. Skipped tests are listed with their names, which say why.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [artifacts = "test-artifacts", makeStatus = "0"] = process.argv.slice(2);
let passed = 0,
  failed = 0,
  skipped = 0;
const skippedNames = [];
const stepsFile = path.join(artifacts, "steps.tsv");
const steps = fs.existsSync(stepsFile)
  ? fs
      .readFileSync(stepsFile, "utf8")
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split("\t"))
  : [];

for (const [step, status] of steps) {
  const reportPath = path.join(artifacts, "jest", `${step}.json`);
  if (!fs.existsSync(reportPath)) {
    if (status === "passed") passed += 1;
    else failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(reportPath, "utf8"));
  const stepFailed = report.numFailedTests + report.numRuntimeErrorTestSuites;
  passed += report.numPassedTests;
  failed += stepFailed;
  skipped += report.numPendingTests + report.numTodoTests;
  if (status !== "passed" && stepFailed === 0) failed += 1;
  for (const suite of report.testResults ?? []) {
    for (const t of suite.assertionResults ?? []) {
      if (t.status === "pending" || t.status === "todo")
        skippedNames.push(`${path.relative(process.cwd(), suite.name)}: ${t.fullName}`);
    }
  }
}
if (Number(makeStatus) !== 0 && failed === 0) failed = 1;
for (const name of skippedNames) console.log(`skipped: ${name}`);
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
