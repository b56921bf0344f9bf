import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect } from "vitest";
import type { Analysis } from "../../src/analysis/types.js";
import type { ImportGraph } from "../../src/graph/types.js";
import type { HistoryJson } from "../../src/history/types.js";
import type { ModelJson } from "../../src/metrics/modelJson.js";

export const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = path.join(PROJECT, "bin/faultline.js");
export const FIXTURES = path.join(PROJECT, "fixtures");

// The built code (npm test builds dist/ first), as the binary runs it: its cache build id, its
// compile cache. The types are the sources'.
const { main } = (await import(
  new URL("../../dist/cli/main.js", import.meta.url).href
)) as typeof import("../../src/cli/main.js");
const { bufferIo } = (await import(
  new URL("../../dist/cli/io.js", import.meta.url).href
)) as typeof import("../../src/cli/io.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The CLI run in-process on `args`, as the binary runs it but without starting Node again:
 * the same `main`, its output captured. Where the binary itself is under test (its start-up,
 * the compile cache, the process's exit code), use runBin.
 */
export async function runCli(args: string[]): Promise<CliResult> {
  const io = bufferIo(PROJECT);
  const code = await main(["node", "faultline", ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** The real, built binary in a child process (npm test builds dist/ first). */
export function runBin(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? PROJECT,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
// every temp folder a test file made is removed when the file is done
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = "faultline-test-"): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A copy of a fixture folder in a fresh temp dir, outside any git work tree. */
export function copyFixture(rel: string): string {
  const dir = tempDir();
  cpSync(path.join(FIXTURES, rel), dir, { recursive: true });
  return dir;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

export const parseJson = <T>(text: string) => JSON.parse(text) as T;
export const parseGraph = (text: string) => JSON.parse(text) as ImportGraph;
export const parseHistory = (text: string) => JSON.parse(text) as HistoryJson;

export interface Analyzed {
  out: string;
  stdout: string;
  stderr: string;
  analysis: Analysis;
  model: ModelJson;
}

/** `faultline analyze REPO --out <fresh folder> --quiet ...args`, which must succeed; its outputs parsed. */
export async function analyzeInto(repo: string, args: string[] = []): Promise<Analyzed> {
  const out = tempDir();
  const r = await runCli(["analyze", repo, "--out", out, "--quiet", ...args]);
  expect(r.code, r.stderr).toBe(0);
  return {
    out,
    stdout: r.stdout,
    stderr: r.stderr,
    analysis: readJson<Analysis>(path.join(out, "analysis.json")),
    model: readJson<ModelJson>(path.join(out, "model.json")),
  };
}
