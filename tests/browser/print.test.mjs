// The print page of the built repository dossier, opened from file:// and
// printed to PDF by Chromium: the charts are there and visible on paper, every
// citation is followed by its reference ([004 ¶7]) and that reference names a
// numbered block of a printed article. The PDF is kept in target/ (CI keeps it).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build, launch, fileUrl, repo } from "./lib.mjs";

const PDF = join(repo, "target", "print-dossier.pdf");
const site = build(repo);
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("the print page prints as one briefing with its charts and its references", async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(site, "print/index.html"), { waitUntil: "load" });
  await page.emulateMedia({ media: "print" });

  const charts = await page.$$eval("figure.chart-figure svg", (svgs) => svgs.map((s) => s.getBoundingClientRect()).map((r) => r.width * r.height));
  assert.ok(charts.length >= 2, `charts on the print page: ${charts.length}`);
  assert.ok(charts.every((area) => area > 1000), `every chart is visible on paper: ${charts}`);

  const references = await page.$$eval("a.cite[data-ref], a.source[data-ref]", (links) =>
    links.map((a) => ({ ref: a.dataset.ref, after: getComputedStyle(a, "::after").content })));
  assert.ok(references.length > 100, `references: ${references.length}`);
  for (const { ref, after } of references) {
    assert.equal(after, `" [${ref}]"`, `the reference is printed after its citation`);
  }
  const blocks = await page.$$eval("article.print-article", (articles) =>
    Object.fromEntries(articles.map((a) => [a.querySelector(".print-ref").textContent.trim(), a.querySelectorAll("ol.print-blocks > li").length])));
  for (const { ref } of references) {
    const [seed, number] = ref.split(" ¶");
    assert.ok(Number(number) >= 1 && Number(number) <= (blocks[seed] ?? 0), `${ref} names a printed block (article ${seed} has ${blocks[seed]})`);
  }
  const hidden = await page.$$eval(".site-search, .site-header nav", (els) => els.map((e) => getComputedStyle(e).display));
  assert.ok(hidden.every((d) => d === "none"), "navigation and search are not printed");

  mkdirSync(join(repo, "target"), { recursive: true });
  const pdf = await page.pdf({ path: PDF, format: "A4", printBackground: false });
  const text = pdf.toString("latin1");
  assert.ok(text.startsWith("%PDF-"), "a PDF");
  const pages = (text.match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 10, `the whole briefing prints on ${pages} pages`);
  assert.deepEqual(readFileSync(PDF).subarray(0, 5).toString(), "%PDF-");
  await page.close();
});
