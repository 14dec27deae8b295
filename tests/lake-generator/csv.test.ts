/** The repository's one CSV writer: RFC 4180 quoting, and the formula escaping gradebook.csv asks for. */
import { csvField, csvLines, parseCsv, toCsv } from "../../lake-generator/csv";

describe("csvField", () => {
  test.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["", ""],
    [" padded ", " padded "],
  ])("%j is written as %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  test("null is an empty field and numbers are written as JavaScript prints them", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(0)).toBe("0");
    expect(csvField(-1.5)).toBe("-1.5");
  });

  test("without escapeFormulae, text that looks like a formula is left as it is", () => {
    expect(csvField("=1+1")).toBe("=1+1");
    expect(csvField("-3")).toBe("-3");
  });
});

describe("csvField with escapeFormulae (spreadsheet formula injection)", () => {
  const safe = (value: string | number | null) => csvField(value, { escapeFormulae: true });

  test.each([
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", '"\'\rcmd"'],
    ["=1,2", '"\'=1,2"'],
  ])("%j becomes %j", (value, expected) => {
    expect(safe(value)).toBe(expected);
  });

  test("only a leading character counts, and numbers are never prefixed", () => {
    expect(safe("a=b")).toBe("a=b");
    expect(safe(" =x")).toBe(" =x");
    expect(safe(-1)).toBe("-1");
    expect(safe(null)).toBe("");
  });
});

describe("csvLines and toCsv", () => {
  test("every line ends with the line end, the last one too", () => {
    expect(
      csvLines([
        ["a", "b"],
        [1, null],
      ]),
    ).toBe("a,b\n1,\n");
    expect(
      csvLines(
        [
          ["a", "b"],
          [1, null],
        ],
        { lineEnd: "\r\n" },
      ),
    ).toBe("a,b\r\n1,\r\n");
    expect(csvLines([])).toBe("");
  });

  test("toCsv writes the header, then the columns in the order given; missing and null are empty", () => {
    const text = toCsv([{ b: "x, y", a: 1 }, { a: null }], ["a", "b"]);
    expect(text).toBe('a,b\n1,"x, y"\n,\n');
  });

  test("what toCsv writes, parseCsv reads back as text", () => {
    const rows = [
      { id: "1", note: 'quote " comma , newline \n end' },
      { id: "2", note: "" },
    ];
    expect(parseCsv(toCsv(rows, ["id", "note"]))).toEqual(rows);
  });
});
