import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT, tempDir } from "../helpers/cli.js";
import { buildRepo } from "../helpers/repo.js";
import { dataRepoScript } from "../helpers/dataRepo.js";

/**
 * faultline's built binary beside a node_modules whose @ts-morph/common lacks TypeScript's file
 * (an interrupted install): every other package is a link to the project's own.
 */
function installWithoutTypeScript(): string {
  const dir = tempDir();
  cpSync(path.join(PROJECT, "bin"), path.join(dir, "bin"), { recursive: true });
  cpSync(path.join(PROJECT, "dist"), path.join(dir, "dist"), { recursive: true });
  cpSync(path.join(PROJECT, "package.json"), path.join(dir, "package.json"));
  const modules = path.join(PROJECT, "node_modules");
  mkdirSync(path.join(dir, "node_modules"));
  for (const name of readdirSync(modules))
    if (name !== "@ts-morph") symlinkSync(path.join(modules, name), path.join(dir, "node_modules", name));
  const common = path.join(modules, "@ts-morph/common");
  const copy = path.join(dir, "node_modules/@ts-morph/common");
  mkdirSync(path.join(copy, "dist"), { recursive: true });
  for (const name of readdirSync(common))
    if (name !== "dist") symlinkSync(path.join(common, name), path.join(copy, name));
  for (const name of readdirSync(path.join(common, "dist")))
    if (name !== "typescript.js") symlinkSync(path.join(common, "dist", name), path.join(copy, "dist", name));
  return dir;
}

describe("an incomplete installation", () => {
  it("makes each command that parses code say so in one line, exit 70; history still runs", () => {
    const install = installWithoutTypeScript();
    const repo = buildRepo(dataRepoScript());
    const run = (args: string[]) =>
      spawnSync(process.execPath, [path.join(install, "bin/faultline.js"), ...args], {
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
      });
    for (const args of [
      ["analyze", repo, "--out", tempDir(), "--no-cache"],
      ["graph", repo],
      ["explain", "src/users/User.ts", "--repo", repo],
      ["contract", "user", "--repo", repo],
    ]) {
      const r = run(args);
      expect(r.status, args[0]).toBe(70);
      expect(r.stderr, args[0]).toBe(
        "faultline: incomplete installation: Cannot find module '@ts-morph/common/dist/typescript.js' " +
          "(reinstall faultline: npm ci)\n",
      );
    }
    const history = run(["history", repo, "--quiet"]);
    expect(history.status, history.stderr).toBe(0);
    expect((JSON.parse(history.stdout) as { schema: string }).schema).toBe("faultline/history@1");
  }, 60_000);
});
