/**
 * Self-checks, in the style of Kaggle Learn's learntools:
 *
 *   const q = exercise("201.2");
 *   q.check(myAnswer);   // ✓ or ✗ with a message aimed at the mistake you made
 *   q.hint();            // first hint; q.hint(2) the next one
 *   q.solution();        // the code that solves it
 *
 * check, hint and solution print and return nothing, so the notebook shows just the message;
 * q.judge(answer) returns the verdict as data instead.
 */
import { displayBundle } from "../display";
import { candidateHashes } from "./canonical";
import { findDefinition, type ExerciseDefinition } from "./definitions";

export interface CheckResult {
  correct: boolean;
  message: string;
  /** True when the answer is a known wrong answer with its own message. */
  misconception: boolean;
}

export interface Exercise {
  id: string;
  title: string;
  /** Prints ✓ or ✗ and a message. */
  check(answer: unknown): void;
  /** The verdict as data, printing nothing. */
  judge(answer: unknown): CheckResult;
  /** Prints hint number `level` (1 by default). */
  hint(level?: number): void;
  /** Shows the code that solves it. */
  solution(): void;
}

function judge(definition: ExerciseDefinition, salt: string, answer: unknown): CheckResult {
  if (answer === undefined) {
    return { correct: false, misconception: false, message: "There is no answer yet: the variable is undefined. Assign your answer to it, then run the check again." };
  }
  const hashes = candidateHashes(salt, definition.id, answer, definition.answer);
  if (hashes.includes(definition.answer.hash)) {
    return { correct: true, misconception: false, message: `Correct.${definition.explanation ? " " + definition.explanation : ""}` };
  }
  const known = definition.misconceptions.find((m) => hashes.includes(m.hash));
  if (known) return { correct: false, misconception: true, message: known.message };
  return { correct: false, misconception: false, message: "Not quite. Look at the data again, or ask for a hint with .hint()." };
}

/** The self-check for exercise `id` (like "201.2"). */
export function exercise(id: string): Exercise {
  const { definition, salt } = findDefinition(id);
  return {
    id,
    title: definition.title,
    check(answer: unknown): void {
      const result = judge(definition, salt, answer);
      console.log(`${result.correct ? "✓" : "✗"} ${id}: ${result.message}`);
    },
    judge: (answer: unknown) => judge(definition, salt, answer),
    hint(level = 1): void {
      const hints = definition.hints;
      const n = Math.min(Math.max(1, Math.floor(level)), hints.length);
      const text = hints.length ? `Hint ${n} of ${hints.length}: ${hints[n - 1]}` : "No hints for this one.";
      console.log(text + (n < hints.length ? `  (more: .hint(${n + 1}))` : ""));
    },
    solution(): void {
      displayBundle({ "text/markdown": "```typescript\n" + definition.solution + "\n```", "text/plain": definition.solution });
    },
  };
}
