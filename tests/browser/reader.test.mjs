// The reader's pages of the built repository dossier as issue 22 redesigned
// them, read in Chromium: the structure of each page kind (citations as
// numbered markers, not links over the prose; the briefing at a glance; the
// visit's days before the background years; the summary tables; the charts'
// axes and labels; the article's publication details), what a reader does
// with it (a marker's quote on hover, focus and tap; sorting a table), what
// is left without scripts (the lists of references), and the layout (a side
// column on a desktop, one column on a phone; one pair of type families).
// Each structural check reads the DOM the browser parsed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build, launch, fileUrl, htmlPages, repo } from "./lib.mjs";

const site = build(repo);
const pages = htmlPages(site);
const visit = JSON.parse(readFileSync(join(site, "data", "visit.json"), "utf8"));
const timeline = JSON.parse(readFileSync(join(site, "data", "timeline.json"), "utf8"));
const ARTICLE = pages.find((p) => p.startsWith("articles/") && p !== "articles/index.html");
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens `path` (a site path, with an optional `#fragment`) from disk in a fresh context. */
async function open(path, { width = 1280, height = 800, javaScript = true, touch = false, colorScheme = "light" } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: javaScript, hasTouch: touch, isMobile: touch, colorScheme });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const [file, fragment] = path.split("#");
  await page.goto(fileUrl(site, file) + (fragment ? `#${fragment}` : ""), { waitUntil: "load" });
  return { page, errors, close: () => context.close() };
}

/** Every citation of a page's prose, as the DOM holds it: each link in a body
 * that leads to an article's paragraph, and what is around it. */
function citationsIn(page) {
  return page.$$eval(".prose a[href*='#p-'], .note-small a[href*='#p-']", (links) =>
    links.filter((a) => !a.closest("ol.references")).map((a) => {
      const sup = a.parentElement;
      const words = sup?.previousElementSibling;
      const body = a.closest(".prose, .note-small");
      const entry = document.getElementById(a.getAttribute("aria-describedby") || "")?.closest("li");
      return {
        html: a.outerHTML.slice(0, 160),
        isMarker: a.classList.contains("cite") && sup?.matches("sup.cite-mark") === true,
        number: a.textContent.trim(),
        wordsBefore: words?.matches("span.cited-words") === true && words.textContent.trim().length > 0,
        linksInWords: words ? words.querySelectorAll("a").length : -1,
        entryInBody: !!entry && entry.closest("ol.references")?.parentElement === body,
        entryQuote: entry?.querySelector("q")?.textContent.trim() ?? "",
        entryHref: entry?.querySelector("a.reference")?.getAttribute("href") ?? "",
        href: a.getAttribute("href"),
        bodyIndex: [...document.querySelectorAll(".prose, .note-small")].indexOf(body),
      };
    }));
}

/** What is wrong with the citations of the page open in `page`: links into
 * articles that are not markers, markers that are not numbers or do not
 * follow plain cited words, entries missing from the body's references. */
async function citationProblems(page, path) {
  const problems = [];
  const cites = await citationsIn(page);
  const numbering = new Map();
  for (const c of cites) {
    if (!c.isMarker) problems.push(`${path}: a link into an article that is not a marker: ${c.html}`);
    if (!/^\d+$/.test(c.number)) problems.push(`${path}: a marker that is not a number: ${c.html}`);
    if (!c.wordsBefore || c.linksInWords !== 0) problems.push(`${path}: the cited words before ${c.html} are not plain prose`);
    if (!c.entryInBody || !c.entryQuote) problems.push(`${path}: ${c.html} has no entry with its quote in its body's references`);
    if (c.entryHref !== c.href) problems.push(`${path}: the entry of ${c.html} links elsewhere (${c.entryHref})`);
    const list = numbering.get(c.bodyIndex) ?? [];
    list.push(Number(c.number));
    numbering.set(c.bodyIndex, list);
  }
  for (const [body, numbers] of numbering) {
    const expected = numbers.map((_, i) => i + 1);
    if (numbers.join() !== expected.join()) problems.push(`${path}: body ${body} numbers its markers ${numbers}, not ${expected}`);
  }
  return { problems, count: cites.length };
}

test("citations in prose are numbered markers after the cited words, each with its entry in the body's references", async () => {
  let seen = 0;
  const problems = [];
  for (const path of pages) {
    const { page, close } = await open(path, { javaScript: false });
    const found = await citationProblems(page, path);
    problems.push(...found.problems);
    seen += found.count;
    await close();
  }
  assert.deepEqual(problems, []);
  assert.ok(seen > 100, `citations checked: ${seen}`);
});

test("without scripts, each body's list of references shows, and its entries lead back to their markers", async () => {
  const { page, close } = await open("index.html", { javaScript: false });
  const lists = await page.$$eval(".summary ol.references", (ols) => ols.map((ol) => ({
    shown: getComputedStyle(ol).display !== "none" && ol.getBoundingClientRect().height > 0,
    backs: [...ol.querySelectorAll("a.reference-back")].map((a) => !!document.getElementById(a.getAttribute("href").slice(1))?.matches("a.cite")),
  })));
  assert.equal(lists.length, 1, "the summary ends in its references");
  assert.ok(lists[0].shown, "the list is shown");
  assert.ok(lists[0].backs.length > 5 && lists[0].backs.every(Boolean), "each entry links back to its marker");
  await close();
  const live = await open("index.html");
  assert.equal(await live.page.$eval(".summary ol.references", (ol) => getComputedStyle(ol).display), "none", "with scripts, the popovers replace the list");
  await live.close();
});

/** The popover's quote and link, or null. */
const popover = (page) => page.evaluate(() => {
  const pop = document.querySelector(".cite-pop");
  if (!pop) return null;
  const r = pop.getBoundingClientRect();
  return { quote: pop.querySelector("q")?.textContent.trim(), href: pop.querySelector("a")?.getAttribute("href"), left: r.left, right: r.right, visible: r.width > 0 && r.height > 0 };
});

test("a marker shows its quote and a link to the passage on hover, on focus and on tap", async () => {
  for (const how of ["hover", "focus", "tap"]) {
    const width = how === "tap" ? 375 : 1280;
    const { page, errors, close } = await open("index.html", { width, touch: how === "tap" });
    const marker = page.locator(".summary a.cite").nth(5);
    const expected = await marker.evaluate((a) => ({ href: a.getAttribute("href"), quote: document.getElementById(a.getAttribute("aria-describedby")).textContent.trim() }));
    await marker.scrollIntoViewIfNeeded();
    if (how === "hover") await marker.hover();
    else if (how === "focus") await marker.focus();
    else await marker.tap();
    const shown = await popover(page);
    assert.ok(shown?.visible, `${how}: a popover`);
    assert.equal(shown.quote, expected.quote, `${how}: its quote`);
    assert.equal(shown.href, expected.href, `${how}: its link to the passage`);
    assert.ok(shown.left >= 0 && shown.right <= width, `${how}: inside the ${width} px viewport (${shown.left}–${shown.right})`);
    if (how === "focus") {
      await page.keyboard.press("Escape");
      assert.equal(await popover(page), null, "Escape closes it");
      assert.ok(await marker.evaluate((a) => a === document.activeElement), "and leaves the focus on the marker");
    }
    if (how === "tap") {
      assert.ok(page.url().endsWith("/index.html"), "the first tap does not leave the page");
      await Promise.all([page.waitForURL(/#p-/), marker.tap()]);
      assert.ok(page.url().endsWith(expected.href.replace(/^\.\//, "")), `a second tap follows the link: ${page.url()}`);
    }
    assert.deepEqual(errors, []);
    await close();
  }
});

test("the home page is the briefing at a glance: the visit, its days, the key figures, the agreements, then the summary", async () => {
  const { page, close } = await open("index.html");
  const order = await page.$$eval("main section[aria-labelledby]", (ss) => ss.map((s) => s.className.split(" ")[0]).filter((c) => c !== "sources"));
  assert.deepEqual(order, ["visit-card", "days", "key-figures", "home-agreements", "summary", "home-articles"]);
  const days = await page.$$eval("#days .day-list > li > h3", (hs) => hs.map((h) => h.textContent.trim()));
  assert.ok(days.length >= 5, `${days}`);
  // Every day of the visit, 10 to 13 August, in order, then the undated events.
  const first = new Date(visit.start), last = new Date(visit.end);
  const calendar = [];
  for (let d = first; d <= last; d = new Date(d.getTime() + 86400000)) calendar.push(`${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`);
  assert.deepEqual(days.slice(0, calendar.length).map((d) => d.split(", ").pop()), calendar, "each day of the visit");
  assert.ok(days.slice(calendar.length).every((d) => !/^\S+ \S+, \d/.test(d)), `then the events without a day: ${days.slice(calendar.length)}`);
  const disputed = await page.$$eval(".key-figures li.figure.disputed", (fs) => fs.map((f) => f.querySelectorAll(".figure-values > li").length));
  assert.ok(disputed.length >= 1 && disputed.every((n) => n >= 2), "a disputed key figure shows each of its values");
  // At 1280 px the visit card and the days are side by side on the first screen.
  const box = (sel) => page.$eval(sel, (e) => { const r = e.getBoundingClientRect(); return { top: r.top, left: r.left, right: r.right, bottom: r.bottom }; });
  const [card, dayList] = [await box(".visit-card"), await box("#days")];
  assert.ok(card.right <= dayList.left && card.top < 800 && dayList.top < 800, `side by side: ${JSON.stringify({ card, dayList })}`);
  assert.equal(await page.$$eval("main nav.chips", (n) => n.length), 0, "no row of links repeating the header's");
  await close();
  const phone = await open("index.html", { width: 375, height: 740 });
  const [pcard, pdays] = [await phone.page.$eval(".visit-card", (e) => e.getBoundingClientRect().toJSON()), await phone.page.$eval("#days", (e) => e.getBoundingClientRect().toJSON())];
  assert.ok(pcard.top < 740 && pcard.bottom <= pdays.top, `on a phone, one column, the visit on the first screen: ${JSON.stringify({ pcard, pdays })}`);
  await phone.close();
});

test("the timeline opens on the visit's days, each day's events in their order, then the background years", async () => {
  const { page, close } = await open("timeline/index.html");
  const parts = await page.$$eval("section.timeline-part > h2", (hs) => hs.map((h) => h.id));
  assert.deepEqual(parts, ["part-visit", "part-background"], "the visit's days before the background");
  const events = await page.$$eval("li.event", (ls) => ls.map((l) => ({ id: l.id.replace(/^e-/, ""), part: l.closest("section.timeline-part").querySelector("h2").id })));
  const byId = Object.fromEntries(timeline.map((e) => [e.id, e]));
  const inVisit = (e) => (e.end ?? e.date) >= visit.start && e.date <= visit.end || (e.date.length === 7 && visit.start.startsWith(e.date));
  for (const e of events) {
    assert.equal(e.part === "part-visit", inVisit(byId[e.id]), `${e.id} is in the part of its date`);
  }
  const firstBackground = events.findIndex((e) => e.part === "part-background");
  assert.ok(firstBackground > 0 && events.slice(firstBackground).every((e) => e.part === "part-background"), "no visit event after the background");
  // Same-day events in the model's order (by time, then by the relations the sources give).
  for (const day of new Set(timeline.filter((e) => e.date.length === 10 && !e.end && inVisit(e)).map((e) => e.date))) {
    const shown = events.map((e) => e.id).filter((id) => byId[id].date === day && !byId[id].end);
    assert.deepEqual(shown, timeline.filter((e) => e.date === day && !e.end).map((e) => e.id), `the order of ${day}`);
  }
  const years = await page.$$eval("#part-background ~ ol .group-year > h3", (hs) => hs.map((h) => Number(h.textContent)));
  assert.deepEqual(years, [...years].sort((a, b) => a - b), "the years in time order");
  await close();
});

test("statistics: one table compares every figure and sorts where scripts run", async () => {
  const { page, close } = await open("statistics/index.html");
  const table = page.locator("table.figures-table.sortable");
  const heads = await table.locator("thead th").allTextContents();
  assert.deepEqual(heads.map((h) => h.trim()), ["Chỉ số", "Nhóm", "Giá trị", "Thời kỳ", "Nguồn", "Vênh nhau"]);
  const rows = await table.locator("tbody tr").count();
  const observations = await page.locator("article.metric .observation-list > li").count();
  assert.equal(rows, observations, "a row for each value of each figure");
  const disputedRows = await table.locator("tbody tr.disputed .badge-disputed").count();
  const disputedValues = await page.locator("article.metric.has-discrepancy .observation-list > li").count();
  assert.ok(disputedRows > 0 && disputedRows === disputedValues, "each value of a disputed figure is marked in the table");
  const values = () => table.locator("tbody td.value").evaluateAll((tds) => tds.map((td) => Number(td.dataset.sortValue)));
  const valueHead = table.locator("thead th", { hasText: "Giá trị" });
  await valueHead.locator("button.sort-button").click();
  assert.equal(await valueHead.getAttribute("aria-sort"), "ascending");
  const up = await values();
  assert.deepEqual(up, [...up].sort((a, b) => a - b), "sorted by the number, not its words");
  await valueHead.locator("button.sort-button").press("Enter");
  assert.equal(await valueHead.getAttribute("aria-sort"), "descending", "a button the keyboard works");
  const down = await values();
  assert.deepEqual(down, [...up].reverse().sort((a, b) => b - a));
  await close();
});

/** Each metric of the statistics page open in `page`: its values as
 * written, and its chart as drawn (bars, axis, ticks, caption, labels,
 * sources; each text's box, rendered size in px). */
function metricsOnPage(page) {
  return page.$$eval("article.metric", (ms) => ms.map((m) => {
    const svg = m.querySelector("figure.chart-figure svg.chart");
    const observations = [...m.querySelectorAll(".observation-list > li")].map((li) => li.querySelector(".observation-value").textContent.trim());
    if (!svg) return { id: m.id, observations, chart: null };
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll("text")].map((t) => {
      const r = t.getBoundingClientRect();
      return { cls: t.getAttribute("class"), text: t.textContent, inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5, px: parseFloat(getComputedStyle(t).fontSize) * scale, r: r.toJSON() };
    });
    const of = (cls) => texts.filter((t) => t.cls === cls).map((t) => t.text);
    return {
      id: m.id,
      observations,
      chart: { bars: svg.querySelectorAll("rect.chart-bar").length, axis: svg.querySelectorAll(".chart-axis .chart-axis-line").length, ticks: of("chart-tick"), caption: of("chart-caption"), labels: of("chart-label"), sources: of("chart-source"), texts },
    };
  }));
}

/** What is wrong with the charts of `metrics` (from `metricsOnPage`). */
function chartProblems(metrics, width) {
  const problems = [];
  const fail = (ok, message) => { if (!ok) problems.push(message); };
  for (const m of metrics) {
    const at = `${m.id} at ${width} px`;
    fail(!!m.chart === m.observations.length > 1, `${at}: a chart exactly when there is more than one value`);
    if (!m.chart) continue;
    const c = m.chart;
    fail(c.bars === m.observations.length, `${at}: a bar per value`);
    fail(c.axis === 1, `${at}: a value axis`);
    fail(c.ticks.length >= 2 && c.ticks[0] === "0", `${at}: ticks from zero: ${c.ticks}`);
    fail(c.caption.length === 1 && c.caption[0].length > 0, `${at}: the axis says its unit`);
    fail(c.labels.map((l) => l.split(": ").slice(1).join(": ")).join("|") === m.observations.join("|"), `${at}: each bar labelled with its value as written: ${c.labels}`);
    fail(c.sources.length === c.bars && c.sources.every((s) => /\d{3}/.test(s)), `${at}: each bar names its source: ${c.sources}`);
    for (const t of c.texts) {
      fail(t.inside, `${at}: “${t.text}” is inside the drawing`);
      fail(t.px >= 9.5, `${at}: “${t.text}” is legible (${t.px.toFixed(1)} px)`);
    }
    const rows = c.texts.filter((t) => t.cls === "chart-label" || t.cls === "chart-source");
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        const [a, b] = [rows[i].r, rows[j].r];
        fail(!(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom), `${at}: “${rows[i].text}” and “${rows[j].text}” overlap`);
      }
    }
  }
  return problems;
}

test("every metric with more than one value has a chart with an axis, a label and a source on each bar", async () => {
  for (const width of [375, 1280]) {
    const { page, close } = await open("statistics/index.html", { width });
    const metrics = await metricsOnPage(page);
    assert.ok(metrics.filter((m) => m.observations.length > 1).length >= 3, "metrics with several values");
    assert.deepEqual(chartProblems(metrics, width), []);
    await close();
  }
});

test("the citation and chart checks do catch a link over the cited words and a chart without its axis (the checks can fail)", async () => {
  const home = await open("index.html", { javaScript: false });
  await home.page.$eval(".summary a.cite", (marker) => {
    // The old way: the cited words were the link.
    const words = marker.parentElement.previousElementSibling;
    marker.textContent = words.textContent;
    words.replaceWith(marker);
  });
  const cites = await citationProblems(home.page, "index.html");
  assert.ok(cites.problems.some((p) => p.includes("not a number")), cites.problems.join("\n"));
  await home.close();
  const stats = await open("statistics/index.html", { width: 375 });
  await stats.page.$eval("svg.chart", (svg) => {
    svg.querySelector(".chart-axis-line").remove();
    svg.querySelector(".chart-source").remove();
    [...svg.querySelectorAll(".chart-tick")].pop().setAttribute("text-anchor", "start");
  });
  const charts = chartProblems(await metricsOnPage(stats.page), 375);
  for (const expected of ["a value axis", "names its source", "is inside the drawing"]) {
    assert.ok(charts.some((p) => p.includes(expected)), `${expected}: ${charts.join("\n")}`);
  }
  await stats.close();
});

test("agreements: a summary table of every document above the details", async () => {
  const { page, close } = await open("agreements/index.html");
  const parts = await page.$$eval("main > section", (ss) => ss.map((s) => s.className));
  assert.deepEqual(parts, ["agreements-summary", "agreement-details"], "the table, then the details");
  const heads = await page.$$eval("table.agreements-table thead th", (ths) => ths.map((th) => th.textContent.trim()));
  assert.deepEqual(heads, ["Văn kiện", "Lĩnh vực", "Bên Việt Nam", "Bên Hàn Quốc", "Ngày"]);
  const rows = await page.$$eval("table.agreements-table tbody tr", (trs) => trs.map((tr) => ({
    target: !!document.getElementById(tr.querySelector("th a").getAttribute("href").slice(1))?.matches("article.agreement"),
    cells: [...tr.querySelectorAll("td")].map((td) => td.textContent.trim()),
  })));
  assert.equal(rows.length, await page.locator("article.agreement").count(), "a row for each agreement");
  assert.ok(rows.every((r) => r.target && r.cells.length === 4 && r.cells.slice(0, 3).every((c) => c.length > 0)), JSON.stringify(rows.slice(0, 2)));
  await close();
});

test("an article names where it was published, never a file of the dossier, and marks only the cited passages", async () => {
  for (const path of pages) {
    const { page, close } = await open(path, { javaScript: false });
    const shown = await page.evaluate(() => document.body.innerText);
    assert.ok(!/seeds\/|\.txt\b/.test(shown), `${path} shows no path of the dossier's files`);
    await close();
  }
  const { page, close } = await open(ARTICLE);
  const meta = await page.$$eval(".article-side dl.article-meta dt", (dts) => dts.map((d) => d.textContent.trim()));
  assert.deepEqual(meta.slice(0, 2), ["Nguồn đăng", "Ngày đăng"], "the outlet and the date, first");
  const blocks = await page.$$eval("#article-text p, #article-text li", (els) => els.map((e) => ({ cited: e.classList.contains("cited"), marks: e.querySelectorAll("mark").length })));
  assert.ok(blocks.every((b) => b.cited === b.marks > 0), "a block is marked exactly when it is cited");
  assert.ok(blocks.some((b) => !b.cited), "and the rest reads unmarked");
  const caption = await page.$eval("#article-text .seed-caption", (c) => ({ label: !!c.querySelector(".caption-label"), style: getComputedStyle(c).fontStyle, size: parseFloat(getComputedStyle(c).fontSize), text: parseFloat(getComputedStyle(document.querySelector("#article-text > p:not(.seed-caption)")).fontSize) }));
  assert.ok(caption.label && caption.style === "italic" && caption.size < caption.text, `a caption looks like one: ${JSON.stringify(caption)}`);
  // Arriving from a citation, its paragraph stands out more than the other cited ones.
  const target = await page.$eval("#article-text p.cited", (p) => p.id);
  await close();
  const arrived = await open(`${ARTICLE}#${target}`);
  const looks = await arrived.page.$$eval("#article-text p.cited", (ps) => ps.slice(0, 2).map((p) => ({ outline: getComputedStyle(p).outlineStyle, mark: getComputedStyle(p.querySelector("mark")).backgroundColor })));
  assert.notEqual(looks[0].outline, "none", "the paragraph arrived at is outlined");
  assert.equal(looks[1].outline, "none", "the others are not");
  assert.notEqual(looks[0].mark, looks[1].mark, "and its marks are stronger");
  await arrived.close();
});

test("a side column on a desktop, one column on a phone; one pair of type families; one search box", async () => {
  for (const path of ["index.html", "timeline/index.html", ARTICLE]) {
    for (const width of [1280, 375]) {
      const { page, close } = await open(path, { width });
      const [side, main] = await page.$$eval(".with-side > *", (els) => els.slice(0, 2).map((e) => e.getBoundingClientRect().toJSON()));
      if (width === 1280) assert.ok(side.right <= main.left && Math.abs(side.top - main.top) < 40, `${path}: side by side at 1280 px`);
      else assert.ok(side.bottom <= main.top + 1 && Math.abs(side.left - main.left) < 1, `${path}: one column at 375 px`);
      await close();
    }
  }
  const families = new Set();
  // (The 404 page names its stylesheet from the site's root, for a server: not from disk.)
  for (const path of pages.filter((p) => p !== "404.html")) {
    const { page, close } = await open(path);
    for (const f of await page.$$eval("body *", (els) => els.filter((e) => e.getClientRects().length).map((e) => getComputedStyle(e).fontFamily))) families.add(f);
    await close();
  }
  // The text and display families, and a monospace one for references.
  assert.equal(families.size, 3, `font families in use: ${[...families].join(" | ")}`);
  const search = await open("search/index.html");
  assert.equal(await search.page.locator("input[type=text]:visible, input[type=search]:visible").count(), 1, "the search page has one search box");
  await search.close();
});
