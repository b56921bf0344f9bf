import { builtinModules } from "node:module";
import path from "node:path";
import type { ModuleRecord, ResolvedImport } from "../graph/types.js";
import type { Tsconfig } from "../repo/types.js";
import { readManifest } from "../repo/json.js";
import { byString } from "../util/order.js";
import { getOrInsert } from "../util/maps.js";
import { isClientPackage, isServerPackage, isToolingPackage, isUiPackage, packageKind } from "./packages.js";
import { TIERS, type FileTier, type Tier, type TierMap } from "./types.js";

/** Evidence a file carries itself, strongest first (docs/design.md "Tiers"). */
type Own = "server" | "client" | "tooling" | "node" | "ui";

export interface TierInputs {
  root: string;
  records: ModuleRecord[];
  /** repo-relative paths of the package.json files of the repo (outside node_modules) */
  manifests: string[];
  /** per tsconfig path: what its `lib` and `types` say, where tsconfigs of the repo disagree */
  tsconfigRuntime: Map<string, "dom" | "node">;
}

const BUILTINS = new Set(builtinModules);
const CONFIG_FILE = /(^|\/)[^/]+\.config\.[cm]?[jt]sx?$/;
/**
 * A file named by the date it was written (`20230313000000-backfill-x.ts`, `Migration20240225134525.ts`), or
 * by a Unix time between dashes after a release (logto's `1.0.0-1677208902-add-orgs.ts`,
 * `1.0.0_rc.0-1674032095.1-dedup.ts`, `next-1786373004-tighten.ts`), or right in a folder named by a timestamp
 * and a name (formbricks' `migration/20240207041922_advanced_targeting/migration.ts`): run once.
 */
const ONE_OFF_SCRIPT =
  /(^|\/)(migration[-_]?)?\d{8,}[^/]*$|(^|\/)\d{12,}[-_][^/]*\/[^/]+$|(^|\/)[^/]*-\d{10,13}(\.\d+)?[-_][^/]*$/i;
/** A file in a folder of migrations (`apps/api/migrations/expire-at/expire-at.migration.ts`): run once, by hand. */
const MIGRATIONS = /(^|\/)migrations\//i;
/**
 * A folder whose name ends in migrations (openpanel's `code-migrations/`, `dbMigrations/`): its files are run by hand
 * as a scripts folder's are, when no code but such a file imports them (a feature of that name stays).
 */
const NAMED_MIGRATIONS = /(^|\/)[a-z0-9]+(?:[-_]migrations|Migrations)\//i;
/** A database seed script (`prisma/seed/users.ts`, `seed.ts`, `demo-seed.ts`, `users.seeder.ts`): fills a dev DB. */
const SEED_SCRIPT = /(^|\/)(seeds?|seeders?|seeding)\/|(^|\/|[-_.])(seeds?|seeders?)(\.[^/]*)?$/i;
/**
 * A folder of scripts (`scripts/`, amplication's `migration-scripts/`): its files that no code but such a script
 * imports are scripts developers run by hand (`generate-openapi.ts`; `generate-graphql-schema.ts`, which
 * `check-graphql-schema.ts` beside it runs).
 */
const SCRIPTS = /(^|\/)([a-z0-9]+[-_])*scripts\//i;
/** ... or one named `seed-*.ts` (`seed-database.ts`) that no file imports: run, never imported (`seed-phrase.ts` is) */
const SEED_RUN = /(^|\/)seeds?[-_][^/]*$/i;
/**
 * A Next.js app router's UI segment (`app/(shop)/orders/page.tsx`, `layout.tsx`, `loading.tsx`, ...): the front end,
 * though as a server component it may call server code, which is then what a service would serve it.
 */
const NEXT_ROUTE_UI = /(^|\/)app\/(.+\/)?(page|layout|loading|error|global-error|not-found|template|default)\.[jt]sx$/;
/** a Next.js endpoint: an API route of the pages router, or a route handler of the app router */
const NEXT_ENDPOINT = /(^|\/)pages\/api\/.+\.[jt]sx?$|(^|\/)app\/(.+\/)?route\.[jt]s$/;

/**
 * The files of folders of scripts (or migrations by another name) run by hand: those no file imports, then, round
 * by round, those that only such scripts import (`generate-graphql-schema.ts`, which `check-graphql-schema.ts`
 * runs); a file of a scripts folder that other code imports (a feature of that name, its controller imported by the
 * app) runs with that code.
 */
function scriptsRunByHand(files: string[], importers: number[][]): Set<number> {
  const scripts = new Set<number>();
  const candidates = files.flatMap((f, i) => (SCRIPTS.test(f) || NAMED_MIGRATIONS.test(f) ? [i] : []));
  for (let grew = true; grew;) {
    grew = false;
    for (const i of candidates)
      if (!scripts.has(i) && importers[i].every((j) => scripts.has(j))) {
        scripts.add(i);
        grew = true;
      }
  }
  return scripts;
}

/**
 * Every file's tier, decided in this order: what its workspace package is (a client app, a
 * component library, a documentation site, a build plugin, a server); then its own evidence
 * (imports of server frameworks, ORMs and queues, of UI frameworks, browser globals,
 * directives, ORM entities it declares); then the import graph, both ways (a file that imports
 * server code is server; a file used only by client files is client, by both shared); then
 * its tsconfig. Type-only imports carry no tier. A repo with no evidence at all is server.
 */
export function classifyTiers(input: TierInputs): TierMap {
  const files = input.records.map((r) => r.path).sort(byString);
  const index = new Map(files.map((f, i) => [f, i]));
  const packages = packageKinds(input.root, input.manifests);
  const tier: (Tier | undefined)[] = files.map(() => undefined);
  const why: string[] = files.map(() => "");
  const own: (Own | undefined)[] = files.map(() => undefined);
  const imports: number[][] = files.map(() => []);
  const importers: number[][] = files.map(() => []);
  /** importers through `import type` and type-only uses: a last resort for files of types alone */
  const typeImporters: number[][] = files.map(() => []);
  const byPath = new Map(input.records.map((r) => [r.path, r]));

  files.forEach((f, i) => {
    const r = byPath.get(f)!;
    for (const imp of r.imports) {
      if (imp.target.type !== "module" || imp.kind === "reference") continue;
      const j = index.get(imp.target.path);
      if (j === undefined || j === i) continue;
      if (!isValueImport(imp)) {
        typeImporters[j].push(i);
        continue;
      }
      imports[i].push(j);
      importers[j].push(i);
    }
  });
  const toolConfigs = toolConfigsOf(files, importers);
  const handRun = scriptsRunByHand(files, importers);
  files.forEach((f, i) => {
    const r = byPath.get(f)!;
    const pkg = packageOf(packages, f);
    const evidence = ownEvidence(r);
    if (toolConfigs.has(i)) [tier[i], why[i]] = ["tooling", "a tool's config file"];
    else if (ONE_OFF_SCRIPT.test(f))
      [tier[i], why[i]] = ["tooling", "a one-off script named by its date (a migration or backfill)"];
    else if (MIGRATIONS.test(f)) [tier[i], why[i]] = ["tooling", "a migration (in migrations/): run once"];
    else if (handRun.has(i))
      [tier[i], why[i]] = ["tooling", "a script of a folder of scripts or migrations that no other code imports"];
    else if (SEED_SCRIPT.test(f) || (SEED_RUN.test(f) && importers[i].length === 0))
      [tier[i], why[i]] = [
        "tooling",
        "a database seed script: it writes the data of every domain, and no service owns it",
      ];
    else if (pkg?.kind.next && NEXT_ENDPOINT.test(f))
      [tier[i], why[i]] = ["server", `a Next.js endpoint (${path.posix.basename(f)}): it runs on the server`];
    else if (pkg?.kind.next && NEXT_ROUTE_UI.test(f))
      [tier[i], why[i]] = ["client", `a Next.js app router ${path.posix.basename(f)}: rendered UI, the front end`];
    else if (pkg?.kind.tier) {
      tier[i] = pkg.kind.tier;
      why[i] = pkg.kind.why;
    } else if (evidence) {
      own[i] = evidence.kind;
      why[i] = evidence.why;
      // server and tooling code decide by themselves, and so does a file that says it is client code ("use client",
      // client-only: what a server component imports is the browser's then); other UI code may be rendered on a
      // server (e-mails), so its users decide
      if (evidence.kind === "server" || evidence.kind === "tooling") tier[i] = evidence.kind;
      else if (evidence.declared) tier[i] = "client";
      // in a Next.js app a component importing server code is a server component, still the front end: only its
      // users decide (pages make it client, a route rendering an e-mail server)
      else if (pkg?.kind.next && r.runtime.jsx) [own[i], why[i]] = ["client", "renders JSX in a Next.js app"];
    }
  });

  upwards(tier, why, own, imports, files);
  // entry points of the front end: UI code that no analysed file imports; but one beside UI code that files import
  // waits for its neighbours' verdict: where the server renders them all, it is server-rendered too (immich's
  // e-mail template that no sender imports yet)
  const isUi = (i: number) => own[i] === "ui" || own[i] === "client";
  const importedUi = new Set(
    files.filter((_, i) => isUi(i) && importers[i].length > 0).map((f) => path.posix.dirname(f)),
  );
  const waiting: number[] = [];
  files.forEach((f, i) => {
    if (tier[i] || importers[i].length > 0 || !isUi(i)) return;
    if (own[i] === "ui" && importedUi.has(path.posix.dirname(f))) waiting.push(i);
    else [tier[i], why[i]] = ["client", `${why[i]}; no analysed file imports it`];
  });
  // a file a waiting one imports is pending, not in a cycle
  downwards(tier, why, own, importers, waiting.length === 0);
  if (waiting.length) {
    const serverRendered = serverRenderedFolders(files, tier, isUi);
    for (const i of waiting)
      [tier[i], why[i]] = serverRendered.has(path.posix.dirname(files[i]))
        ? ["server", `${why[i]}; no analysed file imports it, and the server renders the UI beside it`]
        : ["client", `${why[i]}; no analysed file imports it`];
    downwards(tier, why, own, importers);
  }
  // Node code with nothing else to go by is server-side where its package has server code, else tooling
  const serverPackages = new Set(files.filter((_, i) => tier[i] === "server").map((f) => packageOf(packages, f)?.dir));
  const besideServer = (f: string) => serverPackages.has(packageOf(packages, f)?.dir);
  const anyEvidence = tier.some((t) => t !== undefined) || own.some((o) => o !== undefined);
  files.forEach((f, i) => {
    if (tier[i]) return;
    const t = input.tsconfigRuntime.get(byPath.get(f)!.tsconfig);
    if (isUi(i)) tier[i] = "client";
    else if (own[i] === "node")
      [tier[i], why[i]] = besideServer(f)
        ? ["server", `${why[i]}, beside server code`]
        : ["tooling", `${why[i]}; no server code in its package`];
    else if (t)
      [tier[i], why[i]] = [
        t === "dom" ? "client" : "server",
        `its tsconfig targets ${t === "dom" ? "the DOM" : "Node"}`,
      ];
  });
  typeUsers(tier, why, importers, typeImporters);
  byFolder(tier, why, files);
  files.forEach((_, i) => {
    if (!tier[i])
      [tier[i], why[i]] = anyEvidence
        ? ["server", "no evidence; server by default"]
        : ["server", "no evidence in the repo"];
  });
  const counts = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
  for (const t of tier) counts[t!]++;
  return { files: files.map((path, i): FileTier => ({ path, tier: tier[i]!, why: why[i] })), counts };
}

/**
 * A file that imports server code runs on a server, unless its own code says it runs in a
 * browser (then the import is of something both sides use). Importing UI code says nothing:
 * it may render on a server.
 */
function upwards(
  tier: (Tier | undefined)[],
  why: string[],
  own: (Own | undefined)[],
  imports: number[][],
  files: string[],
) {
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < tier.length; i++) {
      if (tier[i] !== undefined || own[i] === "client") continue;
      const server = imports[i].find((j) => tier[j] === "server");
      if (server === undefined) continue;
      [tier[i], why[i]] = ["server", `imports server code (${files[server]})`];
      changed = true;
    }
  }
}

/**
 * A file with no verdict takes its importers': server only, client only, or both (shared). `cycles`: then decide the
 * files of import cycles by the importers that have a verdict (not while some files wait for theirs).
 */
function downwards(
  tier: (Tier | undefined)[],
  why: string[],
  own: (Own | undefined)[],
  importers: number[][],
  cycles = true,
) {
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < tier.length; i++) {
      if (tier[i] !== undefined || importers[i].length === 0) continue;
      const seen = new Set<Tier>();
      let pending = false;
      for (const j of importers[i]) {
        if (tier[j] === undefined) pending = true;
        else seen.add(tier[j]);
      }
      if (pending) continue;
      const verdict = usedBy(seen);
      if (!verdict) continue;
      const ui = (own[i] === "ui" || own[i] === "client") && verdict === "server" ? " (rendered on the server)" : "";
      [tier[i], why[i]] = [verdict, `${why[i] ? `${why[i]}; ` : ""}${USED_BY[verdict]}${ui}`];
      changed = true;
    }
  }
  // files in import cycles with no verdict: decided by the importers that have one
  if (!cycles) return;
  for (let i = 0; i < tier.length; i++) {
    if (tier[i] !== undefined) continue;
    const seen = new Set(importers[i].map((j) => tier[j]).filter((t): t is Tier => t !== undefined));
    const verdict = usedBy(seen);
    if (verdict) [tier[i], why[i]] = [verdict, `${why[i] ? `${why[i]}; ` : ""}${USED_BY[verdict]}`];
  }
}

/**
 * A file still undecided that only types reach (an interface both the API and the client use,
 * through a barrel): its tier is that of the files that use it, as types or through importers
 * as undecided as itself. Type uses decide nothing while any other evidence does.
 */
function typeUsers(tier: (Tier | undefined)[], why: string[], importers: number[][], typeImporters: number[][]) {
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < tier.length; i++) {
      if (tier[i] !== undefined || typeImporters[i].length + importers[i].length === 0) continue;
      const users = [...typeImporters[i], ...importers[i]];
      if (users.some((j) => tier[j] === undefined)) continue;
      const verdict = usedBy(new Set(users.map((j) => tier[j]!)));
      if (!verdict) continue;
      const asTypes = importers[i].length === 0 ? " (as types)" : "";
      [tier[i], why[i]] = [verdict, `${why[i] ? `${why[i]}; ` : ""}${USED_BY[verdict]}${asTypes}`];
      changed = true;
    }
  }
}

/** Folders whose UI code with a tier is all server code (e-mail templates a server renders), none of it client. */
function serverRenderedFolders(files: string[], tier: (Tier | undefined)[], isUi: (i: number) => boolean): Set<string> {
  const tiers = new Map<string, Set<Tier>>();
  files.forEach((f, i) => {
    const t = tier[i];
    if (t && isUi(i)) getOrInsert(tiers, path.posix.dirname(f), () => new Set()).add(t);
  });
  return new Set([...tiers].filter(([, ts]) => ts.size === 1 && ts.has("server")).map(([dir]) => dir));
}

const USED_BY: Record<Tier, string> = {
  server: "used only by server files",
  client: "used only by client files",
  shared: "used by server and client files",
  tooling: "used only by tooling",
};

function usedBy(seen: Set<Tier>): Tier | undefined {
  const server = seen.has("server");
  const client = seen.has("client");
  if (seen.has("shared") || (server && client)) return "shared";
  if (server) return "server";
  if (client) return "client";
  return seen.has("tooling") ? "tooling" : undefined;
}

/** Files still undecided (no evidence, no importer) take the tier most common in their folder, then above. */
function byFolder(tier: (Tier | undefined)[], why: string[], files: string[]) {
  const counts = new Map<string, Map<Tier, number>>();
  files.forEach((f, i) => {
    const t = tier[i];
    if (!t) return;
    for (let d = path.posix.dirname(f); ; d = path.posix.dirname(d)) {
      const m = getOrInsert(counts, d, () => new Map());
      m.set(t, (m.get(t) ?? 0) + 1);
      if (d === ".") break;
    }
  });
  files.forEach((f, i) => {
    if (tier[i]) return;
    for (let d = path.posix.dirname(f); ; d = path.posix.dirname(d)) {
      const m = counts.get(d);
      if (m?.size) {
        const best = [...m].sort((a, b) => b[1] - a[1] || byString(a[0], b[0]))[0][0];
        [tier[i], why[i]] = [best, `no evidence; most files of ${d === "." ? "the repo" : `${d}/`} are ${best}`];
        return;
      }
      if (d === ".") return;
    }
  });
}

function isValueImport(imp: ResolvedImport): boolean {
  return (
    imp.kind !== "reference" &&
    imp.valueNames?.length !== 0 &&
    !(imp.symbols.length > 0 && imp.symbols.every((s) => s.typeOnly))
  );
}

/**
 * The strongest evidence of the file's own code, with the words that say so; `declared`: the file says it is
 * client code ("use client", an import of client-only), which no import of it makes server code.
 */
function ownEvidence(r: ModuleRecord): { kind: Own; why: string; declared?: true } | undefined {
  if (r.runtime.directive === "use client") return { kind: "client", why: `"use client"`, declared: true };
  const clientOnly = r.imports.some((imp) => imp.target.type === "external" && imp.target.package === "client-only");
  if (clientOnly) return { kind: "client", why: "imports client-only", declared: true };
  const found = new Map<Own, string>();
  const note = (kind: Own, text: string) => {
    if (!found.has(kind)) found.set(kind, text);
  };
  if (r.runtime.directive === "use server") note("server", `"use server"`);
  if (r.data.entities.length) note("server", `declares the ORM entity ${r.data.entities[0].name}`);
  for (const imp of r.imports) {
    if (imp.target.type !== "external" || !isValueImport(imp)) continue;
    const pkg = imp.target.package;
    if (pkg === "@prisma/client") {
      // enums of the schema reach the browser too; the client and the query namespace do not
      if ((imp.valueNames ?? []).some((name) => name === "PrismaClient" || name === "Prisma"))
        note("server", "imports the Prisma client");
    } else if (isServerPackage(pkg)) note("server", `imports ${pkg}`);
    else if (isClientPackage(pkg) && !imp.specifier.startsWith("react-dom/server")) note("client", `imports ${pkg}`);
    else if (isToolingPackage(pkg)) note("tooling", `imports ${pkg}`);
    else if (isUiPackage(pkg)) note("ui", `imports ${pkg}`);
    else if (BUILTINS.has(pkg.replace(/^node:/, ""))) note("node", `imports Node's ${pkg.replace(/^node:/, "")}`);
  }
  if (r.runtime.dom.length) note("client", `uses ${r.runtime.dom[0]}`);
  if (r.runtime.jsx) note("ui", "renders JSX");
  for (const kind of ["server", "client", "tooling", "node", "ui"] as Own[]) {
    const text = found.get(kind);
    if (text) return { kind, why: text };
  }
  return undefined;
}

/**
 * The config files a tool reads (`vite.config.ts`): named `*.config.*` and imported by nothing but other tool
 * configs. One that code imports runs (`import "./config/env.config"` in a server's bootstrap), and so does a
 * config only such a config imports.
 */
function toolConfigsOf(files: string[], importers: number[][]): Set<number> {
  const configs = new Set(files.flatMap((f, i) => (CONFIG_FILE.test(f) ? [i] : [])));
  for (let changed = true; changed;) {
    changed = false;
    for (const i of configs)
      if (importers[i].some((j) => !configs.has(j))) {
        configs.delete(i);
        changed = true;
      }
  }
  return configs;
}

interface KnownPackage {
  /** repo-relative folder, "" for the root */
  dir: string;
  kind: ReturnType<typeof packageKind>;
}

/**
 * Every package of the repo, deepest first: each package.json outside node_modules, workspace
 * member or not (a docs site often has a workspace of its own), except a root that only lists
 * workspaces (its dependencies are the monorepo's tooling).
 */
function packageKinds(root: string, manifests: string[]): KnownPackage[] {
  const out: KnownPackage[] = [];
  for (const file of manifests) {
    const m = readManifest(path.join(root, file));
    if (!m || (m.workspaces !== undefined && !m.dependencies)) continue;
    const dir = path.posix.dirname(file);
    const name = typeof m.name === "string" ? m.name : file;
    out.push({ dir: dir === "." ? "" : dir, kind: packageKind(name, m) });
  }
  return out.sort((a, b) => b.dir.length - a.dir.length || byString(a.dir, b.dir));
}

function packageOf(packages: KnownPackage[], file: string): KnownPackage | undefined {
  return packages.find((p) => p.dir === "" || file.startsWith(`${p.dir}/`));
}

/**
 * What each tsconfig says about its runtime (`lib` with the DOM, or Node's `types`), kept only
 * when the repo's tsconfigs disagree: one tsconfig with `lib: ["dom"]` often owns a whole repo.
 */
export function tsconfigRuntimes(tsconfigs: Tsconfig[]): Map<string, "dom" | "node"> {
  const out = new Map<string, "dom" | "node">();
  for (const t of tsconfigs) {
    const lib = (t.options.lib ?? []).map((l) => l.toLowerCase());
    if (lib.some((l) => l.includes("dom"))) out.set(t.path, "dom");
    else if ((t.options.types ?? []).includes("node")) out.set(t.path, "node");
  }
  return new Set(out.values()).size > 1 ? out : new Map<string, "dom" | "node">();
}
