#!/usr/bin/env bash
# Runs `make <step>` for each step given, in order, going on after a failure so that every suite
# runs and is counted. Records each step's outcome and time in test-artifacts/steps.tsv (read by
# scripts/ci-summary.js with the jest reports in test-artifacts/jest/), prints a table at the end,
# and exits non-zero when any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-artifacts/jest
rm -f test-artifacts/steps.tsv
for step in "$@"; do rm -f "test-artifacts/jest/$step.json"; done
failed=0
for step in "$@"; do
  echo "=== make $step"
  started=$(date +%s)
  if "${MAKE:-make}" --no-print-directory "$step"; then status=passed; else status=failed; failed=1; fi
  printf '%s\t%s\t%s\n' "$step" "$status" "$(( $(date +%s) - started ))" >> test-artifacts/steps.tsv
done
echo "=== steps"
while IFS=$'\t' read -r step status seconds; do printf '  %-14s %-7s %5s s\n' "$step" "$status" "$seconds"; done < test-artifacts/steps.tsv
exit "$failed"
