import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { UserError } from "./errors.js";

/**
 * A JSON file the user named, parsed; `label` names it in the one-line error (a flag such as
 * `--proposal x.json`, or the path). Shapes are checked by the caller.
 */
export function readUserJson(file: string, label = file): unknown {
  if (!existsSync(file)) throw new UserError(`${label}: file not found`);
  if (statSync(file).isDirectory()) throw new UserError(`${label}: a folder, not a JSON file`);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as unknown;
  } catch (e) {
    throw new UserError(`${label}: not valid JSON (${(e as Error).message})`);
  }
}

/** The `schema` field of a parsed JSON value, when it is an object that has one. */
export function schemaOf(json: unknown): unknown {
  return typeof json === "object" && json !== null ? (json as { schema?: unknown }).schema : undefined;
}

/**
 * The file a command reading an analysis was given: the folder `analyze` wrote to stands for the
 * analysis.json in it; a folder without one is a one-line error.
 */
export function analysisFileOf(given: string): string {
  if (!existsSync(given) || !statSync(given).isDirectory()) return given;
  const inside = path.join(given, "analysis.json");
  if (!existsSync(inside)) throw new UserError(`${given}: a folder with no analysis.json in it`);
  return inside;
}
