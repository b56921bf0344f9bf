// `npm run readme:examples`: runs every command example of README.md, as written, in the demo
// monolith (the git repository `npm run demo` builds), and fails when one does not exit as the
// README says.
//
// An example block is a fenced ```sh or ```bash block whose every command starts with
// `faultline `; blocks with other commands (npm ci, npm test) are left to CI itself. A command
// may go on over lines ending in `\`. It must exit 0, unless its line ends in a comment
// `# exits N`: then it must exit N. The blocks run in the order of the README, one command
// after the other, from the demo repository's folder, with `faultline` replaced by
// `node <this checkout>/bin/faultline.js`, through bash (so `>` and quotes work as in a shell).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildDemoRepo } from "./demo-repo.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const README = path.join(ROOT, "README.md");
const BIN = path.join(ROOT, "bin/faultline.js");
const PROGRAM = "faultline";
const EXPECTED_EXIT = /#\s*exits\s+(\d+)\b/;
const TIMEOUT_MS = 180_000;

/** Every fenced block of a Markdown text: its language, its lines and the line number of its first line. */
function fencedBlocks(text) {
  const blocks = [];
  let open;
  text.split("\n").forEach((line, i) => {
    if (!open) {
      const m = /^(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
      if (m) open = { fence: m[1], lang: m[2].toLowerCase(), start: i + 2, lines: [] };
      return;
    }
    const close = new RegExp(`^${open.fence[0] === "`" ? "`" : "~"}{${open.fence.length},}\\s*$`);
    if (close.test(line)) {
      blocks.push(open);
      open = undefined;
    } else open.lines.push(line);
  });
  return blocks;
}

/** The commands of a block: continuation lines joined, blank and comment-only lines dropped. */
function commandsOf(block) {
  const out = [];
  let pending;
  block.lines.forEach((line, k) => {
    const text = pending ? `${pending.text}\n${line}` : line;
    const at = pending ? pending.line : block.start + k;
    if (/\\\s*$/.test(line)) {
      pending = { text, line: at };
      return;
    }
    pending = undefined;
    if (text.trim() === "" || text.trim().startsWith("#")) return;
    const expected = EXPECTED_EXIT.exec(text);
    out.push({ text: text.trim(), line: at, expect: expected ? Number(expected[1]) : 0 });
  });
  return out;
}

/** The README's examples: the commands of the sh/bash blocks made only of faultline commands. */
function readmeExamples(text) {
  return fencedBlocks(text)
    .filter((b) => b.lang === "sh" || b.lang === "bash")
    .map(commandsOf)
    .filter((cmds) => cmds.length > 0 && cmds.every((c) => c.text.startsWith(`${PROGRAM} `)))
    .flat();
}

function run(command, cwd) {
  const line = `"${process.execPath}" "${BIN}"${command.text.slice(PROGRAM.length)}`;
  const env = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  const t0 = Date.now();
  const r = spawnSync("bash", ["-o", "pipefail", "-c", line], {
    cwd,
    env,
    encoding: "utf8",
    timeout: TIMEOUT_MS,
    maxBuffer: 1 << 28,
  });
  return { code: r.status ?? -1, signal: r.signal, stderr: r.stderr ?? "", seconds: (Date.now() - t0) / 1000 };
}

async function main() {
  if (!existsSync(path.join(ROOT, "dist/cli/main.js"))) {
    console.error("readme-examples: dist/ is not built: run npm run build first");
    return 2;
  }
  const examples = readmeExamples(readFileSync(README, "utf8"));
  if (examples.length === 0) {
    console.error("readme-examples: README.md has no faultline examples (```sh blocks of faultline commands)");
    return 1;
  }
  const tmp = mkdtempSync(path.join(tmpdir(), "faultline-readme-"));
  const cleanUp = () => rmSync(tmp, { recursive: true, force: true });
  const onSignal = (signal) => {
    cleanUp();
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const repo = path.join(tmp, "demo-shop");
    await buildDemoRepo(repo);
    console.log(`README.md: ${examples.length} commands, run in the demo repository\n`);
    const failures = [];
    for (const c of examples) {
      const r = run(c, repo);
      const ok = r.code === c.expect;
      const shown = c.text.replace(/\s*\\\n\s*/g, " ");
      console.log(`${ok ? "ok  " : "FAIL"} exit ${r.code} (${r.seconds.toFixed(1)} s)  README.md:${c.line}  ${shown}`);
      if (!ok) {
        const why = r.signal ? `killed by ${r.signal}` : `exit ${r.code}, the README says ${c.expect}`;
        const stderr = r.stderr.trim() ? r.stderr.trim().split("\n").slice(-15).join("\n") : "(empty)";
        console.log(`     ${why}; stderr:\n${stderr.replace(/^/gm, "       ")}`);
        failures.push(`README.md:${c.line}: ${shown}: ${why}`);
      }
    }
    console.log("");
    if (failures.length) {
      console.log(`${failures.length} of ${examples.length} README commands failed:\n${failures.join("\n")}`);
      return 1;
    }
    console.log(`all ${examples.length} README commands exit as the README says`);
    return 0;
  } finally {
    cleanUp();
  }
}

process.exitCode = await main();
