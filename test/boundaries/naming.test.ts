import { describe, expect, it } from "vitest";
import { nameByNouns, nameGroups, nameServices } from "../../src/boundaries/naming.js";
import { domainNames, nounOf } from "../../src/coupling/names.js";

/** `count` files using an entity: `first`, a file of the service, and others beyond the fixture's files. */
function usedBy(count: number, first: number): number[] {
  return [first, ...Array.from({ length: count - 1 }, (_, k) => 1000 + k)];
}

/** A service of consecutive modules of these sizes over `files`; the next file and 11 others use its entity file. */
function serviceOf(files: string[], sizes: number[], entity: number) {
  let next = 0;
  const service = sizes.map((n) => Array.from({ length: n }, () => next++));
  const hints = {
    nouns: files.map(nounOf),
    entityFiles: new Set([entity]),
    users: new Map([[entity, usedBy(12, entity + 1)]]),
  };
  return { modules: [service], hints };
}

/** Names of two groups by their files' nouns: the first four files, then the next two. */
const fourAndTwo = (files: string[]) =>
  nameByNouns(
    [
      [0, 1, 2, 3],
      [4, 5],
    ],
    files,
    files.map(nounOf),
    new Set(),
  );

describe("service names", () => {
  it("take the word that sets a group apart, skipping glue words, verb prefixes and framework words", () => {
    const names = nameGroups([
      // "and" and "greed" are in every file here and nowhere else; "and" must not win
      ["ui/fear-and-greed-index.ts", "ui/fear-and-greed-chart.ts", "api/fear-and-greed.service.ts"],
      // every file is a Nest module: the group is named by what the modules are about
      [
        "api/app/portfolio/portfolio.module.ts",
        "api/app/portfolio-snapshot/portfolio-snapshot.module.ts",
        "api/app/holding/portfolio-holding.module.ts",
      ],
      // function-named helpers: "get" is the shared prefix, "price" the shared subject
      ["lib/get-price.ts", "lib/get-price-history.ts", "lib/price-format.ts"],
    ]);
    // tf-idf by hand (share of the group's files x ln(3 groups / groups with the word)), ties by
    // name: group 0: and, fear, greed score ln 3, "and" is unfit; group 1: app, module, portfolio
    // score ln 3, the first two are unfit; group 2: lib and price score ln 3, "lib" is unfit.
    expect(names).toEqual(["fear", "portfolio", "price"]);
  });

  it("split a camelCase folder's name into words: amplication's moduleAction/ names module-action", () => {
    // every file's own name leads with the role word `module` (amplication's user-defined modules): no noun, so the
    // folder they share speaks, in its own words
    const group = [
      "moduleAction.service.ts",
      "moduleAction.resolver.ts",
      "dto/CreateModuleActionArgs.ts",
      "dto/ModuleActionWhereInput.ts",
    ].map((f) => `src/core/moduleAction/${f}`);
    const files = [...group, "src/core/webhook/webhook.service.ts", "src/core/webhook/webhook.resolver.ts"];
    expect(fourAndTwo(files)).toEqual(["module-action", "webhook"]);
  });

  it("never take a lone adjective for a name: it qualifies what the files are about", () => {
    // an analytics app's queries: the active visitors and the date range of a website, beside the website's own
    const names = nameGroups([
      ["api/active/route.ts", "queries/getActiveVisitors.ts", "queries/getDateRange.ts", "api/daterange/route.ts"],
      ["api/website/route.ts", "queries/getWebsite.ts"],
    ]);
    // tf-idf by hand: "active" is on half of the first group's files and in no other group, so it scores best
    // (0.5 x ln 2); after it "date", "daterange", "range" and "visitors" score 0.25 x ln 2, "date" first by name
    expect(names[0]).toBe("date");
  });

  it("never take a route's callback for a name: it says how the provider calls back, not what about", () => {
    const names = nameGroups([
      // OAuth integrations: each provider's route and its callback
      [
        "app/api/google-sheet/callback/route.ts",
        "app/api/integrations/airtable/callback/route.ts",
        "app/api/integrations/notion/callback/route.ts",
        "app/api/integrations/slack/callback/route.ts",
      ],
      ["app/api/surveys/route.ts", "app/api/surveys/[id]/route.ts"],
    ]);
    // by hand: app, api and route are in both groups (idf 0); callback (4 of 4 files, 0.69) outscores
    // integrations (3 of 4, 0.52; a plural folds only when its singular occurs), but is unfit
    expect(names[0]).toBe("integrations");
  });

  it("never take a container folder or a use-case role for a name (features/, usecases/, *.usecase.ts)", () => {
    const names = nameGroups([
      [
        "src/features/subscriber/usecases/update-subscriber.usecase.ts",
        "src/features/subscriber/usecases/delete-subscriber.usecase.ts",
        "src/features/subscriber/subscriber.controller.ts",
      ],
      ["src/billing/invoice.ts", "src/billing/payment.ts"],
    ]);
    // group 0: features, subscriber and usecase (usecases folds into it) score 1 x ln 2, update and
    // delete 1/3 x ln 2; by name features and usecase would come first and win, both unfit
    expect(names).toEqual(["subscriber", "billing"]);
  });

  it("take a business noun that is also the name of a container folder, never the OpenAPI folder", () => {
    // unleash's feature flags: its schemas sit in openapi/spec/, its feature code in features/
    const files = [
      "src/lib/openapi/spec/feature-schema.ts",
      "src/lib/openapi/spec/create-feature-schema.ts",
      "src/lib/openapi/spec/feature-types-schema.ts",
      "src/lib/features/feature-toggle/feature-toggle-store.ts",
      "src/lib/openapi/spec/tag-schema.ts",
      "src/lib/openapi/spec/tags-schema.ts",
      "src/lib/services/tag-service.ts",
    ];
    // nouns by hand: feature-schema, create-feature-schema and feature-types-schema say "feature" (types is a
    // role word), the store "feature-toggle"; the rest "tag"
    const nouns = ["feature", "feature", "feature", "feature-toggle", "tag", "tag", "tag"];
    expect(
      nameByNouns(
        [
          [0, 1, 2, 3],
          [4, 5, 6],
        ],
        files,
        nouns,
        new Set(),
      ),
    ).toEqual(["feature", "tag"]);
    // with no noun to go by, the path words speak: openapi and spec are on every file of the first group and
    // name nothing, feature does
    expect(nameGroups([files.slice(0, 3), files.slice(4)])).toEqual(["feature", "tag"]);
  });

  it("join the two best words when each already names a bigger group", () => {
    const names = nameGroups([
      ["src/user/a.ts", "src/user/b.ts", "src/user/c.ts", "src/user/d.ts"],
      ["src/request/a.ts", "src/request/b.ts", "src/request/c.ts", "src/request/d.ts"],
      [
        "src/user-request/input-args.ts",
        "src/user-request/user-request.resolver.ts",
        "src/user-request/user-request.service.ts",
        "src/user-request/date-format.ts",
      ],
    ]);
    // the third group's best words are user and request (1 x ln 1.5 each), both taken by the
    // bigger groups; input, args, resolver, service are unfit, and date and format (1/4 x ln 3)
    // are carried by one file of four: too narrow to name the group alone
    expect(names).toEqual(["user", "request", "user-request"]);
  });

  it("fall back to an unfit word when a group has nothing else", () => {
    expect(nameGroups([["a/get.ts", "a/get-it.ts"], ["b/index.ts"]])).toEqual(["get", "index"]);
  });

  it("take the folder most files share when no noun is on a quarter of them", () => {
    // one file per data provider: each noun names one file of seven; four of the seven sit
    // in services/data-provider/, whose own noun ("data", before the role word) names nothing
    const files = [
      "src/services/data-provider/alpha-vantage/alpha-vantage.service.ts",
      "src/services/data-provider/coingecko/coingecko.service.ts",
      "src/services/data-provider/yahoo-finance/yahoo-finance.service.ts",
      "src/services/data-provider/manual/manual.service.ts",
      "src/app/symbol/symbol.service.ts",
      "src/app/logo/logo.service.ts",
      "src/app/quote/quote.service.ts",
    ];
    const group = files.map((_, i) => i);
    expect(nameByNouns([group], files, files.map(nounOf), new Set())).toEqual(["data-provider"]);
    // with a noun on a quarter of the files, the noun names it
    const orders = [...files, "src/orders/order.service.ts", "src/orders/order.controller.ts", "src/order.ts"];
    const all = orders.map((_, i) => i);
    expect(nameByNouns([all], orders, orders.map(nounOf), new Set())).toEqual(["order"]);
  });

  it("take a folder name half the files sit under across the layers when no one folder holds half", () => {
    // postiz's sign-in: the auth route, the providers of services/auth/, the forms of dtos/auth/, and the one
    // social network that signs users in (a farcaster form and provider)
    const files = [
      "apps/backend/src/api/routes/auth.controller.ts",
      "apps/backend/src/services/auth/providers/github.provider.ts",
      "apps/backend/src/services/auth/providers/wallet.provider.ts",
      "apps/backend/src/services/auth/providers/apple.provider.ts",
      "apps/backend/src/services/auth/providers.interface.ts",
      "libraries/nest/src/dtos/auth/login.user.dto.ts",
      "libraries/nest/src/dtos/auth/forgot.password.dto.ts",
      "libraries/nest/src/dtos/posts/settings/farcaster.dto.ts",
      "libraries/nest/src/integrations/social/farcaster.provider.ts",
    ];
    // by hand: the most carried noun, farcaster, is on 2 of 9 files, under a quarter; the deepest folder holding
    // half of them is apps/backend/src/ (5), whose name says a tier of the app, not a domain; services/auth/ (4)
    // and dtos/auth/ (2) are two folders named auth, which 6 of the 9 files sit under
    expect(nameByNouns([files.map((_, i) => i)], files, files.map(nounOf), new Set())).toEqual(["auth"]);
    // three more forms, of other folders of libraries/nest/: the package's folder, which 7 of the 12 sit under, is
    // where they live, not what about; the auth folders still hold 6
    const more = [...files, ...["media", "webhook", "team"].map((d) => `libraries/nest/src/dtos/${d}/${d}.dto.ts`)];
    expect(nameByNouns([more.map((_, i) => i)], more, more.map(nounOf), new Set())).toEqual(["auth"]);
  });

  it("never name by a folder holding every file, nor by an API version", () => {
    // a Next.js app given as apps/web/: route handlers, one per provider; no noun on a quarter of them
    const service = [
      "apps/web/app/api/v1/integrations/slack/route.ts",
      "apps/web/app/api/v1/integrations/notion/route.ts",
      "apps/web/app/api/v1/integrations/airtable/tables/route.ts",
      "apps/web/app/api/v3/surveys/route.ts",
      "apps/web/app/api/v3/tags/route.ts",
      "apps/web/app/(app)/layout-data.ts",
    ];
    const elsewhere = ["apps/web/lib/survey/service.ts", "apps/web/lib/tag/service.ts"];
    const files = [...service, ...elsewhere];
    // by hand: apps/web/app/ holds 6 of 8, apps/web/app/api/ 5 (its noun "api" is unfit), apps/web/app/api/v1/
    // 3 and apps/web/app/api/v1/integrations/ 3 of the group's 6; the deepest holding half of them is the
    // latter, whose noun names the group
    const [name] = nameByNouns([service.map((_, i) => i)], files, files.map(nounOf), new Set());
    expect(name).toBe("integration");
    // eight nouns on eight files: by hand, the deepest folder holding half of them is an API version, which names
    // nothing; app/api/ above it is unfit, so the nouns speak, one file each: the first by name, contact
    const nameOf = (group: string[]) => nameByNouns([group.map((_, i) => i)], group, group.map(nounOf), new Set())[0];
    const lib = ["survey", "tag", "contact", "segment"].map((d) => `apps/web/lib/${d}/service.ts`);
    const versioned = ["quotas", "webhooks", "responses", "displays"].map((d) => `apps/web/app/api/v3/${d}/route.ts`);
    expect(nameOf([...versioned, ...lib])).toBe("contact");
  });

  it("never name by the folder of the app that holds most files, beside the packages analysed with it", () => {
    // formbricks given as apps/web/ and packages/jobs/: integration routes and services spread over the app
    const group = [
      "apps/web/app/api/google-sheet/route.ts",
      "apps/web/app/api/v1/integrations/airtable/route.ts",
      "apps/web/app/(app)/integrations/notion/notion-sync.ts",
      "apps/web/app/(app)/integrations/slack/slack-sync.ts",
      "apps/web/lib/hubspot/service.ts",
      "apps/web/lib/zapier/service.ts",
      "apps/web/lib/sheets/service.ts",
    ];
    const others = ["apps/web/lib/survey/service.ts", "apps/web/lib/tag/service.ts", "packages/jobs/src/queue.ts"];
    const files = [...group, ...others];
    // by hand: no noun is on a quarter of the group's 7 files; the deepest folder holding half of them is
    // apps/web/app/ (4; app/api/ and app/(app)/ hold 2 each), whose noun, read up the path, is the app's:
    // apps/web/ holds most files, of two of the three groups, so it says where they live, not what one is
    // about; "app" is unfit, so the nouns speak, one file each: the first by name
    const names = nameByNouns([group.map((_, i) => i), [7, 8], [9]], files, files.map(nounOf), new Set());
    expect(names[0]).toBe("airtable");
    // the same in two groups, the packages with the surveys: apps/web/ holds files of both, and most files
    expect(nameByNouns([group.map((_, i) => i), [7, 8, 9]], files, files.map(nounOf), new Set())[0]).toBe("airtable");
  });

  it("never name by an API version a folder's name carries: the version says which API, not what about", () => {
    // novu's NestJS modules by API version: `workflows-v2/` holds generic files and use cases of one noun each
    const v2 = ["workflows-v2.controller.ts", "workflows-v2.module.ts", "usecases/index.ts", "dtos/index.ts"];
    const group = v2.map((f) => `apps/api/src/app/workflows-v2/${f}`);
    const files = [...group, "apps/api/src/app/inbox/inbox.service.ts", "apps/api/src/app/inbox/inbox.module.ts"];
    const names = fourAndTwo(files);
    // by hand: the group's files say "workflows-v2" (the two named for it) or nothing; less its version, the
    // noun is "workflows", made singular
    expect(names).toEqual(["workflow", "inbox"]);
  });

  it("never name by a route parameter folder, which says which one, not what", () => {
    // generic files under one [responseId] folder, beside another group: no noun, and the folder they share
    // is the parameter; by hand, the one path word setting the group apart that may name it is response
    const group = ["route", "utils", "types", "index"].map((f) => `apps/web/app/api/v1/[responseId]/${f}.ts`);
    const other = ["apps/web/lib/other/a.ts", "apps/web/lib/other/b.ts"];
    const files = [...group, ...other];
    const names = fourAndTwo(files);
    expect(names[0]).toBe("response");
  });

  it("never take a top-level folder: packages/ says where code lives, not what it does", () => {
    // a platform spread over workspace packages: no noun on a quarter of the files, and the only
    // folder holding half of them is packages/ itself
    const files = [
      "packages/utils/src/dal/mikro-orm/soft-delete.ts",
      "packages/orchestration/src/joiner/remote-joiner.ts",
      "packages/modules-sdk/src/loaders/module-loader.ts",
      "packages/medusa/src/loaders/plugins.ts",
      "packages/cli/src/commands/develop.ts",
      "packages/telemetry/src/telemeter.ts",
    ];
    const [name] = nameByNouns([files.map((_, i) => i)], files, files.map(nounOf), new Set());
    expect(name).not.toBe("package");
    expect(name).not.toBe("packages");
  });

  it("never take the folder every analysed file is in: a back end given with --include names nothing", () => {
    // guards and controllers of four domains, and an orders module; all of it in packages/shop-backend/src/
    const root = "packages/shop-backend/src";
    const files = [
      `${root}/admin/guards/rest-admin.guard.ts`,
      `${root}/auth/guards/jwt-auth.guard.ts`,
      `${root}/health/health.controller.ts`,
      `${root}/team/guards/rest-team-member.guard.ts`,
      `${root}/types/RESTError.ts`,
      `${root}/order/order.service.ts`,
      `${root}/order/order.controller.ts`,
      `${root}/order/order.model.ts`,
    ];
    const [mixed, orders] = nameByNouns(
      [
        [0, 1, 2, 3, 4],
        [5, 6, 7],
      ],
      files,
      files.map(nounOf),
      new Set(),
    );
    expect(orders).toBe("order");
    expect(mixed).not.toMatch(/shop|backend/);
  });

  it("qualify a taken noun by the next one rather than name a group by a noun on one file", () => {
    const calculators = [
      "src/app/portfolio/calculator/portfolio-calculator.ts",
      "src/app/portfolio/calculator/roai/portfolio-calculator.ts",
      "src/app/portfolio/calculator/twr/portfolio-calculator.ts",
      "src/app/portfolio/calculator/mwr/portfolio-calculator.ts",
      "src/app/portfolio/portfolio-snapshot.ts",
      "src/app/portfolio/current-rate.service.ts",
    ];
    const api = [
      "src/app/portfolio/portfolio.service.ts",
      "src/app/portfolio/portfolio.controller.ts",
      "src/app/portfolio/portfolio.module.ts",
      "src/app/portfolio/get-dividends.dto.ts",
      "src/app/portfolio/update-holding-tags.dto.ts",
    ];
    const files = [...calculators, ...api];
    const nouns = files.map(nounOf);
    // by hand: the bigger group takes "portfolio"; the api group's next nouns, dividend and
    // holding-tag, are each on one file of five, under a quarter
    expect(nouns.slice(calculators.length)).toEqual(["portfolio", "portfolio", "portfolio", "dividend", "holding-tag"]);
    const groups = [calculators.map((_, i) => i), api.map((_, i) => calculators.length + i)];
    expect(nameByNouns(groups, files, nouns, new Set())).toEqual(["portfolio", "portfolio-dividend"]);
  });

  it("qualify a taken noun by a noun phrase that holds it as that phrase alone, never repeating a word", () => {
    // by hand: "search" is on 5 of 8 files and taken; the next nouns are on one file each, the tie
    // broken alphabetically: search-query, before snippet and term, which holds "search" already
    const files = ["a", "b", "c", "d", "e", "f", "g", "h"].map((x) => `src/search/${x}.ts`);
    const nouns = ["search", "search", "search", "search", "search", "search-query", "snippet", "term"];
    const group = [files.map((_, i) => i)];
    expect(nameByNouns(group, files, nouns, new Set(["search"]))).toEqual(["search-query"]);
    // one that does not hold it qualifies it, as before
    const other = ["search", "search", "search", "search", "search", "facet", "snippet", "term"];
    expect(nameByNouns(group, files, other, new Set(["search"]))).toEqual(["search-facet"]);
  });

  it("qualify by the next noun, never by the folder's noun that is also the group's own", () => {
    const api = [
      "src/app/portfolio/portfolio.controller.ts",
      "src/app/portfolio/portfolio.service.ts",
      "src/app/portfolio/get-details.dto.ts",
      "src/app/portfolio/get-dividends.dto.ts",
      "src/app/portfolio/get-holdings.dto.ts",
      "src/app/portfolio/get-investments.dto.ts",
      "src/app/portfolio/get-performance.dto.ts",
      "src/app/portfolio/get-positions.dto.ts",
      "src/app/portfolio/update-tags.dto.ts",
    ];
    // by hand: "portfolio" is on 2 of the 9 files, under a quarter, so the folder holding them
    // (src/app/portfolio/, "portfolio") speaks first; with "portfolio" taken by another service, it
    // is qualified by the next noun, detail (every other noun is on one file; alphabetical on the tie)
    const group = [api.map((_, i) => i)];
    expect(nameByNouns(group, api, api.map(nounOf), new Set(["portfolio"]))).toEqual(["portfolio-detail"]);
  });

  it("name a service by an entity only through the entity's own name, never its folder", () => {
    // a base class in a folder named after the ORM; the domain is in the module's other files
    const files = [
      "src/dal/mikro-orm/base-entity.ts",
      "src/dal/mikro-orm/soft-delete.ts",
      "src/workflows/workflow-execution.ts",
      "src/workflows/workflow-step.ts",
    ];
    const nouns = files.map(nounOf);
    expect(nouns[0]).toBe("mikro-orm"); // the folder's noun, climbing from base-entity.ts
    const hints = { nouns, entityFiles: new Set([0]), users: new Map([[0, [1, 2, 3]]]) };
    const [name] = nameServices([[[0, 1, 2, 3]]], [["workflow"]], files, hints, new Set());
    expect(name).toBe("workflow");
  });
  it("name a service whose every candidate is taken by its own nouns against the names given, not a number", () => {
    // outline's plugins: two services whose modules are both named "integration"; the bigger (4
    // files, mostly github's) takes it, by its module's name; the smaller's nouns are integration
    // (2 of 3 files, taken) and figma (1 of 3, a quarter or more): figma, not integration-2
    const nouns = ["integration", "github", "github", "github", "integration", "integration", "figma"];
    const files = nouns.map((n, i) => `src/${n}/${i}.ts`);
    const hints = { nouns, entityFiles: new Set<number>(), users: new Map<number, number[]>() };
    const services = [[[0, 1, 2, 3]], [[4, 5, 6]]];
    const names = nameServices(services, [["integration"], ["integration"]], files, hints, new Set());
    expect(names).toEqual(["integration", "figma"]);
  });

  it("name a service after its largest module's own entity, before one another module uses more widely", () => {
    // outline's server: notifications (4 files here) and groups (2) in one service; every part of
    // the app reads Group, few read Notification, yet the service is mostly about notifications
    const files = [
      "server/models/Notification.ts",
      "server/queues/tasks/CommentCreatedNotificationsTask.ts",
      "server/emails/templates/CommentMentionedEmail.tsx",
      "server/presenters/notification.ts",
      "server/models/Group.ts",
      "server/presenters/group.ts",
    ];
    const nouns = files.map(nounOf);
    const hints = {
      nouns,
      entityFiles: new Set([0, 4]),
      users: new Map([
        [0, usedBy(5, 1)],
        [4, usedBy(40, 5)],
      ]),
    };
    const modules = [
      [
        [0, 1, 2, 3],
        [4, 5],
      ],
    ];
    expect(nameServices(modules, [["notification", "group"]], files, hints, new Set())).toEqual(["notification"]);
    // with the largest module's entity taken, the most used of the others names it
    expect(nameServices(modules, [["notification", "group"]], files, hints, new Set(["notification"]))).toEqual([
      "group",
    ]);
    // and among the largest module's entities, the one the module is named after
    const two = {
      nouns: nouns.map((n, i) => (i === 3 ? "notification-setting" : n)),
      entityFiles: new Set([0, 3, 4]),
      users: new Map([
        [0, usedBy(5, 1)],
        [3, usedBy(9, 1)],
        [4, usedBy(40, 5)],
      ]),
    };
    expect(nameServices(modules, [["notification", "group"]], files, two, new Set())).toEqual(["notification"]);
  });
  it("name a service by its largest module, not by an entity few of its files use", () => {
    // growthbook's data-source integrations: PastExperiments is a side table one file of eight reads
    const files = [
      "src/integrations/BigQuery.ts",
      "src/integrations/Snowflake.ts",
      "src/integrations/Postgres.ts",
      "src/integrations/SqlIntegration.ts",
      "src/services/integrations.ts",
      "src/queryRunners/PastExperimentsQueryRunner.ts",
      "src/models/PastExperimentsModel.ts",
      "src/integrations/Redshift.ts",
    ];
    const nouns = ["integration", "integration", "integration", "integration", "integration", undefined, undefined];
    nouns.push("integration");
    const few = { nouns, entityFiles: new Set([6]), users: new Map([[6, [5, 6]]]) };
    expect(nameServices([[files.map((_, i) => i)]], [["integration"]], files, few, new Set())).toEqual(["integration"]);
    // read by two of the eight, a quarter, it names the service
    const two = { ...few, users: new Map([[6, [4, 5, 6]]]) };
    expect(nameServices([[files.map((_, i) => i)]], [["integration"]], files, two, new Set())).toEqual([
      "past-experiment",
    ]);
  });

  it("name a service by its largest module when the module's entity only qualifies the module's name", () => {
    // outline's search: SearchQuery is its one table, the module (searches, suggestions, the index) is search
    const files = [
      "server/models/SearchQuery.ts",
      "server/presenters/searchQuery.ts",
      "server/routes/api/searches/searches.ts",
      "server/utils/SearchProviderManager.ts",
    ];
    const nouns = files.map(nounOf);
    expect(nouns[0]).toBe("search-query");
    const hints = { nouns, entityFiles: new Set([0]), users: new Map([[0, [1, 2, 3]]]) };
    expect(nameServices([[[0, 1, 2, 3]]], [["search"]], files, hints, new Set())).toEqual(["search"]);
    // a module name that no entity noun begins with leaves the entity to name it
    expect(nameServices([[[0, 1, 2, 3]]], [["query"]], files, hints, new Set())).toEqual(["search-query"]);
  });

  it("name a service by its largest module when another module's entity only qualifies that module's name", () => {
    // crowd.dev's members: the largest module is `member` (its routes and service), the Member model sits in a
    // small module of the models folder, and the member attribute settings, a module of their own, own their model
    const files = [
      "src/api/member/memberList.ts",
      "src/api/member/memberUpdate.ts",
      "src/services/memberService.ts",
      "src/database/repositories/memberRepository.ts",
      "src/database/models/memberAttributeSettings.ts",
      "src/services/memberAttributeSettingsService.ts",
      "src/api/settings/memberAttributeList.ts",
      "src/database/models/member.ts",
    ];
    const users = new Map([
      [4, [5, 6]],
      [7, [2, 3]],
    ]);
    const hints = { nouns: files.map(nounOf), entityFiles: new Set([4, 7]), users };
    expect(hints.nouns.slice(4, 5)).toEqual(["member-attribute-setting"]);
    const modules = [[0, 1, 2, 3], [4, 5, 6], [7]];
    // by hand: no entity in the largest module (`member`, 4 files); the attribute settings' module (3) is at least
    // half of it and its entity's noun begins with `member-`: a part of the members' domain
    const names = [["member", "member-attribute-setting", "member-database"]];
    expect(nameServices([modules], names, files, hints, new Set())).toEqual(["member"]);
    // an entity noun not beginning with the largest module's name names the service as before
    const other = [["people", "member-attribute-setting", "member-database"]];
    expect(nameServices([modules], other, files, hints, new Set())).toEqual(["member-attribute-setting"]);
    // nor does a largest module named by a generic word
    const generic = [["service", "member-attribute-setting", "member-database"]];
    expect(nameServices([modules], generic, files, hints, new Set())).toEqual(["member-attribute-setting"]);
    // nor one named for another service's entity: the Member model in a service of its own
    const apart = nameServices(
      [modules.slice(0, 2), [[7]]],
      [names[0].slice(0, 2), ["member-database"]],
      files,
      hints,
      new Set(),
    );
    expect(apart).toEqual(["member-attribute-setting", "member-database"]);
  });

  it("never name a service by its module's name when that name is another service's entity", () => {
    // the bigger service's largest module is `order` and holds OrderLine; Order is the smaller one's
    const files = [
      "src/entity/order-line.entity.ts",
      "src/service/order-line.service.ts",
      "src/api/order-line.resolver.ts",
      "src/entity/order.entity.ts",
      "src/service/checkout.service.ts",
    ];
    const users = new Map<number, number[]>([
      [0, [1, 2]],
      [3, [4]],
    ]);
    const hints = { nouns: files.map(nounOf), entityFiles: new Set([0, 3]), users };
    const names = nameServices([[[0, 1, 2]], [[3, 4]]], [["order"], ["checkout"]], files, hints, new Set());
    expect(names).toEqual(["order-line", "order"]);
  });

  it("name a service by the head its largest module shares with another at least half its size", () => {
    // vendure's catalog: product options (4 files here, the largest) beside products (2) and facets (1)
    const files = [
      "src/entity/product-option/product-option.entity.ts",
      "src/service/services/product-option.service.ts",
      "src/api/resolvers/admin/product-option.resolver.ts",
      "src/event-bus/events/product-option-event.ts",
      "src/entity/product/product.entity.ts",
      "src/service/services/product.service.ts",
      "src/entity/facet/facet.entity.ts",
    ];
    const hints = {
      nouns: files.map(nounOf),
      entityFiles: new Set([0, 4, 6]),
      users: new Map([
        [0, [1, 2]],
        [4, [5, 1]],
        [6, [5]],
      ]),
    };
    const modules = [[[0, 1, 2, 3], [4, 5], [6]]];
    expect(nameServices(modules, [["product-option", "product", "facet"]], files, hints, new Set())).toEqual([
      "product",
    ]);
    // a head module under half the largest names nothing: the largest module's entity does
    const small = [[[0, 1, 2, 3], [4], [5, 6]]];
    expect(nameServices(small, [["product-option", "product", "facet"]], files, hints, new Set())).toEqual([
      "product-option",
    ]);
  });

  it("name a service by the thing its modules of different owners share, before the largest module", () => {
    // hoppscotch's collections: the team's (2 files, the largest) and the user's (1); `team` and `user` are
    // modules of other services
    const files = [
      "src/team-collection/team-collection.service.ts",
      "src/team-collection/team-collection.resolver.ts",
      "src/user-collection/user-collection.service.ts",
      "src/team/team.service.ts",
      "src/user/user.service.ts",
    ];
    const hints = { nouns: files.map(nounOf), entityFiles: new Set<number>(), users: new Map<number, number[]>() };
    const services = [[[0, 1], [2]], [[3]], [[4]]];
    const moduleNames = [["team-collection", "user-collection"], ["team"], ["user"]];
    expect(nameServices(services, moduleNames, files, hints, new Set())).toEqual(["collection", "team", "user"]);
    // with no module named `user`, `user-collection` is no owner's: the largest module names the service
    const noUser = [["team-collection", "user-collection"], ["team"], ["account"]];
    expect(nameServices(services, noUser, files, hints, new Set())[0]).toBe("team-collection");
    // two collections of one file each beside a team module of five: under half of it, they name nothing
    const more = [...files, ...["resolver", "guard", "module", "controller"].map((k) => `src/team/team.${k}.ts`)];
    const moreHints = { ...hints, nouns: more.map(nounOf) };
    const small = [[[3, 5, 6, 7, 8], [0], [2]], [[4]]];
    const smallNames = [["team", "team-collection", "user-collection"], ["user"]];
    expect(nameServices(small, smallNames, more, moreHints, new Set())[0]).toBe("team");
  });

  it("name a service by a thing only through the modules of its family, not any name ending in it", () => {
    // hoppscotch: the team's collections (a family with the user's, in another service) beside `infra-collection`,
    // whose owner names no module; by hand: one member of the family is here, so no thing names the service
    const files = [
      "src/team-collection/team-collection.service.ts",
      "src/infra-collection/infra-collection.service.ts",
      "src/user-collection/user-collection.service.ts",
      "src/team/team.service.ts",
      "src/user/user.service.ts",
    ];
    const hints = { nouns: files.map(nounOf), entityFiles: new Set<number>(), users: new Map<number, number[]>() };
    const services = [[[0], [1]], [[2], [4]], [[3]]];
    const moduleNames = [["team-collection", "infra-collection"], ["user-collection", "user"], ["team"]];
    expect(nameServices(services, moduleNames, files, hints, new Set())[0]).toBe("infra-collection");
  });

  it("name a service by an entity only when another file of the service uses it", () => {
    // vendure's core: the transactions (3 files here, half the service) beside the id strategies (2), whose
    // module holds OrderLineReference, read by the order services alone, and a health check; by hand: the
    // entity's module is half the largest, but no file of this service uses the entity, so the largest module
    // names it
    const files = [
      "src/connection/transaction-wrapper.ts",
      "src/connection/transaction-subscriber.ts",
      "src/api/decorators/transaction.decorator.ts",
      "src/config/entity/uuid-id-strategy.ts",
      "src/entity/order-line-reference/order-line-reference.entity.ts",
      "src/health-check/health-check.module.ts",
    ];
    const modules = [[[0, 1, 2], [3, 4], [5]]];
    const names = [["transaction", "order-line-reference", "health-check"]];
    const readByOthers = { nouns: files.map(nounOf), entityFiles: new Set([4]), users: new Map([[4, [1000, 1001]]]) };
    expect(nameServices(modules, names, files, readByOthers, new Set())).toEqual(["transaction"]);
    // with an id strategy of the service using it, the entity names the service
    const used = { ...readByOthers, users: new Map([[4, [3, 1000, 1001]]]) };
    expect(nameServices(modules, names, files, used, new Set())).toEqual(["order-line-reference"]);
  });

  it("name a service after its largest module when no module half its size holds an entity", () => {
    // outline's server: sign-in (5 files here, no entity) beside views (2 files, the View entity);
    // by hand: the views are under half the sign-in module, so the service is auth, not view
    const files = [
      "server/routes/auth/index.ts",
      "server/middlewares/authentication.ts",
      "server/utils/oauth.ts",
      "server/utils/passport.ts",
      "server/utils/VerificationCode.ts",
      "server/models/View.ts",
      "server/presenters/view.ts",
    ];
    const { modules, hints } = serviceOf(files, [5, 2], 5);
    expect(nameServices(modules, [["auth", "view"]], files, hints, new Set())).toEqual(["auth"]);
  });

  it("name a service after a module holding most of its files, before another module's entity", () => {
    // outline's server: the collaboration extensions (4 files here, no entity) beside the memberships (2 files,
    // the GroupMembership entity, half the largest); by hand, collaboration holds 4 of the 6 files
    const files = [
      "server/collaboration/PersistenceExtension.ts",
      "server/collaboration/ViewsExtension.ts",
      "server/collaboration/MetricsExtension.ts",
      "server/services/collaboration.ts",
      "server/models/GroupMembership.ts",
      "server/presenters/groupMembership.ts",
    ];
    const { modules, hints } = serviceOf(files, [4, 2], 4);
    const names = [["collaboration", "group-membership"]];
    expect(nameServices(modules, names, files, hints, new Set())).toEqual(["collaboration"]);
    // with a third module (pins, 2 files) the collaboration holds half, not most: the entity names the service
    const pins = ["server/models/Pin.ts", "server/presenters/pin.ts"];
    const withPins = [[...modules[0], [6, 7]]];
    const three = [["collaboration", "group-membership", "pin"]];
    expect(nameServices(withPins, three, [...files, ...pins], hints, new Set())).toEqual(["group-membership"]);
  });

  it("name a service after its largest module named by a noun, never by a module named by a lone adjective", () => {
    // ghostfolio's api: its public endpoints (3 files here, the largest module, named by the folder's
    // adjective) beside the accounts (2 files) and health checks (1); no entity is a file (Prisma):
    // by hand, the accounts speak for the service
    const files = [
      "apps/api/src/app/endpoints/public/public.controller.ts",
      "apps/api/src/app/endpoints/public/public.module.ts",
      "apps/api/src/app/endpoints/public/public.service.ts",
      "apps/api/src/app/account/account.controller.ts",
      "apps/api/src/app/account/account.service.ts",
      "apps/api/src/app/health/health.controller.ts",
    ];
    const hints = { nouns: files.map(nounOf), entityFiles: new Set<number>(), users: new Map<number, number[]>() };
    const modules = [[[0, 1, 2], [3, 4], [5]]];
    expect(nameServices(modules, [["public", "account", "health"]], files, hints, new Set())).toEqual(["account"]);
    // an adjective it has to take when nothing else is at hand
    expect(nameServices([[[0, 1, 2]]], [["public"]], files, hints, new Set())).toEqual(["public"]);
  });

  it("name the identity and access service after its most used identity entity, not another it holds", () => {
    // vendure's core: roles and sessions gathered as identity and access, with the Channel entity
    // in the roles' module; Channel is read by more files (40) than User (25) or Role (15)
    const files = [
      "src/entity/channel/channel.entity.ts",
      "src/entity/user/user.entity.ts",
      "src/entity/role/role.entity.ts",
      "src/service/services/role.service.ts",
      "src/entity/session/session.entity.ts",
      "src/service/services/session.service.ts",
    ];
    const users = new Map([
      [0, usedBy(40, 3)],
      [1, usedBy(25, 3)],
      [2, usedBy(15, 3)],
      [4, usedBy(10, 5)],
    ]);
    const hints = { nouns: files.map(nounOf), entityFiles: new Set([0, 1, 2, 4]), users };
    const modules = [
      [
        [0, 1, 2, 3],
        [4, 5],
      ],
    ];
    // gathered, its identity entity names it though one file of six uses it
    expect(nameServices(modules, [["role", "session"]], files, hints, new Set(), [true])).toEqual(["user"]);
    // not gathered, the largest module's own entity names it
    expect(nameServices(modules, [["role", "session"]], files, hints, new Set(), [false])).toEqual(["role"]);
  });

  it("name identity and access with no entity for it by its module named for the party, before its tokens", () => {
    // unleash: users and API tokens, 4 files each here, no ORM entity; by hand: `user` is an identity head
    // noun and as large as the largest module, so it names the service, though `api-token` sorts first
    const files = ["user-store", "user-service", "user-controller", "user-schema", "api-token-store"]
      .concat(["api-token-service", "api-token-controller", "api-token-schema"])
      .map((f) => `src/lib/${f}.ts`);
    const hints = { nouns: files.map(nounOf), entityFiles: new Set<number>(), users: new Map<number, number[]>() };
    const modules = [
      [
        [4, 5, 6, 7],
        [0, 1, 2, 3],
      ],
    ];
    expect(nameServices(modules, [["api-token", "user"]], files, hints, new Set(), [true])).toEqual(["user"]);
    // a party module under half the largest does not speak for the service
    const small = [
      [
        [1, 4, 5, 6, 7],
        [0, 2],
      ],
    ];
    expect(nameServices(small, [["api-token", "user"]], files, hints, new Set(), [true])).toEqual(["api-token"]);
  });

  it("name a group by its folder's parent when the folder is named after another group's domain", () => {
    // outline: e-mail templates beside the document templates (models/Template.ts, ...); by hand,
    // no noun is on a quarter of the e-mails, `emails/templates/` holds them, and "template" is the
    // other group's noun, which none of the e-mails carry: `emails/` names them
    const emails = [
      "server/emails/templates/CollectionCreatedEmail.tsx",
      "server/emails/templates/InviteEmail.tsx",
      "server/emails/templates/SigninEmail.tsx",
      "server/emails/templates/WelcomeEmail.tsx",
      "server/emails/templates/ExportSuccessEmail.tsx",
      "server/emails/mailer.tsx",
    ];
    const templates = ["server/models/Template.ts", "server/policies/template.ts", "server/presenters/template.ts"];
    expect(namesOfTwo(emails, templates)).toEqual(["email", "template"]);
    // under a parent that says where code lives (`models/`), the folder keeps its name: the rules
    // are the domain, `models/rule.ts` their base class
    const rules = [
      "src/models/rules/fees/fee-ratio.ts",
      "src/models/rules/liquidity/buying-power.ts",
      "src/models/rules/regional/europe.ts",
      "src/models/rules/regional/japan.ts",
      "src/models/rules/emergency/emergency-fund.ts",
      "src/models/rules/currency/base-currency.ts",
    ];
    const base = ["src/models/rule.ts", "src/models/interfaces/rule.interface.ts", "src/app/rules.service.ts"];
    expect(namesOfTwo(rules, base)[0]).toBe("rule");
  });

  it("name a group by a framework word when an entity of the repository is named so", () => {
    // openstatus' status pages: `page` is a framework's word (Next.js pages) unless the repository has a page table;
    // by hand, every file here says `page`, and the one other noun is `downgrade`
    const files = [
      "packages/db/src/schema/pages/page.ts",
      "packages/services/src/page/create.ts",
      "packages/api/src/router/page.ts",
      "apps/server/src/routes/v1/pages/schema.ts",
      "packages/services/src/workspace/downgrade.ts",
    ];
    const group = [files.map((_, i) => i)];
    const nouns = ["page", "page", "page", "page", "downgrade"];
    expect(nameByNouns(group, files, nouns, new Set(), new Set(["page"]))).toEqual(["page"]);
    expect(nameByNouns(group, files, nouns, new Set())).toEqual(["downgrade"]);
  });

  it("name a group whose nouns bigger groups took by the folder its files share, before path words", () => {
    // outline: the notifications (files 0 to 4), beside them the mailer with two e-mail parts (5 to 8), whose one
    // domain noun, `notification` (of NotificationSettingsHelper), the bigger group took; the document
    // templates (9 to 11) and the users with their welcome mail (12 to 14). By hand, `emails/` holds three of
    // the mailer's four files (`emails/templates/` two, a folder named for the templates' domain, so its parent
    // speaks): `email`, where path words would say `code` here (`copyable` on outline)
    const files = [
      "server/models/Notification.ts",
      "server/presenters/notification.ts",
      "server/routes/api/notifications/notifications.ts",
      "server/queues/processors/NotificationsProcessor.ts",
      "server/emails/templates/CommentMentionedEmail.tsx",
      "server/emails/mailer.tsx",
      "server/emails/templates/ExportFailureEmail.tsx",
      "server/emails/templates/components/CopyableCode.tsx",
      "server/models/helpers/NotificationSettingsHelper.ts",
      "server/models/Template.ts",
      "server/policies/template.ts",
      "server/presenters/template.ts",
      "server/models/User.ts",
      "server/presenters/user.ts",
      "server/emails/templates/WelcomeEmail.tsx",
    ];
    const { nouns } = domainNames(files);
    const groups = [
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11],
      [12, 13, 14],
    ];
    expect(nameByNouns(groups, files, nouns, new Set())).toEqual(["notification", "email", "template", "user"]);
  });
});

describe("a group whose files carry no domain noun", () => {
  // the demo's notifications: every file names a thing of its own, so none is a domain noun (a noun two
  // files carry); by hand, `templates/` holds half of them, but `models/Notification.ts` is the data they
  // hold, in the models folder the orders (files 6 and 7) use too
  const files = [
    "src/models/Notification.ts",
    "src/repositories/outboxRepository.ts",
    "src/services/mailer.ts",
    "src/templates/emails.ts",
    "src/templates/index.ts",
    "src/templates/sms.ts",
    "src/models/Order.ts",
    "src/routes/orders.ts",
  ];
  const none = files.map(() => undefined);
  const notifications = [0, 1, 2, 3, 4, 5];

  it("is named by its one file in the models folder the groups share", () => {
    expect(nameByNouns([notifications, [6, 7]], files, none, new Set())[0]).toBe("notification");
  });

  it("is named by its folder without one, or when the models folder is its own", () => {
    expect(
      nameByNouns(
        [
          [1, 2, 3, 4, 5],
          [0, 6, 7],
        ],
        files,
        none,
        new Set(),
      )[0],
    ).toBe("template");
    // a module's own helpers (`common/models/pagination.model.ts`): no layer of data models
    expect(nameByNouns([notifications, [7]], files, none, new Set())[0]).toBe("template");
    const helper = files.map((f) => f.replace("models/", "models/helpers/"));
    expect(nameByNouns([notifications, [6, 7]], helper, none, new Set())[0]).toBe("template");
  });
});

/** Names of two groups of files, each file's noun read from its path. */
function namesOfTwo(first: string[], second: string[]): string[] {
  const files = [...first, ...second];
  const groups = [first.map((_, i) => i), second.map((_, i) => first.length + i)];
  return nameByNouns(groups, files, files.map(nounOf), new Set());
}
