/** errorKind: the kind of a cell's error, as the cohort report counts it (never the message itself). */
import { errorKind, stopOf } from "../../grader/grade/score";

test.each([
  ["TypeError: Cannot read properties of null (reading 'x')\n    at <anonymous>:3:7", "TypeError"],
  ["Error: oops", "Error"],
  ["Uncaught ReferenceError: retailers is not defined", "ReferenceError"],
  ["ReferenceError: retailers is not defined", "ReferenceError"],
  ["2:5 - Type 'string' is not assignable to type 'number'.", "type error"],
  ["some text on stderr", "error"],
  ["", "error"],
])("%j is a %s", (stderr, kind) => {
  expect(errorKind(stderr)).toBe(kind);
});

test("a cell that stopped gives its cell and kind; one that ran to the end gives nothing", () => {
  expect(stopOf("answer", "error", "RangeError: too big")).toEqual({ cell: "answer", kind: "RangeError" });
  expect(stopOf("test", "timeout", "")).toEqual({ cell: "test", kind: "timeout" });
  expect(stopOf("test", "dead", "")).toEqual({ cell: "test", kind: "kernel died" });
  expect(stopOf("answer", "ok", "TypeError: printed, not thrown")).toBeUndefined();
  expect(stopOf("test", "skipped", "")).toBeUndefined();
});
