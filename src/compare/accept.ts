import type { Scope } from "../analysis/types.js";
import type { ContractSymbol, RequiredSymbol } from "../ranking/types.js";
import type { RepoModel } from "../metrics/types.js";
import { draftContracts } from "../ranking/contracts.js";
import { UserError } from "../util/errors.js";
import { plural } from "../util/plural.js";
import type { RawProposal } from "./proposalFile.js";
import { ownerOf, type ResolvedProposal } from "./resolveProposal.js";

/** faultline/accepted@1: a proposal frozen with the contracts the code implied when it was accepted. */
export interface AcceptedProposal {
  schema: "faultline/accepted@1";
  name: string;
  head: string;
  services: {
    id: string;
    name: string;
    globs: string[];
    files: string[];
    contract: { provides: ContractSymbol[]; requires: RequiredSymbol[] };
  }[];
  kernel: { globs: string[]; files: string[] };
  /** analysed files no glob claimed at acceptance (absent when none): check counts them apart from new ones */
  unassigned?: string[];
  /** the scope `check` reuses unless flags override it (absent in files from before it was recorded) */
  scope?: Scope;
}

/**
 * Freezes a proposal. Every glob must match an analysed file: a typo would otherwise leave its
 * service unguarded while `check` passes (UserError naming file, line and glob).
 */
export function acceptProposal(
  raw: RawProposal,
  resolved: ResolvedProposal,
  model: RepoModel,
  head: string,
  scope: Scope,
): AcceptedProposal {
  const empty = resolved.emptyPatterns;
  if (empty.length) {
    const e = empty[0];
    const more = empty.length > 1 ? ` (and ${plural(empty.length - 1, "more glob")} like it)` : "";
    throw new UserError(
      `${e.where}: "${e.pattern}" (${ownerOf(e.service)}) ${e.why}: nothing would be guarded there${more}`,
    );
  }
  // what check would guard less than the proposal says: a file two places claim, a service of no globs
  if (raw.services.length === 0) throw new UserError(`${raw.source}: no services: nothing would be guarded`);
  const bare = raw.services.find((s) => s.patterns.length === 0);
  if (bare)
    throw new UserError(`${bare.at}: service ${bare.name} lists no files or globs: nothing would be guarded there`);
  const conflict = resolved.conflicts[0];
  if (conflict) {
    const more = resolved.conflicts.length > 1 ? ` (and ${resolved.conflicts.length - 1} more files)` : "";
    throw new UserError(
      `${conflict.where}: ${conflict.file} is claimed by ${conflict.services.map(ownerOf).join(" and ")}${more}: ` +
        "give each file one place",
    );
  }
  const contracts = draftContracts(model, resolved.partition);
  return {
    schema: "faultline/accepted@1",
    name: resolved.name,
    head,
    services: resolved.partition.services.map((s, i) => ({
      id: s.id,
      name: s.name,
      globs: raw.services[i].patterns,
      files: s.files,
      contract: contracts.get(s.id)!,
    })),
    kernel: { globs: raw.kernel, files: resolved.partition.kernel },
    ...(resolved.unassigned.length ? { unassigned: resolved.unassigned } : {}),
    scope,
  };
}
