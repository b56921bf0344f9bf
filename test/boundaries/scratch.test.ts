import { it } from "vitest";
import { writeFileSync, mkdirSync } from "node:fs";
import { generateMonolith } from "../helpers/synthetic.js";
import { buildRepo } from "../helpers/repo.js";
it("scratch", () => {
  for (const seed of [1, 2]) {
    const m = generateMonolith({ seed });
    const dir = `/tmp/synth-${seed}`;
    buildRepo(m.script, dir);
    writeFileSync(`/tmp/synth-${seed}.truth.json`, JSON.stringify(m.truth, null, 1));
    console.log(seed, m.domains, Object.keys(m.truth).length, m.crossImports, m.kinds.filter(k=>k.startsWith("noise")).length, m.kinds.length);
  }
});
