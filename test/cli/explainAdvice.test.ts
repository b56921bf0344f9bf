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

  it("says a rule placed it, not its ties, when the runner-up pulls harder", () => {
    // outline's cleanup task: 2.74 towards the insight service, 0.08 towards where it sat
    const advice = runnerUpAdvice(file, "oauth", "insight", 0.08 - 2.74);
    expect(advice).toMatch(
      /^its ties to insight are stronger, by 2\.66: a placement rule put it in oauth, not its ties/,
    );
    expect(advice).not.toMatch(/as strong/);
    expect(advice.endsWith(pin)).toBe(true);
  });

  it("says the ties are as strong only when they are", () => {
    expect(runnerUpAdvice(file, "oauth", "insight", 0)).toMatch(/^its ties to insight are as strong; /);
  });
});
