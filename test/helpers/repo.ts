import path from "node:path";
import { buildRepo as build, git as runGit, writeTree as write } from "../../scripts/fixture-repo.mjs";
import { tempDir } from "./cli.js";

export interface CommitStep {
  author: string;
  date: string;
  message?: string;
  touch?: string[];
  write?: Record<string, string>;
  rename?: [string, string][];
  remove?: string[];
  branch?: string;
  merge?: string;
}

export interface RepoScript {
  files: Record<string, string>;
  commits: CommitStep[];
}

/** Builds a real git repository from a commit script in a fresh temp folder. */
export function buildRepo(script: RepoScript, dir = tempDir()): string {
  build(dir, script);
  return dir;
}

/** A repository of these files, all added in one commit by one author. */
export function oneCommitRepo(files: Record<string, string>): string {
  return buildRepo({ files, commits: [{ author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) }] });
}

export const git: (dir: string, args: string[], input?: string) => string = runGit;
export const writeTree: (dir: string, files: Record<string, string>) => void = write;

/** Deterministic PRNG (mulberry32) for generated histories: the one the clustering uses. */
export { seededRng as rng } from "../../src/boundaries/louvain.js";

export const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, module: "esnext", moduleResolution: "bundler" },
  include: ["src"],
});

export function day(n: number): string {
  return new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString();
}

export { path };
