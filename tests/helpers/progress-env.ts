/**
 * Jest setup: self-checks remember their verdicts (src/exercises/progress.ts). Tests, and the
 * kernels and servers they start, keep that in a temporary file of their own, never in the
 * repository's my-lake/progress.json, which belongs to whoever works through the course here.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";

process.env.DATA_ACADEMY_PROGRESS ??= join(tmpdir(), `academy-test-progress-${process.pid}.json`);
