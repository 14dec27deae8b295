/** Iopub messages for unit tests of the kernel layer, as a kernel would send them for one request. */
import type { Envelope, IopubContents, IopubMessage, IopubType } from "../../grader/kernel/messages";

export function iopub<T extends IopubType>(
  type: T,
  content: IopubContents[T],
  parentId = "request-1",
  date = new Date().toISOString(),
): IopubMessage<T> {
  const header = {
    msg_id: `${type}-${Math.random()}`,
    msg_type: type,
    session: "kernel",
    username: "k",
    date,
    version: "5.3",
  };
  const msg: Envelope<T, IopubContents[T]> = {
    header,
    parent_header: { msg_id: parentId },
    metadata: {},
    content,
  };
  return msg as IopubMessage<T>;
}

export const stdout = (text: string, parentId?: string) =>
  iopub("stream", { name: "stdout", text }, parentId);
export const status = (state: "busy" | "idle", parentId?: string, date?: string) =>
  iopub("status", { execution_state: state }, parentId, date);
