// Accessibility of every page of the built repository dossier, served under its
// base path, in light and dark colour schemes: axe-core (WCAG 2.0/2.1/2.2 A and
// AA rules and best practices) with zero violations, the contrast axe cannot
// compute itself (SVG chart text) computed here, and the keyboard: the skip
// link comes first and works, every focused element shows a focus ring.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { build, serve, launch, htmlPages, repo, repoBaseUrl } from "./lib.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];
const SCHEMES = ["light", "dark"];
const WIDTHS = [375, 1280];

const site = build(repo);
const pages = htmlPages(site);
let browser, server;

before(async () => {
  server = await serve(site, repoBaseUrl().path, { notFound: "404.html" });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function open(path, { colorScheme, width }) {
  const page = await browser.newPage({ colorScheme, viewport: { width, height: 900 } });
  const response = await page.goto(server.url + path);
  assert.equal(response.status(), 200, `${path} loads`);
  assert.equal(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches), colorScheme === "dark", "the colour scheme is emulated");
  return page;
}

/** Runs axe-core on the open page. */
async function axe(page, options = { runOnly: { type: "tag", values: TAGS } }) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate((o) => window.axe.run(document, o), options);
}

const showViolations = (violations) => violations.map((v) =>
  `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}\n      ${n.failureSummary.replaceAll("\n", "\n      ")}`).join("\n")}`).join("\n");

/** Contrast of the nodes axe left as "incomplete" for color-contrast, computed in the page: SVG text
 * (its fill over the nearest opaque background). Returns those it could not compute either. */
async function contrastOfIncomplete(page, nodes) {
  return page.evaluate((targets) => {
    const rgb = (c) => { const m = c.match(/[\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m[3] ?? 1 }; };
    const lum = ({ r, g, b }) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const ratio = (x, y) => { const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.a === 1) return c;
        if (c.a !== 0 || getComputedStyle(e).backgroundImage !== "none") return null;
      }
      return rgb(getComputedStyle(document.documentElement).backgroundColor);
    };
    return targets.map((t) => {
      const el = document.querySelector(t);
      const style = el && getComputedStyle(el);
      const bg = el && background(el);
      if (!el || !(el instanceof SVGTextElement) || !bg) return { target: t, ratio: null };
      const fill = rgb(style.fill);
      return { target: t, ratio: fill.a === 1 ? ratio(fill, bg) : null, large: parseFloat(style.fontSize) >= 24 };
    });
  }, nodes.map((n) => n.target[0]));
}

test("axe does find violations on a page made to fail (the check can fail)", async () => {
  const page = await browser.newPage();
  await page.setContent(`<!DOCTYPE html><html><head><title>x</title></head><body><main><h1>x</h1><h3>y</h3>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#999;background:#fff">faint</p></main></body></html>`);
  const { violations } = await axe(page);
  assert.deepEqual(violations.map((v) => v.id).sort(), ["color-contrast", "heading-order", "html-has-lang", "image-alt"]);
  await page.close();
});

for (const colorScheme of SCHEMES) {
  for (const path of pages) {
    test(`axe: ${path} (${colorScheme}): no violations`, async () => {
      for (const width of WIDTHS) {
        const page = await open(path, { colorScheme, width });
        const results = await axe(page);
        assert.equal(results.violations.length, 0, `axe-core ${results.testEngine.version}, ${width} px, ${colorScheme}:\n${showViolations(results.violations)}`);
        assert.ok(results.passes.some((r) => r.id === "color-contrast"), "the contrast of the page's text was checked");
        const unsure = results.incomplete.filter((r) => r.id === "color-contrast").flatMap((r) => r.nodes);
        const computed = await contrastOfIncomplete(page, unsure);
        const low = computed.map((c, i) => c.ratio === null
          ? `${c.target}: unknown contrast (axe: ${[...unsure[i].any, ...unsure[i].all].map((m) => m.message).join("; ")})`
          : c.ratio < (c.large ? 3 : 4.5) ? `${c.target}: contrast ${c.ratio.toFixed(2)}, below ${c.large ? 3 : 4.5}` : null).filter(Boolean);
        assert.equal(low.length, 0, `${width} px, ${colorScheme}: ${low.length} text(s) whose contrast axe could not compute are too faint or of unknown contrast:\n${low.slice(0, 15).join("\n")}${low.length > 15 ? `\n… and ${low.length - 15} more` : ""}`);
        await page.close();
      }
    });
  }
}

test("every page has one h1, and headings go down one level at a time", async () => {
  const page = await browser.newPage();
  const problems = [];
  for (const path of pages) {
    await page.goto(server.url + path);
    const levels = await page.$$eval("h1, h2, h3, h4, h5, h6", (hs) => hs.map((h) => Number(h.tagName[1])));
    if (levels.filter((l) => l === 1).length !== 1 || levels[0] !== 1) problems.push(`${path}: ${levels.join(" ")}`);
    levels.forEach((l, i) => { if (i > 0 && l > levels[i - 1] + 1) problems.push(`${path}: h${levels[i - 1]} then h${l}`); });
  }
  assert.deepEqual(problems, []);
  await page.close();
});

for (const colorScheme of SCHEMES) {
  test(`the keyboard (${colorScheme}): the skip link comes first, shows and skips the header; every tab stop has a visible focus ring`, async () => {
    const problems = [];
    for (const path of pages) {
      const page = await open(path, { colorScheme, width: 1280 });
      await page.keyboard.press("Tab");
      const skip = await page.evaluate(() => {
        const a = document.activeElement, r = a.getBoundingClientRect();
        return { cls: a.className, href: a.getAttribute("href"), visible: r.top >= 0 && r.bottom <= innerHeight && r.width > 0 };
      });
      if (skip.cls !== "skip-link" || skip.href !== "#main" || !skip.visible) problems.push(`${path}: first tab stop ${JSON.stringify(skip)}`);
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
      if (!(await page.evaluate(() => document.querySelector("main").contains(document.activeElement)))) {
        problems.push(`${path}: after the skip link, Tab goes to ${await page.evaluate(() => document.activeElement.outerHTML.slice(0, 80))}`);
      }
      // From the top again: the first 30 tab stops (the header, the search box, the page's first links).
      await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
      await page.goto(page.url().split("#")[0]);
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press("Tab");
        const ring = await page.evaluate(() => {
          const el = document.activeElement;
          if (el === document.body) return null;
          const s = getComputedStyle(el);
          return { el: el.outerHTML.slice(0, 80), ok: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 && s.outlineColor !== s.backgroundColor };
        });
        if (ring === null) break;
        if (!ring.ok) problems.push(`${path}: no visible focus ring on ${ring.el}`);
      }
      await page.close();
    }
    assert.deepEqual(problems, []);
  });
}
