import { plural, verb } from "../util/plural.js";
import path from "node:path";
import { stringify } from "yaml";
import type { Analysis } from "../analysis/types.js";
import { byString } from "../util/order.js";
import { getOrInsert } from "../util/maps.js";

/**
 * Globs for one owner: a folder whose analysed files all belong to it becomes `folder/**`
 * (the highest such folder), every other file is listed by path. Characters picomatch reads as
 * glob syntax are escaped: Next.js's `app/(shop)/` and `[id]/` are folders, not groups or classes.
 */
export function collapseGlobs(owner: Map<string, string>, label: string): string[] {
  const under = new Map<string, Set<string>>(); // folder -> owners of the files below it
  for (const [file, o] of owner) {
    for (let d = path.posix.dirname(file); d !== "."; d = path.posix.dirname(d)) {
      getOrInsert(under, d, () => new Set()).add(o);
    }
  }
  const owns = (d: string) => under.get(d)?.size === 1 && under.get(d)!.has(label);
  const out = new Set<string>();
  for (const [file, o] of owner) {
    if (o !== label) continue;
    let top: string | undefined;
    for (let d = path.posix.dirname(file); d !== "."; d = path.posix.dirname(d)) if (owns(d)) top = d;
    out.add(top ? `${escapeGlob(top)}/**` : escapeGlob(file));
  }
  return [...out].sort(byString);
}

/** A path as a glob that matches it alone. */
function escapeGlob(p: string): string {
  return p.replace(/[()[\]{}!*?+@|]/g, "\\$&");
}

/** analysis.json as an editable YAML proposal (faultline/proposal@1; `kernel:` lists the shared kernel). */
export function exportProposalYaml(a: Analysis): string {
  const owner = new Map<string, string>();
  for (const s of a.services) for (const f of s.files) owner.set(f, `s:${s.name}`);
  for (const k of a.kernel.files) owner.set(k.path, "k");
  for (const f of a.isolated) owner.set(f, "i");
  const services: Record<string, string[]> = {};
  for (const s of [...a.services].sort((x, y) => x.rank - y.rank))
    services[s.name] = collapseGlobs(owner, `s:${s.name}`);
  // no name: an edited copy goes by its file's name in compare, not as the machine's
  const doc: Record<string, unknown> = {
    head: a.repo.head || undefined,
    // the files the analysis was made of, so that accept and check guard the same ones
    scope: a.settings.scope,
    services,
  };
  if (a.kernel.files.length) doc.kernel = collapseGlobs(owner, "k");
  const header = [
    "# A faultline proposal: edit the services (name: [globs or files]) and compare it with",
    "#   faultline compare analysis.json this.yaml",
    "# Globs are matched with picomatch against repo-relative paths. `kernel` lists the shared kernel;",
    "# `scope` the files analysed (include, exclude, tsconfigs, tier), which accept and check keep.",
    a.isolated.length
      ? `# ${plural(a.isolated.length, "isolated file")} ${verb(a.isolated.length, "belongs", "belong")} ` +
        "to no service: " +
        `${a.isolated.slice(0, 5).join(", ")}${a.isolated.length > 5 ? ", ..." : ""}`
      : undefined,
  ].filter(Boolean);
  return header.join("\n") + "\n" + stringify(doc, { lineWidth: 0 });
}
