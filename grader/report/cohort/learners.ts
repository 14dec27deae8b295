/**
 * Per learner: the modules graded and their scores, the misconceptions hit (each with the section
 * of the module that teaches it), the exercises not answered yet, and the next modules on the
 * learner's suggested path. Information for the instructor; pure functions.
 */
import { DEFAULT_PERSONA, nextModules } from "data-academy";
import type { GradeResult } from "../../grade/types";
import {
  byText,
  round,
  type LearnerSummary,
  type ModuleVersion,
  type ReportInput,
  type RevisitItem,
} from "./aggregate";

/** The learner's result in a module version: the best one when a learner handed in two files for it. */
function bestResult(version: ModuleVersion, learner: string): GradeResult | undefined {
  return version.results
    .filter((r) => r.learner === learner)
    .reduce<GradeResult | undefined>(
      (best, r) => (best === undefined || r.score > best.score ? r : best),
      undefined,
    );
}

function revisitItems(version: ModuleVersion, result: GradeResult): RevisitItem[] {
  return result.exercises
    .filter((e) => e.misconception !== null)
    .map((e) => {
      const summary = version.exercises.find((x) => x.gradeId === e.grade_id);
      const hit = summary?.misconceptions.find((m) => m.id === e.misconception);
      return {
        label: version.label,
        exercise: summary?.exercise ?? e.exercise ?? e.grade_id,
        title: summary?.title ?? e.title ?? "",
        misconception: e.misconception!,
        message: hit?.message ?? "",
        section: summary?.section ?? null,
      };
    });
}

function summarizeLearner(input: ReportInput, modules: ModuleVersion[], learner: string): LearnerSummary {
  const rows: LearnerSummary["modules"] = [];
  const toRevisit: RevisitItem[] = [];
  const notAnswered: LearnerSummary["notAnswered"] = [];
  const stopped: LearnerSummary["stopped"] = [];
  // A module handed in with nothing answered is still to do: the course map suggests it again.
  const started: string[] = [];
  for (const version of modules) {
    const result = bestResult(version, learner);
    if (!result) continue;
    rows.push({ label: version.label, module: version.module, score: result.score, max: result.max });
    if (result.exercises.some((e) => e.status !== "not-answered")) started.push(version.module);
    toRevisit.push(...revisitItems(version, result));
    for (const e of result.exercises.filter((x) => x.status === "not-answered"))
      notAnswered.push({ label: version.label, exercise: e.exercise ?? e.grade_id, title: e.title ?? "" });
    for (const e of result.exercises)
      if (e.error) stopped.push({ label: version.label, exercise: e.exercise ?? e.grade_id, ...e.error });
  }
  const chosen = input.personas.get(learner);
  const persona = chosen ?? DEFAULT_PERSONA;
  const next = nextModules(input.map, { persona, done: started });
  return {
    learner,
    persona,
    personaChosen: chosen !== undefined,
    modules: rows,
    score: round(rows.reduce((sum, r) => sum + r.score, 0)),
    max: round(rows.reduce((sum, r) => sum + r.max, 0)),
    toRevisit,
    notAnswered,
    stopped,
    notGraded: input.results
      .map((l) => l.result)
      .filter((r) => r.learner === learner && r.status !== "graded")
      .map((r) => ({ notebook: r.notebook, status: r.status, message: r.message })),
    next: next.map((m) => ({ id: m.id, title: m.title })),
  };
}

/** Every learner with a result file, by name. */
export function summarizeLearners(input: ReportInput, modules: ModuleVersion[]): LearnerSummary[] {
  const names = [...new Set(input.results.map((l) => l.result.learner))].sort(byText);
  return names.map((learner) => summarizeLearner(input, modules, learner));
}
