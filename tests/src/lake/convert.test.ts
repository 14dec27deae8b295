/** Typed values: from file fields to the catalog's types, and a column's type from its values. */
import { inferType, toTyped } from "../../../src/lake/convert";

describe("inferType", () => {
  test("whole numbers are int, any other number makes the column float", () => {
    expect(inferType([1, 2, 3])).toBe("int");
    expect(inferType([1, 2.5])).toBe("float");
    expect(inferType([1n, 2])).toBe("int");
  });

  test("missing values do not count; a column of nothing else is string", () => {
    expect(inferType([null, 1, undefined, NaN])).toBe("int");
    expect(inferType([null, new Date(0)])).toBe("timestamp");
    expect(inferType([])).toBe("string");
    expect(inferType([null, NaN])).toBe("string");
  });

  test("booleans, Dates and objects each have a type; a mix is string", () => {
    expect(inferType([true, false])).toBe("boolean");
    expect(inferType([new Date(0), new Date(1)])).toBe("timestamp");
    expect(inferType([{ a: 1 }, [1, 2]])).toBe("json");
    expect(inferType([1, "2"])).toBe("string");
    expect(inferType([new Date(0), { a: 1 }])).toBe("string");
    expect(inferType([true, 1])).toBe("string");
  });
});

describe("toTyped", () => {
  test("an empty field is null whatever the column's type, and text is typed by the column", () => {
    expect(["int", "string", "date", "boolean"].map((t) => toTyped("", t as "int"))).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(toTyped("42", "int")).toBe(42);
    expect(toTyped("true", "boolean")).toBe(true);
    expect(toTyped("2026-09-07", "date")).toEqual(new Date("2026-09-07"));
    expect(toTyped('{"a":1}', "json")).toEqual({ a: 1 });
    expect(toTyped(0, "string")).toBe("0");
  });
});
