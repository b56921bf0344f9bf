// `npm run demo`: builds the demo monolith into a temporary git repository and runs faultline on it.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildDemoRepo } from "./demo-repo.mjs";

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../bin/faultline.js");
const dir = path.join(mkdtempSync(path.join(tmpdir(), "faultline-demo-")), "demo-shop");
await buildDemoRepo(dir);
console.log(`demo monolith built at ${dir} (a real git repository)\n`);
const r = spawnSync(process.execPath, [bin, "analyze", dir], { stdio: "inherit" });
process.exit(r.status ?? 1);
