import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type * as jsoncModule from "jsonc-parser";
import type { Node as JsonNode } from "jsonc-parser";
import type * as zodModule from "zod";
import { requireCjs } from "../util/cjs.js";
import { UserError } from "../util/errors.js";
import { readUserJson } from "../util/jsonFile.js";
import { didYouMean } from "../util/suggest.js";

/** What `--tier` and the config's `tier` choose: server files, client files, or every tier but tooling. */
export const TIER_CHOICES = ["server", "client", "all"] as const;

function makeSchemas(z: typeof zodModule.z) {
  const weights = z
    .object({
      structural: z.number().min(0),
      cochange: z.number().min(0),
      ownership: z.number().min(0),
      semantic: z.number().min(0),
    })
    .partial()
    .strict();

  const overrides = z
    .object({
      pin: z.record(z.string(), z.array(z.string())),
      kernel: z.array(z.string()),
      rename: z.record(z.string(), z.string()),
    })
    .partial()
    .strict();

  const config = z
    .object({
      include: z.array(z.string()),
      exclude: z.array(z.string()),
      includeTests: z.boolean(),
      weights,
      resolution: z.union([z.number().positive(), z.literal("auto")]),
      tier: z.enum(TIER_CHOICES),
      seed: z.number().int(),
      maxChangeset: z.number().int().positive(),
      minCommits: z.number().int().nonnegative(),
      excludeAuthors: z.array(z.string()),
      overrides,
    })
    .partial()
    .strict();
  return { weights, overrides, config };
}

type Schemas = ReturnType<typeof makeSchemas>;
let schemas: Schemas | undefined;

/**
 * zod and the schemas, made when a config file is first read: most repos have none, and loading
 * zod (with jsonc-parser) takes some 0.1 s of start-up.
 */
function configSchemas(): Schemas {
  return (schemas ??= makeSchemas((requireCjs("zod") as typeof zodModule).z));
}

/** faultline.config.json: team settings every command reads (README "Configuration"). */
export type FaultlineConfig = zodModule.z.infer<Schemas["config"]>;

export const CONFIG_FILE = "faultline.config.json";

/**
 * Reads the repo's faultline.config.json (or --config FILE). A missing default file is an
 * empty config; an explicit one that is missing, not JSON, or not valid is an error naming
 * the file and the key.
 */
export function loadConfig(root: string, explicit?: string): FaultlineConfig {
  const file = explicit ? path.resolve(explicit) : path.join(root, CONFIG_FILE);
  const shown = explicit ?? CONFIG_FILE;
  if (!existsSync(file)) {
    if (explicit) throw new UserError(`--config ${explicit}: file not found`);
    return {};
  }
  const json = readUserJson(file, shown);
  const text = readFileSync(file, "utf8");
  const twice = duplicateKey(text);
  if (twice)
    throw new UserError(
      `${shown}:${twice.line}: key "${twice.path}" appears twice (first at line ${twice.first}): JSON would keep ` +
        "only the last",
    );
  const parsed = configSchemas().config.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const keys = issue.path.map(String);
    const unknown = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
    const line = lineOfKey(text, unknown === undefined ? keys : [...keys, unknown]);
    const where = `${shown}${line ? `:${line}` : ""}`;
    if (unknown !== undefined) {
      const expected = allowedKeys()[keys.join(".")] ?? [];
      const hint = expected.length ? ` (expected ${expected.join(", ")}${didYouMean(unknown, expected)})` : "";
      throw new UserError(`${where}: unknown key "${[...keys, unknown].join(".")}"${hint}`);
    }
    throw new UserError(`${where}: key "${keys.join(".") || "(root)"}": ${issue.message}`);
  }
  return parsed.data;
}

/** The keys allowed in each object of the config, for the message about an unknown one. */
function allowedKeys(): Record<string, string[]> {
  const { config, weights, overrides } = configSchemas();
  return {
    "": Object.keys(config.shape),
    weights: Object.keys(weights.shape),
    overrides: Object.keys(overrides.shape),
  };
}

/**
 * The line of a key in JSON text, found by looking for each key of its path in turn: it points
 * at the right line in a config as people write them (keys once per object), with no JSON parser
 * that keeps positions.
 */
function lineOfKey(text: string, keys: string[]): number | undefined {
  let at = 0;
  for (const k of keys) {
    if (/^\d+$/.test(k)) continue; // an array index: the array's key already points there
    const key = new RegExp(`${JSON.stringify(k).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*:`, "g");
    key.lastIndex = at;
    const m = key.exec(text);
    if (!m) return undefined;
    at = m.index;
  }
  return keys.length ? text.slice(0, at).split("\n").length : undefined;
}

/** The first key an object of the JSON text holds twice, with its path and both lines. */
function duplicateKey(text: string): { path: string; line: number; first: number } | undefined {
  const lineAt = (offset: number) => text.slice(0, offset).split("\n").length;
  const visit = (node: JsonNode | undefined, path: string[]): ReturnType<typeof duplicateKey> => {
    if (!node) return undefined;
    if (node.type === "object") {
      const seen = new Map<string, number>();
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        const name = String(key?.value);
        const first = seen.get(name);
        if (first !== undefined) return { path: [...path, name].join("."), line: lineAt(key.offset), first };
        seen.set(name, lineAt(key.offset));
        const inner = visit(value, [...path, name]);
        if (inner) return inner;
      }
    } else if (node.type === "array") {
      for (const item of node.children ?? []) {
        const inner = visit(item, path);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return visit((requireCjs("jsonc-parser") as typeof jsoncModule).parseTree(text), []);
}
