//! `dossier serve`: builds the dossier in memory, serves it over HTTP under
//! its base path, watches the inputs, rebuilds on change and reloads every
//! open page.
//!
//! Pages are served from memory, never from disk, so no request can reach a
//! file outside the site: a path that tries to climb out (`..`, encoded or
//! not) is refused. A failed rebuild keeps the last good site served and shows
//! its problems in the terminal and as an overlay in the open pages; the next
//! good build clears it. This module owns the runtime, the watcher and the
//! HTTP handling; what a build is stays in the library.
//!
//! What a local server must not be: a connection that never finishes its
//! request headers is dropped after [`HEADER_TIMEOUT`]; a request whose
//! `Host` is a name other than `localhost` (or `*.localhost`) is refused
//! unless `--allow-host` names it, since a page on another site can point
//! its own name at 127.0.0.1 (DNS rebinding) and read the preview; any IP
//! address is a fine `Host`, since such an attack needs a name. This is the
//! rule Vite and webpack's dev server follow. `Location` headers are
//! percent-encoded. A watched input folder that is replaced (`rm -rf seeds
//! && cp -r backup seeds`) is watched again, and the change rebuilds. Each
//! rebuild says which files changed and how long it took; a taken port is
//! passed over for the next free one, as Hugo does, and said.
//!
//! A rebuild serves its pages before its search index: once every other
//! file is built, the new pages are served and open pages reload, while a
//! request for a file of the search index waits until the index is built
//! too. No request is ever answered with a file of an older build.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use hyper_util::rt::{TokioIo, TokioTimer};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use tokio::sync::{broadcast, watch};

use crate::export::search::is_index_file;
use crate::parse::Overrides;
use crate::{Failure, Preview, Stored, StoredFiles, StoredSite};

/// Where the reload script and the event stream live; no site path starts so.
const INTERNAL: &str = "/__dossier/";
/// How long a client may take to send a request's headers (a browser on
/// the same machine takes microseconds); then the connection is dropped.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// What is percent-encoded in a `Location` path: what RFC 3986 does not
/// allow in a path, `%` itself (the path was decoded), `?` and `#`.
const LOCATION: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// How many ports after a taken one are tried before giving up.
const NEXT_PORTS: u16 = 10;

/// What `dossier serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    /// Host names answered besides `localhost` and IP addresses.
    pub allowed_hosts: Vec<String>,
}

/// One build of the site, as served.
#[derive(Debug, Default)]
struct Site {
    files: StoredSite,
    /// The base path pages are served under: `/` or `/dossier/`.
    base: String,
    /// The problems of the last build, when it failed.
    problems: Option<String>,
    /// Whether its search index is still being built (and none of its
    /// files is in `files`).
    search_pending: bool,
}

/// What open pages are told.
#[derive(Debug, Clone)]
enum Notice {
    Reload,
    Problems(String),
    Shutdown,
}

#[derive(Debug)]
struct App {
    site: RwLock<Arc<Site>>,
    /// Changes each time a site with its search index is served.
    complete: watch::Sender<u64>,
    notices: broadcast::Sender<Notice>,
    allowed_hosts: Vec<String>,
}

impl App {
    fn site(&self) -> Arc<Site> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn set_site(&self, site: Site) {
        let complete = !site.search_pending;
        let site = Arc::new(site);
        // The site replaced is dropped once the lock is released: freeing
        // its thousands of files must not hold up requests.
        let replaced = std::mem::replace(&mut *self.site.write().unwrap_or_else(|e| e.into_inner()), site);
        drop(replaced);
        if complete {
            self.complete.send_modify(|n| *n += 1);
        }
    }

    /// The site served, once its search index is built if `file` is one
    /// of the index's.
    async fn site_for(&self, file: &str) -> Arc<Site> {
        let mut complete = self.complete.subscribe();
        loop {
            let site = self.site();
            if !site.search_pending || !is_index_file(file) {
                return site;
            }
            if complete.changed().await.is_err() {
                return site;
            }
        }
    }
}

/// Runs the preview server until Ctrl-C.
pub fn serve(options: ServeOptions) -> Result<()> {
    let started = Instant::now();
    // The preview shows drafts, marked as drafts.
    let overrides = Overrides {
        drafts: true,
        ..Overrides::default()
    };
    let mut preview = Preview::new(&options.root, overrides);
    let (first, message) = build_site(&options.root, &mut preview, &[], &Site::default(), &|_| {});
    println!("{message} in {} ms{}", started.elapsed().as_millis(), after(&first));
    let (notices, _) = broadcast::channel(16);
    let app = Arc::new(App {
        site: RwLock::new(Arc::new(first)),
        complete: watch::Sender::new(0),
        notices,
        allowed_hosts: options.allowed_hosts.iter().map(|h| h.to_ascii_lowercase()).collect(),
    });
    let rebuilt = app.clone();
    let root = options.root.clone();
    // Only the watcher's thread builds from here on.
    let preview = Mutex::new(preview);
    let _watch = crate::disk::watch::watch(&options.root, move |changed| {
        let mut preview = preview.lock().unwrap_or_else(|e| e.into_inner());
        rebuild(&root, &mut preview, &rebuilt, &changed);
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("failed to start the server's runtime")?;
    runtime.block_on(run(options, app))
}

/// Listens on `port`, or, when it is taken, on the next free one of the
/// [`NEXT_PORTS`] after it (as Hugo does), saying so.
async fn listen(bind: IpAddr, port: u16) -> Result<tokio::net::TcpListener> {
    let mut tried = port;
    loop {
        let address = SocketAddr::new(bind, tried);
        match tokio::net::TcpListener::bind(address).await {
            Ok(listener) => {
                if tried != port {
                    println!("port {port} is already in use on {bind}: serving on port {tried} instead");
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && port != 0 && tried < port.saturating_add(NEXT_PORTS) => {
                tried += 1;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => anyhow::bail!(
                "ports {port} to {tried} are all in use on {bind}: stop the other servers, or pass `--port 0` for any free port"
            ),
            Err(e) => return Err(anyhow::Error::new(e).context(format!("failed to listen on {address}"))),
        }
    }
}

async fn run(options: ServeOptions, app: Arc<App>) -> Result<()> {
    let listener = listen(options.bind, options.port).await?;
    let local = listener.local_addr().context("failed to read the bound address")?;
    let url = format!("http://{local}{}", app.site().base);
    println!("serving the dossier at {url} (Ctrl-C to stop)");
    if options.open {
        open_browser(&url);
    }
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
    let stop = tokio::signal::ctrl_c();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let app = app.clone();
                let service = hyper::service::service_fn(move |request| {
                    let app = app.clone();
                    async move { Ok::<_, Infallible>(handle(&app, &request).await) }
                });
                let connection = http.serve_connection(TokioIo::new(stream), service);
                tokio::spawn(async move {
                    // A client that hangs up or times out ends only its own connection.
                    let _ = connection.await;
                });
            }
            _ = &mut stop => break,
        }
    }
    println!("stopping");
    let _ = app.notices.send(Notice::Shutdown);
    Ok(())
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    if let Err(err) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("could not open a browser ({opener}: {err}); open {url} yourself");
    }
}

/// Builds the site in memory after the files at `changed` changed;
/// `pages` is given the site without its search index as soon as it is
/// built. On failure the previous site is kept (its files and base), with
/// the problems attached.
fn build_site(root: &Path, preview: &mut Preview, changed: &[PathBuf], previous: &Site, pages: &dyn Fn(Site)) -> (Site, String) {
    let pages_built = |files: &Arc<StoredFiles>, base: &str| {
        pages(Site {
            files: StoredSite {
                pages: files.clone(),
                search: Arc::default(),
            },
            base: base.to_string(),
            problems: None,
            search_pending: true,
        })
    };
    match preview.build(changed, &pages_built) {
        Ok((files, summary)) => {
            eprint!("{}", shown(root, &summary.diagnostics, terminal_colour()));
            let message = format!("built {} pages", summary.pages);
            let site = Site {
                files,
                base: summary.base_path,
                problems: None,
                search_pending: false,
            };
            (site, message)
        }
        Err(failure) => {
            let problems = match &failure {
                Failure::Content(diagnostics) => {
                    eprint!("{}", shown(root, diagnostics, terminal_colour()));
                    shown(root, diagnostics, false).trim_end().to_string()
                }
                Failure::Io(err) => format!("error: {}", crate::diag::terminal(&format!("{err:#}"))),
                Failure::Interrupted => "error: the build was interrupted".to_string(),
            };
            if !matches!(failure, Failure::Content(_)) {
                eprintln!("{problems}");
            }
            let site = Site {
                files: previous.files.clone(),
                base: if previous.base.is_empty() {
                    "/".to_string()
                } else {
                    previous.base.clone()
                },
                problems: Some(problems),
                search_pending: false,
            };
            (site, "the build failed".to_string())
        }
    }
}

/// The diagnostics as printed, each with its excerpt (paths relative to the root).
fn shown(root: &Path, diagnostics: &crate::diag::Diagnostics, colour: bool) -> String {
    crate::diag::render_all(
        diagnostics.sorted(),
        |path| crate::disk::input::excerpt_source(root, path),
        Path::new("."),
        colour,
    )
}

/// Whether stderr shows colour (a terminal, no `NO_COLOR`).
fn terminal_colour() -> bool {
    use std::io::IsTerminal;
    crate::diag::colour_wanted(std::io::stderr().is_terminal(), |name| std::env::var(name).ok())
}

/// Rebuilds after the files at `changed` changed: serves the new pages as
/// soon as they are built and open pages reload, then the whole site.
fn rebuild(root: &Path, preview: &mut Preview, app: &App, changed: &[PathBuf]) {
    let started = Instant::now();
    let previous = app.site();
    let pages_served = std::sync::OnceLock::new();
    let pages = |site: Site| {
        app.set_site(site);
        let _ = app.notices.send(Notice::Reload);
        let _ = pages_served.set(started.elapsed());
    };
    let (site, message) = build_site(root, preview, changed, &previous, &pages);
    let pages_in = match pages_served.get() {
        Some(pages) if site.problems.is_none() => format!(" (its pages served in {} ms)", pages.as_millis()),
        _ => String::new(),
    };
    println!(
        "{}: {message} in {} ms{pages_in}{}",
        what_changed(changed),
        started.elapsed().as_millis(),
        after(&site)
    );
    let notice = match &site.problems {
        Some(problems) => Some(Notice::Problems(problems.clone())),
        // Open pages reloaded when the pages were served.
        None if pages_served.get().is_some() => None,
        None => Some(Notice::Reload),
    };
    app.set_site(site);
    if let Some(notice) = notice {
        let _ = app.notices.send(notice);
    }
}

/// What is served after a build of `site`, when it failed.
fn after(site: &Site) -> &'static str {
    match (&site.problems, site.files.is_empty()) {
        (None, _) => "",
        (Some(_), false) => "; the last good site stays served",
        (Some(_), true) => "; the pages show the problems until it builds",
    }
}

/// The changed files (paths relative to the root, as the watcher gives
/// them), as said on the terminal: the first three, then how many more
/// (`content/a.md, seeds/1.txt changed`).
fn what_changed(changed: &[PathBuf]) -> String {
    let names: Vec<String> = changed
        .iter()
        .map(|p| crate::diag::terminal(&p.to_string_lossy()).into_owned())
        .collect();
    match names.len() {
        0 => "the dossier changed".to_string(),
        n if n <= 3 => format!("{} changed", names.join(", ")),
        n => format!("{} and {} more changed", names[..3].join(", "), n - 3),
    }
}

/// Whether a request's `Host` may be answered: none (not a browser), an IP
/// address, `localhost` or a `.localhost` name (RFC 6761: always this
/// machine), or a name the user allowed. Any other name may be an attacker's
/// pointed at 127.0.0.1.
fn host_allowed(headers: &HeaderMap, allowed: &[String]) -> bool {
    let Some(host) = headers.get(header::HOST) else {
        return true;
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => return v6.split_once(']').is_some_and(|(ip, _)| ip.parse::<std::net::Ipv6Addr>().is_ok()),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.parse::<std::net::Ipv4Addr>().is_ok()
        || name == "localhost"
        || name.ends_with(".localhost")
        || allowed.iter().any(|a| a.trim_end_matches('.') == name)
}

async fn handle<B>(app: &Arc<App>, request: &Request<B>) -> Response {
    let (method, uri) = (request.method(), request.uri());
    if !host_allowed(request.headers(), &app.allowed_hosts) {
        let host = request.headers().get(header::HOST).map_or("", |h| h.to_str().unwrap_or("?"));
        let text = format!(
            "refused: `dossier serve` answers to localhost and IP addresses; to use the name `{host}`, pass `--allow-host {}`\n",
            host.rsplit_once(':').map_or(host, |(name, _)| name)
        );
        return typed(StatusCode::FORBIDDEN, "text/plain; charset=utf-8", text.into_bytes());
    }
    // hyper writes no body in answer to HEAD.
    respond_to(app, method, uri, accepts_gzip(request.headers())).await
}

async fn respond_to(app: &Arc<App>, method: &Method, uri: &Uri, gzip: bool) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "only GET and HEAD\n",
        )
            .into_response();
    }
    let raw = uri.path();
    if raw == format!("{INTERNAL}live.js") {
        return typed(StatusCode::OK, "text/javascript; charset=utf-8", LIVE_JS.as_bytes().to_vec());
    }
    if raw == format!("{INTERNAL}events") {
        return events(app.clone()).into_response();
    }
    let Some(path) = decode(raw) else {
        return (StatusCode::BAD_REQUEST, "refused: the path leaves the site\n").into_response();
    };
    let site = app.site();
    let base = site.base.as_str();
    if (path == "/" && base != "/") || format!("{path}/") == base {
        return redirect(base);
    }
    let Some(site_path) = path.strip_prefix(base) else {
        return not_found(&site, gzip);
    };
    let file = if site_path.is_empty() || site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else {
        site_path.to_string()
    };
    let site = if site.search_pending { app.site_for(&file).await } else { site };
    match site.files.get(&file) {
        Some(stored) => respond(&file, stored, StatusCode::OK, gzip),
        None if site.files.contains_key(&format!("{site_path}/index.html")) => redirect(&format!("{path}/")),
        None if site.files.is_empty() => problems_page(&site),
        None => not_found(&site, gzip),
    }
}

/// Percent-decodes a request path and refuses any that could climb out of the site.
fn decode(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8().ok()?;
    let bad = decoded.contains('\\') || decoded.contains('\0') || decoded.split('/').any(|s| s == ".." || s == ".");
    (!bad && decoded.starts_with('/')).then(|| decoded.into_owned())
}

/// A redirect to the (decoded) path `to`, percent-encoded for the header.
fn redirect(to: &str) -> Response {
    (
        StatusCode::FOUND,
        [(header::LOCATION, utf8_percent_encode(to, LOCATION).to_string())],
    )
        .into_response()
}

fn not_found(site: &Site, gzip: bool) -> Response {
    match site.files.get("404.html") {
        Some(stored) => respond("404.html", stored, StatusCode::NOT_FOUND, gzip),
        None => typed(StatusCode::NOT_FOUND, "text/plain; charset=utf-8", b"not found\n".to_vec()),
    }
}

fn problems_page(site: &Site) -> Response {
    let mut text = String::new();
    pulldown_cmark_escape::escape_html_body_text(&mut text, site.problems.as_deref().unwrap_or("")).expect("writing to a String");
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>dossier: build failed</title></head><body><h1>The build failed</h1><pre>{text}</pre></body></html>"
    );
    typed(
        StatusCode::SERVICE_UNAVAILABLE,
        content_type("index.html"),
        with_live_reload(html.as_bytes()),
    )
}

/// A site file: a page with the reload script; any other file as held,
/// its gzip stream to a client that accepts gzip (`gzip`), its bytes otherwise.
fn respond(file: &str, stored: &Stored, status: StatusCode, gzip: bool) -> Response {
    let content_type = content_type(file);
    if content_type.starts_with("text/html") {
        return typed(status, content_type, with_live_reload(&stored.bytes()));
    }
    let compressed = stored.gzip().filter(|_| gzip);
    let body = compressed.map_or_else(|| stored.bytes().into_owned(), <[u8]>::to_vec);
    let mut response = typed(status, content_type, body);
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if compressed.is_some() {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    response
}

/// Whether a request's `Accept-Encoding` accepts gzip (named, or `*`, with
/// a weight other than 0).
fn accepts_gzip(headers: &HeaderMap) -> bool {
    let codings = headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok());
    codings.flat_map(|v| v.split(',')).any(|coding| {
        let mut parts = coding.split(';').map(str::trim);
        let name = parts.next().unwrap_or("");
        let refused = parts.any(|p| p.strip_prefix("q=").is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q <= 0.0)));
        (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
    })
}

fn typed(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    response
}

/// The content type of a site file by its extension; text types in UTF-8.
pub fn content_type(file: &str) -> &'static str {
    match file.rsplit_once('.').map_or("", |(_, e)| e) {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script before `</body>`.
fn with_live_reload(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{INTERNAL}live.js\" defer></script>\n");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// The stream of notices for one open page: first the current problems, if any.
fn events(app: Arc<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = app.notices.subscribe();
    let pending = app.site().problems.clone();
    let stream = stream::unfold((receiver, pending, false), |(mut receiver, pending, done)| async move {
        if done {
            return None;
        }
        if let Some(problems) = pending {
            return Some((Ok(problems_event(&problems)), (receiver, None, false)));
        }
        loop {
            match receiver.recv().await {
                Ok(Notice::Reload) => return Some((Ok(Event::default().event("reload").data("reload")), (receiver, None, false))),
                Ok(Notice::Problems(p)) => return Some((Ok(problems_event(&p)), (receiver, None, false))),
                Ok(Notice::Shutdown) | Err(broadcast::error::RecvError::Closed) => return None,
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn problems_event(problems: &str) -> Event {
    Event::default().event("problems").data(problems.replace('\r', ""))
}

/// The script injected into served pages: reloads on a new build, shows an
/// overlay while the last build failed.
const LIVE_JS: &str = r#"(function () {
  "use strict";
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "dossier-problems";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#2b0b0b;color:#ffe9e6;font:14px/1.5 monospace;padding:1rem 1.25rem;border-top:4px solid #e5484d;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "dossier: the last edit does not build; showing the last good version.\n\n" + text;
  }
  var source = new EventSource("/__dossier/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("problems", function (event) { show(event.data); });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_climb_out_are_refused() {
        assert_eq!(decode("/dossier/a%20b/").as_deref(), Some("/dossier/a b/"));
        assert_eq!(decode("/dossier/../etc/passwd"), None);
        assert_eq!(decode("/dossier/%2e%2e/etc/passwd"), None);
        assert_eq!(decode("/dossier/%2E%2E%2Fetc"), None);
        assert_eq!(decode("/dossier/..%5c..%5cwin.ini"), None);
        assert_eq!(decode("/a/%00"), None);
        assert_eq!(decode("/a/%ff"), None, "not UTF-8");
    }

    #[test]
    fn text_types_are_utf8() {
        for file in ["a.html", "a.css", "a.js", "a.json", "a.svg", "a.csv", "a.ics"] {
            assert!(content_type(file).ends_with("charset=utf-8"), "{file}");
        }
        assert_eq!(content_type("x.png"), "image/png");
    }

    #[test]
    fn the_reload_script_goes_before_the_body_end() {
        let html = with_live_reload(b"<html><body><p>x</p></body></html>");
        assert_eq!(
            String::from_utf8(html).unwrap(),
            "<html><body><p>x</p><script src=\"/__dossier/live.js\" defer></script>\n</body></html>"
        );
    }

    #[test]
    fn only_loopback_names_ip_addresses_and_allowed_names_are_answered() {
        let with_host = |host: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, HeaderValue::from_str(host).unwrap());
            headers
        };
        let allowed = ["preview.example".to_string()];
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST.:1111",
            "app.localhost:1111",
            "127.0.0.1:1111",
            "192.168.1.20:1111",
            "[::1]:1111",
            "preview.example:1111",
        ] {
            assert!(host_allowed(&with_host(host), &allowed), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io:1111",
            "[evil]:1",
        ] {
            assert!(!host_allowed(&with_host(host), &allowed), "{host}");
        }
        assert!(host_allowed(&HeaderMap::new(), &[]), "no Host: not a browser");
    }

    #[test]
    fn gzip_is_sent_only_to_clients_that_accept_it() {
        let headers = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
            headers
        };
        for value in ["gzip", "deflate, gzip;q=0.5", "br, GZIP", "*"] {
            assert!(accepts_gzip(&headers(value)), "{value}");
        }
        for value in ["identity", "gzip;q=0", "br, gzip; q=0.0", "deflate"] {
            assert!(!accepts_gzip(&headers(value)), "{value}");
        }
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    #[tokio::test]
    async fn a_compressed_file_is_sent_compressed_or_decompressed_and_a_page_with_the_reload_script() {
        let body = |r: Response| axum::body::to_bytes(r.into_body(), usize::MAX);
        let css = "body { margin: 0 }\n".repeat(100);
        let stored = Stored::compressed(css.as_bytes());
        let gzip = stored.gzip().expect("a file worth compressing").to_vec();
        let sent = respond("assets/a.css", &stored, StatusCode::OK, true);
        assert_eq!(sent.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(body(sent).await.unwrap(), gzip);
        let sent = respond("assets/a.css", &stored, StatusCode::OK, false);
        assert!(sent.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body(sent).await.unwrap(), css.as_bytes());
        let page = format!("<html><body>{css}</body></html>");
        let sent = respond("a/index.html", &Stored::compressed(page.as_bytes()), StatusCode::OK, true);
        assert!(sent.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body(sent).await.unwrap(), with_live_reload(page.as_bytes()));
    }

    #[test]
    fn locations_are_percent_encoded() {
        let r = redirect("/dossier/tài liệu/a?b#c%d/");
        assert_eq!(r.headers()[header::LOCATION], "/dossier/t%C3%A0i%20li%E1%BB%87u/a%3Fb%23c%25d/");
    }
}
