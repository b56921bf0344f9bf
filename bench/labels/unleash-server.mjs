// Business-domain labels for unleash's back end (src/lib/**), derived from the repository's own naming.
// Usage: node bench/labels/unleash-server.mjs /path/to/unleash
import picomatch from "picomatch";
import { layeredModuleOf, nounRules, rows, subjectsBelow, writeLabels } from "./driver.mjs";

const NAME = "unleash-server";
const repo = process.argv[2];
const S = "src/lib";
const SCOPE = [`${S}/**/*.{ts,tsx}`];
// Test doubles: fake-*.ts and fakes/ (in-memory stores and read models for unit tests), *.arbitraries.ts
// (fast-check generators for property tests) and addon-service-test-simple-addon.ts.
const EXCLUDE = [
  "**/*.{test,spec}.{ts,tsx}",
  "**/{*.d.ts,*generated*,*.arbitraries.ts,*-test-*}",
  "**/{fake-*,fake[A-Z]*}",
  "**/{fakes,test,tests,__mocks__,__snapshots__,fixtures,migrations}/**",
];
// Contexts (team-sized), "name: modules", each followed by an indented line saying why they belong together.
const CONTEXTS = `
feature-flags: feature feature-environment feature-strategy strategy variant dependent-feature feature-search
  the flag itself, as FeatureToggleService owns it: per-environment enablement, strategies, variants, dependencies
targeting: segment constraint context-field
  who a strategy applies to: reusable segments, constraints and the context fields they test
flag-metadata: feature-type tag tag-type feature-tag feature-link
  what describes a flag without changing its evaluation: its type and expected lifetime, tags, links
projects: project project-environment environment private-project project-health project-insights project-status
  where flags live: projects, their environments, naming rules and visibility, and their health/insights/status
release-management: release-plan release-plan-template safeguard feature-lifecycle
  how a flag moves to production: release plans and templates, milestone safeguards, lifecycle stages
change-requests: change-request
  four-eyes approval of changes (read models the enterprise change-request service plugs into)
sdk-delivery: client-feature frontend-api edge
  serving flag configuration to SDKs: the client API and its delta, the frontend API, Unleash Edge
sdk-usage: application client-metrics last-seen unknown-flag impact-metric unique-connection
  what SDKs report back: applications and instances, evaluation and impact metrics, unknown flags, connections
identity-and-access: user group role access auth session api-token pat public-signup
  who may do what: users, groups, roles and permissions, sign-in and sessions, API tokens, PATs, invite links
events: event
  the audit log of everything that changed, its search and the announcer that publishes it
integrations: addon integration-event
  pushing events to external services (Slack, Teams, Datadog, New Relic, webhooks) and their delivery log
playground: playground
  evaluating flags against a given context without an SDK, with the embedded evaluator
import-export: export-import
  moving flag configuration between instances and environments
instance-administration: instance-stats version ui-config maintenance resource-limit traffic-data-usage
  operating the instance: statistics and API traffic, version and telemetry, UI config, maintenance mode, limits
user-engagement: personal-dashboard favorite onboarding user-splash user-feedback user-subscription
  what each user sees and is told: dashboard, favourites, onboarding, splash screens, feedback, e-mail reports
`;

// Where business nouns live. Everything else (root files such as app, server-impl, create-config, logger and
// metrics, middleware/, error/, util/, openapi/util and openapi/{index,validate}) is infrastructure.
const LAYERS = [
  `${S}/features/**`,
  `${S}/services/**`,
  `${S}/db/**`,
  `${S}/routes/**`,
  `${S}/openapi/spec/**`,
  `${S}/{types,schema,domain,events,tags,users,addons,authentication,ui-config}/**`,
].map((g) => picomatch(g));

// Hand decisions: glob, module ("-" = infrastructure), reason. Checked before the layers and noun rules.
const OVERRIDES = rows(`
${S}/features/playground/**  playground  # embedded SDK evaluator: its strategy, constraint, variant files
${S}/features/frontend-api/**  frontend-api  # incl. its own client-feature-toggle read model and create-context
${S}/features/client-feature-toggles/**  client-feature  # the client API, its delta and revision cache
${S}/features/feature-toggle/configuration-revision-service.ts  client-feature  # revision ids SDK caches poll
${S}/features/export-import-toggles/**  export-import  # incl. import-context-validation, import-permissions
${S}/features/instance-stats/**  instance-stats  # getActiveUsers, getEdgeInstances, getLicensedUsers, ...
${S}/features/metrics/impact/**  impact-metric  # impact metrics SDKs send, incl. metrics-translator
${S}/features/metrics/{sizes,integrations}/**  -  # Prometheus gauges on table sizes and configured integrations
${S}/features/{scheduler,settings,ui-observability-controller}/**  -  # job scheduler, key-value store, UI logs
${S}/features/index.ts  -
${S}/addons/**  addon  # integration providers, incl. feature-event-formatter-md (formats events for them)
${S}/authentication/**  auth  # authorization-header credential kinds and token hashing
${S}/util/segments.ts  segment  # segment limits
${S}/util/sortStrategies.ts  feature-strategy
${S}/util/validators/constraint-types.ts  constraint  # constraint value validators
${S}/routes/admin-api/metrics.ts  application  # /metrics/applications: client applications and instances
${S}/types/query.ts  application  # IApplicationQuery
${S}/types/authentication-required.ts  -  # an error class
${S}/services/{index,openapi-service,health-service,email-service}.ts  -  # wiring, OpenAPI, DB probe, mailer
`).map(([glob, mod]) => [picomatch(glob), mod === "-" ? null : mod]);

// Noun rules: module, then how the code spells it (kebab-case regexes); first match wins, compounds first.
const RULES = nounRules(`
playground              playground
export-import           export-import exports? import-toggles?
change-request          change-requests?
project-status          project-status project-lifecycle project-stale-flags project-activity
project-insights        project-insights project-stats project-dora-metrics dora-features time-to-production
project-health          project-health health-report health-overview
release-plan-template   release-plan-templates?
safeguard               safeguards? metric-query
release-plan            release-plans? transition-condition
feature-lifecycle       feature-lifecycles?
client-feature          client-feature-toggles? client-features? client-payload client-spec
frontend-api            frontend-api frontend-settings
edge                    edge token-string-list
impact-metric           impact-metrics?
unknown-flag            unknown-flags?
last-seen               last-seen
instance-stats          instance-stats instance-admin
application             applications? instances? bulk-registration register outdated-sdks
client-metrics          metrics feature-usage
unique-connection       unique-connections?
traffic-data-usage      traffic-data-usage
dependent-feature       dependent-features? feature-dependencies dependencies-exist parent-(feature|variant)-options
feature-link            feature-links? link project-link-template
project                 feature-naming(-pattern)?  # a project setting
feature-search          feature-search search-features
feature-type            feature-types?
feature-tag             feature-tags?
favorite                favorites?
segment                 segments? feature-strategy-segments?
constraint              constraints? constraint-value-types
context-field           context-fields? context legal-value
feature-environment     feature-environments?
feature-strategy        feature-strateg(y|ies) feature-toggle-strategies strategy-sort-order
variant                 variants? strategy-variant variant-flag override
strategy                strateg(y|ies) parameters-schema
project-environment     project-environments? environments?-project
environment             environments? sort-order
tag-type                tag-types?
tag                     tags?
integration-event       integration-events?
event                   events?
addon                   addons?
api-token               api-tokens? apitokensv2 api-user
pat                     pats?
public-signup           public-signup public-invite invited-user
personal-dashboard      personal-dashboard
user-feedback           feedback
user-splash             splash
onboarding              onboarding
user-subscription       user-subscriptions? user-unsubscribe productivity-report  # its only subscription type
maintenance             maintenance
resource-limit          resource-limits?
version                 version telemetry
ui-config               ui-config set-cors
private-project         private-project
access                  access permissions? user-access-overview
role                    roles?
group                   groups? users-groups
session                 sessions?
auth                    auth authentication password reset-token login logout token-user
user                    users? account me profile user-updates signup-data admin-count
feature                 features? feature-toggles? toggles? archive batch-stale
project                 projects? flag-creators
`);

const moduleOf = layeredModuleOf({ overrides: OVERRIDES, layers: LAYERS, rules: RULES, subjects: subjectsBelow(S) });

writeLabels({ name: NAME, repo, scope: SCOPE, exclude: EXCLUDE, contexts: CONTEXTS, moduleOf });
