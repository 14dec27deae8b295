/** What a call printed with console.log, line by line (outside a kernel, displays print their text/plain). */
export function printedLines(run: () => unknown): string[] {
  const log = jest.spyOn(console, "log").mockImplementation(() => {});
  try {
    run();
    return log.mock.calls.map((args: unknown[]) => args.map(String).join(" "));
  } finally {
    log.mockRestore();
  }
}
