// Times search queries in headless Chromium on a built site (default: the
// 10,000-page corpus bench/run.sh builds). Prints the index load time and the
// median and maximum time per query over several runs.
//   node bench/search_query.mjs [SITE_DIR]     (run from the repo; needs tests/browser's node_modules)
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { launch } from "../tests/browser/lib.mjs";

const site = process.argv[2] || "/dev/shm/dossier-bench/out-plain-10000";
const queries = ["hoi dam", "Tô Lâm", "da nang", "kim ngach thuong mai", "150 tỷ USD", "hợp tác khoa học công nghệ", "viet nam han quoc", "xyzxyz"];
const browser = await launch();
const page = await browser.newPage();
await page.goto(pathToFileURL(join(site, "index.html")).href);
const result = await page.evaluate(async (queries) => {
  const t0 = performance.now();
  const index = await new Promise((ok) => window.DossierSearch.withIndex(document.querySelector("form.site-search").dataset.root, ok));
  const load = performance.now() - t0;
  const times = {};
  for (const q of queries) {
    const runs = [];
    let hits = 0;
    for (let i = 0; i < 7; i++) {
      index.postingCache.clear();
      index.exactCache.clear();
      const s = performance.now();
      hits = index.search(q).length;
      runs.push(performance.now() - s);
    }
    runs.sort((a, b) => a - b);
    times[q] = { median: runs[3], max: runs[6], hits };
  }
  return { load, docs: index.docs.length, times };
}, queries);
console.log(`index: ${result.docs} documents, loaded and parsed in ${result.load.toFixed(0)} ms`);
for (const [q, t] of Object.entries(result.times)) {
  console.log(`${q.padEnd(30)} median ${t.median.toFixed(1).padStart(6)} ms   max ${t.max.toFixed(1).padStart(6)} ms   ${t.hits} results`);
}
await browser.close();
