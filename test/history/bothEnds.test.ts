import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BothEndsRun } from "../../src/history/bothEnds.js";
import { LOG_FORMAT, type RawCommit } from "../../src/history/gitLog.js";
import { tempDir } from "../helpers/cli.js";
import { rng } from "../helpers/repo.js";

/**
 * A long history written with `git fast-import` (thousands of commits in a second): cheap
 * commits at the bottom, merges on the way, and at the top a few commits that rename and edit
 * hundreds of files, so rename detection keeps the newer log busy there while the reverse log
 * gets far up from the root. The two logs then meet well above the root.
 */
function longHistory(): string {
  const dir = tempDir();
  execFileSync("git", ["init", "-q", "-b", "main", dir]);
  const r = rng(7);
  const out: string[] = [];
  let mark = 0;
  let time = 1_700_000_000;
  const body = (name: string, v: number) =>
    Array.from({ length: 60 }, (_, i) => `export const ${name.replace(/\W/g, "_")}_${i} = ${i * v};`).join("\n") + "\n";
  const commit = (files: string[], ops: string[], merge?: number) => {
    time += 3600;
    out.push(
      `commit refs/heads/main`,
      `mark :${++mark}`,
      `author A${mark % 5} <a${mark % 5}@x.test> ${time} +0000`,
      `committer C <c@x.test> ${time} +0000`,
      `data 2`,
      `c${mark % 10}`,
    );
    if (mark > 1) out.push(`from :${mark - 1}`);
    if (merge) out.push(`merge :${merge}`);
    out.push(...ops);
    for (const f of files) {
      const text = body(f, mark);
      out.push(`M 100644 inline ${f}`, `data ${Buffer.byteLength(text)}`, text);
    }
    out.push("");
    return mark;
  };
  const names = Array.from({ length: 300 }, (_, i) => `src/f${i}.ts`);
  commit(names, []);
  let side = 0;
  for (let i = 0; i < 3000; i++) {
    const touched = [
      ...new Set(Array.from({ length: 1 + Math.floor(r() * 4) }, () => names[Math.floor(r() * names.length)])),
    ];
    if (i % 500 === 250) side = commit([`side/s${i}.ts`], []);
    // merge an earlier commit back in now and then: git log shows merges without changes
    if (i % 500 === 499 && side) commit(touched, [], side);
    else commit(touched, []);
  }
  for (let k = 0; k < 4; k++) {
    const ops: string[] = [];
    const moved = names.map((n) => n.replace(".ts", `_${k}.ts`));
    for (const n of names) ops.push(`D ${n}`);
    names.splice(0, names.length, ...moved);
    commit(names, ops);
  }
  execFileSync("git", ["fast-import", "--quiet"], { cwd: dir, input: out.join("\n") + "\n" });
  execFileSync("git", ["reset", "-q", "--hard", "main"], { cwd: dir });
  return dir;
}

/** git's own log, parsed here: the sequence BothEndsRun must hand on, commit for commit. */
function gitsOwn(dir: string, window: string[] = []): string[] {
  const raw = execFileSync("git", ["log", "-z", "--format=%x01%H%x02%P", "--name-status", "-M", ...window, "HEAD"], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  return raw
    .split("\x01")
    .slice(1)
    .map((c) => {
      const [sha, rest] = c.split("\x02");
      const [parents, ...changes] = rest.split("\0");
      // a merge: two parents; git shows no changes for it
      const merge = parents.trim().split(" ").length > 1 ? ["merge"] : [];
      return [sha, ...merge, ...changes.map((t) => t.replace(/^\n/, "")).filter((t) => t !== "")].join(" ");
    });
}

const asText = (c: RawCommit) =>
  [
    c.sha,
    ...(c.merge ? ["merge"] : []),
    ...c.changes.flatMap((ch) => (ch.from !== undefined ? [ch.status, ch.from, ch.path] : [ch.status, ch.path])),
  ].join(" ");

async function readBothEnds(
  dir: string,
  args: string[],
  keepParsed?: number,
): Promise<{ got: string[]; fromOlder: number }> {
  const run = new BothEndsRun(dir, ["-z", `--format=${LOG_FORMAT}`, "--name-status", "-M", ...args, "--"], keepParsed);
  const got: string[] = [];
  try {
    await run.read((c) => got.push(asText(c)));
    expect((await run.done).code).toBe(0);
  } finally {
    run.dispose();
  }
  return { got, fromOlder: run.fromOlder };
}

describe("reading the log from both ends", () => {
  it("hands on git's own log, every commit once and in git's order, wherever the two logs meet", async () => {
    const dir = longHistory();
    const tip = execFileSync("git", ["rev-parse", "HEAD"], { cwd: dir, encoding: "utf8" }).trim();
    // git prints a similarity score after R (R087); the parser drops it, so the reference does too
    const expected = gitsOwn(dir).map((c) => c.replace(/\bR\d{3}\b/g, "R"));
    expect(expected.length).toBeGreaterThan(3000);
    expect(expected.filter((c) => c.split(" ")[1] === "merge").length).toBe(6);
    // the reverse log's commits all kept as parsed, all read again from its file, and a mix
    for (const keep of [undefined, 0, 1000]) {
      const { got, fromOlder } = await readBothEnds(dir, [tip], keep);
      expect(got.length).toBe(expected.length);
      expect(got).toEqual(expected);
      // the reverse log did its share: a good part of the commits came from it
      expect(fromOlder).toBeGreaterThan(expected.length / 10);
    }
    // a window: both logs apply it, the meeting point still falls inside it
    const since = ["--since=2023-12-20T00:00:00Z"];
    const windowed = gitsOwn(dir, since).map((c) => c.replace(/\bR\d{3}\b/g, "R"));
    expect(windowed.length).toBeGreaterThan(500);
    expect(windowed.length).toBeLessThan(expected.length - 500);
    const inWindow = await readBothEnds(dir, [...since, tip]);
    expect(inWindow.got).toEqual(windowed);
    expect(inWindow.fromOlder).toBeGreaterThan(0);
  });
});
