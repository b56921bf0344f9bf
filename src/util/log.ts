/** Where stages report progress and warnings; the CLI decides how (stderr, quiet, tests). */
export interface Log {
  warn(message: string): void;
  /** Progress of a stage (with a count when it has one): a bar on a TTY, plain lines otherwise, nothing when quiet. */
  progress(stage: string, detail?: string, count?: { done: number; total: number }): void;
}

export const silentLog: Log = { warn() {}, progress() {} };

/** A log that keeps warnings (tests, or callers that print them at the end). */
export function collectingLog(): Log & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (m) => void warnings.push(m), progress() {} };
}

/** Warns once per key: a broken shared tsconfig must not print a line per file. */
export function warnOnce(log: Log): (key: string, message: string) => void {
  const seen = new Set<string>();
  return (key, message) => {
    if (seen.has(key)) return;
    seen.add(key);
    log.warn(message);
  };
}
