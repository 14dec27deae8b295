/**
 * Jupyter messages (protocol 5.3), typed by the few msg_types the grader sends and reads.
 * https://jupyter-client.readthedocs.io/en/latest/messaging.html
 */
import { randomUUID } from "node:crypto";

export interface Header {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface Message<C = Record<string, unknown>> {
  header: Header;
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
  execution_count?: number;
}
export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}
export interface StatusContent {
  execution_state: "busy" | "idle" | "starting";
}
/** tslab answers `{status: "error"}` with no ename or traceback, and `abort` when a request lands just after an error. */
export interface ExecuteReplyContent {
  status: "ok" | "error" | "abort" | "aborted";
  execution_count?: number | null;
}

export const PROTOCOL_VERSION = "5.3";

export function createMessage<C>(msgType: string, content: C, session: string): Message<C> {
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

export function executeRequest(code: string, session: string): Message<Record<string, unknown>> {
  return createMessage(
    "execute_request",
    { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false },
    session,
  );
}
