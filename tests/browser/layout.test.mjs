// Layout of every page of the built repository dossier, served under its base
// path, at 375 and 1280 px in light and dark colour schemes: no horizontal
// scrolling, no console error, no failed request, the colour scheme followed;
// a full-page screenshot of each into target/screenshots/ (CI keeps them).
// Also: no horizontal scrolling at 360 px, the narrowest width the theme
// supports, nor with the search box's results open.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { build, serve, launch, htmlPages, repo, repoBaseUrl } from "./lib.mjs";

const SHOTS = join(repo, "target", "screenshots");
const WIDTHS = [375, 1280];
const SCHEMES = ["light", "dark"];

const site = build(repo);
const pages = htmlPages(site);
let browser, server;

before(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  server = await serve(site, repoBaseUrl().path, { notFound: "404.html" });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens `path` and records what goes wrong while it loads: console errors, page errors, failed requests. */
async function open(path, { width, colorScheme = "light" }) {
  const page = await browser.newPage({ colorScheme, viewport: { width, height: 800 } });
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e}`));
  page.on("requestfailed", (r) => { if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`); });
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(server.url + path, { waitUntil: "load" });
  return { page, problems };
}

/** The document's width beyond the viewport, and the elements that stick out (not those inside a scroller). */
function overflow(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const culprits = [];
    if (scrollWidth > width) {
      const inScroller = (el) => { for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) { if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(e).overflowX)) return true; } return false; };
      for (const el of document.body.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > width + 0.5 && !inScroller(el)) culprits.push(`${el.outerHTML.slice(0, 100).replaceAll("\n", " ")} (right edge at ${Math.round(r.right)} px)`);
        if (culprits.length >= 8) break;
      }
    }
    return { width, scrollWidth, culprits };
  });
}

/** index.html → index, articles/x/index.html → articles__x, 404.html → 404. */
const shotName = (path) => path === "index.html" ? "index" : path.replace(/\/index\.html$/, "").replace(/\.html$/, "").replaceAll("/", "__");

/** The tallest screenshot taken whole. */
const MAX_SHOT_HEIGHT = 15000;

const overflowMessage = (o) => `document ${o.scrollWidth} px wide in a ${o.width} px viewport; sticking out:\n    ${o.culprits.join("\n    ")}`;

for (const path of pages) {
  test(`${path}: no horizontal scrolling, errors or failed requests at ${WIDTHS.join(" and ")} px, light and dark; screenshots`, async () => {
    const problems = [];
    for (const width of WIDTHS) {
      for (const colorScheme of SCHEMES) {
        const { page, problems: loading } = await open(path, { width, colorScheme });
        const at = `${width} px, ${colorScheme}`;
        problems.push(...loading.map((p) => `${at}: ${p}`));
        const o = await overflow(page);
        if (o.scrollWidth > o.width) problems.push(`${at}: ${overflowMessage(o)}`);
        // The stylesheet applies, and follows the system's colour scheme.
        const look = await page.evaluate(() => {
          const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
          return { luminance: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255, sheets: document.styleSheets.length, wrap: getComputedStyle(document.querySelector("main")).maxWidth };
        });
        if (look.wrap === "none") problems.push(`${at}: the stylesheet did not apply`);
        if (colorScheme === "dark" ? look.luminance > 0.2 : look.luminance < 0.8) problems.push(`${at}: background luminance ${look.luminance.toFixed(2)} does not follow the ${colorScheme} scheme`);
        const file = join(SHOTS, `${width}-${colorScheme}`, `${shotName(path)}.png`);
        mkdirSync(join(SHOTS, `${width}-${colorScheme}`), { recursive: true });
        // Chromium cannot capture a page much taller than 16,384 px in one
        // image (the print page is ~72,000 px at 375 px): a taller page is
        // captured from its top.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const clip = height > MAX_SHOT_HEIGHT ? { x: 0, y: 0, width, height: MAX_SHOT_HEIGHT } : undefined;
        await page.screenshot({ path: file, fullPage: true, clip });
        assert.ok(statSync(file).size > 5000, `a screenshot in ${file}`);
        await page.close();
      }
    }
    assert.deepEqual(problems, [], `${path}:\n${problems.join("\n")}`);
  });
}

test("no horizontal scrolling at 360 px on any page", async () => {
  const problems = [];
  for (const path of pages) {
    const { page } = await open(path, { width: 360 });
    const o = await overflow(page);
    if (o.scrollWidth > o.width) problems.push(`${path}: ${overflowMessage(o)}`);
    await page.close();
  }
  assert.deepEqual(problems, []);
});

test("the search box's open results do not make the page scroll sideways (360 to 1280 px)", async () => {
  const problems = [];
  for (const width of [360, 375, 600, 800, 1024, 1280]) {
    const { page, problems: loading } = await open("articles/index.html", { width });
    problems.push(...loading.map((p) => `${width} px: ${p}`));
    await page.fill("#site-search-input", "Tô Lâm");
    await page.waitForSelector("#site-search-results:not([hidden]) [role=option]");
    const o = await overflow(page);
    if (o.scrollWidth > o.width) problems.push(`${width} px: ${overflowMessage(o)}`);
    await page.close();
  }
  assert.deepEqual(problems, []);
});

test("the overflow check does catch a page wider than the viewport (the check can fail)", async () => {
  const { page } = await open("index.html", { width: 375 });
  await page.evaluate(() => { const d = document.createElement("div"); d.id = "too-wide"; d.style.width = "500px"; d.textContent = "x"; document.querySelector("main").append(d); });
  const o = await overflow(page);
  assert.ok(o.scrollWidth > o.width);
  assert.ok(o.culprits.some((c) => c.includes('id="too-wide"')), overflowMessage(o));
  await page.close();
});
