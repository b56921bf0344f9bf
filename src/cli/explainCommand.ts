import { existsSync } from "node:fs";
import path from "node:path";
import { analyzeRepo } from "../analysis/analyze.js";
import { explainFile } from "../analysis/explain.js";
import { UserError } from "../util/errors.js";
import { toRepoPath } from "../util/paths.js";
import { didYouMean } from "../util/suggest.js";
import { globFlags, optionsOfReportedAnalysis, type AnalyzeFlags } from "./analyzeCommand.js";
import { stderrLog } from "./log.js";
import type { Io } from "./io.js";

export async function runExplain(file: string, repo: string, flags: AnalyzeFlags, io: Io): Promise<void> {
  const log = stderrLog({ quiet: true }, io);
  const { analysis, model } = await analyzeRepo(repo, optionsOfReportedAnalysis(repo, flags, log), log);
  const root = path.resolve(repo);
  // a path from here when it names a file (`./src/x.ts` in the repo, `../repo/src/x.ts`), else from the repo root
  const here = path.resolve(file);
  const rel =
    path.isAbsolute(file) || existsSync(here)
      ? toRepoPath(root, here)
      : path.posix.normalize(file.split(path.sep).join("/")).replace(/^\.\//, "");
  const tier = analysis.tiers.files.find((f) => f.path === rel);
  const record = model.records.find((r) => r.path === rel);
  if (tier && record?.generated && !model.coupling.files.includes(rel)) {
    io.out(
      `${rel} is in no service: its first comment marks it generated (@generated, "do not edit", ...), and ` +
        `generated files are left out like tests (--include-tests takes them in)\ntier: ${tier.tier} (${tier.why})\n`,
    );
    return;
  }
  if (tier && !model.coupling.files.includes(rel)) {
    const outside =
      tier.tier === "tooling"
        ? "tooling is left out of services"
        : tier.tier === "shared"
          ? "files both server and client code use are shared libraries, in no service"
          : `services are made of ${analysis.settings.tier} code (--tier)`;
    io.out(`${rel} is in no service: ${outside}\ntier: ${tier.tier} (${tier.why})\n`);
    return;
  }
  const service = analysis.services.find((s) => s.id === file || s.name === file);
  const example = service?.files.length ? ` (${service.files[0]}, ...)` : "";
  if (service && !model.coupling.files.includes(rel))
    throw new UserError(
      `${file}: a service, not a file: explain takes one of its files${example}; ` +
        `\`faultline contract ${service.id}\` prints what it provides and requires, services.md its modules and files`,
    );
  if (!model.coupling.files.includes(rel)) {
    // the scope it was looked for in, which an analysis followed may have set, not a flag
    const globs = globFlags(analysis.settings.scope);
    const scope = globs.length ? `the scope is ${globs.join(" ")}; ` : "";
    // a misspelt path (`record.servce.ts`) is most often what brings a user here: the analysed file nearest to
    // it, read from the repository's root or from here; a file that is there but left out is no misspelling
    const there = existsSync(here) || existsSync(path.join(root, rel));
    const typed = here.startsWith(`${root}${path.sep}`) ? [rel, toRepoPath(root, here)] : [rel];
    const meant = there ? "" : (typed.map((p) => didYouMean(p, model.coupling.files)).find(Boolean) ?? "");
    throw new UserError(
      `${file}: not among the analysed files of ${root}${meant} (${scope}tests are left out unless ` +
        `--include-tests; see --include/--exclude)`,
    );
  }
  const x = explainFile(rel, analysis, model.coupling);
  const name = (id: string) => analysis.services.find((s) => s.id === id)?.name ?? id;
  const out: string[] = [];
  const module = analysis.services.flatMap((s) => s.modules).find((m) => m.files.includes(rel));
  if (x.kernel) out.push(`${rel} is in the shared kernel: ${x.kernel}`);
  else if (x.isolated)
    out.push(`${rel} is isolated: no import, co-change or ownership ties to any other analysed file`);
  else if (x.placed)
    out.push(
      `${rel} sits in ${name(x.service!)}${module ? `, module ${module.name}` : ""}, placed by a rule rather ` +
        `than the clustering: ${x.placed}`,
    );
  else
    out.push(
      `${rel} sits in ${name(x.service!)}${module ? `, module ${module.name}` : ""} (confidence ` +
        `${x.confidence?.toFixed(2)}: the share of clustering runs that put it with most of that module)`,
    );
  if (tier) out.push(`tier: ${tier.tier} (${tier.why})`);
  if (x.ties.length) {
    out.push("", "strongest ties:");
    for (const t of x.ties.slice(0, 8)) {
      const parts = Object.entries(t.signals)
        .filter(([, v]) => v > 0)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`);
      const role = t.sameRole === undefined ? "" : `  (both ${t.sameRole}: a shared role, damped)`;
      out.push(`  ${t.weight.toFixed(2)}  ${t.with}  [${name(t.service)}]  ${parts.join(", ")}${role}`);
    }
    out.push("", "pull by service (sum of tie weights):");
    for (const p of x.pull.slice(0, 5)) out.push(`  ${p.weight.toFixed(2)}  ${name(p.service)}`);
    // tied to the kernel more than to any service: infrastructure, most likely, which a service only hosts
    if (!x.kernel && x.kernelPull > (x.pull[0]?.weight ?? 0))
      out.push(
        `  ${x.kernelPull.toFixed(2)}  the kernel, more than any service: if it is infrastructure, ` +
          `{"overrides": {"kernel": [${JSON.stringify(rel)}]}} puts it there`,
      );
  }
  if (x.runnerUp && !x.kernel) {
    const r = x.runnerUp;
    out.push("", `runner-up: ${name(r.service)} (${r.weight.toFixed(2)})`);
    out.push(runnerUpAdvice(rel, name(x.service!), name(r.service), r.gap, x.placed));
  }
  io.out(out.join("\n") + "\n");
}

/**
 * What it would take to move the file to the runner-up. A file can sit against its ties: a rule
 * placed it (a domain file with its owner, a layer's member with its domain, a small cluster with
 * its neighbour), which analysis.json records (`placed`) and the advice names; or, with no rule, the
 * clustering, whose modularity weighs a tie against the size of what it ties to, put it with its module.
 */
export function runnerUpAdvice(file: string, here: string, runnerUp: string, gap: number, rule?: string): string {
  // JSON, whatever the path holds (a quote, a backslash)
  const pin = `{"overrides": {"pin": {${JSON.stringify(runnerUp)}: [${JSON.stringify(file)}]}}}`;
  if (gap > 0.005)
    return (
      `to move it there, its ties to ${runnerUp} would have to grow by more than ${gap.toFixed(2)} (or fewer ` +
      `ties to ${here}), or pin it in faultline.config.json: ${pin}`
    );
  const stronger = `its ties to ${runnerUp} are stronger, by ${(-gap).toFixed(2)}`;
  if (gap < -0.005 && rule)
    return `${stronger}: a placement rule put it in ${here}, not its ties (${rule}). Pin it to decide: ${pin}`;
  // no rule recorded: the clustering's modularity discounts a tie to a big service, or its module joined the others
  if (gap < -0.005)
    return (
      `${stronger}: no placement rule moved it; the clustering put it with its module (a tie counts against ` +
      `the size of what it ties to), and the module is in ${here} with the others of that service. ` +
      `Pin it to decide: ${pin}`
    );
  return `its ties to ${runnerUp} are as strong; the clustering chose by the files around it. Pin it to decide: ${pin}`;
}
