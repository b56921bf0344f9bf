import type { PackageManifest } from "../repo/json.js";

/**
 * What imported npm packages say about where code runs. A package counts by its name or its
 * scope (`@nestjs/*`); the lists name runtimes, frameworks and clients, never folders of the
 * analysed repo.
 */
/** server frameworks and HTTP handlers */
const FRAMEWORKS = [
  "koa",
  "express",
  "fastify",
  "@nestjs/*",
  "hono",
  "@hapi/*",
  "restify",
  "apollo-server*",
  "@apollo/server",
  "@trpc/server",
  "graphql-yoga",
  "@koa/*",
  "koa-*",
  "@fastify/*",
  "socket.io",
  "server-only",
];
/** databases, ORMs and queues */
const DATA_CLIENTS = [
  "sequelize",
  "sequelize-typescript",
  "typeorm",
  "@mikro-orm/*",
  "knex",
  "drizzle-orm",
  "objection",
  "mongoose",
  "mongodb",
  "pg",
  "mysql",
  "mysql2",
  "ioredis",
  "redis",
  "bull",
  "bullmq",
  "kafkajs",
  "amqplib",
  "nodemailer",
];
const SERVER = [...FRAMEWORKS, ...DATA_CLIENTS];
const CLIENT = [
  "react-dom",
  "react-dom/client",
  "@angular/*",
  "vue",
  "@vue/*",
  "svelte",
  "solid-js",
  "preact",
  "client-only",
  "react-router",
  "react-router-dom",
  "@tanstack/react-*",
  "mobx-react",
  "mobx-react-lite",
  "styled-components",
  "@emotion/*",
  "@mui/*",
  "@chakra-ui/*",
  "@radix-ui/*",
  "@headlessui/*",
  "antd",
];
/** UI code that may also render on a server (e-mails, SSR): client unless only server code uses it */
const UI = ["react", "react/jsx-runtime"];
const TOOLING = [
  "vite",
  "webpack",
  "rollup",
  "esbuild",
  "@babel/*",
  "eslint",
  "prettier",
  "typescript",
  "ts-morph",
  "@storybook/*",
  "@playwright/test",
  "playwright",
  "commander",
  "yargs",
  "inquirer",
  "@inquirer/*",
  "prompts",
  "enquirer",
  "@clack/prompts",
];
/** a documentation site: an MDX or content toolchain (Contentlayer) or a docs framework */
const DOCS = [
  "@mdx-js/*",
  "@next/mdx",
  "contentlayer",
  "next-contentlayer",
  "nextra",
  "@docusaurus/*",
  "vitepress",
  "@astrojs/starlight",
];
/** a plugin or config of these is build tooling */
const BUILD_HOSTS = [
  "vite",
  "vitest",
  "webpack",
  "rollup",
  "esbuild",
  "eslint",
  "@babel/core",
  "prettier",
  "jest",
  "typedoc",
];

function matcher(list: string[]): (name: string) => boolean {
  const exact = new Set(list.filter((p) => !p.endsWith("*")));
  const prefixes = list.filter((p) => p.endsWith("*")).map((p) => p.slice(0, -1));
  return (name) => exact.has(name) || prefixes.some((p) => name.startsWith(p));
}

/** a scope's `server` package: the server half of a library with a client half (`@trpc/server`, `@apollo/server`) */
const SCOPED_SERVER = /^@[^/]+\/server$/;
const isListedServerPackage = matcher(SERVER);
export const isServerPackage = (name: string) => isListedServerPackage(name) || SCOPED_SERVER.test(name);
const isServerFramework = matcher(FRAMEWORKS);
export const isClientPackage = matcher(CLIENT);
export const isUiPackage = matcher(UI);
export const isToolingPackage = matcher(TOOLING);
const isDocsPackage = matcher(DOCS);

/** What a workspace package is, from its manifest: this decides its files' tier before anything else. */
export interface PackageKind {
  tier?: "server" | "client" | "tooling";
  why: string;
  /** a Next.js app (`next` among its runtime dependencies): its components are the front end, server ones too */
  next?: true;
}

/** The peer dependencies a package requires: an optional one (a dev server a framework can start) says nothing. */
function requiredPeers(m: PackageManifest): string[] {
  const optional = (m.peerDependenciesMeta ?? {}) as Record<string, { optional?: boolean } | undefined>;
  return Object.keys(m.peerDependencies ?? {}).filter((d) => !optional[d]?.optional);
}

/** What a package needs at run time: its dependencies and required peers. */
export function runtimeDependencies(m: PackageManifest): string[] {
  return [...new Set([...Object.keys(m.dependencies ?? {}), ...requiredPeers(m)])];
}

export function packageKind(name: string, m: PackageManifest): PackageKind {
  const peers = requiredPeers(m);
  const runtime = runtimeDependencies(m);
  const all = [...runtime, ...Object.keys(m.devDependencies ?? {})];
  if (/(^|[/@-])(tests?|testing|test-utils|e2e)($|[/-])/.test(name))
    return { tier: "tooling", why: `package ${name} is a test package` };
  const docs = all.find(isDocsPackage);
  if (docs) return { tier: "tooling", why: `package ${name} is a documentation site (depends on ${docs})` };
  const host = peers.find((d) => BUILD_HOSTS.includes(d));
  if (host) return { tier: "tooling", why: `package ${name} is a plugin of ${host} (peer dependency)` };
  // a Next.js app holds its front end and its server code (route handlers, server actions): its files decide
  if (runtime.includes("next")) return { why: `package ${name} is a Next.js app`, next: true };
  // a package of e-mail templates in React (react-email), nothing of a server: whoever sends them renders them, a
  // server most often, so their users decide
  const email = runtime.find((d) => d === "react-email" || d.startsWith("@react-email/"));
  if (email && !runtime.some(isServerPackage)) return { why: `package ${name} renders e-mails (depends on ${email})` };
  const server = runtime.find(isServerPackage);
  // React beside a server framework may render e-mails or pages on the server: its files decide
  const client = runtime.find(isClientPackage) ?? runtime.find(isUiPackage);
  // a command line and nothing else: a package that also exports a library (payload's core, whose `bin` runs its
  // migrations) is what its files say
  const library = m.main !== undefined || m.module !== undefined || m.exports !== undefined;
  if (m.bin !== undefined && !library && !runtime.some(isServerFramework))
    return { tier: "tooling", why: `package ${name} is a command-line tool (bin)` };
  if (server && !client) return { tier: "server", why: `package ${name} depends on ${server}` };
  if (client && !server) return { tier: "client", why: `package ${name} depends on ${client}` };
  return { why: server ? `package ${name} has server and client dependencies` : `package ${name} says nothing` };
}
