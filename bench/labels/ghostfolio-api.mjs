// Business-domain labels for ghostfolio's NestJS API (apps/api/src/**), derived from the repository's own naming.
// Usage: node bench/labels/ghostfolio-api.mjs /path/to/ghostfolio
import { basename } from "node:path";
import picomatch from "picomatch";
import { rows, writeLabels } from "./driver.mjs";

const NAME = "ghostfolio-api";
const repo = process.argv[2];
const SCOPE = ["apps/api/src/**/*.ts"];
const EXCLUDE = ["**/*.{test,spec}.ts", "**/{*.d.ts,*.mock.ts,*test-utils*,__mocks__/**,migrations/**}"];
// Contexts (team-sized), "name: modules", each followed by an indented line saying why they belong together.
const CONTEXTS = `
portfolio-analytics: portfolio rule ai
  turns a user's holdings into performance, allocation, X-ray rule checks and AI prompts
activities-and-accounts: activity account account-balance import export platform tag
  the user's ledger: transactions booked into accounts at platforms, tagged, imported and exported
market-data: market-data asset-profile data-provider data-gathering exchange-rate benchmark symbol logo watchlist
  instruments and their prices: fetched from providers, gathered, looked up, compared and watched
identity-and-access: user auth auth-device api-key access
  who the user is, how they sign in, and who else may view their portfolio
billing: subscription
  premium subscriptions, coupons and Stripe checkout
platform-administration: admin info statistics
  operator tooling and public instance information and statistics
`;

// Hand decisions: glob, module ("-" = infrastructure), reason. Checked before the noun rules.
const S = "apps/api/src";
const OVERRIDES = rows(`
${S}/models/**  rule  # models/ holds only the X-ray rule engine and its rules
${S}/app/portfolio/rules.service.ts  rule  # evaluates the X-ray rules
${S}/app/endpoints/data-providers/**  data-provider  # Ghostfolio acting as a premium data provider
${S}/app/endpoints/public/**  access  # public portfolio page, resolved through an access (share) id
${S}/services/demo/**  user  # syncs the demo user's account
${S}/services/cryptocurrency/**  data-provider  # crypto symbol list used by the data providers
${S}/helper/{country,sector}.helper.ts  data-provider  # used only by data-provider enhancers
${S}/app/endpoints/assets/**  -  # serves the web manifest, not financial assets
${S}/{interceptors,middlewares,dtos,environments}/**  -
${S}/services/twitter-bot/**  -  # marketing bot
`).map(([glob, mod]) => [picomatch(glob), mod === "-" ? null : mod]);

// Noun rules: module, then how the code spells it (kebab-case regexes); first match wins, compounds first.
const RULES = rows(`
account-balance  account-balances?
account          accounts? cash-details
activity         activities activity
import           import
export           export
api-key          api-keys?
auth-device      auth-device
auth             auth oauth-callback
access           access impersonation
asset-profile    asset-profiles? asset symbol-profile
benchmark        benchmarks?
market-data      market-data
data-gathering   data-gathering
data-provider    data-providers? data-source
exchange-rate    exchange-rate
platform         platforms?
portfolio        portfolio
tag              tags?
watchlist        watchlist
subscription     subscription
user             user
symbol           symbol
logo             logo
ai               ai
admin            admin
info             info
statistics       statistics
`).map(([mod, ...alts]) => [mod, new RegExp(`-(?:${alts.join("|")})-`)]);

// Subject of a file: its NestJS feature folder (app/<f>, app/endpoints/<f>, services/<f>, services/queues/<f>),
// otherwise the file's own name (helpers, events, guards, decorators, filters).
const FEATURE = /^apps\/api\/src\/(?:app\/(?:endpoints\/)?|services\/(?:queues\/)?)([^/]+)\//;
const subject = (f) => f.match(FEATURE)?.[1] ?? basename(f, ".ts").replace(/\./g, "-");

function moduleOf(f) {
  const override = OVERRIDES.find(([match]) => match(f));
  if (override) return override[1];
  const s = `-${subject(f)}-`;
  return RULES.find(([, re]) => re.test(s))?.[0] ?? null;
}

writeLabels({ name: NAME, repo, scope: SCOPE, exclude: EXCLUDE, contexts: CONTEXTS, moduleOf });
