import path from "node:path";
import {
  isAdjective,
  isApiVersion,
  isGenericName,
  isIdentityHead,
  isRouteParameter,
  nameInWords,
  nameWords,
  namesIdentity,
  nounOf,
  ownNounOf,
} from "../coupling/names.js";
import { oneThingOfOwners } from "./services.js";
import { commonFolder, foldersOf, withoutExtension } from "../util/paths.js";
import { byString } from "../util/order.js";
import { getOrInsert } from "../util/maps.js";

/** Words of a path: folders and file name, split at camelCase, dashes, dots and underscores. */
export function pathWords(path: string): string[] {
  const noExt = withoutExtension(path);
  const words = new Set<string>();
  for (const part of noExt.split(/[/\\]/)) {
    for (const w of part
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
      .split(/[^A-Za-z0-9]+/)) {
      const lw = w.toLowerCase();
      if (lw.length >= 3 && !/^\d+$/.test(lw)) words.add(lw);
    }
  }
  return [...words];
}

/**
 * Words that never name a service while a better one is at hand: English glue ("and", "for"),
 * verbs that prefix function-named files ("get", "has"), and the framework's own vocabulary
 * ("module", "component", "dto"): a group whose files share only these is held together by
 * code structure, and the word that comes next says more about what it does.
 */
// prettier-ignore
const UNFIT_NAMES = new Set([
  "and", "the", "for", "with", "from", "into", "not", "all", "any", "are", "can", "its", "our", "own", "per", "via",
  "get", "set", "has", "use", "add", "make", "create", "update", "delete", "remove", "find", "list", "load", "save",
  "handle", "check", "build", "module", "modules", "component", "components", "service", "services", "controller",
  "controllers", "page", "pages", "dto", "dtos", "entity", "entities", "interface", "interfaces", "type", "types",
  "util", "utils", "helper", "helpers", "index", "lib", "libs", "src", "app", "apps", "package", "packages", "impl",
  "base", "spec", "test", "tests", "mock", "mocks", "resolver", "resolvers", "args", "input", "inputs", "guard",
  "guards", "interceptor", "interceptors", "decorator", "decorators", "middleware", "middlewares", "handler",
  "handlers", "model", "models", "schema", "schemas", "route", "routes", "router", "validator", "validators",
  "repository", "repositories", "gql", "graphql", "rest", "http", "api", "server", "info", "health", "docs", "cache",
  "logging", "endpoint", "endpoints", "environment", "config", "configuration", "csrf", "cron", "queue", "html",
  "data", "features", "usecase", "usecases", "trpc", "strategy", "strategies", "builder", "builders",
  "method", "methods", "hydrator", "openapi", "callback", "callbacks", "backend", "frontend",
]);

/** Whether a word may name a group: no unfit word, and no adjective alone (`active` visitors, `public` routes). */
const fitName = (w: string) => !UNFIT_NAMES.has(w) && !isAdjective(w);

/** Service ids from names, in order: kebab-case, made unique with -2, -3, ... (never a cluster index). */
export function uniqueIds(names: string[]): string[] {
  const ids = new Set<string>();
  return names.map((name) => {
    let id = kebab(name);
    for (let k = 2; ids.has(id); k++) id = `${kebab(name)}-${k}`;
    ids.add(id);
    return id;
  });
}

export function kebab(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "service"
  );
}

/**
 * Names each group of files by the words that set it apart: tf-idf over path words, where a
 * word's weight is the share of the group's files that carry it times log(groups / groups
 * carrying it). Layer words (routes, models, services) appear in every group and fall away;
 * the business word each vertical slice shares is what remains. Names are unique.
 */
export function nameGroups(groups: string[][], taken: Set<string> = new Set()): string[] {
  const k = groups.length;
  // plurals fold into their singular when both occur ("orders" and "Order" are one word)
  const vocabulary = new Set(groups.flat().flatMap((f) => pathWords(f)));
  const fold = (w: string) =>
    w.length > 4 && w.endsWith("s") && !w.endsWith("ss") && vocabulary.has(w.slice(0, -1)) ? w.slice(0, -1) : w;
  const wordsOf = groups.map((files) => {
    const counts = new Map<string, number>();
    for (const f of files) for (const w of new Set(pathWords(f).map(fold))) counts.set(w, (counts.get(w) ?? 0) + 1);
    return counts;
  });
  const groupsWith = new Map<string, number>();
  for (const counts of wordsOf) for (const w of counts.keys()) groupsWith.set(w, (groupsWith.get(w) ?? 0) + 1);
  const names = new Array<string>(k);
  // bigger groups choose first: they have the clearest claim to a word
  const order = groups.map((_, i) => i).sort((a, b) => groups[b].length - groups[a].length || a - b);
  for (const i of order) {
    const scored = [...wordsOf[i].entries()]
      // with one group idf is 0 for every word: the most common word names it
      .map(([w, c]) => ({ w, score: (c / groups[i].length) * (k > 1 ? Math.log(k / groupsWith.get(w)!) : 1) }))
      .sort((a, b) => b.score - a.score || byString(a.w, b.w));
    // words that set the group apart (score > 0) and may name a service come first; when the
    // best are taken, two of them together ("user-request") say more than a weaker single word
    const telling = (s: { w: string; score: number }) => s.score > 0 || k === 1;
    const fit = scored.filter((s) => telling(s) && fitName(s.w)).map((s) => s.w);
    // the best word names it; when that is taken, another single word only if at least half the
    // group's files carry it, else the best two together
    const broad = fit.filter((w, j) => j === 0 || wordsOf[i].get(w)! * 2 >= groups[i].length);
    const firstPath = pathWords(groups[i][0]);
    const pair =
      fit.length >= 2
        ? [fit[0], fit[1]].sort((a, b) => firstPath.indexOf(a) - firstPath.indexOf(b)).join("-")
        : undefined;
    const rest = scored.filter((s) => !fit.includes(s.w)).sort((a, b) => Number(!fitName(a.w)) - Number(!fitName(b.w)));
    const words = [...fit, ...rest.map((s) => s.w)];
    let name =
      broad.find((w) => !taken.has(w)) ??
      (pair && !taken.has(pair) ? pair : undefined) ??
      words.find((w) => !taken.has(w));
    if (name === undefined && words.length >= 2) name = `${words[0]}-${words[1]}`;
    name ??= words[0] ?? "misc";
    for (let n = 2; taken.has(name); n++) name = `${words[0] ?? "misc"}-${n}`;
    taken.add(name);
    names[i] = name;
  }
  return names;
}

/**
 * Names groups by the business noun their files' names carry (coupling/names.ts): the noun on
 * most of the group's files, the rarer across groups first on ties; a group whose files carry
 * none by its one file in a models folder the groups share; a group with no noun on a quarter of its
 * files, or whose nouns bigger groups took, by the folder its files share (folderNameOf); else from its
 * path words (nameGroups). Names are unique.
 */
export function nameByNouns(
  groups: number[][],
  files: string[],
  nouns: (string | undefined)[],
  taken: Set<string>,
  entityNames: Set<string> = new Set(),
): string[] {
  // a framework word that an entity of the repository is named (openstatus' `page` table) is its domain's noun
  const fit = (noun: string) => !UNFIT_NAMES.has(noun) || entityNames.has(noun);
  const groupsWith = new Map<string, number>();
  /** files carrying each noun, across the groups */
  const carriers = new Map<string, number>();
  const counts = groups.map((g) => {
    const c = new Map<string, number>();
    for (const i of g) {
      const noun = unversioned(nouns[i]);
      if (noun !== undefined && fit(noun)) c.set(noun, (c.get(noun) ?? 0) + 1);
    }
    for (const [noun, n] of c) {
      groupsWith.set(noun, (groupsWith.get(noun) ?? 0) + 1);
      carriers.set(noun, (carriers.get(noun) ?? 0) + n);
    }
    return c;
  });
  const fallback = nameGroups(
    groups.map((g) => g.map((i) => files[i])),
    new Set(taken),
  );
  const used = new Set(taken);
  const scopeRoot = commonFolder(files);
  // a folder holding most files, of most groups (an app's folder beside the packages analysed with it:
  // formbricks' `apps/web/`), is where they live, not what any is about; a layer's folder holds few files
  const groupsUnder = new Map<string, Set<number>>();
  const filesUnder = new Map<string, number>();
  groups.forEach((g, k) => {
    for (const f of g)
      for (const d of foldersOf(files[f])) {
        getOrInsert(groupsUnder, d, () => new Set()).add(k);
        filesUnder.set(d, (filesUnder.get(d) ?? 0) + 1);
      }
  });
  const grouped = groups.reduce((n, g) => n + g.length, 0);
  const holdsMost = (dir: string) => {
    const under = groupsUnder.get(dir)?.size ?? 0;
    return under >= 2 && under * 2 >= groups.length && (filesUnder.get(dir) ?? 0) * 2 >= grouped;
  };
  // the `models/` or `entities/` folders holding files of two groups or more: a layer of the data
  // models, not a module's own helpers (`common/models/pagination.model.ts`)
  const groupsIn = new Map<string, Set<number>>();
  groups.forEach((g, k) => {
    for (const f of g)
      if (inModelFolder(files[f])) getOrInsert(groupsIn, path.posix.dirname(files[f]), () => new Set()).add(k);
  });
  const sharedModelFolders = new Set([...groupsIn].filter(([, ks]) => ks.size >= 2).map(([dir]) => dir));
  // the folder most of a group's files share, by its name: the deepest holding half of them, else a folder
  // name half of them sit under across the layers (`services/auth/`, `dtos/auth/`)
  const folderNameOf = (i: number): string | undefined => {
    // a folder named after another group's domain, which hardly any of its own files carry
    // (`emails/templates/` beside `models/Template.ts`), says what its files are, not what they
    // are about: its parent speaks instead
    const own = (noun: string) =>
      [...counts[i]].reduce((n, [m, c]) => (m === noun || m.startsWith(`${noun}-`) ? n + c : n), 0);
    const elsewhere = (noun: string) => own(noun) * 10 < groups[i].length && (carriers.get(noun) ?? 0) > 2 * own(noun);
    const paths = groups[i].map((f) => files[f]);
    let folder = sharedFolderNoun(paths, elsewhere, scopeRoot, holdsMost);
    if (folder === undefined || UNFIT_NAMES.has(folder)) folder = sharedFolderName(paths, scopeRoot, holdsMost);
    return folder !== undefined && !UNFIT_NAMES.has(folder) ? folder : undefined;
  };
  const order = groups.map((_, i) => i).sort((a, b) => groups[b].length - groups[a].length || a - b);
  const names = new Array<string>(groups.length);
  for (const i of order) {
    let ranked = [...counts[i]]
      .sort((x, y) => y[1] - x[1] || groupsWith.get(x[0])! - groupsWith.get(y[0])! || byString(x[0], y[0]))
      .map(([noun]) => noun);
    // no domain noun on any file (each names its own thing): its one file in the models folder the groups
    // share, the data it holds, speaks (the demo's `models/Notification.ts` beside `templates/`, `mailer.ts`)
    const models = new Set(
      groups[i]
        .filter((f) => sharedModelFolders.has(path.posix.dirname(files[f])))
        .map((f) => ownNounOf(files[f]))
        .filter((noun): noun is string => noun !== undefined && !UNFIT_NAMES.has(noun)),
    );
    if (ranked.length === 0 && models.size === 1) ranked = [...models];
    // no noun on a quarter of its files (one file per provider): the folder most of them share speaks
    else if (ranked.length === 0 || counts[i].get(ranked[0])! * 4 < groups[i].length) {
      const speaks = folderNameOf(i);
      if (speaks !== undefined) ranked = [speaks, ...ranked.filter((n) => n !== speaks)];
    }
    // a noun on under a quarter of the files names the group only as the best it has; when its
    // best is taken, the next qualifies it (`portfolio-dividend`, not `dividend`)
    const strong = ranked.filter((noun, k) => k === 0 || (counts[i].get(noun) ?? 0) * 4 >= groups[i].length);
    let name = strong.find((noun) => !used.has(noun));
    const qualified = ranked.length >= 2 ? qualify(ranked[0], ranked[1]) : undefined;
    if (name === undefined && qualified !== undefined && !used.has(qualified)) name = qualified;
    // its nouns taken by bigger groups (the mailer beside the notifications): the folder its files share
    const shared = name === undefined ? folderNameOf(i) : undefined;
    if (shared !== undefined && !used.has(shared)) name = shared;
    if (name === undefined) name = fallback[i];
    for (let k = 2; used.has(name); k++) name = `${ranked[0] ?? fallback[i]}-${k}`;
    used.add(name);
    names[i] = name;
  }
  return names;
}

/**
 * A noun without the API version it carries (novu's `environments-v1/`, `workflows-v2/`): the version says
 * which API, not what about; the noun's last word is then made singular (`environment`).
 */
function unversioned(noun: string | undefined): string | undefined {
  if (noun === undefined || !noun.split("-").some(isApiVersion)) return noun;
  const words = noun.split("-").filter((w) => !isApiVersion(w));
  return words.length ? nameInWords(words.join("-")) : undefined;
}

/** Whether a file sits right in a folder of data models (`models/`, `entities/`; not `models/helpers/`). */
function inModelFolder(file: string): boolean {
  return /^(models?|entit(y|ies))$/i.test(path.posix.basename(path.posix.dirname(file)));
}

/**
 * A noun qualified by the next: `portfolio-dividend`; a next noun phrase that already holds the
 * noun is the name by itself (`search-query`, not `search-search-query`).
 */
function qualify(noun: string, next: string): string {
  return next.split("-").includes(noun) ? next : `${noun}-${next}`;
}

/** An entity names a service only when one in this many of its files uses it, or its module is named for it. */
const ENTITY_USERS = 4;

/**
 * Names services after the domain they own: a module named by the head of their largest module's
 * phrase, at least half its size (`product` beside `product-option`: what the two share); else the
 * entity of their largest module, which says what the service is mostly about (its noun:
 * `models/Document.ts` names "document"), or that module's name when the entity's noun only qualifies
 * it and no entity has that name (`search` for SearchQuery); else the largest module's name when an entity of
 * another module only qualifies it (`member` beside `member-attribute-setting`); else the largest module when it
 * holds most of the service's files (`collaboration` beside the memberships); else the entity most files use,
 * in a module at least half the size of the largest; else their largest module. Names are unique; a service whose
 * candidate names are all taken is named by nameByNouns.
 * `gathered`: a service of modules gathered from across the cut (identity and access), which no
 * largest module speaks for: it is named after the entity named for identity that the most files
 * use (`User`), else the entity the most files use (vendure's Channel sits beside its roles).
 */
export function nameServices(
  services: number[][][],
  moduleNames: string[][],
  files: string[],
  hints: { nouns: (string | undefined)[]; entityFiles: Set<number>; users: Map<number, number[]> },
  taken: Set<string>,
  gathered: boolean[] = [],
): string[] {
  const used = new Set(taken);
  // the thing modules of different owners share (`team-collection`, `user-collection`) names their service, when
  // together they are at least half its largest module (not two small satellites of a big one)
  // the family's thing of each module that belongs to one, by the module's place in its service
  const allModules = moduleNames.flat();
  const place = services.flatMap((ms, i) => ms.map((_, j) => `${i}/${j}`));
  const thingAt = new Map<string, string>();
  for (const family of oneThingOfOwners(allModules))
    for (const k of family) thingAt.set(place[k], allModules[family[0]].split("-")[1]);
  const thingOf = (i: number) => {
    if (gathered[i]) return [];
    const largestModule = Math.max(...services[i].map((m) => m.length));
    const members = new Map<string, { modules: number; files: number }>();
    services[i].forEach((m, j) => {
      const thing = thingAt.get(`${i}/${j}`);
      if (thing === undefined || isGenericName(thing)) return;
      const sum = getOrInsert(members, thing, () => ({ modules: 0, files: 0 }));
      sum.modules++;
      sum.files += m.length;
    });
    return [...members].filter(([, m]) => m.modules >= 2 && m.files * 2 >= largestModule).map(([thing]) => thing);
  };
  // an entity's noun by its own name: a base class (`mikro-orm/base-entity.ts`) names no domain, nor does its folder
  const entityNoun = (f: number) => {
    const own = ownNounOf(files[f]);
    return own && (hints.nouns[f] ?? own);
  };
  // every entity's noun: a module's name that is one (another service's `Order`) is no name to take over
  const entityNounsIn = (files: number[]) => new Set(files.filter((f) => hints.entityFiles.has(f)).map(entityNoun));
  const entityNouns = entityNounsIn(services.flat(2));
  const order = services.map((_, i) => i).sort((a, b) => size(services[b]) - size(services[a]) || a - b);
  const names = new Array<string>(services.length);
  for (const i of order) {
    // an entity names the service when its module is a real part of it, not a satellite of the largest
    const largestModule = gathered[i] ? 0 : Math.max(...services[i].map((m) => m.length));
    const inService = new Set(services[i].flat());
    const usersOf = (f: number) => hints.users.get(f)?.length ?? 0;
    const usersIn = (f: number) => (hints.users.get(f) ?? []).filter((u) => u !== f && inService.has(u)).length;
    const entities = services[i]
      .flatMap((m, j) => (m.length * 2 >= largestModule ? m.map((f) => ({ f, module: j })) : []))
      // an entity no other file of the service uses says nothing of what the service does (vendure's
      // OrderLineReference beside the id strategies, read by the order and payment services)
      .filter(({ f }) => hints.entityFiles.has(f) && usersIn(f) > 0)
      .map((e) => ({ ...e, noun: entityNoun(e.f) }))
      .filter((e): e is typeof e & { noun: string } => e.noun !== undefined && !UNFIT_NAMES.has(e.noun))
      // nor does one that few of its files use, unless its module is named for it: growthbook's PastExperiments,
      // read by one file of a service of 78 data-source integrations (identity and access, gathered from across
      // the cut, goes by its identity entity whoever uses it)
      .filter(
        (e) => gathered[i] || e.noun === moduleNames[i][e.module] || usersIn(e.f) * ENTITY_USERS >= inService.size,
      )
      .sort((a, b) => usersOf(b.f) - usersOf(a.f) || a.f - b.f);
    // the largest module's own entity first (the one it is named after, else the most used), then any
    const isLargest = (e: { module: number }) => services[i][e.module].length === largestModule;
    const isNamesake = (e: { module: number; noun: string }) => e.noun === moduleNames[i][e.module];
    const central = gathered[i]
      ? entities.filter((e) => namesIdentity(e.noun))
      : entities.filter(isLargest).sort((a, b) => Number(isNamesake(b)) - Number(isNamesake(a)));
    // a module named by a lone adjective (ghostfolio's `public` endpoints beside its accounts) may say what
    // its own files are, but not what the service is about: it speaks for the service after every other
    const bySize = services[i]
      .map((m, j) => ({ size: m.length, name: moduleNames[i][j] }))
      .sort(
        (a, b) =>
          Number(isAdjective(a.name)) - Number(isAdjective(b.name)) || b.size - a.size || byString(a.name, b.name),
      );
    const largest = bySize.map((m) => m.name);
    // a module named by the head of the largest one's phrase (`product` beside `product-option`), at least
    // half its size, names what the two share
    const head = bySize
      .filter((m) => !gathered[i] && m.size * 2 >= largestModule && largest[0].startsWith(`${m.name}-`))
      .map((m) => m.name);
    // the largest module's name when its entity's noun only qualifies it (`search` over `search-query`): the
    // module is the domain, the entity one of its tables; unless the name is an entity's (`order` beside
    // `order-line`, while `Order` is another service's)
    const qualified = central
      .slice(0, 1)
      .map((e) => ({ noun: e.noun, module: moduleNames[i][e.module] }))
      .filter((e) => e.noun.startsWith(`${e.module}-`) && !isGenericName(e.module) && !entityNouns.has(e.module))
      .map((e) => e.module);
    // identity and access with no entity named for it: its module named for the party (`user`), at least half
    // the largest, before its API tokens
    const party = gathered[i]
      ? bySize.filter((m) => isIdentityHead(m.name) && m.size * 2 >= bySize[0].size).map((m) => m.name)
      : [];
    // an entity of another module whose name qualifies the largest module's (crowd.dev's `member-attribute-setting`
    // beside `member`) is a part of that module's domain, which names the service; unless that name is an entity's
    // of another service
    const own = entityNounsIn(services[i].flat());
    // a largest module's name that may speak for the service: no generic word, and no other service's entity
    const mayName = (name: string) => !gathered[i] && !isGenericName(name) && (own.has(name) || !entityNouns.has(name));
    const partOf = largest
      .slice(0, 1)
      .filter((name) => mayName(name) && entities.some((e) => e.noun.startsWith(`${name}-`)));
    // a module holding most of the service's files speaks for it before another module's entity (outline's
    // collaboration extensions, 22 of 33 files, beside the memberships' tables)
    const majority = bySize
      .slice(0, 1)
      .filter((m) => m.size * 2 > inService.size && !isAdjective(m.name) && mayName(m.name))
      .map((m) => m.name);
    const candidates = [
      ...thingOf(i),
      ...head,
      ...qualified,
      ...central.map((e) => e.noun),
      ...party,
      ...partOf,
      ...majority,
      ...entities.map((e) => e.noun),
    ];
    // all taken: its nouns against the names given so far (a taken noun qualified by the next)
    const name =
      [...candidates, ...largest].find((n) => !used.has(n)) ??
      nameByNouns([services[i].flat()], files, hints.nouns, new Set(used))[0];
    let unique = name;
    for (let k = 2; used.has(unique); k++) unique = `${name}-${k}`;
    used.add(unique);
    names[i] = unique;
  }
  return names;
}

/**
 * The noun of the deepest folder that holds at least half of the files, if any; a top-level folder
 * (`packages/`, `src/`, `server/`) says where code lives, not what it does.
 */
function sharedFolderNoun(
  paths: string[],
  elsewhere: (noun: string) => boolean,
  scopeRoot: string,
  holdsMost: (dir: string) => boolean,
): string | undefined {
  const counts = new Map<string, number>();
  for (const p of paths) {
    const parts = p.split("/").slice(0, -1);
    for (let d = 1; d <= parts.length; d++) {
      const dir = parts.slice(0, d).join("/");
      counts.set(dir, (counts.get(dir) ?? 0) + 1);
    }
  }
  // a folder every analysed file is in (`packages/hoppscotch-backend/src/` given with --include) says
  // where the code lives, like `src/`, and names nothing
  // so does one holding most of them (an app's folder beside small packages: formbricks' `apps/web/`)
  const qualifies = (dir: string) =>
    (counts.get(dir) ?? 0) * 2 >= paths.length && !placeOnly(dir, scopeRoot, holdsMost);
  let dir = [...counts.keys()]
    .filter(qualifies)
    .sort((a, b) => b.split("/").length - a.split("/").length || byString(a, b))[0];
  // its noun (`routes/documents` says "document", `event-bus/events` "event-bus"; never that of a folder holding
  // every file, `apps/web/app/` is no "web"), or its own name when the noun alone says nothing; an API version
  // (`v3`) or a route parameter (`[responseId]`) says which, not what
  const nameOf = (d: string) => {
    const base = path.posix.basename(d);
    if (saysWhich(base)) return undefined;
    // read below the folders that hold most files, which name nothing (`apps/web/app/` is no "web")
    const above = foldersOf(`${d}/index.ts`).find((a) => a !== d && holdsMost(a)) ?? scopeRoot;
    const noun = unversioned(nounOf(`${above ? path.posix.relative(above, d) : d}/index.ts`));
    // a folder's own words, split at camelCase (amplication's `moduleAction/` is `module-action`)
    return noun === undefined || UNFIT_NAMES.has(noun) ? kebab(nameWords(base).join("-")) : noun;
  };
  while (dir !== undefined) {
    const name = nameOf(dir);
    // another domain's name, under a parent named for a thing (`emails/`, not `src/`): the parent speaks
    const parent = path.posix.dirname(dir);
    const parentName = parent.split("/").pop()!.toLowerCase();
    if (!qualifies(parent) || UNFIT_NAMES.has(parentName)) return name;
    if (name !== undefined && !elsewhere(name)) return name;
    dir = parent;
  }
  return undefined;
}

/**
 * The noun of a folder name that at least half of the paths sit under, in whatever folders (`services/auth/`,
 * `dtos/auth/`), the most carried first; folders that name nothing (`routes/`, `src/`, an API version, a route
 * parameter, one holding most files, a package's) are passed over.
 */
function sharedFolderName(paths: string[], scopeRoot: string, holdsMost: (dir: string) => boolean): string | undefined {
  const carriers = new Map<string, number>();
  for (const p of paths) {
    const names = new Set<string>();
    for (const dir of foldersOf(p)) {
      // nor a package's folder, the one holding its `src/` (`libraries/nest/`): where code lives, not what about
      if (placeOnly(dir, scopeRoot, holdsMost) || p.startsWith(`${dir}/src/`)) continue;
      const base = path.posix.basename(dir);
      if (saysWhich(base) || isGenericName(base)) continue;
      // its noun, else its own words when they are several (`moduleAction/`; a lone `providers/` says a role)
      const words = nameWords(base);
      const noun = nounOf(`${base}/index.ts`) ?? (words.length >= 2 ? kebab(words.join("-")) : undefined);
      if (noun !== undefined && fitName(noun)) names.add(noun);
    }
    for (const name of names) carriers.set(name, (carriers.get(name) ?? 0) + 1);
  }
  const [best] = [...carriers].sort((a, b) => b[1] - a[1] || byString(a[0], b[0]));
  return best !== undefined && best[1] * 2 >= paths.length ? best[0] : undefined;
}

/**
 * A folder that says only where code lives: a top-level one (`packages/`), the one every analysed file is in
 * (`packages/hoppscotch-backend/src/` given with --include), one holding most files (formbricks' `apps/web/`).
 */
const placeOnly = (dir: string, scopeRoot: string, holdsMost: (dir: string) => boolean) =>
  !dir.includes("/") || `${scopeRoot}/`.startsWith(`${dir}/`) || holdsMost(dir);

/** A folder name that says which one, not what: an API version (`v3`), a route parameter (`[responseId]`). */
const saysWhich = (base: string) => isApiVersion(base) || isRouteParameter(base);

const size = (modules: number[][]) => modules.reduce((n, m) => n + m.length, 0);
