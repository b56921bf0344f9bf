import { allCochangePairs } from "../history/cochange.js";
import { round } from "../util/round.js";
import { byString } from "../util/paths.js";
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
 * compare and the HTML report's what-if (README "Metrics" defines each).
 */
export function scorePartition(model: RepoModel, p: ServicePartition): Scorecard {
  const serviceOf = new Map<string, number>();
  p.services.forEach((s, k) => s.files.forEach((f) => serviceOf.set(f, k)));
  const kernel = new Set(p.kernel);
  const k = p.services.length;
  const loc = new Map(model.records.map((r) => [r.path, r.loc]));

  // imports
  const fanIn = new Array<number>(k).fill(0);
  const fanOut = new Array<number>(k).fill(0);
  const kernelImports = new Array<number>(k).fill(0);
  const iface = p.services.map(() => new Set<string>());
  const ifaceFiles = p.services.map(() => new Set<string>());
  const mu = new Array<number>(k).fill(0); // internal import edges
  const eps = new Array<number>(k).fill(0); // edges crossing, counted at both ends
  let inside = 0;
  let crossing = 0;
  for (const e of model.imports.edges) {
    const a = serviceOf.get(e.from);
    const b = serviceOf.get(e.to);
    if (a !== undefined && kernel.has(e.to)) kernelImports[a]++;
    if (a === undefined || b === undefined) continue;
    if (a === b) {
      mu[a]++;
      inside++;
      continue;
    }
    crossing++;
    fanOut[a]++;
    fanIn[b]++;
    eps[a]++;
    eps[b]++;
    ifaceFiles[b].add(e.to);
    for (const s of e.symbols) iface[b].add(`${e.to}\0${s}`);
  }

  // coupling weight: cohesion and modularity
  const internalW = new Array<number>(k).fill(0);
  const degreeW = new Array<number>(k).fill(0);
  let totalW = 0;
  for (const e of model.coupling.edges) {
    const a = serviceOf.get(model.coupling.files[e.a]);
    const b = serviceOf.get(model.coupling.files[e.b]);
    if (a === undefined || b === undefined) continue;
    totalW += e.weight;
    degreeW[a] += e.weight;
    degreeW[b] += e.weight;
    if (a === b) internalW[a] += e.weight;
  }

  // history: co-change containment, revisions, owners
  const cochangeIn = new Array<number>(k).fill(0);
  const cochangeAll = new Array<number>(k).fill(0);
  const revisions = new Array<number>(k).fill(0);
  const byAuthor = p.services.map(() => new Map<number, number>());
  const h = model.history;
  if (h) {
    const hService = h.files.map((f) => serviceOf.get(f.path));
    for (const pair of allCochangePairs(h)) {
      const a = hService[pair.a];
      const b = hService[pair.b];
      if (a !== undefined) cochangeAll[a] += pair.shared;
      if (b !== undefined && b !== a) cochangeAll[b] += pair.shared;
      if (a !== undefined && a === b) cochangeIn[a] += pair.shared;
    }
    for (const cs of h.changesets) {
      const touched = new Set<number>();
      for (const f of cs.files) {
        const s = hService[f];
        if (s !== undefined) touched.add(s);
      }
      for (const s of touched) {
        revisions[s]++;
        byAuthor[s].set(cs.author, (byAuthor[s].get(cs.author) ?? 0) + 1);
      }
    }
  }

  const services: Record<string, ServiceMetrics> = {};
  p.services.forEach((s, i) => {
    const owners = [...byAuthor[i].entries()]
      .sort((x, y) => y[1] - x[1] || byString(h!.authors[x[0]], h!.authors[y[0]]))
      .slice(0, 3)
      .map(([a, c]) => ({ name: h!.authors[a], share: round(c / revisions[i], 4) }));
    services[s.id] = {
      files: s.files.length,
      lines: s.files.reduce((sum, f) => sum + (loc.get(f) ?? 0), 0),
      cohesion: round(degreeW[i] ? (2 * internalW[i]) / degreeW[i] : 0, 4),
      fanIn: fanIn[i],
      fanOut: fanOut[i],
      interfaceSize: iface[i].size,
      interfaceFiles: ifaceFiles[i].size,
      kernelImports: kernelImports[i],
      cochangeContainment: round(cochangeAll[i] ? cochangeIn[i] / cochangeAll[i] : 1, 4),
      revisions: revisions[i],
      authors: byAuthor[i].size,
      owners,
    };
  });

  let modularity = 0;
  if (totalW > 0) for (let i = 0; i < k; i++) modularity += internalW[i] / totalW - (degreeW[i] / (2 * totalW)) ** 2;
  let mq = 0;
  for (let i = 0; i < k; i++) if (mu[i] > 0) mq += (2 * mu[i]) / (2 * mu[i] + eps[i]);
  const placed = p.services.reduce((sum, s) => sum + s.files.length, 0);
  const extreme = p.services
    .filter((s) => s.files.length < NED_BAND.min || s.files.length > NED_BAND.max)
    .reduce((sum, s) => sum + s.files.length, 0);
  const global: GlobalMetrics = {
    modularity: round(modularity, 4),
    turboMQ: round(k ? mq / k : 0, 4),
    crossEdgeShare: round(inside + crossing ? crossing / (inside + crossing) : 0, 4),
    ifn: round(k ? ifaceFiles.reduce((sum, set) => sum + set.size, 0) / k : 0, 4),
    ned: round(placed ? extreme / placed : 0, 4),
  };
  return { services, global };
}
