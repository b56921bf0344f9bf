import { readFileSync } from "node:fs";

/** Reads a JSON data file of the analysed repo; undefined when absent or not JSON. */
export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as unknown;
  } catch {
    return undefined;
  }
}

/** A package.json as read: every field may be missing or of any type, so each is tested where it is used. */
export interface PackageManifest {
  name?: unknown;
  workspaces?: unknown;
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
  peerDependencies?: Record<string, unknown>;
  [field: string]: unknown;
}

/** A package.json of the analysed repo, when it is a JSON object. */
export function readManifest(file: string): PackageManifest | undefined {
  const json = readJson(file);
  return typeof json === "object" && json !== null && !Array.isArray(json) ? (json as PackageManifest) : undefined;
}
