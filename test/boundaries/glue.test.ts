import { describe, expect, it } from "vitest";
import { analyzeInto } from "../helpers/cli.js";
import { buildRepo, day, TSCONFIG, type CommitStep } from "../helpers/repo.js";

const FEATURES = ["order", "payment", "invoice", "shipment", "customer", "product"];

/**
 * A NestJS back end: six features, each a module, a service and a controller; the root module
 * imports every feature's module and the entry point imports the root; an `ai` feature whose own
 * module wires four other features' modules beside its service and controller.
 */
function nestRepo(): string {
  const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
  const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
  for (const f of FEATURES) {
    files[`src/${f}/${f}.service.ts`] =
      `export class ${cap(f)}Service {\n  find${cap(f)}() {\n    return "${f}";\n  }\n}\n`;
    files[`src/${f}/${f}.controller.ts`] =
      `import { ${cap(f)}Service } from "./${f}.service";\n` +
      `export class ${cap(f)}Controller {\n  constructor(private readonly s: ${cap(f)}Service) {}\n}\n`;
    files[`src/${f}/${f}.module.ts`] =
      `import { ${cap(f)}Controller } from "./${f}.controller";\nimport { ${cap(f)}Service } from "./${f}.service";\n` +
      `export class ${cap(f)}Module {\n  static parts = [${cap(f)}Controller, ${cap(f)}Service];\n}\n`;
  }
  files["src/ai/ai.service.ts"] = `export class AiService {\n  prompt() {\n    return "hi";\n  }\n}\n`;
  files["src/ai/ai.controller.ts"] =
    `import { AiService } from "./ai.service";\n` +
    `export class AiController {\n  constructor(private readonly s: AiService) {}\n}\n`;
  files["src/ai/ai.module.ts"] =
    FEATURES.slice(0, 4)
      .map((f) => `import { ${cap(f)}Module } from "../${f}/${f}.module";\n`)
      .join("") +
    `import { AiController } from "./ai.controller";\nimport { AiService } from "./ai.service";\n` +
    `export class AiModule {\n  static parts = [${FEATURES.slice(0, 4)
      .map((f) => `${cap(f)}Module`)
      .join(", ")}, AiController, ` +
    `AiService];\n}\n`;
  const all = [...FEATURES, "ai"];
  files["src/app.module.ts"] =
    all.map((f) => `import { ${cap(f)}Module } from "./${f}/${f}.module";\n`).join("") +
    `export class AppModule {\n  static parts = [${all.map((f) => `${cap(f)}Module`).join(", ")}];\n}\n`;
  files["src/main.ts"] = `import { AppModule } from "./app.module";\nexport const app = AppModule;\n`;
  const author = "Ada <ada@x.test>";
  const commits: CommitStep[] = [{ author, date: day(0), touch: Object.keys(files) }];
  // each feature (ai included) changes on its own, its three files together
  [...FEATURES, "ai"].forEach((f, k) => {
    for (let n = 0; n < 3; n++)
      commits.push({
        author,
        date: day(1 + k * 3 + n),
        touch: [`${f}.module`, `${f}.service`, `${f}.controller`].map((x) => `src/${f}/${x}.ts`),
      });
  });
  return buildRepo({ files, commits });
}

describe("framework glue", () => {
  it("is the kernel's when the entry point imports it; a feature's wiring module stays with it", async () => {
    const { analysis } = await analyzeInto(nestRepo(), ["--no-cache"]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    expect(kernel.get("src/app.module.ts")).toMatch(/^framework glue/);
    expect(kernel.get("src/main.ts")).toMatch(/entry point/);
    const ai = analysis.services.find((s) => s.files.includes("src/ai/ai.controller.ts"))!;
    expect(ai.files).toContain("src/ai/ai.module.ts");
    expect(ai.files).toContain("src/ai/ai.service.ts");
  });
});
