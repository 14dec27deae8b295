/** Parsers for command-line values shared by the commands (commander argParser functions). */

/** A whole number of at least 1, for counts like --jobs. */
export const positiveInt =
  (name: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${name} must be a whole number of at least 1, got "${value}"`);
    return n;
  };

/** A number of seconds (0: no limit), returned in milliseconds. */
export const seconds =
  (name: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0)
      throw new Error(`${name} must be a number of seconds (0: no limit), got "${value}"`);
    return Math.round(n * 1000);
  };

/** The server flags `academy run` and `academy grade` share. */
export interface ServerFlags {
  server?: string;
  token?: string;
  kernel?: string;
}

/** Adds --server, --token and --kernel to a command. */
export function serverOptions<
  T extends { option(flags: string, description: string, defaultValue?: string): T },
>(command: T, what: string): T {
  return command
    .option("--server <url>", `run the kernels on this Jupyter server or kernel gateway (${what})`)
    .option("--token <token>", "token for --server")
    .option("--kernel <name>", "kernel spec name on --server", "tslab");
}

/** The server to use, from the flags (undefined for local kernels); --token without --server is an error. */
export function serverFrom(
  flags: ServerFlags,
): { url: string; token: string; kernelName?: string } | undefined {
  if (flags.token !== undefined && flags.server === undefined) throw new Error("--token needs --server");
  if (flags.server === undefined) return undefined;
  if (!/^https?:\/\//.test(flags.server))
    throw new Error(`--server must be an http(s) URL like http://127.0.0.1:8888, got "${flags.server}"`);
  silenceLibraryDebug();
  return { url: flags.server, token: flags.token ?? "", kernelName: flags.kernel };
}

/** @jupyterlab/services logs every WebSocket it opens with console.debug: quiet on a command line. */
function silenceLibraryDebug(): void {
  console.debug = () => undefined;
}
