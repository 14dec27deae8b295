/**
 * The whole cohort report as data: module versions, learners, how far learners got along the
 * course map, the submissions that could not be graded, and the notices a reader needs before
 * trusting the numbers. Pure: `academy report` reads the files, this decides what they say.
 */
import type { GradeResult } from "../../grade/types";
import {
  byText,
  moduleKey,
  summarizeModules,
  type CohortReport,
  type ModuleVersion,
  type ProgressRow,
  type ReportInput,
} from "./aggregate";
import { summarizeLearners } from "./learners";

/** Per course-map module (map order), then any module outside the map: learners with a graded result. */
function progressRows(input: ReportInput, modules: ModuleVersion[]): ProgressRow[] {
  const learnersOf = new Map<string, Set<string>>();
  for (const { result } of input.results) {
    if (result.status !== "graded") continue;
    const module = moduleKey(result);
    learnersOf.set(module, (learnersOf.get(module) ?? new Set()).add(result.learner));
  }
  const inMap = new Set(input.map.modules.map((m) => m.id));
  const rows = input.map.modules.map((m) => ({
    module: m.id,
    title: m.title,
    inMap: true,
    learners: learnersOf.get(m.id)?.size ?? 0,
  }));
  const outside = [...learnersOf.keys()].filter((id) => !inMap.has(id)).sort(byText);
  const titleOf = (id: string) => modules.find((v) => v.module === id)?.title ?? id;
  return [
    ...rows,
    ...outside.map((id) => ({
      module: id,
      title: titleOf(id),
      inMap: false,
      learners: learnersOf.get(id)!.size,
    })),
  ];
}

const submissions = (n: number) => `${n} submission${n === 1 ? "" : "s"}`;

/** Modules graded against more than one version of their source notebook. */
function versionNotices(report: Pick<CohortReport, "modules">): string[] {
  const byModule = new Map<string, CohortReport["modules"]>();
  for (const v of report.modules) byModule.set(v.module, [...(byModule.get(v.module) ?? []), v]);
  return [...byModule.entries()]
    .filter(([, versions]) => versions.length > 1)
    .map(
      ([module, versions]) =>
        `Module ${module} was graded against ${versions.length} versions of its source notebook (` +
        versions.map((v) => `version ${v.version}: ${submissions(v.results.length)}`).join("; ") +
        "). Each version is reported apart and their numbers are never mixed; grade again against one version to compare them.",
    );
}

/** Source notebooks that are gone or changed since grading: their messages and sections are missing or current. */
function sourceNotices(input: ReportInput, report: Pick<CohortReport, "modules">): string[] {
  const notices: string[] = [];
  for (const v of report.modules) {
    const source = v.results[0].source;
    const info = source ? input.sources.get(source.path) : undefined;
    if (!source || !info) continue;
    if ("problem" in info)
      notices.push(
        `${v.label}: the source notebook ${source.path} is ${info.problem}; misconception messages and sections are not shown.`,
      );
    else if (info.sha256 !== source.sha256)
      notices.push(
        `${v.label}: the source notebook ${source.path} has changed since grading (it is now version ${info.sha256.slice(0, 7)}); misconception messages and sections are read from it as it is now.`,
      );
  }
  return notices;
}

function otherNotices(input: ReportInput, notGraded: number): string[] {
  const notices: string[] = [];
  if (notGraded > 0)
    notices.push(
      `${submissions(notGraded)} could not be graded (listed under "Submissions not graded"); they count in no median.`,
    );
  const withResults = new Set(input.results.map((l) => l.result.learner));
  const absent = [...input.personas.keys()].filter((l) => !withResults.has(l)).sort(byText);
  if (absent.length > 0) notices.push(`In the personas file but with no results: ${absent.join(", ")}.`);
  return notices;
}

export function summarizeCohort(input: ReportInput): CohortReport {
  const modules = summarizeModules(input);
  const results: GradeResult[] = input.results.map((l) => l.result);
  const notGraded = results
    .filter((r) => r.status !== "graded")
    .map((r) => ({ learner: r.learner, notebook: r.notebook, status: r.status, message: r.message }))
    .sort((a, b) => byText(a.learner, b.learner) || byText(a.notebook, b.notebook));
  return {
    submissions: results.length,
    graded: results.length - notGraded.length,
    learners: summarizeLearners(input, modules),
    modules,
    progress: progressRows(input, modules),
    notGraded,
    notices: [
      ...versionNotices({ modules }),
      ...sourceNotices(input, { modules }),
      ...otherNotices(input, notGraded.length),
    ],
  };
}
