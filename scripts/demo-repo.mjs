// Builds the bundled demo monolith (fixtures/demo-shop) into a real git repository.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildRepo } from "./fixture-repo.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEMO = path.resolve(here, "../fixtures/demo-shop");

export function demoFiles() {
  const root = path.join(DEMO, "repo");
  const files = {};
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else files[path.relative(root, abs).split(path.sep).join("/")] = readFileSync(abs, "utf8");
    }
  };
  walk(root);
  return files;
}

export async function buildDemoRepo(dir) {
  const history = (await import(pathToFileURL(path.join(DEMO, "history.mjs")).href)).default;
  return buildRepo(dir, { files: demoFiles(), commits: history.commits });
}

export function demoDomains() {
  return JSON.parse(readFileSync(path.join(DEMO, "domains.json"), "utf8"));
}
