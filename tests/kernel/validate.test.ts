/** Messages are checked where they arrive: what passes has the typed shape, what fails says why. */
import { InvalidMessageError } from "../../grader/kernel/errors";
import { validateMessage } from "../../grader/kernel/validate";
import { iopub } from "./fake-messages";

const envelope = (msg_type: string, content: unknown) => ({
  header: { msg_id: "m1", msg_type },
  parent_header: {},
  metadata: {},
  content,
});

test("well-formed messages of the types the grader reads pass", () => {
  expect(() => validateMessage(iopub("stream", { name: "stderr", text: "x" }))).not.toThrow();
  expect(() => validateMessage(envelope("execute_reply", { status: "abort" }))).not.toThrow();
  expect(() =>
    validateMessage(envelope("execute_reply", { status: "ok", execution_count: null })),
  ).not.toThrow();
  expect(() => validateMessage(envelope("kernel_info_reply", { protocol_version: "5.3" }))).not.toThrow();
});

test("anything else is refused with the reason", () => {
  expect(() => validateMessage("text")).toThrow(InvalidMessageError);
  expect(() => validateMessage({ header: {}, content: {} })).toThrow(/not a Jupyter message/);
  expect(() => validateMessage(envelope("comm_msg", {}))).toThrow(
    "a message type the grader does not read: comm_msg",
  );
  expect(() => validateMessage(envelope("stream", { name: "stdlog", text: "x" }))).toThrow(
    /bad stream content: content\/name/,
  );
  expect(() => validateMessage(envelope("execute_reply", { status: "fine" }))).toThrow(
    /bad execute_reply content/,
  );
  expect(() => validateMessage(envelope("execute_result", { data: {}, execution_count: "3" }))).toThrow(
    /bad execute_result/,
  );
  expect(() => validateMessage(envelope("status", { execution_state: "sleepy" }))).toThrow(
    /bad status content/,
  );
});
