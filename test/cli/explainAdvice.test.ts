import { describe, expect, it } from "vitest";
import { runnerUpAdvice } from "../../src/cli/explainCommand.js";

describe("explain's advice on the runner-up", () => {
  const file = "server/queues/tasks/CleanupTask.ts";
  const pin = `{"overrides": {"pin": {"insight": ["${file}"]}}}`;

  it("names the tie weight to gain when the file's own service pulls harder", () => {
    expect(runnerUpAdvice(file, "oauth", "insight", 0.4)).toBe(
      "to move it there, its ties to insight would have to grow by more than 0.40 (or fewer ties to oauth), or " +
        `pin it in faultline.config.json: ${pin}`,
    );
  });

  it("says a rule placed it, not its ties, when the runner-up pulls harder, naming the rule recorded", () => {
    // outline's cleanup task: 2.74 towards the insight service, 0.08 towards where it sat
    const rule = "a fan-out hub: placed by its own domain";
    const advice = runnerUpAdvice(file, "oauth", "insight", 0.08 - 2.74, rule);
    expect(advice).toBe(
      `its ties to insight are stronger, by 2.66: a placement rule put it in oauth, not its ties (${rule}). ` +
        `Pin it to decide: ${pin}`,
    );
  });

  it("blames no rule when none is recorded: the clustering put it with its module", () => {
    // novu's dal.service.ts, in a service whose module the clustering gave it, with no rule recorded
    const advice = runnerUpAdvice(file, "oauth", "insight", 0.08 - 2.74);
    expect(advice).toMatch(/^its ties to insight are stronger, by 2\.66: no placement rule moved it; the clustering /);
    expect(advice).not.toMatch(/a placement rule put it|as strong/);
    expect(advice.endsWith(pin)).toBe(true);
  });

  it("says the ties are as strong only when they are", () => {
    expect(runnerUpAdvice(file, "oauth", "insight", 0)).toMatch(/^its ties to insight are as strong; /);
  });
});
