import { readFileSync } from "node:fs";
import path from "node:path";
import type { CacheStore } from "../cache/store.js";
import { UserError } from "../util/errors.js";
import { DEFAULT_EXCLUDED_AUTHORS, DEFAULT_MAX_CHANGESET } from "./defaults.js";
import type { Log } from "../util/log.js";
import { byString } from "../util/order.js";
import { round } from "../util/round.js";
import { availableParallelism } from "node:os";
import { AuthorIdentities } from "./authors.js";
import { BothEndsRun } from "./bothEnds.js";
import { GitLogRun, LOG_FORMAT, type RawCommit } from "./gitLog.js";
import { countCommits, headSha, isAncestor, isPartialClone, readRepoState, type RepoState } from "./repoState.js";
import { anchorDate } from "./timeAnchor.js";
import type { ChangeHistory, Changeset, FileHistory } from "./types.js";
import { addTo, getOrInsert } from "../util/maps.js";

export interface HistoryOptions {
  since?: string;
  until?: string;
  /** commits touching more analysed files than this are dropped (code-maat's max-changeset-size) */
  maxChangeset?: number;
  /** follow renames (default); false keys files by their path at each commit, as code-maat does */
  renames?: boolean;
  /** regexes matched against "Name <email>"; replaces the default bot list when given */
  excludeAuthors?: string[];
  churn?: boolean;
  /**
   * Read the log from both ends on two cores (BothEndsRun): for a caller that only waits for the
   * log. Not for one with work of its own to do meanwhile (analyze parses TypeScript then).
   */
  bothEnds?: boolean;
}

/**
 * The history stage, in two steps so git runs while the caller computes the file scope:
 * `startHistory` checks the repository and starts `git log`; `collect` reads the log for the
 * files in scope.
 *
 * With a cache folder, the raw commits (paths as git printed them, newest first) are kept,
 * keyed by the log's settings; a later run reads only the commits added since the cached HEAD
 * (`git log OLD..HEAD`) when OLD is an ancestor of HEAD, and nothing when HEAD is unchanged.
 * The --since/--until window is then applied while aggregating, on the committer date as git
 * does, so one cached log serves every window.
 */
export async function startHistory(
  root: string,
  opts: HistoryOptions,
  log: Log,
  cacheDir?: string,
): Promise<PendingHistory> {
  // asked once, before anything is spawned (see isPartialClone)
  const partial = isPartialClone(root);
  if (opts.churn && partial) {
    // line counts need every version of every file: git would fetch them from the remote
    log.warn(
      "partial clone: --churn needs file contents git would fetch from the remote; lines added and removed are left " +
        "out",
    );
    opts = { ...opts, churn: false };
  }
  const renames = opts.renames === false ? "--no-renames" : partial ? "--find-renames=100%" : "-M";
  const format = opts.churn ? ["--raw", "--numstat"] : ["--name-status"];
  // merges stay in the log (git shows no changes for them) to be counted on the way: no second walk
  // a repository analysed from a subfolder of its work tree: paths relative to it, changes outside left out
  const base = ["-z", `--format=${LOG_FORMAT}`, ...format, renames, "--relative"];
  // both logs of a BothEndsRun must walk from the same commit, whatever happens to HEAD meanwhile
  const tip = !cacheDir && opts.bothEnds && availableParallelism() > 1 ? headSha(root) : undefined;
  const logRun = (args: string[]) =>
    tip ? new BothEndsRun(root, [...args, tip, "--"]) : new GitLogRun(root, [...args, "HEAD", "--"]);
  // Without a cache or a window the log's arguments depend only on whether this is a partial
  // clone (a quick synchronous check), so git starts at once, before the state queries and
  // simple-git load: git is the longest step, and everything else overlaps it.
  let early = !cacheDir && !opts.since && !opts.until ? logRun(base) : undefined;
  let state: RepoState;
  try {
    state = await readRepoState(root, partial);
  } catch (e) {
    early?.dispose();
    throw e;
  }
  if (early && !state.head) {
    early.dispose();
    early = undefined;
  }
  const authorRes = (opts.excludeAuthors ?? [DEFAULT_EXCLUDED_AUTHORS]).map((r) => {
    try {
      return new RegExp(r, "i");
    } catch (e) {
      early?.dispose();
      throw new UserError(`--exclude-author ${r}: not a valid regular expression (${(e as Error).message})`);
    }
  });
  const window = {
    since: opts.since ? anchorDate("--since", opts.since, state.headTime) : undefined,
    until: opts.until ? anchorDate("--until", opts.until, state.headTime) : undefined,
  };
  if (window.since !== undefined && window.until !== undefined && window.since >= window.until)
    throw new UserError(`--since ${opts.since} is not before --until ${opts.until}: no commit could be in between`);
  const range: string[] = [];
  if (window.since !== undefined) range.push(`--since=${window.since}`);
  if (window.until !== undefined) range.push(`--until=${window.until}`);
  const pending = new PendingHistory(root, state, authorRes, opts, log, window);
  if (!state.head) return pending;
  if (!cacheDir) {
    pending.run = early ?? logRun([...base, ...range]);
    return pending;
  }
  // loaded only here: node:crypto alone is some 5 ms a history without a cache need not spend
  const { CacheStore, sha1 } = await import("../cache/store.js");
  const cache = new CacheStore<{ head: string; commits: RawCommit[] }>(cacheDir, "history", log);
  // identities come out of git already merged through .mailmap: a new .mailmap means a new log
  const key = sha1(JSON.stringify(base) + mailmapOf(root));
  const hit = cache.get(key);
  pending.cache = { store: cache, key, commits: [] };
  if (hit && hit.head === state.head) {
    pending.cache.commits = hit.commits;
  } else if (hit && (await isAncestor(root, hit.head, state.head))) {
    pending.cache.commits = hit.commits;
    pending.run = new GitLogRun(root, [...base, `${hit.head}..HEAD`, "--"]);
  } else {
    pending.run = new GitLogRun(root, [...base, "HEAD", "--"]);
  }
  return pending;
}

export class PendingHistory {
  run: GitLogRun | BothEndsRun | undefined;
  cache: { store: CacheStore<{ head: string; commits: RawCommit[] }>; key: string; commits: RawCommit[] } | undefined;

  constructor(
    private readonly root: string,
    readonly state: RepoState,
    private readonly excluded: RegExp[],
    private readonly opts: HistoryOptions,
    private readonly log: Log,
    private readonly window: { since?: number; until?: number },
  ) {}

  /** Not needed after all (the caller had the result cached): drop the log run and its temp file. */
  abandon(): void {
    this.run?.dispose();
    this.run = undefined;
  }

  /** Reads the log for the files in scope (repo-relative paths at HEAD). */
  async collect(inScope: Set<string>): Promise<ChangeHistory> {
    const { state, log } = this;
    if (!state.head) {
      log.warn("the repository has no commits yet: no history to read");
      return {
        head: "",
        headDate: "",
        commits: 0,
        skipped: { merges: 0, large: 0, authors: 0 },
        files: [],
        authors: [],
        authorRevisions: [],
        changesets: [],
      };
    }
    if (state.shallow) {
      log.warn(
        `shallow clone: only ${await countCommits(this.root)} commits are visible; revisions and co-change count ` +
          `those alone (git fetch --unshallow for all)`,
      );
    }
    if (state.partial && this.opts.renames !== false) {
      log.warn(
        "partial clone: rename detection needs file contents git would fetch, so only exact renames are followed",
      );
    }
    let agg = new Aggregator(inScope, this.opts, this.excluded);
    const inWindow = (c: RawCommit) =>
      (this.window.since === undefined || c.committed >= this.window.since) &&
      (this.window.until === undefined || c.committed <= this.window.until);
    let fresh: RawCommit[] = [];
    while (this.run) {
      const run = this.run;
      this.run = undefined;
      let result: { code: number; stderr: string };
      try {
        // without a cache, commits stream straight into the aggregator: memory stays flat
        await run.read((c) => (this.cache ? fresh.push(c) : agg.add(c)));
        result = await run.done;
      } finally {
        run.dispose();
      }
      if (result.code === 0) break;
      const weaker = renamesCouldHelp(result.stderr) ? weakerRenames(run.args) : undefined;
      if (weaker) {
        log.warn(
          `git could not read some objects (${result.stderr.trim().split("\n")[0]}); retrying with ${weaker.says}`,
        );
        this.run = new GitLogRun(run.root, weaker.args);
        agg = new Aggregator(inScope, this.opts, this.excluded);
        fresh = [];
        continue;
      }
      const first = result.stderr.trim().split("\n")[0] || `exit code ${result.code}`;
      log.warn(
        `git log stopped early (${first}); the history read up to that point is used (its counts, merges included, ` +
          `cover those commits only)`,
      );
      // never keep a partial log, but use it: the commits read so far, newest first, as without a cache
      if (this.cache) for (const c of fresh) if (inWindow(c)) agg.add(c);
      this.cache = undefined;
    }
    if (this.cache) {
      const all = fresh.length ? fresh.concat(this.cache.commits) : this.cache.commits;
      for (const c of all) if (inWindow(c)) agg.add(c);
      this.cache.store.set(this.cache.key, { head: state.head, commits: all });
      this.cache.store.retain(new Set([this.cache.key]));
      this.cache.store.save();
    }
    const h = agg.finish(state.head, iso(state.headTime));
    if (h.commits === 0) log.warn("no commits touch the analysed files: history is empty");
    return h;
  }
}

/** The repo's .mailmap, as part of what the cached log depends on. */
export function mailmapOf(root: string): string {
  try {
    return readFileSync(path.join(root, ".mailmap"), "utf8");
  } catch {
    return "";
  }
}

const MISSING_OBJECT = /unable to read|missing blob|bad object|could not fetch|does not exist|invalid object/i;

/**
 * Missing objects (a snapshot without its large blobs, a broken partial clone): rename detection
 * is what reads blobs, so a weaker setting may get through; a missing tree or commit it cannot.
 */
function renamesCouldHelp(stderr: string): boolean {
  return MISSING_OBJECT.test(stderr) && !/unable to read tree|bad tree|missing tree|bad commit/i.test(stderr);
}

/** The log's arguments one step down the rename ladder (-M, then exact renames, then none). */
function weakerRenames(args: string[]): { args: string[]; says: string } | undefined {
  const swap = (from: string, to: string) => args.map((a) => (a === from ? to : a));
  if (args.includes("-M")) return { args: swap("-M", "--find-renames=100%"), says: "exact renames only" };
  if (args.includes("--find-renames=100%"))
    return { args: swap("--find-renames=100%", "--no-renames"), says: "renames not followed" };
  return undefined;
}

/**
 * A commit time (whole seconds) as `YYYY-MM-DDTHH:MM:SSZ`, what Date's toISOString gives without
 * the milliseconds: computed (the civil-from-days algorithm) since it runs twice per file and
 * a Date each time was half of `finish` on 3,000 files. Other years go through Date.
 */
export function iso(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds >= 253_402_300_800)
    return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
  const days = Math.floor(seconds / 86_400);
  const secs = seconds - days * 86_400;
  // days since 1970-01-01 to year, month, day (proleptic Gregorian; eras of 400 years from 0000-03-01)
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const two = (n: number) => (n < 10 ? "0" : "") + n;
  const time = `${two(Math.floor(secs / 3600))}:${two(Math.floor(secs / 60) % 60)}:${two(secs % 60)}`;
  return `${year}-${two(month)}-${two(day)}T${time}Z`;
}

/**
 * Folds commits, newest first, into per-file counts and the kept changesets. Files are numbered
 * once, by path, so each change costs one map lookup and no allocation beyond its changeset.
 */
class Aggregator {
  /** the scope, sorted by path: a file's number */
  private readonly paths: string[];
  /**
   * a path at the point of history being read -> the number of the file it is at HEAD (-1: not an
   * analysed file). Starts as the scope itself; renames, adds and deletes rewrite it on the way back.
   */
  private readonly at = new Map<string, number>();
  private readonly revisions: Int32Array;
  private readonly first: Float64Array;
  private readonly last: Float64Array;
  private readonly added: Float64Array;
  private readonly removed: Float64Array;
  private readonly byAuthor: (Map<number, number> | undefined)[];
  /** the commit that last touched each file: a file touched twice in one commit counts once */
  private readonly seen: Int32Array;
  private stamp = 0;
  // scratch, reused by every commit
  private readonly touched: number[] = [];
  private readonly addedNow: Float64Array;
  private readonly removedNow: Float64Array;
  private readonly gone: string[] = [];
  private readonly movedFrom: string[] = [];
  private readonly movedTo: number[] = [];
  private readonly identities = new AuthorIdentities();
  private readonly excludedIdentity = new Map<string, boolean>();
  private readonly changesets: Changeset[] = [];
  private large = 0;
  private merges = 0;
  private finished = false;
  private excludedCommits = 0;
  private readonly max: number;
  private readonly renames: boolean;

  constructor(
    inScope: Set<string>,
    private readonly opts: HistoryOptions,
    private readonly excluded: RegExp[],
  ) {
    this.max = opts.maxChangeset ?? DEFAULT_MAX_CHANGESET;
    this.renames = opts.renames !== false;
    this.paths = [...inScope].sort(byString);
    this.paths.forEach((p, i) => this.at.set(p, i));
    const n = this.paths.length;
    this.revisions = new Int32Array(n);
    this.first = new Float64Array(n).fill(Infinity);
    this.last = new Float64Array(n).fill(-Infinity);
    this.added = new Float64Array(n);
    this.removed = new Float64Array(n);
    this.byAuthor = new Array<Map<number, number> | undefined>(n);
    this.seen = new Int32Array(n);
    this.addedNow = new Float64Array(n);
    this.removedNow = new Float64Array(n);
  }

  add(c: RawCommit): void {
    if (c.merge) {
      this.merges++;
      return;
    }
    const { at, seen, touched, addedNow, removedNow, gone, movedFrom, movedTo } = this;
    const stamp = ++this.stamp;
    touched.length = gone.length = movedFrom.length = movedTo.length = 0;
    // Newest first: a rename a -> b means that, further back, `a` is the file now called name(b),
    // and `b` did not exist yet. Names are looked up before this commit's renames apply.
    for (const ch of c.changes) {
      // following renames, a file at HEAD deleted further back is an older file of that name, which ends here
      if (this.renames && ch.status === "D") {
        gone.push(ch.path);
        continue;
      }
      const i = at.get(ch.path) ?? -1;
      if (i >= 0) {
        if (seen[i] !== stamp) {
          seen[i] = stamp;
          touched.push(i);
          addedNow[i] = removedNow[i] = 0;
        }
        addedNow[i] += ch.added ?? 0;
        removedNow[i] += ch.removed ?? 0;
      }
      if (!this.renames) continue;
      const s = ch.status;
      if (s === "R" && ch.from !== undefined) {
        gone.push(ch.path);
        movedFrom.push(ch.from);
        movedTo.push(i);
      }
    }
    // a file deleted here and re-added later is another file further back: its history ends. An addition ends
    // nothing: in a line of history nothing of the path comes before it but such a deletion, and a commit of another
    // root adding the file again (amplication's bot, merged back) has the file's own history behind it on main
    for (const p of gone) at.set(p, -1);
    for (let k = 0; k < movedFrom.length; k++) at.set(movedFrom[k], movedTo[k]);

    if (touched.length === 0) return;
    const identity = `${c.author} <${c.email}>`;
    const excluded = getOrInsert(this.excludedIdentity, identity, () => this.excluded.some((re) => re.test(identity)));
    if (excluded) {
      this.excludedCommits++;
      return;
    }
    if (touched.length > this.max) {
      this.large++;
      return;
    }
    const author = this.identities.indexOf(c.author, c.email);
    for (const i of touched) {
      this.revisions[i]++;
      if (c.time < this.first[i]) this.first[i] = c.time;
      if (c.time > this.last[i]) this.last[i] = c.time;
      this.added[i] += addedNow[i];
      this.removed[i] += removedNow[i];
      const counts = (this.byAuthor[i] ??= new Map());
      counts.set(author, (counts.get(author) ?? 0) + 1);
    }
    this.changesets.push({ time: c.time, author, files: touched.slice(), ...(c.fix ? { fix: true as const } : {}) });
  }

  finish(head: string, headDate: string): ChangeHistory {
    // the changesets are renumbered in place below: a second call would scramble them
    if (this.finished) throw new Error("Aggregator.finish called twice");
    this.finished = true;
    // the files that changed, still in path order, numbered afresh
    const order: number[] = [];
    const newIndex = new Int32Array(this.paths.length);
    for (let i = 0; i < this.paths.length; i++) if (this.revisions[i] > 0) newIndex[i] = order.push(i) - 1;
    // authors by person: the names one address joined count as one
    const { names: authors, of: person } = this.identities.resolve();
    const byAuthor = order.map((i) => {
      const counts = new Map<number, number>();
      for (const [a, n] of this.byAuthor[i]!) addTo(counts, person[a], n);
      return counts;
    });
    for (const c of this.changesets) c.author = person[c.author];
    const files: FileHistory[] = order.map((i, k) => {
      const counts = [...byAuthor[k].entries()];
      const total = this.revisions[i];
      // main author: most revisions; ties go to the name first in string order
      counts.sort((a, b) => b[1] - a[1] || byString(authors[a[0]], authors[b[0]]));
      const fragmentation = 1 - counts.reduce((s, [, n]) => s + (n / total) ** 2, 0);
      const f: FileHistory = {
        path: this.paths[i],
        revisions: total,
        authors: counts.length,
        mainAuthor: authors[counts[0][0]],
        mainAuthorShare: round(counts[0][1] / total, 4),
        fragmentation: round(fragmentation, 4),
        firstChanged: iso(this.first[i]),
        lastChanged: iso(this.last[i]),
      };
      if (this.opts.churn) {
        f.added = this.added[i];
        f.removed = this.removed[i];
      }
      return f;
    });
    for (const { files } of this.changesets) {
      for (let k = 0; k < files.length; k++) files[k] = newIndex[files[k]];
      if (files.length > 1) files.sort((a, b) => a - b);
    }
    const changesets = this.changesets.reverse(); // oldest first
    return {
      head,
      headDate,
      commits: this.changesets.length,
      skipped: { merges: this.merges, large: this.large, authors: this.excludedCommits },
      files,
      authors,
      authorRevisions: byAuthor,
      changesets,
    };
  }
}
