/**
 * Incoming messages are checked once, where they arrive (the ZeroMQ frames in `zmq/wire.ts`, the
 * server's WebSocket in `server/jupyter-server.ts`): the envelope, and the content of the message
 * types the grader reads, so that the types in `messages.ts` hold. Anything else from a kernel is
 * dropped, never trusted.
 */
import Ajv, { type ValidateFunction } from "ajv";
import { InvalidMessageError } from "./errors";
import type { Message, MessageType } from "./messages";

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

const executionCount = { anyOf: [{ type: "integer" }, { type: "null" }] };
const display = {
  type: "object",
  required: ["data"],
  properties: { data: { type: "object" }, metadata: { type: "object" } },
};

/** The content schema of every type a kernel may send us (requests are only sent, never read). */
const contents: Partial<Record<MessageType, object>> = {
  stream: {
    type: "object",
    required: ["name", "text"],
    properties: { name: { enum: ["stdout", "stderr"] }, text: { type: "string" } },
  },
  display_data: display,
  update_display_data: display,
  execute_result: { ...display, properties: { ...display.properties, execution_count: executionCount } },
  error: {
    type: "object",
    required: ["ename", "evalue"],
    properties: {
      ename: { type: "string" },
      evalue: { type: "string" },
      traceback: { type: "array", items: { type: "string" } },
    },
  },
  status: {
    type: "object",
    required: ["execution_state"],
    properties: {
      execution_state: {
        enum: ["busy", "idle", "starting", "restarting", "autorestarting", "terminating", "dead"],
      },
    },
  },
  clear_output: { type: "object", properties: { wait: { type: "boolean" } } },
  execute_reply: {
    type: "object",
    required: ["status"],
    properties: { status: { enum: ["ok", "error", "abort", "aborted"] }, execution_count: executionCount },
  },
  kernel_info_reply: { type: "object" },
  shutdown_reply: { type: "object" },
};

const ajv = new Ajv({ allErrors: false });
const validEnvelope = ajv.compile<Message>(envelope);
const validContent = new Map<string, ValidateFunction>(
  Object.entries(contents).map(([type, schema]) => [type, ajv.compile(schema)]),
);

/** What is wrong with `value` as a message the grader reads, or undefined when nothing is. */
function problemWith(value: unknown): string | undefined {
  if (!validEnvelope(value)) return `not a Jupyter message: ${ajv.errorsText(validEnvelope.errors)}`;
  const type = value.header.msg_type;
  const check = validContent.get(type);
  if (check === undefined) return `a message type the grader does not read: ${type}`;
  if (!check(value.content))
    return `bad ${type} content: ${ajv.errorsText(check.errors, { dataVar: "content" })}`;
  return undefined;
}

/** Checks a message where it arrives; throws an InvalidMessageError saying what is wrong. */
export function validateMessage(value: unknown): asserts value is Message {
  const problem = problemWith(value);
  if (problem !== undefined) throw new InvalidMessageError(problem);
}
