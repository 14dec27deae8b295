/**
 * Incoming messages are checked once, where they arrive: the envelope, and the content of the
 * message types the grader reads. Anything else from a kernel is dropped, never trusted.
 */
import Ajv from "ajv";
import type { Message } from "./messages";

const header = {
  type: "object",
  required: ["msg_id", "msg_type"],
  properties: { msg_id: { type: "string" }, msg_type: { type: "string" } },
};

const envelope = {
  type: "object",
  required: ["header", "parent_header", "metadata", "content"],
  properties: {
    header,
    parent_header: { type: "object" },
    metadata: { type: "object" },
    content: { type: "object" },
  },
};

const contents: Record<string, object> = {
  stream: {
    type: "object",
    required: ["name", "text"],
    properties: { name: { enum: ["stdout", "stderr"] }, text: { type: "string" } },
  },
  display_data: { type: "object", required: ["data"], properties: { data: { type: "object" }, metadata: { type: "object" } } },
  update_display_data: { type: "object", required: ["data"], properties: { data: { type: "object" } } },
  execute_result: { type: "object", required: ["data"], properties: { data: { type: "object" }, metadata: { type: "object" } } },
  error: {
    type: "object",
    required: ["ename", "evalue"],
    properties: { ename: { type: "string" }, evalue: { type: "string" }, traceback: { type: "array", items: { type: "string" } } },
  },
  status: { type: "object", required: ["execution_state"], properties: { execution_state: { type: "string" } } },
  execute_reply: { type: "object", required: ["status"], properties: { status: { type: "string" } } },
  clear_output: { type: "object" },
  kernel_info_reply: { type: "object" },
  shutdown_reply: { type: "object" },
};

const ajv = new Ajv({ allErrors: false });
const validEnvelope = ajv.compile<Message>(envelope);
const validContent = new Map(Object.entries(contents).map(([type, schema]) => [type, ajv.compile(schema)]));

/** True when `value` is a well-formed message of a type the grader understands. */
export function isKnownMessage(value: unknown): value is Message {
  if (!validEnvelope(value)) return false;
  const check = validContent.get(value.header.msg_type);
  return check !== undefined && check(value.content);
}
