export { exercise } from "./exercise";
export type { Exercise, CheckResult } from "./exercise";
export { observe, toJsonValue, OBSERVATION_MIME } from "./observe";
export type { Observation, ObserveOptions } from "./observe";
export { canonical, answerHash, candidateHashes } from "./canonical";
export type { AnswerOptions } from "./canonical";
export { definitionFiles, findDefinition } from "./definitions";
export type { DefinitionFile, ExerciseDefinition, Misconception } from "./definitions";
