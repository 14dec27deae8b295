/** `academy report --personas FILE`: learner → persona, matched without regard to case; every problem names its line. */
import { parsePersonas } from "../../grader/report/cohort/personas";

const PERSONAS = ["analyst", "product manager", "developer"];
const parse = (text: string) => parsePersonas(text, "personas.csv", PERSONAS);

test("a persona per learner, spelt as in the course map, whatever the case; quoted names, CRLF, a BOM and blank lines are fine", () => {
  const text =
    '\uFEFFLearner,Persona\r\nada,Product Manager\r\n\r\n"Lovelace, Ada",DEVELOPER\r\n" bo ",analyst\r\n';
  expect([...parse(text)]).toEqual([
    ["ada", "product manager"],
    ["Lovelace, Ada", "developer"],
    ["bo", "analyst"],
  ]);
});

test.each([
  [
    "no header",
    "ada,analyst\n",
    'personas.csv line 1: the first line must be the header learner,persona (got "ada,analyst")',
  ],
  ["an empty file", "", 'personas.csv line 1: the first line must be the header learner,persona (got "")'],
  [
    "an unknown persona",
    "learner,persona\nada,analyst\nbo,wizard\n",
    'personas.csv line 3: unknown persona "wizard" (the course map has paths for: analyst, product manager, developer)',
  ],
  [
    "a missing field",
    "learner,persona\nada\n",
    "personas.csv line 2: expected 2 fields (learner,persona), got 1",
  ],
  [
    "an extra field",
    "learner,persona\nada,analyst,x\n",
    "personas.csv line 2: expected 2 fields (learner,persona), got 3",
  ],
  ["an empty learner", "learner,persona\n,analyst\n", "personas.csv line 2: the learner is empty"],
  [
    "a learner given two personas",
    "learner,persona\nada,analyst\n\nada,developer\n",
    "personas.csv line 4: ada already has the persona analyst (line 2)",
  ],
  [
    "an unclosed quote",
    'learner,persona\n"ada,analyst\nbo,analyst\n',
    "personas.csv line 2: a quoted field is not closed",
  ],
])("%s is an error naming the line", (_what, text, message) => {
  expect(() => parse(text)).toThrow(message);
});

test("a line number counts the line breaks inside quoted fields", () => {
  expect(() => parse('learner,persona\n"two\nlines",analyst\nbo,wizard\n')).toThrow(
    /^personas\.csv line 4: unknown persona "wizard"/,
  );
});
