import { ts } from "../util/typescript.cjs";
import { readManifest } from "./json.js";
import path from "node:path";

/** The TypeScript major used when a repo names no version (the one ts-morph bundles). */
export const BUNDLED_TS_MAJOR = Number(ts.versionMajorMinor.split(".")[0]);

/**
 * The TypeScript major a tsconfig is compiled with: the `typescript` dependency of the nearest
 * package.json from the tsconfig's folder up to the repo root. Ranges ("^5.4", "~4.9.5",
 * "5.x") give their first number; tags and workspace protocols give the bundled major.
 */
export function typescriptMajorFor(dir: string, root: string): number {
  for (let d = dir; ; d = path.dirname(d)) {
    const pkg = readManifest(path.join(d, "package.json"));
    const range =
      pkg?.devDependencies?.typescript ?? pkg?.dependencies?.typescript ?? pkg?.peerDependencies?.typescript;
    if (typeof range === "string") {
      const m = /(\d+)/.exec(range.replace(/^npm:typescript@/, ""));
      return m && !/^(workspace|catalog|link|file):/.test(range) ? Number(m[1]) : BUNDLED_TS_MAJOR;
    }
    if (d === root || path.dirname(d) === d) return BUNDLED_TS_MAJOR;
  }
}

/**
 * TypeScript 6 changed the defaults that decide resolution (target latest, module from target,
 * moduleResolution bundler). A repo built with TypeScript 5 or older that leaves
 * moduleResolution unset was resolved with the old rule (TS 5's getEmitModuleResolutionKind),
 * so we pin that rule's answer explicitly: the graph is the one the repo's own compiler sees.
 */
export function withDefaultsOf(major: number, options: ts.CompilerOptions): ts.CompilerOptions {
  if (major >= 6 || options.moduleResolution !== undefined) return options;
  const MK = ts.ModuleKind;
  const MR = ts.ModuleResolutionKind;
  const target = options.target ?? ts.ScriptTarget.ES5;
  const module = options.module ?? (target >= ts.ScriptTarget.ES2015 ? MK.ES2015 : MK.CommonJS);
  let moduleResolution: ts.ModuleResolutionKind;
  if (module === MK.CommonJS) moduleResolution = MR.Node10;
  else if (module === MK.NodeNext) moduleResolution = MR.NodeNext;
  else if (module >= MK.Node16 && module < MK.NodeNext) moduleResolution = MR.Node16;
  else if (module === MK.Preserve) moduleResolution = MR.Bundler;
  else moduleResolution = MR.Classic;
  return { ...options, module, moduleResolution };
}
