// Times search queries in headless Chromium on a built site from file://
// (default: the 10,000-page corpus bench/run.sh builds): for each query, the
// first run (which loads the chunks and fragments it needs) and the median
// and maximum of six more (from memory), the first 8 results with their rows.
//   node bench/search_query.mjs [SITE_DIR]     (run from the repo; needs tests/browser's node_modules)
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { launch } from "../tests/browser/lib.mjs";

const site = process.argv[2] || "/dev/shm/dossier-bench/out-plain-10000";
const queries = ["hoi dam", "Tô Lâm", "da nang", "kim ngach thuong mai", "150 tỷ USD", "hợp tác khoa học công nghệ", "viet nam han quoc", "pyeongt", "xyzxyz"];
const browser = await launch();
const page = await browser.newPage();
await page.goto(pathToFileURL(join(site, "index.html")).href);
const result = await page.evaluate(async (queries) => {
  const t0 = performance.now();
  const index = await window.DossierSearch.open(document.querySelector("form.site-search").dataset.root);
  const load = performance.now() - t0;
  const times = {};
  for (const q of queries) {
    const runs = [];
    let hits = 0;
    for (let i = 0; i < 7; i++) {
      const s = performance.now();
      hits = (await index.search(q, 8)).total;
      runs.push(performance.now() - s);
    }
    const first = runs.shift();
    runs.sort((a, b) => a - b);
    times[q] = { first, median: runs[3], max: runs[5], hits };
  }
  return { load, docs: index.size, chunks: index.bounds.length, times };
}, queries);
console.log(`index: ${result.docs} documents in ${result.chunks} chunks, entry loaded in ${result.load.toFixed(0)} ms`);
for (const [q, t] of Object.entries(result.times)) {
  console.log(`${q.padEnd(30)} first ${t.first.toFixed(1).padStart(6)} ms   then median ${t.median.toFixed(1).padStart(5)} ms, max ${t.max.toFixed(1).padStart(5)} ms   ${t.hits} results`);
}
await browser.close();
