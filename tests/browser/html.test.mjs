// The Nu Html Checker (vnu.jar, the W3C validator's engine) over every page,
// stylesheet and SVG file of the built repository dossier: zero errors, zero
// warnings. Needs Java 17+ (apt-get install default-jre-headless) and
// `npm --prefix tests/browser ci` for vnu.jar.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, htmlPages, requireCommand, repo, here } from "./lib.mjs";

const JAR = join(here, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
const JAVA = process.env.JAVA || "java";

const site = build(repo);
const pages = htmlPages(site);
const assets = readdirSync(join(site, "assets")).filter((f) => f.endsWith(".css")).map((f) => `assets/${f}`)
  .concat(readdirSync(site).filter((f) => f.endsWith(".svg")));

/** Runs vnu.jar on `files` (absolute); returns its messages grouped by file relative to `dir`. */
function vnu(dir, files) {
  requireCommand(JAVA, ["-version"], "install a Java 17+ runtime (apt-get install default-jre-headless) or set JAVA");
  if (!existsSync(JAR)) throw new Error(`no ${JAR}: run npm --prefix tests/browser ci`);
  const run = spawnSync(JAVA, ["-jar", JAR, "--format", "json", "--also-check-css", "--also-check-svg", ...files], { encoding: "utf8", maxBuffer: 64 << 20 });
  // vnu exits 1 when it found errors; anything else than 0/1, or no JSON, is the checker failing.
  if (run.error || ![0, 1].includes(run.status)) throw new Error(`vnu.jar failed (${run.error ?? `exit ${run.status}`}):\n${run.stderr}`);
  const { messages } = JSON.parse(run.stderr);
  const byFile = new Map(files.map((f) => [relative(dir, f).replaceAll("\\", "/"), []]));
  const stray = [];
  for (const m of messages) {
    const file = m.url?.startsWith("file:") ? relative(dir, fileURLToPath(m.url)).replaceAll("\\", "/") : null;
    (byFile.get(file) ?? stray).push(m);
  }
  return { byFile, stray };
}

const isError = (m) => m.type === "error" || m.type === "non-document-error";
const isWarning = (m) => m.type === "info" && m.subType === "warning";
const show = (file, ms) => ms.map((m) =>
  `${file}:${m.lastLine ?? "?"}.${m.firstColumn ?? "?"}: ${m.subType ?? m.type}: ${m.message}${m.extract ? `\n    ${m.extract.replaceAll("\n", "⏎").trim()}` : ""}`).join("\n");

let report;
before(() => {
  report = vnu(site, [...pages, ...assets].map((f) => join(site, f)));
});

test("vnu.jar does find errors in broken HTML, CSS and SVG (the check can fail)", () => {
  const dir = mkdtempSync(join(tmpdir(), "dossier-vnu-"));
  writeFileSync(join(dir, "bad.html"), "<!DOCTYPE html>\n<html lang=\"vi\"><head><title>x</title></head><body><p><div>x</div></p><img src=\"a.png\"></body></html>\n");
  writeFileSync(join(dir, "bad.css"), "a { colr: red; }\n");
  writeFileSync(join(dir, "bad.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect foo=\"1\"/></svg>\n");
  const { byFile } = vnu(dir, ["bad.html", "bad.css", "bad.svg"].map((f) => join(dir, f)));
  assert.deepEqual(byFile.get("bad.html").filter(isError).map((m) => m.message.slice(0, 20)), ["No “p” element in sc", "An “img” element mus"]);
  assert.equal(byFile.get("bad.css").filter(isError).length, 1, show("bad.css", byFile.get("bad.css")));
  assert.equal(byFile.get("bad.svg").filter(isError).length, 1, show("bad.svg", byFile.get("bad.svg")));
});

test("the checker saw the whole site", () => {
  assert.ok(pages.length >= 14, `the dossier's pages: ${pages}`);
  for (const p of ["index.html", "404.html", "search/index.html", "statistics/index.html", "timeline/index.html"]) assert.ok(pages.includes(p), p);
  assert.ok(assets.some((a) => /^assets\/dossier\.[0-9a-f]{10}\.css$/.test(a)) && assets.includes("favicon.svg"), `${assets}`);
  assert.deepEqual(report.stray, [], "every message names a file that was checked");
});

for (const file of [...pages, ...assets]) {
  test(`${file}: no errors`, () => {
    const errors = report.byFile.get(file).filter(isError);
    assert.equal(errors.length, 0, `the Nu Html Checker found ${errors.length} error(s):\n${show(file, errors)}`);
  });
  test(`${file}: no warnings`, () => {
    const warnings = report.byFile.get(file).filter(isWarning);
    assert.equal(warnings.length, 0, `the Nu Html Checker found ${warnings.length} warning(s):\n${show(file, warnings)}`);
  });
}
