/**
 * Least privilege for grading kernels: the strongest isolation this machine allows, found once by
 * probing, applied by rewriting the kernel's command line (the local backend's `wrap` hook).
 *
 * - bubblewrap: the kernel sees the whole file system read-only, except its scratch folder and its
 *   connection folder; no network (ZeroMQ runs over ipc sockets in the connection folder); its own
 *   pid namespace, so everything it starts dies with it; results and sources hidden. When the
 *   grader runs as root, bubblewrap itself runs as a fresh unprivileged uid; when that uid could
 *   not reach the repository (a clone under a folder other users cannot enter, like a `mktemp -d`
 *   folder or a 0750 home), bubblewrap runs as root, covers each such folder with an empty one and
 *   binds back only what the kernel needs (read-only), then drops to the fresh uid inside.
 * - unprivileged-user (root, no bubblewrap): the kernel runs as a fresh unprivileged uid that owns
 *   only its scratch and connection folders; at the end every process of that uid is killed.
 * - scratch-folder: neither is possible (not root, no bubblewrap); the kernel works in its scratch
 *   folder with the grader's own rights.
 *
 * Each kernel gets its own uid (never reused within a run), so that a per-uid process limit
 * (RLIMIT_NPROC) stops a fork bomb without touching other learners' kernels, and "kill every
 * process of this uid" ends children that left the kernel's process group.
 */
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";
import { repoRoot } from "../paths";

export type IsolationKind = "bubblewrap" | "unprivileged-user" | "scratch-folder";

export interface SandboxOptions {
  /** Folders the kernel may write (its scratch folder); the connection folder is added by the hook. */
  writable: string[];
  /** Folders the kernel must not even read (results, reference cache, source notebooks). */
  hidden?: string[];
  /** Most processes and threads the kernel's uid may have at once (RLIMIT_NPROC); 0: no limit. */
  maxProcesses?: number;
  /** Largest file the kernel may write, in bytes (RLIMIT_FSIZE); 0: no limit. */
  maxFileBytes?: number;
}

export interface KernelSandbox {
  kind: IsolationKind;
  /** For the result's `run.isolation`, e.g. "bubblewrap: read-only file system, no network, ...". */
  description: string;
  /** The uid the kernel runs as, when it is not the grader's. */
  uid?: number;
  /** Environment the kernel needs under this isolation (HOME and TMPDIR inside its scratch folder). */
  env: Record<string, string>;
  /** The local backend's wrap hook: the kernel's argv, rewritten. Also hands the connection folder to the kernel's uid. */
  wrap?: (argv: string[], context: { scratchDir: string }) => string[];
  /** Kills whatever is left running as the kernel's uid (children that escaped its process group). */
  sweep(): void;
}

/** A kernel with 2 GiB of heap has ~12 threads; a few child processes (npm, sh) fit too. */
export const DEFAULT_MAX_PROCESSES = 96;
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

interface Capabilities {
  bwrap: boolean;
  /** bubblewrap can be started as an unprivileged uid (needs unprivileged user namespaces) that still reaches the repository. */
  bwrapAsUser: boolean;
  /** Folders above what the kernel needs (the repository, node) that a uid owning nothing cannot enter. */
  blocking: string[];
  setpriv: boolean;
  prlimit: boolean;
  root: boolean;
  /** A kernel can run as a fresh uid without bubblewrap (root, setpriv, and nothing blocking the way to the repository). */
  unprivilegedUser: boolean;
}

let probed: Capabilities | undefined;

function works(argv: string[]): boolean {
  const run = spawnSync(argv[0], argv.slice(1), { stdio: "ignore", timeout: 10_000 });
  return run.status === 0;
}

const PROBE_UID = 0x7ffe_fffe;

/** What this machine allows, probed once per grader process (a few ms). */
export function probeCapabilities(): Capabilities {
  if (probed) return probed;
  const root = process.getuid?.() === 0;
  const setpriv = root && works(["setpriv", "--version"]);
  const prlimit = works(["prlimit", "--version"]);
  const base = [
    "--ro-bind",
    "/",
    "/",
    "--dev",
    "/dev",
    "--proc",
    "/proc",
    "--unshare-net",
    "--unshare-pid",
    "--die-with-parent",
  ];
  const bwrap = works(["bwrap", ...base, ...(root ? ["--cap-drop", "ALL"] : ["--unshare-user"]), "true"]);
  // As a uid that owns nothing: it must still read the kernel's code (node, the repository).
  const bwrapAsUser =
    bwrap &&
    setpriv &&
    works([
      ...dropTo(PROBE_UID),
      "bwrap",
      "--unshare-user",
      ...base,
      process.execPath,
      "-e",
      `require("fs").accessSync(${JSON.stringify(__filename)})`,
    ]);
  const blocking = root ? blockingFolders(kernelNeeds()) : [];
  probed = {
    bwrap,
    bwrapAsUser,
    blocking,
    setpriv,
    prlimit,
    root,
    unprivilegedUser: root && setpriv && blocking.length === 0,
  };
  return probed;
}

/**
 * Runs the rest as `uid`. The parent-death signal is set as well, so that bubblewrap, which this
 * starts, dies with the grader even when the grader is killed outright.
 */
function dropTo(uid: number): string[] {
  return ["setpriv", `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--pdeathsig=KILL", "--"];
}

/** Bubblewrap started as root dies with the grader (its --die-with-parent covers only what is inside). */
const DIE_WITH_GRADER = ["setpriv", "--pdeathsig=KILL", "--"];

/**
 * The drop to `uid` inside a sandbox bubblewrap set up as root: no capabilities left, none to regain.
 * Changing the uid clears the parent-death signal bubblewrap's --die-with-parent set, so setpriv
 * sets it again: a grader killed outright still takes its kernels with it.
 */
function dropInside(uid: number): string[] {
  return [
    "setpriv",
    `--reuid=${uid}`,
    `--regid=${uid}`,
    "--clear-groups",
    "--inh-caps=-all",
    "--bounding-set=-all",
    "--no-new-privs",
    "--pdeathsig=KILL",
    "--",
  ];
}

/** A uid nobody else uses: high, random, and never handed out twice by this grader. */
const handedOut = new Set<number>();
function freshUid(): number {
  for (;;) {
    const uid = 0x4000_0000 + Math.floor(Math.random() * 0x3fff_0000);
    if (!handedOut.has(uid)) {
      handedOut.add(uid);
      return uid;
    }
  }
}

/** Hands a folder (and what is in it) to `uid`, so the kernel can write there and nowhere else. */
function giveTo(dir: string, uid: number): void {
  chownSync(dir, uid, uid);
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (lstatSync(path).isDirectory()) giveTo(path, uid);
    else chownSync(path, uid, uid);
  }
}

function limits(options: SandboxOptions, perUid: boolean): string[] {
  if (!probed?.prlimit) return [];
  const args: string[] = [];
  const nproc = options.maxProcesses ?? DEFAULT_MAX_PROCESSES;
  // RLIMIT_NPROC counts every process of the real uid: only safe with a uid of the kernel's own.
  if (perUid && nproc > 0) args.push(`--nproc=${nproc}:${nproc}`);
  const fsize = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (fsize > 0) args.push(`--fsize=${fsize}:${fsize}`);
  return args.length ? ["prlimit", ...args, "--"] : [];
}

/**
 * bubblewrap's arguments: / read-only, a fresh /dev and /proc, the writable folders bound
 * back in, hidden folders covered by empty read-only ones, no network, own pid namespace.
 * No --new-session: the kernel stays in the process group the grader signals (SIGINT interrupts,
 * SIGKILL ends it); the grader gives it no terminal, so there is none to hijack.
 */
function bwrapArgs(writable: string[], hidden: string[], asUser: boolean, blocking: string[] = []): string[] {
  const args = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"];
  // Folders a uid owning nothing cannot enter: covered by empty ones it can, with only what the
  // kernel needs bound back, read-only (bubblewrap reads the sources from outside, as root).
  for (const dir of blocking) args.push("--tmpfs", dir);
  if (blocking.length)
    for (const need of kernelNeeds())
      if (blocking.some((b) => need.startsWith(`${b}${sep}`))) args.push("--ro-bind", need, need);
  // A hidden folder must not cover what the kernel needs (the repository, its own folders).
  const needed = [repoRoot, ...writable];
  for (const dir of hidden) {
    if (!existsSync(dir) || needed.some((n) => n === dir || n.startsWith(`${dir}${sep}`))) continue;
    if (asUser && !reachableByOthers(dir)) continue; // hidden already (and bwrap, as that uid, could not cover it)
    args.push("--tmpfs", dir, "--remount-ro", dir);
  }
  for (const dir of writable) args.push("--bind", dir, dir);
  args.push("--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent");
  // Covering folders needs root's rights: the drop to the kernel's uid then happens inside (dropInside).
  if (blocking.length) return args;
  args.push(
    ...(asUser
      ? ["--unshare-user", "--disable-userns"]
      : process.getuid?.() === 0
        ? ["--cap-drop", "ALL"]
        : ["--unshare-user"]),
  );
  return args;
}

/** What a kernel reads to run: the repository (tslab, the course library, the lake) and node's own folder. */
const kernelNeeds = (): string[] => [repoRoot, dirname(realpathSync(process.execPath))];

/** The folders above `paths` that others may not enter (no o+x), outermost first, each once. */
export function blockingFolders(paths: string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    const above: string[] = [];
    for (let d = dirname(path); ; d = dirname(d)) {
      above.unshift(d);
      if (dirname(d) === d) break;
    }
    for (const d of above) if ((statSync(d).mode & 0o001) === 0 && !out.includes(d)) out.push(d);
  }
  return out;
}

/** True when a uid that owns nothing can get to `dir` (every folder above it lets others through). */
function reachableByOthers(dir: string): boolean {
  for (let d = dirname(dir); ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (dirname(d) === d) return true;
  }
}

/**
 * SIGINT must reach the kernel but not bubblewrap (which would die of it and take the kernel along):
 * bubblewrap is started with SIGINT ignored (inherited through exec); node resets it at start-up.
 */
const IGNORE_SIGINT = ["sh", "-c", 'trap "" INT; exec "$@"', "sh"];

/** Kills every process of `uid` (run as that uid, `kill -1` reaches exactly those). */
function killAllOf(uid: number): void {
  spawnSync("kill", ["-KILL", "-1"], { uid, gid: uid, stdio: "ignore", timeout: 5_000 });
}

/** The sandbox for one kernel, by what the machine allows (or the kind asked for, if it is available). */
export function createSandbox(
  options: SandboxOptions,
  prefer: IsolationKind | "auto" = "auto",
): KernelSandbox {
  const caps = probeCapabilities();
  const scratch = options.writable[0];
  const tmp = join(scratch ?? tmpdir(), ".tmp");
  // As root with the repository behind a private folder, a fresh uid can reach it only through
  // bubblewrap's mounts: bubblewrap runs as root and the kernel drops to its uid inside.
  const privateRepo = caps.root && caps.blocking.length > 0;
  const coverAsRoot = privateRepo && caps.bwrap && caps.setpriv;
  const kind = isolationKind(caps, prefer, { privateRepo, coverAsRoot });
  if (kind === "scratch-folder") return scratchFolderSandbox(caps, privateRepo);
  mkdirSync(tmp, { recursive: true });
  const env = { HOME: scratch, TMPDIR: tmp };
  const inside = kind === "bubblewrap" && !caps.bwrapAsUser && coverAsRoot; // bubblewrap as root, the uid dropped inside
  const uid =
    caps.root && (kind === "unprivileged-user" || caps.bwrapAsUser || inside) ? freshUid() : undefined;
  if (uid !== undefined) for (const dir of options.writable) giveTo(dir, uid);
  const sweep = () => {
    if (uid !== undefined) killAllOf(uid);
  };
  return kind === "unprivileged-user"
    ? unprivilegedUserSandbox(options, { uid: uid!, env, sweep })
    : bubblewrapSandbox(options, { caps, uid, inside, env, sweep });
}

/** The kind asked for (checked against what the machine allows), else the strongest available. */
function isolationKind(
  caps: Capabilities,
  prefer: IsolationKind | "auto",
  { privateRepo, coverAsRoot }: { privateRepo: boolean; coverAsRoot: boolean },
): IsolationKind {
  const kind: IsolationKind =
    prefer !== "auto"
      ? prefer
      : caps.bwrap && (!caps.root || caps.bwrapAsUser || coverAsRoot)
        ? "bubblewrap"
        : caps.root && caps.setpriv && !privateRepo
          ? "unprivileged-user"
          : "scratch-folder";
  if (kind === "bubblewrap" && !caps.bwrap) throw new Error("bubblewrap is not available on this machine");
  if (kind === "unprivileged-user" && !(caps.root && caps.setpriv))
    throw new Error("an unprivileged user needs a grader running as root, and setpriv");

  if (kind === "unprivileged-user" && privateRepo) {
    throw new Error(
      `an unprivileged user cannot reach the repository: ${caps.blocking.join(", ")} cannot be entered by other users (install bubblewrap, or clone elsewhere)`,
    );
  }
  return kind;
}

function scratchFolderSandbox(caps: Capabilities, privateRepo: boolean): KernelSandbox {
  const why = privateRepo
    ? `no sandbox: the repository sits under ${caps.blocking.join(", ")}, which other users cannot enter, and without bubblewrap a kernel of its own uid could not reach it`
    : "no sandbox available: run the grader as root or install bubblewrap";
  return { kind: "scratch-folder", description: `scratch folder (${why})`, env: {}, sweep() {} };
}

/** What every sandbox with its own folders shares: the kernel's environment and the sweep of its uid. */
interface SandboxParts {
  env: Record<string, string>;
  sweep(): void;
}

function unprivilegedUserSandbox(
  options: SandboxOptions,
  { uid, env, sweep }: SandboxParts & { uid: number },
): KernelSandbox {
  return {
    kind: "unprivileged-user",
    uid,
    description: `unprivileged user (uid ${uid}): writes only its scratch folder; at most ${options.maxProcesses ?? DEFAULT_MAX_PROCESSES} processes; network allowed`,
    env,
    wrap(argv, context) {
      giveTo(context.scratchDir, uid);
      return [...limits(options, true), ...dropTo(uid), ...argv];
    },
    sweep,
  };
}

function bubblewrapSandbox(
  options: SandboxOptions,
  {
    caps,
    uid,
    inside,
    env,
    sweep,
  }: SandboxParts & { caps: Capabilities; uid: number | undefined; inside: boolean },
): KernelSandbox {
  const who = uid !== undefined ? `, runs as uid ${uid}` : "";
  const covered = inside
    ? ` (${caps.blocking.join(", ")} cannot be entered by other users: covered inside the sandbox, the repository bound back read-only)`
    : "";
  return {
    kind: "bubblewrap",
    uid,
    description: `bubblewrap: read-only file system except its scratch folder, results and sources hidden, no network, own pid namespace${who}${covered}`,
    env,
    wrap(argv, context) {
      if (uid !== undefined) giveTo(context.scratchDir, uid);
      const writable = [...options.writable, context.scratchDir];
      if (inside) {
        const sandbox = bwrapArgs(writable, options.hidden ?? [], false, caps.blocking);
        return [
          ...IGNORE_SIGINT,
          ...limits(options, true),
          ...DIE_WITH_GRADER,
          ...sandbox,
          ...dropInside(uid!),
          ...argv,
        ];
      }
      const sandbox = bwrapArgs(writable, options.hidden ?? [], uid !== undefined);
      return [
        ...IGNORE_SIGINT,
        ...limits(options, uid !== undefined),
        ...(uid !== undefined ? dropTo(uid) : []),
        ...sandbox,
        ...argv,
      ];
    },
    sweep,
  };
}
