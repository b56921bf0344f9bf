import type { Analysis } from "../../src/analysis/types.js";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { HistoryJson } from "../../src/history/types.js";
import { parseHistory, readJson, runCli, tempDir } from "../helpers/cli.js";
import { buildRepo, day, git, rng, TSCONFIG, writeTree, type CommitStep, type RepoScript } from "../helpers/repo.js";

async function history(dir: string, ...args: string[]) {
  const r = await runCli(["history", dir, "--quiet", ...args]);
  expect(r.code, r.stderr).toBe(0);
  return { json: parseHistory(r.stdout), stderr: r.stderr };
}

const AUTHORS = ["Ada <ada@shop.test>", "Bob <bob@shop.test>", "Cy <cy@shop.test>", "Dee <dee@shop.test>"];

/** A random history over 12 files, no renames: the brute-force reference below replays it. */
function randomScript(seed: number): RepoScript {
  const r = rng(seed);
  const files: Record<string, string> = { "tsconfig.json": TSCONFIG, "README.md": "# x\n" };
  const names = Array.from({ length: 12 }, (_, i) => `src/m${i}.ts`);
  for (const n of names) files[n] = `export const v = "${n}";\n`;
  const commits: CommitStep[] = [{ author: AUTHORS[0], date: day(0), touch: [...names, "README.md"] }];
  for (let i = 1; i < 160; i++) {
    // clustered co-change: files come in groups of 3, with noise
    const g = Math.floor(r() * 4);
    const touch = new Set<string>();
    for (const n of names.slice(g * 3, g * 3 + 3)) if (r() < 0.7) touch.add(n);
    if (r() < 0.3) touch.add(names[Math.floor(r() * names.length)]);
    if (r() < 0.2) touch.add("README.md");
    if (touch.size === 0) touch.add(names[g * 3]);
    commits.push({ author: AUTHORS[Math.floor(r() * AUTHORS.length)], date: day(i), touch: [...touch] });
  }
  return { files, commits };
}

/** code-maat's coupling, computed straight from the script: what the tool must reproduce. */
function referenceCoupling(
  script: RepoScript,
  maxChangeset: number,
  minShared: number,
  minRevs: number,
  minCoupling: number,
) {
  const isTs = (p: string) => p.endsWith(".ts");
  const revs = new Map<string, number>();
  const shared = new Map<string, number>();
  let large = 0;
  for (const c of script.commits) {
    const files = [...new Set((c.touch ?? []).filter(isTs))].sort();
    if (files.length === 0) continue;
    if (files.length > maxChangeset) {
      large++;
      continue;
    }
    for (const f of files) revs.set(f, (revs.get(f) ?? 0) + 1);
    for (let i = 0; i < files.length; i++)
      for (let j = i + 1; j < files.length; j++)
        shared.set(`${files[i]}|${files[j]}`, (shared.get(`${files[i]}|${files[j]}`) ?? 0) + 1);
  }
  const pairs = [];
  for (const [k, s] of shared) {
    const [a, b] = k.split("|");
    const avg = (revs.get(a)! + revs.get(b)!) / 2;
    const degree = (100 * s) / avg;
    if (s >= minShared && avg >= minRevs && degree >= minCoupling)
      pairs.push({ a, b, shared: s, degree: Math.round(degree * 100) / 100 });
  }
  pairs.sort((x, y) => (x.a + "|" + x.b < y.a + "|" + y.b ? -1 : 1));
  return { pairs, revs, large };
}

/** An exact rename (first -> final) and an inexact one (draft -> similar), which needs the old blob. */
function twoRenames(): RepoScript {
  const body = "export const big = [1, 2, 3];\n".repeat(20);
  return {
    files: { "tsconfig.json": TSCONFIG, "src/final.ts": body, "src/similar.ts": body + "export const z = 0;\n" },
    commits: [
      { author: AUTHORS[0], date: day(0), write: { "src/first.ts": body }, touch: ["src/draft.ts"] },
      // the rename step writes the final content: identical for first -> final, an exact rename
      {
        author: AUTHORS[1],
        date: day(1),
        rename: [
          ["src/first.ts", "src/final.ts"],
          ["src/draft.ts", "src/similar.ts"],
        ],
      },
    ],
  };
}

/** Deletes one object from a repo (a snapshot with missing objects): all objects loose first. */
function dropObject(dir: string, rev: string): void {
  const packs = path.join(dir, ".git", "objects", "pack");
  const moved = path.join(tempDir(), "packs");
  renameSync(packs, moved);
  mkdirSync(packs);
  for (const f of readdirSync(moved).filter((f) => f.endsWith(".pack")))
    execFileSync("git", ["unpack-objects", "-q"], { cwd: dir, input: readFileSync(path.join(moved, f)) });
  const sha = git(dir, ["rev-parse", rev]).trim();
  rmSync(path.join(dir, ".git", "objects", sha.slice(0, 2), sha.slice(2)));
}

/** A blobless clone of twoRenames(): the old blobs stay on the remote (src). */
function partialClone(): { src: string; clone: string } {
  const src = buildRepo(twoRenames());
  git(src, ["config", "uploadpack.allowfilter", "true"]);
  const clone = path.join(tempDir(), "partial");
  git(path.dirname(clone), ["clone", "-q", "--filter=blob:none", "--no-checkout", `file://${src}`, clone]);
  git(clone, ["checkout", "-q", "main"]);
  return { src, clone };
}

describe("faultline history", () => {
  it("reproduces code-maat's coupling on a random history (brute-force reference, --no-renames)", async () => {
    const script = randomScript(7);
    const dir = buildRepo(script);
    for (const [max, minShared, minRevs, minCoupling] of [
      [30, 5, 5, 30],
      [2, 3, 3, 10],
      [30, 1, 1, 0],
    ]) {
      const { json } = await history(
        dir,
        "--no-renames",
        `--max-changeset=${max}`,
        `--min-shared=${minShared}`,
        `--min-revs=${minRevs}`,
        `--min-coupling=${minCoupling}`,
      );
      const ref = referenceCoupling(script, max, minShared, minRevs, minCoupling);
      expect(json.coupling).toEqual(ref.pairs);
      expect(json.skipped.large).toBe(ref.large);
      for (const f of json.files) expect(f.revisions, f.path).toBe(ref.revs.get(f.path));
      expect(json.files.length).toBe(ref.revs.size);
    }
    // the default thresholds must leave some pairs, or this test has no teeth
    expect(referenceCoupling(script, 30, 5, 5, 30).pairs.length).toBeGreaterThan(3);
  });

  it("keys history by the name at HEAD through a chain of renames; deleted files drop out", async () => {
    const body = "export function checkout(total: number) {\n  return total * 2;\n}\n".repeat(4);
    const script: RepoScript = {
      files: { "tsconfig.json": TSCONFIG, "src/shoppingCart.ts": body, "src/other.ts": "export const o = 1;\n" },
      commits: [
        { author: AUTHORS[0], date: day(0), touch: ["src/cart.ts", "src/other.ts", "src/gone.ts"] },
        { author: AUTHORS[1], date: day(1), touch: ["src/cart.ts"] },
        { author: AUTHORS[1], date: day(2), rename: [["src/cart.ts", "src/basket.ts"]] },
        { author: AUTHORS[2], date: day(3), touch: ["src/basket.ts", "src/gone.ts"] },
        {
          author: AUTHORS[0],
          date: day(4),
          rename: [["src/basket.ts", "src/shoppingCart.ts"]],
          remove: ["src/gone.ts"],
        },
        { author: AUTHORS[0], date: day(5), touch: ["src/shoppingCart.ts"] },
      ],
    };
    const dir = buildRepo(script);
    const { json } = await history(dir);
    const cart = json.files.find((f: { path: string }) => f.path === "src/shoppingCart.ts");
    expect(cart).toMatchObject({
      revisions: 6,
      authors: 3,
      mainAuthor: "Ada",
      firstChanged: "2024-01-01T00:00:00Z",
      lastChanged: "2024-01-06T00:00:00Z",
    });
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(["src/other.ts", "src/shoppingCart.ts"]);

    // --no-renames keys by the path at each commit, as code-maat does
    const plain = (await history(dir, "--no-renames")).json;
    expect(plain.files.find((f) => f.path === "src/shoppingCart.ts")?.revisions).toBe(2);
  });

  it("keeps a file's history behind a commit of another root that adds it again", async () => {
    // amplication: a bot's branch of its own root adds every file of main in one commit, merged back; the file's
    // history on main before that commit is still its history (a deletion, not an addition, ends a file's life)
    const body = "export const order = 1;\n";
    const script: RepoScript = {
      files: { "tsconfig.json": TSCONFIG, "src/order.ts": body, "src/cart.ts": "export const c = 1;\n" },
      commits: [
        { author: AUTHORS[0], date: day(0), touch: ["src/order.ts", "src/cart.ts"] },
        { author: AUTHORS[1], date: day(1), touch: ["src/order.ts"] },
        { author: AUTHORS[2], date: day(2), touch: ["src/order.ts"] },
      ],
    };
    const dir = buildRepo(script);
    const at = (n: number) => ({ ...process.env, GIT_AUTHOR_DATE: day(n), GIT_COMMITTER_DATE: day(n) });
    const run = (args: string[], n: number) =>
      execFileSync("git", ["-c", "user.name=Sync", "-c", "user.email=sync@shop.test", ...args], {
        cwd: dir,
        env: at(n),
        stdio: "pipe",
      });
    const committed = readFileSync(path.join(dir, "src/order.ts"), "utf8");
    run(["checkout", "-q", "--orphan", "bot"], 3);
    run(["rm", "-rfq", "."], 3);
    writeTree(dir, { "catalog/index.ts": "export const k = 1;\n" });
    run(["add", "."], 3);
    run(["commit", "-qm", "catalog"], 3);
    writeTree(dir, { "src/order.ts": committed });
    run(["add", "."], 4);
    run(["commit", "-qm", "merge conflicts auto-resolution"], 4);
    run(["checkout", "-q", "main"], 5);
    run(["merge", "-q", "--allow-unrelated-histories", "-m", "merge bot", "bot"], 5);
    const { json } = await history(dir);
    // by hand: main's three commits and the bot's re-adding one
    expect(json.files.find((f) => f.path === "src/order.ts")).toMatchObject({
      revisions: 4,
      firstChanged: "2024-01-01T00:00:00Z",
    });
  });

  it("reads the history of a repository analysed from a subfolder of its work tree, paths relative to it", async () => {
    // a monorepo: the analysed back end is packages/api; a commit outside it changes nothing in it
    const script: RepoScript = {
      files: {
        "packages/api/tsconfig.json": TSCONFIG,
        "packages/api/src/order.ts": "export const o = 1;\n",
        "packages/api/src/cart.ts": "export const c = 1;\n",
        "packages/web/src/page.ts": "export const p = 1;\n",
      },
      commits: [
        { author: AUTHORS[0], date: day(0), touch: ["packages/api/src/order.ts", "packages/api/src/cart.ts"] },
        { author: AUTHORS[1], date: day(1), touch: ["packages/api/src/order.ts", "packages/web/src/page.ts"] },
        { author: AUTHORS[2], date: day(2), touch: ["packages/web/src/page.ts"] },
        { author: AUTHORS[1], date: day(3), touch: ["packages/api/src/order.ts"] },
      ],
    };
    const dir = buildRepo(script);
    const { json } = await history(path.join(dir, "packages/api"));
    // hand-counted from the script: order.ts in commits 0, 1 and 3; cart.ts in commit 0
    expect(json.files.map((f) => [f.path, f.revisions])).toEqual([
      ["src/cart.ts", 1],
      ["src/order.ts", 3],
    ]);
  });

  it("drops merges, large commits and bots; merges identities through .mailmap; measures ownership", async () => {
    const files: Record<string, string> = {
      "tsconfig.json": TSCONFIG,
      ".mailmap":
        "Ada Lovelace <ada@shop.test> <ada@old-laptop.local>\nAda Lovelace <ada@shop.test> Ada <ada@shop.test>\n",
    };
    const many = Array.from({ length: 35 }, (_, i) => `src/bulk${i}.ts`);
    for (const p of [...many, "src/a.ts", "src/b.ts"]) files[p] = `export const x = "${p}";\n`;
    const script: RepoScript = {
      files,
      commits: [
        // 37 files: large
        { author: "Ada <ada@shop.test>", date: day(0), touch: [...many, "src/a.ts", "src/b.ts", ".mailmap"] },
        { author: "ada <ada@old-laptop.local>", date: day(1), touch: ["src/a.ts", "src/b.ts"] },
        { author: "Bob <bob@shop.test>", date: day(2), touch: ["src/a.ts"], branch: "feature" },
        { author: "Ada <ada@shop.test>", date: day(3), touch: ["src/a.ts"] },
        { author: "Ada <ada@shop.test>", date: day(4), merge: "feature", message: "Merge feature" },
        {
          author: "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
          date: day(5),
          touch: ["src/a.ts"],
        },
        { author: "Cy <cy@shop.test>", date: day(6), touch: ["src/b.ts"] },
        // a GitHub App under a name of its own, writing from a bot's address (amplication's)
        { author: "amplication[branch whisperer] <bot@amplication.com>", date: day(7), touch: ["src/b.ts"] },
        { author: "Release <ci-bot@shop.test>", date: day(8), touch: ["src/b.ts"] },
      ],
    };
    const dir = buildRepo(script);
    const { json } = await history(dir);
    expect(json.skipped).toEqual({ merges: 1, large: 1, authors: 3 });
    expect(json.commits).toBe(4);
    const a = json.files.find((f: { path: string }) => f.path === "src/a.ts");
    // a: Ada (day 1, via .mailmap) + Bob + Ada = 3 revisions, Ada 2/3
    expect(a).toMatchObject({
      revisions: 3,
      authors: 2,
      mainAuthor: "Ada Lovelace",
      mainAuthorShare: 0.6667,
      fragmentation: 0.4444,
    });
    const b = json.files.find((f: { path: string }) => f.path === "src/b.ts");
    expect(b).toMatchObject({ revisions: 2, authors: 2, fragmentation: 0.5 });

    // an explicit --exclude-author replaces the default bot list
    const withBots = (await history(dir, "--exclude-author", "^Cy ")).json;
    expect(withBots.skipped.authors).toBe(1);
    expect(withBots.files.find((f) => f.path === "src/b.ts")?.revisions).toBe(3);
    expect(withBots.files.find((f) => f.path === "src/a.ts")?.revisions).toBe(4);
  });

  it("without .mailmap, names sharing an address are one author; an empty or placeholder one joins none", async () => {
    const files: Record<string, string> = { "tsconfig.json": TSCONFIG, "src/a.ts": "export const a = 1;\n" };
    files["src/b.ts"] = "export const b = 1;\n";
    files["src/c.ts"] = "export const c = 1;\n";
    const script: RepoScript = {
      files,
      commits: [
        { author: "Thomas <t@shop.test>", date: day(0), touch: ["src/a.ts", "src/b.ts"] },
        // the same person under a full name; then under another address, which joins that one too
        { author: "Thomas Kaul <T@shop.test>", date: day(1), touch: ["src/a.ts"] },
        { author: "Thomas Kaul <thomas@home.test>", date: day(2), touch: ["src/a.ts"] },
        { author: "Thomas Kaul <t@shop.test>", date: day(2), touch: ["src/b.ts"] },
        { author: "tk <thomas@home.test>", date: day(3), touch: ["src/a.ts"] },
        { author: "Bob <bob@shop.test>", date: day(4), touch: ["src/a.ts"] },
        // two people committing without an address, two with a placeholder one
        { author: "Cy <>", date: day(5), touch: ["src/b.ts"] },
        { author: "Di <>", date: day(6), touch: ["src/b.ts"] },
        { author: "Ed <you@example.com>", date: day(7), touch: ["src/b.ts"] },
        { author: "Flo <you@example.com>", date: day(8), touch: ["src/b.ts"] },
        // one person, two names used once each: the newest names him
        { author: "Gus <gus@shop.test>", date: day(9), touch: ["src/c.ts"] },
        { author: "Gustav <gus@shop.test>", date: day(10), touch: ["src/c.ts"] },
      ],
    };
    const { json } = await history(buildRepo(script));
    // a: Thomas 4 of 5 revisions (under three names), Bob 1; the name he used most names him
    expect(json.files.find((f: { path: string }) => f.path === "src/a.ts")).toMatchObject({
      revisions: 5,
      authors: 2,
      mainAuthor: "Thomas Kaul",
      mainAuthorShare: 0.8,
      fragmentation: 0.32,
    });
    // b: Thomas twice, Cy, Di, Ed and Flo once each
    expect(json.files.find((f: { path: string }) => f.path === "src/b.ts")).toMatchObject({
      revisions: 6,
      authors: 5,
      mainAuthor: "Thomas Kaul",
    });
    expect(json.files.find((f: { path: string }) => f.path === "src/c.ts")).toMatchObject({
      revisions: 2,
      authors: 1,
      mainAuthor: "Gustav",
    });
  });

  it("--churn counts lines added and removed per file, through a rename with an edit", async () => {
    const lines = (xs: string[]) => xs.map((x) => `${x}\n`).join("");
    const a0 = Array.from({ length: 10 }, (_, i) => `export const a${i} = ${i};`);
    const a1 = [
      ...a0.slice(0, 3),
      "export const a3 = 33;",
      ...a0.slice(4),
      "export const a10 = 10;",
      "export const a11 = 11;",
    ];
    const moved = [...a1, "export const moved = true;"];
    const script: RepoScript = {
      files: { "tsconfig.json": TSCONFIG, "src/c.ts": lines(moved), "src/b.ts": "b1\n" },
      commits: [
        { author: AUTHORS[0], date: day(0), write: { "src/a.ts": lines(a0), "src/b.ts": "b1\nb2\n" } }, // a +10, b +2
        { author: AUTHORS[1], date: day(1), write: { "src/a.ts": lines(a1) } }, // a: one line changed, two added: +3 -1
        { author: AUTHORS[0], date: day(2), rename: [["src/a.ts", "src/c.ts"]] }, // renamed with one line added: +1
        { author: AUTHORS[2], date: day(3), write: { "src/b.ts": "b1\n" } }, // b -1
      ],
    };
    const dir = buildRepo(script);
    const byPath = (json: HistoryJson) => Object.fromEntries(json.files.map((f) => [f.path, f]));
    const followed = byPath((await history(dir, "--churn")).json);
    expect(followed["src/c.ts"]).toMatchObject({ revisions: 3, added: 14, removed: 1 });
    expect(followed["src/b.ts"]).toMatchObject({ revisions: 2, added: 2, removed: 1 });
    // without rename detection the rename is an add of the whole file: 13 lines, history from there
    const plain = byPath((await history(dir, "--churn", "--no-renames")).json);
    expect(plain["src/c.ts"]).toMatchObject({ revisions: 1, added: 13, removed: 0 });
    // without --churn no line counts at all
    expect(byPath((await history(dir)).json)["src/c.ts"].added).toBeUndefined();
  });

  it("reads paths with spaces, quotes, unicode and newlines", async () => {
    const odd = ["src/with space.ts", 'src/quo"te.ts', "src/ünïcødé/日本.ts", "src/new\nline.ts"];
    const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
    for (const p of odd) files[p] = `export const x = ${JSON.stringify(p)};\n`;
    const commits: CommitStep[] = [{ author: AUTHORS[0], date: day(0), touch: odd }];
    for (let i = 1; i <= 5; i++) commits.push({ author: AUTHORS[i % 2], date: day(i), touch: odd });
    const dir = buildRepo({ files, commits });
    const { json } = await history(dir);
    expect(json.files.map((f: { path: string }) => f.path).sort()).toEqual([...odd].sort());
    for (const f of json.files) expect(f.revisions).toBe(6);
    expect(json.coupling).toHaveLength(6); // every pair of 4 files, 6 shared of 6
  });

  it("anchors --since to HEAD's commit date, not to today", async () => {
    const files = { "tsconfig.json": TSCONFIG, "src/a.ts": "export const a = 1;\n" };
    const commits: CommitStep[] = [0, 100, 400, 700].map((d) => ({
      author: AUTHORS[0],
      date: day(d),
      touch: ["src/a.ts"],
    }));
    const dir = buildRepo({ files, commits });
    // HEAD is day 700 (2025-12-01); one year back keeps days 400 and 700
    expect((await history(dir, "--since", "1 year ago")).json.files[0].revisions).toBe(2);
    expect((await history(dir, "--since", "2024-04-01")).json.files[0].revisions).toBe(3);
    expect((await history(dir, "--until", "2024-04-01")).json.files[0].revisions).toBe(1);
    const bad = await runCli(["history", dir, "--since", "whenever"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--since");
  });

  it("explains bad input: not a git repo, no commits, shallow clone", async () => {
    const plain = tempDir();
    writeTree(plain, { "tsconfig.json": TSCONFIG, "src/a.ts": "export const a = 1;\n" });
    const r = await runCli(["history", plain]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/not a git repository.*faultline graph/);

    git(plain, ["init", "-q"]);
    const empty = await runCli(["history", plain, "--quiet"]);
    expect(empty.code).toBe(0);
    expect(empty.stderr).toMatch(/no commits/);
    expect(parseHistory(empty.stdout)).toMatchObject({ commits: 0, files: [], coupling: [] });

    const src = buildRepo(randomScript(3));
    const shallow = path.join(tempDir(), "shallow");
    git(path.dirname(shallow), ["clone", "-q", "--depth", "5", `file://${src}`, shallow]);
    const s = await history(shallow);
    expect(s.stderr).toMatch(/shallow clone: only 5 commits/);
    expect(s.json.commits).toBeLessThanOrEqual(5);
  });

  it("when git cannot read a blob rename detection needs, retries with exact renames and warns", async () => {
    const dir = buildRepo(twoRenames());
    // the old draft's blob is gone: comparing it with similar.ts needs it
    dropObject(dir, "HEAD~1:src/draft.ts");
    const { json, stderr } = await history(dir);
    expect(stderr).toMatch(/could not read some objects.*exact renames only/);
    expect(json.files.find((f) => f.path === "src/final.ts")?.revisions).toBe(2);
    expect(json.files.find((f) => f.path === "src/similar.ts")?.revisions).toBe(1);
  });

  it("in a partial clone with its remote still there, fetches nothing into the repository", async () => {
    const { clone } = partialClone();
    const missing = () =>
      git(clone, ["rev-list", "--objects", "--all", "--missing=print"])
        .split("\n")
        .filter((l) => l.startsWith("?"))
        .sort();
    const before = missing();
    expect(before.length).toBeGreaterThan(0); // the old blobs rename detection would want
    const { stderr } = await history(clone);
    expect(stderr).toMatch(/partial clone/);
    expect(missing()).toEqual(before);
  });

  it("in a partial clone, --churn leaves line counts out rather than fetch every blob", async () => {
    const { clone } = partialClone();
    const missing = () =>
      git(clone, ["rev-list", "--objects", "--all", "--missing=print"])
        .split("\n")
        .filter((l) => l.startsWith("?"))
        .sort();
    const before = missing();
    const { json, stderr } = await history(clone, "--churn");
    expect(stderr).toMatch(/--churn needs file contents .* left out/);
    expect(missing()).toEqual(before);
    expect(json.files.length).toBeGreaterThan(0);
    for (const f of json.files) expect(f.added).toBeUndefined();
  });

  it("when git log stops early, uses what it read, with or without the cache", async () => {
    const dir = buildRepo(randomScript(9));
    // an old commit's tree is gone: git cannot diff past it
    dropObject(dir, "HEAD~40^{tree}");
    const plain = await history(dir);
    expect(plain.stderr).toMatch(/git log stopped early/);
    expect(plain.json.commits).toBeGreaterThan(30);
    const out = tempDir();
    const r = await runCli(["analyze", dir, "--out", out, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/git log stopped early/);
    expect(readJson<Analysis>(path.join(out, "analysis.json")).repo.commits).toBe(plain.json.commits);
  });

  it("in a partial clone follows exact renames only, with a warning, even when the remote is gone", async () => {
    const { src, clone } = partialClone();
    rmSync(src, { recursive: true, force: true });
    const { json, stderr } = await history(clone);
    expect(stderr).toMatch(/partial clone/);
    expect(json.files.find((f) => f.path === "src/final.ts")?.revisions).toBe(2);
    // the inexact rename is not followed (git would need the old blob from the vanished remote)
    expect(json.files.find((f) => f.path === "src/similar.ts")?.revisions).toBe(1);
  });
});
