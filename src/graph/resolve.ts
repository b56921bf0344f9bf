import { builtinModules } from "node:module";
import path from "node:path";
import { ts } from "../util/typescript.cjs";
import { isDeclarationFile } from "../repo/scopeFiles.js";
import type { RepoScope, ScopeFile, Tsconfig } from "../repo/types.js";
import { isInside, toRepoPath } from "../util/paths.js";
import { cachedResolutionHost } from "./host.js";
import { NO_WORKSPACE_SOURCE, type ImportFact, type Resolution } from "./types.js";
import { WorkspaceSources } from "./workspaceSource.js";

const BUILTINS = new Set(builtinModules);

/**
 * Resolves module specifiers exactly as TypeScript does (ts.resolveModuleName under the
 * owning tsconfig's options, one resolution cache per tsconfig), then classifies the result:
 * a module of the graph, a declaration file of the repo, an external package, or unresolved.
 */
export class Resolver {
  readonly host = cachedResolutionHost();
  private readonly caches = new Map<Tsconfig, ts.ModuleResolutionCache>();
  private readonly modules: Map<string, string>;
  private readonly workspaces: WorkspaceSources;

  constructor(private readonly scope: RepoScope) {
    this.modules = new Map(scope.files.map((f) => [f.abs, f.path]));
    this.workspaces = new WorkspaceSources(scope.workspaces, scope.tsconfigs, (abs) => this.modules.has(abs));
  }

  private cacheFor(t: Tsconfig): ts.ModuleResolutionCache {
    let c = this.caches.get(t);
    if (!c) {
      c = ts.createModuleResolutionCache(
        t.dir,
        (f) => (ts.sys.useCaseSensitiveFileNames ? f : f.toLowerCase()),
        t.options,
      );
      this.caches.set(t, c);
    }
    return c;
  }

  /** ESM or CommonJS, as TypeScript decides it (extension, nearest package.json `type`). */
  impliedNodeFormat(file: ScopeFile): ts.ResolutionMode {
    return ts.getImpliedNodeFormatForFile(
      file.abs,
      this.cacheFor(file.tsconfig).getPackageJsonInfoCache(),
      this.host,
      file.tsconfig.options,
    );
  }

  resolve(from: ScopeFile, imp: ImportFact): Resolution {
    if (imp.computed) return { type: "unresolved", reason: "non-literal" };
    if (imp.kind === "reference") return this.resolveReference(from, imp.specifier);
    const spec = imp.specifier;
    const t = from.tsconfig;
    const r = ts.resolveModuleName(spec, from.abs, t.options, this.host, this.cacheFor(t), undefined, imp.mode);
    const resolved = r.resolvedModule?.resolvedFileName;
    const pkg = this.workspaces.packageOf(spec);
    if (resolved) {
      const hit = this.classify(path.resolve(resolved), spec);
      // an installed copy of a workspace package (not a symlink) still means its source
      if (hit && !(hit.type === "external" && pkg)) return hit;
    }
    if (pkg) {
      const src = this.workspaces.resolve(spec, pkg, imp.mode === ts.ModuleKind.CommonJS);
      if (src) return { type: "module", path: this.modules.get(src)! };
      return { type: "unresolved", reason: `${NO_WORKSPACE_SOURCE}${pkg.name}` };
    }
    if (resolved) return { type: "unresolved", reason: `not in scope: ${toRepoPath(this.scope.root, resolved)}` };
    // `#x` is a package.json `imports` entry of the importer's own package, never another package
    if (isRelativeOrAbsolute(spec) || spec.startsWith("#")) return { type: "unresolved", reason: "not found" };
    const builtin = builtinName(spec);
    if (builtin) return { type: "external", package: builtin };
    if (matchesPaths(spec, t.options.paths)) return { type: "unresolved", reason: "not found (paths)" };
    return { type: "external", package: packageName(spec) };
  }

  /** undefined: an in-repo file that is not analysed (the caller decides what that means) */
  private classify(abs: string, spec: string): Resolution | undefined {
    const root = this.scope.root;
    const rel = toRepoPath(root, abs);
    const inRepo = isInside(root, abs);
    if (!inRepo && isRelativeOrAbsolute(spec)) return { type: "unresolved", reason: "outside the repo" };
    if (!inRepo || rel.split("/").includes("node_modules")) {
      if (isRelativeOrAbsolute(spec)) return { type: "external", package: packageFromPath(abs) };
      return { type: "external", package: builtinName(spec) ?? packageName(spec) };
    }
    const known = this.modules.get(abs);
    if (known) return { type: "module", path: known };
    const pkg = this.workspaces.packageAt(abs);
    if (pkg) {
      const src = this.workspaces.toSource(pkg, abs);
      if (src) return { type: "module", path: this.modules.get(src)! };
    }
    if (isDeclarationFile(rel)) return { type: "declaration", path: rel };
    return undefined;
  }

  private resolveReference(from: ScopeFile, ref: string): Resolution {
    const base = path.resolve(path.dirname(from.abs), ref);
    const tries = /\.[^./\\]+$/.test(ref) ? [base] : [base, base + ".ts", base + ".tsx", base + ".d.ts"];
    for (const abs of tries) {
      if (!this.host.fileExists(abs)) continue;
      const hit = this.classify(abs, ref);
      if (hit) return hit;
      return { type: "unresolved", reason: `not in scope: ${toRepoPath(this.scope.root, abs)}` };
    }
    return { type: "unresolved", reason: "not found" };
  }
}

/** A Node builtin as written (`fs`, `node:fs`, `node:fs/promises` -> `node:fs`); undefined otherwise. */
function builtinName(spec: string): string | undefined {
  const prefixed = spec.startsWith("node:");
  const name = (prefixed ? spec.slice(5) : spec).split("/")[0];
  if (!BUILTINS.has(name) && !(prefixed && BUILTINS.has(spec.slice(5)))) return undefined;
  return prefixed ? `node:${name}` : name;
}

function isRelativeOrAbsolute(spec: string): boolean {
  return spec.startsWith("./") || spec.startsWith("../") || spec === "." || spec === ".." || path.isAbsolute(spec);
}

/** `@scope/name/deep` -> `@scope/name`; `name/deep` -> `name`. */
export function packageName(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") && parts.length > 1 ? `${parts[0]}/${parts[1]}` : parts[0];
}

function packageFromPath(abs: string): string {
  const parts = abs.split(path.sep);
  const i = parts.lastIndexOf("node_modules");
  if (i < 0) return abs;
  return packageName(parts.slice(i + 1).join("/"));
}

function matchesPaths(spec: string, paths: ts.MapLike<string[]> | undefined): boolean {
  if (!paths) return false;
  return Object.keys(paths).some((key) => {
    const star = key.indexOf("*");
    if (star < 0) return key === spec;
    return spec.startsWith(key.slice(0, star)) && spec.endsWith(key.slice(star + 1)) && spec.length >= key.length - 1;
  });
}
