import { readFileSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import type * as yamlModule from "yaml";
import { requireCjs } from "../util/cjs.js";
import type { Log } from "../util/log.js";
import { readManifest } from "./json.js";
import type { WorkspacePackage } from "./types.js";

/**
 * Workspace packages declared by the root package.json (`workspaces`, as an array or as
 * `{ packages }`) or by pnpm-workspace.yaml. Patterns are matched against the folders of the
 * repo's visible package.json files, so nothing needs installing.
 */
export function findWorkspaces(root: string, visible: string[], log: Log): WorkspacePackage[] {
  const patterns = workspacePatterns(root, log);
  if (patterns.length === 0) return [];
  const positive = patterns.filter((p) => !p.startsWith("!")).map(trimSlash);
  const negative = patterns.filter((p) => p.startsWith("!")).map((p) => trimSlash(p.slice(1)));
  const isIn = picomatch(positive, { dot: false });
  const isOut = negative.length ? picomatch(negative) : () => false;
  const packages: WorkspacePackage[] = [];
  for (const file of visible) {
    if (path.posix.basename(file) !== "package.json" || file === "package.json") continue;
    const dir = path.posix.dirname(file);
    if (dir.split("/").includes("node_modules") || !isIn(dir) || isOut(dir)) continue;
    const manifest = readManifest(path.join(root, file));
    if (typeof manifest?.name !== "string") continue;
    packages.push({ name: manifest.name, dir: path.join(root, dir), manifest });
  }
  return packages;
}

/** The strings of a list read from a file (anything else is not a list of globs). */
function strings(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : [];
}

function trimSlash(p: string): string {
  return p.replace(/^\.\//, "").replace(/\/+$/, "");
}

function workspacePatterns(root: string, log: Log): string[] {
  const out: string[] = [];
  const ws = readManifest(path.join(root, "package.json"))?.workspaces;
  const listed = Array.isArray(ws) ? ws : (ws as { packages?: unknown } | undefined)?.packages;
  out.push(...strings(listed));
  const pnpm = path.join(root, "pnpm-workspace.yaml");
  let text: string | undefined;
  try {
    text = readFileSync(pnpm, "utf8");
  } catch {
    /* no pnpm workspace */
  }
  if (text !== undefined) {
    // loaded only for a pnpm workspace: loading yaml takes some 60 ms of start-up
    const yaml = requireCjs("yaml") as typeof yamlModule;
    try {
      const doc = yaml.parse(text) as { packages?: unknown } | null;
      out.push(...strings(doc?.packages));
    } catch (e) {
      log.warn(
        `pnpm-workspace.yaml: not valid YAML (${(e as Error).message.split("\n")[0]}); workspace packages from it ` +
          `are ignored`,
      );
    }
  }
  return out;
}
