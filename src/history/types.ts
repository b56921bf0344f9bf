/** One kept commit, reduced to what the later stages need. */
export interface Changeset {
  /** author date, seconds since the epoch */
  time: number;
  /** index into ChangeHistory.authors */
  author: number;
  /** indexes into ChangeHistory.files, ascending */
  files: number[];
  /** its subject says it fixes something (gitLog.ts isFixSubject) */
  fix?: true;
}

export interface FileHistory {
  path: string;
  revisions: number;
  authors: number;
  mainAuthor: string;
  mainAuthorShare: number;
  /** 1 - sum of squared author shares: 0 for one owner, towards 1 for many hands */
  fragmentation: number;
  firstChanged: string;
  lastChanged: string;
  /** lines added / removed, with --churn */
  added?: number;
  removed?: number;
}

/** The history stage's product: revisions, owners and the changesets behind co-change. */
export interface ChangeHistory {
  head: string;
  /** HEAD's commit date (ISO): every "ago" and recency weight counts back from it */
  headDate: string;
  /** kept commits that touch an analysed file */
  commits: number;
  skipped: { merges: number; large: number; authors: number };
  /** in-scope files that changed at least once, sorted by path */
  files: FileHistory[];
  /** author names (mailmap applied), in order of first appearance */
  authors: string[];
  /** per file (same order as files): revisions per author index */
  authorRevisions: Map<number, number>[];
  changesets: Changeset[];
}

export interface CouplingPair {
  a: string;
  b: string;
  shared: number;
  degree: number;
}

/** faultline/history@1 */
export interface HistoryJson {
  schema: "faultline/history@1";
  head: string;
  commits: number;
  skipped: { merges: number; large: number; authors: number };
  files: FileHistory[];
  coupling: CouplingPair[];
}
