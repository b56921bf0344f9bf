import { describe, expect, it } from "vitest";
import { dissolveLayers, layerPlumbing, placeLayerLeaves } from "../../src/boundaries/layers.js";
import { domainNames } from "../../src/coupling/names.js";
import type { CouplingGraph } from "../../src/coupling/types.js";

const zero = { structural: 0, cochange: 0, ownership: 0, semantic: 0 };
const weights = { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 };

/**
 * Four domains across models/ and policies/ (clusters 0 to 3), and a folder of scheduled tasks
 * clustered as one (cluster 4): each task extends the base task (tie 0.8) and touches its domain's
 * model more weakly (0.3), so the tasks outweigh any single domain together.
 */
function layered(tasks: string[]): { cg: CouplingGraph; labels: Int32Array } {
  const domains = ["Team", "User", "Attachment", "Revision"];
  const files = [
    ...domains.flatMap((d) => [`server/models/${d}.ts`, `server/policies/${d.toLowerCase()}.ts`]),
    "server/queues/tasks/BaseTask.ts",
    ...tasks.map((t) => `server/queues/tasks/${t}.ts`),
  ];
  const base = domains.length * 2;
  const edges = [
    ...domains.map((_, d) => ({ a: 2 * d, b: 2 * d + 1, weight: 1 })),
    ...tasks.map((_, t) => ({ a: base, b: base + 1 + t, weight: 0.8 })),
    ...tasks.map((_, t) => ({ a: 2 * (t % domains.length), b: base + 1 + t, weight: 0.3 })),
  ].map((e) => ({ ...e, signals: zero }));
  const labels = Int32Array.from(files.map((_, i) => (i < base ? Math.floor(i / 2) : 4)));
  return { cg: { files, edges, weights }, labels };
}

/** The layered fixture with these tasks, as clustered and after dissolving. */
function dissolved(tasks: string[]) {
  const { cg, labels } = layered(tasks);
  const { nouns } = domainNames(cg.files);
  return { before: labels, ...dissolveLayers(labels, cg, nouns, new Uint8Array(cg.files.length).fill(1)) };
}

describe("layer-shaped clusters", () => {
  it("are dissolved: each member joins the domain it names, the base class stays", () => {
    const out = dissolved([
      "CleanupDeletedTeamTask",
      "CleanupDemotedUserTask",
      "CleanupExpiredAttachmentsTask",
      "CleanupOldRevisionsTask",
    ]);
    // by hand: team, user, attachment and revision, each a domain with a model and a policy
    expect([...out.labels.slice(9)]).toEqual([0, 1, 2, 3]);
    expect(out.labels[8]).toBe(4); // BaseTask names no domain
    expect(out.dissolved).toEqual([{ layer: "server/queues/tasks/", label: 4, moved: [9, 10, 11, 12] }]);
  });

  it("leave their plumbing behind once every member naming a domain has gone to it", () => {
    const tasks = ["CleanupDeletedTeamTask", "CleanupDemotedUserTask", "CleanupExpiredAttachmentsTask"];
    const out = dissolved([...tasks, "CleanupOldRevisionsTask"]);
    const { files } = layered([...tasks, "CleanupOldRevisionsTask"]).cg;
    const { nouns } = domainNames(files);
    const all = new Uint8Array(out.labels.length).fill(1);
    const named = (i: number) => nouns[i] !== undefined;
    // by hand: BaseTask alone is left in the tasks' cluster, and it names no domain
    expect(layerPlumbing(out.labels, out.dissolved, files, all, { namesDomain: named, pinned: () => false })).toEqual([
      { layer: "server/queues/tasks/", files: [8] },
    ]);
    // a pinned file stays where its pin says
    expect(
      layerPlumbing(out.labels, out.dissolved, files, all, { namesDomain: named, pinned: (i) => i === 8 }),
    ).toEqual([]);
  });

  it("keep a member whose domain's files stay in the same cluster", () => {
    // the insight model and policy clustered with the tasks: the insight task stays with them
    const { cg, labels } = layered([
      "CleanupDeletedTeamTask",
      "CleanupDemotedUserTask",
      "CleanupExpiredAttachmentsTask",
      "CleanupOldRevisionsTask",
      "CleanupOldInsightsTask",
    ]);
    const files = [...cg.files, "server/models/Insight.ts", "server/policies/insight.ts"];
    const insight = cg.files.length - 1;
    const edges = [
      ...cg.edges,
      { a: files.length - 2, b: files.length - 1, weight: 1, signals: zero },
      { a: files.length - 2, b: insight, weight: 0.3, signals: zero },
    ];
    const withInsight = { ...cg, files, edges };
    const { nouns } = domainNames(files);
    const out = dissolveLayers(
      Int32Array.from([...labels, 4, 4]),
      withInsight,
      nouns,
      new Uint8Array(files.length).fill(1),
    );
    // by hand: team, user, attachment and revision tasks go to their domains; the insight task stays
    expect([...out.labels.slice(9, 14)]).toEqual([0, 1, 2, 3, 4]);
    expect(out.dissolved).toEqual([{ layer: "server/queues/tasks/", label: 4, moved: [9, 10, 11, 12] }]);
    // and with it the base task: the insight's files name a domain, so the layer keeps its plumbing
    const all = new Uint8Array(files.length).fill(1);
    const is = { namesDomain: (i: number) => nouns[i] !== undefined, pinned: () => false };
    expect(layerPlumbing(out.labels, out.dissolved, files, all, is)).toEqual([]);
  });

  it("are kept when one domain holds 40% of the folder's files", () => {
    // four domains named, but three of the seven files (43%) say team
    const out = dissolved([
      "CleanupDeletedTeamTask",
      "UploadTeamAvatarTask",
      "CleanupOldTeamsTask",
      "CleanupDemotedUserTask",
      "CleanupExpiredAttachmentsTask",
      "CleanupOldRevisionsTask",
    ]);
    expect(out.dissolved).toEqual([]);
  });

  it("are kept when their files name fewer than four domains", () => {
    // the tasks of mostly one domain: three about teams, one about users, with the base class
    const out = dissolved([
      "CleanupDeletedTeamTask",
      "UploadTeamAvatarTask",
      "CleanupOldTeamsTask",
      "CleanupDemotedUserTask",
    ]);
    expect([...out.labels]).toEqual([...out.before]);
    expect(out.dissolved).toEqual([]);
  });

  it("are dissolved by a role word: files named for one role across folders, each tied most to another domain", () => {
    const out = strategies([0, 1, 2, 3]);
    // no folder holds half of the cluster (one strategy per config folder) and the strategies name no
    // domain; by hand: 4 of 5 files end in "strategy", each tied outside the cluster (0.3) most to
    // another of four domains, none drawing 40%: each joins its domain, the config they share stays
    expect([...out.labels.slice(8)]).toEqual([4, 0, 1, 2, 3]);
    expect(out.dissolved).toEqual([{ layer: "*-strategy", label: 4, moved: [9, 10, 11, 12] }]);
    // what a role layer leaves is the configuration its members implement, no plumbing
    const all = new Uint8Array(out.labels.length).fill(1);
    const is = { namesDomain: () => false, pinned: () => false };
    expect(layerPlumbing(out.labels, out.dissolved, out.files, all, is)).toEqual([]);
  });

  it("are kept by a role word when its files are tied outside to fewer than four domains", () => {
    // the rules of one feature, each tied to the same two domains: alike by role, one purpose
    const out = strategies([0, 0, 1, 1]);
    expect([...out.labels]).toEqual([...out.before]);
    expect(out.dissolved).toEqual([]);
  });
});

/**
 * Four domains (clusters 0 to 3, a model and a policy each) and a cluster of four config strategies,
 * one per folder, with the config they all implement (tie 0.8); strategy k is also tied (0.3) to the
 * model of domain `domains[k]`.
 */
function strategies(domains: number[]) {
  const names = ["Team", "User", "Attachment", "Revision"];
  const roles = ["auth/password-hashing", "order/stock-allocation", "tax/line-calculation", "catalog/stock-display"];
  const files = [
    ...names.flatMap((d) => [`src/models/${d}.ts`, `src/policies/${d.toLowerCase()}.ts`]),
    "src/config/config-definitions.ts",
    ...roles.map((r) => `src/config/${r}-strategy.ts`),
  ];
  const config = names.length * 2;
  const edges = [
    ...names.map((_, d) => ({ a: 2 * d, b: 2 * d + 1, weight: 1 })),
    ...roles.map((_, k) => ({ a: config, b: config + 1 + k, weight: 0.8 })),
    ...roles.map((_, k) => ({ a: 2 * domains[k], b: config + 1 + k, weight: 0.3 })),
  ].map((e) => ({ ...e, signals: zero }));
  const before = Int32Array.from(files.map((_, i) => (i < config ? Math.floor(i / 2) : 4)));
  const cg: CouplingGraph = { files, edges, weights };
  const { nouns } = domainNames(files);
  return { before, files, ...dissolveLayers(before, cg, nouns, new Uint8Array(files.length).fill(1)) };
}

describe("a dissolved layer's members naming no domain", () => {
  /**
   * Two domains (clusters 0 and 1: a model and a policy each) and what is left of a dissolved folder of
   * e-mail templates (cluster 2): the base template every mail extends (0.8), a welcome mail also tied to
   * the user model (0.5) and to the layout component (0.9), and a mail tied to nothing else; an invite mail of
   * the same folder already in the users' cluster, tied to the team model alone.
   */
  const files = [
    "server/models/User.ts",
    "server/policies/user.ts",
    "server/models/Team.ts",
    "server/policies/team.ts",
    "server/emails/templates/BaseEmail.tsx",
    "server/emails/templates/WelcomeEmail.tsx",
    "server/emails/templates/GenericEmail.tsx",
    "server/emails/components/Header.tsx",
    "server/emails/templates/InviteEmail.tsx",
  ];
  const tie = (a: number, b: number, weight: number) => ({ a, b, weight, signals: zero });
  const edges = [tie(0, 1, 1), tie(2, 3, 1), tie(4, 5, 0.8), tie(4, 6, 0.8), tie(0, 5, 0.5), tie(5, 7, 0.9)];
  const cg: CouplingGraph = { files, edges: [...edges, tie(2, 8, 0.4)], weights };
  const labels = () => Int32Array.from([0, 0, 1, 1, 2, 2, 2, 2, 0]);
  const leaves = (i: number) => i === 5 || i === 6 || i === 8;
  const templates = [{ layer: "server/emails/templates/", label: 2 }];
  // the kernel holds the base template and the layout component (inactive)
  const kernelTaken = Uint8Array.from([1, 1, 1, 1, 0, 1, 1, 0, 1]);

  it("join the module they are tied to most once the kernel holds the infrastructure", () => {
    // by hand: the welcome mail's one tie left is the user model's; the other mail has none and stays; the invite
    // mail is no longer in the layer's cluster and is not asked
    const out = labels();
    expect(placeLayerLeaves(out, cg, templates, leaves, kernelTaken)).toEqual([
      { layer: "server/emails/templates/", moved: [5] },
    ]);
    expect([...out]).toEqual([0, 0, 1, 1, 2, 0, 2, 2, 0]);
  });

  it("stay while the base every member extends is tied to them more, or on a tie with their own cluster", () => {
    const all = new Uint8Array(files.length).fill(1);
    // by hand: the welcome mail's ties are its own cluster's 0.8 + 0.9 against the users' 0.5
    expect(placeLayerLeaves(labels(), cg, templates, leaves, all)).toEqual([]);
    // the welcome mail tied 0.5 to the users and 0.5 to the generic mail, which stays in its own cluster
    const even = { ...cg, edges: [tie(0, 1, 1), tie(0, 5, 0.5), tie(5, 6, 0.5)] };
    expect(placeLayerLeaves(labels(), even, templates, (i) => i === 5, kernelTaken)).toEqual([]);
    // a folder no layer was dissolved from moves nothing
    const tasks = [{ layer: "server/queues/tasks/", label: 2 }];
    expect(placeLayerLeaves(labels(), cg, tasks, leaves, kernelTaken)).toEqual([]);
  });
});
