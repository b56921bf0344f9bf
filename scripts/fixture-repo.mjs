// Builds real git repositories from small commit scripts, for tests and the demo.
// Plain JavaScript so that both vitest and `npm run demo` (plain node) can load it.
// Commits are written with `git fast-import`: one process, exact authors and dates,
// merges, byte-identical repositories (same shas) for the same script.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * @typedef {object} CommitStep
 * @property {string} author   "Name <email>"
 * @property {string} date     ISO date
 * @property {string} [message]
 * @property {string[]} [touch]   paths whose content changes (final content on their last touch)
 * @property {Record<string,string>} [write]  explicit contents
 * @property {[string,string][]} [rename]     [from, to]: content moves, slightly edited
 * @property {string[]} [remove]
 * @property {string} [branch]  the commit goes on this branch (forked from main's tip on first use)
 * @property {string} [merge]   merge this branch into main (its changes since the fork come along)
 *
 * @typedef {object} RepoScript
 * @property {Record<string,string>} files  the tree at HEAD (path -> content)
 * @property {CommitStep[]} commits
 */

/** Writes files below dir (no git). */
export function writeTree(dir, files) {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export function git(dir, args, input) {
  const r = spawnSync("git", args, {
    cwd: dir,
    input,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

const quotePath = (p) =>
  '"' + p.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t") + '"';

const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;

function person(author, date) {
  const m = /^(.*?)\s*<([^>]*)>$/.exec(author);
  if (!m) throw new Error(`author must be "Name <email>": ${author}`);
  const seconds = Math.floor(new Date(date).getTime() / 1000);
  if (!Number.isFinite(seconds)) throw new Error(`bad date: ${date}`);
  return `${m[1]} <${m[2]}> ${seconds} +0000`;
}

/**
 * Builds the repository described by `script` in `dir` (created if needed) and checks out main.
 * @param {string} dir
 * @param {RepoScript} script
 */
export function buildRepo(dir, script) {
  const { files, commits } = script;
  mkdirSync(dir, { recursive: true });
  git(dir, ["init", "-q", "-b", "main"]);

  // A path renamed later starts from its final descendant's content, so git sees a rename.
  const descendant = new Map();
  for (const step of commits) for (const [from, to] of step.rename ?? []) descendant.set(from, to);
  const finalName = (p) => {
    const seen = new Set();
    while (descendant.has(p) && !seen.has(p)) {
      seen.add(p);
      p = descendant.get(p);
    }
    return p;
  };
  const baseContent = (p) => {
    const f = finalName(p);
    return files[f] ?? `// ${p}\nexport const placeholder = ${JSON.stringify(p)};\n`;
  };
  const lastTouch = new Map();
  commits.forEach((step, i) => {
    for (const p of step.touch ?? []) lastTouch.set(p, i);
    for (const p of Object.keys(step.write ?? {})) lastTouch.set(p, i);
    for (const [, to] of step.rename ?? []) lastTouch.set(to, i);
  });
  const contentAt = (p, i) => (lastTouch.get(p) === i && p in files ? files[p] : `${baseContent(p)}// rev ${i}\n`);

  /** @type {Map<string, {tree: Map<string,string>, mark: number, changed: Set<string>}>} */
  const branches = new Map([["main", { tree: new Map(), mark: 0, changed: new Set() }]]);
  let out = "";
  let mark = 0;

  // Files of the final tree that no step mentions are added by the first commit.
  const mentioned = new Set([...lastTouch.keys()]);
  for (const step of commits) for (const [from] of step.rename ?? []) mentioned.add(from);
  const untouched = Object.keys(files).filter((p) => !mentioned.has(p));

  commits.forEach((step, i) => {
    const name = step.branch ?? "main";
    let br = branches.get(name);
    const main = branches.get("main");
    if (!br) {
      br = { tree: new Map(main.tree), mark: main.mark, changed: new Set() };
      branches.set(name, br);
    }
    const ops = [];
    const set = (p, content) => {
      br.tree.set(p, content);
      br.changed.add(p);
      ops.push(`M 100644 inline ${quotePath(p)}\n${data(content)}`);
    };
    const del = (p) => {
      br.tree.delete(p);
      br.changed.add(p);
      ops.push(`D ${quotePath(p)}\n`);
    };

    let mergeFrom = "";
    if (step.merge) {
      const other = branches.get(step.merge);
      if (!other) throw new Error(`merge of unknown branch ${step.merge}`);
      mergeFrom = `merge :${other.mark}\n`;
      for (const p of [...other.changed].sort()) {
        if (other.tree.has(p)) set(p, other.tree.get(p));
        else if (br.tree.has(p)) del(p);
      }
    }
    if (i === 0) for (const p of untouched) set(p, files[p]);
    for (const [from, to] of step.rename ?? []) {
      const prev = br.tree.get(from) ?? baseContent(from);
      if (br.tree.has(from)) del(from);
      set(to, lastTouch.get(to) === i && to in files ? files[to] : `${prev}// moved in ${i}\n`);
    }
    for (const p of step.touch ?? []) set(p, contentAt(p, i));
    for (const [p, content] of Object.entries(step.write ?? {})) set(p, content);
    for (const p of step.remove ?? []) del(p);

    mark += 1;
    const who = person(step.author, step.date);
    out += `commit refs/heads/${name}\nmark :${mark}\nauthor ${who}\ncommitter ${who}\n`;
    out += data(step.message ?? `commit ${i}`);
    if (br.mark) out += `from :${br.mark}\n`;
    out += mergeFrom;
    out += ops.join("");
    out += "\n";
    br.mark = mark;
  });

  git(dir, ["fast-import", "--quiet", "--done"], out + "done\n");
  git(dir, ["reset", "-q", "--hard", "main"]);
  return dir;
}
