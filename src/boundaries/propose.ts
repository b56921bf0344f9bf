import picomatch from "picomatch";
import path from "node:path";
import type { CouplingGraph } from "../coupling/types.js";
import type { ImportGraph } from "../graph/types.js";
import { UserError } from "../util/errors.js";
import { commonFolder, foldersOf } from "../util/paths.js";
import { getOrInsert } from "../util/maps.js";
import { plural } from "../util/plural.js";
import { byString } from "../util/order.js";
import { confidenceOf, consensusPartition } from "./consensus.js";
import {
  adjacencyOf,
  entitiesToWriters,
  entityAtHome,
  findHubs,
  isDomainHub,
  namesakeModule,
  ownerOf,
  sharedInfrastructure,
  soleServiceImporters,
  type DomainHints,
  utilityClusters,
} from "./hubs.js";
import { namedForNounAlone, namesDomainWord, ownNounOf } from "../coupling/names.js";
import { toGraphology } from "./louvain.js";
import { nameByNouns, nameServices, uniqueIds } from "./naming.js";
import { dissolveLayers, layerPlumbing, placeLayerLeaves } from "./layers.js";
import {
  featureFolders,
  folderStrays,
  keepUnitsTogether,
  mergeTiny,
  placeFanOutHubs,
  scatterTiny,
  strandedFiles,
  subProjects,
  unitName,
  unitsOf,
} from "./placement.js";
import { chooseResolution } from "./resolution.js";
import { groupModules } from "./services.js";
import { platformFiles, type PlatformPackage } from "../tiers/platform.js";
import { whyNoneMatched, type TierView } from "../tiers/chosen.js";

export type { DomainHints } from "./hubs.js";

export interface Overrides {
  /** service name -> globs of files pinned to it */
  pin?: Record<string, string[]>;
  /** globs of files forced into the shared kernel */
  kernel?: string[];
  /** generated name -> the name the team uses */
  rename?: Record<string, string>;
  /** the file they come from, for messages (faultline.config.json or --config FILE) */
  source?: string;
}

export interface BoundaryOptions {
  seed: number;
  /** seeds per consensus (>= 10) */
  runs: number;
  /** the module level's granularity (services group modules) */
  resolution: number | "auto";
  /** smaller clusters merge into their strongest neighbour */
  minServiceSize: number;
  overrides?: Overrides;
  /** workspace packages the others build on: their files are the kernel's */
  platform?: PlatformPackage[];
  /** every workspace package's folder: a package most of which one module holds brings its strays there */
  packages?: string[];
  /** files that run in a browser: no process starts there, so none of them is start-up code */
  clientFiles?: string[];
  /** every file's tier: an override glob that matches files of another tier alone says so */
  tiers?: TierView;
}

export interface ProposedModule {
  id: string;
  name: string;
  /** indexes into the coupling graph's files, ascending */
  members: number[];
}

export interface ProposedService {
  id: string;
  name: string;
  /** indexes into the coupling graph's files, ascending */
  members: number[];
  stability: number;
  modules: ProposedModule[];
}

export interface Proposal {
  services: ProposedService[];
  /** per coupling-graph node: index into services, -1 for kernel or isolated */
  assignment: Int32Array;
  confidence: Float64Array;
  kernel: { file: number; why: string }[];
  /**
   * files a rule placed rather than the clustering, each with the rule: a domain file with its owner,
   * a layer's member with its domain, a fan-out hub, a unit's file with its unit, ...
   */
  placed: { file: number; why: string }[];
  /** files with no coupling at all: nothing to place them by */
  isolated: number[];
  resolution: number;
  resolutionRule: string;
  /** how modules were grouped into services */
  serviceRule: string;
}

/**
 * Candidate services and their modules from the coupling graph. Modules: seeded Louvain
 * consensus at the resolution the `auto` rule picks, with the hubs that most modules import
 * taken out; infrastructure hubs form the shared kernel, domain hubs (entities, files named for
 * a business noun) go to the module that owns them; layer-shaped clusters dissolve into the
 * domains their members name, and what a layer folder then holds naming no domain is the kernel's;
 * fan-out hubs go where their strongest tie is; tiny clusters join
 * their neighbour. Services: the modules grouped by their business ties
 * (services.ts). Team overrides apply last; every service and module is named from its files.
 */
export function proposeBoundaries(
  cg: CouplingGraph,
  imports: ImportGraph,
  hints: DomainHints,
  opts: BoundaryOptions,
): Proposal {
  const n = cg.files.length;
  const degree = new Float64Array(n);
  for (const e of cg.edges) {
    degree[e.a] += e.weight;
    degree[e.b] += e.weight;
  }
  checkOverrideGlobs(cg.files, opts.overrides, opts.tiers);
  const forcedKernel = opts.overrides?.kernel?.length ? picomatch(opts.overrides.kernel) : () => false;
  const pins = Object.entries(opts.overrides?.pin ?? {}).map(([name, globs]) => ({ name, match: picomatch(globs) }));
  const pinOf = (f: string) => pins.find((p) => p.match(f))?.name;
  const platform = platformFiles(cg.files, opts.platform ?? []);

  const active = new Uint8Array(n);
  let isolated: number[] = [];
  let kernel: { file: number; why: string }[] = [];
  /** kernel files no later rule moves: forced, the platform, the entry point and the glue it imports */
  const kernelFixed = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (forcedKernel(cg.files[i])) kernel.push({ file: i, why: "forced into the kernel by faultline.config.json" });
    else if (platform.has(i) && !pinOf(cg.files[i])) kernel.push({ file: i, why: platform.get(i)! });
    else if (degree[i] === 0 && !pinOf(cg.files[i])) isolated.push(i);
    else active[i] = 1;
  }
  for (const k of kernel) kernelFixed.add(k.file);

  let g = toGraphology(cg, active);
  let { resolution, rule, runs } = chooseResolution(g, n, opts, active);
  let consensus = consensusPartition(g, n, resolution, opts.seed, opts.runs, runs);

  // Hubs: files that the other clusters import from nearly everywhere. They are found on the
  // clustered graph (fan-in across clusters, not raw in-degree) and taken out, and the rest is
  // clustered again without their glue. Infrastructure hubs are the shared kernel; domain hubs
  // come back, each to the module that owns it.
  const hubs = findHubs(consensus.labels, imports, cg, opts.minServiceSize);
  const domainHubs: number[] = [];
  if (hubs.length) {
    for (const h of hubs) {
      active[h.file] = 0;
      if (isDomainHub(h.file, hints, cg.files[h.file])) domainHubs.push(h.file);
      else kernel.push({ file: h.file, why: `imported by ${h.importers} of the ${h.others} other modules` });
    }
    g = toGraphology(cg, active);
    // The granularity is chosen again for the graph that is clustered, since without its hubs a
    // resolution can merge what they kept apart; but only among resolutions at least as fine:
    // taking glue out never calls for bigger clusters.
    ({ resolution, rule, runs } = chooseResolution(g, n, opts, active, resolution));
    consensus = consensusPartition(g, n, resolution, opts.seed, opts.runs, runs);
  }

  // clusters shaped like a layer (a folder of tasks, each serving another domain) go to their domains
  const layers = dissolveLayers(consensus.labels, cg, hints.nouns, active);
  // what a dissolved layer folder leaves when its files naming a domain have gone to theirs is its plumbing
  const plumbing: number[] = [];
  const namesNoun = (i: number) => hints.nouns[i] !== undefined || hints.entityFiles.has(i);
  const isPinned = (i: number) => pinOf(cg.files[i]) !== undefined;
  for (const p of layerPlumbing(layers.labels, layers.dissolved, cg.files, active, {
    namesDomain: namesNoun,
    pinned: isPinned,
  }))
    for (const i of p.files) {
      active[i] = 0;
      layers.labels[i] = -1;
      plumbing.push(i);
      kernel.push({
        file: i,
        why: `plumbing of the layer ${p.layer}: left there when the files named for a domain noun went to theirs`,
      });
    }
  let labels = mergeTiny(layers.labels, cg, opts.minServiceSize, active);
  const adjacency = adjacencyOf(cg);
  // per file a rule placed rather than the clustering, the last such rule
  const placed = new Map<number, string>();
  for (const d of layers.dissolved)
    for (const file of d.moved)
      placed.set(file, `a member of the layer ${d.layer}, with the domain it names or is tied to most`);
  recordMoves(placed, layers.labels, labels, "its cluster was too small to stand: with the module its ties pull most");
  for (const h of domainHubs) {
    const owner = ownerOf(h, labels, cg, hints, adjacency);
    if (!owner) {
      kernel.push({ file: h, why: "a domain file with no ties to place it by" });
      continue;
    }
    labels[h] = owner.label;
    placed.set(h, owner.why);
  }
  const domainHubSet = new Set(domainHubs);
  const pinned = (i: number) => pinOf(cg.files[i]) !== undefined || domainHubSet.has(i);
  // a fan-out hub whose own file name says no business noun and that reaches a third of all
  // modules or more is framework glue (`app.module.ts` importing every module, `main.ts`): the
  // kernel's, whatever folder it sits in. One reaching fewer serves a few domains and goes to its
  // strongest tie.
  const moduleCount = new Set(labels.filter((l) => l >= 0)).size;
  const isGlue = (i: number, reached: number) =>
    !hints.entityFiles.has(i) && (!ownNounOf(cg.files[i]) || hints.productNamed.has(i)) && reached * 3 >= moduleCount;
  // an entity with the files named for it stays, whatever its associations import
  const home = (i: number) => entityAtHome(i, labels, hints);
  // a hub named for its noun alone (`order.service.ts`, not `CommentCreatedNotificationsTask.ts`) goes
  // with the files named for it
  const namesake = (i: number) =>
    namedForNounAlone(cg.files[i], hints.nouns[i]) ? namesakeModule(i, labels, hints) : undefined;
  const fanOut = placeFanOutHubs(labels, cg, imports, (i) => pinned(i) || home(i), isGlue, namesake);
  const { glue, tiedTo } = fanOut;
  // the reason names its tie once every file is placed (the tie may move on)
  const hubTie = new Map<number, number>();
  const placeHub = (i: number, tie: number | undefined, byName: boolean) => {
    if (byName || tie === undefined) hubTie.delete(i);
    else hubTie.set(i, tie);
    placed.set(i, byName ? `${FAN_OUT_HUB}, with the files named for its noun` : FAN_OUT_HUB);
  };
  for (const i of fanOut.moved) placeHub(i, tiedTo.get(i), fanOut.byName.has(i));
  // the glue the entry point imports (`app.module.ts`, the root of the app) stays in the kernel; a
  // feature's own module that wires many others (`ai.module.ts`) may rejoin its unit below
  const links = importLinks(cg.files, imports);
  const features = featureFolders(cg.files);
  const feature = new Set([...unitsOf(cg.files).flat(), ...inFolders(cg.files, features)]);
  // what says a file serves a domain, from the strictest: an entity or a domain word (an entity's, or one four
  // files carry: `orderExport.ts`); or a unit or feature folder it is part of; or a business noun its name carries
  const saysDomainWord = (i: number) =>
    hints.entityFiles.has(i) || namesDomainWord(cg.files[i], hints.domainWords, hints.entityNames);
  const saysDomain = (i: number) => saysDomainWord(i) || feature.has(i);
  const namesDomain = (i: number) => saysDomain(i) || hints.nouns[i] !== undefined;
  // a root file's noun alone says no domain, nor does the stem it shares with another (growthbook's
  // `tracing.datadog.ts` and `tracing.opentelemetry.ts`); a domain word does
  const entries = entryPoints(cg.files, imports, saysDomainWord, hints.exportless ?? new Set());
  const rootGlue = new Set(entries.flatMap((i) => links.importees[i]));
  for (const g of glue) {
    active[g.file] = 0;
    kernel.push({ file: g.file, why: `framework glue: imports from ${g.clusters} modules and names no domain` });
    if (rootGlue.has(g.file)) kernelFixed.add(g.file);
  }
  // the process's entry point (`main.ts` that nothing imports) starts the whole monolith: glue too
  const processes: number[] = [];
  for (const i of entries) {
    if (!active[i] || labels[i] < 0 || pinned(i)) continue;
    processes.push(i);
    active[i] = 0;
    labels[i] = -1;
    kernel.push({ file: i, why: "framework glue: the process's entry point, which no file imports" });
    kernelFixed.add(i);
  }
  // the start-up the entry point loads (outline's main.ts, its process roles, the error handlers)
  // the glue mounts the features; the start-up runs the process and goes no further than the glue
  const glueSet = new Set(glue.map((g) => g.file));
  const client = new Set(opts.clientFiles ?? []);
  const endsStartUp = (i: number) => client.has(cg.files[i]) || glueSet.has(i) || pinned(i) || namesDomain(i);
  const started = processes.filter((i) => !client.has(cg.files[i]));
  const toStartUp = (i: number, why: string) => {
    if (!active[i] && labels[i] < 0) return;
    active[i] = 0;
    labels[i] = -1;
    kernel.push({ file: i, why: `start-up: ${why}, and it names no domain` });
    kernelFixed.add(i);
  };
  for (const i of startUp(started, links, endsStartUp)) toStartUp(i, "only the process's start-up code imports it");
  // a folder of start-up code (growthbook's `init/`: the database, the queue) is the process's, whoever imports it
  cg.files.forEach((f, i) => {
    if (START_UP_FOLDER.test(f) && !endsStartUp(i)) toStartUp(i, "it sits in a folder of start-up code");
  });
  // shared infrastructure (a base class, a validator, an e-mail layout): kernel, before the modules'
  // ties are summed into services, so that it ties no module to the others
  const shared: number[] = [];
  for (const h of sharedInfrastructure(labels, imports, cg, hints, pinned)) {
    if (!active[h.file]) continue;
    active[h.file] = 0;
    labels[h.file] = -1;
    shared.push(h.file);
    kernel.push({
      file: h.file,
      why: `shared infrastructure (its own name holds no domain word): imported by ${h.importers} other modules`,
    });
  }
  // a fan-out hub whose strongest tie was shared infrastructure (a task to its base class) is placed
  // again by the ties it has left
  const sharedSet = new Set(shared);
  const placedByShared = (i: number) => sharedSet.has(tiedTo.get(i) ?? -1);
  if (shared.length) {
    const again = placeFanOutHubs(
      labels,
      cg,
      imports,
      (i) => pinned(i) || !placedByShared(i),
      () => false,
      namesake,
    );
    // placed again, moved or not: its tie now is the one left (the first, when none is)
    for (const i of new Set([...again.moved, ...[...hubTie.keys()].filter(placedByShared)]))
      placeHub(i, again.tiedTo.get(i) ?? hubTie.get(i), again.byName.has(i));
  }
  // what the kernel took can leave a cluster too small to be a module: each of its files joins the
  // module its own ties pull most, and stays when it has none; the entities placed with their owners
  // count as neighbours
  const inPlay = Uint8Array.from(active, (a, i) => (a || domainHubSet.has(i) ? 1 : 0));
  const remerged = scatterTiny(labels, cg, opts.minServiceSize, inPlay);
  recordMoves(
    placed,
    labels,
    remerged,
    "left in a cluster too small to stand once the kernel took its neighbours: with the module its ties pull most",
  );
  labels = remerged.map((l, i) => (l < 0 ? labels[i] : l));
  // code a team keeps together (a unit, a feature folder, a workspace package) stays together
  labels = keepTogether(
    { labels, active, kernel, placed, domainHubs: domainHubSet },
    cg,
    opts,
    [...subProjects(cg.files, hints.typeFiles), ...features],
    (i) => kernelFixed.has(i) || pinOf(cg.files[i]) !== undefined,
    // the root glue (`app.module.ts`) holds the app shell's units in the kernel (`app.controller.ts`)
    new Set([...glueSet].filter((i) => !kernelFixed.has(i))),
  );
  // a module too small to stand and tied to no other module is infrastructure the kernel left
  const inModule = (i: number) => labels[i] >= 0 && (active[i] === 1 || domainHubSet.has(i));
  const kernelNow = new Set(kernel.map((k) => k.file));
  const stranded = strandedFiles(
    labels,
    cg,
    opts.minServiceSize,
    (f) => inModule(f) && !pinOf(cg.files[f]),
    (f) => kernelNow.has(f),
    namesDomain,
  );
  // a file of a module that the kernel takes after all, with the reason
  const intoKernel = (i: number, why: string) => {
    active[i] = 0;
    labels[i] = -1;
    domainHubSet.delete(i);
    placed.delete(i);
    kernel.push({ file: i, why });
  };
  for (const i of stranded) {
    intoKernel(i, "tied to no module: what is left of infrastructure the kernel took");
    kernelNow.add(i);
  }
  // files left alone after merging (no neighbour in any cluster) are isolated, unless every tie they have is to
  // the kernel: then they serve it (logto's env-set/create-pool.ts, which only the kernel's env-set/index.ts
  // imports), as does what only they and the kernel are tied to; an entity stays out
  const alone = new Set<number>();
  for (let i = 0; i < n; i++) if (active[i] && labels[i] < 0 && !domainHubSet.has(i)) alone.add(i);
  for (let grew = true; grew;) {
    grew = false;
    for (const i of alone) {
      const ties = adjacency[i];
      if (hints.entityFiles.has(i) || ties.length === 0 || !ties.every((t) => kernelNow.has(t.other))) continue;
      alone.delete(i);
      kernelNow.add(i);
      active[i] = 0;
      kernel.push({ file: i, why: "tied to the kernel's files alone: no file of a module imports or changes with it" });
      grew = true;
    }
  }
  isolated.push(...alone);

  // an entity its module never writes goes to the module that does most of the writing (domain hubs
  // were placed by their writers already)
  const settled = (i: number) => !inModule(i) || domainHubSet.has(i) || pinOf(cg.files[i]) !== undefined;
  for (const move of entitiesToWriters(labels, hints, settled)) {
    labels[move.file] = move.to;
    placed.set(move.file, `written by ${move.writers} files of this module, by none of its own`);
  }
  // a cluster of generic utilities (most of its files in util/, helpers/ or middleware/, most naming no domain)
  // is infrastructure: the kernel's, or the one service's that alone imports it
  // a domain here is an entity, a feature folder or a domain word: a noun two folders share says no more than
  // that the helpers come in pairs (outline's `middlewares/csrf.ts` beside `utils/csrf.ts`)
  const utilityFiles = utilityClusters(labels, cg.files, (i) => inModule(i) && !pinned(i), saysDomain);
  const utilityLabels = new Set(utilityFiles.map((i) => labels[i]));
  // a file of one named for a domain whose files are a module's (outline's `commands/documentCreator.ts` beside
  // the helpers it uses) is no utility: it goes with them (each target read before any file moves; another
  // cluster of utilities is none)
  const namesakes = utilityFiles.map((i) => (namesDomain(i) ? namesakeModule(i, labels, hints) : undefined));
  const utilities: number[] = [];
  utilityFiles.forEach((i, k) => {
    const namesake = namesakes[k];
    if (namesake === undefined || utilityLabels.has(namesake)) {
      utilities.push(i);
      intoKernel(i, "generic utilities: its cluster sits in a folder of utilities and names no domain");
    } else {
      labels[i] = namesake;
      placed.set(i, "named for a domain in a cluster of generic utilities: with the files named for it");
    }
  });
  // a cluster that became layer-shaped once the kernel and the hubs took their files (logto's `queries/`)
  const inModuleMask = Uint8Array.from(labels, (_, i) => (inModule(i) && !pinned(i) ? 1 : 0));
  const late = dissolveLayers(labels, cg, hints.nouns, inModuleMask);
  for (const d of late.dissolved) {
    for (const i of d.moved) {
      labels[i] = late.labels[i];
      placed.set(i, `layer-shaped cluster (${d.layer}) dissolved: to the module of its domain`);
    }
    const same = layers.dissolved.find((e) => e.layer === d.layer);
    if (same) same.moved.push(...d.moved);
    else layers.dissolved.push(d);
  }
  // a dissolved layer's members naming no domain noun (`WelcomeEmail.tsx`) follow their ties, now that the
  // kernel holds the layout components and the logger every member imports; the ones the folder imports stay
  const leafMask = Uint8Array.from(labels, (_, i) => (inModule(i) && !pinned(i) ? 1 : 0));
  const isLeaf = (i: number) => !namesNoun(i) && !importedBeside(i, cg.files, links);
  for (const leaves of placeLayerLeaves(labels, cg, layers.dissolved, isLeaf, leafMask)) {
    layers.dissolved.find((d) => d.layer === leaves.layer)?.moved.push(...leaves.moved);
    for (const i of leaves.moved)
      placed.set(i, "a member of a layer naming no domain noun: with the module it is tied to most");
  }

  // the private code of infrastructure (teable's `db-provider/`, which other code reaches only through the
  // kernel's `db.provider.ts`) is the kernel's with its facade; a facade is infrastructure the kernel took,
  // which names no domain (not glue, start-up or a forced file, through which every feature is reached)
  const facades = new Set(kernel.filter((k) => INFRASTRUCTURE_WHY.test(k.why)).map((k) => k.file));
  for (const part of privateInfrastructure(cg.files, links, importLinks(cg.files, imports, true), facades))
    for (const i of part.files) {
      if (!inModule(i) || pinned(i) || hints.entityFiles.has(i)) continue;
      const where = part.inFolder.has(i)
        ? `other code reaches ${part.folder}/ only through the kernel's files`
        : `only ${part.folder}/, which other code reaches through the kernel, imports it`;
      intoKernel(i, `private code of infrastructure: ${where}`);
    }
  // modules: the clusters, minus pinned files, which form modules of their own
  const clusters = new Map<number, number[]>();
  const pinnedTo = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    // a pinned file is its pin's, whatever the rules made of it (a hub, a file with no ties)
    const pin = pinOf(cg.files[i]);
    if (pin) getOrInsert(pinnedTo, pin, () => []).push(i);
    else if (labels[i] >= 0 && (active[i] || domainHubSet.has(i))) getOrInsert(clusters, labels[i], () => []).push(i);
  }
  kernel = kernel.filter((k) => !isPinned(k.file));
  isolated = isolated.filter((i) => !isPinned(i));
  const modules = [...clusters.values()].filter((m) => m.length > 0);
  // provisional names, before shared infrastructure goes back to the modules importing it
  const grouping = groupModules(modules, cg, {
    names: nameByNouns(modules, cg.files, hints.nouns, new Set(), hints.entityNames),
    ownsData: modules.map((m) => m.some((i) => hints.entityFiles.has(i))),
  });
  // shared infrastructure still in the kernel (a unit's majority may have taken some back)
  const kernelFiles = new Set(kernel.map((k) => k.file));
  const stillShared = [...shared, ...plumbing, ...utilities].filter((i) => kernelFiles.has(i));
  // the kernel holds what two services or more share: infrastructure that one service alone
  // imports goes back to it, to the module importing it most
  for (const [file, k] of soleServiceImporters(stillShared, modules, grouping.service, cg.files, imports)) {
    modules[k].push(file);
    placed.set(file, "infrastructure that only this service imports: with the module importing it most");
    kernel.splice(
      kernel.findIndex((x) => x.file === file),
      1,
    );
  }
  const groups = new Map<number, number[][]>();
  modules.forEach((m, k) => getOrInsert(groups, grouping.service[k], () => []).push(m));

  const generated = [...groups.values()];
  const gathered = [...groups.keys()].map((g) => g === grouping.identity);
  // modules are named against each other (a word every module shares names none of them)
  const allNames = nameByNouns(modules, cg.files, hints.nouns, new Set(), hints.entityNames);
  const nameOfModule = new Map(modules.map((m, k) => [m, allNames[k]]));
  const moduleNames = generated.map((ms) => ms.map((m) => nameOfModule.get(m)!));
  const serviceNames = nameServices(generated, moduleNames, cg.files, hints, new Set(pinnedTo.keys()), gathered);
  const rename = opts.overrides?.rename ?? {};
  checkRenames(rename, serviceNames, [...pinnedTo.keys()], opts.overrides?.source ?? "faultline.config.json");
  const services = [
    ...generated.map((ms, k) => ({
      name: rename[serviceNames[k]] ?? serviceNames[k],
      modules: ms,
      moduleNames: moduleNames[k],
    })),
    ...[...pinnedTo.entries()].map(([name, members]) => ({ name, modules: [members], moduleNames: [name] })),
  ].sort((a, b) => byString(a.name, b.name));

  const assignment = new Int32Array(n).fill(-1);
  const moduleOf = new Int32Array(n).fill(-1);
  let moduleIndex = 0;
  services.forEach((s, k) =>
    s.modules.forEach((m) => {
      for (const i of m) [assignment[i], moduleOf[i]] = [k, moduleIndex];
      moduleIndex++;
    }),
  );
  const confidence = confidenceOf(moduleOf, consensus.labels, consensus.runs);
  const ids = uniqueIds(services.map((s) => s.name));
  // a pinned file is where its pin says, whatever a rule did before; a hub's reason names its tie,
  // and says so when a later rule took the tie elsewhere
  for (const file of placed.keys()) if (isPinned(file)) placed.delete(file);
  for (const [file, tie] of hubTie) {
    if (placed.get(file) !== FAN_OUT_HUB) continue;
    const where = assignment[tie] < 0 ? "the kernel" : ids[assignment[tie]];
    placed.set(
      file,
      assignment[tie] === assignment[file]
        ? `${FAN_OUT_HUB}, with its strongest single tie, ${cg.files[tie]}`
        : `${FAN_OUT_HUB}, with the cluster of its strongest single tie, ${cg.files[tie]}, which a later rule ` +
            `moved to ${where}`,
    );
  }
  return {
    services: services.map((s, k) => {
      const members = s.modules.flat().sort((a, b) => a - b);
      const moduleIds = uniqueIds(s.moduleNames);
      return {
        id: ids[k],
        name: s.name,
        members,
        stability: stabilityOf(members, confidence, placed),
        modules: s.modules
          .map((m, j) => ({ id: moduleIds[j], name: s.moduleNames[j], members: [...m].sort((a, b) => a - b) }))
          .sort((a, b) => byString(a.id, b.id)),
      };
    }),
    assignment,
    confidence,
    kernel: kernel.sort((a, b) => a.file - b.file),
    placed: [...placed].map(([file, why]) => ({ file, why })).sort((a, b) => a.file - b.file),
    isolated: isolated.sort((a, b) => a - b),
    resolution,
    resolutionRule: rule,
    serviceRule: layerNote(layers.dissolved) + grouping.rule,
  };
}

/** Where the files stand once clustered: the steps after clustering read and change it. */
interface Placement {
  /** per file, its module; -1 for none (kernel, isolated, not yet placed) */
  labels: Int32Array;
  /** files in play (taken out: kernel and isolated files, hubs until placed) */
  active: Uint8Array;
  kernel: { file: number; why: string }[];
  /** per file a rule placed rather than the clustering, the rule */
  placed: Map<number, string>;
  /** domain hubs: placed though not active */
  domainHubs: Set<number>;
}

/**
 * Code a team keeps together stays together. The files of one unit (`x.module.ts`, `x.service.ts`,
 * `x.controller.ts` in one folder) go where most of the unit is, a module or the kernel. Then a
 * workspace package or a feature folder (`team/` of `team.module.ts`) more than half of which one
 * module holds brings its other files there (medusa's order line items sat with the cart's
 * look-alikes, hoppscotch's `team/guards/rest-team-member.guard.ts` with the other REST guards); a
 * folder holding every analysed file is the whole back end, no team's code. `fixed` files (pinned,
 * forced, platform, entry point, root glue) stay. A module these moves leave too small joins its
 * neighbour. Returns the labels; the kernel, placed and the rest of `p` are updated in place.
 */
function keepTogether(
  p: Placement,
  cg: CouplingGraph,
  opts: Pick<BoundaryOptions, "packages" | "minServiceSize">,
  /** sub-projects and feature folders, held together as packages are */
  folders: string[],
  fixed: (i: number) => boolean,
  /** framework glue by its fan-out: in the kernel, it holds no unit there */
  wiring: Set<number>,
): Int32Array {
  const { labels, active, kernel, placed, domainHubs } = p;
  const inKernel = new Set(kernel.map((k) => k.file));
  const inModule = (i: number) => labels[i] >= 0 && (active[i] === 1 || domainHubs.has(i));
  const placedWhy = (i: number, why: string) => (labels[i] < 0 ? placed.delete(i) : placed.set(i, why));
  const inUnit = (i: number) => inModule(i) || inKernel.has(i);
  const units = keepUnitsTogether(labels, cg, inUnit, fixed, (i) => wiring.has(i)).moved;
  for (const i of units) {
    const unit = `${unitName(cg.files[i])}.*`;
    if (inKernel.has(i)) {
      kernel.splice(
        kernel.findIndex((k) => k.file === i),
        1,
      );
      active[i] = 1;
    } else if (labels[i] < 0) {
      active[i] = 0;
      domainHubs.delete(i);
      kernel.push({ file: i, why: `framework glue: half of its unit (${unit}) or more is in the kernel` });
    }
    placedWhy(i, `with most of its unit (${unit})`);
  }
  const scopeRoot = `${commonFolder(cg.files)}/`;
  const together = [...(opts.packages ?? []), ...folders].filter((d) => !scopeRoot.startsWith(`${d}/`));
  const strays = folderStrays(labels, cg.files, together, inModule, fixed);
  for (const i of strays) placedWhy(i, "with most of its package or feature folder");
  if (units.length === 0 && strays.length === 0) return labels;
  const merged = mergeTiny(
    labels,
    cg,
    opts.minServiceSize,
    Uint8Array.from(labels, (_, i) => (inModule(i) ? 1 : 0)),
  );
  recordMoves(
    placed,
    labels,
    merged,
    "left in a cluster too small to stand once its unit or folder moved: with the module its ties pull most",
  );
  return merged.map((l, i) => (l < 0 ? labels[i] : l));
}

/** The rule's reason; "four" is FAN_OUT_CLUSTERS. */
const FAN_OUT_HUB = "a fan-out hub (it imports from four modules or more)";

/**
 * A service's stability: the mean confidence of the files the clustering placed (a file a rule
 * placed has no clustering confidence to speak of); 1 when rules placed every one.
 */
function stabilityOf(members: number[], confidence: Float64Array, placed: Map<number, string>): number {
  const clustered = members.filter((i) => !placed.has(i));
  return clustered.length ? clustered.reduce((sum, i) => sum + confidence[i], 0) / clustered.length : 1;
}

/** Records `why` for each file a relabelling (`before` to `after`) moved into another module. */
function recordMoves(placed: Map<number, string>, before: Int32Array, after: Int32Array, why: string): void {
  after.forEach((l, i) => {
    if (l >= 0 && l !== before[i]) placed.set(i, why);
  });
}

/** The layer-shaped clusters dissolved, for the rule that `analysis.json` records. */
function layerNote(dissolved: { layer: string; moved: number[] }[]): string {
  if (dissolved.length === 0) return "";
  const each = dissolved.map((d) => `${d.layer} (${plural(d.moved.length, "file")})`).join(", ");
  return `layer-shaped clusters dissolved into the domains their files name or are tied to most: ${each}; then `;
}

/**
 * The files that start a process, which no analysed file imports: one named for it (`main.ts`, `server.ts`,
 * `bootstrap.ts`), the `index.ts` of a top-level folder (outline's `server/index.ts`), of a workspace app's `src/`
 * (a worker's `apps/worker/src/index.ts` beside the API given with it), or of any `src/` when it exports nothing
 * (medusa's modules export their definitions from theirs), and any file right in
 * the folder every analysed file is in that names no domain (teable's `apps/nestjs-backend/src/index.ts` given
 * with `--include 'apps/nestjs-backend/src/**'`; growthbook's `src/tracing.datadog.ts`, preloaded with `node -r`).
 */
function entryPoints(
  files: string[],
  imports: ImportGraph,
  namesDomain: (i: number) => boolean,
  exportless: Set<number>,
): number[] {
  const imported = new Set(imports.edges.map((e) => e.to));
  // an index that only re-exports is a library's barrel, which starts nothing; nor does a file of types
  const runs = new Set(
    imports.edges.filter((e) => !e.typeOnly && e.kinds.some((k) => k !== "reexport")).map((e) => e.from),
  );
  const root = commonFolder(files);
  // a file of the root folder named for a domain (`src/orderExport.ts`) is that domain's, whoever runs it
  const atRoot = (f: string, i: number) => root !== "" && path.posix.dirname(f) === root && !namesDomain(i);
  // a CommonJS index's `module.exports` is no export its table sees: only a TypeScript index says it exports nothing
  const app = (f: string, i: number) => (SRC_INDEX_TS.test(f) && exportless.has(i)) || APP_INDEX.test(f);
  const starts = (f: string, i: number) => (TOP_INDEX.test(f) || app(f, i) || atRoot(f, i)) && runs.has(f);
  return files.flatMap((f, i) => ((ENTRY_POINT.test(f) || starts(f, i)) && !imported.has(f) ? [i] : []));
}

/** A folder of infrastructure's private code: its files and helpers, and which of them are in it. */
interface PrivatePart {
  folder: string;
  files: number[];
  inFolder: Set<number>;
}

/** The kernel's reasons for infrastructure (a hub, shared infrastructure, generic utilities): a facade may be one. */
const INFRASTRUCTURE_WHY = /^(imported by |shared infrastructure|generic utilities)/;

/**
 * Folders of infrastructure's private code: every import into the folder from outside reaches a file the kernel
 * holds (its facade, at least one such import), and every import out of it reaches the kernel too. The outermost
 * such folder below the scope's root; what is inside goes with its facade.
 */
function privateInfrastructure(
  files: string[],
  links: ImportLinks,
  runs: ImportLinks,
  kernel: Set<number>,
): PrivatePart[] {
  const root = commonFolder(files);
  const members = new Map<string, number[]>();
  files.forEach((f, i) => {
    for (const d of foldersOf(f)) if (d.length > root.length) getOrInsert(members, d, () => []).push(i);
  });
  const out: PrivatePart[] = [];
  const taken = new Set<number>();
  for (const folder of [...members.keys()].sort(
    (a, b) => a.split("/").length - b.split("/").length || byString(a, b),
  )) {
    const inside = [...members.get(folder)!];
    if (inside.some((i) => taken.has(i)) || inside.every((i) => kernel.has(i))) continue;
    const within = new Set(inside);
    // with the helpers outside it that only it imports (`utils/db-helpers.ts`)
    for (let k = 0; k < inside.length; k++)
      for (const j of kernel.has(inside[k]) ? [] : links.importees[inside[k]])
        if (!within.has(j) && !kernel.has(j) && links.importers[j].every((x) => within.has(x))) {
          within.add(j);
          inside.push(j);
        }
    let entered = 0;
    const closed = inside.every((i) => {
      const from = links.importers[i].filter((j) => !within.has(j));
      if (from.length && !kernel.has(i)) return false;
      entered += from.length;
      return kernel.has(i) || runs.importees[i].every((j) => within.has(j) || kernel.has(j));
    });
    if (!closed || entered === 0) continue;
    out.push({ folder, files: inside.filter((i) => !kernel.has(i)), inFolder: new Set(members.get(folder)) });
    for (const i of inside) taken.add(i);
  }
  return out;
}

/** The import graph by coupling-graph index, both ways: who imports each file, and what each imports. */
interface ImportLinks {
  importers: number[][];
  importees: number[][];
}

function importLinks(files: string[], imports: ImportGraph, valuesOnly = false): ImportLinks {
  const index = new Map(files.map((f, i) => [f, i]));
  const links: ImportLinks = { importers: files.map(() => []), importees: files.map(() => []) };
  for (const e of imports.edges) {
    if (valuesOnly && e.typeOnly) continue;
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from === undefined || to === undefined || from === to) continue;
    links.importers[to].push(from);
    links.importees[from].push(to);
  }
  return links;
}

/** Whether a file of its folder imports it (the base class every template extends, not a template). */
function importedBeside(i: number, files: string[], links: ImportLinks): boolean {
  const dir = path.posix.dirname(files[i]);
  return links.importers[i].some((j) => path.posix.dirname(files[j]) === dir);
}

/**
 * The process's start-up: from the entry points, the files that only start-up code imports (`main.ts`,
 * the process roles it starts, its error handler). A file `ends` says is no start-up ends it: one
 * naming a domain (`services/collaboration.ts`), a feature's (`team.module.ts`), the glue that mounts
 * the features.
 */
function startUp(entries: number[], links: ImportLinks, ends: (i: number) => boolean): number[] {
  const inStartUp = new Set(entries);
  // each file joins once all its importers have; only the files a newcomer imports need a look
  const queue = entries.flatMap((i) => links.importees[i]);
  while (queue.length) {
    const i = queue.pop()!;
    if (inStartUp.has(i) || !links.importers[i].every((j) => inStartUp.has(j)) || ends(i)) continue;
    inStartUp.add(i);
    queue.push(...links.importees[i]);
  }
  const seeds = new Set(entries);
  return [...inStartUp].filter((i) => !seeds.has(i)).sort((a, b) => a - b);
}

/** The files inside any of the folders. */
function inFolders(files: string[], folders: string[]): number[] {
  const set = new Set(folders);
  return files.flatMap((f, i) => (foldersOf(f).some((d) => set.has(d)) ? [i] : []));
}

const ENTRY_POINT = /(^|\/)(main|server|serve|bootstrap)\.[cm]?[jt]sx?$/;
const TOP_INDEX = /^[^/]+\/index\.[cm]?[jt]sx?$/;
/**
 * The index of a package's `src/`: an app's process when it exports nothing (a library's module exports itself), or
 * when it is a workspace app's (`apps/worker/src/index.ts`, beside the libraries of `packages/`).
 */
const SRC_INDEX_TS = /(^|\/)src\/index\.[cm]?tsx?$/;
const APP_INDEX = /(^|\/)apps\/[^/]+\/src\/index\.[cm]?[jt]sx?$/;
/** A file right in a folder named for starting the process. */
const START_UP_FOLDER = /(^|\/)(init|bootstrap|startup|boot)\/[^/]+$/;

/**
 * Every rename names a generated service (a pinned one is named by its pin), and no two services
 * end with one name: a rename onto a name already taken would merge two services in every
 * report, compare and check (exit 2).
 */
function checkRenames(rename: Record<string, string>, names: string[], pinned: string[], source: string): void {
  const origins = new Map<string, string[]>();
  for (const name of names) getOrInsert(origins, rename[name] ?? name, () => []).push(name);
  for (const name of pinned) getOrInsert(origins, name, () => []).push(name);
  for (const key of Object.keys(rename).sort(byString)) {
    if (!names.includes(key))
      throw new UserError(
        `${source}: overrides.rename.${key}: no service is named "${key}" ` +
          `(services: ${[...names].sort(byString).join(", ")})`,
      );
    const other = origins.get(rename[key])!.find((name) => name !== key);
    if (other !== undefined)
      throw new UserError(
        `${source}: overrides.rename.${key}: "${rename[key]}" is already the name of ` +
          (rename[other] !== undefined ? `the service renamed from "${other}"` : "another service"),
      );
  }
}

/** The overrides that place files, each with its globs: `pin.<service>`, then `kernel`. */
function placingGlobs(overrides: Overrides | undefined): { key: string; globs: string[] }[] {
  return [
    ...Object.entries(overrides?.pin ?? {}).map(([name, globs]) => ({ key: `pin.${name}`, globs })),
    { key: "kernel", globs: overrides?.kernel ?? [] },
  ];
}

/**
 * A pin or kernel glob that matches no analysed file is a typo that would silently do nothing: exit 2. One that
 * matches files of another tier alone (a shared library, the front end) would do nothing either, and the message
 * says what those files are (analysed, just not what services are made of).
 */
function checkOverrideGlobs(files: string[], overrides: Overrides | undefined, tiers: TierView | undefined): void {
  const source = overrides?.source ?? "faultline.config.json";
  const placing = placingGlobs(overrides);
  for (const { key, globs } of placing)
    globs.forEach((glob, k) => {
      const match = picomatch(glob, { dot: true });
      if (!files.some((f) => match(f)))
        throw new UserError(`${source}: overrides.${key}[${k}]: "${glob}" ${whyNoneMatched(match, tiers)}`);
    });
  // a file claimed twice: which claim wins would be silent, so neither does
  const claims = placing
    .filter((p) => p.globs.length)
    .map(({ key, globs }) => ({ key, match: picomatch(globs, { dot: true }) }));
  for (const f of files) {
    const by = claims.filter((c) => c.match(f)).map((c) => `overrides.${c.key}`);
    if (by.length > 1) throw new UserError(`${source}: ${by[0]} and ${by[1]} both match ${f}: give it one place`);
  }
}
