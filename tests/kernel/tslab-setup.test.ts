/**
 * grader/kernel/tslab-setup.cjs against tslab's own converter (no kernel process): only @types/node
 * is in scope, and a completion inside a string replaces the text typed so far. The kernel-level
 * effects (every notebook still runs, JupyterLab shows dataset names) are in tests/notebooks and
 * tests/browser.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../helpers/repo";

interface Completion {
  start: number;
  end: number;
  candidates: string[];
}
interface Converter {
  complete(prevDecl: string, src: string, position: number): Completion;
  convert(prevDecl: string, src: string): { diagnostics: { messageText: string }[] };
  inspect(
    prevDecl: string,
    src: string,
    position: number,
  ): { documentation?: { text: string }[] } | undefined;
  close(): void;
}

let converter: Converter;
const cwd = process.cwd();

beforeAll(() => {
  // In this order, as in a kernel: the setup patches what the converter then uses.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(repoRoot, "grader", "kernel", "tslab-setup.cjs"));
  // The converter resolves "data-academy" from its working directory, as a kernel does.
  process.chdir(join(repoRoot, "notebooks", "release"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tslab = require("tslab/dist/converter") as { createConverter(o: object): Converter };
  converter = tslab.createConverter({ isJS: false, isBrowser: false });
}, 60_000);

afterAll(() => {
  converter?.close();
  process.chdir(cwd);
});

const head = 'import { lake } from "data-academy";\n';
const completeAtEnd = (code: string) => converter.complete("", head + code, (head + code).length);

test("the kernel runs on UTC, whatever the machine's time zone", () => {
  // In a process of its own, as a kernel is (jest's process.env is not the process's).
  const setup = join(repoRoot, "grader", "kernel", "tslab-setup.cjs");
  const local = (preload: string[]) =>
    execFileSync(process.execPath, [...preload, "-e", "console.log(new Date(2026, 8, 10).toISOString())"], {
      env: { ...process.env, TZ: "Europe/London" },
      encoding: "utf8",
    }).trim();
  expect(local([])).toBe("2026-09-09T23:00:00.000Z");
  expect(local(["--require", setup])).toBe("2026-09-10T00:00:00.000Z");
});

test("only @types/node is in scope: jest's globals are not", () => {
  const { diagnostics } = converter.convert("", 'describe("x", () => undefined);\nprocess.cwd();');
  expect(diagnostics.map((d) => d.messageText)).toEqual([
    expect.stringMatching(/Cannot find name 'describe'/),
  ]);
});

test('lake.load("refined/ offers the dataset names and replaces what was typed of the string', () => {
  const done = completeAtEnd('lake.load("refined/');
  expect(done.candidates).toEqual(expect.arrayContaining(["refined/stock_current", "refined/retailers"]));
  expect(done.candidates.filter((name) => !name.startsWith("refined/"))).toEqual([]);
  expect((head + 'lake.load("refined/').slice(done.start, done.end)).toBe("refined/");
});

test("a row's columns are offered, and hovering one shows the catalog's description", () => {
  const code = 'const row = lake.load("refined/stock_current", { as: "rows" })[0];\nrow.pri';
  const done = completeAtEnd(code);
  expect(done.candidates).toEqual(["price_gbp"]);
  expect((head + code).slice(done.start, done.end)).toBe("pri");
  const hover = head + code.replace(/pri$/, "price_gbp");
  const info = converter.inspect("", hover, hover.length - 2);
  expect(info?.documentation?.map((d) => d.text).join("")).toMatch(/asking price/i);
});
