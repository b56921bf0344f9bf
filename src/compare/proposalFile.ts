import { existsSync, readFileSync } from "node:fs";
import {
  LineCounter,
  parseDocument,
  isMap,
  isScalar,
  visit,
  type Document,
  type Node as YamlNode,
  type YAMLError,
} from "yaml";
import { z } from "zod";
import { TIER_CHOICES } from "../config/config.js";
import { UserError } from "../util/errors.js";
import { analysisFileOf, schemaOf } from "../util/jsonFile.js";
import type { RecordedScope, Scope } from "../analysis/types.js";
import { didYouMean } from "../util/suggest.js";

/** A proposal as written: service names to globs or files, before matching the repo. */
export interface RawProposal {
  name: string;
  head?: string;
  /** the file it came from, for messages */
  source: string;
  /** `where`: each pattern's place (`file:line:column` in YAML, else the file); `at`: the service's own */
  services: { name: string; patterns: string[]; where: string[]; at: string; contract?: unknown }[];
  kernel: string[];
  kernelWhere: string[];
  /** the scope an analysis.json or accepted.json was made with, every part (absent in older files), or a YAML's */
  scope?: RecordedScope;
  /** where each of the scope's tsconfigs is written (`file:line:column` in YAML; absent: the file) */
  tsconfigsWhere?: string[];
}

const proposalJson = z
  .object({
    schema: z.literal("faultline/proposal@1"),
    name: z.string(),
    head: z.string().optional(),
    services: z.array(
      z
        .object({
          name: z.string().min(1),
          files: z.array(z.string()),
          globs: z.array(z.string()).optional(),
          contract: z.unknown().optional(),
        })
        .strict(),
    ),
    kernel: z.array(z.string()).optional(),
  })
  .strict();

// in the order the keys are listed to a user who misspells one
const scopeJson = z
  .object({
    include: z.array(z.string()),
    exclude: z.array(z.string()),
    tsconfigs: z.array(z.string()),
    tier: z.enum(TIER_CHOICES),
    includeTests: z.literal(true).optional(),
  })
  .strict();

/** faultline/accepted@1 (compare/accept.ts): checked key by key, since `check` trusts what it says. */
export const acceptedJson = z
  .object({
    schema: z.literal("faultline/accepted@1"),
    name: z.string(),
    head: z.string(),
    services: z.array(
      z
        .object({
          id: z.string().min(1),
          name: z.string().min(1),
          globs: z.array(z.string()),
          files: z.array(z.string()),
          contract: z
            .object({
              provides: z.array(
                z.object({ file: z.string(), symbol: z.string(), kind: z.string(), usedBy: z.array(z.string()) }),
              ),
              requires: z.array(z.object({ service: z.string(), file: z.string(), symbol: z.string() })),
              data: z.unknown().optional(),
            })
            .strict(),
        })
        .strict(),
    ),
    kernel: z.object({ globs: z.array(z.string()), files: z.array(z.string()) }).strict(),
    unassigned: z.array(z.string()).optional(),
    scope: scopeJson.optional(),
  })
  .strict();

/** The parts of an analysis.json a comparison reads. */
const analysisJson = z.object({
  schema: z.literal("faultline/analysis@1"),
  repo: z.object({ head: z.string().optional() }).optional(),
  settings: z.object({ scope: scopeJson.optional() }).optional(),
  services: z.array(z.object({ name: z.string().min(1), files: z.array(z.string()), contract: z.unknown() })),
  kernel: z.object({ files: z.array(z.object({ path: z.string() })) }),
});

/** The first problem zod found, as one line naming the file and the key. */
export function schemaProblem(file: string, error: z.ZodError): UserError {
  const i = error.issues[0];
  const key = i.path.length ? `key "${i.path.join(".")}": ` : "";
  const keys = i.code === "unrecognized_keys" ? ` (${i.keys.join(", ")})` : "";
  return new UserError(`${file}: ${key}${i.message}${keys}`);
}

/** A YAML proposal's scope: the recorded scope's parts, each optional, `includeTests` true or false. */
const yamlScope = scopeJson.extend({ includeTests: z.boolean() }).partial().strict();

const yamlProposal = z
  .object({
    name: z.string().optional(),
    head: z.string().optional(),
    scope: yamlScope.optional(),
    services: z.record(
      z.string().min(1),
      z.union([z.array(z.string()), z.string()], { error: "expected a glob or a list of globs and files" }),
    ),
    kernel: z.array(z.string()).optional(),
  })
  .strict();

/** A scope an analysis or accepted file records, every part said (no `includeTests`: without tests). */
export function fullScope(s: Scope): RecordedScope {
  return { ...s, includeTests: s.includeTests ?? false };
}

/** Whether two recorded scopes say different things of a part both say. */
export function scopesDiffer(a: RecordedScope, b: RecordedScope): boolean {
  return SCOPE_KEYS.some(
    (k) => a[k] !== undefined && b[k] !== undefined && JSON.stringify(a[k]) !== JSON.stringify(b[k]),
  );
}

/**
 * Reads analysis.json, proposal.json (faultline/proposal@1) or a hand-written YAML proposal.
 * Errors name the file and, for YAML, the line and column of the offending key.
 */
export function readProposal(given: string): RawProposal {
  if (!existsSync(given)) throw new UserError(`${given}: file not found`);
  // the folder analyze wrote to stands for its analysis.json
  const file = analysisFileOf(given);
  const text = readFileSync(file, "utf8");
  if (/\.json$/i.test(file) || /^\s*\{/.test(text)) return fromJson(file, text);
  return fromYaml(file, text);
}

function fromJson(file: string, text: string): RawProposal {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const schema = schemaOf(json);
  if (schema === "faultline/accepted@1") {
    const parsed = acceptedJson.safeParse(json);
    if (!parsed.success) throw schemaProblem(file, parsed.error);
    const a = parsed.data;
    return ofFiles(
      file,
      { name: a.name, head: a.head, scope: a.scope && fullScope(a.scope) },
      a.services,
      a.kernel.files,
    );
  }
  if (schema === "faultline/analysis@1") {
    const parsed = analysisJson.safeParse(json);
    if (!parsed.success) throw schemaProblem(file, parsed.error);
    const a = parsed.data;
    const kernel = a.kernel.files.map((k) => k.path);
    const scope = a.settings?.scope;
    return ofFiles(file, { name: file, head: a.repo?.head, scope: scope && fullScope(scope) }, a.services, kernel);
  }
  const parsed = proposalJson.safeParse(json);
  if (!parsed.success) throw schemaProblem(file, parsed.error);
  const p = parsed.data;
  return {
    name: p.name,
    head: p.head,
    source: file,
    services: p.services.map((s) => {
      const patterns = [...s.files, ...(s.globs ?? [])];
      return { name: s.name, patterns, where: patterns.map(() => file), at: file, contract: s.contract };
    }),
    kernel: p.kernel ?? [],
    kernelWhere: (p.kernel ?? []).map(() => file),
  };
}

/** A proposal whose services list their files (an analysis or an accepted proposal). */
function ofFiles(
  file: string,
  about: { name: string; head?: string; scope?: RecordedScope },
  services: { name: string; files: string[]; contract?: unknown }[],
  kernel: string[],
): RawProposal {
  return {
    ...about,
    source: file,
    services: services.map((s) => ({
      name: s.name,
      patterns: s.files,
      where: s.files.map(() => file),
      at: file,
      contract: s.contract,
    })),
    kernel,
    kernelWhere: kernel.map(() => file),
  };
}

const YAML_KEYS = ["name", "head", "scope", "services", "kernel"];
const SCOPE_KEYS = Object.keys(yamlScope.shape) as (keyof RecordedScope)[];

/**
 * A YAML syntax error as one line: `file:line:column: message`, the message without the
 * position and source excerpt the parser appends; a duplicate key names the key and where it
 * first appears.
 */
function yamlError(file: string, doc: Document, lc: LineCounter, e: YAMLError): string {
  const pos = e.linePos?.[0];
  const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
  if (e.code === "DUPLICATE_KEY") {
    let found: string | undefined;
    visit(doc, {
      Map(_, map) {
        const keys = map.items.map((p) => (isScalar(p.key) ? p.key : undefined));
        const k = keys.findIndex((key) => key?.range?.[0] === e.pos[0]);
        if (k < 0) return undefined;
        const first = keys.findIndex((key) => key !== undefined && key.value === keys[k]!.value);
        const line = first < k ? lc.linePos(keys[first]!.range![0]).line : undefined;
        found = `duplicate key "${String(keys[k]!.value)}"${line ? ` (first at line ${line})` : ""}`;
        return visit.BREAK;
      },
    });
    if (found) return `${where}: ${found}`;
  }
  return `${where}: ${e.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "").split("\n")[0]}`;
}

function fromYaml(file: string, text: string): RawProposal {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const at = (node: YamlNode | null | undefined) => {
    const offset = node?.range?.[0];
    if (offset === undefined) return file;
    const { line, col } = lc.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length) throw new UserError(yamlError(file, doc, lc, doc.errors[0]));
  // unknown keys before the shape, each at its own line: a misspelt `services` would otherwise be reported
  // as missing, at line 1, and a misspelt scope key at the scope
  const unknownKeys = (map: unknown, known: string[], prefix: string) => {
    if (!isMap(map)) return;
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || known.includes(key)) continue;
      const hint = `expected ${known.join(", ")}${didYouMean(key, known)}`;
      throw new UserError(`${at(pair.key as YamlNode)}: unknown key "${prefix}${key}" (${hint})`);
    }
  };
  unknownKeys(doc.contents, YAML_KEYS, "");
  unknownKeys(doc.get("scope", true), SCOPE_KEYS, "scope.");
  const parsed = yamlProposal.safeParse(doc.toJS());
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const node = doc.getIn(i.path as (string | number)[], true) as YamlNode | undefined;
    throw new UserError(`${at(node ?? doc.contents)}: ${i.path.length ? `"${i.path.join(".")}": ` : ""}${i.message}`);
  }
  const p = parsed.data;
  const services = Object.entries(p.services).map(([name, v]) => {
    const patterns = Array.isArray(v) ? v : [v];
    const seq = doc.getIn(["services", name], true) as YamlNode | undefined;
    const items = seq && "items" in seq ? (seq.items as YamlNode[]) : [];
    return { name, patterns, where: patterns.map((_, k) => at(items[k] ?? seq)), at: at(seq) };
  });
  const kernelSeq = doc.getIn(["kernel"], true) as YamlNode | undefined;
  const kernelItems = kernelSeq && "items" in kernelSeq ? (kernelSeq.items as YamlNode[]) : [];
  return {
    name: p.name ?? file.replace(/^.*\//, "").replace(/\.ya?ml$/i, ""),
    head: p.head,
    source: file,
    services,
    kernel: p.kernel ?? [],
    kernelWhere: (p.kernel ?? []).map((_, k) => at(kernelItems[k])),
    // the parts it says; the others come from the flags and the config
    ...(p.scope ? { scope: p.scope } : {}),
    ...(p.scope?.tsconfigs
      ? { tsconfigsWhere: p.scope.tsconfigs.map((_, k) => at(doc.getIn(["scope", "tsconfigs", k], true) as YamlNode)) }
      : {}),
  };
}
