// Business-domain labels for outline's Koa server (server/**), derived from the repository's own naming.
// Usage: node bench/labels/outline-server.mjs /path/to/outline
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import picomatch from "picomatch";
import { rows, writeLabels } from "./driver.mjs";

const NAME = "outline-server";
const repo = process.argv[2];
const SCOPE = ["server/**/*.{ts,tsx}"];
// server/scripts/ holds one-off data-migration (backfill) scripts, so it is left out like migrations.
const EXCLUDE = ["**/*.{test,spec}.*", "**/{*.d.ts,__mocks__/**}", "server/{test,typings,migrations,scripts}/**"];
// Contexts (team-sized), "name: modules", each followed by an indented line saying why they belong together.
const CONTEXTS = `
knowledge-base: document collection revision template collaboration relationship star pin
  the document tree itself: editing, history, structure and the bookmarks users keep on it
discussion: comment reaction emoji
  conversation on documents: comments, reactions and custom emoji
sharing: share user-membership group-membership access-request
  who may see a document or collection: public shares, explicit memberships, access requests
notifications: notification subscription
  who is told about changes, by e-mail or in-app
identity-and-access: user team group authentication authentication-provider api-key oauth-client oauth-authentication
  workspaces, people, groups and every way of signing in
import-export: import file-operation attachment
  moving content in and out: uploads, bulk imports and exports, all backed by file storage
search-and-insights: search view document-insight event
  read-side analytics: search index and queries, views, insights and the audit event log
integrations: integration webhook unfurl
  connections to external services and link previews
`;

// Hand decisions: glob, module ("-" = infrastructure), reason. Checked before the noun rules.
const OVERRIDES = rows(`
server/collaboration/**  collaboration  # Hocuspocus extensions of the real-time editing server
server/services/collaboration.ts  collaboration
server/converters/**  import  # file-format converters used only by document import
server/editor/**  document  # server-side ProseMirror schema and node views of document content
server/routes/oauth/**  oauth-authentication  # OAuth authorization-server endpoints
server/routes/auth/**  authentication
server/routes/api/installation/**  team  # installation.create creates the first workspace (team)
server/queues/processors/EmailsProcessor.ts  notification  # turns notification events into e-mails
server/queues/processors/AvatarProcessor.ts  user  # uploads avatars on users.create (and teams.create)
server/queues/processors/DebounceProcessor.ts  document  # debounces documents.update events
server/presenters/navigationNode.ts  collection  # presents a collection's document structure
server/emails/templates/ConfirmUpdateEmail.tsx  user  # sent by users.* when a user changes e-mail address
server/{middlewares,utils}/passport.ts  authentication
server/utils/{oauth,oauthState,oauth/OAuthInterface}.ts  authentication  # OAuth sign-in helpers for plugins
server/utils/{VerificationCode,LogoutTokenStore}.ts  authentication  # e-mail sign-in codes, logout tokens
server/utils/opensearch.ts  search
server/{storage,logging}/**  -
server/middlewares/validateWebhook.ts  -  # generic signature check for incoming HTTP hooks
server/routes/api/developer/**  -  # dev-only helpers
`).map(([glob, mod]) => [picomatch(glob), mod === "-" ? null : mod]);

// Noun rules: module, then how the code spells it (kebab-case regexes); first match wins, compounds first.
// *NotificationsTask classes create Notification rows for an event, hence notification comes first.
const RULES = rows(`
notification             notifications?
access-request           access-requests?
api-key                  api-keys?
authentication-provider  authentication-providers? provider-config
oauth-authentication     oauth-authentications? oauth-authorization-codes?
oauth-client             oauth-clients?
document-insight         document-insights?
group-membership         group-memberships?
user-membership          user-memberships? membership
integration              integrations? integration-authentications? issue-sources? issue-provider
authentication           authentications? auth user-passkeys? account-provisioner signin sso
webhook                  webhooks? webhook-subscriptions? webhook-deliver(y|ies)
share                    shares? share-subscriptions?
subscription             subscriptions?
file-operation           file-operations? exports? exporter
import                   imports? importer import-tasks?
attachment               attachments?
search                   search(es)? search-quer(y|ies) suggestions
group                    groups? group-users? external-groups?
collaboration            collaboration collaborative
revision                 revisions?
comment                  comments?
reaction                 reactions?
star                     stars?
pin                      pins?
template                 templates?
relationship             relationships? backlinks
view                     views?
event                    events?
emoji                    emojis?
unfurl                   unfurls? urls
collection               collections?
team                     teams? team-domains? available-team public-team
user                     users? invite user-inviter welcome
document                 documents? trash
`).map(([mod, ...alts]) => [mod, new RegExp(`-(?:${alts.join("|")})-`)]);

const words = (s) => s.replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2").replace(/([a-z0-9])([A-Z])/g, "$1-$2");
const kebab = (s) =>
  words(s)
    .toLowerCase()
    .replace(/\bo-auth/g, "oauth");
// Subject of a file: the resource folder for routes/api/<resource>/*, else the file's own name.
const subject = (f) => f.match(/^server\/routes\/api\/([^/]+)\//)?.[1] ?? basename(f).replace(/\.tsx?$/, "");
// E-mail templates rendered by the notification e-mail processor are notification e-mails.
const emailsProcessor = readFileSync(join(repo, "server/queues/processors/EmailsProcessor.ts"), "utf8");
const notificationEmails = new Set(
  [...emailsProcessor.matchAll(/emails\/templates\/(\w+)/g)].map((m) => `server/emails/templates/${m[1]}.tsx`),
);

function moduleOf(f) {
  const override = OVERRIDES.find(([match]) => match(f));
  if (override) return override[1];
  if (notificationEmails.has(f)) return "notification";
  const s = `-${kebab(subject(f))}-`;
  return RULES.find(([, re]) => re.test(s))?.[0] ?? null;
}

writeLabels({ name: NAME, repo, scope: SCOPE, exclude: EXCLUDE, contexts: CONTEXTS, moduleOf });
