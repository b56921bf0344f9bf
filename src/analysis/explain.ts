import { contributions } from "../coupling/buildCoupling.js";
import type { CouplingGraph, Signal } from "../coupling/types.js";
import type { Analysis } from "./types.js";
import { byString } from "../util/order.js";

export interface Explanation {
  file: string;
  service?: string;
  kernel?: string;
  isolated?: boolean;
  confidence?: number;
  /** the rule that placed it, when a rule rather than the clustering did (a domain file with its owner) */
  placed?: string;
  ties: { with: string; service: string; weight: number; signals: Record<Signal, number>; sameRole?: string }[];
  /** total tie weight per service, strongest first */
  pull: { service: string; weight: number }[];
  /** total tie weight to the kernel's files */
  kernelPull: number;
  runnerUp?: { service: string; weight: number; gap: number };
}

/** Why a file sits where it does: its ties by service, the runner-up, and the gap to close. */
export function explainFile(file: string, analysis: Analysis, cg: CouplingGraph): Explanation {
  const serviceOf = new Map<string, string>();
  for (const s of analysis.services) for (const f of s.files) serviceOf.set(f, s.id);
  for (const k of analysis.kernel.files) serviceOf.set(k.path, "kernel");
  const i = cg.files.indexOf(file);
  const ties: Explanation["ties"] = [];
  for (const e of cg.edges) {
    if (e.a !== i && e.b !== i) continue;
    const other = cg.files[e.a === i ? e.b : e.a];
    ties.push({
      with: other,
      service: serviceOf.get(other) ?? "(isolated)",
      weight: e.weight,
      signals: contributions(e, cg.weights),
      sameRole: e.sameRole,
    });
  }
  ties.sort((a, b) => b.weight - a.weight || byString(a.with, b.with));
  const totals = new Map<string, number>();
  let kernelPull = 0;
  for (const t of ties)
    if (t.service === "kernel") kernelPull += t.weight;
    else totals.set(t.service, (totals.get(t.service) ?? 0) + t.weight);
  const pull = [...totals.entries()]
    .map(([service, weight]) => ({ service, weight }))
    .sort((a, b) => b.weight - a.weight || byString(a.service, b.service));
  const own = serviceOf.get(file);
  const ownWeight = totals.get(own ?? "") ?? 0;
  const other = pull.find((p) => p.service !== own);
  const svc = analysis.services.find((s) => s.id === own);
  return {
    file,
    service: own === "kernel" ? undefined : own,
    kernel: analysis.kernel.files.find((k) => k.path === file)?.why,
    isolated: analysis.isolated.includes(file),
    confidence: svc?.confidence[file],
    placed: svc?.placed?.[file],
    ties,
    pull,
    kernelPull,
    runnerUp: other ? { service: other.service, weight: other.weight, gap: ownWeight - other.weight } : undefined,
  };
}
