import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = path.join(PROJECT, "bin/faultline.js");
export const FIXTURES = path.join(PROJECT, "fixtures");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real, built CLI (npm test builds dist/ first). */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? PROJECT,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = "faultline-test-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A copy of a fixture folder in a fresh temp dir, outside any git work tree. */
export function copyFixture(rel: string): string {
  const dir = tempDir();
  cpSync(path.join(FIXTURES, rel), dir, { recursive: true });
  return dir;
}

/** `faultline analyze REPO --out <fresh folder> --quiet ...args`, which must succeed; its analysis.json parsed. */
export function analyzeInto(repo: string, args: string[] = []) {
  const out = tempDir();
  const r = runCli(["analyze", repo, "--out", out, "--quiet", ...args]);
  expect(r.code, r.stderr).toBe(0);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const analysis: any = JSON.parse(readFileSync(path.join(out, "analysis.json"), "utf8"));
  return { out, stdout: r.stdout, stderr: r.stderr, analysis };
}
