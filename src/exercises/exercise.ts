/**
 * Self-checks, in the style of Kaggle Learn's learntools:
 *
 *   const q = exercise("201.2");
 *   q.check(myAnswer);   // ✓ or ✗ with a message aimed at the mistake you made
 *   q.hint();            // first hint; q.hint(2) the next one
 *   q.solution();        // the code that solves it
 *
 * A check can also be given a way to summarise the answer before comparing, when the answer is a
 * function or a query: `q.check(dedupe, (f) => f(events).length)`. The summary runs inside the
 * check, so an answer that is not written yet (see todo.ts) or that throws gives a message, not
 * an error that stops the notebook. With an async summary, `await` the check.
 *
 * check, hint and solution print and return nothing, so the notebook shows just the message;
 * q.judge(answer) returns the verdict as data instead. Whether an answer is right is decided by
 * `sameAnswer` (same-answer.ts), the rule the grader uses too: a ✓ here means full points there.
 */
import { displayBundle } from "../display";
import { answerHash } from "./same-answer";
import { findDefinition, type ExerciseDefinition } from "./definitions";
import { recordCheck } from "./progress";
import { findNotAnswered, placeholderCount, placeholdersSince } from "./todo";

export type Verdict = "correct" | "misconception" | "wrong" | "not answered";

export interface CheckResult {
  verdict: Verdict;
  correct: boolean;
  message: string;
  /** True when the answer is a known wrong answer with its own message. */
  misconception: boolean;
  /** That wrong answer's id ("vrm-as-key"), when it has one. */
  misconceptionId?: string;
}

export interface Exercise {
  id: string;
  title: string;
  /** Prints ✓ or ✗ and a message ("not answered yet" while the answer is still the placeholder). */
  check(answer: unknown): void;
  /** Summarises the answer with `summarise` (inside the check), then checks the summary. */
  check<T>(answer: T, summarise: (answer: T) => Promise<unknown>): Promise<void>;
  check<T>(answer: T, summarise: (answer: T) => unknown): void;
  /** The verdict as data, printing nothing. */
  judge(answer: unknown): CheckResult;
  /** Prints hint number `level` (1 by default). */
  hint(level?: number): void;
  /** Shows the code that solves it. */
  solution(): void;
}

const result = (verdict: Verdict, message: string): CheckResult => ({
  verdict,
  message,
  correct: verdict === "correct",
  misconception: verdict === "misconception",
});

function notAnswered(id: string, uses?: string): CheckResult {
  if (uses && uses !== id)
    return result(
      "not answered",
      `not answered yet: your answer uses ${uses}, which is not answered yet. Answer ${uses} first, or write this one without it.`,
    );
  return result(
    "not answered",
    `not answered yet. Your answer goes in the cell above, in place of the todo("${id}") line; exercise("${id}").hint() gives a nudge.`,
  );
}

/** The verdict on a plain value. */
function judgeValue(definition: ExerciseDefinition, salt: string, answer: unknown): CheckResult {
  const placeholder = findNotAnswered(answer);
  if (answer === undefined || placeholder) return notAnswered(definition.id, placeholder?.exercise);
  if (typeof answer === "function") {
    return result(
      "wrong",
      "This is a function: the check needs a value. Pass what it returns, like check(myFunction(input)).",
    );
  }
  let hash: string;
  try {
    hash = answerHash(salt, definition.id, answer, definition.answer);
  } catch (err) {
    return result(
      "wrong",
      `This answer cannot be checked: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (hash === definition.answer.hash) {
    const scope = definition.hiddenInputs ? " The grader also checks cases this cell doesn't show." : "";
    return result("correct", `Correct.${definition.explanation ? " " + definition.explanation : ""}${scope}`);
  }
  const known = definition.misconceptions.find((m) => m.hash === hash);
  if (known)
    return { ...result("misconception", known.message), ...(known.id ? { misconceptionId: known.id } : {}) };
  return result(
    "wrong",
    `Not quite. Look at the data again, or ask for a hint with exercise("${definition.id}").hint().`,
  );
}

/** What to say when summarising the answer threw. */
function stopped(definition: ExerciseDefinition, err: unknown, placeholders: string[]): CheckResult {
  if (placeholders.length) return notAnswered(definition.id, placeholders[0]);
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return result("wrong", `Running your answer stopped with ${text}`);
}

/** The verdict on `answer`, summarised by `summarise` first when there is one (a promise if it is async). */
function verdictOf(
  definition: ExerciseDefinition,
  salt: string,
  answer: unknown,
  summarise?: (answer: unknown) => unknown,
): CheckResult | Promise<CheckResult> {
  const before = placeholderCount();
  const placeholder = findNotAnswered(answer);
  if (answer === undefined || placeholder) return notAnswered(definition.id, placeholder?.exercise);
  if (!summarise) return judgeValue(definition, salt, answer);
  const judgeSummary = (summary: unknown): CheckResult => {
    const ran = placeholdersSince(before);
    return ran.length ? notAnswered(definition.id, ran[0]) : judgeValue(definition, salt, summary);
  };
  let summary: unknown;
  try {
    summary = summarise(answer);
  } catch (err) {
    return stopped(definition, err, placeholdersSince(before));
  }
  if (summary instanceof Promise)
    return summary.then(judgeSummary, (err: unknown) => stopped(definition, err, placeholdersSince(before)));
  return judgeSummary(summary);
}

/** Prints the verdict, and remembers it for progress() (progress.ts). */
function print(id: string, verdict: CheckResult): void {
  recordCheck(id, verdict.verdict, verdict.misconceptionId);
  const mark = verdict.verdict === "correct" ? "✓ " : verdict.verdict === "not answered" ? "" : "✗ ";
  console.log(`${mark}${id}: ${verdict.message}`);
}

/** The self-check for exercise `id` (like "201.2"). */
export function exercise(id: string): Exercise {
  const { definition, salt } = findDefinition(id);
  function check(answer: unknown, summarise?: (answer: unknown) => unknown): void | Promise<void> {
    const verdict = verdictOf(definition, salt, answer, summarise);
    if (verdict instanceof Promise) return verdict.then((v) => print(id, v));
    print(id, verdict);
  }
  return {
    id,
    title: definition.title,
    check: check as Exercise["check"],
    judge: (answer: unknown) => judgeValue(definition, salt, answer),
    hint(level = 1): void {
      const hints = definition.hints;
      const n = Math.min(Math.max(1, Math.floor(level)), hints.length);
      const text = hints.length ? `Hint ${n} of ${hints.length}: ${hints[n - 1]}` : "No hints for this one.";
      console.log(text + (n < hints.length ? `  (more: .hint(${n + 1}))` : ""));
    },
    solution(): void {
      displayBundle({
        "text/markdown": "```typescript\n" + definition.solution + "\n```",
        "text/plain": definition.solution,
      });
    },
  };
}
