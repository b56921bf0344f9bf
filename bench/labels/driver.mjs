// The driver every label script shares: list the repository's files, label each in scope by the
// script's `moduleOf`, and write <name>.{contexts,modules}.json next to this file, keys and lists sorted.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import picomatch from "picomatch";

/**
 * `contexts`: one line per context, `context: module module ...`; `moduleOf(file)`: the file's module,
 * or null for an unlabelled file. Prints a summary on stderr.
 */
export function writeLabels({ name, repo, scope, exclude, contexts, moduleOf }) {
  const [inScope, excluded] = [picomatch(scope), picomatch(exclude)];
  const listed = execFileSync("git", ["-C", repo, "ls-files", "-z"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const files = listed.split("\0").filter((f) => inScope(f) && !excluded(f));
  const contextOf = contextsOf(contexts);
  const out = { contexts: {}, modules: {} };
  for (const f of files) {
    const m = moduleOf(f);
    if (!m) continue;
    if (!contextOf[m]) throw new Error(`module ${m} has no context`);
    (out.modules[m] ??= []).push(f);
    (out.contexts[contextOf[m]] ??= []).push(f);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  for (const [kind, groups] of Object.entries(out)) {
    const keys = Object.keys(groups).sort();
    const json = Object.fromEntries(keys.map((k) => [k, groups[k].sort()]));
    writeFileSync(join(here, `${name}.${kind}.json`), JSON.stringify(json, null, 2) + "\n");
  }
  const n = Object.values(out.modules).flat().length;
  const [nc, nm] = [Object.keys(out.contexts).length, Object.keys(out.modules).length];
  console.error(
    `contexts: ${n} files in ${nc} domains; modules: ${n} files in ${nm} domains; ` +
      `${files.length - n} files in scope unlabelled (of ${files.length})`,
  );
}

/** Per module, its context, from the `context: module module ...` lines. */
export function contextsOf(contexts) {
  const contextOf = {};
  for (const [, ctx, mods] of contexts.matchAll(/^(\S+): (.+)$/gm)) for (const m of mods.split(" ")) contextOf[m] = ctx;
  return contextOf;
}

/** Table rows split on whitespace, from a template literal of the label scripts; "# ..." is a comment. */
export function rows(text) {
  const lines = text.split("\n").map((l) => l.replace(/(^|\s)#.*$/, "").trim());
  return lines.filter(Boolean).map((l) => l.split(/\s+/));
}

/**
 * `moduleOf` of a layered back end: a hand override first (`[match, module]`); a file outside the layers where
 * business nouns live is unlabelled; else the module of the first noun rule (`[module, regexp]`, tested on
 * `-subject-`) that one of the file's subjects, tried in turn, matches.
 */
export function layeredModuleOf({ overrides, layers, rules, subjects }) {
  return (f) => {
    const override = overrides.find(([match]) => match(f));
    if (override) return override[1];
    if (!layers.some((match) => match(f))) return null;
    for (const s of subjects(f)) {
      const hit = rules.find(([, re]) => re.test(`-${s}-`));
      if (hit) return hit[0];
    }
    return null;
  };
}

/** Noun rules from rows of "module spellings...": each module with a regex its kebab-case subjects match. */
export function nounRules(text) {
  return rows(text).map(([mod, ...alts]) => [mod, new RegExp(`-(?:${alts.join("|")})-`)]);
}

const words = (s) => s.replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2").replace(/([a-z0-9])([A-Z])/g, "$1-$2");
const kebab = (s) => words(s).toLowerCase().replace(/[._]/g, "-");

/**
 * A file's subjects below `root`, tried in turn, kebab-case: its own name, then its enclosing folders from the
 * inside out (unleash's features/feature-lifecycle/get-current-stage.ts falls back to feature-lifecycle).
 */
export function subjectsBelow(root) {
  return (f) => {
    const parts = f.slice(root.length + 1).split("/");
    return [basename(f).replace(/\.tsx?$/, ""), ...parts.slice(0, -1).reverse()].map(kebab);
  };
}
