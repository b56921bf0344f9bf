import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gitRefusal } from "../../src/repo/gitRefusal.js";
import { runBin, tempDir } from "../helpers/cli.js";
import { buildRepo, day, TSCONFIG } from "../helpers/repo.js";

// git's own switch for its tests of the ownership check: every repository then counts as owned by
// another user, as a checkout mounted into a container or cloned with sudo is
const OTHER_OWNER = { GIT_TEST_ASSUME_DIFFERENT_OWNER: "1" };

const repo = buildRepo({
  files: { "tsconfig.json": TSCONFIG, "src/a.ts": "export const a = 1;\n" },
  commits: [{ author: "Ada <ada@x.test>", date: day(0), touch: ["tsconfig.json", "src/a.ts"] }],
});
// a git before 2.35.2, or a global safe.directory = *, reads the repository anyway: nothing to test then
const refused = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], {
  cwd: repo,
  encoding: "utf8",
  env: { ...process.env, ...OTHER_OWNER },
}).stderr.includes("dubious ownership");

describe("a repository git refuses to read (owned by another user)", () => {
  it.skipIf(!refused)("is exit 2 with git's reason, the folder and the fix, not 'not a git repository'", () => {
    const line =
      `faultline: ${repo}: git refuses to read it: detected dubious ownership in repository at '${repo}' (the ` +
      `folder belongs to another user); if you trust it, run git config --global --add safe.directory ${repo}\n`;
    for (const command of [["analyze", "--out", tempDir()], ["history"], ["graph"]]) {
      const r = runBin([command[0], repo, ...command.slice(1), "--quiet"], { env: OTHER_OWNER });
      expect([r.code, r.stderr], command[0]).toEqual([2, line]);
    }
  });

  it("reads git's older wording too, and quotes a folder the shell would split", () => {
    // git 2.35.2's text, word for word
    const dir = "/home/ci/my repo";
    const stderr =
      `fatal: unsafe repository ('${dir}' is owned by someone else)\n` +
      "To add an exception for this directory, call:\n\n" +
      `\tgit config --global --add safe.directory ${dir}\n`;
    expect(gitRefusal(stderr, `${dir}/server`)?.message).toBe(
      `${dir}/server: git refuses to read it: unsafe repository ('${dir}' is owned by someone else) (the folder ` +
        `belongs to another user); if you trust it, run git config --global --add safe.directory '${dir}'`,
    );
    expect(gitRefusal("fatal: not a git repository (or any of the parent directories): .git\n", dir)).toBeUndefined();
    expect(gitRefusal("", dir)).toBeUndefined();
  });
});

describe("a repository whose index git cannot read", () => {
  it("is exit 2 with git's reason and the folder, not an internal error", () => {
    const broken = buildRepo({
      files: { "tsconfig.json": TSCONFIG, "src/a.ts": "export const a = 1;\n" },
      commits: [{ author: "Ada <ada@x.test>", date: day(0), touch: ["tsconfig.json", "src/a.ts"] }],
    });
    writeFileSync(path.join(broken, ".git", "index"), "garbage\n");
    const reason = spawnSync("git", ["ls-files"], { cwd: broken, encoding: "utf8" }).stderr.trim();
    expect(reason).toMatch(/^fatal: .*index/);
    const line = `faultline: ${broken}: git refuses to read it: ${reason.slice("fatal: ".length)}\n`;
    for (const command of [["analyze", "--out", tempDir()], ["history"], ["graph"]]) {
      const r = runBin([command[0], broken, ...command.slice(1), "--quiet"]);
      expect([r.code, r.stderr], command[0]).toEqual([2, line]);
    }
  });
});
