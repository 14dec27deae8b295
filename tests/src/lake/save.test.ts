/** lake.save: the types a saved table comes back with. */
import * as lake from "../../../src/lake";
import { temporaryDirInEnv } from "../../helpers/temporary-dir";

temporaryDirInEnv("DATA_ACADEMY_USER_DIR", "academy-save-");

test("whole numbers are saved as floats, as saved tables always have been", () => {
  lake.save("user/whole_numbers", [
    { id: "a", n: 1, at: new Date(0), ok: true },
    { id: "b", n: null, at: null, ok: null },
  ]);
  const df = lake.load("user/whole_numbers");
  expect(df.dtypes).toEqual(["string", "float32", "datetime", "boolean"]);
  expect(lake.load("user/whole_numbers", { as: "rows" })).toEqual([
    { id: "a", n: 1, at: new Date(0), ok: true },
    { id: "b", n: null, at: null, ok: null },
  ]);
});

test("NaN and undefined are saved as missing; a column of only missing values is text", () => {
  lake.save("user/missing_values", [
    { x: NaN, y: undefined },
    { x: 2.5, y: null },
  ]);
  expect(lake.load("user/missing_values", { as: "rows" })).toEqual([
    { x: null, y: null },
    { x: 2.5, y: null },
  ]);
  expect(lake.load("user/missing_values").dtypes).toEqual(["float32", "string"]);
});

test("big integers, which a DataFrame can hold, are saved as text", () => {
  lake.save("user/big_integers", [{ n: 5n as unknown as number }, { n: null }]);
  expect(lake.load("user/big_integers", { as: "rows" })).toEqual([{ n: "5" }, { n: null }]);
});
