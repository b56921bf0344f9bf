import type cliProgressModule from "cli-progress";
import { requireCjs } from "../util/cjs.js";
import type { Log } from "../util/log.js";
import type { Io } from "./io.js";

/** cli-progress, loaded only when a bar is drawn (a terminal): piped runs start sooner without it. */
const loadBars = () => requireCjs("cli-progress") as typeof cliProgressModule;

export interface CliLogOptions {
  quiet?: boolean;
  timings?: boolean;
}

export interface CliLog extends Log {
  warnings: number;
  /** with --timings: wall time and peak memory per stage, printed on stderr */
  finish(): void;
}

/**
 * Progress and warnings on stderr: results alone go to stdout. On a terminal a bar shows the
 * stage and its count (cli-progress); otherwise plain lines, one per stage; nothing with
 * --quiet. Colour only on a terminal and never with NO_COLOR.
 */
export function stderrLog(opts: CliLogOptions, io: Io): CliLog {
  const tty = io.errIsTTY && io.errStream !== undefined;
  const color = io.errColor;
  const yellow = (s: string) => (color ? `\x1b[33m${s}\x1b[39m` : s);
  const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[22m` : s);
  let bar: cliProgressModule.SingleBar | undefined;
  const clear = () => {
    bar?.stop();
    bar = undefined;
  };
  const started = performance.now();
  const stages: { stage: string; start: number; end?: number; peakMB?: number }[] = [];
  const mark = (stage: string) => {
    const now = performance.now();
    const last = stages[stages.length - 1];
    if (last?.stage === stage) return;
    if (last) {
      last.end = now;
      last.peakMB = process.resourceUsage().maxRSS / 1024;
    }
    stages.push({ stage, start: now });
  };
  return {
    warnings: 0,
    warn(message: string) {
      this.warnings++;
      clear();
      // warnings show even with --quiet: they change how a result should be read
      io.err(`${yellow("warning:")} ${message}\n`);
    },
    progress(stage: string, detail?: string, count?: { done: number; total: number }) {
      if (opts.timings) mark(stage);
      if (opts.quiet) return;
      if (!tty) {
        // plain lines for logs: stage changes only, counts would flood them
        if (!count) io.err(`${stage}${detail ? `: ${detail}` : ""}\n`);
        return;
      }
      const total = count?.total ?? 1;
      const done = count?.done ?? 0;
      if (!bar) {
        const bars = loadBars();
        bar = new bars.SingleBar(
          {
            format: `${dim("faultline")} {stage} [{bar}] {value}/{total} {detail}`,
            stream: io.errStream,
            hideCursor: true,
            clearOnComplete: true,
            barsize: 24,
          },
          bars.Presets.shades_classic,
        );
        bar.start(total, done, { stage, detail: detail ?? "" });
      } else {
        bar.setTotal(total);
        bar.update(done, { stage, detail: detail ?? "" });
      }
    },
    finish() {
      clear();
      if (!opts.timings) return;
      mark("(end)");
      const rows = stages.filter((s) => s.end !== undefined);
      const width = Math.max(...rows.map((s) => s.stage.length), 5);
      io.err(`${"stage".padEnd(width)}  wall      peak RSS\n`);
      for (const s of rows)
        io.err(
          `${s.stage.padEnd(width)}  ${((s.end! - s.start) / 1000).toFixed(2).padStart(6)} s  ` +
            `${s.peakMB!.toFixed(0).padStart(5)} MB\n`,
        );
      io.err(
        `${"total".padEnd(width)}  ${((performance.now() - started) / 1000).toFixed(2).padStart(6)} s  ` +
          `${(process.resourceUsage().maxRSS / 1024).toFixed(0).padStart(5)} MB\n`,
      );
    },
  };
}
