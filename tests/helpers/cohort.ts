/**
 * A synthetic cohort for the cohort report tests, graded for real by gradeCohort: 12 learners over
 * three small fixture modules (900, 901, 902; tests/fixtures/notebooks), with planted patterns:
 *
 *   - five give the vrm answer to 900.1 (misconception vrm-as-key);
 *   - two loop forever in 900.2 (cut by the cell timeout), one throws a TypeError there;
 *   - three hand in 901 unanswered (the release notebook as it is);
 *   - 901.1: two adverts-not-stock, one change-log-not-state; 901.2: one withdrawn-included;
 *   - 902.1: one mean-not-median, one right on one sample of two (partial); 902.2: one grain-too-fine;
 *   - 900: all 12 learners, 901: 10, 902: 6 (how far along the course map);
 *   - a learner whose name is markup (a folder name cannot hold "/", so not `<b>x</b>` itself).
 *
 * tests/fixtures/course-map.md is the course map over these modules.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gradeCohort } from "../../grader/grade/grade-cohort";
import type { Notebook } from "../../grader/notebook/nbformat";
import { release } from "../../grader/release/release";
import { withCase } from "../../grader/validate/cases";
import { fixture } from "./repo";

export const COHORT_NOTEBOOKS = {
  "900": "900-release-fixture.ipynb",
  "901": "901-choosing-and-counting.ipynb",
  "902": "902-typical-values.ipynb",
} as const;
type Module = keyof typeof COHORT_NOTEBOOKS;

/** A learner whose folder name is markup: the report must show it as text. */
export const MARKUP_LEARNER = "<b onmouseover=alert(1)>x";
export const courseMapFixture = fixture("course-map.md");
/** Long enough for an honest cell of these tiny modules on a loaded 2-core machine; the loops hit it. */
export const COHORT_CELL_TIMEOUT_MS = 10_000;

export interface GradedCohort {
  work: string;
  sourceDir: string;
  submissionsDir: string;
  gradesDir: string;
  sources: Record<Module, Notebook>;
}

/** What a learner hands in for a module: the source with some answers changed, or the release untouched. */
type Submission = "right" | "unanswered" | { [exercise: string]: string };

const WRONG = {
  vrm: { "900.1": 'primaryKey = ["vrm"];' },
  loop: { "900.2": "while (true) {}" },
  throws: { "900.2": 'throw new TypeError("not yet");' },
  adverts: { "901.1": 'currentTable = "refined/adverts";' },
  rawFeed: { "901.1": 'currentTable = "raw/stock_feed";' },
  withdrawn: { "901.2": "averagePrice = 4391.5;" },
  mean: { "902.1": "return xs.reduce((a, b) => a + b, 0) / xs.length;" },
  evenOnly: {
    "902.1": "const s = [...xs].sort((a, b) => a - b);\nreturn (s[s.length / 2 - 1] + s[s.length / 2]) / 2;",
  },
  tooFine: { "902.2": 'grain = ["retailer_id", "week_start", "make"];' },
};

/** Who hands in what; a module left out was not handed in. */
export const COHORT_PLAN: Record<string, Partial<Record<Module, Submission>>> = {
  ada: { "900": WRONG.vrm, "901": WRONG.adverts },
  ben: { "900": WRONG.vrm, "901": "right", "902": "right" },
  cai: { "900": WRONG.vrm, "901": WRONG.adverts, "902": WRONG.mean },
  dee: { "900": WRONG.vrm, "901": WRONG.rawFeed, "902": WRONG.evenOnly },
  eve: { "900": WRONG.vrm, "901": WRONG.withdrawn, "902": WRONG.tooFine },
  fay: { "900": WRONG.loop, "901": "right", "902": "right" },
  gus: { "900": WRONG.loop, "901": "right" },
  hal: { "900": "right", "901": "unanswered" },
  ivy: { "900": "right", "901": "unanswered" },
  jon: { "900": WRONG.throws, "901": "unanswered", "902": "right" },
  kim: { "900": "right" },
  [MARKUP_LEARNER]: { "900": "right" },
};

function notebookFor(source: Notebook, released: Notebook, submission: Submission): Notebook {
  if (submission === "right") return source;
  if (submission === "unanswered") return released;
  return Object.entries(submission).reduce(
    (nb, [exercise, code]) => withCase(nb, { exercise, code }),
    source,
  );
}

/** Releases the three fixture modules into a temporary course, hands in COHORT_PLAN and grades it. */
export async function gradeSyntheticCohort(prefix: string): Promise<GradedCohort> {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const sourceDir = join(work, "source");
  const releaseDir = join(work, "release");
  const exercisesDir = join(work, "exercises");
  mkdirSync(sourceDir);
  for (const name of Object.values(COHORT_NOTEBOOKS))
    cpSync(fixture("notebooks", name), join(sourceDir, name));
  release({ sourceDir, releaseDir, exercisesDir });
  const read = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, name), "utf8")) as Notebook;
  const modules = Object.keys(COHORT_NOTEBOOKS) as Module[];
  const sources = Object.fromEntries(
    modules.map((m) => [m, read(sourceDir, COHORT_NOTEBOOKS[m])]),
  ) as GradedCohort["sources"];
  const submissionsDir = join(work, "submissions");
  for (const [learner, plan] of Object.entries(COHORT_PLAN)) {
    mkdirSync(join(submissionsDir, learner), { recursive: true });
    for (const [module, submission] of Object.entries(plan) as [Module, Submission][]) {
      const name = COHORT_NOTEBOOKS[module];
      const nb = notebookFor(sources[module], read(releaseDir, name), submission);
      writeFileSync(join(submissionsDir, learner, name), JSON.stringify(nb, null, 1));
    }
  }
  const gradesDir = join(work, "grades");
  await gradeCohort({
    inputs: [submissionsDir],
    outDir: gradesDir,
    sourceDir,
    exercisesDir,
    jobs: 2,
    cellTimeoutMs: COHORT_CELL_TIMEOUT_MS,
  });
  return { work, sourceDir, submissionsDir, gradesDir, sources };
}

/** The hidden tests' lines of a notebook (between BEGIN and END HIDDEN TESTS), those long enough to be telling. */
export function hiddenTestLines(notebook: Notebook): string[] {
  return notebook.cells.flatMap((cell) => {
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    return [...source.matchAll(/\/\/ BEGIN HIDDEN TESTS\n([\s\S]*?)\/\/ END HIDDEN TESTS/g)].flatMap((m) =>
      m[1]
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l.length >= 12),
    );
  });
}

/**
 * Every answer and misconception value of a notebook's test cells, as text that would show them:
 * strings and numbers as they are, arrays as JSON and (for answers) each of their strings.
 */
export function metadataValues(notebook: Notebook): string[] {
  const asText = (v: unknown): string[] =>
    typeof v === "string" || typeof v === "number" ? [String(v)] : [JSON.stringify(v)];
  return notebook.cells.flatMap((cell) => {
    const academy = (
      cell.metadata as { academy?: { answer?: { value: unknown }; misconceptions?: { value: unknown }[] } }
    ).academy;
    if (!academy) return [];
    const answer = academy.answer?.value;
    const answerParts = Array.isArray(answer) ? answer.filter((x): x is string => typeof x === "string") : [];
    return [
      ...(answer === undefined ? [] : asText(answer)),
      ...answerParts,
      ...(academy.misconceptions ?? []).flatMap((m) => asText(m.value)),
    ];
  });
}

/** A page's text as a reader (or a crawler) could see it: the SVG charts reduced to their <text> labels. */
export function readableText(html: string): string {
  return html.replace(/<svg[\s\S]*?<\/svg>/g, (svg) =>
    [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(" "),
  );
}
