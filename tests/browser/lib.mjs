// Shared by the browser tests: building the dossier, serving it under a
// sub-path, driving Debian's Chromium with playwright-core.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, normalize, extname, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const here = dirname(fileURLToPath(import.meta.url));

/** Builds the dossier at `root` with the repository's binary; returns the output folder. */
export function build(root, { baseUrl } = {}) {
  const out = join(mkdtempSync(join(tmpdir(), "dossier-browser-")), "public");
  const bin = process.env.DOSSIER_BIN;
  const args = ["build", "--root", root, "--output", out, ...(baseUrl ? ["--base-url", baseUrl] : [])];
  if (bin) execFileSync(bin, args, { stdio: "pipe" });
  else execFileSync("cargo", ["run", "--quiet", "--", ...args], { cwd: repo, stdio: "pipe" });
  return out;
}

export function fileUrl(dir, sitePath) {
  return pathToFileURL(join(dir, sitePath)).href;
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json; charset=utf-8", ".svg": "image/svg+xml" };

/** Serves `dir` at http://127.0.0.1:PORT`prefix` (e.g. `/sub/path/`); resolves to { url, close }. */
export function serve(dir, prefix) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(prefix)) { res.writeHead(404).end("outside the sub-path"); return; }
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir)) { res.writeHead(400).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) { res.writeHead(404).end("not found"); return; }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({ url: `http://127.0.0.1:${server.address().port}${prefix}`, close: () => server.close() })));
}

/** Debian's Chromium, headless, with no background network traffic. */
export async function launch() {
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: install Debian's package (apt-get install chromium) or set CHROMIUM`);
  }
  return chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Collects console errors and page errors of a page. */
export function watchErrors(page) {
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  return errors;
}
