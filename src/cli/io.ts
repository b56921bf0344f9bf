/**
 * Where a command writes: results to `out`, progress, warnings and errors to `err`. The
 * binary passes the process's streams; tests pass buffers and run the CLI in-process.
 */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: progress bars instead of plain lines */
  errIsTTY: boolean;
  /** colour is allowed on stdout and on stderr (a terminal, and no NO_COLOR) */
  outColor: boolean;
  errColor: boolean;
  /** the folder printed paths are relative to */
  cwd: string;
  /** the stream progress bars draw on (a terminal's stderr) */
  errStream?: NodeJS.WritableStream;
}

export function processIo(): Io {
  const noColor = !!process.env.NO_COLOR;
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    errIsTTY: !!process.stderr.isTTY,
    outColor: !!process.stdout.isTTY && !noColor,
    errColor: !!process.stderr.isTTY && !noColor,
    cwd: process.cwd(),
    errStream: process.stderr,
  };
}

/** An Io that keeps what is written, for running the CLI in-process. */
export function bufferIo(cwd = process.cwd()): Io & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (text) => void out.push(text),
    err: (text) => void err.push(text),
    errIsTTY: false,
    outColor: false,
    errColor: false,
    cwd,
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}
