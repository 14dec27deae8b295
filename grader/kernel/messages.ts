/**
 * Jupyter messages (protocol 5.3), typed by channel and msg_type as @jupyterlab/services types
 * them, for the few msg_types the grader sends and reads. Messages are checked once, where they
 * arrive (`validate.ts`), and narrowed with the guards below where they are read.
 * https://jupyter-client.readthedocs.io/en/latest/messaging.html
 *
 * ```ts
 * if (isStreamMsg(msg)) console.log(msg.content.name, msg.content.text);
 * ```
 */
import { randomUUID } from "node:crypto";

export interface Header<T extends string = string> {
  msg_id: string;
  msg_type: T;
  session: string;
  username: string;
  date: string;
  version: string;
}

/** One message of type `T` with content `C`, whichever channel it travels on. */
export interface Envelope<T extends string = string, C = unknown> {
  header: Header<T>;
  /** Empty object when the message answers nothing. */
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: C;
  buffers?: Buffer[];
}

export interface StreamContent {
  name: "stdout" | "stderr";
  text: string;
}
export interface DisplayContent {
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  transient?: Record<string, unknown>;
}
export interface ExecuteResultContent extends DisplayContent {
  execution_count?: number | null;
}
export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback?: string[];
}
/** Besides a kernel's own busy/idle/starting, a server relays its view (restarting, dead...). */
export type KernelStatus =
  "busy" | "idle" | "starting" | "restarting" | "autorestarting" | "terminating" | "dead";
export interface StatusContent {
  execution_state: KernelStatus;
}
export interface ClearOutputContent {
  /** true: clear when the next output arrives, not now (no flicker in a frontend). */
  wait?: boolean;
}
export interface ExecuteRequestContent {
  code: string;
  silent: boolean;
  store_history: boolean;
  user_expressions: Record<string, unknown>;
  allow_stdin: boolean;
  stop_on_error: boolean;
}
/** tslab answers `{status: "error"}` with no ename or traceback, and `abort` to a request just after an error. */
export interface ExecuteReplyContent {
  status: "ok" | "error" | "abort" | "aborted";
  execution_count?: number | null;
}

/** Content by msg_type, one map per channel (requests are what we send, the rest what we read). */
export interface IopubContents {
  stream: StreamContent;
  display_data: DisplayContent;
  update_display_data: DisplayContent;
  execute_result: ExecuteResultContent;
  error: ErrorContent;
  status: StatusContent;
  clear_output: ClearOutputContent;
}
export interface ShellContents {
  execute_request: ExecuteRequestContent;
  execute_reply: ExecuteReplyContent;
  kernel_info_request: Record<string, never>;
  kernel_info_reply: Record<string, unknown>;
}
export interface ControlContents {
  shutdown_request: { restart: boolean };
  shutdown_reply: Record<string, unknown>;
}

/** A union of one envelope per msg_type in `T` (so a guard on msg_type narrows the content). */
type Typed<Contents, T extends keyof Contents & string> = { [K in T]: Envelope<K, Contents[K]> }[T];

export type IopubType = keyof IopubContents;
export type ShellType = keyof ShellContents;
export type ControlType = keyof ControlContents;
export type IopubMessage<T extends IopubType = IopubType> = Typed<IopubContents, T>;
export type ShellMessage<T extends ShellType = ShellType> = Typed<ShellContents, T>;
export type ControlMessage<T extends ControlType = ControlType> = Typed<ControlContents, T>;
/** Every message the grader knows, on any channel. */
export type Message = IopubMessage | ShellMessage | ControlMessage;
export type MessageType = Message["header"]["msg_type"];

const iopubTypes: readonly IopubType[] = [
  "stream",
  "display_data",
  "update_display_data",
  "execute_result",
  "error",
  "status",
  "clear_output",
];

export function isIopubMsg(msg: Message): msg is IopubMessage {
  return (iopubTypes as readonly string[]).includes(msg.header.msg_type);
}

/** The message of type `T`, out of every message the grader knows. */
export type MessageOf<T extends MessageType> = Extract<Message, { header: Header<T> }>;

/** A guard that narrows a message to type `T` (one per type below, as @jupyterlab/services has). */
function guard<T extends MessageType>(type: T): (msg: Message) => msg is MessageOf<T> {
  return (msg): msg is MessageOf<T> => msg.header.msg_type === type;
}

export const isStreamMsg = guard("stream");
export const isDisplayDataMsg = guard("display_data");
export const isExecuteResultMsg = guard("execute_result");
export const isErrorMsg = guard("error");
export const isStatusMsg = guard("status");
export const isClearOutputMsg = guard("clear_output");
export const isExecuteReplyMsg = guard("execute_reply");

/** Any reply (execute_reply, kernel_info_reply, shutdown_reply): it answers the request in its parent_header. */
export function isReplyMsg(
  msg: Message,
): msg is ShellMessage<"execute_reply" | "kernel_info_reply"> | ControlMessage<"shutdown_reply"> {
  return msg.header.msg_type.endsWith("_reply");
}

export const PROTOCOL_VERSION = "5.3";

type Contents = IopubContents & ShellContents & ControlContents;

/** A new message of type `T` (a fresh msg_id, no parent), to send. */
export function createMessage<T extends MessageType>(
  msgType: T,
  content: Contents[T],
  session: string,
): Envelope<T, Contents[T]> {
  return {
    header: {
      msg_id: randomUUID(),
      msg_type: msgType,
      session,
      username: "academy",
      date: new Date().toISOString(),
      version: PROTOCOL_VERSION,
    },
    parent_header: {},
    metadata: {},
    content,
  };
}

export function executeRequest(code: string, session: string): ShellMessage<"execute_request"> {
  const content = {
    code,
    silent: false,
    store_history: true,
    user_expressions: {},
    allow_stdin: false,
    stop_on_error: false,
  };
  return createMessage("execute_request", content, session);
}
