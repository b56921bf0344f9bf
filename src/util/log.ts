/** Where stages report progress and warnings; the CLI decides how (stderr, quiet, tests). */
export interface Log {
  warn(message: string): void;
  /** Progress of a stage (with a count when it has one): a bar on a TTY, plain lines otherwise, nothing when quiet. */
  progress(stage: string, detail?: string, count?: { done: number; total: number }): void;
}
