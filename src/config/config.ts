import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { UserError } from "../util/errors.js";
import { readUserJson } from "../util/jsonFile.js";

const weightsSchema = z
  .object({
    structural: z.number().min(0),
    cochange: z.number().min(0),
    ownership: z.number().min(0),
    semantic: z.number().min(0),
  })
  .partial()
  .strict();

const configSchema = z
  .object({
    include: z.array(z.string()),
    exclude: z.array(z.string()),
    includeTests: z.boolean(),
    weights: weightsSchema,
    resolution: z.union([z.number().positive(), z.literal("auto")]),
    tier: z.enum(["server", "client", "all"]),
    seed: z.number().int(),
    maxChangeset: z.number().int().positive(),
    excludeAuthors: z.array(z.string()),
    overrides: z
      .object({
        pin: z.record(z.string(), z.array(z.string())),
        kernel: z.array(z.string()),
        rename: z.record(z.string(), z.string()),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

/** faultline.config.json: team settings every command reads (README "Configuration"). */
export type FaultlineConfig = z.infer<typeof configSchema>;

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
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.path.join(".") || (issue.code === "unrecognized_keys" ? "" : "(root)");
    const extra = issue.code === "unrecognized_keys" ? ` ${issue.keys.map((k) => `"${k}"`).join(", ")}` : "";
    throw new UserError(`${shown}: ${key ? `key "${key}": ` : ""}${issue.message}${extra}`);
  }
  return parsed.data;
}
