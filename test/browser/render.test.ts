// renderHtml on the Node side: the file it writes, before any browser opens it.
import { describe, expect, it } from "vitest";
import { demoRepo } from "../helpers/demo.js";
import { analyze, renderer } from "./browser.js";

describe("renderHtml", () => {
  it("is deterministic, self-contained and pins its script and style by hash", async () => {
    const { analysis, model } = await analyze(await demoRepo());
    const { renderHtml } = await renderer();
    const started = performance.now();
    const html = renderHtml(analysis, model, { title: "demo-shop" });
    console.log(
      `renderHtml on the demo (${model.files.length} files): ${Math.round(performance.now() - started)} ms, ` +
        `${Math.round(html.length / 1024)} KiB`,
    );
    expect(renderHtml(analysis, model, { title: "demo-shop" })).toBe(html);
    // nothing to fetch: no external script, stylesheet, image or font
    expect(/<(script|link|img|iframe)[^>]+(src|href)="(?!data:)/i.test(html), "an element loading a URL").toBe(false);
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    expect(css.length).toBeGreaterThan(1000);
    expect(/@import|@font-face|url\(/i.test(css), "CSS loading a URL").toBe(false);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toMatch(/default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(html.match(/<script/g)?.length).toBe(2);
  });

  it("writes JSON that nothing can break out of", async () => {
    const { jsonForScript } = await renderer();
    const hostile = { name: "</script><script>alert(1)</script><!--", amp: "&amp;", seps: "\u2028\u2029" };
    const text = jsonForScript(hostile);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(hostile);
  });
});
