// Search benchmark in headless Chromium: this site's search against Pagefind's
// on the same pages, in the same run, over one local HTTP server that counts
// the bytes it sends (no compression, no caching), plus this site from file://.
//   node bench/search_bench.mjs DOSSIER_SITE HUGO_SITE_WITH_PAGEFIND [BUILD_JSON]
// bench/search_bench.sh builds both sites and passes the index build figures
// (BUILD_JSON); run from the repository after `npm --prefix tests/browser ci`.
// Prints one Markdown table.
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync, readdirSync, writeFileSync } from "node:fs";
import { join, normalize, extname } from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "../tests/browser/lib.mjs";

const [dossierSite, hugoSite, buildJson] = process.argv.slice(2);
if (!dossierSite || !hugoSite) {
  console.error("usage: node bench/search_bench.mjs DOSSIER_SITE HUGO_SITE_WITH_PAGEFIND [BUILD_JSON]");
  process.exit(2);
}
const build = buildJson ? JSON.parse(readFileSync(buildJson, "utf8")) : {};
const QUERY = process.env.QUERY || "hội đàm";
const SECOND = process.env.SECOND_QUERY || "kim ngạch thương mại";
const THIRD = process.env.THIRD_QUERY || "hợp tác khoa học công nghệ";
const RUNS = Number(process.env.RUNS || 3);
const RESULTS = 8; // what this site's search box shows; Pagefind's page loads as many

// Pagefind's page: its JS API, loaded on the first keystroke, the first RESULTS results with their excerpts.
writeFileSync(join(hugoSite, "pagefind-bench.html"), `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Pagefind</title></head><body>
<input id="q" autocomplete="off"><ol id="results"></ol>
<script>
let pagefind = null;
document.getElementById("q").addEventListener("input", async (e) => {
  const q = e.target.value;
  pagefind ??= import("./pagefind/pagefind.js");
  const search = await (await pagefind).search(q);
  if (e.target.value !== q) return;
  const data = await Promise.all(search.results.slice(0, ${RESULTS}).map((r) => r.data()));
  document.getElementById("results").replaceChildren(...data.map((d) => {
    const li = document.createElement("li");
    li.className = "result";
    li.innerHTML = "<a></a><p></p>";
    li.firstChild.href = d.url;
    li.firstChild.textContent = d.meta.title;
    li.lastChild.innerHTML = d.excerpt;
    return li;
  }));
});
</script></body></html>
`);

// One server, two sites, every response's bytes counted by path.
const sent = [];
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
const roots = { "/dossier/": dossierSite, "/hugo/": hugoSite };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const prefix = Object.keys(roots).find((p) => path.startsWith(p));
  if (!prefix) return res.writeHead(404).end();
  let file = normalize(join(roots[prefix], path.slice(prefix.length)));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file)) return res.writeHead(404).end();
  const body = readFileSync(file);
  sent.push({ path, bytes: body.length });
  res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", "cache-control": "no-store", "content-length": body.length });
  res.end(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await launch();

/** In the page: sets the search box to `query`, resolves with the ms until the first result is in the DOM. */
function timeQuery(page, input, result, query) {
  return page.evaluate(([input, result, query]) => new Promise((ok) => {
    const box = document.querySelector(input);
    const done = () => document.querySelector(result);
    const t0 = performance.now();
    const watch = new MutationObserver(() => {
      if (done()) { watch.disconnect(); ok(performance.now() - t0); }
    });
    watch.observe(document.body, { childList: true, subtree: true, attributes: true });
    box.focus();
    box.value = query;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }), [input, result, query]);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** RUNS fresh page loads: bytes and files of the search code and index for the first query, its time, then a second query's. */
async function measure({ url, input, result, counts, settled, api }) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    sent.length = 0;
    await page.goto(url, { waitUntil: "load" });
    const first = await timeQuery(page, input, result, QUERY);
    await page.waitForTimeout(300);
    const bytes = sent.filter((s) => counts(s.path));
    await page.evaluate(settled);
    const box = await timeQuery(page, input, result, SECOND);
    // The same through each one's API, without the search box: a query not made yet, then one made.
    const second = await page.evaluate(api, THIRD);
    const again = await page.evaluate(api, SECOND);
    const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
    runs.push({ first, box, second, again, bytes: bytes.reduce((n, s) => n + s.bytes, 0), files: bytes.length, heap });
    await context.close();
  }
  return {
    first: median(runs.map((r) => r.first)),
    box: median(runs.map((r) => r.box)),
    second: median(runs.map((r) => r.second)),
    again: median(runs.map((r) => r.again)),
    bytes: median(runs.map((r) => r.bytes)),
    files: median(runs.map((r) => r.files)),
    heap: median(runs.map((r) => r.heap)),
  };
}

// This site: its search box; counted are its search script, the entry file, chunks and fragments.
const ours = await measure({
  url: `${origin}/dossier/index.html`,
  input: "#site-search-input",
  result: "#site-search-results [role=option] .search-title",
  counts: (p) => /\/assets\/search\.[0-9a-f]+\.js$|\/search-index/.test(p),
  settled: () => document.querySelector("#site-search-results").replaceChildren(),
  api: async (q) => {
    const index = await window.DossierSearch.open(document.querySelector("form.site-search").dataset.root);
    const t0 = performance.now();
    await index.search(q, 8);
    return performance.now() - t0;
  },
});
// Pagefind: everything under /pagefind/ (its script, worker, wasm, entry, meta, chunks, fragments).
const theirs = await measure({
  url: `${origin}/hugo/pagefind-bench.html`,
  input: "#q",
  result: "#results li.result",
  counts: (p) => p.startsWith("/hugo/pagefind/"),
  settled: () => document.getElementById("results").replaceChildren(),
  api: async (q) => {
    const pagefind = await import("./pagefind/pagefind.js");
    const t0 = performance.now();
    const search = await pagefind.search(q);
    await Promise.all(search.results.slice(0, 8).map((r) => r.data()));
    return performance.now() - t0;
  },
});

// This site from file:// (Pagefind's module script cannot load from file://: tried and reported).
async function fromFile(url, input, result) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    times.push(await Promise.race([timeQuery(page, input, result, QUERY), page.waitForTimeout(10000).then(() => NaN)]));
    await context.close();
  }
  return median(times);
}
const oursFile = await fromFile(pathToFileURL(join(dossierSite, "index.html")).href, "#site-search-input", "#site-search-results [role=option] .search-title");
const theirsFile = await fromFile(pathToFileURL(join(hugoSite, "pagefind-bench.html")).href, "#q", "#results li.result");
await browser.close();
server.close();

/** Bytes and files of an index on disk. */
function onDisk(paths) {
  let bytes = 0, files = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else { bytes += statSync(p).size; files++; }
  };
  paths.forEach(walk);
  return { bytes, files };
}
const oursDisk = onDisk([join(dossierSite, "search-index.js"), join(dossierSite, "search-index")]);
const theirsDisk = onDisk([join(hugoSite, "pagefind")]);

const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
const ms = (n) => (Number.isNaN(n) ? "fails" : `${n.toFixed(0)} ms`);
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
console.log(`first query "${QUERY}", second "${SECOND}" (search box), then "${THIRD}" and "${SECOND}" again (API); ${RUNS} runs, medians; the first ${RESULTS} results with their snippets\n`);
console.log("| | this site | Pagefind 1.6 (over Hugo's build) |");
console.log("|---|---:|---:|");
console.log(`| first query: bytes (search code included) | ${kb(ours.bytes)} | ${kb(theirs.bytes)} |`);
console.log(`| first query: files | ${ours.files} | ${theirs.files} |`);
console.log(`| first query: keystroke to first result, HTTP | ${ms(ours.first)} | ${ms(theirs.first)} |`);
console.log(`| first query: keystroke to first result, file:// | ${ms(oursFile)} | ${ms(theirsFile)} |`);
console.log(`| second query, warm page: keystroke to first result | ${ms(ours.box)} | ${ms(theirs.box)} |`);
console.log(`| a new query, warm page, through the API | ${ms(ours.second)} | ${ms(theirs.second)} |`);
console.log(`| a query made before, through the API | ${ms(ours.again)} | ${ms(theirs.again)} |`);
console.log(`| JS heap after three queries | ${mb(ours.heap)} | ${mb(theirs.heap)} |`);
console.log(`| index on disk | ${mb(oursDisk.bytes)} in ${oursDisk.files} files | ${mb(theirsDisk.bytes)} in ${theirsDisk.files} files |`);
if (build.ours) console.log(`| index build time | ${build.ours.index_ms} ms (${build.ours.share}% of a ${build.ours.build_ms} ms build) | ${build.theirs?.index_ms ? `${(build.theirs.index_ms / 1000).toFixed(0)} s, peak ${build.theirs.rss_mib} MiB` : "not run"} |`);
