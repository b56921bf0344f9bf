import path from "node:path";
import { exports as resolveExports } from "resolve.exports";
import type { Tsconfig, WorkspacePackage } from "../repo/types.js";
import { byString } from "../util/order.js";
import { getOrInsert } from "../util/maps.js";

const OUTPUT_EXT = /(\.d)?\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SOURCE_EXTS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/**
 * faultline's one extension of TypeScript's resolution: an import of a workspace package lands on
 * that package's source file, even when nothing is installed or built. Output paths named by
 * the manifest (exports, main, types, module) are mapped back through the package's own
 * tsconfig (outDir -> rootDir); then the `source` and `types` fields; then src/index.ts.
 */
export class WorkspaceSources {
  private readonly byName: WorkspacePackage[];
  private readonly ranked = new Map<string, Tsconfig[]>();

  constructor(
    packages: WorkspacePackage[],
    private readonly tsconfigs: Tsconfig[],
    private readonly isModule: (abs: string) => boolean,
  ) {
    // longest name first, so "@a/b-c" is not taken for "@a/b"
    this.byName = [...packages].sort((a, b) => b.name.length - a.name.length);
  }

  /** The package whose name the specifier starts with. */
  packageOf(specifier: string): WorkspacePackage | undefined {
    return this.byName.find((p) => specifier === p.name || specifier.startsWith(p.name + "/"));
  }

  /** The package whose folder holds a file (deepest first). */
  packageAt(abs: string): WorkspacePackage | undefined {
    let best: WorkspacePackage | undefined;
    for (const p of this.byName) {
      if (abs.startsWith(p.dir + path.sep) && (!best || p.dir.length > best.dir.length)) best = p;
    }
    return best;
  }

  /** Resolves `@scope/pkg/sub` to a source file of the workspace package, or undefined. */
  resolve(specifier: string, pkg: WorkspacePackage, require: boolean): string | undefined {
    const subpath = specifier === pkg.name ? "." : "./" + specifier.slice(pkg.name.length + 1);
    const m = pkg.manifest;
    const candidates: string[] = [];
    if (m.exports !== undefined) {
      for (const conditions of [["types", "source"], ["source"], []]) {
        try {
          candidates.push(...(resolveExports(m, subpath, { conditions, require }) ?? []));
        } catch {
          /* subpath not exported under these conditions */
        }
      }
    }
    if (subpath === ".") {
      for (const field of ["source", "types", "typings", "module", "main"]) {
        const value = m[field];
        if (typeof value === "string") candidates.push(value);
      }
      candidates.push("./src/index", "./index");
    } else {
      candidates.push(subpath, "./src/" + subpath.slice(2));
    }
    for (const c of candidates) {
      const hit = this.toSource(pkg, path.resolve(pkg.dir, c));
      if (hit) return hit;
    }
    return undefined;
  }

  /** A file of the package (possibly a build output, possibly absent) -> its source module. */
  toSource(pkg: WorkspacePackage, abs: string): string | undefined {
    if (this.isModule(abs)) return abs;
    const stem = abs.replace(OUTPUT_EXT, "");
    const direct = this.findSource(stem);
    if (direct) return direct;
    for (const t of this.tsconfigsOf(pkg)) {
      const outDir = t.options.outDir && path.resolve(t.dir, t.options.outDir);
      if (!outDir || !(stem + path.sep).startsWith(outDir + path.sep)) continue;
      const mapped = this.findSource(path.join(rootDirOf(t), path.relative(outDir, stem)));
      if (mapped) return mapped;
    }
    return undefined;
  }

  private findSource(stem: string): string | undefined {
    for (const base of [stem, path.join(stem, "index")]) {
      for (const ext of SOURCE_EXTS) if (this.isModule(base + ext)) return base + ext;
    }
    return undefined;
  }

  /**
   * The package's tsconfigs that set outDir, the one that builds its output first: the tsconfig its `build`
   * script's last `tsc` compiles (`tsc -p tsconfig.build.json`), then tsconfig.json, then tsconfig.build.json, then the
   * rest by name. logto's schemas map `lib/` back through tsconfig.build.json (src/), not through the
   * code generator's tsconfig.build.gen.json (src/gen/), whose output lands in `lib/` too.
   */
  private tsconfigsOf(pkg: WorkspacePackage): Tsconfig[] {
    // asked once per import of the package: ranked once per package
    return getOrInsert(this.ranked, pkg.dir, () => this.rankTsconfigs(pkg));
  }

  private rankTsconfigs(pkg: WorkspacePackage): Tsconfig[] {
    const build = buildTsconfig(pkg.manifest);
    const built = build && path.resolve(pkg.dir, build.endsWith(".json") ? build : path.join(build, "tsconfig.json"));
    const rank = (t: Tsconfig) => {
      const name = path.basename(t.path);
      if (t.abs === built) return 0;
      return name === "tsconfig.json" ? 1 : name === "tsconfig.build.json" ? 2 : 3;
    };
    return this.tsconfigs
      .filter((t) => t.dir === pkg.dir && t.options.outDir)
      .sort((a, b) => rank(a) - rank(b) || byString(a.path, b.path));
  }
}

/**
 * The tsconfig a package's `build` script compiles last (`pnpm generate && tsc -p tsconfig.build.json`): the
 * `-p`/`--project` of its last `tsc` command (`tsc-alias -p` is another tool's), quotes taken off.
 */
function buildTsconfig(manifest: WorkspacePackage["manifest"]): string | undefined {
  const scripts = manifest.scripts;
  const build = scripts && typeof scripts === "object" ? (scripts as Record<string, unknown>).build : undefined;
  if (typeof build !== "string") return undefined;
  let last: string | undefined;
  for (const command of build.split(/&&|\|\||[;|]/)) {
    if (!/^\s*(?:npx\s+)?tsc(?:\s|$)/.test(command)) continue;
    const m = /(?:^|\s)(?:-p|--project)\s+(?:"([^"]+)"|'([^']+)'|(\S+))/.exec(command);
    if (m) last = m[1] ?? m[2] ?? m[3];
  }
  return last;
}

/**
 * rootDir when the tsconfig leaves it unset: TypeScript 6 takes the tsconfig's folder;
 * TypeScript 5 and older took the longest common folder of the program's source files.
 */
export function rootDirOf(t: Tsconfig): string {
  if (t.options.rootDir) return path.resolve(t.dir, t.options.rootDir);
  if (t.typescriptMajor >= 6) return t.dir;
  const sources = t.fileNames.filter((f) => !/\.d\.[mc]?ts$/.test(f));
  if (sources.length === 0) return t.dir;
  let common = path.dirname(sources[0]);
  for (const f of sources) {
    while (!(f + "").startsWith(common + path.sep)) common = path.dirname(common);
  }
  return common;
}
