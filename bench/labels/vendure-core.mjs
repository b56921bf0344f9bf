// Business-domain labels for vendure's core package (packages/core/src/**), derived from the repository's own naming.
// Usage: node bench/labels/vendure-core.mjs /path/to/vendure
import { basename } from "node:path";
import picomatch from "picomatch";
import { layeredModuleOf, rows, writeLabels } from "./driver.mjs";

const NAME = "vendure-core";
const repo = process.argv[2];
const S = "packages/core/src";
const SCOPE = [`${S}/**/*.{ts,tsx}`];
// src/testing/ holds order fixtures for unit tests; *test-fixtures* and *.mock.ts are test doubles.
const EXCLUDE = [
  "**/*.{spec,e2e-spec}.ts",
  "**/{*.d.ts,*.mock.ts,*test-fixtures*,*generated*}",
  "**/{test,testing,__mocks__,mock-data,migrations}/**",
];
// Contexts (team-sized), "name: modules", each followed by an indented line saying why they belong together.
const CONTEXTS = `
catalog: product product-variant product-option-group product-option facet facet-value collection import
  what is sold: products, variants and their options, facets and collections that classify them, and catalog import
search: search
  finding products: the search index, its indexer jobs and the full-text search strategies
assets: asset tag
  media files: storage, naming, previews and the tags that organise them
pricing-and-tax: product-variant-price tax-rate tax-category tax
  what things cost: per-channel variant prices and their calculation, tax categories, rates and tax lines
promotions: promotion
  discounts: promotions, their conditions and actions, and coupon codes
orders: order order-line order-modification history
  the order from active cart through checkout and its state machine to later modifications, with its history timeline
payments: payment payment-method refund
  taking money: payment methods and handlers, payments and refunds with their state machines
fulfillment-and-shipping: shipping-method shipping-line fulfillment
  getting goods to the customer: shipping methods, calculators and eligibility, shipping lines and fulfillments
inventory: stock-level stock-location stock-movement stock
  stock: levels per stock location, allocations, sales, releases and adjustments, and how stock is displayed
customers: customer customer-group address
  the people who buy: customer accounts, their addresses and customer groups
identity-and-access: user administrator role session auth
  who may call the back end: users and administrators, roles and permissions, sessions and every way of signing in
store-setup: channel seller global-settings zone region
  merchant configuration: channels (multi-tenancy) and sellers, store-wide settings, countries, provinces and zones
`;

// Where business nouns live. Everything else (api/{common,config,decorators,middleware}, cache, common, connection,
// event-bus plumbing, health-check, i18n, job-queue, plugin framework, process-context, scheduler, worker, cli, root
// files) is infrastructure and stays unlabelled.
const LAYERS = [
  `${S}/entity/**`,
  `${S}/service/**`,
  `${S}/api/resolvers/**`,
  `${S}/config/**`,
  `${S}/event-bus/events/**`,
  `${S}/data-import/**`,
  `${S}/scheduler/tasks/**`,
].map((g) => picomatch(g));

// Hand decisions: glob, module ("-" = infrastructure), reason. Checked before the layers and noun rules.
const OVERRIDES = rows(`
${S}/config/promotion/**  promotion  # promotion actions and conditions, named after what they discount or test
${S}/plugin/default-search-plugin/**  search  # the built-in SearchStrategy, index and indexer
${S}/api/resolvers/shop/shop-environment.resolver.ts  channel  # serves the shop's activeChannel query
${S}/service/helpers/list-query-builder/**  -  # generic list/filter/sort query builder (parse-channel-param too)
`).map(([glob, mod]) => [picomatch(glob), mod === "-" ? null : mod]);

// Noun rules: module, then how the code spells it (kebab-case regexes); first match wins, compounds first.
const RULES = rows(`
order-modification     order-modifications? order-modifier
order-line             order-lines?
history                history history-entry
product-variant-price  product-variant-prices? product-price
product-variant        product-variants?
product-option-group   product-option-groups?
product-option         product-options?
product                products?
facet-value            facet-values?
facet                  facets?
collection             collections?
import                 import importer populator
search                 search
payment-method         payment-methods?
payment                payments?
refund                 refunds?
promotion              promotions? coupon-code
shipping-line          shipping-lines?
shipping-method        shipping-methods? shipping
fulfillment            fulfillments?
order                  orders? guest-checkout surcharge
stock-movement         stock-movements? stock-adjustment
stock-level            stock-levels?
stock-location         stock-locations?
stock                  stock
tax-rate               tax-rates?
tax-category           tax-categor(y|ies)
tax                    tax
address                address(es)?
customer-group         customer-groups?
customer               customers?
asset                  assets?
tag                    tags?
administrator          administrators?
role                   roles?
session                sessions?
user                   users? account password-reset identifier-change
auth                   auth authentication authentication-methods? password verification-token login logout
global-settings        global-settings
seller                 sellers?
channel                channels? change-channel
zone                   zones?
region                 regions? country countries province
`).map(([mod, ...alts]) => [mod, new RegExp(`-(?:${alts.join("|")})-`)]);

// Subjects of a file, tried in turn: its own name (dots become dashes), then its enclosing folders below src/ from
// the inside out, so entity/stock-movement/sale.entity.ts falls back to stock-movement.
function subjects(f) {
  const parts = f.slice(S.length + 1).split("/");
  const own = basename(f)
    .replace(/\.tsx?$/, "")
    .replace(/\./g, "-");
  return [own, ...parts.slice(0, -1).reverse()];
}

const moduleOf = layeredModuleOf({ overrides: OVERRIDES, layers: LAYERS, rules: RULES, subjects });

writeLabels({ name: NAME, repo, scope: SCOPE, exclude: EXCLUDE, contexts: CONTEXTS, moduleOf });
