import type { Log } from "../util/log.js";

export interface CliLogOptions {
  quiet?: boolean;
}

/** Progress and warnings on stderr: results alone go to stdout. Honours NO_COLOR. */
export function stderrLog(opts: CliLogOptions = {}): Log & { warnings: number } {
  const color = process.stderr.isTTY && !process.env.NO_COLOR;
  const yellow = (s: string) => (color ? `\x1b[33m${s}\x1b[39m` : s);
  const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[22m` : s);
  const log = {
    warnings: 0,
    warn(message: string) {
      log.warnings++;
      // warnings are shown even with --quiet: they change how a result should be read
      process.stderr.write(`${yellow("warning:")} ${message}\n`);
    },
    progress(stage: string, detail?: string) {
      if (opts.quiet) return;
      process.stderr.write(dim(`${stage}${detail ? `: ${detail}` : ""}`) + "\n");
    },
  };
  return log;
}
