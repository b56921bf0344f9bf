import path from "node:path";
import { analyzeOutputs } from "../analysis/analyze.js";
import { contractSketch, definedInEdges } from "../report/contractSketch.js";
import { UserError } from "../util/errors.js";
import { didYouMean } from "../util/suggest.js";
import { optionsOfReportedAnalysis, reportedServices, type AnalyzeFlags } from "./analyzeCommand.js";
import { stderrLog } from "./log.js";
import type { Io } from "./io.js";

export async function runContract(service: string, repo: string, flags: AnalyzeFlags, io: Io): Promise<void> {
  const log = stderrLog({ quiet: true }, io);
  // the analysis analyze wrote to the cache, when nothing it depends on changed since
  const { analysis, modelJson } = await analyzeOutputs(repo, optionsOfReportedAnalysis(repo, flags, log), log);
  const s = analysis.services.find((x) => x.id === service || x.name === service);
  if (!s) {
    const now = analysis.services.map((x) => x.id).join(", ");
    // the sketch reads the code as it is now: a service of the saved analysis alone is from another build or commit
    const saved = reportedServices(repo, flags);
    if (saved?.names.includes(service))
      throw new UserError(
        `${service}: a service of ${saved.shown}, but not of the repository analysed now (services now: ${now}): ` +
          "the code, faultline or a flag changed since that analysis; run analyze again",
      );
    const ids = analysis.services.map((x) => x.id);
    throw new UserError(`${service}: no such service${didYouMean(service, ids)} (services: ${now})`);
  }
  // the analysis resolved every import: a class's base is read where it resolved, never found again here
  const fileAt = (k: number) => modelJson.files[k].path;
  const edges = modelJson.imports.map(([from, to, symbols]) => ({ from: fileAt(from), to: fileAt(to), symbols }));
  const sketch = contractSketch(
    path.resolve(repo),
    s.name,
    s.contract.provides,
    analysis.repo.head,
    definedInEdges(edges),
  );
  io.out(sketch);
}
