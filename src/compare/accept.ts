import type { ContractSymbol, RequiredSymbol } from "../ranking/types.js";
import type { RepoModel } from "../metrics/types.js";
import { draftContracts } from "../ranking/contracts.js";
import type { RawProposal } from "./proposalFile.js";
import type { ResolvedProposal } from "./resolveProposal.js";

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
}

export function acceptProposal(
  raw: RawProposal,
  resolved: ResolvedProposal,
  model: RepoModel,
  head: string,
): AcceptedProposal {
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
  };
}
