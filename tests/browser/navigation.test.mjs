// Following the navigation for real: from every page of the built repository
// dossier, opened from file:// and from an HTTP server under the site's
// sub-path (at its pretty URL, /dossier/articles/), every link of the header
// (the site's title and the sections) and of the footer is clicked and must
// land on a page that loads: status 200, no failed request, the stylesheet
// applied, the section marked as current. The 404 page, served for a missing
// path as static hosts do, links from the site's root path: its links must
// work from any depth. (search.test.mjs covers search, not these links.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { build, serve, launch, fileUrl, htmlPages, repo, repoBaseUrl } from "./lib.mjs";

const NAV = ".site-header a.site-title, .site-header nav a, .site-footer a";

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

/** Runs `job` on every item, `limit` at a time (pages in parallel tabs: navigation mostly waits). */
async function pool(items, limit, job) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) { const i = next++; results[i] = await job(items[i]); }
  }));
  return results;
}

/** A new page that records failed requests and HTTP errors. */
async function newPage() {
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  page.failures = [];
  page.on("requestfailed", (r) => page.failures.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on("response", (r) => { if (r.status() >= 400 && r.request().resourceType() !== "document") page.failures.push(`${r.url()}: HTTP ${r.status()}`); });
  page.on("pageerror", (e) => page.failures.push(`page error: ${e}`));
  return page;
}

/** What a loaded page shows: its h1, whether the stylesheet applied, the current section's link. */
const state = (page) => page.evaluate(() => ({
  url: location.href,
  h1: document.querySelector("h1")?.textContent ?? null,
  styled: getComputedStyle(document.querySelector("main")).maxWidth !== "none",
  current: document.querySelector('.site-header nav a[aria-current="page"]')?.textContent ?? null,
}));

/** Opens `url`, then clicks each navigation link in turn (going back between clicks); returns the problems. */
async function followAll(url, label, { expectedStatus = 200, tamper } = {}) {
  const page = await newPage();
  const problems = [];
  const first = await page.goto(url);
  const start = page.url();
  if (first && first.status() !== expectedStatus) problems.push(`${label}: HTTP ${first.status()}`);
  if (tamper) await page.evaluate(tamper);
  const links = await page.$$eval(NAV, (as) => as.map((a) => ({ text: a.textContent.trim(), href: a.href, inNav: !!a.closest(".site-header nav") })));
  if (links.length < 7) problems.push(`${label}: only ${links.length} navigation links`);
  for (const [i, link] of links.entries()) {
    if (i > 0) {
      // Back to the page under test through the history (fast), or load it again when the last
      // link led to the page itself (that replaces the history entry) or failed.
      if (page.url() !== start) await page.goBack().catch(() => null);
      if (page.url() !== start) await page.goto(url);
      if (tamper) await page.evaluate(tamper);
    }
    page.failures.length = 0;
    const where = `${label}: "${link.text}" → ${link.href}`;
    let response;
    try {
      [response] = await Promise.all([page.waitForNavigation(), page.locator(NAV).nth(i).click()]);
    } catch (e) {
      problems.push(`${where}: ${e.message.split("\n")[0]}`);
      // A missing file:// page: Chromium goes on to show its error page; let it, then reload ours.
      await page.waitForURL(/^chrome-error:/, { timeout: 5000 }).catch(() => null);
      await page.goto(url);
      if (tamper) await page.evaluate(tamper);
      continue;
    }
    const landed = await state(page);
    if (response && response.status() !== 200) problems.push(`${where}: HTTP ${response.status()}`);
    if (landed.url !== link.href) problems.push(`${where}: landed on ${landed.url}`);
    if (!landed.h1) problems.push(`${where}: no h1 (did it load?)`);
    if (!landed.styled) problems.push(`${where}: the stylesheet did not apply`);
    if (link.inNav && landed.current !== link.text) problems.push(`${where}: the nav marks ${landed.current} as current, not ${link.text}`);
    problems.push(...page.failures.map((f) => `${where}: ${f}`));
  }
  await page.close();
  return { problems, links };
}

test("from file://, every header and footer link of every page loads its page", async () => {
  // The 404 page is for servers (it links from the site's root path), so it is left out here.
  const results = await pool(pages.filter((p) => p !== "404.html"), 2, (path) => followAll(fileUrl(site, path), path));
  const clicked = results.reduce((n, r) => n + r.links.length, 0);
  assert.deepEqual(results.flatMap((r) => r.problems), []);
  assert.ok(clicked >= (pages.length - 1) * 7, `links followed: ${clicked}`);
});

test(`under the sub-path ${repoBaseUrl().path} on a server, every header and footer link of every page loads its page`, async () => {
  // Pretty URLs, as the canonical links give them: /dossier/articles/ rather than /dossier/articles/index.html.
  const pretty = pages.filter((p) => p !== "404.html").map((p) => p.replace(/(^|\/)index\.html$/, "$1"));
  const results = await pool(pretty, 2, (path) => followAll(server.url + path, `/${path}`));
  assert.deepEqual(results.flatMap((r) => r.problems), []);
});

test("a missing page gets the 404 page, styled, whose links work from any depth", async () => {
  const problems = [];
  for (const missing of ["no-such-page", "articles/no-such-article/", "a/b/c/d/index.html"]) {
    const page = await newPage();
    const response = await page.goto(server.url + missing);
    assert.equal(response.status(), 404, missing);
    const shown = await state(page);
    assert.ok(shown.h1 && shown.styled, `${missing}: the 404 page, styled: ${JSON.stringify(shown)}`);
    assert.deepEqual(page.failures, [], `${missing}: its stylesheet, script and icon load`);
    await page.close();
    problems.push(...(await followAll(server.url + missing, `/${missing} (404)`, { expectedStatus: 404 })).problems);
  }
  assert.deepEqual(problems, []);
});

test("the check can fail: a nav link to a missing page is reported, from file:// and on the server", async () => {
  const tamper = () => document.querySelector(".site-header nav a[href$='timeline/index.html']")?.setAttribute("href", "no-such-section/index.html");
  for (const url of [fileUrl(site, "index.html"), server.url]) {
    const { problems } = await followAll(url, "home", { tamper });
    assert.ok(problems.some((p) => p.includes("no-such-section/index.html")), `${url}: ${problems.join("\n")}`);
  }
});
