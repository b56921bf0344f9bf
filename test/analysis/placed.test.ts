import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Analysis } from "../../src/analysis/types.js";
import { readJson, runCli, tempDir } from "../helpers/cli.js";
import { dataRepoScript } from "../helpers/dataRepo.js";
import { buildRepo } from "../helpers/repo.js";

let repo: string;
let out: string;
let analysis: Analysis;

beforeAll(async () => {
  repo = buildRepo(dataRepoScript());
  out = tempDir();
  const r = await runCli(["analyze", repo, "--out", out, "--quiet", "--no-cache"]);
  expect(r.code, r.stderr).toBe(0);
  analysis = readJson<Analysis>(path.join(out, "analysis.json"));
}, 60_000);

describe("files a rule placed", () => {
  // by hand: User is read by the four other domains, so it is a domain file every service uses,
  // placed with its owner; src/users/service.ts alone writes it (`user.save()` in createUser).
  // Order is read by two domains only: the clustering places it, as every other file
  // the reason analysis.json gives, which explain and services.md must repeat
  const ownerOf = () => analysis.services.find((s) => s.placed?.["src/users/User.ts"])?.placed?.["src/users/User.ts"];

  it("are listed in analysis.json with the rule and what its pull is made of, and only they", () => {
    const placed = analysis.services.flatMap((s) => Object.entries(s.placed ?? {}).map(([f, why]) => [s.id, f, why]));
    const userService = analysis.services.find((s) => s.files.includes("src/users/User.ts"))!;
    expect(placed.map(([id, f]) => [id, f])).toEqual([[userService.id, "src/users/User.ts"]]);
    const owner = placed[0][2];
    // the signals that pull it, as shares that add up to 100%, its one writer among them
    expect(owner).toMatch(/^this module's files pull it most, by /);
    expect(owner).toContain("writes (1 file) ");
    const shares = [...owner.matchAll(/ (\d+)%/g)].map((m) => Number(m[1]));
    expect(Math.abs(shares.reduce((s, v) => s + v, 0) - 100)).toBeLessThanOrEqual(shares.length);
  });

  it("are explained by their rule, not by a clustering confidence", async () => {
    const owner = ownerOf()!;
    const r = await runCli(["explain", "src/users/User.ts", "--repo", repo, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const first = r.stdout.split("\n")[0];
    expect(first).toContain(`placed by a rule rather than the clustering: ${owner}`);
    expect(first).not.toContain("confidence");
    const clustered = await runCli(["explain", "src/orders/Order.ts", "--repo", repo, "--quiet"]);
    expect(clustered.stdout.split("\n")[0]).toMatch(/\(confidence \d\.\d\d: the share of clustering runs/);
  });

  it("say so in services.md", () => {
    const detail = readFileSync(path.join(out, "services.md"), "utf8");
    expect(detail).toContain(`- src/users/User.ts (user, placed: ${ownerOf()!})`);
    expect(detail).toMatch(/- src\/orders\/Order\.ts \(order, confidence \d\.\d\d\)/);
  });
});
