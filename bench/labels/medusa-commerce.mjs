// Business-domain labels for medusa's commerce back end: data modules (packages/modules/*/src), workflows
// (packages/core/core-flows/src) and HTTP routes (packages/medusa/src/api), derived from the repository's own naming.
// Usage: node bench/labels/medusa-commerce.mjs /path/to/medusa
import { contextsOf, rows, writeLabels } from "./driver.mjs";

const NAME = "medusa-commerce";
const repo = process.argv[2];
const SCOPE = ["packages/modules/*/src/**/*.ts", "packages/{core/core-flows/src,medusa/src/api}/**/*.ts"];
const EXCLUDE = ["**/*.{test,spec,d}.ts", "**/{__tests__,__fixtures__,__mocks__,migrations,migration}/**"];
// Contexts (team-sized), "name: modules", each followed by an indented line saying why they belong together.
const CONTEXTS = `
catalog: product product-variant product-category product-collection product-tag product-type
  what is sold: products, their variants and how they are classified
pricing-and-promotions: pricing price-list price-preference promotion campaign
  what things cost: price sets and lists, tax-inclusive preferences, promotions and their campaigns
cart-and-checkout: cart
  the shopper's cart, its line items, shipping methods and adjustments up to completion
orders: order draft-order order-edit return claim exchange return-reason
  the order and every after-sale change to it (edits, returns, claims, exchanges) via order changes
fulfillment: fulfillment fulfillment-set shipping-option shipping-profile
  getting goods to the customer: fulfillment sets and service zones, shipping options and profiles, shipments
inventory: inventory-item reservation stock-location
  stock: inventory items and levels per stock location, and reservations against them
payments: payment payment-collection refund-reason
  collecting money: payment collections and sessions, captures, refunds, provider webhooks
customers: customer customer-group
  customer accounts, addresses and segmentation groups
store-setup: store region currency tax-rate tax-region sales-channel
  merchant configuration: store, regions and currencies, tax regions and rates, sales channels
identity-and-access: auth user invite api-key
  who may call the back end: auth identities, admin users and their invites, publishable and secret API keys
notifications: notification
  outbound notifications and their provider delivery log
`;

// Areas: a data-module folder, a core-flows folder or an API resource. An area is labelled with its first module,
// unless a later module's noun appears in a path segment below it (scanned left to right). An area not listed
// is its own module when that module has a context; "-" marks infrastructure areas.
const AREAS = Object.fromEntries(
  rows(`
line-item  cart  # core-flows line-item/ workflows act on cart line items (ICartModuleService)
defaults  store  # core-flows defaults/ creates the default store
customer  customer customer-group
fulfillment  fulfillment fulfillment-set shipping-option shipping-profile
shipping-options  shipping-option
inventory  inventory-item reservation
order  order order-edit return-reason claim exchange return
payment  payment payment-collection refund-reason
payment-collection  payment-collection refund-reason
pricing  pricing price-list price-preference
product  product product-variant product-category product-collection product-tag product-type
promotion  promotion campaign
tax  tax-region tax-rate  # the tax module computes tax lines per tax region
user  user invite
cache-inmemory cache-redis event-bus-local event-bus-redis locking index link-modules  -
workflow-engine-inmemory workflow-engine-redis workflows-execution file upload common util  -
`).flatMap((r) => (r.at(-1) === "-" ? r.slice(0, -1).map((a) => [a, []]) : [[r[0], r.slice(1)]])),
);
// API resources whose name is not simply the plural of an area (the rest are singularised).
const ROUTES = { collections: "product-collection", "inventory-items": "inventory", "payment-providers": "payment" };
Object.assign(ROUTES, { "fulfillment-providers": "fulfillment", hooks: "payment" }); // hooks/: payment webhooks

// How each refinable module is spelled in file and folder names (kebab-case regexes).
const NOUNS = Object.fromEntries(
  rows(`
product-variant     (product-)?variants?
product-category    (product-)?categor(y|ies)
product-collection  (product-)?collections?
product-tag         product-tags?
product-type        product-types?
price-list          price-lists?
price-preference    price-preferences?
campaign            campaigns?
order-edit          order-edits?
return-reason       return-reasons?
claim               claims?
exchange            exchanges?
return              returns?
fulfillment-set     fulfillment-sets? service-zones? geo-zones?
shipping-option     shipping-options?
shipping-profile    shipping-profiles?
payment-collection  payment-collections? payment-sessions?
refund-reason       refund-reasons?
reservation         reservations?
customer-group      customer-groups?
invite              invites?
tax-rate            tax-rates?
`).map(([mod, ...alts]) => [mod, new RegExp(`(^|-)(${alts.join("|")})(-|$)`)]),
);

// Split a path into [area, path below the area]: the data-module or core-flows folder, or the API resource.
function area(f) {
  let m = f.match(/^packages\/(?:modules\/([^/]+)\/src|core\/core-flows\/src\/([^/]+))\/(.*)$/);
  if (m) return [m[1] ?? m[2], m[3]];
  m = f.match(/^packages\/medusa\/src\/api\/(?:admin\/|store\/)?(.*)$/)?.[1].match(/^([^/]+)\/(.*)$/);
  if (!m) return [null, ""]; // e.g. api/middlewares.ts, api/store/middlewares.ts
  return [ROUTES[m[1]] ?? m[1].replace(/ies$/, "y").replace(/s$/, ""), m[2]];
}

const contextOf = contextsOf(CONTEXTS);

function moduleOf(f) {
  const [a, rest] = area(f);
  const [first, ...refine] = AREAS[a] ?? [a];
  if (!first || !contextOf[first]) return null; // infrastructure, or not a business area
  for (const segment of rest.replace(/\.ts$/, "").split("/")) {
    const hit = refine.find((m) => NOUNS[m].test(segment));
    if (hit) return hit;
  }
  return first;
}

writeLabels({ name: NAME, repo, scope: SCOPE, exclude: EXCLUDE, contexts: CONTEXTS, moduleOf });
