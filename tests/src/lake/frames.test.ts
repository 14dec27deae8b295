/** Rows and DataFrames: the two shapes of a table, and the way between them. */
import { DataFrame } from "danfojs-node";
import {
  columnsAndValues,
  dataFrame,
  emptyDataFrame,
  isFrameLike,
  rowsFromColumns,
  rowsOf,
} from "../../../src/lake/frames";

test("rowsOf turns each row of values into an object keyed by column", () => {
  expect(
    rowsOf({
      columns: ["a", "b"],
      values: [
        [1, "x"],
        [2, null],
      ],
    }),
  ).toEqual([
    { a: 1, b: "x" },
    { a: 2, b: null },
  ]);
  expect(rowsOf({ columns: ["a"], values: [] })).toEqual([]);
  const df = new DataFrame({ make: ["Ford", "BMW"], n: [1, 2] });
  expect(rowsOf(df)).toEqual([
    { make: "Ford", n: 1 },
    { make: "BMW", n: 2 },
  ]);
});

test("rowsFromColumns makes `length` rows from columnar data", () => {
  expect(rowsFromColumns({ a: [1, 3], b: [2, 4] }, ["b", "a"], 2)).toEqual([
    { b: 2, a: 1 },
    { b: 4, a: 3 },
  ]);
  expect(Object.keys(rowsFromColumns({ a: [1], b: [2] }, ["b", "a"], 1)[0])).toEqual(["b", "a"]);
  expect(rowsFromColumns({}, [], 2)).toEqual([{}, {}]);
});

test("columnsAndValues takes the columns from every row, in first-seen order, after the given ones", () => {
  const rows = [{ a: 1 }, { b: 2, a: 3 }];
  expect(columnsAndValues(rows)).toEqual({
    columns: ["a", "b"],
    values: [
      [1, undefined],
      [3, 2],
    ],
  });
  expect(columnsAndValues(rows, ["c", "b"])).toEqual({
    columns: ["c", "b", "a"],
    values: [
      [undefined, undefined, 1],
      [undefined, 2, 3],
    ],
  });
  expect(columnsAndValues([], ["c"])).toEqual({ columns: ["c"], values: [] });
});

test("columnsAndValues gives a DataFrame's own columns and values", () => {
  const frame = { columns: ["x", "y"], values: [[1, 2]] };
  expect(columnsAndValues(frame, ["ignored"])).toEqual({ columns: ["x", "y"], values: [[1, 2]] });
  const df = new DataFrame({ x: [1, 2], y: ["a", "b"] });
  expect(columnsAndValues(df)).toEqual({
    columns: ["x", "y"],
    values: [
      [1, "a"],
      [2, "b"],
    ],
  });
});

test("isFrameLike needs column names and values, both lists", () => {
  expect(isFrameLike({ columns: ["a"], values: [[1]] })).toBe(true);
  expect(isFrameLike(new DataFrame({ a: [1] }))).toBe(true);
  expect([null, undefined, [], { columns: ["a"] }, { columns: "a", values: [] }].map(isFrameLike)).toEqual(
    Array(5).fill(false),
  );
});

test("dataFrame builds a danfojs DataFrame with the given dtypes; emptyDataFrame one with no rows", () => {
  const df = dataFrame({ n: [1, 2], at: [new Date(0), null] }, ["n", "at"], ["int32", "datetime"]);
  expect(df.shape).toEqual([2, 2]);
  expect(df.dtypes).toEqual(["int32", "datetime"]);
  const empty = emptyDataFrame(["a", "b"]);
  expect(empty.shape).toEqual([0, 2]);
  expect(empty.columns).toEqual(["a", "b"]);
});
