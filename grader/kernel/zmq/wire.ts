/**
 * The Jupyter wire protocol over ZeroMQ: a message is the frames
 * `[identities..., "<IDS|MSG>", hmac, header, parent_header, metadata, content, buffers...]`,
 * where hmac is HMAC-SHA256 (hex) of the four JSON frames under the connection key.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Envelope, Message } from "../messages";
import { validateMessage } from "../validate";

const DELIMITER = Buffer.from("<IDS|MSG>");

function sign(key: string, parts: Buffer[]): string {
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return hmac.digest("hex");
}

export function encode(msg: Envelope, key: string): Buffer[] {
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) =>
    Buffer.from(JSON.stringify(p)),
  );
  return [DELIMITER, Buffer.from(sign(key, parts)), ...parts];
}

/**
 * Parses and checks one received message. Returns undefined for anything malformed, wrongly
 * signed, or of a type the grader does not read.
 */
export function decode(frames: Buffer[], key: string): Message | undefined {
  const at = frames.findIndex((f) => f.equals(DELIMITER));
  if (at < 0 || frames.length < at + 6) return undefined;
  const signature = frames[at + 1];
  const parts = frames.slice(at + 2, at + 6);
  const expected = Buffer.from(sign(key, parts));
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return undefined;
  try {
    const [header, parent_header, metadata, content] = parts.map(
      (p) => JSON.parse(p.toString("utf8")) as unknown,
    );
    const msg = { header, parent_header, metadata, content };
    validateMessage(msg);
    return msg;
  } catch {
    return undefined; // not JSON, or not a message we read (InvalidMessageError)
  }
}
