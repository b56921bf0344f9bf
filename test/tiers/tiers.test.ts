import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { CheckResult } from "../../src/compare/check.js";
import { analyzeInto, parseJson, runCli, tempDir } from "../helpers/cli.js";
import { buildRepo, day, oneCommitRepo, type RepoScript } from "../helpers/repo.js";

/**
 * A full-stack workspace: a React client app, a Koa API, an app mixing both (server-side
 * rendering, an isomorphic helper), a shared package both sides use, a Vite plugin, a docs site.
 * One root tsconfig with `lib: ["dom"]` owns everything: a tsconfig that says nothing.
 */
function fullStack(): RepoScript {
  const json = (x: unknown) => JSON.stringify(x, null, 2);
  const files: Record<string, string> = {
    "package.json": json({ name: "shop", private: true, workspaces: ["apps/*", "packages/*", "docs", "ui-docs"] }),
    "tsconfig.json": json({
      compilerOptions: { strict: true, jsx: "react-jsx", module: "esnext", moduleResolution: "bundler", lib: ["dom"] },
      include: ["apps", "packages", "docs", "ui-docs"],
    }),
    "apps/web/package.json": json({ name: "@shop/web", dependencies: { react: "18", "react-dom": "18" } }),
    "apps/web/vite.config.ts": `export default { plugins: [] };\n`,
    "apps/web/src/main.tsx":
      `import { createRoot } from "react-dom/client";\nimport { App } from "./App";\n` +
      `createRoot(document.getElementById("root")!).render(<App />);\n`,
    "apps/web/src/App.tsx":
      `import { formatPrice } from "@shop/shared";\nimport { fetchOrders } from "./api";\n` +
      `import type { Theme } from "../../../packages/shared/src/theme";\n` +
      `import { blue } from "../../../packages/types/src/colors";\n` +
      `import { serif } from "../../../packages/types/src/fonts";\n` +
      `export const theme: Theme = { dark: false, color: blue + serif };\n` +
      `export function App() {\n  void fetchOrders();\n  return <div>{formatPrice(1)}</div>;\n}\n`,
    "apps/web/src/api.ts":
      `import type { Order } from "@shop/shared";\n` +
      `import type { OrderStatus } from "../../../packages/types/src/status";\n` +
      `export async function fetchOrders(status?: OrderStatus): Promise<Order[]> {\n` +
      `  return status ? [] : [];\n}\n`,
    // a server that renders its e-mails itself (react-email's renderer beside koa): a server package still
    "apps/api/package.json": json({ name: "@shop/api", dependencies: { koa: "2", "@react-email/render": "1" } }),
    "apps/api/src/server.ts":
      `import "./config/env.config";\nimport Koa from "koa";\nimport { ordersRoute } from "./orders/routes";\n` +
      `import { scripts } from "./custom-scripts/routes";\n` +
      `const app = new Koa();\napp.use(ordersRoute);\napp.use(scripts);\nexport default app;\n`,
    "apps/api/src/config/env.config.ts": `import "./db.config";\nprocess.env.PORT ??= "3000";\n`,
    "apps/api/src/config/db.config.ts": `process.env.DB ??= "pg";\n`,
    "apps/api/src/orders/routes.ts":
      `import { listOrders } from "./service";\n` + `export const ordersRoute = () => listOrders();\n`,
    "apps/api/src/orders/service.ts":
      `import { formatPrice } from "@shop/shared";\nimport { db } from "../db";\n` +
      `import type { OrderStatus } from "../../../../packages/types/src/status";\n` +
      `export const open: OrderStatus = "open";\n` +
      `export function listOrders() {\n  return db.rows.map((r) => formatPrice(r));\n}\n`,
    "apps/api/src/db.ts": `export const db = { rows: [1, 2, 3] };\n`,
    "apps/api/src/scripts/20240101000000-backfill-orders.ts":
      `import { db } from "../db";\n` + `export async function up() {\n  db.rows.push(0);\n}\n`,
    "apps/api/src/migrations/Migration20240225134525.ts": `export const sql = "alter table orders";\n`,
    "apps/api/src/migration/20240207041922_add_status/migration.ts":
      `import { db } from "../../db";\n` + `export const up = () => db.rows.push(2);\n`,
    "apps/api/src/seed-database.ts": `import { db } from "./db";\nexport const seed = () => db.rows.push(3);\n`,
    // a script developers run by hand, which no file imports (outline's `server/scripts/checkMigrations.ts`)
    "apps/api/src/scripts/generate-docs.ts": `import { db } from "../db";\nexport const docs = () => db.rows;\n`,
    // ... and one that another script beside it runs, and one of a folder of migration scripts
    "apps/api/src/scripts/check-docs.ts": `import { docs } from "./generate-docs";\nexport const ok = docs().length;\n`,
    "apps/api/migration-scripts/add-status.ts": `import { db } from "../src/db";\nexport const up = () => db.rows;\n`,
    "apps/api/code-migrations/2-backfill.ts": `import { db } from "../src/db";\nexport const up = () => db.rows;\n`,
    // a feature named like one, which the server's custom scripts import: it runs with them
    "apps/api/src/workspace-migrations/plan.ts": `import { db } from "../db";\nexport const plan = () => db.rows;\n`,
    // a feature named for scripts (the user's saved scripts), which the server mounts: its files run with it
    "apps/api/src/custom-scripts/routes.ts": `import { saved } from "./store";\nexport const scripts = saved;\n`,
    "apps/api/src/custom-scripts/store.ts":
      `import { db } from "../db";\nimport { plan } from "../workspace-migrations/plan";\n` +
      `export const saved = () => [db.rows, plan()];\n`,
    // a seed phrase the code imports, and an API version's folder named by its date: no scripts
    "apps/api/src/wallet/seed-phrase.ts": `export const words = () => ["abandon"];\n`,
    "apps/api/src/wallet/wallet.ts": `import { words } from "./seed-phrase";\nexport const wallet = () => words();\n`,
    "apps/api/src/stripe/20231016/webhooks.ts": `import { db } from "../../db";\nexport const hook = () => db.rows;\n`,
    "apps/api/alterations/next-1786373004-tighten-orgs.ts": `export const up = "alter table orgs";\n`,
    "apps/api/alterations/1.0.0_rc.0-1674032095.1-dedup-orgs.ts": `export const up = "alter table orgs";\n`,
    // a number that ends the name, before its extension, is no date: an OTP helper of the API
    "apps/api/src/otp-1234567890.ts": `import { db } from "./db";\nexport const otp = () => db.rows.length;\n`,
    "apps/api/alterations/1.0.0-1677208902-add-orgs.ts":
      `import { db } from "../src/db";\n` + `export async function up() {\n  db.rows.push(1);\n}\n`,
    "apps/api/migrations/expire-at/expire-at.migration.ts":
      `import { db } from "../../src/db";\n` + `export async function run() {\n  db.rows.length = 0;\n}\n`,
    "apps/api/src/seeds/orders.ts":
      `import { db } from "../db";\n` + `export function seedOrders() {\n  db.rows.push(9);\n}\n`,
    // a package of React e-mails (react-email), which the API's mailer renders
    "packages/emails/package.json": json({
      name: "@shop/emails",
      dependencies: { "@react-email/components": "1", react: "18", "react-dom": "18" },
    }),
    "packages/emails/src/shipped.tsx": `export function Shipped() {\n  return <p>shipped</p>;\n}\n`,
    "apps/api/src/mailer.ts":
      `import { Shipped } from "../../../packages/emails/src/shipped";\nimport { db } from "./db";\n` +
      `export const mail = () => [Shipped, db.rows];\n`,
    "apps/site/package.json": json({ name: "@shop/site", dependencies: { koa: "2", react: "18" } }),
    "apps/site/src/server.ts":
      `import Koa from "koa";\nimport { Welcome } from "./emails/welcome";\nimport { slug } from "./iso";\n` +
      `import { renderReport } from "./report";\nimport type { WidgetProps } from "./widget";\n` +
      `export const props: WidgetProps = { title: slug("x") };\n` +
      `export const site = new Koa();\nexport const parts = [Welcome, renderReport];\n`,
    "apps/site/src/emails/welcome.tsx": `export function Welcome() {\n  return <p>welcome</p>;\n}\n`,
    // an e-mail that no sender imports yet
    "apps/site/src/emails/farewell.tsx": `export function Farewell() {\n  return <p>farewell</p>;\n}\n`,
    "apps/site/src/iso.ts": `export function slug(s: string): string {\n  return s.toLowerCase();\n}\n`,
    "apps/site/src/client.tsx":
      `import { hydrateRoot } from "react-dom/client";\nimport { slug } from "./iso";\n` +
      `import { Widget } from "./widget";\n` +
      `hydrateRoot(document.body, <Widget title={slug("y")} />);\n`,
    "apps/site/src/report.ts":
      `import { createElement } from "react";\nimport { writeFileSync } from "node:fs";\n` +
      `export function renderReport() {\n  writeFileSync("/dev/null", String(createElement("p")));\n}\n`,
    "apps/site/src/widget.tsx":
      `export interface WidgetProps {\n  title: string;\n}\n` +
      `export function Widget(p: WidgetProps) {\n  return <h1>{p.title}</h1>;\n}\n`,
    // an RPC package with both halves: the server's (a scope's `server`) and a query client's
    "apps/rpc/package.json": json({
      name: "@shop/rpc",
      dependencies: { "@trpc/server": "11", "@tanstack/react-query": "5" },
    }),
    "apps/rpc/src/router.ts": `import { initTRPC } from "@trpc/server";\nexport const t = initTRPC.create();\n`,
    "apps/rpc/src/hooks.ts": `import { useQuery } from "@tanstack/react-query";\nexport const useOrders = () => 1;\n`,
    // a Next.js app: pages, layouts and components are its front end, server components too; its route
    // handlers, server actions and data access are server code
    "apps/next/package.json": json({
      name: "@shop/next",
      // client packages alone: a Next.js app all the same, whose files decide
      dependencies: { next: "15", react: "19", "react-dom": "19" },
    }),
    "apps/next/app/(shop)/orders/page.tsx":
      `import { OrdersView } from "../../../modules/orders/orders-view";\n` + `export default OrdersView;\n`,
    "apps/next/app/(shop)/orders/loading.tsx": `export default function Loading() {\n  return <p>...</p>;\n}\n`,
    "apps/next/app/api/orders/route.ts":
      `import { cachedOrders } from "../../../lib/cached-orders";\n` +
      `import { Receipt } from "../../../emails/receipt";\n` +
      `export async function GET() {\n  return [await cachedOrders(), Receipt];\n}\n`,
    "apps/next/lib/cached-orders.ts":
      `import { cache } from "react";\nimport { ordersOf } from "./orders";\n` +
      `export const cachedOrders = cache(ordersOf);\n`,
    "apps/next/emails/receipt.tsx": `export function Receipt() {\n  return <p>thanks</p>;\n}\n`,
    "apps/next/modules/orders/orders-view.tsx":
      `import { ordersOf } from "../../lib/orders";\nimport { OrderRow } from "./order-row";\n` +
      `export async function OrdersView() {\n` +
      `  const rows = (await ordersOf()).map((o) => <OrderRow key={o} id={o} />);\n` +
      `  return <ul>{rows}</ul>;\n}\n`,
    "apps/next/modules/orders/order-row.tsx":
      `"use client";\nimport { cancel } from "./actions";\n` +
      `export function OrderRow(p: { id: number }) {\n  return <li onClick={() => cancel(p.id)}>{p.id}</li>;\n}\n`,
    "apps/next/modules/orders/actions.ts":
      `"use server";\nimport { ordersOf } from "../../lib/orders";\n` +
      `export async function cancel(id: number) {\n  return (await ordersOf()).filter((o) => o !== id);\n}\n`,
    "apps/next/lib/orders.ts":
      `import { Pool } from "pg";\nconst pool = new Pool();\n` +
      `export async function ordersOf(): Promise<number[]> {\n  return (await pool.query("select id")).rows;\n}\n`,
    "packages/shared/package.json": json({ name: "@shop/shared", main: "src/index.ts" }),
    "packages/shared/src/index.ts":
      `import { cents } from "./money";\nexport interface Order {\n  id: string;\n}\n` +
      `export function formatPrice(n: number): string {\n  return cents(n);\n}\n`,
    "packages/shared/src/money.ts": `export const cents = (n: number) => (n / 100).toFixed(2);\n`,
    "packages/shared/src/theme.ts": `export interface Theme {\n  dark: boolean;\n  color: string;\n}\n`,
    "packages/types/package.json": json({ name: "@shop/types" }),
    "packages/types/src/status.ts": `export type OrderStatus = "open" | "paid";\n`,
    "packages/types/src/colors.ts": `export const blue = "#00f";\n`,
    "packages/types/src/fonts.ts": `export const serif = "Georgia";\n`,
    "packages/vite-plugin/package.json": json({ name: "@shop/vite-plugin", peerDependencies: { vite: "5" } }),
    "packages/vite-plugin/src/index.ts": `export function shopPlugin() {\n  return { name: "shop" };\n}\n`,
    "docs/package.json": json({ name: "docs", dependencies: { "@docusaurus/core": "3", react: "18" } }),
    "docs/src/pages/index.tsx": `export default function Home() {\n  return <main>docs</main>;\n}\n`,
    "ui-docs/package.json": json({
      name: "ui-docs",
      dependencies: { next: "14", contentlayer: "0.3", react: "18", "@radix-ui/react-dialog": "1" },
    }),
    "ui-docs/src/page.tsx": `export default function Page() {\n  return <article>button</article>;\n}\n`,
  };
  const all = Object.keys(files);
  return {
    files,
    commits: [0, 1, 2].map((i) => ({ author: "Ada <ada@x.test>", date: day(i), touch: all })),
  };
}

/** Hand-derived: the rule that decides each file is in the comment beside it. */
const EXPECTED: Record<string, string> = {
  "apps/web/vite.config.ts": "tooling", // a tool's config file
  "apps/web/src/main.tsx": "client", // its package depends on react-dom
  "apps/web/src/App.tsx": "client",
  "apps/web/src/api.ts": "client",
  "apps/api/src/server.ts": "server", // its package depends on koa
  "apps/api/src/orders/routes.ts": "server",
  "apps/api/src/orders/service.ts": "server",
  "apps/api/src/db.ts": "server",
  // named by the date it was written: a one-off backfill or migration, though server code in a server package
  "apps/api/src/scripts/20240101000000-backfill-orders.ts": "tooling",
  "apps/api/src/migrations/Migration20240225134525.ts": "tooling",
  "apps/api/src/migration/20240207041922_add_status/migration.ts": "tooling", // right in a folder named by its date
  "apps/api/src/seed-database.ts": "tooling", // a seed script by its name, which no file imports
  "apps/api/src/mailer.ts": "server",
  "packages/emails/src/shipped.tsx": "server", // a react-email package: the server renders its templates
  "apps/api/src/scripts/generate-docs.ts": "tooling", // in scripts/, and no file but a script imports it: run by hand
  "apps/api/src/scripts/check-docs.ts": "tooling", // in scripts/, and no file imports it
  "apps/api/migration-scripts/add-status.ts": "tooling", // a folder of scripts too
  "apps/api/code-migrations/2-backfill.ts": "tooling", // a folder of migrations by another name, nothing imports it
  "apps/api/src/workspace-migrations/plan.ts": "server", // named so, but server code imports it
  "apps/api/src/custom-scripts/routes.ts": "server", // in a folder of scripts, but the server imports it
  "apps/api/src/custom-scripts/store.ts": "server", // ... and it imports this: both run with the server
  "apps/api/src/wallet/seed-phrase.ts": "server", // named like one, but imported: it runs with the code
  "apps/api/src/wallet/wallet.ts": "server",
  "apps/api/src/stripe/20231016/webhooks.ts": "server", // a date alone names no migration's folder
  "apps/api/migrations/expire-at/expire-at.migration.ts": "tooling", // in a folder of migrations: run once
  "apps/api/alterations/1.0.0-1677208902-add-orgs.ts": "tooling", // a Unix time after a release: run once
  "apps/api/alterations/next-1786373004-tighten-orgs.ts": "tooling", // after the next release's
  "apps/api/alterations/1.0.0_rc.0-1674032095.1-dedup-orgs.ts": "tooling", // a Unix time and a step
  "apps/api/src/otp-1234567890.ts": "server", // digits before the extension only: no date of a script
  "apps/api/src/config/env.config.ts": "server", // named like a tool's config, but the server imports it: it runs
  "apps/api/src/config/db.config.ts": "server", // a config that running config imports runs too
  "apps/api/src/seeds/orders.ts": "tooling", // a database seed script, though server code in a server package
  "apps/site/src/server.ts": "server", // mixed package: its own import of koa
  "apps/site/src/emails/welcome.tsx": "server", // JSX, used only by server code: rendered on the server
  "apps/site/src/emails/farewell.tsx": "server", // JSX nothing imports, beside the e-mails the server renders
  "apps/site/src/iso.ts": "shared", // no evidence, used by server and client code
  "apps/site/src/client.tsx": "client", // imports react-dom/client
  "apps/site/src/report.ts": "server", // react and fs: Node code, used only by server code
  "apps/site/src/widget.tsx": "client", // the server imports only a type from it: type-only uses carry no tier
  "apps/rpc/src/router.ts": "server", // mixed package: its own import of a scope's server package
  "apps/rpc/src/hooks.ts": "client", // mixed package: its own import of a query client for React
  "apps/next/app/(shop)/orders/page.tsx": "client", // an app router page: the front end, though it imports server code
  "apps/next/app/(shop)/orders/loading.tsx": "client", // an app router loading screen
  "apps/next/app/api/orders/route.ts": "server", // a route handler
  "apps/next/lib/cached-orders.ts": "server", // React's cache around server code: imports server code
  "apps/next/emails/receipt.tsx": "server", // JSX a route handler alone renders: used only by server code
  // a server component calling the data access: the front end, as the page using it says
  "apps/next/modules/orders/orders-view.tsx": "client",
  "apps/next/modules/orders/order-row.tsx": "client", // "use client", though a server component imports it
  "apps/next/modules/orders/actions.ts": "server", // "use server": an endpoint the front end calls
  "apps/next/lib/orders.ts": "server", // imports pg
  "packages/shared/src/index.ts": "shared", // used by the client app and the API
  "packages/shared/src/money.ts": "shared", // used only by a shared file
  // files of types alone, reached only by type imports: their users' tier, before their folder's
  "packages/shared/src/theme.ts": "client", // used as a type by the client only (its folder is shared)
  "packages/types/src/status.ts": "shared", // used as a type by the client and the API (its folder is client)
  "packages/types/src/colors.ts": "client", // used only by client files
  "packages/types/src/fonts.ts": "client",
  "packages/vite-plugin/src/index.ts": "tooling", // a plugin of vite (peer dependency)
  "docs/src/pages/index.tsx": "tooling", // a documentation site
  "ui-docs/src/page.tsx": "tooling", // a documentation site built with Contentlayer (its component kit aside)
};

describe("tiers", () => {
  it("classify each file by its package, its own code and the import graph, type-only uses aside", async () => {
    const repo = buildRepo(fullStack());
    const { analysis } = await analyzeInto(repo, ["--no-cache"]);
    const got = Object.fromEntries(analysis.tiers.files.map((f) => [f.path, f.tier]));
    expect(got).toEqual(EXPECTED);
    const why = Object.fromEntries(analysis.tiers.files.map((f) => [f.path, f.why]));
    expect(why["apps/site/src/emails/welcome.tsx"]).toMatch(/rendered on the server/);
    expect(why["apps/api/src/server.ts"]).toMatch(/koa/);
    expect(why["packages/types/src/status.ts"]).toBe("used by server and client files (as types)");
    expect(why["apps/api/src/scripts/20240101000000-backfill-orders.ts"]).toMatch(/one-off script/);
    expect(why["apps/api/src/seeds/orders.ts"]).toMatch(/^a database seed script/);
    expect(why["apps/next/modules/orders/orders-view.tsx"]).toBe(
      "renders JSX in a Next.js app; used only by client files",
    );
    expect(why["apps/api/migrations/expire-at/expire-at.migration.ts"]).toMatch(/^a migration/);
    expect(analysis.tiers.counts).toEqual({ server: 25, client: 13, shared: 4, tooling: 17 });
    // services are made of server code alone; shared files are listed apart, the client summarised
    const inServices = analysis.services.flatMap((s) => s.files).sort();
    const server = Object.keys(EXPECTED).filter((f) => EXPECTED[f] === "server");
    const placed = [...inServices, ...analysis.kernel.files.map((k) => k.path), ...analysis.isolated].sort();
    expect(placed).toEqual(server.sort());
    expect(analysis.sharedLibraries.sort()).toEqual(
      Object.keys(EXPECTED)
        .filter((f) => EXPECTED[f] === "shared")
        .sort(),
    );
    expect(analysis.client?.files).toBe(13);
    expect(analysis.settings.tier).toBe("server");
  });

  it("decide a page nothing imports, beside the component it imports, before what it uses", async () => {
    // the page waits for its folder's verdict; the helper both the page and the API use stays shared meanwhile
    const files: Record<string, string> = {
      "package.json": JSON.stringify({ name: "shop", dependencies: { koa: "2", react: "18" } }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, jsx: "react-jsx" } }),
      "web/pages/home.tsx":
        'import { Header } from "./header";\nimport { money } from "../../lib/format";\n' +
        "export function Home() {\n  return <Header title={money(1)} />;\n}\n",
      "web/pages/header.tsx": "export function Header(p: { title: string }) {\n  return <h1>{p.title}</h1>;\n}\n",
      "lib/format.ts": "export const money = (n: number) => n.toFixed(2);\n",
      "server/api.ts":
        'import Koa from "koa";\nimport { money } from "../lib/format";\nexport const app = [new Koa(), money];\n',
    };
    const repo = oneCommitRepo(files);
    const { analysis } = await analyzeInto(repo, ["--no-cache"]);
    const got = Object.fromEntries(analysis.tiers.files.map((f) => [f.path, f.tier]));
    expect(got).toEqual({
      "web/pages/home.tsx": "client", // UI nothing imports: the front end's entry
      "web/pages/header.tsx": "client", // used only by the page
      "lib/format.ts": "shared", // used by the page and the API
      "server/api.ts": "server",
    });
  });

  it("take a Next.js app's API routes for server code, whatever they import", async () => {
    // linkwarden: its API routes reach the database through a package of its own, and import Node's modules
    const json = (x: unknown) => JSON.stringify(x);
    const route = (what: string) =>
      'import { randomUUID } from "node:crypto";\nimport { query } from "../../lib/query";\n' +
      `export default async function handler() {\n  return [query("${what}"), randomUUID()];\n}\n`;
    const files: Record<string, string> = {
      "package.json": json({ name: "web", dependencies: { next: "14", react: "18" } }),
      "lib/query.ts": "export const query = (table: string) => table;\n",
      "tsconfig.json": json({ compilerOptions: { strict: true, jsx: "preserve" } }),
      "pages/api/links.ts": route("link"),
      "pages/api/users.ts": route("user"),
      "app/api/tags/route.ts": "export async function GET() {\n  return Response.json([]);\n}\n",
      "pages/index.tsx": "export default function Home() {\n  return <main />;\n}\n",
    };
    const repo = oneCommitRepo(files);
    const { analysis } = await analyzeInto(repo, ["--no-cache"]);
    const got = Object.fromEntries(analysis.tiers.files.map((f) => [f.path, f.tier]));
    expect(got).toEqual({
      "pages/api/links.ts": "server",
      "pages/api/users.ts": "server",
      "app/api/tags/route.ts": "server", // a route handler of the app router
      "lib/query.ts": "server", // used only by the routes
      "pages/index.tsx": "client",
    });
  });

  it("take a package with a command line for a tool only when it offers nothing else", async () => {
    // payload's core names a `bin` (its migrations) beside the library it exports; a CLI package only a `bin`
    const json = (x: unknown) => JSON.stringify(x);
    const files: Record<string, string> = {
      "package.json": json({ name: "x", private: true, workspaces: ["packages/*"] }),
      "tsconfig.json": json({ compilerOptions: { strict: true } }),
      "packages/core/package.json": json({
        name: "@x/core",
        bin: { x: "bin.js" },
        exports: "./src/index.ts",
        dependencies: { mongoose: "8" },
      }),
      "packages/core/src/index.ts": 'export { Order } from "./order";\n',
      "packages/core/src/order.ts":
        'import mongoose from "mongoose";\nexport const Order = mongoose.model("Order", {});\n',
      "packages/cli/package.json": json({ name: "@x/cli", bin: { xc: "main.js" }, dependencies: { mongoose: "8" } }),
      "packages/cli/src/main.ts": 'import mongoose from "mongoose";\nexport const run = () => mongoose.connect("x");\n',
    };
    const repo = oneCommitRepo(files);
    const { analysis } = await analyzeInto(repo, ["--no-cache"]);
    const got = Object.fromEntries(analysis.tiers.files.map((f) => [f.path, [f.tier, f.why]]));
    expect(got["packages/core/src/order.ts"]).toEqual(["server", "package @x/core depends on mongoose"]);
    expect(got["packages/core/src/index.ts"][0]).toBe("server");
    expect(got["packages/cli/src/main.ts"]).toEqual(["tooling", "package @x/cli is a command-line tool (bin)"]);
    // a scope of tooling alone: no services, and the evidence most of its files share
    const cli = await runCli(["analyze", repo, "--include", "packages/cli/**", "--out", tempDir(), "--no-cache"]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(
      "No services: every analysed file is tooling (1 file), which services leave out (1 of them: package @x/cli " +
        "is a command-line tool (bin)). `faultline explain FILE` prints the evidence for one file.",
    );
  });

  it("a config override on a file of another tier says what the file is, exit 2", async () => {
    // umami's `"kernel": ["src/lib/crypto.ts"]`, a library both sides use: analysed, but in no service
    const repo = buildRepo(fullStack());
    const config = path.join(tempDir(), "faultline.config.json");
    writeFileSync(config, JSON.stringify({ overrides: { kernel: ["packages/shared/src/index.ts"] } }));
    const r = await runCli(["analyze", repo, "--config", config, "--out", tempDir(), "--no-cache"]);
    expect([r.code, r.stderr.trim().split("\n").pop()]).toEqual([
      2,
      `faultline: ${config}: overrides.kernel[0]: "packages/shared/src/index.ts" matches no file services are ` +
        "made of: packages/shared/src/index.ts is shared code, and services take server code (--tier)",
    ]);
  });

  it("a proposal's glob on the front end says what its files are, in accept, compare and check", async () => {
    const repo = buildRepo(fullStack());
    const dir = tempDir();
    const yaml = path.join(dir, "p.yaml");
    const server =
      "services:\n  orders: [apps/api/src/orders/**]\nkernel: [apps/api/src/*.ts, apps/api/src/config/**]\n";
    writeFileSync(yaml, `${server.replace("services:\n", "services:\n  web: [apps/web/src/**]\n")}`);
    const why =
      "matches no file services are made of: apps/web/src/App.tsx is client code, and services take server code " +
      "(--tier)";
    const accept = await runCli([
      ...["proposal", "accept", yaml, "--repo", repo],
      ...["--out", path.join(dir, "a.json"), "--quiet"],
    ]);
    expect([accept.code, accept.stderr.trim().split("\n").pop()]).toEqual([
      2,
      `faultline: ${yaml}:2:9: "apps/web/src/**" (service web) ${why}: nothing would be guarded there`,
    ]);
    const compare = await runCli(["compare", yaml, yaml, "--repo", repo, "--no-cache"]);
    expect(compare.code, compare.stderr).toBe(0);
    expect(compare.stderr).toContain(`${yaml}:2:9: "apps/web/src/**" (service web) ${why}\n`);
    // accepted while the front end was analysed with the services (--tier all), checked as server code alone
    const all = path.join(dir, "all.json");
    const ok = await runCli(["proposal", "accept", yaml, "--repo", repo, "--out", all, "--tier", "all", "--quiet"]);
    expect(ok.code, ok.stderr).toBe(0);
    const check = await runCli(["check", repo, "--proposal", all, "--tier", "server"]);
    expect(check.stderr).toContain(`warning: --proposal ${all}: "apps/web/src/**" (service web) ${why}\n`);
    const json = await runCli(["check", repo, "--proposal", all, "--tier", "server", "--format", "json"]);
    const result = parseJson<CheckResult>(json.stdout);
    expect(result.emptyGlobs).toEqual([{ service: "web", glob: "apps/web/src/**", why }]);
  });

  it("explain prints a file's tier and the evidence that decided it", async () => {
    const repo = buildRepo(fullStack());
    const r = await runCli(["explain", "apps/site/src/iso.ts", "--repo", repo, "--tier", "all", "--no-cache"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/tier: shared \(used by server and client files\)/);
  });

  it("--tier client cuts the front end; --tier all everything but tooling", async () => {
    const repo = buildRepo(fullStack());
    const client = (await analyzeInto(repo, ["--tier", "client", "--no-cache"])).analysis;
    const clientFiles = Object.keys(EXPECTED).filter((f) => EXPECTED[f] === "client");
    const placed = [...client.services.flatMap((s) => s.files), ...client.kernel.files.map((k) => k.path)];
    expect([...placed, ...client.isolated].sort()).toEqual(clientFiles.sort());
    const all = (await analyzeInto(repo, ["--tier", "all", "--no-cache"])).analysis;
    const everything = [
      ...all.services.flatMap((s) => s.files),
      ...all.kernel.files.map((k) => k.path),
      ...all.isolated,
    ];
    expect(everything.sort()).toEqual(
      Object.keys(EXPECTED)
        .filter((f) => EXPECTED[f] !== "tooling")
        .sort(),
    );
  });

  it("a repo with no server code gets no services, one line saying why, and the usual files", async () => {
    const script = fullStack();
    for (const f of Object.keys(script.files))
      if (!f.startsWith("apps/web/") && f !== "tsconfig.json") delete script.files[f];
    script.files["package.json"] = JSON.stringify({ name: "web", dependencies: { react: "18", "react-dom": "18" } });
    // a front end of three features, each a list, its items and their store, that the root component shows
    const features = ["orders", "users", "products"];
    for (const f of features) {
      script.files[`apps/web/src/${f}/store.ts`] = `export const ${f} = () => ["${f}"];\n`;
      script.files[`apps/web/src/${f}/Item.tsx`] =
        `import { ${f} } from "./store";\nexport const Item = () => <li>{${f}()[0]}</li>;\n`;
      script.files[`apps/web/src/${f}/List.tsx`] =
        `import { ${f} } from "./store";\nimport { Item } from "./Item";\n` +
        `export const List = () => <ul>{${f}().length}<Item /></ul>;\n`;
    }
    script.files["apps/web/src/App.tsx"] =
      features.map((f) => `import { List as ${f} } from "./${f}/List";\n`).join("") +
      `export function App() {\n  return <div>{[${features.join(", ")}].length}</div>;\n}\n`;
    script.files["apps/web/src/api.ts"] = `export async function fetchOrders() {\n  return [];\n}\n`;
    script.commits = script.commits.map((c) => ({ ...c, touch: Object.keys(script.files) }));
    features.forEach((f, k) =>
      [1, 2, 3].forEach((n) =>
        script.commits.push({
          author: "Ada <ada@x.test>",
          date: day(50 + k * 3 + n),
          touch: ["store.ts", "Item.tsx", "List.tsx"].map((x) => `apps/web/src/${f}/${x}`),
        }),
      ),
    );
    const repo = buildRepo(script);
    const r = await analyzeInto(repo, ["--no-cache"]);
    expect(r.analysis.services).toEqual([]);
    expect(r.stdout).toMatch(/No services: found no server code \(13 files: 12 client, 0 shared, 1 tooling\)/);
    expect(r.stdout).toMatch(/--tier client/);
    const { readFileSync } = await import("node:fs");
    const md = readFileSync(`${r.out}/report.md`, "utf8");
    expect(md).toMatch(/No services: found no server code/);
    // the command it suggests is code in the report, as written
    expect(md).toContain("`faultline analyze --tier client` cuts the front end");
    const cut = await analyzeInto(repo, ["--tier", "client", "--no-cache"]);
    // the root component mounting every feature is glue; each feature is a service of its own
    const serviceOf = (f: string) => cut.analysis.services.find((s) => s.files.includes(f))?.name;
    for (const f of ["orders", "users", "products"])
      expect(serviceOf(`apps/web/src/${f}/List.tsx`), f).toBe(serviceOf(`apps/web/src/${f}/store.ts`));
    expect(new Set(["orders", "users", "products"].map((f) => serviceOf(`apps/web/src/${f}/store.ts`))).size).toBe(3);
  });
});
