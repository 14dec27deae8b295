/**
 * Scoring, out of the learner's kernel: each test cell's observations against the reference run's.
 * Points for a test cell = points × share of its reference observations matched. A test cell with
 * no observations scores nbgrader-style: full points unless it errors.
 */
import { sameAnswer, type AnswerOptions } from "data-academy";
import {
  academyOf,
  gradeIdOf,
  pointsOf,
  type AcademyCellMeta,
  type MisconceptionSpec,
} from "../notebook/cells";
import { sourceText, type Notebook, type Output } from "../notebook/nbformat";
import { holdsPlaceholder, placeholderCall, regionLines, splitLines } from "../notebook/markers";
import { observationsIn, pairObservations, type Observation } from "./observations";
import type { ExerciseError, ExerciseResult, ExerciseStatus } from "./types";

/** What the reference run (the source notebook with its solutions) produced for one test cell. */
export interface ReferenceCell {
  grade_id: string;
  status: string;
  observations: Observation[];
}

/** The learner's run of one test cell, as the kernel layer reports it. */
export interface LearnerCell {
  status: "ok" | "error" | "timeout" | "dead" | "skipped" | "not-run";
  outputs: Output[];
  stderr: string;
  durationMs: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Lines of the cell's hidden tests, so that no message ever quotes them. */
function hiddenLines(source: string): string[] {
  let lines: string[];
  try {
    lines = regionLines(source, "hidden tests");
  } catch {
    lines = splitLines(source); // markers that do not pair up: guard every line
  }
  return lines.map((l) => l.trim()).filter((l) => l.length >= 8);
}

/**
 * One readable line from a kernel's stderr: the error's name and message, or a TypeScript
 * diagnostic, without the source excerpt tslab prints above it. Nothing that quotes hidden tests.
 */
export function errorSummary(stderr: string, hidden: string[] = []): string {
  const lines = stderr.split("\n").map((l) => l.trimEnd());
  const error =
    lines.find((l) => /^([A-Z][A-Za-z]*)?(Error|Exception)\b/.test(l)) ??
    lines.find((l) => /^\d+:\d+ - /.test(l)) ??
    lines.find((l) => l.trim() !== "") ??
    "an error";
  let text = error.trim();
  if (/^AssertionError/.test(text)) text = "AssertionError: a check in the test cell failed";
  if (hidden.some((h) => text.includes(h) || h.includes(text))) text = "an error inside the hidden tests";
  text = text.replace(/[.\s]+$/, "");
  return text.length > 240 ? `${text.slice(0, 237)}...` : text;
}

/** What to say about an observation that missed, and the misconception it is (on the answer), if known. */
/**
 * The kind of error in a cell's stderr, for counting across a cohort: the error's name
 * ("TypeError", "ReferenceError"), "type error" for a TypeScript diagnostic (tslab prints them as
 * "1:7 - Type 'string' is not assignable..."), else "error".
 */
export function errorKind(stderr: string): string {
  const lines = stderr.split("\n").map((l) => l.trim());
  const named = lines
    .map((l) => /^(?:Uncaught )?((?:[A-Z][A-Za-z]*)?(?:Error|Exception))\b/.exec(l)?.[1])
    .find(Boolean);
  if (named) return named;
  if (lines.some((l) => /^\d+:\d+ - /.test(l))) return "type error";
  return "error";
}

/** The error entry of a result for a cell that stopped, or undefined when it ran to the end. */
export function stopOf(cell: "answer" | "test", status: string, stderr: string): ExerciseError | undefined {
  if (status === "error") return { cell, kind: errorKind(stderr) };
  if (status === "timeout") return { cell, kind: "timeout" };
  if (status === "dead") return { cell, kind: "kernel died" };
  return undefined;
}

function describeMiss(
  expected: Observation,
  actual: Observation | undefined,
  misconceptions: MisconceptionSpec[],
  options: AnswerOptions,
): { message: string; misconception?: string } {
  if (!actual)
    return {
      message: `No value for "${expected.name}": the test cell did not get that far, or the answer is missing.`,
    };
  if (expected.name === "answer") {
    const known = misconceptions.find((m) => sameAnswer(m.value, actual.value, options));
    if (known) return { message: known.message, misconception: known.id };
    return { message: "The answer does not match the expected one." };
  }
  return { message: `The check "${expected.name}" did not give the expected result.` };
}

/** The comparison options of a metadata answer spec (its value left out). */
function answerOptionsOf(answer: AnswerOptions & { value?: unknown }): AnswerOptions {
  const { tolerance, ordered, caseSensitive } = answer;
  return { tolerance, ordered, caseSensitive };
}

/** The feedback line of an exercise whose answer cell still holds the release's placeholder. */
export const notAnsweredMessage = (exercise: string): string =>
  `${exercise} is not answered yet: the answer cell still holds ${placeholderCall(exercise)}.`;

/**
 * Marks a scored exercise "not-answered" when the learner's answer cell still calls the
 * placeholder `todo("<id>")` and the exercise did not earn full points (its points stay as scored:
 * zero for a placeholder, since it matches no reference value).
 */
export function markNotAnswered(scored: ExerciseResult, answerSource: string | undefined): ExerciseResult {
  if (!scored.exercise || answerSource === undefined || scored.status === "correct") return scored;
  if (!holdsPlaceholder(answerSource, scored.exercise)) return scored;
  return { ...scored, status: "not-answered", messages: [notAnsweredMessage(scored.exercise)] };
}

/** A test cell's score so far: its points, status and feedback lines, and the observations matched. */
interface CellScore {
  points: number;
  status: ExerciseStatus;
  messages: string[];
  matched: number;
  /** The id of the misconception the answer matched. */
  misconception?: string;
}

export function scoreTestCell(
  source: Notebook,
  cellIndex: number,
  reference: ReferenceCell | undefined,
  learner: LearnerCell,
): ExerciseResult {
  const cell = source.cells[cellIndex];
  const academy = academyOf(cell) ?? {};
  const max = pointsOf(cell);
  const hidden = hiddenLines(sourceText(cell.source));
  const expected = reference?.observations ?? [];
  const scored = scoreObservations(expected, learner, academy, max);
  const { points, status, messages, matched } = withLearnerStop(scored, learner, hidden, expected.length);
  return {
    grade_id: gradeIdOf(cell) ?? `cell-${cellIndex + 1}`,
    exercise: academy.exercise ?? null,
    title: academy.title ?? null,
    points,
    max,
    status,
    messages,
    hints: status === "correct" ? [] : (academy.hints ?? []).slice(0, 1),
    observations: { matched, total: expected.length },
    duration_ms: Math.round(learner.durationMs),
    misconception: scored.misconception ?? null,
    error: stopOf("test", learner.status, learner.stderr) ?? null,
  };
}

/** Points for the share of reference observations matched; with none, full points unless the cell failed. */
function scoreObservations(
  expected: Observation[],
  learner: LearnerCell,
  academy: AcademyCellMeta,
  max: number,
): CellScore {
  const learnerObservations =
    learner.status === "not-run" || learner.status === "skipped" ? [] : observationsIn(learner.outputs);
  const pairs = pairObservations(expected, learnerObservations);
  // The checked "answer" is compared under the answer's own options from the metadata, exactly as
  // the self-check compares it, so a ✓ in the notebook is full marks for that observation here.
  const optionsOf = (o: Observation): AnswerOptions =>
    o.name === "answer" && academy.answer ? answerOptionsOf(academy.answer) : o.options;
  const matches = (p: (typeof pairs)[number]) =>
    !!p.actual && sameAnswer(p.expected.value, p.actual.value, optionsOf(p.expected));
  const matched = pairs.filter(matches).length;
  const messages: string[] = [];

  if (expected.length === 0) {
    const ok = learner.status === "ok";
    return { points: ok ? max : 0, status: ok ? "correct" : "incorrect", messages, matched };
  }
  const misconceptions = academy.misconceptions ?? [];
  let misconception: string | undefined;
  for (const pair of pairs) {
    if (!pair.actual && learner.status !== "ok") continue; // the stop is reported below
    if (matches(pair)) continue;
    const miss = describeMiss(pair.expected, pair.actual, misconceptions, optionsOf(pair.expected));
    misconception ??= miss.misconception;
    if (!messages.includes(miss.message)) messages.push(miss.message);
  }
  return {
    points: round((max * matched) / expected.length),
    status: matched === expected.length ? "correct" : matched > 0 ? "partial" : "incorrect",
    messages,
    matched,
    ...(misconception !== undefined ? { misconception } : {}),
  };
}

/** A test cell that did not finish: its status (unless already correct) and a first line saying why. */
function withLearnerStop(
  scored: CellScore,
  learner: LearnerCell,
  hidden: string[],
  expectedCount: number,
): CellScore {
  const { status, messages } = scored;
  const keep = (stop: ExerciseStatus): ExerciseStatus => (status === "correct" ? status : stop);
  switch (learner.status) {
    case "error":
      return {
        ...scored,
        status: keep("error"),
        messages: [`The test cell stopped with ${errorSummary(learner.stderr, hidden)}.`, ...messages],
        points: expectedCount === 0 ? 0 : scored.points,
      };
    case "timeout":
      return {
        ...scored,
        status: keep("timeout"),
        messages: [
          "The test cell ran out of time (a loop that never ends, or very slow code?).",
          ...messages,
        ],
      };
    case "dead":
      return {
        ...scored,
        status: keep("dead"),
        messages: [
          "The kernel died while running the test cell (out of memory, or process.exit?).",
          ...messages,
        ],
      };
    case "not-run":
    case "skipped":
      return {
        ...scored,
        status: "not-run",
        messages: ["The test cell never ran: the kernel stopped before it.", ...messages],
      };
    default:
      return scored;
  }
}
