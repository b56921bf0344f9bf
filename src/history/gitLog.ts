import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, openSync, closeSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";

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
  changes: FileChange[];
}

const HEADER = "\x01";
const FIELD = "\x02";
const NUMSTAT = /^(\d+|-)\t(\d+|-)\t([\s\S]*)$/;

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
    this.child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr.length < 10_000 ? (stderr += d) : undefined));
    this.done = new Promise<{ code: number; stderr: string }>((resolve) => {
      this.child.on("error", (e) => resolve({ code: -1, stderr: e.message }));
      this.child.on("close", (code) => resolve({ code: code ?? -1, stderr }));
    }).then((r) => {
      this.exited = true;
      return r;
    });
  }

  /**
   * Streams the commits in git's order, as git writes them; resolves once git has ended, or as
   * soon as `enough()` says so (the commit being read then is left out).
   */
  async read(onCommit: (c: RawCommit) => void, enough: () => boolean = () => false): Promise<void> {
    const parser = chunkParser(onCommit);
    if (await this.follow(parser.push, enough)) parser.end();
  }

  /**
   * Follows the output as git writes it, without parsing it: reports each complete commit's sha
   * and byte range, for `readRanges`. Resolves once git has ended or `enough()` says so.
   */
  async scan(onCommit: (sha: string, start: number, end: number) => void, enough: () => boolean, parsed?: (c: RawCommit) => void): Promise<void> {
    // parsed as well, when asked: the caller may keep some commits instead of reading them again
    const parser = parsed && chunkParser(parsed);
    let carry = Buffer.alloc(0);
    let carryAt = 0; // the file offset of carry[0]
    let open: { sha: string; start: number } | undefined;
    const token = (t: Buffer, at: number) => {
      const sha = headerSha(t);
      if (sha === undefined) return;
      if (open) onCommit(open.sha, open.start, at);
      open = { sha, start: at };
    };
    const complete = await this.follow((chunk) => {
      parser?.push(chunk);
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let from = 0;
      for (let nul = data.indexOf(0); nul !== -1; nul = data.indexOf(0, from)) {
        token(data.subarray(from, nul), carryAt + from);
        from = nul + 1;
      }
      carry = Buffer.from(data.subarray(from));
      carryAt += from;
    }, enough);
    if (!complete) return;
    token(carry, carryAt); // the last token has no NUL after it
    if (open) onCommit(open.sha, open.start, carryAt + carry.length);
    parser?.end();
  }

  /**
   * Parses the commits held in byte ranges of the output (complete ones, from `scan`), in the
   * order given; ranges next to each other are read in one go, up to a megabyte.
   */
  async readRanges(ranges: [number, number][], onCommit: (c: RawCommit) => void): Promise<void> {
    const parser = new LogParser(onCommit);
    const file = await open(this.file, "r");
    try {
      for (let i = 0; i < ranges.length; ) {
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
        if (bytesRead !== buf.length) throw new Error(`git log output ${this.file}: ${bytesRead} of ${buf.length} bytes read at ${lo}`);
        for (; i < j; i++) {
          parser.push(buf.toString("utf8", ranges[i][0] - lo, ranges[i][1] - lo));
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

/** A LogParser fed raw bytes (decoded as UTF-8 across chunk boundaries). */
function chunkParser(onCommit: (c: RawCommit) => void): { push: (chunk: Buffer) => void; end: () => void } {
  const parser = new LogParser(onCommit);
  const decoder = new StringDecoder("utf8");
  return {
    push: (chunk) => parser.push(decoder.write(chunk)),
    end: () => {
      parser.push(decoder.end());
      parser.end();
    },
  };
}

/** The sha of a commit's first token (`\n*` HEADER sha FIELD ...), or undefined for any other token. */
function headerSha(t: Buffer): string | undefined {
  let i = 0;
  while (t[i] === 0x0a) i++;
  if (t[i] !== 0x01) return undefined;
  const end = t.indexOf(0x02, i);
  const sha = t.toString("latin1", i + 1, end);
  return end !== -1 && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}

/** The format the parser expects: `--format=` + LOG_FORMAT, with -z. */
export const LOG_FORMAT = "%x01%H%x02%aN%x02%aE%x02%at%x02%ct%x02%P";

/**
 * Parses `git log -z --format=LOG_FORMAT` with --name-status, or with --raw --numstat (for
 * churn). Tokens are NUL-separated; paths come raw (spaces, quotes, newlines, unicode).
 */
export class LogParser {
  private rest = "";
  private commit: RawCommit | undefined;
  /** paths still to read for the entry in progress */
  private want: { entry: FileChange; paths: number; numstat: boolean } | undefined;

  constructor(private readonly onCommit: (c: RawCommit) => void) {}

  push(text: string): void {
    const tokens = (this.rest + text).split("\0");
    this.rest = tokens.pop() ?? "";
    for (const t of tokens) this.token(t);
  }

  end(): void {
    if (this.rest) this.token(this.rest);
    this.rest = "";
    this.flush();
  }

  private flush(): void {
    if (this.commit) this.onCommit(this.commit);
    this.commit = undefined;
  }

  private token(raw: string): void {
    if (this.want) {
      const w = this.want;
      if (w.paths === 2 && w.entry.from === undefined) {
        w.entry.from = raw;
      } else {
        w.entry.path = raw;
      }
      w.paths--;
      if (w.paths === 0) {
        this.want = undefined;
        if (w.numstat) this.mergeNumstat(w.entry);
        else this.commit?.changes.push(w.entry);
      }
      return;
    }
    const t = raw.charCodeAt(0) === 10 ? raw.replace(/^\n+/, "") : raw;
    if (t === "") return;
    if (t.startsWith(HEADER)) {
      this.flush();
      const [sha, author, email, time, committed, parents] = t.slice(1).split(FIELD);
      this.commit = { sha, author, email, time: Number(time), committed: Number(committed), changes: [] };
      if (parents?.includes(" ")) this.commit.merge = true;
      return;
    }
    if (t.startsWith(":")) {
      // --raw: ":100644 100644 abc def R086"
      const status = t.slice(t.lastIndexOf(" ") + 1);
      const letter = status[0];
      this.want = { entry: { status: letter, path: "" }, paths: letter === "R" || letter === "C" ? 2 : 1, numstat: false };
      return;
    }
    const ns = t.includes("\t") ? NUMSTAT.exec(t) : null; // only numstat rows hold a tab
    if (ns) {
      const entry: FileChange = { status: "", path: ns[3], added: num(ns[1]), removed: num(ns[2]) };
      if (ns[3] === "") this.want = { entry, paths: 2, numstat: true };
      else this.mergeNumstat(entry);
      return;
    }
    const letter = t[0];
    this.want = { entry: { status: letter, path: "" }, paths: letter === "R" || letter === "C" ? 2 : 1, numstat: false };
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

function num(s: string): number {
  return s === "-" ? 0 : Number(s);
}
