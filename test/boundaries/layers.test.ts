import { describe, expect, it } from "vitest";
import { dissolveLayers } from "../../src/boundaries/layers.js";
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
    expect(out.dissolved).toEqual([{ folder: "server/queues/tasks", moved: 4 }]);
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
    expect(out.dissolved).toEqual([{ folder: "server/queues/tasks", moved: 4 }]);
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
});
