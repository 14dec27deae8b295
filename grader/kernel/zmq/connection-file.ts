/**
 * The connection file a kernel is started with. We use ZeroMQ's ipc transport (Unix sockets in a
 * private folder): no port races between parallel kernels, and it works where the network is off.
 * tslab builds its endpoints as `${transport}://${ip}:${port}`, so ip is a path prefix here.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ConnectionInfo {
  transport: "ipc" | "tcp";
  ip: string;
  key: string;
  signature_scheme: "hmac-sha256";
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  kernel_name: string;
}

export interface ConnectionFile {
  /** Private folder holding the file and the sockets; removed at shutdown. */
  dir: string;
  path: string;
  info: ConnectionInfo;
}

export function writeConnectionFile(): ConnectionFile {
  // Unix socket paths are limited to ~107 bytes, so keep the folder short.
  const dir = mkdtempSync(join(tmpdir(), "academy-k-"));
  const info: ConnectionInfo = {
    transport: "ipc",
    ip: join(dir, "k"),
    key: randomBytes(32).toString("hex"),
    signature_scheme: "hmac-sha256",
    shell_port: 1,
    iopub_port: 2,
    stdin_port: 3,
    control_port: 4,
    hb_port: 5,
    kernel_name: "tslab",
  };
  const path = join(dir, "connection.json");
  writeFileSync(path, JSON.stringify(info, null, 1), { mode: 0o600 });
  return { dir, path, info };
}

export function endpoint(info: ConnectionInfo, port: number): string {
  return `${info.transport}://${info.ip}:${port}`;
}
