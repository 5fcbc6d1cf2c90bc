// Search in a real browser: from file:// and under a sub-path on a server,
// the queries of the issue, keyboard and ARIA, and the folding shared with Rust.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build, serve, launch, fileUrl, repo, here, watchErrors } from "./lib.mjs";

let browser, rootSite, subSite, server, rankingSite;

before(async () => {
  rootSite = build(repo);
  subSite = build(repo, { baseUrl: "https://example.org/sub/path/" });
  rankingSite = build(join(here, "ranking-site"));
  server = await serve(subSite, "/sub/path/");
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Types `query` into the search box of the page at `url`; returns the results shown. */
async function searchBox(url, query) {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.fill("#site-search-input", query);
  await page.waitForSelector("#site-search-results:not([hidden])");
  const results = await page.$$eval("#site-search-results [role=option]", (items) =>
    items.map((li) => ({
      title: li.querySelector(".search-title")?.textContent ?? "",
      kind: li.querySelector(".search-kind")?.textContent ?? "",
      href: li.querySelector("a")?.getAttribute("href") ?? "",
      marks: Array.from(li.querySelectorAll("mark")).map((m) => m.textContent),
      text: li.textContent,
    })));
  assert.deepEqual(errors, [], "no console errors");
  await page.close();
  return results;
}

async function allResults(url, query) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.DossierSearch);
  const titles = await page.evaluate(async (q) => {
    const index = await new Promise((ok) => window.DossierSearch.withIndex(document.querySelector("form.site-search").dataset.root, ok));
    return index.search(q + " ").map((r) => r.title + " | " + r.url);
  }, query);
  await page.close();
  return titles;
}

for (const [name, url] of [
  ["file://", () => fileUrl(rootSite, "index.html")],
  ["a sub-path on a server", () => server.url],
]) {
  test(`diacritics and case do not matter (${name})`, async () => {
    const plain = await allResults(url(), "to lam");
    const upper = await allResults(url(), "TO LAM");
    const marked = await allResults(url(), "Tô Lâm");
    assert.ok(plain.length >= 10, `to lam finds the many pages naming Tô Lâm: ${plain.length}`);
    assert.deepEqual(upper, plain, "TO LAM finds what to lam finds, in the same order");
    assert.deepEqual([...marked].sort(), [...plain].sort(), "Tô Lâm finds the same pages");
  });

  test(`da nang finds Đà Nẵng (${name})`, async () => {
    const results = await searchBox(url(), "da nang");
    assert.ok(results.length > 0);
    assert.match(results[0].text, /Đà Nẵng/, "the first result names Đà Nẵng");
    assert.ok(results[0].marks.includes("Đà") && results[0].marks.includes("Nẵng"), `matched words are marked: ${results[0].marks}`);
  });

  test(`hoi dam finds hội đàm, the talks first (${name})`, async () => {
    const results = await searchBox(url(), "hoi dam");
    assert.match(results[0].title.toLowerCase(), /hội đàm/);
    assert.ok(results.every((r) => /hội đàm|hội|đàm/i.test(r.text)));
  });

  test(`several words mean all of them (${name})`, async () => {
    const titles = await allResults(url(), "hội đàm Pyeongtaek");
    const only = await allResults(url(), "Pyeongtaek");
    assert.ok(titles.length > 0 && titles.length < (await allResults(url(), "hội đàm")).length);
    assert.ok(titles.every((t) => only.includes(t)), "every result also matches Pyeongtaek alone");
  });
}

test("exact diacritics rank above folded matches, and a phrase above scattered words", async () => {
  const url = fileUrl(rankingSite, "index.html");
  const folded = await allResults(url, "hoi dam");
  assert.deepEqual(folded.map((t) => t.split(" | ")[0]), ["Ba", "Một", "Hai"], "typed without marks: the unmarked page, then the phrase, then scattered words");
  const exact = await allResults(url, "hội đàm");
  assert.deepEqual(exact.map((t) => t.split(" | ")[0]), ["Một", "Hai", "Ba"], "typed with marks: the marked phrase, the marked scattered words, then the unmarked page");
});

test("results say what they are and the empty result says so", async () => {
  const results = await searchBox(fileUrl(rootSite, "timeline/index.html"), "Pyeongtaek");
  const kinds = new Set(results.map((r) => r.kind));
  for (const kind of ["Văn kiện", "Nhân vật", "Bài báo"]) assert.ok(kinds.has(kind), `a ${kind} result: ${[...kinds]}`);
  const none = await searchBox(fileUrl(rootSite, "index.html"), "xyzxyzxyz");
  assert.equal(none.length, 1);
  assert.match(none[0].text, /Không có kết quả/);
});

test("the keyboard moves through results, Enter opens one, Escape closes the list", async () => {
  for (const url of [fileUrl(rootSite, "articles/index.html"), server.url + "articles/"]) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.fill("#site-search-input", "Pyeongtaek");
    await page.waitForSelector("#site-search-results:not([hidden])");
    assert.equal(await page.getAttribute("#site-search-input", "aria-expanded"), "true");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const active = await page.getAttribute("#site-search-input", "aria-activedescendant");
    assert.equal(active, "search-option-1");
    assert.equal(await page.getAttribute(`#${active}`, "aria-selected"), "true");
    const href = await page.$eval(`#${active} a`, (a) => a.href);
    await page.keyboard.press("Escape");
    assert.equal(await page.isHidden("#site-search-results"), true);
    assert.equal(await page.getAttribute("#site-search-input", "aria-expanded"), "false");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await Promise.all([page.waitForURL(href), page.keyboard.press("Enter")]);
    await page.close();
  }
});

test("the search page answers ?q= links, from file:// and under the sub-path", async () => {
  for (const url of [fileUrl(rootSite, "search/index.html") + "?q=%C4%91%C3%A0%20n%E1%BA%B5ng", server.url + "search/?q=da+nang"]) {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(url);
    await page.waitForSelector(".search-page-results .search-result");
    assert.match(await page.textContent(".search-count"), /\d+ kết quả/);
    const first = await page.$eval(".search-page-results .search-result a", (a) => a.href);
    assert.ok((await page.textContent(".search-page-results")).includes("Đà Nẵng"));
    await page.goto(first);
    assert.equal(await page.title() !== "", true);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("the browser folds exactly as Rust does (tests/fold_cases.txt)", async () => {
  const cases = readFileSync(join(repo, "tests/fold_cases.txt"), "utf8")
    .split("\n").filter((l) => l.trim() && !l.startsWith("#")).map((l) => l.split("\t"));
  assert.ok(cases.length >= 10);
  const page = await browser.newPage();
  await page.goto(fileUrl(rootSite, "index.html"));
  await page.waitForFunction(() => window.DossierSearch);
  const folded = await page.evaluate((inputs) => inputs.map((i) => window.DossierSearch.fold(i)), cases.map((c) => c[0]));
  assert.deepEqual(folded, cases.map((c) => c[1]));
  await page.close();
});
