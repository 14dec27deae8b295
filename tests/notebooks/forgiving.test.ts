/**
 * The release notebooks forgive, run by nbclient from .venv (as nbmake, papermill and nbgrader
 * run notebooks; like JupyterLab's Run All, nbclient ends the run at the first error):
 * - every release, unanswered, runs to its last code cell, every check saying "not answered yet";
 * - for every exercise k, the release with every other exercise answered by the source's answer
 *   cell runs to its last cell, every other check ✓ and k's "not answered yet".
 * The variants and the judging are `academy validate`'s own (grader/validate/forgiving.ts), which
 * runs them with our runner; here the runner is nbclient.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { forgivingVariants, judgeForgiving, type ForgivingVariant } from "../../grader/validate/forgiving";
import { loadSources } from "../../grader/grade/sources";
import type { CellRun, NotebookRun } from "../../grader/execute/run-notebook";
import { readNotebook } from "../../grader/execute/run-files";
import { stringifyNotebook } from "../../grader/notebook/serialize";
import { mapAtMost } from "../../grader/parallel";
import { repoRoot, venvBin } from "../helpers/repo";

const run = promisify(execFile);
const only = process.env.NOTEBOOKS?.split(",").map((m) => m.trim());
const sources = loadSources(join(repoRoot, "notebooks", "source")).filter(
  (s) => !only || (s.module !== null && only.includes(s.module)),
);
const variants: ForgivingVariant[] = sources.flatMap((s) =>
  forgivingVariants(s, readNotebook(join(repoRoot, "notebooks", "release", s.name))),
);

interface NbclientCell {
  index: number;
  execution_count: number | null;
  stdout: string;
  stderr: string;
}
interface NbclientRun {
  stopped_at: number | null;
  error: string;
  cells: NbclientCell[];
}

/** nbclient's run as our runner's NotebookRun, so that validate's own judge reads it. */
function asNotebookRun(variant: ForgivingVariant, r: NbclientRun): NotebookRun {
  const cells: CellRun[] = r.cells.map((c) => ({
    index: c.index,
    status: c.index === r.stopped_at ? "error" : c.execution_count === null ? "skipped" : "ok",
    outputs: c.stdout ? [{ output_type: "stream", name: "stdout", text: c.stdout }] : [],
    msgId: "",
    durationMs: 0,
    limits: [],
    stderr: c.stderr || (c.index === r.stopped_at ? r.error : ""),
  }));
  return {
    notebook: variant.cells,
    cells,
    status: r.stopped_at === null && !r.error ? "ok" : "error",
    limits: [],
    durationMs: 0,
  };
}

let scratch: string;
const results = new Map<ForgivingVariant, ReturnType<typeof judgeForgiving>>();

beforeAll(async () => {
  // Under the repository, so that the kernel finds "data-academy" through node_modules.
  mkdirSync(join(repoRoot, ".scratch"), { recursive: true });
  scratch = mkdtempSync(join(repoRoot, ".scratch", "nbclient-"));
  await mapAtMost(variants, 2, async (variant, i) => {
    const dir = join(scratch, String(i));
    mkdirSync(join(dir, "user"), { recursive: true });
    const file = join(dir, variant.notebook);
    writeFileSync(file, stringifyNotebook(variant.cells));
    const env = {
      ...process.env,
      DATA_ACADEMY_USER_DIR: join(dir, "user"),
      DATA_ACADEMY_EXERCISES: join(repoRoot, "notebooks", "exercises"),
    };
    const { stdout } = await run(
      venvBin("python"),
      [join(repoRoot, "tests", "helpers", "nbclient-run.py"), file, "120"],
      { env, maxBuffer: 64 * 1024 * 1024 },
    );
    results.set(variant, judgeForgiving(variant, asNotebookRun(variant, JSON.parse(stdout) as NbclientRun)));
  });
}, 3_600_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test("there is a variant per exercise, plus the release as it is, for every source notebook", () => {
  expect(sources.length).toBeGreaterThan(0);
  for (const s of sources)
    expect(variants.filter((v) => v.notebook === s.name && v.skipped === null)).toHaveLength(1);
});

describe.each(
  variants.map((v) => [v.notebook, v.skipped ? `skipping ${v.skipped}` : "unanswered", v] as const),
)("%s, %s, by nbclient", (_name, _label, variant) => {
  test("reaches the last cell; every check says what it should", () => {
    const r = results.get(variant)!;
    expect({ problems: r.problems, ran: `${r.runAllCells}/${r.codeCells}` }).toEqual({
      problems: [],
      ran: `${r.codeCells}/${r.codeCells}`,
    });
  });
});
