import path from "node:path";
import { buildDemoRepo as build, demoDomains as domains } from "../../scripts/demo-repo.mjs";
import { tempDir } from "./cli.js";

let cached: string | undefined;

/** The demo monolith as a real git repository (built once per test file). */
export async function demoRepo(): Promise<string> {
  if (!cached) {
    cached = path.join(tempDir(), "demo-shop");
    await build(cached);
  }
  return cached;
}

export const demoDomains: () => Record<string, string[]> = domains;
