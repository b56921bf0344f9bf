/**
 * A problem with what the user gave us (a flag, a path, a config file). The CLI prints
 * `message` as one line and exits with `exitCode` (2: bad usage or bad input), never a stack.
 */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = "UserError";
    this.exitCode = exitCode;
  }
}
