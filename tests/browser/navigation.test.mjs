// Following the navigation for real, from file:// and from an HTTP server under
// the site's sub-path (pages at their pretty URL, /dossier/articles/): on every
// page of the built repository dossier, each link of the header (the site's
// title and the sections) and of the footer must point to a page of the site;
// from one page of each depth (home, a section or free page, an article), each
// is clicked and must land on a page that loads: status 200, no failed request,
// the stylesheet applied, the section marked as current. The 404 page, served
// for a missing path as static hosts do, links from the site's root path: its
// links are clicked from two depths. (search.test.mjs covers search, not these links.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { build, serve, launch, fileUrl, htmlPages, repo, repoBaseUrl } from "./lib.mjs";

// The language switcher (nav.editions) is followed by editions.test.mjs.
const NAV = ".site-header a.site-title, .site-header nav:not(.editions) a, .site-footer a";

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

/** A new page that records failed requests and HTTP errors. */
async function newPage() {
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  page.failures = [];
  // net::ERR_ABORTED is a request cancelled by leaving the page (a late favicon), not a missing file.
  page.on("requestfailed", (r) => { if (r.failure()?.errorText !== "net::ERR_ABORTED") page.failures.push(`${r.url()}: ${r.failure()?.errorText}`); });
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

/** Loads each of `urls` and reads where its navigation links point; each must be in `known`. */
async function targets(urls, known) {
  const page = await newPage();
  const problems = [];
  let count = 0;
  for (const url of urls) {
    await page.goto(url);
    const hrefs = await page.$$eval(NAV, (as) => as.map((a) => a.href));
    if (hrefs.length < 7) problems.push(`${url}: only ${hrefs.length} navigation links`);
    for (const href of hrefs) if (!known.has(href)) problems.push(`${url}: a link to ${href}, not a page of the site`);
    count += hrefs.length;
  }
  await page.close();
  return { problems, count };
}

const servedPages = pages.filter((p) => p !== "404.html");
// One page per depth of each edition (the last of each in path order): the home page, a section page, an article.
const editionOf = (p) => (/^[a-z]{2}\//.test(p) ? p.slice(0, 3) : "");
const editions = new Set(servedPages.map(editionOf)).size;
const perDepth = [...new Map(servedPages.map((p) => [`${editionOf(p)}${p.slice(editionOf(p).length).split("/").length}`, p])).values()];
const pretty = (p) => p.replace(/(^|\/)index\.html$/, "$1");

for (const [mode, urlOf, ownUrls] of [
  // The 404 page is for servers (it links from the site's root path), so it is left out of file://.
  ["from file://", (p) => fileUrl(site, p), () => pages.map((p) => fileUrl(site, p))],
  [`under the sub-path ${repoBaseUrl().path} on a server`, (p) => server.url + pretty(p), () => pages.map((p) => server.url + p)],
]) {
  test(`${mode}: every page's header and footer links point to pages of the site`, async () => {
    const { problems, count } = await targets(servedPages.map(urlOf), new Set(ownUrls()));
    assert.deepEqual(problems, []);
    assert.ok(count >= servedPages.length * 7, `links read: ${count}`);
  });

  test(`${mode}: each header and footer link, clicked from ${perDepth.join(", ")}, loads its page`, async () => {
    assert.equal(perDepth.length, 3 * editions, `pages at three depths in each of ${editions} editions: ${perDepth}`);
    const problems = [];
    for (const path of perDepth) problems.push(...(await followAll(urlOf(path), path)).problems);
    assert.deepEqual(problems, []);
  });
}

test("a missing page gets the 404 page, styled, whose links work from any depth (clicked)", async () => {
  const problems = [];
  for (const missing of ["no-such-page", "a/b/c/d/index.html"]) {
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

test("the checks can fail: a nav link to a missing page is reported, from file:// and on the server", async () => {
  const withoutTimeline = new Set(pages.filter((p) => p !== "timeline/index.html").map((p) => fileUrl(site, p)));
  const { problems: unknown } = await targets([fileUrl(site, "about/index.html")], withoutTimeline);
  assert.deepEqual(unknown, [`${fileUrl(site, "about/index.html")}: a link to ${fileUrl(site, "timeline/index.html")}, not a page of the site`]);
  const tamper = () => document.querySelector(".site-header nav a[href$='timeline/index.html']")?.setAttribute("href", "no-such-section/index.html");
  for (const url of [fileUrl(site, "index.html"), server.url]) {
    const { problems } = await followAll(url, "home", { tamper });
    assert.ok(problems.some((p) => p.includes("no-such-section/index.html")), `${url}: ${problems.join("\n")}`);
  }
});
