// Search in a real browser: from file:// and under a sub-path on a server, the
// split index (the repository's dossier) and the single-file one (the ranking
// site), typing (prefix), phrase and diacritics ranking, a chunk that fails to
// load and then loads, keyboard and ARIA, and the cases shared with Rust.
// Each check is first shown to fail on something broken on purpose.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
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

/** The entry file's data, read the way the browser does. */
function entry(site) {
  const text = readFileSync(join(site, "search-index.js"), "utf8");
  return JSON.parse(text.replace(/^window\.DOSSIER_SEARCH=/, "").replace(/;\n$/, ""));
}

/** Console errors other than the failed loads a test provokes. */
const unexpected = (errors) => errors.filter((e) => !/Failed to load resource|ERR_FAILED|ERR_FILE_NOT_FOUND|404/.test(e));

/** The search box's list once it shows its query's results (it is aria-busy until then). */
const SHOWN = "#site-search-results:not([hidden]):not([aria-busy])";

/** Types `query` into the search box of `page` (already open); returns the options shown. */
async function typeQuery(page, query) {
  await page.fill("#site-search-input", "");
  await page.fill("#site-search-input", query);
  await page.waitForSelector(SHOWN);
  return page.$$eval("#site-search-results [role=option]", (items) =>
    items.map((li) => ({
      title: li.querySelector(".search-title")?.textContent ?? "",
      kind: li.querySelector(".search-kind")?.textContent ?? "",
      href: li.querySelector("a")?.getAttribute("href") ?? "",
      marks: Array.from(li.querySelectorAll("mark")).map((m) => m.textContent),
      failed: li.classList.contains("search-failed"),
      text: li.textContent,
    })));
}

/** Types `query` into the search box of the page at `url`; returns the results shown. */
async function searchBox(url, query) {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  const results = await typeQuery(page, query);
  assert.deepEqual(errors, [], "no console errors");
  await page.close();
  return results;
}

/** Every result for `query` (typed, or a finished word when it ends with a space), "title | url", best first. */
async function allResults(url, query) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.DossierSearch);
  const titles = await page.evaluate(async (q) => {
    const index = await window.DossierSearch.open(document.querySelector("form.site-search").dataset.root);
    const found = await index.search(q, 1000);
    return found.results.map((r) => r.title + " | " + r.url);
  }, query);
  await page.close();
  return titles;
}

const titlesOf = (results) => results.map((t) => t.split(" | ")[0]);

test("the repository's dossier ships a split index, the ranking site a single file", () => {
  const split = entry(rootSite);
  assert.ok(split.dir && split.chunks.length >= 3, `chunks: ${split.chunks.length}`);
  const files = readdirSync(join(rootSite, split.dir, "t"));
  assert.equal(files.length, split.chunks.length, "one file per chunk");
  assert.equal(readdirSync(join(rootSite, split.dir, "d")).length, split.docs, "one fragment per document");
  assert.ok(!("rows" in split) && !("terms" in split), "the entry holds no documents");
  const single = entry(rankingSite);
  assert.equal(single.dir, undefined);
  assert.equal(single.rows.length, single.docs);
  assert.equal(existsSync(join(rankingSite, "search-index")), false);
});

for (const [name, url] of [
  ["file://", () => fileUrl(rootSite, "index.html")],
  ["a sub-path on a server", () => server.url],
]) {
  test(`diacritics and case do not matter (${name})`, async () => {
    const plain = await allResults(url(), "to lam ");
    const upper = await allResults(url(), "TO LAM ");
    const marked = await allResults(url(), "Tô Lâm ");
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
    assert.ok(results.every((r) => /hội|đàm/i.test(r.text)));
  });

  test(`several words mean all of them (${name})`, async () => {
    const titles = await allResults(url(), "hội đàm Pyeongtaek ");
    const only = await allResults(url(), "Pyeongtaek ");
    assert.ok(titles.length > 0 && titles.length < (await allResults(url(), "hội đàm ")).length);
    assert.ok(titles.every((t) => only.includes(t)), "every result also matches Pyeongtaek alone");
  });

  test(`the last word matches as a prefix while it is typed (${name})`, async () => {
    const typed = await searchBox(url(), "pyeongt");
    assert.ok(typed.length >= 3 && !typed[0].failed, `pyeongt finds the Pyeongtaek pages: ${typed.map((r) => r.title)}`);
    assert.ok(typed.every((r) => r.title.includes("Pyeongtaek") || r.marks.some((m) => /^Pyeongtaek$/i.test(m))), "each names Pyeongtaek, marked");
    // The check can fail: once the word is finished (a space), pyeongt is a word of its own, found nowhere.
    assert.deepEqual(await allResults(url(), "pyeongt "), []);
    const twoWords = await allResults(url(), "hội đàm pyeongt");
    assert.deepEqual(twoWords, await allResults(url(), "hội đàm Pyeongtaek "), "only the last word is a prefix");
  });
}

test("exact diacritics rank above folded matches, and a phrase above scattered words", async () => {
  const url = fileUrl(rankingSite, "index.html");
  const folded = await allResults(url, "hoi dam ");
  assert.deepEqual(titlesOf(folded), ["Ba", "Một", "Hai"], "typed without marks: the unmarked phrase, the marked phrase, then scattered words");
  const exact = await allResults(url, "hội đàm ");
  assert.deepEqual(titlesOf(exact), ["Một", "Hai", "Ba"], "typed with marks: the marked phrase, the marked scattered words, then the unmarked page");
});

test("a phrase ranks above scattered words that occur more often, typed or finished", async () => {
  const url = fileUrl(rankingSite, "index.html");
  for (const query of ["ky tich song han ", "ky tich song han", "kỳ tích sông hà"]) {
    assert.deepEqual(titlesOf(await allResults(url, query)), ["Năm", "Sáu"], `${query}: "kỳ tích sông Hàn" first`);
  }
  // The check can fail: the same words in another order are a phrase nowhere, and the page where they occur more wins.
  assert.deepEqual(titlesOf(await allResults(url, "han song tich ky ")), ["Sáu", "Năm"]);
});

test("a word typed whole ranks above words it only begins", async () => {
  const url = fileUrl(rankingSite, "index.html");
  const results = titlesOf(await allResults(url, "han"));
  assert.equal(results.at(-1), "Bảy", `"hạnh" (three times) after "Hàn": ${results}`);
  assert.ok(results.includes("Sáu") && results.includes("Năm"));
  // The check can fail: typed as "hanh", only the page with hạnh is found.
  assert.deepEqual(titlesOf(await allResults(url, "hanh")), ["Bảy"]);
});

test("a chunk that fails to load shows a message, and the next query loads it", async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  const chunkRequests = [];
  let aborts = 0;
  await page.route(/\/search-index\/[^/]+\/t\/\d+\.js$/, (route) => {
    chunkRequests.push(route.request().url());
    if (aborts++ === 0) return route.abort();
    return route.continue();
  });
  await page.goto(server.url);
  const failed = await typeQuery(page, "Pyeongtaek");
  assert.equal(aborts >= 1, true, "a chunk request was aborted");
  assert.equal(failed.length, 1);
  assert.ok(failed[0].failed, "the failure is shown as the list's only option");
  assert.match(failed[0].text, /Không tải được chỉ mục tìm kiếm/);
  assert.match(await page.textContent(".site-search [role=status]"), /Không tải được/, "and announced");
  const retried = await typeQuery(page, "Pyeongtaek ");
  assert.ok(retried.length >= 3 && retried.every((r) => !r.failed), `the next query finds: ${retried.map((r) => r.title)}`);
  assert.ok(chunkRequests.filter((u) => u === chunkRequests[0]).length >= 2, "the failed chunk was asked for again");
  assert.deepEqual(unexpected(errors), []);
  await page.close();
});

test("an entry file that fails to load shows a message, and the next query loads it", async () => {
  const page = await browser.newPage();
  let failing = true, aborted = 0;
  await page.route(/\/search-index\.js$/, (route) => (failing ? (aborted++, route.abort()) : route.continue()));
  await page.goto(server.url);
  const failed = await typeQuery(page, "da nang");
  assert.ok(failed[0].failed && aborted >= 1, "the failure is shown");
  failing = false;
  const retried = await typeQuery(page, "da nang ");
  assert.ok(retried.length > 0 && !retried[0].failed, "then results");
  await page.close();
});

test("from file://, chunks and fragments load from disk (and their absence shows)", async () => {
  const results = await searchBox(fileUrl(rootSite, "articles/index.html"), "Pyeongtaek");
  assert.ok(results.length >= 3 && !results[0].failed);
  // The check can fail: a copy of the site without its index folder shows the failure, not results.
  const broken = join(mkdtempSync(join(tmpdir(), "dossier-search-")), "public");
  cpSync(rootSite, broken, { recursive: true });
  rmSync(join(broken, "search-index"), { recursive: true });
  const page = await browser.newPage();
  await page.goto(fileUrl(broken, "articles/index.html"));
  const failed = await typeQuery(page, "Pyeongtaek");
  assert.ok(failed.length === 1 && failed[0].failed, "no index folder: the failure is shown");
  await page.close();
});

test("under the sub-path, every index file is asked for below it (and a root-relative path would fail)", async () => {
  const page = await browser.newPage();
  const requests = [];
  page.on("response", (r) => { if (/search-index/.test(r.url())) requests.push([new URL(r.url()).pathname, r.status()]); });
  await page.goto(server.url + "timeline/");
  const results = await typeQuery(page, "Pyeongtaek");
  assert.ok(results.length >= 3 && !results[0].failed);
  assert.ok(requests.some(([p]) => /\/t\/\d+\.js$/.test(p)) && requests.some(([p]) => /\/d\/\d+\.js$/.test(p)), "chunks and fragments were loaded");
  assert.ok(requests.every(([p, status]) => p.startsWith("/sub/path/search-index") && status === 200), JSON.stringify(requests));
  // The check can fail: with the root of the site taken as "/", the files are outside the sub-path, not found.
  const other = await browser.newPage();
  await other.route(server.url + "timeline/", async (route) => {
    const response = await route.fetch();
    route.fulfill({ response, body: (await response.text()).replace(/data-root="[^"]*"/g, 'data-root="/"') });
  });
  await other.goto(server.url + "timeline/");
  const failed = await typeQuery(other, "Pyeongtaek");
  assert.ok(failed.length === 1 && failed[0].failed);
  await page.close();
  await other.close();
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
    await typeQuery(page, "Pyeongtaek");
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
    await page.waitForSelector(SHOWN);
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

/** The cases of tests/fold_cases.txt: fold lines (two columns) and lines of `kind`. */
function sharedCases(kind) {
  const lines = readFileSync(join(repo, "tests/fold_cases.txt"), "utf8").split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split("\t"));
  return kind === "fold" ? lines.filter((c) => c.length === 2) : lines.filter((c) => c[0] === kind).map((c) => c.slice(1));
}

test("the browser folds, cuts words, looks up phrases and prefixes and sorts keys as Rust does (tests/fold_cases.txt)", async () => {
  const cases = { fold: sharedCases("fold"), latin: sharedCases("latin"), words: sharedCases("words"), phrase: sharedCases("phrase"), prefix: sharedCases("prefix"), order: sharedCases("order") };
  assert.ok(cases.fold.length >= 10);
  for (const kind of ["words", "phrase", "prefix", "order"]) assert.ok(cases[kind].length >= 3, `${kind} cases`);
  const page = await browser.newPage();
  await page.goto(fileUrl(rootSite, "index.html"));
  await page.waitForFunction(() => window.DossierSearch);
  const got = await page.evaluate((cases) => {
    const S = window.DossierSearch;
    return {
      fold: cases.fold.map((c) => S.fold(c[0])),
      latin: cases.latin.map((c) => S.fold(c[0], "latin")),
      words: cases.words.map((c) => S.tokens(c[0]).map((t) => t.folded).join(" ")),
      phrase: cases.phrase.map((c) => [...new Set(S.pairKeys(S.tokens(c[0])))].map((k) => (k[0] === " " ? k.slice(1) : `${k}: no pair's key`)).join("|")),
      prefix: cases.prefix.map((c) => (S.begins(S.tokens(c[0])[0].folded, S.tokens(c[1])[0].folded) ? "yes" : "no")),
      order: cases.order.map((c) => S.compareKeys(c[0], c[1]) < 0 && S.compareKeys(c[1], c[0]) > 0),
      // The order check can fail: JavaScript's own comparison gets a case wrong.
      naive: cases.order.map((c) => c[0] < c[1]),
    };
  }, cases);
  assert.deepEqual(got.fold, cases.fold.map((c) => c[1]));
  assert.ok(cases.latin.length >= 5, "latin cases");
  assert.deepEqual(got.latin, cases.latin.map((c) => c[1]));
  assert.deepEqual(got.words, cases.words.map((c) => c[1]));
  assert.deepEqual(got.phrase, cases.phrase.map((c) => c[1]));
  assert.deepEqual(got.prefix, cases.prefix.map((c) => c[2]));
  assert.deepEqual(got.order, cases.order.map(() => true));
  assert.ok(got.naive.includes(false), "a case that UTF-16 order sorts the other way");
  await page.close();
});
