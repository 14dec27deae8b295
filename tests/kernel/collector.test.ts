/** The output collector without a kernel: order, clear_output (now and waiting), the output cap, kernel time. */
import { OutputCollector } from "../../grader/kernel/collector";
import { iopub, status, stdout } from "./fake-messages";

const display = (html: string) => iopub("display_data", { data: { "text/html": html }, metadata: {} });

test("outputs come in arrival order; consecutive chunks of one stream are merged", () => {
  const collector = new OutputCollector(1024);
  for (const msg of [stdout("a"), stdout("b"), display("<b>c</b>"), stdout("d")]) collector.add(msg);
  collector.add(iopub("stream", { name: "stderr", text: "e" }));
  expect(collector.result()).toEqual([
    { output_type: "stream", name: "stdout", text: "ab" },
    { output_type: "display_data", data: { "text/html": "<b>c</b>" }, metadata: {} },
    { output_type: "stream", name: "stdout", text: "d" },
    { output_type: "stream", name: "stderr", text: "e" },
  ]);
});

test("clear_output without wait clears at once", () => {
  const collector = new OutputCollector(1024);
  collector.add(stdout("old"));
  collector.add(iopub("clear_output", { wait: false }));
  expect(collector.result()).toEqual([]);
  collector.add(stdout("new"));
  expect(collector.result()).toEqual([{ output_type: "stream", name: "stdout", text: "new" }]);
});

test("clear_output with wait clears only when the next output arrives", () => {
  const seen: unknown[] = [];
  const collector = new OutputCollector(1024, (output) => seen.push(output));
  collector.add(stdout("frame 1"));
  collector.add(iopub("clear_output", { wait: true }));
  collector.add(status("busy")); // not an output: the old one stays
  expect(collector.result()).toEqual([{ output_type: "stream", name: "stdout", text: "frame 1" }]);
  collector.add(stdout("frame 2"));
  expect(collector.result()).toEqual([{ output_type: "stream", name: "stdout", text: "frame 2" }]);
  expect(collector.keptBytes).toBe("frame 2".length); // a clear gives the room back
  expect(seen).toHaveLength(2);
});

test("at the cap a stream chunk is cut at a UTF-8 character boundary and the rest counted", () => {
  const collector = new OutputCollector(6);
  collector.add(stdout("ab")); // 2 bytes
  collector.add(stdout("c€d")); // 1 + 3 + 1 bytes: only "c€" fits in the 4 left
  collector.add(stdout("é")); // nothing left
  expect(collector.keptBytes).toBe(6);
  expect(collector.droppedBytes).toBe(1 + 2);
  const [kept, note] = collector.result();
  expect(kept).toEqual({ output_type: "stream", name: "stdout", text: "abc€" });
  expect(note).toEqual({
    output_type: "stream",
    name: "stderr",
    text: "\n[academy] output limit reached: kept 6 bytes, dropped 3 bytes.\n",
  });
});

test("a cut never keeps half a character", () => {
  const collector = new OutputCollector(5);
  collector.add(stdout("abc€")); // € is 3 bytes: 2 of them would fit, none is kept
  expect(collector.result()[0]).toEqual({ output_type: "stream", name: "stdout", text: "abc" });
  expect(collector.keptBytes).toBe(3);
  expect(collector.droppedBytes).toBe(3);
  expect(collector.result()[0]).not.toMatchObject({ text: expect.stringContaining("\uFFFD") });
});

test("a display that does not fit is dropped whole", () => {
  const collector = new OutputCollector(40);
  collector.add(display("<b>far too long for forty bytes of room</b>"));
  collector.add(stdout("fits"));
  expect(collector.result()[0]).toEqual({ output_type: "stream", name: "stdout", text: "fits" });
  expect(collector.droppedBytes).toBeGreaterThan(40);
});

test("error and execute_result become nbformat outputs; busy to idle is the kernel's own time", () => {
  const collector = new OutputCollector(4096);
  collector.add(status("busy", undefined, "2024-01-01T00:00:00.000Z"));
  collector.add(iopub("execute_result", { data: { "text/plain": "5" }, execution_count: 3 }));
  collector.add(iopub("error", { ename: "Error", evalue: "boom" }));
  expect(collector.idle).toBe(false);
  expect(collector.kernelMs()).toBeUndefined();
  collector.add(status("idle", undefined, "2024-01-01T00:00:01.250Z"));
  expect(collector.idle).toBe(true);
  expect(collector.kernelMs()).toBe(1250);
  expect(collector.result()).toEqual([
    { output_type: "execute_result", execution_count: 3, data: { "text/plain": "5" }, metadata: {} },
    { output_type: "error", ename: "Error", evalue: "boom", traceback: [] },
  ]);
});
