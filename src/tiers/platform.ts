import type { WorkspacePackage } from "../repo/types.js";
import { byString } from "../util/order.js";
import { getOrInsert } from "../util/maps.js";
import { toRepoPath } from "../util/paths.js";
import { runtimeDependencies } from "./packages.js";

/** A workspace package the others build on: framework code, in the kernel, never a service. */
export interface PlatformPackage {
  name: string;
  /** repo-relative folder */
  dir: string;
  why: string;
}

/** How a platform file's kernel reason starts: the reports group the kernel's platform files by it. */
export const PLATFORM_REASON = "platform: ";

/** Fewer dependents than this say "a library two packages share", not "what everything is built on". */
const MIN_DEPENDENTS = 3;

/**
 * The platform of a workspace: a package that half of the other workspace packages or more
 * depend on at run time (dependencies and required peers), and every workspace package it builds
 * on itself, except packages of the domains' data (`ofData` true for their folder: types alone, or the
 * repository's entities). Medusa's
 * modules are built with `@medusajs/framework`, which builds on its utilities, module loader and
 * workflow engine: that is the toolkit every service uses, not a business capability a team would
 * extract.
 */
export function findPlatform(
  root: string,
  workspaces: WorkspacePackage[],
  ofData: (dir: string) => boolean = () => false,
): PlatformPackage[] {
  const byName = new Map(workspaces.map((w) => [w.name, w]));
  const uses = new Map(
    workspaces.map((w) => [w.name, runtimeDependencies(w.manifest).filter((d) => d !== w.name && byName.has(d))]),
  );
  const dependents = new Map<string, number>();
  for (const deps of uses.values()) for (const d of deps) dependents.set(d, (dependents.get(d) ?? 0) + 1);
  const others = workspaces.length - 1;
  // a package of the domains' data is no base, and brings no package it builds on in (asked once per package)
  const ofDataByName = new Map<string, boolean>();
  const dataPackage = (name: string) =>
    getOrInsert(ofDataByName, name, () => ofData(toRepoPath(root, byName.get(name)!.dir)));
  const bases = [...dependents]
    .filter(([name, n]) => n >= MIN_DEPENDENTS && n * 2 >= others && !dataPackage(name))
    .map(([name]) => name)
    .sort(byString);
  const out = new Map<string, string>();
  for (const base of bases) {
    const share = `${dependents.get(base)} of the ${others} other workspace packages depend on ${base}`;
    out.set(base, `${PLATFORM_REASON}${share}`);
    // what the base builds on, breadth first: the first base to reach a package explains it
    const queue = [...uses.get(base)!];
    for (let dep = queue.shift(); dep !== undefined; dep = queue.shift()) {
      if (out.has(dep) || dataPackage(dep)) continue;
      out.set(dep, `${PLATFORM_REASON}${base} builds on ${dep} (${share})`);
      queue.push(...uses.get(dep)!);
    }
  }
  // a package of types alone (medusa's `@medusajs/types`) runs nothing, and one declaring the repository's
  // entities (openstatus' `@openstatus/db`, its Drizzle tables) holds its data: each of their files describes a
  // domain's data, and goes where the domain is
  return [...out]
    .map(([name, why]) => ({ name, dir: toRepoPath(root, byName.get(name)!.dir), why }))
    .sort((a, b) => byString(a.dir, b.dir));
}

/**
 * The platform package holding each file, by file; none when the platform would be half of the
 * files or more: then the analysed code is the framework itself, and its own seams are the question.
 */
export function platformFiles(files: string[], platform: PlatformPackage[]): Map<number, string> {
  const out = new Map<number, string>();
  if (platform.length === 0) return out;
  // the innermost package holding a file is the one it belongs to
  const inner = [...platform].sort((a, b) => b.dir.length - a.dir.length);
  files.forEach((f, i) => {
    const pkg = inner.find((p) => f.startsWith(`${p.dir}/`));
    if (pkg) out.set(i, pkg.why);
  });
  return out.size * 2 >= files.length ? new Map<number, string>() : out;
}
