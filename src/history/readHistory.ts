import { UserError } from "../util/errors.js";
import type { Log } from "../util/log.js";
import { byString } from "../util/paths.js";
import { round } from "../util/round.js";
import { GitLogRun, LOG_FORMAT, type RawCommit } from "./gitLog.js";
import { countCommits, countMerges, readRepoState, type RepoState } from "./repoState.js";
import { anchorDate } from "./timeAnchor.js";
import type { ChangeHistory, Changeset, FileHistory } from "./types.js";

/** Bots whose commits say nothing about ownership or coupling (matched against "Name <email>"). */
export const DEFAULT_EXCLUDED_AUTHORS = "\\[bot\\]|^(dependabot|renovate|greenkeeper|snyk-bot|semantic-release-bot|github-actions|imgbot)\\b";

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
}

export const DEFAULT_MAX_CHANGESET = 30;

/**
 * The history stage, in two steps so git runs while the caller computes the file scope:
 * `startHistory` checks the repository and starts `git log`; `collect` reads the log for the
 * files in scope.
 */
export async function startHistory(root: string, opts: HistoryOptions, log: Log): Promise<PendingHistory> {
  const state = await readRepoState(root);
  const authorRes = (opts.excludeAuthors ?? [DEFAULT_EXCLUDED_AUTHORS]).map((r) => {
    try {
      return new RegExp(r, "i");
    } catch (e) {
      throw new UserError(`--exclude-author ${r}: not a valid regular expression (${(e as Error).message})`);
    }
  });
  if (!state.head) return new PendingHistory(state, undefined, [], authorRes, opts, log);
  const range: string[] = [];
  if (opts.since) range.push(`--since=${anchorDate("--since", opts.since, state.headTime)}`);
  if (opts.until) range.push(`--until=${anchorDate("--until", opts.until, state.headTime)}`);
  const renames = opts.renames === false ? ["--no-renames"] : state.partial ? ["--find-renames=100%"] : ["-M"];
  const format = opts.churn ? ["--raw", "--numstat"] : ["--name-status"];
  const args = ["--no-merges", "-z", `--format=${LOG_FORMAT}`, ...format, ...renames, ...range, "HEAD", "--"];
  return new PendingHistory(state, new GitLogRun(root, args), range, authorRes, opts, log, root);
}

export class PendingHistory {
  constructor(
    readonly state: RepoState,
    private readonly run: GitLogRun | undefined,
    private readonly range: string[],
    private readonly excluded: RegExp[],
    private readonly opts: HistoryOptions,
    private readonly log: Log,
    private readonly root = "",
  ) {}

  /** Reads the log for the files in scope (repo-relative paths at HEAD). */
  async collect(inScope: Set<string>): Promise<ChangeHistory> {
    const { state, log } = this;
    const empty = (): ChangeHistory => ({
      head: state.head ?? "", headDate: state.head ? iso(state.headTime) : "", commits: 0,
      skipped: { merges: 0, large: 0, authors: 0 }, files: [], authors: [], authorRevisions: [], changesets: [],
    });
    if (!this.run) {
      log.warn("the repository has no commits yet: no history to read");
      return empty();
    }
    if (state.shallow) {
      log.warn(`shallow clone: only ${await countCommits(this.root)} commits are visible; revisions and co-change count those alone (git fetch --unshallow for all)`);
    }
    if (state.partial && this.opts.renames !== false) {
      log.warn("partial clone: rename detection needs file contents git would fetch, so only exact renames are followed");
    }
    const agg = new Aggregator(inScope, this.opts, this.excluded);
    const result = await this.run.done;
    try {
      await this.run.read((c) => agg.add(c));
    } finally {
      this.run.dispose();
    }
    if (result.code !== 0) {
      const first = result.stderr.trim().split("\n")[0] || `exit code ${result.code}`;
      log.warn(`git log stopped early (${first}); the history read up to that point is used`);
    }
    const merges = await countMerges(this.root, this.range);
    const h = agg.finish(state.head!, iso(state.headTime), merges);
    if (h.commits === 0) log.warn("no commits touch the analysed files: history is empty");
    return h;
  }
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

class Aggregator {
  /** a path at the point of history being read -> its name at HEAD (null: not an analysed file) */
  private readonly alias = new Map<string, string | null>();
  private readonly index = new Map<string, number>();
  private readonly paths: string[] = [];
  private readonly revisions: number[] = [];
  private readonly first: number[] = [];
  private readonly last: number[] = [];
  private readonly added: number[] = [];
  private readonly removed: number[] = [];
  private readonly byAuthor: Map<number, number>[] = [];
  private readonly authorIndex = new Map<string, number>();
  private readonly authors: string[] = [];
  private readonly changesets: Changeset[] = [];
  private large = 0;
  private excludedCommits = 0;
  private readonly max: number;
  private readonly renames: boolean;

  constructor(private readonly inScope: Set<string>, private readonly opts: HistoryOptions, private readonly excluded: RegExp[]) {
    this.max = opts.maxChangeset ?? DEFAULT_MAX_CHANGESET;
    this.renames = opts.renames !== false;
  }

  private nameAtHead(p: string): string | null {
    if (!this.renames) return this.inScope.has(p) ? p : null;
    const a = this.alias.get(p);
    if (a !== undefined) return a;
    return this.inScope.has(p) ? p : null;
  }

  add(c: RawCommit): void {
    // Newest first: a rename a -> b means that, further back, `a` is the file now called name(b),
    // and `b` did not exist yet. Names are looked up before this commit's renames apply.
    const touched = new Map<string, { added: number; removed: number }>();
    const later: [string, string | null][] = [];
    for (const ch of c.changes) {
      const name = this.nameAtHead(ch.path);
      if (name !== null) {
        const t = touched.get(name) ?? { added: 0, removed: 0 };
        t.added += ch.added ?? 0;
        t.removed += ch.removed ?? 0;
        touched.set(name, t);
      }
      if (!this.renames) continue;
      if (ch.status === "R" && ch.from !== undefined) later.push([ch.path, null], [ch.from, name]);
      else if (ch.status === "A" || ch.status === "C" || ch.status === "D") later.push([ch.path, null]);
    }
    // a file deleted here and re-added later is another file further back: its history ends
    for (const [p, v] of later) if (v === null) this.alias.set(p, null);
    for (const [p, v] of later) if (v !== null) this.alias.set(p, v);

    if (touched.size === 0) return;
    if (this.excluded.some((re) => re.test(`${c.author} <${c.email}>`))) {
      this.excludedCommits++;
      return;
    }
    if (touched.size > this.max) {
      this.large++;
      return;
    }
    let author = this.authorIndex.get(c.author);
    if (author === undefined) {
      author = this.authors.length;
      this.authors.push(c.author);
      this.authorIndex.set(c.author, author);
    }
    const files: number[] = [];
    for (const [name, churn] of touched) {
      let i = this.index.get(name);
      if (i === undefined) {
        i = this.paths.length;
        this.index.set(name, i);
        this.paths.push(name);
        this.revisions.push(0);
        this.first.push(c.time);
        this.last.push(c.time);
        this.added.push(0);
        this.removed.push(0);
        this.byAuthor.push(new Map());
      }
      this.revisions[i]++;
      if (c.time < this.first[i]) this.first[i] = c.time;
      if (c.time > this.last[i]) this.last[i] = c.time;
      this.added[i] += churn.added;
      this.removed[i] += churn.removed;
      this.byAuthor[i].set(author, (this.byAuthor[i].get(author) ?? 0) + 1);
      files.push(i);
    }
    this.changesets.push({ time: c.time, author, files });
  }

  finish(head: string, headDate: string, merges: number): ChangeHistory {
    // Renumber files by path so every output is independent of the order git printed them in.
    const order = this.paths.map((_, i) => i).sort((a, b) => byString(this.paths[a], this.paths[b]));
    const newIndex = new Array<number>(order.length);
    order.forEach((old, i) => (newIndex[old] = i));
    const files: FileHistory[] = order.map((i) => {
      const counts = [...this.byAuthor[i].entries()];
      const total = this.revisions[i];
      // main author: most revisions; ties go to the name first in string order
      counts.sort((a, b) => b[1] - a[1] || byString(this.authors[a[0]], this.authors[b[0]]));
      const fragmentation = 1 - counts.reduce((s, [, n]) => s + (n / total) ** 2, 0);
      const f: FileHistory = {
        path: this.paths[i],
        revisions: total,
        authors: counts.length,
        mainAuthor: this.authors[counts[0][0]],
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
    const changesets = this.changesets
      .map((cs) => ({ ...cs, files: cs.files.map((f) => newIndex[f]).sort((a, b) => a - b) }))
      .reverse(); // oldest first
    return {
      head,
      headDate,
      commits: this.changesets.length,
      skipped: { merges, large: this.large, authors: this.excludedCommits },
      files,
      authors: this.authors,
      authorRevisions: order.map((i) => this.byAuthor[i]),
      changesets,
    };
  }
}
