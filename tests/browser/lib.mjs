// Shared by the browser tests: building the dossier, serving it under a
// sub-path, driving Debian's Chromium with playwright-core.
import { execFileSync, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, normalize, extname, resolve, dirname, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const here = dirname(fileURLToPath(import.meta.url));

/** Builds the dossier at `root` with the repository's binary; returns the output folder
 * (`out`, or a fresh `public` folder under the system's temporary folder). */
export function build(root, { baseUrl, out } = {}) {
  out ??= join(mkdtempSync(join(tmpdir(), "dossier-browser-")), "public");
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

/** The repository dossier's `base_url` (site.toml), and its path (`/dossier/`). */
export function repoBaseUrl() {
  const toml = readFileSync(join(repo, "site.toml"), "utf8");
  const url = /^base_url\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!url) throw new Error("site.toml has no base_url");
  return { url, path: new URL(url).pathname };
}

/** Every HTML file under `dir`, as sorted paths relative to it with `/` separators. */
export function htmlPages(dir) {
  const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith(".html") ? [join(d, e.name)] : []);
  return walk(dir).map((f) => relative(dir, f).split(sep).join("/")).sort();
}

/** Fails (never skips) when a command the checks need is missing, with how to install it.
 * Returns the first line of `command --version`-like output. */
export function requireCommand(command, versionArgs, installHint) {
  const run = spawnSync(command, versionArgs, { encoding: "utf8" });
  if (run.error || run.status !== 0) {
    throw new Error(`${command} is needed by this test and could not be run (${run.error?.code ?? `exit ${run.status}`}): ${installHint}`);
  }
  return `${run.stdout}${run.stderr}`.trim().split("\n")[0];
}

/** Serves `dir` at http://127.0.0.1:PORT`prefix` (e.g. `/sub/path/`); resolves to { url, close }.
 * With `notFound` (a file of `dir`), a missing path gets that page with status 404, as static hosts do. */
export function serve(dir, prefix, { notFound } = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(prefix)) { res.writeHead(404).end("outside the sub-path"); return; }
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir)) { res.writeHead(400).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      if (notFound) res.writeHead(404, { "content-type": TYPES[".html"] }).end(readFileSync(join(dir, notFound)));
      else res.writeHead(404).end("not found");
      return;
    }
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
