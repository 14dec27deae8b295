/** The ZeroMQ wire format without a kernel: signed frames decode, anything forged or malformed is dropped. */
import { createHmac } from "node:crypto";
import { decode, encode } from "../../../grader/kernel/zmq/wire";
import { iopub, stdout } from "../fake-messages";

const KEY = "0123456789abcdef";
const DELIMITER = Buffer.from("<IDS|MSG>");

/** Frames for the given JSON parts, signed with `key` (as a kernel signs them). */
function framesOf(parts: string[], key = KEY): Buffer[] {
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return [DELIMITER, Buffer.from(hmac.digest("hex")), ...parts.map((p) => Buffer.from(p))];
}

test("a signed message decodes to what was encoded, with routing identities before the delimiter", () => {
  const msg = stdout("hello");
  const frames = encode(msg, KEY);
  expect(frames[0]).toEqual(DELIMITER);
  expect(decode(frames, KEY)).toEqual(msg);
  expect(decode([Buffer.from("identity"), ...frames], KEY)).toEqual(msg);
});

test("the signature is HMAC-SHA256 (hex) of header, parent header, metadata and content", () => {
  const msg = stdout("x");
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) => JSON.stringify(p));
  expect(encode(msg, KEY)).toEqual(framesOf(parts));
});

test("a message signed with another key, or changed after signing, is dropped", () => {
  const frames = encode(stdout("hello"), KEY);
  expect(decode(frames, "another key")).toBeUndefined();
  const tampered = [...frames];
  tampered[5] = Buffer.from(JSON.stringify({ name: "stdout", text: "forged" }));
  expect(decode(tampered, KEY)).toBeUndefined();
  const shortSignature = [frames[0], frames[1].subarray(0, 10), ...frames.slice(2)];
  expect(decode(shortSignature, KEY)).toBeUndefined();
});

test("malformed frames are dropped: no delimiter, missing parts, JSON that does not parse", () => {
  const frames = encode(stdout("hello"), KEY);
  expect(decode(frames.slice(1), KEY)).toBeUndefined();
  expect(decode(frames.slice(0, 5), KEY)).toBeUndefined();
  expect(decode([], KEY)).toBeUndefined();
  expect(decode(framesOf(["{", "{}", "{}", "{}"]), KEY)).toBeUndefined();
});

test("well signed but not a message the grader reads: dropped", () => {
  const header = (type: string) => JSON.stringify({ msg_id: "1", msg_type: type });
  // tslab sends execute_input for every cell; the grader does not read it.
  expect(
    decode(framesOf([header("execute_input"), "{}", "{}", JSON.stringify({ code: "1" })]), KEY),
  ).toBeUndefined();
  // a stream without text, and a header without msg_id
  expect(
    decode(framesOf([header("stream"), "{}", "{}", JSON.stringify({ name: "stdout" })]), KEY),
  ).toBeUndefined();
  expect(decode(framesOf([JSON.stringify({ msg_type: "stream" }), "{}", "{}", "{}"]), KEY)).toBeUndefined();
  expect(
    decode(framesOf([header("status"), "{}", "{}", JSON.stringify({ execution_state: "idle" })]), KEY),
  ).toEqual(expect.objectContaining({ content: { execution_state: "idle" } }));
  expect(decode(encode(iopub("clear_output", { wait: true }), KEY), KEY)).toMatchObject({
    content: { wait: true },
  });
});
