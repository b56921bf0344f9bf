import { describe, expect, it } from "vitest";
import { analyzeInto } from "../helpers/cli.js";
import { oneCommitRepo, TSCONFIG } from "../helpers/repo.js";

/** An order service and a payment service, with the test code a NestJS back end keeps beside them. */
function repo(): string {
  const service = (name: string, other: string) =>
    `import { ${other}Total } from "../${other}/${other}.service";\n` +
    `export const ${name}Total = () => ${other}Total.length + 1;\n`;
  const uses = (what: string, from: string) => `import { ${what} } from "${from}";\nexport const t = ${what};\n`;
  const files: Record<string, string> = {
    "tsconfig.json": TSCONFIG,
    "src/order/order.service.ts": service("order", "payment"),
    "src/order/order.controller.ts": uses("orderTotal", "./order.service"),
    "src/payment/payment.service.ts": `export const paymentTotal = () => 2;\n`,
    "src/payment/payment.controller.ts": uses("paymentTotal", "./payment.service"),
    // test code: a spec, a test double, test helpers beside the code and in a folder of their own
    "src/order/order.service.spec.ts": uses("orderTotal", "./order.service"),
    "src/payment/payment.service.mock.ts": uses("paymentTotal", "./payment.service"),
    "src/payment/mock.ts": uses("paymentTotal", "./payment.service"), // logto's `utils/cloudflare/mock.ts`
    "src/order/order-calculator-test-utils.ts": uses("orderTotal", "./order.service"),
    "src/test-utils/db.ts": uses("paymentTotal", "../payment/payment.service"),
    // end-to-end suites beside the code: plain, and by variant (NestJS's e2e-spec, an edition's e2e-ee)
    "src/order/order.e2e.ts": uses("orderTotal", "./order.service"),
    "src/order/order.e2e-spec.ts": uses("orderTotal", "./order.service"),
    "src/payment/payment.e2e-ee.ts": uses("paymentTotal", "./payment.service"),
  };
  return oneCommitRepo(files);
}

const placed = (a: Awaited<ReturnType<typeof analyzeInto>>["analysis"]) =>
  [...a.services.flatMap((s) => s.files), ...a.kernel.files.map((k) => k.path), ...a.isolated].sort();

describe("test code", () => {
  it("is left out by default: specs, e2e suites, test doubles (*.mock.ts, mock.ts), test helpers", async () => {
    const dir = repo();
    const { analysis } = await analyzeInto(dir, ["--no-cache"]);
    expect(analysis.repo.files).toBe(4);
    expect(placed(analysis)).toEqual([
      "src/order/order.controller.ts",
      "src/order/order.service.ts",
      "src/payment/payment.controller.ts",
      "src/payment/payment.service.ts",
    ]);
    // --include-tests takes them all in
    const all = await analyzeInto(dir, ["--no-cache", "--include-tests"]);
    expect(all.analysis.repo.files).toBe(12);
  });
});
