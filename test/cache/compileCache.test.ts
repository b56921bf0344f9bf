import { chmodSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { copyFixture, parseGraph, runBin, tempDir } from "../helpers/cli.js";

/** `faultline graph` on a fixture with TMPDIR pointing at a fresh folder. */
function graph(tmp: string, env: Record<string, string> = {}) {
  const repo = copyFixture("graph/basic");
  const r = runBin(["graph", repo, "--quiet"], { env: { TMPDIR: tmp, ...env } });
  expect(r.code, r.stderr).toBe(0);
  return parseGraph(r.stdout);
}

const cacheOf = (tmp: string) => path.join(tmp, `faultline-compile-cache-${process.getuid!()}`);

describe.skipIf(typeof process.getuid !== "function")("the compile cache of faultline's own code", () => {
  it("is written once into a private folder and then read, with the same results", () => {
    const tmp = tempDir();
    const first = graph(tmp);
    const dir = cacheOf(tmp);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(1); // TypeScript
    const stamps = files.map((f) => statSync(path.join(dir, f)).mtimeMs);
    const second = graph(tmp);
    expect(second).toEqual(first);
    // accepted by V8, so not rewritten
    expect(files.map((f) => statSync(path.join(dir, f)).mtimeMs)).toEqual(stamps);
  });

  it("is not used when others can write its folder, or when turned off", () => {
    const open = tempDir();
    mkdirSync(cacheOf(open), { mode: 0o700 });
    chmodSync(cacheOf(open), 0o777);
    graph(open);
    expect(readdirSync(cacheOf(open))).toEqual([]);

    const off = tempDir();
    graph(off, { FAULTLINE_NO_COMPILE_CACHE: "1" });
    expect(readdirSync(off)).toEqual([]);
  });
});
