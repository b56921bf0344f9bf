import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, openSync, closeSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface FileChange {
  /** A, M, D, T, R, C (score dropped) */
  status: string;
  path: string;
  /** the old path of a rename or copy */
  from?: string;
  added?: number;
  removed?: number;
}

export interface RawCommit {
  sha: string;
  author: string;
  email: string;
  /** author date, seconds */
  time: number;
  /** committer date, seconds: what --since and --until compare, as git does */
  committed: number;
  /** two parents or more: counted in skipped.merges, its changes never read (git log shows none) */
  merge?: true;
  /** its subject says it fixes something (isFixSubject) */
  fix?: true;
  changes: FileChange[];
}

/**
 * `git log` writing into a temp file: git runs at full speed while the caller finds the file scope
 * and parses (a pipe would stall git whenever the main thread is busy), and `read`
 * then follows the file as git goes on writing it, so parsing overlaps git's last stretch and
 * memory stays flat however long the history is.
 */
export class GitLogRun {
  private readonly dir = mkdtempSync(path.join(tmpdir(), "faultline-log-"));
  readonly file = path.join(this.dir, "log");
  readonly done: Promise<{ code: number; stderr: string }>;
  private readonly child: ChildProcess;
  private exited = false;
  /** ended by `stop`, not by git: its exit code says nothing */
  stopped = false;

  constructor(
    readonly root: string,
    readonly args: string[],
  ) {
    const fd = openSync(this.file, "w");
    this.child = spawn("git", ["-c", "core.quotepath=off", "-c", "log.showSignature=false", "log", ...args], {
      cwd: root,
      stdio: ["ignore", fd, "pipe"],
      // git 2.45+: never fetch a missing object from a promisor remote into the analysed repo
      env: { ...process.env, GIT_NO_LAZY_FETCH: "1" },
    });
    closeSync(fd); // the child holds its own copy
    let stderr = "";
    this.child
      .stderr!.setEncoding("utf8")
      .on("data", (d: string) => (stderr.length < 10_000 ? (stderr += d) : undefined));
    this.done = new Promise<{ code: number; stderr: string }>((resolve) => {
      this.child.on("error", (e) => resolve({ code: -1, stderr: e.message }));
      this.child.on("close", (code) => resolve({ code: code ?? -1, stderr }));
    }).then((r) => {
      this.exited = true;
      return r;
    });
  }

  /**
   * Streams the commits in git's order, as git writes them, each with its byte range in the
   * output (for `readRanges`); resolves once git has ended, or as soon as `enough()` says so (the
   * commit being read then is left out).
   */
  async read(onCommit: OnCommit, enough: () => boolean = () => false): Promise<void> {
    const parser = new LogParser(onCommit);
    if (await this.follow((chunk) => parser.push(chunk), enough)) parser.end();
  }

  /**
   * Parses the commits held in byte ranges of the output (complete ones, as `read` reported
   * them), in the order given; ranges next to each other are read in one go, up to a megabyte.
   */
  async readRanges(ranges: [number, number][], onCommit: (c: RawCommit) => void): Promise<void> {
    // one parser for every range: the offsets it would report are not the file's, so none are passed on
    const parser = new LogParser((c) => onCommit(c));
    const file = await open(this.file, "r");
    try {
      for (let i = 0; i < ranges.length;) {
        let lo = ranges[i][0];
        let hi = ranges[i][1];
        let j = i + 1;
        for (; j < ranges.length; j++) {
          const [s, e] = ranges[j];
          if ((e !== lo && s !== hi) || Math.max(hi, e) - Math.min(lo, s) > 1 << 20) break;
          lo = Math.min(lo, s);
          hi = Math.max(hi, e);
        }
        const buf = Buffer.allocUnsafe(hi - lo);
        const { bytesRead } = await file.read(buf, 0, buf.length, lo);
        if (bytesRead !== buf.length)
          throw new Error(`git log output ${this.file}: ${bytesRead} of ${buf.length} bytes read at ${lo}`);
        for (; i < j; i++) {
          parser.push(buf.subarray(ranges[i][0] - lo, ranges[i][1] - lo));
          parser.end();
        }
      }
    } finally {
      await file.close();
    }
  }

  /** Hands each chunk git wrote to `onChunk`; true when it has seen all of git's output. */
  private async follow(onChunk: (chunk: Buffer) => void, enough: () => boolean): Promise<boolean> {
    const file = await open(this.file, "r");
    const buf = Buffer.allocUnsafe(1 << 20);
    try {
      for (;;) {
        if (enough()) return false;
        const ended = this.exited; // checked before reading: a read after git ended sees all it wrote
        const { bytesRead } = await file.read(buf, 0, buf.length, null);
        if (bytesRead > 0) onChunk(buf.subarray(0, bytesRead));
        else if (ended) return true;
        else await Promise.race([this.done, new Promise((r) => setTimeout(r, 5))]);
      }
    } finally {
      await file.close();
    }
  }

  /** Ends git now; `done` still resolves, and `stopped` tells why it ended. */
  stop(): void {
    if (this.exited) return;
    this.stopped = true;
    this.child.kill();
  }

  dispose(): void {
    this.stop();
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      // git may still hold the file open (Windows): a leftover temp file must not hide the real error
    }
  }
}

/** The format the parser expects: `--format=` + LOG_FORMAT, with -z. */
export const LOG_FORMAT = "%x01%H%x02%aN%x02%aE%x02%at%x02%ct%x02%P%x02%s";

/**
 * A commit that fixes something, by its subject: the words fix, bug, hotfix, revert (and their
 * forms: fixes, fixed, bugfix, reverts), or an issue-tracker key such as PROJ-123 (upper case, not a
 * standard such as UTF-8). A `#123`
 * alone does not count: squash merges put a pull request's number on every commit.
 */
const FIX_WORD = /\b(?:fix(?:e[sd]|ing)?|bug(?:s|fix(?:es)?)?|hotfix(?:es)?|revert(?:s|ed)?)\b/i;
// upper case only (`utf-8`, `es-2020` are no keys), and not a standard's name (UTF-8, SHA-256, ISO-8601)
const ISSUE_KEY = /\b([A-Z][A-Z0-9]+)-\d+\b/g;
const STANDARDS = new Set(["UTF", "SHA", "ISO", "ES", "ECMA", "RFC", "AES", "HTTP", "TLS", "IEEE", "WCAG", "UUID"]);
export const isFixSubject = (subject: string) =>
  FIX_WORD.test(subject) || [...subject.matchAll(ISSUE_KEY)].some((m) => !STANDARDS.has(m[1]));

/** A commit and where it lies in git's output: bytes [start, end). */
export type OnCommit = (c: RawCommit, start: number, end: number) => void;

const NUL = 0x00;
const HEADER = 0x01;
const FIELD = 0x02;
const TAB = 0x09;
const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * Parses `git log -z --format=LOG_FORMAT` with --name-status, or with --raw --numstat (for
 * churn), straight from git's bytes: tokens are NUL-separated, and only the strings kept (paths,
 * names) are ever decoded. Paths come raw (spaces, quotes, newlines, unicode).
 */
export class LogParser {
  /** the start of a token split across chunks, copied (the caller reuses its buffer) */
  private carry: Buffer | undefined;
  /** the output offset of the next byte pushed */
  private offset = 0;
  private commit: RawCommit | undefined;
  private commitStart = 0;
  /** paths still to read for the entry in progress */
  private want: { entry: FileChange; paths: number; numstat: boolean } | undefined;

  constructor(private readonly onCommit: OnCommit) {}

  /** The next bytes of the output. */
  push(chunk: Buffer): void {
    let data = chunk;
    let base = this.offset; // the output offset of data[0]
    if (this.carry) {
      base -= this.carry.length;
      data = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    this.offset += chunk.length;
    let from = 0;
    for (let nul = data.indexOf(NUL); nul !== -1; nul = data.indexOf(NUL, from)) {
      this.token(data, from, nul, base);
      from = nul + 1;
    }
    if (from < data.length) this.carry = Buffer.from(data.subarray(from));
  }

  /** The output ended (the last token has no NUL after it). */
  end(): void {
    const rest = this.carry;
    this.carry = undefined;
    if (rest) this.token(rest, 0, rest.length, this.offset - rest.length);
    this.flush(this.offset);
  }

  private flush(end: number): void {
    // a header cut short (git killed while writing it) has no dates: not a commit to count
    if (this.commit && Number.isFinite(this.commit.time) && Number.isFinite(this.commit.committed))
      this.onCommit(this.commit, this.commitStart, end);
    this.commit = undefined;
  }

  /** The token b[s, e), which starts at output offset base + s. */
  private token(b: Buffer, s: number, e: number, base: number): void {
    const w = this.want;
    if (w) {
      const raw = b.toString("utf8", s, e);
      if (w.paths === 2 && w.entry.from === undefined) w.entry.from = raw;
      else w.entry.path = raw;
      w.paths--;
      if (w.paths === 0) {
        this.want = undefined;
        if (w.numstat) this.mergeNumstat(w.entry);
        else this.commit?.changes.push(w.entry);
      }
      return;
    }
    const at = base + s; // a commit's range starts with the newlines before its header
    while (s < e && b[s] === NEWLINE) s++;
    if (s === e) return;
    const first = b[s];
    if (first === HEADER) {
      this.flush(at);
      this.commitStart = at;
      this.commit = header(b, s + 1, e);
      return;
    }
    if (first === 0x3a) {
      // --raw: ":100644 100644 abc def R086"
      const letter = String.fromCharCode(b[b.lastIndexOf(SPACE, e - 1) + 1]);
      this.want = {
        entry: { status: letter, path: "" },
        paths: letter === "R" || letter === "C" ? 2 : 1,
        numstat: false,
      };
      return;
    }
    // numstat rows ("12\t3\tpath", "-\t-\t" for binary files) start with a digit or a dash
    const tab1 = (first >= 0x30 && first <= 0x39) || first === 0x2d ? indexIn(b, TAB, s, e) : -1;
    const tab2 = tab1 !== -1 ? indexIn(b, TAB, tab1 + 1, e) : -1;
    if (tab2 !== -1) {
      const entry: FileChange = {
        status: "",
        path: b.toString("utf8", tab2 + 1, e),
        added: count(b, s, tab1),
        removed: count(b, tab1 + 1, tab2),
      };
      if (tab2 + 1 === e) this.want = { entry, paths: 2, numstat: true };
      else this.mergeNumstat(entry);
      return;
    }
    const letter = String.fromCharCode(first);
    this.want = {
      entry: { status: letter, path: "" },
      paths: letter === "R" || letter === "C" ? 2 : 1,
      numstat: false,
    };
  }

  /** numstat rows follow the raw rows of the same commit, in the same order */
  private mergeNumstat(n: FileChange): void {
    const c = this.commit;
    if (!c) return;
    const target = c.changes.find((x) => x.path === n.path && x.added === undefined);
    if (target) {
      target.added = n.added;
      target.removed = n.removed;
    }
  }
}

/** A commit's header fields, b[s, e): sha, author, email, dates, parents, subject (FIELD between them). */
function header(b: Buffer, s: number, e: number): RawCommit {
  const at: number[] = [];
  for (let i = b.indexOf(FIELD, s); i !== -1 && i < e && at.length < 6; i = b.indexOf(FIELD, i + 1)) at.push(i);
  while (at.length < 6) at.push(e);
  const commit: RawCommit = {
    sha: b.toString("latin1", s, at[0]),
    author: b.toString("utf8", at[0] + 1, at[1]),
    email: b.toString("utf8", at[1] + 1, at[2]),
    time: count(b, at[2] + 1, at[3]),
    committed: count(b, at[3] + 1, at[4]),
    changes: [],
  };
  // two parents or more
  if (at[4] < e && indexIn(b, SPACE, at[4] + 1, at[5]) !== -1) commit.merge = true;
  if (at[5] < e && isFixSubject(b.toString("utf8", at[5] + 1, e))) commit.fix = true;
  return commit;
}

/** The first `byte` in b[s, e), or -1: Buffer.indexOf would search on to the end of the chunk. */
function indexIn(b: Buffer, byte: number, s: number, e: number): number {
  for (let i = s; i < e; i++) if (b[i] === byte) return i;
  return -1;
}

/** The decimal number b[s, e); 0 for git's "-" (a binary file's line count); NaN when empty or not a number. */
function count(b: Buffer, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const d = b[i] - 0x30;
    if (d < 0 || d > 9) return i === s && b[i] === 0x2d ? 0 : NaN;
    n = n * 10 + d;
  }
  return s >= e ? NaN : n;
}
