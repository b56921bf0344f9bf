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

  /** Streams the commits in git's order (newest first), as git writes them; resolves once git has ended. */
  async read(onCommit: (c: RawCommit) => void): Promise<void> {
    const parser = new LogParser(onCommit);
    const decoder = new StringDecoder("utf8");
    const file = await open(this.file, "r");
    const buf = Buffer.allocUnsafe(1 << 20);
    try {
      for (;;) {
        const ended = this.exited; // checked before reading: a read after git ended sees all it wrote
        const { bytesRead } = await file.read(buf, 0, buf.length, null);
        if (bytesRead > 0) parser.push(decoder.write(buf.subarray(0, bytesRead)));
        else if (ended) break;
        else await Promise.race([this.done, new Promise((r) => setTimeout(r, 5))]);
      }
    } finally {
      await file.close();
    }
    parser.push(decoder.end());
    parser.end();
  }

  dispose(): void {
    if (!this.exited) this.child.kill();
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      // git may still hold the file open (Windows): a leftover temp file must not hide the real error
    }
  }
}

/** The format the parser expects: `--format=` + LOG_FORMAT, with -z. */
export const LOG_FORMAT = "%x01%H%x02%aN%x02%aE%x02%at%x02%ct";

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
    const t = raw.replace(/^\n+/, "");
    if (t === "") return;
    if (t.startsWith(HEADER)) {
      this.flush();
      const [sha, author, email, time, committed] = t.slice(1).split(FIELD);
      this.commit = { sha, author, email, time: Number(time), committed: Number(committed), changes: [] };
      return;
    }
    if (t.startsWith(":")) {
      // --raw: ":100644 100644 abc def R086"
      const status = t.slice(t.lastIndexOf(" ") + 1);
      const letter = status[0];
      this.want = { entry: { status: letter, path: "" }, paths: letter === "R" || letter === "C" ? 2 : 1, numstat: false };
      return;
    }
    const ns = NUMSTAT.exec(t);
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
