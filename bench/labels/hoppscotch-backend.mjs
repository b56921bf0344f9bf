// Business-domain labels for hoppscotch's NestJS backend (packages/hoppscotch-backend/src/**),
// derived from the repository's own naming.
// Usage: node bench/labels/hoppscotch-backend.mjs /path/to/hoppscotch
import { basename } from "node:path";
import picomatch from "picomatch";
import { rows, writeLabels } from "./driver.mjs";

const NAME = "hoppscotch-backend";
const repo = process.argv[2];
const SRC = "packages/hoppscotch-backend/src/";
const SCOPE = [`${SRC}**/*.ts`];
const EXCLUDE = ["**/*.{test,spec}.ts", "**/{*.d.ts,__mocks__/**,migrations/**}"];
// Contexts (team-sized), "name: modules", each followed by an indented line saying why they belong together.
const CONTEXTS = `
request-collections: team-collection team-request user-collection user-request user-history sort
  the API requests people build and organise in collections (personal or team), their ordering and history
environments: team-environment user-environment
  variable sets applied to requests, personal or team
teams: team team-invitation
  team membership, roles and invitations
identity: user auth access-token user-settings
  user accounts, sign-in (magic link, SSO, JWT), personal access tokens and preferences
publishing: published-doc shortcode mock-server
  exposing requests and collections outside the app: shared links, published docs, mock servers
administration: admin infra-config infra-token
  instance administration: admins, server configuration and onboarding, admin API tokens
`;

// Hand decisions: glob, module ("-" = infrastructure), reason. Checked before the noun rules.
const OVERRIDES = rows(`
${SRC}{mailer,posthog,prisma,pubsub,health,plugins}/**  -  # e-mail transport, telemetry, db, events, probes
`).map(([glob, mod]) => [picomatch(glob), mod === "-" ? null : mod]);

// Noun rules: module, then how the code spells it (kebab-case regexes); first match wins, compounds first.
const RULES = rows(`
access-token      access-tokens? rest-pat-auth  # PAT = personal access token
infra-token       infra-tokens?
infra-config      infra-config
admin             admin
auth              auth auth-tokens auth-user passwordless bearer-token rt-cookie gql-user
mock-server       mock-server
published-doc     published-docs?
shortcode         shortcode
sort              sort
team-collection   team-collection
team-environment  team-environments? gql-team-env
team-invitation   team-invitation team-invite
team-request      team-request
team              team team-member
user-collection   user-collection
user-environment  user-environments?
user-history      user-history
user-request      user-request
user-settings     user-settings
user              user user-last-active-on user-last-login
`).map(([mod, ...alts]) => [mod, new RegExp(`-(?:${alts.join("|")})-`)]);

const words = (s) => s.replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2").replace(/([a-z0-9])([A-Z])/g, "$1-$2");
// Subject of a file: its feature folder (src/<feature>/, src/orchestration/<feature>/), except in the
// cross-cutting folders (types, guards, decorators, interceptors) and src/ itself, where the file name speaks.
const CROSS = new Set(["types", "guards", "decorators", "interceptors"]);
function subject(f) {
  const parts = f.slice(SRC.length).split("/");
  if (parts[0] === "orchestration") return parts[1];
  if (parts.length > 1 && !CROSS.has(parts[0])) return parts[0];
  return words(basename(f, ".ts")).toLowerCase().replace(/\./g, "-");
}

function moduleOf(f) {
  const override = OVERRIDES.find(([match]) => match(f));
  if (override) return override[1];
  const s = `-${subject(f)}-`;
  return RULES.find(([, re]) => re.test(s))?.[0] ?? null;
}

writeLabels({ name: NAME, repo, scope: SCOPE, exclude: EXCLUDE, contexts: CONTEXTS, moduleOf });
