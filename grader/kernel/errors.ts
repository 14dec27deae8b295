/** Errors of the kernel layer. Expected outcomes of a cell (error, timeout, death) are results, not exceptions. */

export class KernelStartError extends Error {
  constructor(
    message: string,
    readonly detail = "",
  ) {
    super(detail ? `${message}\n${detail}` : message);
    this.name = "KernelStartError";
  }
}

export class KernelClosedError extends Error {
  constructor(what: string) {
    super(`${what}: the kernel session is already shut down`);
    this.name = "KernelClosedError";
  }
}

/** A message from a kernel that is malformed or of a type the grader does not read (it is dropped). */
export class InvalidMessageError extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = "InvalidMessageError";
  }
}
