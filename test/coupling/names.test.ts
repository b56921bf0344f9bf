import { describe, expect, it } from "vitest";
import { namedForNounAlone, namesDomainWord, namesIdentity, nounAmong, nounOf } from "../../src/coupling/names.js";

describe("the noun a file's name carries", () => {
  it("reads an entity's name as one noun, though a role word ends it", () => {
    // openstatus' pageSubscriber table: `subscriber` is an agent noun, a role word, unless it ends an entity's name
    const things = new Set(["page-subscriber", "authentication-provider"]);
    const files = ["packages/services/src/page-subscriber/create.ts", "server/models/AuthenticationProvider.ts"];
    expect(files.map((f) => nounOf(f))).toEqual(["page", "authentication"]);
    expect(files.map((f) => nounAmong(f, things))).toEqual(["page-subscriber", "authentication-provider"]);
    // a role word after the entity's name still ends the phrase
    expect(nounAmong("src/page-subscriber-importer.ts", things)).toBe("page-subscriber");
  });

  it("reads past leading verbs, qualifiers and participles to the noun, up to the first role word", () => {
    // hand-derived, one per way a layered codebase names its files
    const cases: [string, string | undefined][] = [
      ["server/models/Document.ts", "document"],
      ["server/commands/documentCreator.ts", "document"],
      ["server/routes/api/documents/schema.ts", "document"], // a generic name: the folder speaks
      ["src/routes/experience/classes/index.ts", "experience"], // logto's folder of classes says what, not about what
      ["src/classes/classes.service.ts", "class"], // a gym's classes
      ["src/classes/dto/create.dto.ts", "class"],
      ["server/emails/templates/CollectionCreatedEmail.tsx", "collection"],
      // a scheduled job's verb, then adjectives and participles, come before the noun
      ["server/queues/tasks/CleanupExpiredAttachmentsTask.ts", "attachment"],
      ["server/queues/tasks/CleanupDeletedTeamTask.ts", "team"],
      ["server/queues/tasks/RollupWeeklyDocumentInsightsTask.ts", "document-insight"],
      ["server/queues/tasks/ErrorTimedOutFileOperationsTask.ts", "file-operation"],
      ["server/queues/tasks/CleanupDynamicOAuthClientsTask.ts", "oauth-client"],
      ["src/workflows/revoke-api-keys.ts", "api-key"],
      ["src/workflows/refresh-cart-items.ts", "cart-item"],
      ["server/queues/tasks/base/BaseTask.ts", undefined], // a base class of a role: no noun
      // an implementation says what the file is: unleash's `server-impl.ts` names nothing, as `server.ts` does
      ["src/lib/server-impl.ts", undefined],
      // a name that says the process stops names nothing, as one saying it starts: openpanel's worker's
      ["apps/worker/src/utils/graceful-shutdown.ts", undefined],
      ["src/startup.ts", undefined],
      ["src/payments/PaymentGatewayImpl.ts", "payment-gateway"],
      // in a name shorter than a job's, a verb or participle may be the noun itself
      // the arguments and enums of a GraphQL API made from a schema: the quantity or the type prefix qualifies it
      ["src/core/workspace/dto/CreateOneWorkspaceArgs.ts", "workspace"],
      ["src/core/commit/dto/FindManyCommitArgs.ts", "commit"],
      ["src/core/action/dto/EnumActionStepStatus.ts", "action-step-status"],
      // ... where a quantity or `enum` leads a noun of its own, it is the noun's
      ["src/auth/OneTimePassword.ts", "one-time-password"],
      ["src/push/one-signal.service.ts", "one-signal"],
      ["src/billing/one-off-payment.ts", "one-off-payment"],
      ["src/canvas/canvas.service.ts", "canvas"], // a singular ending in s
      ["src/canvas/canvases.controller.ts", "canvas"],
      ["server/models/RefreshToken.ts", "refresh-token"],
      ["server/models/Schedule.ts", "schedule"],
      ["src/upload/upload.service.ts", "upload"],
      ["server/models/Embed.ts", "embed"],
      // "mock" is no role (test mocks are out of scope): hoppscotch's mock servers are a feature of
      // their own; "server", an agent noun after the first word, ends the phrase as usual
      ["src/mock-server/mock-server.controller.ts", "mock"],
      // `env.ts` holds configuration in every package that has one: the folder speaks, or nothing does
      ["server/env.ts", undefined],
      ["plugins/slack/server/env.ts", "slack"],
      // a use case is a role, as a command is: the folder of use cases says nothing, the one above it does
      ["src/app/events/usecases/trigger-event/trigger-event.usecase.ts", "trigger-event"],
      ["src/app/subscribers/usecases/index.ts", "subscriber"],
      // a role word names the data before a kind of data file, and the thing a verb acts on (novu's subscribers)
      ["libs/dal/src/repositories/subscriber/subscriber.entity.ts", "subscriber"],
      ["libs/dal/src/repositories/subscriber/subscriber.schema.ts", "subscriber"],
      // a container of features holds every domain and names none: unleash's scheduler job is no "feature",
      // while its feature files' own names say it
      ["src/lib/features/scheduler/job-service.ts", undefined],
      ["src/lib/features/index.ts", undefined],
      ["src/app/feature/index.ts", undefined], // Angular's singular container of feature folders
      ["src/lib/openapi/spec/feature-schema.ts", "feature"],
      ["src/lib/features/feature-toggle/feature-toggle-service.ts", "feature-toggle"],
      ["src/SubscriberRepository.ts", "subscriber"],
      ["libs/application-generic/src/usecases/create-subscriber/create-subscriber.usecase.ts", "subscriber"],
      ["src/subscriber-preference.entity.ts", "subscriber-preference"],
      ["src/SubscriberPreferenceRepository.ts", "subscriber-preference"],
      ["src/workers/createWorker.ts", "worker"], // no use case: a factory of workers names no party; its folder does
      ["src/subscribers/order.subscriber.ts", "order"], // a TypeORM subscriber of orders
      ["src/events/subscriber.ts", undefined], // a role alone: what the file does
      ["src/base.entity.ts", undefined],
      // a folder of endpoints says what its files are, as routes/ does; `public` qualifies: no noun
      ["apps/api/src/app/endpoints/public/public.controller.ts", undefined],
      // a route parameter folder names which one, not what: the folder above it speaks
      ["apps/web/app/api/v1/client/[workspaceId]/responses/[responseId]/route.ts", "response"],
      ["packages/medusa/src/api/store/carts/[id]/line-items/[line_id]/route.ts", "line-item"],
      ["apps/web/app/api/(internal)/envoy-auth/[...path]/route.ts", "envoy-auth"],
      ["apps/web/app/v1/feedback-records/[[...path]]/route.ts", "feedback-record"],
      ["src/pages/api/orders/[orderId].ts", "order"], // a file of the pages router, likewise
      // a route file named for an HTTP method handles what its folder names (openstatus' Hono routes)
      ["apps/server/src/routes/v1/monitors/post.ts", "monitor"],
      ["apps/server/src/routes/v1/monitors/put_http.ts", "monitor"],
      ["apps/server/src/routes/v1/statusReports/get_all.ts", "status-report"],
      ["src/routes/getOrders.ts", "order"], // a function's name: its own words speak
      ["src/routes/get-orders.ts", "order"],
      ["src/routes/posts/post-comment.ts", "post-comment"],
      ["src/models/post.ts", "post"], // a blog's posts, no route
    ];
    expect(cases.map(([f]) => nounOf(f))).toEqual(cases.map(([, n]) => n));
  });
});

describe("names of identity and access", () => {
  it("a word of authentication anywhere, the broader words only as the head noun", () => {
    const identity = ["user", "auth", "api-key", "access-token", "oauth-client", "authentication-oauth", "access"];
    // documenso's: its API tokens, and second factors by either spelling
    identity.push("api-token", "2fa", "two-factor", "totp-secret");
    const other = ["user-history", "user-collection", "access-request", "team", "account", "token-price", "keyword"];
    expect(identity.filter(namesIdentity)).toEqual(identity);
    expect(other.filter(namesIdentity)).toEqual([]);
  });
});

describe("a file named for its noun alone", () => {
  it("is one whose own name before its kind is the noun, singular or plural", () => {
    for (const file of [
      "packages/core/src/service/services/order.service.ts",
      "apps/api/src/app/portfolio/portfolio.service.ts",
      "src/api/orders.controller.ts",
      "src/services/OrderService.ts",
      "server/models/Document.ts",
      // a queue's processor (BullMQ's `@Processor`, outline's queue processors) is a kind as a controller is
      "server/queues/processors/NotificationsProcessor.ts",
    ])
      expect(namedForNounAlone(file, nounOf(file)), file).toBe(true);
  });

  it("is not one whose name says more than its noun: what it does to it, or for what", () => {
    for (const file of [
      "server/queues/tasks/CommentCreatedNotificationsTask.ts",
      "server/commands/documentImporter.ts",
      "server/emails/templates/DocumentMentionedEmail.tsx",
    ]) {
      expect(nounOf(file), file).toBeDefined();
      expect(namedForNounAlone(file, nounOf(file)), file).toBe(false);
    }
    expect(namedForNounAlone("src/index.ts", undefined)).toBe(false);
  });
});

describe("a file naming a domain word", () => {
  it("is one whose own name says it, or whose folder does when its name says only its kind", () => {
    const words = new Set(["survey", "file", "order"]);
    // hand-derived: formbricks' `lib/survey/service.ts` is the surveys'; an index is its folder's entry (outline's
    // file storage in `storage/files/index.ts`), and a name of its own says what it is about
    const cases: [string, boolean][] = [
      ["apps/web/lib/survey/service.ts", true],
      ["apps/web/lib/survey/utils.ts", true],
      ["src/orders/order-export.ts", true],
      ["server/storage/files/index.ts", false],
      ["src/orders/base-entity.ts", false],
      ["apps/web/lib/cache/service.ts", false],
    ];
    for (const [file, says] of cases) expect(namesDomainWord(file, words), file).toBe(says);
  });

  it("is one named for an entity whose name is a role word: refly's providers, of its Provider model", () => {
    // hand-derived: `provider.service.ts` says no noun (provider is a role word), but its name is an entity's;
    // `rag.service.ts`, a file named for its kind alone, one naming a role after it and a mailer of an
    // `EmailTemplate` (a word of an entity, not its name) say none
    const words = new Set(["provider", "item", "canvas", "email", "template"]);
    const entities = new Set(["provider", "provider-item", "email-template"]);
    const says = (file: string) => namesDomainWord(file, words, entities);
    expect(says("apps/api/src/modules/provider/provider.service.ts")).toBe(true);
    expect(says("apps/api/src/modules/provider/providers.controller.ts")).toBe(true);
    expect(says("apps/api/src/modules/rag/rag.service.ts")).toBe(false);
    expect(says("apps/api/src/modules/common/service.ts")).toBe(false);
    expect(says("apps/api/src/modules/llm/provider-manager.ts")).toBe(false);
    expect(says("apps/api/src/mail/email.service.ts")).toBe(false);
  });
});
