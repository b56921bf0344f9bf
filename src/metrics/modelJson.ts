import { bareRecord } from "../graph/facts.js";
import type { CouplingGraph } from "../coupling/types.js";
import type { ChangeHistory } from "../history/types.js";
import type { RepoModel } from "./types.js";

/**
 * faultline/model@1: the slice of the repo state the metrics read, serialisable, so that a saved
 * analysis can be re-scored without re-analysing (the HTML report's what-if, `report`) and
 * every consumer runs the same formulas on the same data. Written beside analysis.json.
 */
export interface ModelJson {
  schema: "faultline/model@1";
  /**
   * the analysed folder's name, which titles the reports `report` renders again (set by the analyze
   * command; not in analysis.json, which is the same for a copy of the repository anywhere)
   */
  title?: string;
  /** path and lines of each analysed file */
  files: { path: string; loc: number }[];
  /** import edges through barrels: [from index, to index, symbols] */
  imports: [number, number, string[]][];
  coupling: { weights: CouplingGraph["weights"]; edges: [number, number, number][] };
  history?: {
    head: string;
    headDate: string;
    authors: string[];
    /** per file index: revisions; -1 when the file never changed */
    revisions: number[];
    /** [time, author, file indexes] */
    changesets: [number, number, number[]][];
  };
}

export function toModelJson(m: RepoModel): ModelJson {
  const files = m.coupling.files;
  const index = new Map(files.map((f, i) => [f, i]));
  const loc = new Map(m.records.map((r) => [r.path, r.loc]));
  const imports: ModelJson["imports"] = [];
  for (const e of m.imports.edges) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a !== undefined && b !== undefined) imports.push([a, b, e.symbols]);
  }
  let history: ModelJson["history"];
  if (m.history) {
    const h = m.history;
    const toModel = h.files.map((f) => index.get(f.path) ?? -1);
    const revisions = files.map(() => -1);
    h.files.forEach((f, k) => {
      if (toModel[k] >= 0) revisions[toModel[k]] = f.revisions;
    });
    history = {
      head: h.head,
      headDate: h.headDate,
      authors: h.authors,
      revisions,
      changesets: h.changesets.map((cs) => [cs.time, cs.author, cs.files.map((f) => toModel[f]).filter((i) => i >= 0)]),
    };
  }
  return {
    schema: "faultline/model@1",
    files: files.map((path) => ({ path, loc: loc.get(path) ?? 0 })),
    imports,
    coupling: {
      weights: m.coupling.weights,
      edges: m.coupling.edges.map((e) => [e.a, e.b, Math.round(e.weight * 1e6) / 1e6]),
    },
    history,
  };
}

/** Back to the shape the metrics read (only what they read: no export tables, no per-signal split). */
export function fromModelJson(j: ModelJson): RepoModel {
  const files = j.files.map((f) => f.path);
  const zero = { structural: 0, cochange: 0, ownership: 0, semantic: 0 };
  let history: ChangeHistory | undefined;
  if (j.history) {
    const changed = j.history.revisions.map((r, i) => [r, i] as const).filter(([r]) => r >= 0);
    const toHistory = new Map(changed.map(([, i], k) => [i, k]));
    history = {
      head: j.history.head,
      headDate: j.history.headDate,
      commits: j.history.changesets.length,
      skipped: { merges: 0, large: 0, authors: 0 },
      files: changed.map(([r, i]) => ({
        path: files[i],
        revisions: r,
        authors: 0,
        mainAuthor: "",
        mainAuthorShare: 0,
        fragmentation: 0,
        firstChanged: "",
        lastChanged: "",
      })),
      authors: j.history.authors,
      authorRevisions: [],
      changesets: j.history.changesets.map(([time, author, fs]) => ({
        time,
        author,
        files: fs
          .map((f) => toHistory.get(f)!)
          .filter((f) => f !== undefined)
          .sort((a, b) => a - b),
      })),
    };
  }
  return {
    imports: {
      schema: "faultline/graph@1",
      modules: [],
      edges: j.imports.map(([a, b, symbols]) => ({
        from: files[a],
        to: files[b],
        kinds: ["static"],
        typeOnly: false,
        symbols,
      })),
      declarations: [],
      external: [],
      unresolved: [],
    },
    records: j.files.map((f) => bareRecord(f.path, f.loc)),
    coupling: {
      files,
      weights: j.coupling.weights,
      edges: j.coupling.edges.map(([a, b, weight]) => ({ a, b, weight, signals: zero })),
    },
    history,
  };
}
