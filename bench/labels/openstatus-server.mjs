// Business-domain labels for openstatus's back end: the API server (apps/server), the workflows (apps/workflows) and
// the packages they share (services, db, api, subscriptions), derived from the repository's own naming.
// Usage: node bench/labels/openstatus-server.mjs /path/to/openstatus
import picomatch from "picomatch";
import { layeredModuleOf, nounRules, rows, subjectsBelow, writeLabels } from "./driver.mjs";

const [NAME, repo] = ["openstatus-server", process.argv[2]];
// The source roots: a file's subjects are read below its root.
const ROOTS = [
  "apps/server/src",
  "apps/workflows/src",
  "packages/services/src",
  "packages/db/src",
  "packages/api/src",
  "packages/subscriptions/src",
];
const SCOPE = ROOTS.map((r) => `${r}/**/*.{ts,tsx}`);
const EXCLUDE = [
  "**/*.{test,spec}.{ts,tsx}",
  "**/*.d.ts",
  "**/{__tests__,test,__mocks__,migrations}/**",
  "packages/db/src/seed/**",
  "**/seed.mts",
];
// Contexts (team-sized), "name: modules", each followed by an indented line saying why they belong together.
const CONTEXTS = `
monitoring: monitor monitor-tag check checker private-location application
  what is watched and how: monitors and tags, ad-hoc checks, the checker that runs them, private locations, RUM apps
incidents-and-alerting: incident notification
  what happens when a monitor fails: incidents opened, acknowledged and resolved, alerts sent through channels
status-pages: page page-component page-component-group monitor-group domain viewer status-timeline frozen-uptime
  the public page: its components and groups, custom domain, viewers of protected pages, uptime bars and history
status-communication: status-report maintenance page-subscriber
  telling the page's audience: status reports and their updates, maintenance windows, subscribers and their channels
external-status: external-service external-service-component external-service-incident external-service-report
  third-party providers' status: tracked services, their components and incidents, reports from users
workspace: workspace member invitation audit-log feedback
  the team account: workspace settings, members and invitations, the audit log of changes, feedback it sends
identity-and-access: user sso api-key
  who calls the back end: user accounts and sessions, SSO through WorkOS and its domains, API keys and scopes
billing: plan stripe
  what a workspace may use: plans and their limits, Stripe checkout, subscriptions and webhooks
integrations: integration import
  connecting other tools: installed integrations (the Slack agent's) and imports from Betterstack, Statuspage, ...
ai-agent: agent mcp slack chat-session
  the AI agent: its tool registry and prompt, the MCP server, the Slack agent and the dashboard chat sessions
`;

// Where business nouns live. Everything else is infrastructure: the entry points and env of each app (index, serve,
// env), the api package's tRPC plumbing (trpc, trpc-errors, edge, lambda, root, rsc, tb, service-adapter), the db
// client (db, index, sync-db), the services' context, errors, retry and types, workflows' lib/ (db, sentry).
const LAYERS = [
  "apps/server/src/{routes,libs,utils}/**",
  "apps/workflows/src/{checker,cron,incident,utils}/**",
  "packages/api/src/{router,auth,lib,service}/**",
  "packages/db/src/{schema,utils}/**",
  "packages/services/src/*/**",
].map((g) => picomatch(g));

// Hand decisions: glob, module ("-" = infrastructure), reason. Checked before the layers and noun rules.
const OVERRIDES = rows(`
apps/server/src/libs/{middlewares,errors}/**  -  # generic auth/plan/scope/track middlewares, API errors
apps/server/src/routes/rpc/{interceptors,handlers/health}/**  -  # ConnectRPC plumbing and probe
apps/server/src/routes/slack/**  slack  # the Slack app: OAuth install, events, commands, agent and its presenters
apps/server/src/routes/public/status.ts  page  # public overall status of a page, by slug
apps/workflows/src/checker/{alerting,utils}.ts  notification  # sends alerts through each notification provider
apps/workflows/src/cron/emails.ts  user  # follow-up e-mails to users who signed up two days ago
packages/subscriptions/src/test-preload.ts  -  # env setup imported by its tests
packages/subscriptions/src/**  page-subscriber  # channels (e-mail, webhook, Slack) and dispatch to subscribers
packages/services/src/limits.ts  plan  # plan limits per workspace, counted before a create
packages/services/src/auth/**  api-key  # requireScope/matchesScope: the scopes of API (and MCP) keys
packages/api/src/auth/**  workspace  # resolves a signed-in user's active workspace among their memberships
packages/api/src/lib/vercel.ts  domain  # adds and removes custom domains on Vercel
packages/api/src/service/telegram-updates.ts  notification  # links a Telegram chat to a notification channel
packages/api/src/router/email/**  page-subscriber  # subscription verification e-mail (and the team-invitation one)
packages/api/src/router/tinybird/**  monitor  # monitors' metrics, latency, uptime and check logs from Tinybird
packages/db/src/schema/constants.ts  monitor  # monitor periodicities and regions
packages/db/src/schema/shared.ts  page  # public status-page schemas (page with components, reports, trackers)
`).map(([glob, mod]) => [picomatch(glob), mod === "-" ? null : mod]);

// Noun rules: module, then how the code spells it (kebab-case regexes); first match wins, compounds first.
const RULES = nounRules(`
external-service-component  external-services?-components?
external-service-incident   external-services?-incidents? external-incidents?
external-service-report     external-services?-reports?
external-service            external-services? external-status effective-status  # provider status plus reports
page-subscriber             page-subscribers? subscribers? unsubscribe  # subscriber-notification, unsubscribe route
page-component-group        page-component-groups?
page-component              page-components?
monitor-group               monitor-groups?
monitor-tag                 monitor-tags?
frozen-uptime               frozen(-monitor)?-uptime uptime-freeze
status-timeline             status-timeline
private-location            private-locations?  # before monitor: private-location-monitor-status
status-report               status-reports? status-report-updates?
maintenance                 maintenances?
incident                    incidents?
notification                notifications?
checker                     checker
check                       checks?
monitor                     monitors?  # also monitor-status and monitor-run (runs count towards the plan quota)
page                        pages? status-page  # the code says page and status page for the same thing
sso                         sso sync-domains  # before domain: sso_domain, sso/sync-domains
domain                      domains?
viewer                      viewers?
application                 applications?
api-key                     api-keys?
audit-log                   audit(-logs?)?
chat-session                chat-sessions?
agent                       agent-tools
mcp                         mcp
invitation                  invitations?
member                      members?
workspace                   workspaces? whoami  # GET /v1/whoami: the workspace of the API key
user                        users?
plan                        plan
stripe                      stripe
integration                 integrations?
import                      import
feedback                    feedbacks?
`);

const below = Object.fromEntries(ROOTS.map((r) => [r, subjectsBelow(r)]));
const subjects = (f) => below[ROOTS.find((r) => f.startsWith(`${r}/`))](f);
const moduleOf = layeredModuleOf({ overrides: OVERRIDES, layers: LAYERS, rules: RULES, subjects });

writeLabels({ name: NAME, repo, scope: SCOPE, exclude: EXCLUDE, contexts: CONTEXTS, moduleOf });
