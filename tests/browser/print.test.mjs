// The print page of the built repository dossier, opened from file:// and
// printed to PDF by Chromium on the paper its stylesheet asks for: the charts
// are there and visible on paper, every citation is followed by its reference
// ([004 ¶7]) and that reference names a numbered block of a printed article;
// the briefing is packed as a book (A4 for a Vietnamese dossier, 25 pages at
// most for this one, each part from a new page and no page less than half full
// but the last of a part, measured on the pages as poppler draws them). The
// PDF is kept in target/ (CI keeps it).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, launch, fileUrl, repo, requireCommand } from "./lib.mjs";

const PDF = join(repo, "target", "print-dossier.pdf");
const site = build(repo);
let browser;

before(async () => {
  for (const tool of ["pdftoppm", "pdftotext"]) requireCommand(tool, ["-v"], "install poppler-utils (apt-get install poppler-utils)");
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** How far down each page of `pdf` the ink goes, as a share of the page's
 * text area (A4, the stylesheet's @page margins: 14 mm top, 15 mm bottom):
 * the pages drawn at 30 dpi in grey by poppler's pdftoppm, and read as PGM. */
function pageFill(pdf) {
  const dir = mkdtempSync(join(tmpdir(), "dossier-print-"));
  execFileSync("pdftoppm", ["-r", "30", "-gray", pdf, join(dir, "p")]);
  return readdirSync(dir).sort().map((file) => {
    const pgm = readFileSync(join(dir, file));
    const header = pgm.subarray(0, 32).toString("latin1").match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
    assert.ok(header, `${file} is a binary PGM`);
    const [width, height] = [Number(header[1]), Number(header[2])];
    const pixels = pgm.subarray(header[0].length);
    let last = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) if (pixels[y * width + x] < 200) { last = y; break; }
    }
    const mm = (row) => (row / height) * 297;
    return (mm(last + 1) - 14) / (297 - 14 - 15);
  });
}

/** The print page's parts (their headings). */
function partCount(page) {
  return page.$$eval(".print-part > h2", (hs) => hs.length);
}

/** How `pdf`, printed from `page`, sits on paper: which pages start a part
 * (their first line is a part's heading), each page's fill, and the pages
 * less than half full that do not end a part (the next page starts one, or
 * it is the last). */
async function layoutOnPaper(page, pdf) {
  const parts = await page.$$eval(".print-part > h2", (hs) => hs.map((h) => h.textContent.trim()));
  const fill = pageFill(pdf);
  const starts = firstLines(pdf, fill.length).map((line) => parts.includes(line));
  const underfull = fill
    .map((f, i) => ({ page: i + 1, fill: Math.round(f * 100), endOfPart: i + 1 === fill.length || starts[i + 1] }))
    .filter((p) => p.fill < 50 && !p.endOfPart);
  return { starts, underfull, fill };
}

/** The first line of text of each page of `pdf` (pdftotext), to tell where a part begins. */
function firstLines(pdf, pages) {
  return Array.from({ length: pages }, (_, i) => {
    const text = execFileSync("pdftotext", ["-f", String(i + 1), "-l", String(i + 1), pdf, "-"], { encoding: "utf8" });
    return text.split("\n").map((l) => l.trim()).find((l) => l) ?? "";
  });
}

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
  // The page size is the stylesheet's (@page), as a browser's print dialog takes it.
  const pdf = await page.pdf({ path: PDF, preferCSSPageSize: true, printBackground: false });
  const text = pdf.toString("latin1");
  assert.ok(text.startsWith("%PDF-"), "a PDF");
  const pages = (text.match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 10, `the whole briefing prints on ${pages} pages`);
  assert.ok(pages <= 25, `the briefing is packed: ${pages} pages, at most 25 (cards and notes run on across pages)`);
  const sizes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.ok(sizes.length >= pages, `a size for each page: ${sizes.length}`);
  // A4 is 210 × 297 mm: 595 × 842 points (Letter would be 612 × 792).
  assert.ok(sizes.every(([w, h]) => Math.abs(w - 595) < 2 && Math.abs(h - 842) < 2), `every page is A4: ${JSON.stringify(sizes.slice(0, 3))}`);
  assert.deepEqual(readFileSync(PDF).subarray(0, 5).toString(), "%PDF-");

  // Packed as a book: each part starts a page, and no page is less than half
  // full but the last of a part.
  const { starts, underfull, fill } = await layoutOnPaper(page, PDF);
  assert.equal(fill.length, pages, "a picture of each page");
  assert.equal(starts.filter(Boolean).length, (await partCount(page)) - 1, "every part but the first starts a page");
  assert.deepEqual(underfull, [], `pages less than half full inside a part (fill per page: ${fill.map((f) => Math.round(f * 100)).join(" ")})`);
  await page.close();
});

test("the page-fill check does see a page less than half full inside a part (the check can fail)", async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(site, "print/index.html"), { waitUntil: "load" });
  await page.emulateMedia({ media: "print" });
  // A page break after each part's heading leaves the heading alone on its page.
  await page.addStyleTag({ content: ".print-part > h2 { break-after: page !important; }" });
  const pdf = join(mkdtempSync(join(tmpdir(), "dossier-print-")), "broken.pdf");
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: false });
  const { underfull, fill } = await layoutOnPaper(page, pdf);
  assert.ok(fill.every((f) => f > 0 && f <= 1.02), `every share is of the text area: ${fill}`);
  assert.ok(underfull.length >= 1, `a heading's page is found under half full: ${fill.map((f) => Math.round(f * 100)).join(" ")}`);
  await page.close();
});
