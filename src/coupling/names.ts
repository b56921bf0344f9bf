import path from "node:path";
import { getOrInsert } from "../util/maps.js";
import { withoutExtension } from "../util/paths.js";

/**
 * The business noun a file's name carries, read the way a layered codebase names its files:
 * `models/Document.ts`, `policies/document.ts`, `presenters/document.ts`,
 * `commands/documentCreator.ts` and `routes/api/documents/schema.ts` all say "document". Files
 * that say the same noun in different folders belong to one domain across the layers; a
 * folder whose files each say a different one of those nouns is a layer.
 */
export interface DomainNames {
  /** per file: its noun, when that noun names files in two or more folders */
  nouns: (string | undefined)[];
  /** per file: the layer folder it sits in, when its folder is one */
  layers: (string | undefined)[];
}

/** Names that say what a file is or does, never what it is about: the folder above then speaks. */
const GENERIC = new Set(
  (
    "index main app server client api lib libs src core common shared types type typings interfaces interface env " +
    "utils util helpers helper constants config configs schema schemas model models service services controller " +
    "controllers module modules route routes router endpoint endpoints handler handlers middleware middlewares " +
    "validation validators validator resolvers resolver query queries mutation mutations steps step workflows " +
    "workflow entities entity dtos dto repository repositories presenters presenter policies policy commands " +
    "command tasks task processors processor jobs job events event errors error base abstract default test tests " +
    "spec mocks fixtures polyfills polyfill shims shim bootstrap startup boot init shutdown"
  ).split(" "),
);
/** A folder or file name that says what its files are or do (`services`, `models`, `utils`), never what about. */
export function isGenericName(name: string): boolean {
  return GENERIC.has(name.toLowerCase());
}

/**
 * Identity and access is a generic subdomain of every business application: users, their
 * authentication, sessions, roles and permissions, API keys and access tokens, OAuth, passkeys.
 * A word of these anywhere in a name says so (`authentication-oauth`, `oauth-client`); the
 * broader ones only as the name's head noun (`user`, `access`, not `user-history`, `access-request`).
 */
const IDENTITY_WORDS = new Set(
  (
    "auth authentication authorization oauth passkey sso saml mfa 2fa otp totp login logout signin signup " +
    "password credential impersonation identity jwt"
  ).split(" "),
);
const IDENTITY_HEADS = new Set("user session access role permission".split(" "));
const IDENTITY_PHRASES = new Set(["api-key", "api-token", "access-token", "refresh-token", "two-factor"]);

/** Whether a name is the head noun of identity and access alone: the party (`user`), not its keys or tokens. */
export function isIdentityHead(name: string): boolean {
  return IDENTITY_HEADS.has(name);
}

/** Whether a kebab-case domain name (`api-key`, `user`, `oauth-client`) names identity and access. */
export function namesIdentity(name: string): boolean {
  const words = name.split("-");
  return (
    words.some((w) => IDENTITY_WORDS.has(w)) ||
    IDENTITY_HEADS.has(words[words.length - 1]) ||
    IDENTITY_PHRASES.has(words.slice(-2).join("-"))
  );
}

/** Adjectives and participles that qualify a noun and never name a domain alone (`public`, `active`). */
const ADJECTIVES = new Set(
  (
    "active inactive existing placed pending archived deleted published public private internal global local " +
    "generic common custom main primary secondary all any some other my own archivable graceful"
  ).split(" "),
);
/**
 * Leading words that are verbs, adjectives or participles: the noun comes after them
 * (`createOrder`, `currentRate`, `activeOrders`, `placedOrder`); an adjective alone names nothing.
 */
const QUALIFIERS = new Set([
  ...(
    "create update delete remove get list find add set use is has can base abstract default new current " +
    "batch bulk build make handle process validate parse format to from with on " +
    "last first next previous before after behind over under"
  ).split(" "),
  ...ADJECTIVES,
]);
/** Whether a word is an adjective or participle that qualifies a noun: a name it gives says nothing alone. */
export const isAdjective = (w: string): boolean => ADJECTIVES.has(w);
/**
 * A job's name says what it does to what (`CleanupExpiredAttachmentsTask`, `revoke-api-keys`): its
 * leading verbs, adjectives and participles qualify the noun too, in a name of three words or more;
 * in a shorter one they may be the noun itself (`RefreshToken`, `Schedule`, `Embed`).
 */
const JOB_QUALIFIERS = new Set(
  (
    "cleanup rollup empty error upload sync send schedule invalidate revoke reset backfill migrate purge refresh " +
    "old stale dynamic weekly daily monthly out"
  ).split(" "),
);
const JOB_NAME_WORDS = 3;
const isQualifier = (w: string, words: number) =>
  QUALIFIERS.has(w) || (words >= JOB_NAME_WORDS && (JOB_QUALIFIERS.has(w) || (w.length >= 5 && w.endsWith("ed"))));

/** Words of a name, split at camelCase, dashes, dots and underscores, lowercased. */
export function nameWords(name: string): string[] {
  return name
    .replace(/OAuth/g, "Oauth")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 0);
}

/** Singular nouns ending in `as` (a plural in `as` is common: `ideas`, `schemas`, `quotas`). */
const SINGULAR_IN_S = new Set(["canvas", "alias", "atlas", "bias", "gas"]);

/** English plural to singular for the regular cases (documents, categories, addresses); `status`, `canvas` stay. */
export function singular(w: string): string {
  if (w.length <= 3 || /(ss|us|is)$/.test(w) || SINGULAR_IN_S.has(w)) return w;
  if (w.endsWith("es") && SINGULAR_IN_S.has(w.slice(0, -2))) return w.slice(0, -2);
  if (w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (/(sses|xes|ches|shes)$/.test(w)) return w.slice(0, -2);
  return w.endsWith("s") ? w.slice(0, -1) : w;
}

/** Words that say what a file does, not what it is about: the noun phrase ends before them. */
const ROLES = new Set(
  (
    "creator updater deleter destroyer importer exporter loader presenter processor provider handler manager " +
    "builder helper helpers worker scheduler resolver controller validator serializer mapper adapter transformer " +
    "generator calculator listener subscriber publisher consumer producer service module guard strategy " +
    "interceptor decorator factory repository store email task job hook util utils type types dto entity model " +
    "schema args spec test tests fixture usecase usecases impl"
  ).split(" "),
);

/**
 * The role word a file's own name ends in (`default-tax-line-calculation-strategy.ts`: strategy,
 * `order.resolver.ts`: resolver), or undefined when its last word says no role.
 */
export function roleOf(file: string): string | undefined {
  const words = nameWords(withoutExtension(path.posix.basename(file)));
  const last = words[words.length - 1];
  return words.length >= 2 && last !== undefined && ROLES.has(last) ? last : undefined;
}

/**
 * The noun phrase a path names, kebab-case: the words of its file name after any leading
 * qualifier (`createOrder`, `currentRate`) and before the first role word or participle
 * (`documentCreator`, `CollectionCreatedEmail`, `portfolio.service`), the last made singular;
 * the folder's when the file's own name is generic (`routes/api/documents/schema.ts`).
 */
export function nounOf(file: string): string | undefined {
  return nounAmong(file, new Set());
}

/** nounOf, where a role word that ends one of `things` (the entities' names in words) belongs to the noun. */
export function nounAmong(file: string, things: Set<string>): string | undefined {
  let base = withoutExtension(path.posix.basename(file));
  // portfolio.service -> portfolio, of kind "service"
  const kind = base.includes(".") ? base.slice(base.indexOf(".") + 1).toLowerCase() : undefined;
  base = base.includes(".") ? base.slice(0, base.indexOf(".")) : base;
  let dir = path.posix.dirname(file);
  for (let up = 0; up < 3; up++) {
    // a route parameter (`pages/api/orders/[orderId].ts`) names which one, not what
    const words = nameWords(base).filter((w) => !/^\d+$/.test(w));
    const phrase =
      isRouteParameter(base) || (up === 0 && isMethodHandler(file))
        ? undefined
        : nounPhrase(words, up === 0 ? kind : undefined, things);
    if (phrase) return phrase;
    // a route parameter (`[responseId]`, `[...path]`) names which one, not what: the folder above it speaks
    do {
      if (dir === "." || dir === "") return undefined;
      base = path.posix.basename(dir);
      // a container of features (`features/`, Angular's `feature/`) holds every domain and names none of them
      if (CONTAINERS.has(base.toLowerCase())) return undefined;
      dir = path.posix.dirname(dir);
      // a folder of classes below a noun (logto's `routes/experience/classes/`) says what its files are: the
      // noun above speaks; with none above, it is the classes of a school or a gym
      if (base.toLowerCase() === "classes" && nounOf(`${dir}/index.ts`) !== undefined) base = "index";
    } while (isRouteParameter(base) || base === "index");
  }
  return undefined;
}

/** An HTTP method's file name, alone or before snake_case words (`post.ts`, `put_http.ts`, `get_all.ts`). */
const METHOD_FILE = /^(get|post|put|patch|delete|head|options)(_[a-z0-9]+)*\.[cm]?[jt]sx?$/;
const ROUTE_FOLDERS = new Set(["routes", "route"]);

/**
 * Whether a route file, below a folder of an API's routes, is named for an HTTP method: it handles what its folder
 * names. `get-orders.ts` and `getOrders.ts` are a function's name, which says its own noun.
 */
function isMethodHandler(file: string): boolean {
  const parts = file.split("/");
  return METHOD_FILE.test(parts[parts.length - 1]) && parts.slice(0, -1).some((p) => ROUTE_FOLDERS.has(p));
}

/** Folders that hold one folder per domain: a file's noun is never theirs. */
const CONTAINERS = new Set(["features", "feature"]);

/** A route parameter of file-system routers, a folder or a file: `[id]`, `[responseId]`, `[...path]`, `[[...slug]]`. */
export const isRouteParameter = (name: string): boolean => /^\[.*\]$/.test(name);

/** The framework kinds a file's name may end in after its noun (`OrderService.ts`, `order.service.ts`). */
const KINDS = new Set("service controller resolver module repository entity model processor".split(" "));

/**
 * Whether a file's own name, before its kind, is its noun and nothing more: `order.service.ts`,
 * `OrderService.ts` and `orders.controller.ts` for "order", not `CommentCreatedNotificationsTask.ts` (a
 * task about comments, for notifications) nor `documentImporter.ts` for "comment" and "document".
 */
export function namedForNounAlone(file: string, noun: string | undefined): boolean {
  if (noun === undefined) return false;
  const words = nameWords(nameBeforeKind(file));
  if (words.length >= 2 && KINDS.has(words[words.length - 1])) words.pop();
  return words.length > 0 && nameInWords(words.join("-")) === noun;
}

/** A file's own name before its kind and extension: `order` of `order.service.ts`, `OrderService.ts`'s own. */
function nameBeforeKind(file: string): string {
  return withoutExtension(path.posix.basename(file)).split(".")[0];
}

/** An API version (`v1`, `v2`): it says which API, not what about. */
export const isApiVersion = (word: string): boolean => /^v\d+$/i.test(word);

/** The noun of the file's own name, never its folders' (`mikro-orm/base-entity.ts` has none). */
export function ownNounOf(file: string): string | undefined {
  return nounOf(path.posix.basename(file));
}

/** A word after the first that says what the file does: a role word, an agent noun (`mover`), a participle. */
function isRole(w: string): boolean {
  return ROLES.has(w) || (w.length >= 6 && /(er|or)$/.test(w)) || /ed$/.test(w);
}

/**
 * Kinds of file holding the data of the noun before them: a role word before one names the data
 * (novu's `subscriber.entity.ts`, `SubscriberRepository.ts`), not what a file does.
 */
const DATA_KINDS = new Set("entity entities model schema repository dto".split(" "));
/**
 * Verbs whose object follows them: in a use case or command (`create-subscriber.usecase.ts`), an agent noun
 * after one is the party acted on, not what the file does; elsewhere `createWorker.ts` makes a worker.
 */
const OBJECT_VERBS = new Set("create update delete remove get list find add set upsert".split(" "));
const ACTION_KINDS = new Set("usecase command query".split(" "));
/**
 * The names a GraphQL API made from a schema gives its arguments and enums: a quantity after a verb
 * (`CreateOneWorkspaceArgs`, `FindManyCommitArgs`) and `Enum` leading a type's name (`EnumBuildStatus`) qualify
 * the noun; `OneTimePassword` and `one-signal.service.ts` keep theirs.
 */
const isApiPrefix = (words: string[], k: number) =>
  k < words.length - 1 &&
  (((words[k] === "one" || words[k] === "many") && k > 0 && OBJECT_VERBS.has(words[k - 1])) ||
    (words[k] === "enum" && k === 0));
const isAgentNoun = (w: string) => w.length >= 6 && /(er|or)$/.test(w);

/**
 * `kind`: the file's kind after a dot (`entity` of `subscriber.entity.ts`), when the words are a file's name;
 * a role word leads a data file's noun (`subscriber.entity.ts`, `SubscriberPreferenceRepository.ts`).
 */
function nounPhrase(words: string[], kind?: string, things: Set<string> = new Set()): string | undefined {
  let start = 0;
  while (start < words.length && (isQualifier(words[start], words.length) || isApiPrefix(words, start))) start++;
  const ofData = (kind !== undefined && DATA_KINDS.has(kind)) || (words.length > 1 && DATA_KINDS.has(words.at(-1)!));
  const acted = kind !== undefined && ACTION_KINDS.has(kind) && start > 0 && OBJECT_VERBS.has(words[start - 1]);
  const namesThing = ofData || (acted && isAgentNoun(words[start] ?? ""));
  if (start < words.length && ROLES.has(words[start]) && !namesThing) return undefined;
  // a role word that ends an entity's name is part of the thing (`page-subscriber`: the pageSubscriber table)
  const thing = (end: number) => things.has([...words.slice(start, end), singular(words[end])].join("-"));
  let end = start;
  while (end < words.length && !(end > start && isRole(words[end]) && !thing(end))) end++;
  const phrase = words.slice(start, end);
  if (phrase.length === 0 || phrase.every((w) => GENERIC.has(w)) || phrase.join("").length < 3) return undefined;
  phrase[phrase.length - 1] = singular(phrase[phrase.length - 1]);
  return phrase.join("-");
}

/** Share of the files one noun may name and still be a domain's (a word on every file is no domain). */
const MAX_NOUN_SHARE = 0.1;
/** a folder is a layer when this share of its files name nouns of other folders... */
const LAYER_SHARE = 0.6;
/** ... at least this many different ones, none on half of them */
const LAYER_MIN_NOUNS = 3;
const LAYER_MIN_FILES = 4;

export function domainNames(files: string[], things: Set<string> = new Set()): DomainNames {
  const raw = files.map((f) => nounAmong(f, things));
  const folderOf = files.map((f) => path.posix.dirname(f));
  const folders = new Map<string, Set<string>>();
  const count = new Map<string, number>();
  raw.forEach((n, i) => {
    if (n === undefined) return;
    getOrInsert(folders, n, () => new Set()).add(folderOf[i]);
    count.set(n, (count.get(n) ?? 0) + 1);
  });
  // a phrase one folder alone uses takes the shorter phrase it starts with that several folders use
  // (`document-collaborative` in commands/ is a document); then count again
  const shared = (n: string) => (folders.get(n)?.size ?? 0) >= 2;
  for (let i = 0; i < raw.length; i++) {
    const n = raw[i];
    if (n === undefined || shared(n)) continue;
    const words = n.split("-");
    for (let k = words.length - 1; k >= 1; k--) {
      const prefix = words.slice(0, k).join("-");
      if (shared(prefix)) {
        raw[i] = prefix;
        break;
      }
    }
  }
  folders.clear();
  count.clear();
  raw.forEach((n, i) => {
    if (n === undefined) return;
    getOrInsert(folders, n, () => new Set()).add(folderOf[i]);
    count.set(n, (count.get(n) ?? 0) + 1);
  });
  const cap = Math.max(10, MAX_NOUN_SHARE * files.length);
  const nouns = raw.map((n) => (n !== undefined && folders.get(n)!.size >= 2 && count.get(n)! <= cap ? n : undefined));

  // layers: folders whose files each name a different domain that other folders name too
  const byFolder = new Map<string, number[]>();
  folderOf.forEach((d, i) => getOrInsert(byFolder, d, () => []).push(i));
  const layerFolders = new Set<string>();
  for (const [dir, members] of byFolder) {
    if (members.length < LAYER_MIN_FILES) continue;
    const elsewhere = members.filter(
      (i) => nouns[i] !== undefined && [...folders.get(nouns[i])!].some((d) => d !== dir),
    );
    if (elsewhere.length < LAYER_SHARE * members.length) continue;
    const perNoun = new Map<string, number>();
    for (const i of elsewhere) perNoun.set(nouns[i]!, (perNoun.get(nouns[i]!) ?? 0) + 1);
    if (perNoun.size >= LAYER_MIN_NOUNS && Math.max(...perNoun.values()) < elsewhere.length / 2) layerFolders.add(dir);
  }
  return { nouns, layers: folderOf.map((d) => (layerFolders.has(d) ? d : undefined)) };
}

/** Files whose own names carry a word for it to be a domain word. */
const DOMAIN_WORD_FILES = 4;

/**
 * The words that say a domain: each word of an entity's name, and each word that the own names of
 * DOMAIN_WORD_FILES or more files carry (`order.module.ts`, `order.service.ts`, `orders.controller.ts`,
 * `requires-order.guard.ts`). `database.ts`, `CacheHelper.ts` or `IsHexColor.ts` name a thing, but none
 * the business is about. A word on more than a tenth of the files says a domain only when it leads most
 * of the nouns carrying it (unleash's `feature`, hoppscotch's `team` and `user`: `feature-schema.ts` is
 * the feature's, not shared infrastructure), not when it trails them (`response` of `create-order-response`).
 */
export function domainWords(files: string[], entityNames: string[], ignore: (word: string) => boolean): Set<string> {
  const carriers = new Map<string, number>();
  const leads = new Map<string, number>();
  for (const f of files) {
    const words = ownNounOf(f)?.split("-") ?? [];
    for (const w of new Set(words)) carriers.set(w, (carriers.get(w) ?? 0) + 1);
    if (words.length) leads.set(words[0], (leads.get(words[0]) ?? 0) + 1);
  }
  const cap = Math.max(10, MAX_NOUN_SHARE * files.length);
  const says = (w: string, n: number) => n <= cap || (leads.get(w) ?? 0) * 2 >= n;
  const words = new Set<string>();
  for (const [w, n] of carriers) if (n >= DOMAIN_WORD_FILES && says(w, n) && w.length >= 3 && !ignore(w)) words.add(w);
  for (const name of entityNames) for (const w of nameWords(name)) words.add(singular(w));
  return words;
}

/**
 * Whether a file's own name says one of the domain words. A name that says only what kind of file it is
 * (`service.ts`, `utils.ts`) lets its folder speak: formbricks' `lib/survey/service.ts` is the surveys'. An index
 * is its folder's entry, whatever the folder holds (outline's `storage/files/index.ts`, the file storage), and a
 * file whose own name says something else (`mikro-orm/base-entity.ts`) names none. A name that is an entity's
 * (`entityNames`, each in words) says its domain though a role word says it (refly's `provider.service.ts` of
 * its Provider model).
 */
export function namesDomainWord(file: string, words: Set<string>, entityNames: Set<string> = new Set()): boolean {
  const base = nameBeforeKind(file);
  const noun = ownNounOf(file) ?? (base !== "index" && isGenericName(base) ? nounOf(file) : undefined);
  if (noun?.split("-").some((w) => words.has(w))) return true;
  // a name that is an entity's though a role word says it (refly's `provider.service.ts` of its Provider model)
  if (noun !== undefined || isGenericName(base)) return false;
  return entityNames.has(nameInWords(base));
}

/** A name in its words, kebab-case, the last made singular: `provider-item` of `ProviderItems`. */
export function nameInWords(name: string): string {
  const words = nameWords(name);
  if (words.length) words[words.length - 1] = singular(words[words.length - 1]);
  return words.join("-");
}
