/** The two tests for a missing value: in JavaScript values, and in the fields of a file. */
import { isEmptyField, isMissing } from "../../src/missing";

test("isMissing: null, undefined and NaN are missing; zero, false and empty text are values", () => {
  expect([null, undefined, NaN, 0 / 0].map(isMissing)).toEqual([true, true, true, true]);
  expect([0, -0, false, "", "NaN", Infinity, [], {}].map(isMissing)).toEqual(Array(8).fill(false));
});

test("isEmptyField: null, undefined and an empty field are missing; NaN cannot come from text", () => {
  expect([null, undefined, ""].map(isEmptyField)).toEqual([true, true, true]);
  expect([" ", "0", 0, false, NaN].map(isEmptyField)).toEqual(Array(5).fill(false));
});
