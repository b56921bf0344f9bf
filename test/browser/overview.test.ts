// report.html's first screen and service view in a real browser: what a reader sees before
// scrolling or clicking, the view it opens on, the kernel as a badge, the strongest dependencies
// and the modules of each service.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Analysis } from "../../src/analysis/types.js";
import type { ModelJson } from "../../src/metrics/modelJson.js";
import { dataRepoScript } from "../helpers/dataRepo.js";
import { demoRepo } from "../helpers/demo.js";
import { buildRepo } from "../helpers/repo.js";
import { analyze, launch, open, renderer, writeHtml, type Analysed } from "./browser.js";

let browser: Browser;
let demo: Analysed;

beforeAll(async () => {
  const [b, repo] = await Promise.all([launch(), demoRepo()]);
  browser = b;
  demo = await analyze(repo);
});

afterAll(async () => {
  await browser?.close();
});

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Report {
  view(): string;
  discs(): { id: string; label: string; x: number; y: number; r: number }[];
  labelBoxes(): { id: string; label: string; box: Box }[];
  nodeCount(): number;
  nodePosition(key: string): { x: number; y: number } | null;
  drawnLinks(): { a: string; b: string; ab: number; ba: number }[];
  allLinks(): { a: string; b: string; ab: number; ba: number }[];
  renderedLinks(): [string, string][];
}

function report<T>(page: Page, call: (r: Report) => T): Promise<T> {
  return page.evaluate<T>(`(${call.toString()})(window.faultlineReport)`);
}

async function render(analysis: Analysis, model: ModelJson | undefined, serviceViewFrom?: number): Promise<string> {
  const { renderHtml } = await renderer();
  return writeHtml(renderHtml(analysis, model, { title: "demo-shop", serviceViewFrom }));
}

/** Import edges between the services of analysis.json, per pair (ids in string order), from model.json. */
function importLinks(a: Analysis, model: ModelJson): Map<string, number> {
  const service = new Map<string, string>();
  for (const s of a.services) for (const f of s.files) service.set(f, s.id);
  const of = model.files.map((f) => service.get(f.path));
  const links = new Map<string, number>();
  for (const [from, to] of model.imports) {
    const x = of[from];
    const y = of[to];
    if (!x || !y || x === y) continue;
    const key = [x, y].sort().join(" ");
    links.set(key, (links.get(key) ?? 0) + 1);
  }
  return links;
}

/** Each service's k strongest links (ties: the other service's id), as pair keys. */
function strongest(links: Map<string, number>, k: number): Set<string> {
  const byService = new Map<string, [string, string, number][]>();
  for (const [key, n] of links) {
    const [a, b] = key.split(" ");
    for (const [s, other] of [
      [a, b],
      [b, a],
    ]) {
      const list = byService.get(s) ?? [];
      list.push([key, other, n]);
      byService.set(s, list);
    }
  }
  const out = new Set<string>();
  for (const list of byService.values()) {
    list.sort((x, y) => y[2] - x[2] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
    for (const [key] of list.slice(0, k)) out.add(key);
  }
  return out;
}

const pairKeys = (links: { a: string; b: string }[]) => links.map((l) => `${l.a} ${l.b}`).sort();

/** True when the element's box lies inside the viewport (the first screen, no scrolling). */
async function onFirstScreen(page: Page, testid: string): Promise<boolean> {
  const box = await page.getByTestId(testid).first().boundingBox();
  const vp = page.viewportSize()!;
  return !!box && box.width > 0 && box.height > 0 && box.y >= 0 && box.x >= 0 && box.y + box.height <= vp.height;
}

/**
 * The demo analysis with shared data planted from its own model (the demo has no ORM, so analyze
 * finds no entity): each model file an entity owned by its service and read by the services
 * importing it, in data.entities and each contract.data.
 */
function withData(a: Analysis, model: ModelJson): Analysis {
  const copy = structuredClone(a);
  const service = new Map<string, string>();
  for (const s of copy.services) for (const f of s.files) service.set(f, s.id);
  const readers = new Map<string, Set<string>>();
  for (const [from, to] of model.imports) {
    const file = model.files[to].path;
    const reader = service.get(model.files[from].path);
    if (!/^src\/models\/[A-Z]/.test(file) || !reader || reader === service.get(file)) continue;
    readers.set(file, (readers.get(file) ?? new Set()).add(reader));
  }
  const entities = [...readers].map(([file, r]) => ({
    key: file,
    name: file.slice("src/models/".length, -3),
    file,
    owner: service.get(file) ?? null,
    readBy: [...r].sort(),
    writtenBy: [service.get(file)].filter((x): x is string => !!x),
  }));
  copy.data = { entities };
  for (const s of copy.services) {
    s.contract.data = {
      owns: entities.filter((e) => e.owner === s.id).map((e) => ({ entity: e.name, file: e.file, readBy: e.readBy })),
      requires: entities
        .filter((e) => e.readBy.includes(s.id))
        .map((e) => ({ entity: e.name, owner: e.owner ?? "(no owner)", write: false })),
    };
  }
  return copy;
}

describe("report.html overview", () => {
  it("opens on the service view past the file threshold and on the file view below it", async () => {
    const { buildPayload, SERVICE_VIEW_FROM } = await renderer();
    const files = demo.model.files.length;
    expect(files).toBeLessThan(SERVICE_VIEW_FROM);
    expect(buildPayload(demo.analysis, demo.model, "t").defaultView).toBe("files");
    expect(buildPayload(demo.analysis, demo.model, "t", undefined, files).defaultView).toBe("files");
    expect(buildPayload(demo.analysis, demo.model, "t", undefined, files - 1).defaultView).toBe("services");

    for (const [threshold, view] of [
      [undefined, "files"],
      [files - 1, "services"],
    ] as const) {
      const { page, trouble } = await open(browser, await render(demo.analysis, demo.model, threshold));
      expect(await report(page, (r) => r.view())).toBe(view);
      expect(await page.evaluate(() => document.documentElement.dataset.view)).toBe(view);
      expect(await page.getByTestId(`view-${view}`).getAttribute("aria-pressed")).toBe("true");
      // both views stay switchable
      const other = view === "files" ? "services" : "files";
      await page.getByTestId(`view-${other}`).click();
      expect(await report(page, (r) => r.view())).toBe(other);
      expect(await page.getByTestId(`view-${other}`).getAttribute("aria-pressed")).toBe("true");
      expect(trouble).toEqual({ errors: [], requests: [], dialogs: [] });
      await page.close();
    }
  });

  it("opens a file from a service's panel in the service view: the file view, focused on it", async () => {
    const { page, trouble } = await open(browser, await render(demo.analysis, demo.model, 0));
    expect(await report(page, (r) => r.view())).toBe("services");
    const s = demo.analysis.services[0];
    // a service in focus draws its dependencies; opening a file then swaps the graph under them
    await page.locator(`[data-testid=service-row][data-service-id="${s.id}"]`).click();
    const file = [...s.files].sort()[0];
    await page.getByTestId("panel-files").locator(`[data-testid=file-link][data-path="${file}"]`).click();
    await expect.poll(() => report(page, (r) => r.view())).toBe("files");
    expect(await page.getByTestId("panel-title").textContent()).toBe(file.split("/").pop());
    expect(trouble).toEqual({ errors: [], requests: [], dialogs: [] });
    await page.close();
  });

  it("shows kernel use as a badge on each service node, with no kernel node or kernel edge", async () => {
    const { page, trouble } = await open(browser, await render(demo.analysis, demo.model, 0));
    const a = demo.analysis;
    expect(await report(page, (r) => r.nodeCount())).toBe(a.services.length);
    expect(await report(page, (r) => r.nodePosition(":kernel"))).toBeNull();
    const all = await report(page, (r) => r.allLinks());
    for (const l of all) for (const end of [l.a, l.b]) expect(a.services.map((s) => s.id)).toContain(end);

    const users = a.services.filter((s) => s.metrics.kernelImports > 0);
    expect(users.length).toBeGreaterThan(0);
    const badges = page.getByTestId("kernel-badge");
    await expect.poll(() => badges.count()).toBe(users.length);
    const graph = (await page.getByTestId("graph").boundingBox())!;
    for (const s of users) {
      const badge = page.locator(`[data-testid=kernel-badge][data-service-id="${s.id}"]`);
      expect(Number(await badge.getAttribute("data-value")), s.id).toBe(s.metrics.kernelImports);
      expect(await badge.textContent()).toContain(String(s.metrics.kernelImports));
      // drawn at its node
      const at = await page.evaluate(
        (id) =>
          (
            window as unknown as { faultlineReport: { nodePosition(k: string): { x: number; y: number } } }
          ).faultlineReport.nodePosition(id),
        s.id,
      );
      const box = (await badge.boundingBox())!;
      expect(Math.hypot(box.x - graph.x - at.x, box.y + box.height - graph.y - at.y), s.id).toBeLessThan(80);
    }
    // the file view has the kernel's files as dots, and no badge
    await page.getByTestId("view-files").click();
    await expect.poll(() => badges.count()).toBe(0);
    expect(trouble).toEqual({ errors: [], requests: [], dialogs: [] });
    await page.close();
  });

  it("puts each service's name where it covers no other disc, name or kernel badge", async () => {
    // 1024 x 700: the demo's names centred under their discs would run into a neighbour. Opened on
    // the service view, and on the file view then switched (the names placed for the new graph)
    const viewport = { width: 1024, height: 700 };
    for (const opensOn of [0, Infinity]) {
      const { page, trouble } = await open(browser, await render(demo.analysis, demo.model, opensOn), viewport);
      if (opensOn) await page.getByTestId("view-services").click();
      await expect.poll(() => report(page, (r) => r.labelBoxes().length)).toBe(demo.analysis.services.length);
      const discs = await report(page, (r) => r.discs());
      const labels = await report(page, (r) => r.labelBoxes());
      expect(labels.map((l) => l.label).sort()).toEqual(demo.analysis.services.map((s) => s.name).sort());
      const graph = (await page.getByTestId("graph").boundingBox())!;
      const badges: Box[] = [];
      for (const b of await page.getByTestId("kernel-badge").all()) {
        const box = (await b.boundingBox())!;
        badges.push({ x: box.x - graph.x, y: box.y - graph.y, w: box.width, h: box.height });
      }
      expect(badges.length).toBeGreaterThan(0);
      const overlaps = (a: Box, b: Box) =>
        Math.min(a.x + a.w, b.x + b.w) > Math.max(a.x, b.x) && Math.min(a.y + a.h, b.y + b.h) > Math.max(a.y, b.y);
      const covers = (b: Box, d: { x: number; y: number; r: number }) =>
        Math.hypot(Math.max(b.x, Math.min(d.x, b.x + b.w)) - d.x, Math.max(b.y, Math.min(d.y, b.y + b.h)) - d.y) < d.r;
      const collisions = (placed: { id: string; box: Box }[]) =>
        placed.flatMap(({ id, box }, i) => [
          ...placed
            .slice(i + 1)
            .filter((o) => overlaps(box, o.box))
            .map((o) => `${id} on name ${o.id}`),
          ...discs.filter((d) => covers(box, d)).map((d) => `${id} on disc ${d.id}`),
          ...badges.filter((b) => overlaps(box, b)).map(() => `${id} on a badge`),
        ]);
      // each name centred under its disc, as wide as drawn: what the placement avoids
      const under = labels.map(({ id, box }) => {
        const d = discs.find((x) => x.id === id)!;
        return { id, box: { x: d.x - box.w / 2, y: d.y + d.r + 3, w: box.w, h: box.h } };
      });
      expect(collisions(under).length, `opens on ${opensOn ? "files" : "services"}`).toBeGreaterThan(0);
      expect(collisions(labels), `opens on ${opensOn ? "files" : "services"}`).toEqual([]);
      expect(trouble).toEqual({ errors: [], requests: [], dialogs: [] });
      await page.close();
    }
  });

  it("draws each service's strongest dependencies by default, fewer or more after the control", async () => {
    const { page, trouble } = await open(browser, await render(demo.analysis, demo.model, 0));
    const links = importLinks(demo.analysis, demo.model);
    const all = await report(page, (r) => r.allLinks());
    expect(pairKeys(all)).toEqual([...links.keys()].sort());
    for (const l of all) expect(l.ab + l.ba).toBe(links.get(`${l.a} ${l.b}`));

    const expectDrawn = async (k: number) => {
      const want = [...strongest(links, k)].sort();
      expect(pairKeys(await report(page, (r) => r.drawnLinks()))).toEqual(want);
      // and sigma draws exactly those (the reducers hide the rest)
      await expect
        .poll(async () => (await report(page, (r) => r.renderedLinks())).map((p) => p.join(" ")).sort())
        .toEqual(want);
      return want.length;
    };
    const label = (k: number) =>
      k < links.size ? `${k} of ${links.size} dependencies` : `all ${links.size} dependencies`;
    // by default each service's two strongest
    const two = await expectDrawn(2);
    expect(await page.getByTestId("links-drawn").textContent()).toBe(label(two));
    // one per service draws fewer than all: some demo link is no service's strongest
    expect(strongest(links, 1).size).toBeLessThan(links.size);
    await page.getByTestId("links-per-service").selectOption("1");
    const one = await expectDrawn(1);
    expect(one).toBeLessThan(links.size);
    expect(one).toBeLessThanOrEqual(two);
    expect(await page.getByTestId("links-drawn").textContent()).toBe(label(one));
    await page.getByTestId("links-per-service").selectOption("3");
    expect(await expectDrawn(3)).toBeGreaterThanOrEqual(two);
    await page.getByTestId("links-per-service").selectOption("all");
    expect(await expectDrawn(Infinity)).toBe(links.size);
    expect(await page.getByTestId("links-drawn").textContent()).toBe(`all ${links.size} dependencies`);
    await page.getByTestId("links-per-service").selectOption("1");
    await expectDrawn(1);

    // a service in focus shows every one of its own dependencies
    const first = demo.analysis.services.find((s) => s.id === demo.analysis.extractionOrder[0])!;
    await page.locator(`[data-testid=service-row][data-service-id="${first.id}"]`).click();
    const own = [...links.keys()].filter((k) => k.split(" ").includes(first.id)).sort();
    await expect
      .poll(async () => (await report(page, (r) => r.renderedLinks())).map((p) => p.join(" ")).sort())
      .toEqual(own);
    expect(trouble).toEqual({ errors: [], requests: [], dialogs: [] });
    await page.close();
  });

  it("lists each service's modules in its panel with analysis.json's file counts", async () => {
    const { page, trouble } = await open(browser, await render(demo.analysis, demo.model, 0));
    for (const s of demo.analysis.services) {
      await page.locator(`[data-testid=service-row][data-service-id="${s.id}"]`).click();
      await expect.poll(() => page.getByTestId("panel-title").textContent()).toBe(s.name);
      const shown = await page
        .getByTestId("module")
        .evaluateAll((els) =>
          els.map((e) => [
            (e as HTMLElement).dataset.moduleId,
            e.querySelector("[data-testid=module-name]")!.textContent,
            Number((e as HTMLElement).dataset.files),
            e.querySelector("[data-testid=module-files]")!.textContent,
          ]),
        );
      expect(shown, s.id).toEqual(s.modules.map((m) => [m.id, m.name, m.files.length, `${m.files.length} files`]));
    }
    // a module opens to its files
    const s = demo.analysis.services.find((x) => x.modules.length > 1) ?? demo.analysis.services[0];
    await page.locator(`[data-testid=service-row][data-service-id="${s.id}"]`).click();
    const m = s.modules[0];
    await page.locator(`[data-testid=module][data-module-id="${m.id}"] summary`).click();
    expect(
      await page.locator(`[data-testid=module][data-module-id="${m.id}"] [data-testid=file-link]`).allTextContents(),
    ).toEqual([...m.files].sort());
    expect(trouble).toEqual({ errors: [], requests: [], dialogs: [] });
    await page.close();
  });

  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    const size = `${viewport.width}x${viewport.height}`;
    it(`shows the pick, kernel, shared data, tiers and metric explanations on the first screen (${size})`, async () => {
      const a = withData(demo.analysis, demo.model);
      const { page, trouble } = await open(browser, await render(a, demo.model), viewport);
      const first = a.services.find((s) => s.id === a.extractionOrder[0])!;
      expect(await page.getByTestId("extract-first").textContent()).toBe(first.name);
      expect(await page.getByTestId("pick-reasons").locator("li").allTextContents()).toEqual(first.why.slice(0, 3));
      expect(Number(await page.getByTestId("kernel-count").getAttribute("data-value"))).toBe(a.kernel.files.length);
      for (const t of ["server", "client", "shared", "tooling"] as const)
        expect(Number(await page.getByTestId(`tier-${t}`).getAttribute("data-value")), t).toBe(a.tiers.counts[t]);
      for (const id of ["extract-first", "pick-reasons", "kernel-count", "show-kernel", "hot-spot", "tier-server"])
        expect(await onFirstScreen(page, id), id).toBe(true);

      // the hot spots: the entities read by the most services, with their owner and reader count
      const entities = a.data.entities;
      const most = Math.max(...entities.map((e) => e.readBy.length));
      const rows = await page
        .getByTestId("hot-spot")
        .evaluateAll((els) =>
          els.map((e) => ({ readers: Number((e as HTMLElement).dataset.readers), text: e.textContent })),
        );
      expect(rows.length).toBe(Math.min(3, entities.length));
      expect(rows[0].readers).toBe(most);
      for (let i = 1; i < rows.length; i++) expect(rows[i].readers).toBeLessThanOrEqual(rows[i - 1].readers);
      const top = entities.find((e) => rows[0].text?.startsWith(e.name) && e.readBy.length === most)!;
      // an entity in the kernel (BaseModel) belongs to no service
      const owner = top.owner === null ? "no owner" : a.services.find((s) => s.id === top.owner)!.name;
      expect(rows[0].text).toContain(owner);

      // every global metric: what it measures, which way is better and a typical range, on screen
      const { GLOBAL_METRIC_NOTES } = await import("../../src/metrics/notes.js");
      for (const m of GLOBAL_METRIC_NOTES) {
        expect(await onFirstScreen(page, `explain-${m.key}`), m.key).toBe(true);
        const line = await page.getByTestId(`explain-${m.key}`).textContent();
        expect(line).toContain(m.short);
        expect(line).toContain(m.better === "higher" ? "higher is better" : "lower is better");
        expect(line).toContain(`typical ${m.typical}`);
        await page.getByTestId(`global-metric-${m.key}`).hover();
        await expect.poll(() => page.getByTestId(`tip-${m.key}`).isVisible()).toBe(true);
        expect(await page.getByTestId(`tip-${m.key}`).textContent()).toContain(m.range);
        // and in the what-if scorecard
        expect(await page.getByTestId(`whatif-metric-${m.key}`).getAttribute("data-value")).toBe(
          String(a.metrics[m.key]),
        );
        const row = page.getByTestId(`whatif-metric-${m.key}`).locator("xpath=..");
        expect(await row.getAttribute("title")).toContain(m.means);
      }

      // the kernel's files are one click away
      await page.getByTestId("show-kernel").click();
      expect(await page.getByTestId("panel-title").textContent()).toBe("shared kernel");
      expect(await page.getByTestId("panel-files").locator("li").count()).toBe(a.kernel.files.length);
      expect(trouble).toEqual({ errors: [], requests: [], dialogs: [] });
      await page.close();
    });
  }

  it("says so when no entity is found, or none is read outside its owner, instead of an empty table", async () => {
    const none = structuredClone(demo.analysis);
    none.data = { entities: [] };
    const own = structuredClone(demo.analysis);
    const owner = own.services[0];
    own.data = {
      entities: [{ key: "x", name: "Order", file: owner.files[0], owner: owner.id, readBy: [], writtenBy: [] }],
    };
    for (const [a, line] of [
      [
        none,
        "No data entity found (faultline reads ORM entity classes, Sequelize and Mongoose models, model classes of a " +
          "factory over a named collection or table, Prisma schemas, Drizzle tables; " +
          "not SQL files), so no service is passed over for owning no data.",
      ],
      [own, "No entity is read by a service other than its owner."],
    ] as const) {
      const { page, trouble } = await open(browser, await render(a, demo.model));
      expect(await page.getByTestId("hot-spot").count()).toBe(0);
      expect(await page.getByTestId("hot-spots").locator("p").textContent()).toBe(line);
      expect(trouble).toEqual({ errors: [], requests: [], dialogs: [] });
      await page.close();
    }
  });

  it("lists isolated files in a row of their own, whose panel names each, and no such row without them", async () => {
    // the demo has none: one of a service's files made isolated, as a file tied to nothing would be
    const a = structuredClone(demo.analysis);
    const holder = a.services.find((s) => s.files.length > 3)!;
    const lonely = holder.files[holder.files.length - 1];
    holder.files = holder.files.filter((f) => f !== lonely);
    a.isolated = [lonely];
    const { page, trouble } = await open(browser, await render(a, demo.model));
    const rows = page.getByTestId("service-row");
    expect(await rows.count()).toBe(a.services.length + 2); // the services, the kernel, the isolated files
    await page.locator('[data-testid=service-row][data-service-id=":isolated"]').click();
    expect(await page.getByTestId("panel-title").textContent()).toBe("isolated");
    expect(await page.getByTestId("panel-files").locator("li").allTextContents()).toEqual([lonely]);
    expect(trouble).toEqual({ errors: [], requests: [], dialogs: [] });
    await page.close();
    const none = await open(browser, await render({ ...demo.analysis, isolated: [] }, demo.model));
    expect(await none.page.locator('[data-testid=service-row][data-service-id=":isolated"]').count()).toBe(0);
    await none.page.close();
  });

  it("keeps each metric's value inside its cell in a narrow window (1024 x 700), the label giving way", async () => {
    const { page, trouble } = await open(browser, await render(demo.analysis, demo.model), {
      width: 1024,
      height: 700,
    });
    const { GLOBAL_METRIC_NOTES } = await import("../../src/metrics/notes.js");
    let shortened = 0;
    for (const m of GLOBAL_METRIC_NOTES) {
      const cell = page.getByTestId(`global-metric-${m.key}`);
      const [box, value, label] = await Promise.all([
        cell.boundingBox(),
        cell.locator(".value").boundingBox(),
        cell.locator(".label").evaluate((e) => ({ full: e.scrollWidth, shown: e.clientWidth })),
      ]);
      expect(value!.x + value!.width, m.key).toBeLessThanOrEqual(box!.x + box!.width);
      expect(await cell.locator(".value").getAttribute("data-value")).toBe(String(demo.analysis.metrics[m.key]));
      if (label.full > label.shown) shortened++;
    }
    // the window is narrow enough that some label had to give way: the test can fail
    expect(shortened).toBeGreaterThan(0);
    expect(trouble).toEqual({ errors: [], requests: [], dialogs: [] });
    await page.close();
  });

  it("shows analyze's shared data, contracts' data and its note when the history allows no pick", async () => {
    const { analysis: a, model } = await analyze(buildRepo(dataRepoScript()));
    expect(a.extractionOrder).toEqual([]);
    expect(a.extractionNote).toBeTruthy();
    const { page, trouble } = await open(browser, await render(a, model));
    expect(await page.getByTestId("extraction-note").textContent()).toBe(a.extractionNote);
    expect(await page.getByTestId("extract-first").count()).toBe(0);
    expect(await onFirstScreen(page, "extraction-note")).toBe(true);

    // the hot spots: analyze's entities, most read first, with their owner and reader count
    const name = (id: string | null) => (id === null ? "no owner" : a.services.find((s) => s.id === id)!.name);
    expect(a.data.entities.length).toBeGreaterThan(3);
    const rows = await page
      .getByTestId("hot-spot")
      .evaluateAll((els) => els.map((e) => [...e.querySelectorAll("td")].map((td) => td.textContent)));
    expect(rows).toEqual(a.data.entities.slice(0, 3).map((e) => [e.name, name(e.owner), `read by ${e.readBy.length}`]));
    expect(await onFirstScreen(page, "hot-spot")).toBe(true);
    // by hand: User, Product and Order are read by other domains, Invoice and Shipment by none
    expect(await page.getByTestId("show-data").textContent()).toBe("All 5 entities, 3 shared");
    await page.getByTestId("show-data").click();
    expect(await page.getByTestId("panel-title").textContent()).toBe("Shared data");
    expect(
      await page.getByTestId("entity-row").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.entity)),
    ).toEqual(a.data.entities.map((e) => e.key));
    const invoice = page.locator('[data-testid=entity-row][data-entity$="Invoice.ts"] td');
    expect(await invoice.nth(2).textContent()).toBe("no other service");

    // each service's data: what it owns and whose data it reads
    for (const s of a.services) {
      await page.locator(`[data-testid=service-row][data-service-id="${s.id}"]`).click();
      const cells = (testid: string) =>
        page
          .getByTestId(testid)
          .locator("tbody tr")
          .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
      expect(await cells("panel-data-owns"), s.id).toEqual(
        s.contract.data.owns.map((o) => [o.entity, o.readBy.map(name).join(", ") || "no other service"]),
      );
      expect(await cells("panel-data-requires"), s.id).toEqual(
        s.contract.data.requires.map((r) => [r.entity, name(r.owner), r.write ? "reads and writes" : "reads"]),
      );
    }

    // a file a rule placed (User, every domain's read, with its owner): its panel gives the rule
    const holder = a.services.find((s) => s.placed?.["src/users/User.ts"])!;
    await page.locator(`[data-testid=service-row][data-service-id="${holder.id}"]`).click();
    await page.getByTestId("panel-files").locator('[data-testid=file-link][data-path="src/users/User.ts"]').click();
    expect(await page.getByTestId("panel-placed").textContent()).toBe(
      `placed in ${holder.name} by a rule rather than the clustering: ${holder.placed!["src/users/User.ts"]}`,
    );
    expect(await page.getByText(/^confidence /).count()).toBe(0);
    expect(trouble).toEqual({ errors: [], requests: [], dialogs: [] });
    await page.close();
  });

  it("names the pick's module to start with, in the summary and in its panel", async () => {
    const a = structuredClone(demo.analysis);
    const pick = a.services.find((s) => s.id === a.extractionOrder[0])!;
    // the demo's pick is one module: split it in two, as a bigger service's would be
    const half = Math.ceil(pick.files.length / 2);
    pick.modules = [
      { id: `${pick.id}-core`, name: `${pick.name} core`, files: pick.files.slice(0, half) },
      { id: `${pick.id}-edge`, name: `${pick.name} edge`, files: pick.files.slice(half) },
    ];
    pick.startWith = `${pick.id}-edge`;
    const { page, trouble } = await open(browser, await render(a, demo.model));
    const line = `start with its ${pick.name} edge module (${pick.files.length - half} files)`;
    expect(await page.getByTestId("start-with").textContent()).toContain(line);
    expect(await onFirstScreen(page, "start-with")).toBe(true);
    await page.getByTestId("extract-first").click();
    expect(await page.getByTestId("panel-start-with").textContent()).toContain(`${pick.name} edge module`);
    expect(await page.locator(`[data-testid=module][data-module-id="${pick.startWith}"]`).textContent()).toContain(
      "start here",
    );
    expect(trouble).toEqual({ errors: [], requests: [], dialogs: [] });
    await page.close();
  });
});
