import { allCochangePairs } from "../history/cochange.js";
import { round } from "../util/round.js";
import { addTo } from "../util/maps.js";
import { byString } from "../util/order.js";
import {
  NED_BAND,
  type GlobalMetrics,
  type RepoModel,
  type Scorecard,
  type ServiceMetrics,
  type ServicePartition,
} from "./types.js";

/**
 * Scores a partition against the repo model: the one home of every formula, used by analyze,
 * compare and the HTML report's what-if (docs/design.md "Metrics" defines each). Three
 * independent passes (imports, coupling weight, history) feed the per-service and global figures.
 */
export function scorePartition(model: RepoModel, p: ServicePartition): Scorecard {
  const serviceOf = new Map<string, number>();
  p.services.forEach((s, k) => s.files.forEach((f) => serviceOf.set(f, k)));
  const k = p.services.length;
  const loc = new Map(model.records.map((r) => [r.path, r.loc]));
  const imports = importPass(model, serviceOf, new Set(p.kernel), k);
  const weight = couplingPass(model, serviceOf, k);
  const history = historyPass(model, serviceOf, k);

  const services: Record<string, ServiceMetrics> = {};
  p.services.forEach((s, i) => {
    services[s.id] = {
      files: s.files.length,
      lines: s.files.reduce((sum, f) => sum + (loc.get(f) ?? 0), 0),
      cohesion: round(weight.degree[i] ? (2 * weight.internal[i]) / weight.degree[i] : 0, 4),
      fanIn: imports.fanIn[i],
      fanOut: imports.fanOut[i],
      interfaceSize: imports.iface[i].size,
      interfaceFiles: imports.ifaceFiles[i].size,
      kernelImports: imports.kernelImports[i],
      cochangeContainment: round(history.all[i] ? history.inside[i] / history.all[i] : 1, 4),
      revisions: history.revisions[i],
      authors: history.byAuthor[i].size,
      owners: topOwners(history.byAuthor[i], history.revisions[i], model.history?.authors ?? []),
    };
  });
  return { services, global: globalMetrics(p, imports, weight) };
}

interface ImportStats {
  fanIn: number[];
  fanOut: number[];
  kernelImports: number[];
  /** (file, symbol) of each service that other services import */
  iface: Set<string>[];
  ifaceFiles: Set<string>[];
  /** import edges inside each service */
  mu: number[];
  /** import edges crossing, counted at both ends */
  eps: number[];
  inside: number;
  crossing: number;
}

function importPass(model: RepoModel, serviceOf: Map<string, number>, kernel: Set<string>, k: number): ImportStats {
  const zeros = () => new Array<number>(k).fill(0);
  const st: ImportStats = {
    fanIn: zeros(),
    fanOut: zeros(),
    kernelImports: zeros(),
    iface: Array.from({ length: k }, () => new Set<string>()),
    ifaceFiles: Array.from({ length: k }, () => new Set<string>()),
    mu: zeros(),
    eps: zeros(),
    inside: 0,
    crossing: 0,
  };
  for (const e of model.imports.edges) {
    const a = serviceOf.get(e.from);
    const b = serviceOf.get(e.to);
    if (a !== undefined && kernel.has(e.to)) st.kernelImports[a]++;
    if (a === undefined || b === undefined) continue;
    if (a === b) {
      st.mu[a]++;
      st.inside++;
      continue;
    }
    st.crossing++;
    st.fanOut[a]++;
    st.fanIn[b]++;
    st.eps[a]++;
    st.eps[b]++;
    st.ifaceFiles[b].add(e.to);
    for (const s of e.symbols) st.iface[b].add(`${e.to}\0${s}`);
  }
  return st;
}

/** Coupling weight inside each service and at its files (for cohesion and modularity). */
function couplingPass(model: RepoModel, serviceOf: Map<string, number>, k: number) {
  const internal = new Array<number>(k).fill(0);
  const degree = new Array<number>(k).fill(0);
  let total = 0;
  for (const e of model.coupling.edges) {
    const a = serviceOf.get(model.coupling.files[e.a]);
    const b = serviceOf.get(model.coupling.files[e.b]);
    if (a === undefined || b === undefined) continue;
    total += e.weight;
    degree[a] += e.weight;
    degree[b] += e.weight;
    if (a === b) internal[a] += e.weight;
  }
  return { internal, degree, total };
}

/** Co-change kept inside each service, its revisions and its commits per author. */
function historyPass(model: RepoModel, serviceOf: Map<string, number>, k: number) {
  const inside = new Array<number>(k).fill(0);
  const all = new Array<number>(k).fill(0);
  const revisions = new Array<number>(k).fill(0);
  const byAuthor = Array.from({ length: k }, () => new Map<number, number>());
  const h = model.history;
  if (!h) return { inside, all, revisions, byAuthor };
  const hService = h.files.map((f) => serviceOf.get(f.path));
  for (const pair of allCochangePairs(h)) {
    const a = hService[pair.a];
    const b = hService[pair.b];
    if (a !== undefined) all[a] += pair.shared;
    if (b !== undefined && b !== a) all[b] += pair.shared;
    if (a !== undefined && a === b) inside[a] += pair.shared;
  }
  for (const cs of h.changesets) {
    const touched = new Set<number>();
    for (const f of cs.files) {
      const s = hService[f];
      if (s !== undefined) touched.add(s);
    }
    for (const s of touched) {
      revisions[s]++;
      addTo(byAuthor[s], cs.author);
    }
  }
  return { inside, all, revisions, byAuthor };
}

function topOwners(byAuthor: Map<number, number>, revisions: number, authors: string[]): ServiceMetrics["owners"] {
  return [...byAuthor.entries()]
    .sort((x, y) => y[1] - x[1] || byString(authors[x[0]], authors[y[0]]))
    .slice(0, 3)
    .map(([a, c]) => ({ name: authors[a], share: round(c / revisions, 4) }));
}

function globalMetrics(
  p: ServicePartition,
  imports: ImportStats,
  weight: { internal: number[]; degree: number[]; total: number },
): GlobalMetrics {
  const k = p.services.length;
  let modularity = 0;
  if (weight.total > 0)
    for (let i = 0; i < k; i++)
      modularity += weight.internal[i] / weight.total - (weight.degree[i] / (2 * weight.total)) ** 2;
  let mq = 0;
  for (let i = 0; i < k; i++) if (imports.mu[i] > 0) mq += (2 * imports.mu[i]) / (2 * imports.mu[i] + imports.eps[i]);
  const placed = p.services.reduce((sum, s) => sum + s.files.length, 0);
  const extreme = p.services
    .filter((s) => s.files.length < NED_BAND.min || s.files.length > NED_BAND.max)
    .reduce((sum, s) => sum + s.files.length, 0);
  const edges = imports.inside + imports.crossing;
  return {
    modularity: round(modularity, 4),
    turboMQ: round(k ? mq / k : 0, 4),
    crossEdgeShare: round(edges ? imports.crossing / edges : 0, 4),
    ifn: round(k ? imports.ifaceFiles.reduce((sum, set) => sum + set.size, 0) / k : 0, 4),
    ned: round(placed ? extreme / placed : 0, 4),
  };
}
