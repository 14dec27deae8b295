/** The placeholder format (grader/notebook/markers.ts): what the release writes is what grading recognises. */
import {
  findRegions,
  holdsPlaceholder,
  placeholderCall,
  placeholderLines,
  regionLines,
  releaseSource,
} from "../../grader/notebook/markers";

const topLevel = "let answer: number;\n// BEGIN SOLUTION\nanswer = 6 * 7;\n// END SOLUTION";
const inFunction = "function f(): number {\n  // BEGIN SOLUTION\n  return 42;\n  // END SOLUTION\n}";

test("the placeholder call", () => {
  expect(placeholderCall("201.2")).toBe('todo("201.2")');
});

test("the release's placeholder lines hold the placeholder, at the top level and in a function", () => {
  const [region] = findRegions(topLevel);
  expect(placeholderLines(topLevel, region, "201.2")).toEqual([
    'answer = todo("201.2");',
    "// YOUR ANSWER HERE, in place of the todo line above",
  ]);
  const released = [releaseSource(topLevel, "201.2"), releaseSource(inFunction, "201.2")];
  expect(released[1]).toContain('  return todo("201.2");');
  for (const text of released) {
    expect(holdsPlaceholder(text, "201.2")).toBe(true);
    expect(holdsPlaceholder(text, "201.1")).toBe(false);
  }
});

test("a placeholder retyped with other quotes or spaces still counts; an answer or another call does not", () => {
  expect(holdsPlaceholder("x = todo('201.2');", "201.2")).toBe(true);
  expect(holdsPlaceholder("x = todo( `201.2` );", "201.2")).toBe(true);
  expect(holdsPlaceholder("x = 42; // was todo", "201.2")).toBe(false);
  expect(holdsPlaceholder('x = mytodo("201.2");', "201.2")).toBe(false);
  // The id is matched literally: "." is not "any character".
  expect(holdsPlaceholder('x = todo("20112");', "201.2")).toBe(false);
  expect(holdsPlaceholder('x = todo("201.2", 1);', "201.2")).toBe(false);
});

test("the lines inside regions of one kind", () => {
  const text =
    "a\n// BEGIN HIDDEN TESTS\nb\nc\n// END HIDDEN TESTS\n// BEGIN SOLUTION\nd\n// END SOLUTION\n// BEGIN HIDDEN TESTS\ne\n// END HIDDEN TESTS";
  expect(regionLines(text, "hidden tests")).toEqual(["b", "c", "e"]);
  expect(regionLines(text, "solution")).toEqual(["d"]);
  expect(() => regionLines("// BEGIN SOLUTION\nx", "solution")).toThrow(/never closed/);
});
