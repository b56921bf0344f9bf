import { couplingPairs, type CouplingThresholds } from "./cochange.js";
import type { ChangeHistory, HistoryJson } from "./types.js";

export function toHistoryJson(h: ChangeHistory, thresholds: CouplingThresholds): HistoryJson {
  return {
    schema: "faultline/history@1",
    head: h.head,
    commits: h.commits,
    skipped: h.skipped,
    files: h.files,
    coupling: couplingPairs(h, thresholds),
  };
}
