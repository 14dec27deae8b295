export { exercise } from "./exercise";
export type { Exercise, CheckResult, Verdict } from "./exercise";
export { observe, OBSERVATION_MIME } from "./observe";
export type { Observation, ObserveOptions } from "./observe";
export {
  canonical,
  sameAnswer,
  answerHash,
  toJsonValue,
  numbersNearEdge,
  roundedToTolerance,
} from "./same-answer";
export type { AnswerOptions } from "./same-answer";
export { todo, isNotAnswered, NotAnswered } from "./todo";
export { definitionFiles, findDefinition } from "./definitions";
export { progress, progressOf, progressText, progressFile } from "./progress";
export type { Progress, ModuleProgress, CheckRecord } from "./progress";
export type { DefinitionFile, ExerciseDefinition, Misconception } from "./definitions";
