import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runCli, tempDir } from "../helpers/cli.js";
import { git, oneCommitRepo } from "../helpers/repo.js";

/** A workspace: an API package importing two sibling packages, `@acme/shared` three times, `@acme/kit` once. */
function workspace(): string {
  const json = (x: unknown) => JSON.stringify(x, null, 2);
  const files: Record<string, string> = {
    "package.json": json({ name: "acme", private: true, workspaces: ["packages/*"] }),
    "tsconfig.json": json({ compilerOptions: { strict: true, moduleResolution: "bundler", module: "esnext" } }),
    "packages/shared/package.json": json({ name: "@acme/shared", main: "src/index.ts" }),
    "packages/shared/src/index.ts": "export const id = (s: string) => s;\n",
    "packages/kit/package.json": json({ name: "@acme/kit", main: "src/index.ts" }),
    "packages/kit/src/index.ts": "export const kit = 1;\n",
    "packages/api/package.json": json({ name: "@acme/api" }),
    "packages/api/src/orders.ts": 'import { id } from "@acme/shared";\nexport const order = id("o");\n',
    "packages/api/src/invoices.ts": 'import { id } from "@acme/shared";\nexport const invoice = id("i");\n',
    "packages/api/src/users.ts":
      'import { id } from "@acme/shared";\nimport { kit } from "@acme/kit";\nexport const user = id("u") + kit;\n',
  };
  return oneCommitRepo(files);
}

describe("a scope that leaves out workspace packages the code imports", () => {
  it("is said in one warning naming the packages by how often they are imported", async () => {
    const repo = workspace();
    const r = await runCli(["analyze", repo, "--include", "packages/api/**", "--out", tempDir(), "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    // by hand: users, orders and invoices import @acme/shared (3), users @acme/kit (1)
    expect(r.stderr).toContain(
      "warning: 4 imports of 2 workspace packages found no analysed source file (@acme/shared 3, @acme/kit 1): " +
        "their ties are missing (a package --include leaves out, or one whose source faultline cannot find)\n",
    );
    // the whole workspace analysed: nothing to say
    const all = await runCli(["analyze", repo, "--out", tempDir(), "--quiet"]);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stderr).not.toContain("workspace package");
  });
});

describe("a sparse checkout", () => {
  it("leaves out the files git keeps out of the work tree, a tsconfig among them", async () => {
    // immich checked out without docs/: git still lists docs/tsconfig.json, which is not on disk
    const repo = workspace();
    writeFileSync(path.join(repo, "packages/kit/tsconfig.json"), JSON.stringify({ include: ["src"] }));
    git(repo, ["add", "packages/kit/tsconfig.json"]);
    git(repo, ["-c", "user.name=Ada", "-c", "user.email=ada@x.test", "commit", "-q", "-m", "kit's own tsconfig"]);
    git(repo, ["sparse-checkout", "set", "--no-cone", "/*", "!/packages/kit/"]);
    expect(existsSync(path.join(repo, "packages/kit/tsconfig.json"))).toBe(false);
    expect(existsSync(path.join(repo, "packages/kit/src/index.ts"))).toBe(false);
    const out = tempDir();
    const r = await runCli(["analyze", repo, "--include", "packages/api/**", "--out", out, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const analysis = JSON.parse(readFileSync(path.join(out, "analysis.json"), "utf8")) as {
      isolated: string[];
      services: unknown[];
    };
    // the API analysed as before: its three files, isolated (nothing ties them to each other)
    expect(analysis.isolated).toEqual([
      "packages/api/src/invoices.ts",
      "packages/api/src/orders.ts",
      "packages/api/src/users.ts",
    ]);
    expect(analysis.services).toEqual([]);
  });
});

/** A tsconfig that includes `src/` alone. */
const SRC_TSCONFIG = JSON.stringify({ compilerOptions: { strict: true }, include: ["src"] });

describe("files no tsconfig includes", () => {
  it("are left out of a scope with a warning naming them", async () => {
    // linkwarden: packages/ of its own with no tsconfig, beside an app whose tsconfig includes src/ alone
    const files: Record<string, string> = {
      "tsconfig.json": SRC_TSCONFIG,
      "src/orders.ts": 'import { read } from "../packages/fs/read";\nexport const orders = read("orders");\n',
      "src/invoices.ts": 'import { read } from "../packages/fs/read";\nexport const invoices = read("invoices");\n',
      "packages/fs/read.ts": "export const read = (name: string) => name;\n",
    };
    const repo = oneCommitRepo(files);
    const r = await runCli(["analyze", repo, "--include", "src/**", "--include", "packages/**", "--out", tempDir()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      "warning: 1 TypeScript file in scope belongs to no tsconfig and is left out (packages/fs/read.ts): " +
        "a tsconfig that includes them, or --tsconfig, takes them in",
    );
    expect(r.stderr).toContain('include glob "packages/**" matches no TypeScript file a tsconfig includes');
  });
});

describe("a folder of a repository analysed on its own", () => {
  it("says, when it has no tsconfig, how to analyse it with the repository's", async () => {
    // umami run from src/ with `.`: the tsconfig (and its path aliases) is the repository root's
    const files: Record<string, string> = {
      "tsconfig.json": SRC_TSCONFIG,
      "src/orders.ts": "export const orders = 1;\n",
      "src/invoices.ts": 'import { orders } from "./orders";\nexport const invoices = orders;\n',
    };
    const repo = oneCommitRepo(files);
    const r = await runCli(["analyze", path.join(repo, "src"), "--out", tempDir()]);
    expect(r.code, r.stderr).toBe(0);
    const top = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: repo, encoding: "utf8" }).trim();
    expect(r.stderr).toContain(
      `no tsconfig.json found; analysing every .ts file with TypeScript's default options (it is the folder src ` +
        `of the repository ${top}: \`faultline analyze ${top} --include 'src/**'\` reads its tsconfigs)`,
    );
  });
});
