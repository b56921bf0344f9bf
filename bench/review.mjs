// `npm run bench -- review --set NAME | --all [-- analyze flags]`: what an architect reading the
// report of a labelled back end would check first, against its fine labels (bench/labels/):
// - services: how many, and how many under ten files (too fine a cut);
// - layer-shaped: a service most of whose files sit in one folder whose labelled files spread over
//   four modules or more, none on 40% of them (one file per domain: a layer), and a module that
//   holds such a folder spread at all;
// - entities in the kernel (who owns them is the hardest question of an extraction);
// - names: a service named after one of its main labelled modules (one a quarter of its labelled files
//   carry: the same words, or one's words holding the other's), of the services that have a main label.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BenchError, FAULTLINE_BIN, makeTempDir, parseArgs, printTable } from "./lib.mjs";

export const usage =
  "review --set NAME | --all [-- analyze flags]: service count, layer-shaped services and modules, entities in " +
  "the kernel and service names, against a labelled set's fine labels";

const LABELS = path.join(path.dirname(fileURLToPath(import.meta.url)), "labels");
/** A folder spread over this many labelled modules, none on LAYER_TOP of its labelled files, is a layer. */
const LAYER_DOMAINS = 4;
const LAYER_TOP = 0.4;
/** Fewer files than this: no team's service. */
const SMALL_SERVICE = 10;

/** Files per label among `files`, and how many of them carry one. */
function labelCounts(files, labels) {
  const counts = new Map();
  let labelled = 0;
  for (const f of files)
    if (labels.has(f)) {
      counts.set(labels.get(f), (counts.get(labels.get(f)) ?? 0) + 1);
      labelled++;
    }
  return { counts, labelled };
}

/** The folders of `files` whose labelled files spread like a layer: [folder, files in it, modules]. */
function layerFolders(files, fine) {
  const byFolder = new Map();
  for (const f of files) {
    const dir = path.posix.dirname(f);
    if (!byFolder.has(dir)) byFolder.set(dir, []);
    byFolder.get(dir).push(f);
  }
  const out = [];
  for (const [dir, inDir] of byFolder) {
    const { counts, labelled } = labelCounts(inDir, fine);
    const top = Math.max(0, ...counts.values());
    if (counts.size >= LAYER_DOMAINS && top < LAYER_TOP * labelled) out.push([dir, inDir.length, counts.size]);
  }
  return out;
}

/** The labels at least a quarter of the labelled ones among `files` carry (none when none is labelled). */
function mainLabels(files, labels) {
  const { counts, labelled } = labelCounts(files, labels);
  return [...counts].filter(([, n]) => n * 4 >= labelled).map(([label]) => label);
}

/** A name's words, plurals made singular (`categories`, `settings`). */
const words = (name) =>
  name
    .split("-")
    .map((w) => (w.endsWith("ies") ? `${w.slice(0, -3)}y` : w.length > 3 && w.endsWith("s") ? w.slice(0, -1) : w));

/** Whether a service name says one of its main labels: the same words, or one's words holding the other's. */
function namedAfter(name, labels) {
  const a = words(name);
  return labels.some((label) => {
    const b = words(label);
    return a.every((w) => b.includes(w)) || b.every((w) => a.includes(w));
  });
}

function readLabels(file) {
  const out = new Map();
  for (const [domain, files] of Object.entries(JSON.parse(fs.readFileSync(file, "utf8"))))
    for (const f of files) out.set(f, domain);
  return out;
}

function reviewOne(name, repo, flags) {
  const { dir, cleanup } = makeTempDir();
  let analysis;
  try {
    const r = spawnSync(process.execPath, [FAULTLINE_BIN, "analyze", repo, "--out", dir, "--quiet", ...flags], {
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    if (r.status !== 0) {
      const why = r.error?.message ?? (r.stderr ?? "").trim().split("\n").pop();
      throw new BenchError(`faultline analyze failed on ${name}: ${why}`);
    }
    analysis = JSON.parse(fs.readFileSync(path.join(dir, "analysis.json"), "utf8"));
  } finally {
    cleanup();
  }
  const fine = readLabels(path.join(LABELS, `${name}.modules.json`));
  const small = analysis.services.filter((s) => s.files.length < SMALL_SERVICE);
  const layered = { services: [], modules: [] };
  for (const s of analysis.services) {
    for (const [folder, count, spread] of layerFolders(s.files, fine))
      if (count * 2 > s.files.length) layered.services.push(`${s.id}: ${folder}/ (${count} files, ${spread} modules)`);
    for (const m of s.modules)
      for (const [folder, count, spread] of layerFolders(m.files, fine))
        layered.modules.push(`${s.id}/${m.name}: ${folder}/ (${count} files, ${spread} modules)`);
  }
  const kernel = new Set(analysis.kernel.files.map((k) => k.path));
  const entitiesInKernel = (analysis.data?.entities ?? []).filter((e) => kernel.has(e.file)).map((e) => e.name);
  // a service with no main label (no labelled file, or none a quarter of them carry) is left out of the count
  const labelled = analysis.services.map((s) => [s.name, mainLabels(s.files, fine)]).filter(([, l]) => l.length);
  const misnamed = labelled.filter(([n, labels]) => !namedAfter(n, labels));
  console.log(`${name}: ${analysis.services.length} services, ${small.length} under ${SMALL_SERVICE} files`);
  for (const line of layered.services) console.log(`  layer-shaped service ${line}`);
  for (const line of layered.modules) console.log(`  layer-shaped module ${line}`);
  if (entitiesInKernel.length) console.log(`  entities in the kernel: ${entitiesInKernel.join(", ")}`);
  for (const [n, labels] of misnamed) console.log(`  named ${n}, its main labels ${labels.join(", ")}`);
  console.log("");
  return {
    name,
    services: analysis.services.length,
    small: small.length,
    layeredServices: layered.services.length,
    layeredModules: layered.modules.length,
    kernelEntities: entitiesInKernel.length,
    named: labelled.length - misnamed.length,
    labelled: labelled.length,
  };
}

export async function main(argv) {
  const cut = argv.includes("--") ? argv.indexOf("--") : argv.length;
  const { positionals, flags } = parseArgs(argv.slice(0, cut), { values: ["set"], booleans: ["all"] });
  if (positionals.length) throw new BenchError(`review takes no ${positionals[0]} (usage: ${usage})`);
  const extra = argv.slice(cut + 1);
  const sets = JSON.parse(fs.readFileSync(path.join(LABELS, "sets.json"), "utf8"));
  const names = flags.all ? Object.keys(sets) : flags.set ? [flags.set] : [];
  if (names.length === 0) throw new BenchError(`usage: ${usage}`);
  const rows = [["set", "services", `under ${SMALL_SERVICE} files`, "layer-shaped", "entities in kernel", "named"]];
  for (const name of names) {
    const set = sets[name];
    if (!set) throw new BenchError(`no label set ${name} (bench/labels/sets.json: ${Object.keys(sets).join(", ")})`);
    if (!fs.existsSync(set.repo)) {
      console.log(`${name}: skipped, ${set.repo} is not there (fetch and clone it first)\n`);
      continue;
    }
    const r = reviewOne(name, set.repo, [...set.flags, ...extra]);
    const layers = `${r.layeredServices} services, ${r.layeredModules} modules`;
    rows.push([r.name, r.services, r.small, layers, r.kernelEntities, `${r.named} of ${r.labelled}`].map(String));
  }
  printTable(rows);
  return 0;
}
