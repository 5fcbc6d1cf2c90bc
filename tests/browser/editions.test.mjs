// The editions of the repository's dossier (Vietnamese at the root, English
// under en/), in a real browser, from file:// and over HTTP under the
// site's sub-path: every page's language switcher and `hreflang` links name
// the same page in each edition (so each is the other's counterpart), the
// switcher is clicked there and back from a page of each kind and lands on
// the counterpart with the page's own language, and the English edition's
// search finds English words in English titles. Each check is first shown
// to fail on something broken on purpose.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build, serve, launch, fileUrl, htmlPages, repo, repoBaseUrl, watchErrors } from "./lib.mjs";

const site = build(repo);
const pages = htmlPages(site).filter((p) => !p.endsWith("404.html"));
const { url: base, path: prefix } = repoBaseUrl();
let browser, server;

before(async () => {
  server = await serve(site, prefix, { notFound: "404.html" });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** The alternates a page's HTML declares: hreflang → absolute URL, and the switcher's links (resolved). */
function alternates(html, page) {
  const links = {};
  for (const m of html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)) links[m[1]] = m[2];
  const nav = /<nav class="editions"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
  const switcher = [...nav.matchAll(/<a href="([^"]+)"([^>]*)>([^<]+)<\/a>/g)].map((m) => ({
    site: new URL(m[1], `https://x/${page}`).pathname.slice(1),
    current: m[2].includes('aria-current="true"'),
    name: m[3],
  }));
  return { links, switcher };
}

/** The problems of the pages' counterparts: each page names itself and one page
 * in the other edition, the same in its head and its switcher, and that page names it back. */
function counterpartProblems(read, list) {
  const problems = [];
  for (const page of list) {
    const { links, switcher } = alternates(read(page), page);
    const ownLang = page.startsWith("en/") ? "en" : "vi";
    if (Object.keys(links).sort().join() !== "en,vi,x-default") { problems.push(`${page}: hreflang ${Object.keys(links)}`); continue; }
    if (links["x-default"] !== links.vi) problems.push(`${page}: x-default is not the Vietnamese page`);
    if (switcher.length !== 2) { problems.push(`${page}: ${switcher.length} links in the switcher`); continue; }
    for (const s of switcher) {
      const lang = s.name === "English" ? "en" : "vi";
      const url = `${base}${s.site.replace(/index\.html$/, "")}`;
      if (links[lang] !== url) problems.push(`${page}: the switcher's ${s.name} is ${url}, hreflang says ${links[lang]}`);
      if (s.current !== (s.site === page)) problems.push(`${page}: ${s.name} current=${s.current}`);
      if (lang === ownLang && s.site !== page) problems.push(`${page}: its own edition's link leads to ${s.site}`);
      if (lang !== ownLang) {
        let back;
        try { back = alternates(read(s.site), s.site); } catch { problems.push(`${page}: counterpart ${s.site} is not written`); continue; }
        if (!back.switcher.some((b) => b.site === page)) problems.push(`${page}: ${s.site} does not link back`);
      }
    }
  }
  return problems;
}

test("counterparts: the check finds a page whose switcher leads elsewhere (the check can fail)", () => {
  const read = (p) => {
    const html = readFileSync(join(site, p), "utf8");
    return p === "en/timeline/index.html" ? html.replace('<a href="../../timeline/index.html" hreflang="vi"', '<a href="../../people/index.html" hreflang="vi"') : html;
  };
  const problems = counterpartProblems(read, ["en/timeline/index.html"]);
  assert.ok(problems.length > 0, "a tampered switcher is found");
});

test("counterparts: every page of both editions names itself and its counterpart, which names it back", () => {
  assert.ok(pages.filter((p) => p.startsWith("en/")).length >= 15, "the English edition has its pages");
  assert.equal(pages.filter((p) => p.startsWith("en/")).length, pages.filter((p) => !p.startsWith("en/")).length, "the same pages in both");
  const read = (p) => readFileSync(join(site, p), "utf8");
  assert.deepEqual(counterpartProblems(read, pages), []);
});

const START = ["index.html", "timeline/index.html", "about/index.html", "articles/tong-bi-thu-to-lam-gap-mat-thanh-vien-mang-luoi-doi-moi-sang/index.html"];

for (const [where, urlOf] of [["file://", (p) => fileUrl(site, p)], ["HTTP under the sub-path", (p) => `${server_url()}${p.replace(/index\.html$/, "")}`]]) {
  test(`switcher, ${where}: to English and back from a page of each kind`, async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    for (const start of START) {
      await page.goto(urlOf(start));
      const vi = await page.evaluate(() => ({ lang: document.documentElement.lang, h1: document.querySelector("h1").textContent }));
      assert.equal(vi.lang, "vi", start);
      await Promise.all([page.waitForURL(/\/en\//, { waitUntil: "load" }), page.click('nav.editions a[hreflang="en"]')]);
      const en = await page.evaluate(() => ({ lang: document.documentElement.lang, h1: document.querySelector("h1").textContent, path: location.pathname, styled: getComputedStyle(document.querySelector("main")).maxWidth !== "none" }));
      assert.equal(en.lang, "en", `${start} → ${en.path}`);
      assert.ok(en.path.includes("/en/"), `${start} → ${en.path}`);
      assert.ok(en.styled, `${en.path}: the stylesheet applies`);
      assert.notEqual(en.h1, vi.h1, `${start}: the English page has its own heading`);
      await Promise.all([page.waitForURL((u) => !u.pathname.includes("/en/"), { waitUntil: "load" }), page.click('nav.editions a[hreflang="vi"]')]);
      const back = await page.evaluate(() => ({ lang: document.documentElement.lang, h1: document.querySelector("h1").textContent }));
      assert.deepEqual(back, vi, `${start}: back to the same Vietnamese page`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}

function server_url() {
  return server.url;
}

test("search in the English edition finds English words, from file://", async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(fileUrl(site, "en/index.html"));
  await page.fill("#site-search-input", "press meeting");
  await page.waitForSelector("#site-search-results:not([hidden]):not([aria-busy]) [role=option]");
  const titles = await page.$$eval("#site-search-results [role=option] .search-title", (ts) => ts.map((t) => t.textContent));
  assert.ok(titles.some((t) => /press/i.test(t)), `English titles found: ${titles.join(" | ")}`);
  const href = await page.$eval("#site-search-results [role=option] a", (a) => a.href);
  assert.ok(href.includes("/en/"), `results lead into the English edition: ${href}`);
  assert.deepEqual(errors, []);
  await page.close();
});
