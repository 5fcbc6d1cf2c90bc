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

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use tokio::sync::broadcast;

use crate::pipeline::Overrides;
use crate::{Failure, build_in_memory};

/// Where the reload script and the event stream live; no site path starts so.
const INTERNAL: &str = "/__dossier/";
/// How long the watcher waits for a burst of saves to end.
const DEBOUNCE: Duration = Duration::from_millis(40);

/// What `dossier serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
}

/// One build of the site, as served.
#[derive(Debug, Default)]
struct Site {
    files: BTreeMap<String, Vec<u8>>,
    /// The base path pages are served under: `/` or `/dossier/`.
    base: String,
    /// The problems of the last build, when it failed.
    problems: Option<String>,
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
    notices: broadcast::Sender<Notice>,
}

impl App {
    fn site(&self) -> Arc<Site> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Runs the preview server until Ctrl-C.
pub fn serve(options: ServeOptions) -> Result<()> {
    let started = Instant::now();
    let (first, message) = build_site(&options.root, &Site::default());
    println!("{message} in {} ms", started.elapsed().as_millis());
    let (notices, _) = broadcast::channel(16);
    let app = Arc::new(App {
        site: RwLock::new(Arc::new(first)),
        notices,
    });
    let _watcher = watch(&options.root, app.clone())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("failed to start the server's runtime")?;
    runtime.block_on(run(options, app))
}

async fn run(options: ServeOptions, app: Arc<App>) -> Result<()> {
    let address = SocketAddr::new(options.bind, options.port);
    let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            anyhow::anyhow!(
                "port {} is already in use on {}: stop the other server or pass `--port`",
                options.port,
                options.bind
            )
        } else {
            anyhow::Error::new(e).context(format!("failed to listen on {address}"))
        }
    })?;
    let local = listener.local_addr().context("failed to read the bound address")?;
    let url = format!("http://{local}{}", app.site().base);
    println!("serving the dossier at {url} (Ctrl-C to stop)");
    if options.open {
        open_browser(&url);
    }
    let router = Router::new().fallback(handle).with_state(app.clone());
    let shutdown_app = app.clone();
    axum::serve(listener, router)
        .with_graceful_shutdown(async move {
            let _ = tokio::signal::ctrl_c().await;
            println!("stopping");
            let _ = shutdown_app.notices.send(Notice::Shutdown);
        })
        .await
        .context("the server failed")
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    if let Err(err) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("could not open a browser ({opener}: {err}); open {url} yourself");
    }
}

/// Builds the site in memory. On failure the previous site is kept (its files
/// and base), with the problems attached.
fn build_site(root: &Path, previous: &Site) -> (Site, String) {
    match build_in_memory(root, &Overrides::default()) {
        Ok((files, summary)) => {
            for d in summary.diagnostics.sorted() {
                eprintln!("{d}");
            }
            let message = format!("built {} pages", summary.pages);
            let site = Site {
                files,
                base: summary.base_path,
                problems: None,
            };
            (site, message)
        }
        Err(failure) => {
            let problems = match failure {
                Failure::Content(diagnostics) => diagnostics.sorted().iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"),
                Failure::Io(err) => format!("error: {}", crate::diag::terminal(&format!("{err:#}"))),
                Failure::Interrupted => "error: the build was interrupted".to_string(),
            };
            eprintln!("{problems}");
            let site = Site {
                files: previous.files.clone(),
                base: if previous.base.is_empty() {
                    "/".to_string()
                } else {
                    previous.base.clone()
                },
                problems: Some(problems),
            };
            (site, "build failed; the last good site stays served".to_string())
        }
    }
}

/// Watches the dossier's inputs; each burst of changes gives one rebuild.
fn watch(root: &Path, app: Arc<App>) -> Result<Debouncer<RecommendedWatcher, RecommendedCache>> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx).context("failed to start watching files")?;
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("failed to watch `{}`", root.display()))?;
    for dir in ["seeds", "content", "templates", "static", "i18n"] {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("failed to watch `{}`", path.display()))?;
        }
    }
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        for result in rx.iter() {
            let Ok(events) = result else { continue };
            if !events.iter().any(|e| is_input_change(&root, &e.kind, &e.paths)) {
                continue;
            }
            // Later bursts that arrived meanwhile are folded into this rebuild.
            while rx.try_recv().is_ok() {}
            let started = Instant::now();
            let previous = app.site();
            let (site, message) = build_site(&root, &previous);
            println!("{message} in {} ms", started.elapsed().as_millis());
            let notice = match &site.problems {
                Some(problems) => Notice::Problems(problems.clone()),
                None => Notice::Reload,
            };
            *app.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(site);
            let _ = app.notices.send(notice);
        }
    });
    Ok(debouncer)
}

/// True for a change to an input: not a read (Linux reports the build's own
/// reads), not an editor's scratch file, and at the root only `site.toml`.
fn is_input_change(root: &Path, kind: &EventKind, paths: &[PathBuf]) -> bool {
    if matches!(kind, EventKind::Access(_) | EventKind::Other) {
        return false;
    }
    paths.iter().any(|p| {
        let ignored = p.file_name().is_some_and(crate::disk::input::is_ignored);
        let at_root = p.parent() == Some(root);
        !ignored && (!at_root || p.file_name().is_some_and(|n| n == crate::parse::config::CONFIG_FILE))
    })
}

async fn handle(State(app): State<Arc<App>>, method: Method, uri: Uri) -> Response {
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
        return events(app).into_response();
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
        return not_found(&site);
    };
    let file = if site_path.is_empty() || site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else {
        site_path.to_string()
    };
    match site.files.get(&file) {
        Some(bytes) => respond(&file, bytes, StatusCode::OK),
        None if site.files.contains_key(&format!("{site_path}/index.html")) => redirect(&format!("{path}/")),
        None if site.files.is_empty() => problems_page(&site),
        None => not_found(&site),
    }
}

/// Percent-decodes a request path and refuses any that could climb out of the site.
fn decode(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8().ok()?;
    let bad = decoded.contains('\\') || decoded.contains('\0') || decoded.split('/').any(|s| s == ".." || s == ".");
    (!bad && decoded.starts_with('/')).then(|| decoded.into_owned())
}

fn redirect(to: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to.to_string())]).into_response()
}

fn not_found(site: &Site) -> Response {
    match site.files.get("404.html") {
        Some(bytes) => respond("404.html", bytes, StatusCode::NOT_FOUND),
        None => typed(StatusCode::NOT_FOUND, "text/plain; charset=utf-8", b"not found\n".to_vec()),
    }
}

fn problems_page(site: &Site) -> Response {
    let mut text = String::new();
    pulldown_cmark_escape::escape_html_body_text(&mut text, site.problems.as_deref().unwrap_or("")).expect("writing to a String");
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>dossier: build failed</title></head><body><h1>The build failed</h1><pre>{text}</pre></body></html>"
    );
    respond("index.html", html.as_bytes(), StatusCode::SERVICE_UNAVAILABLE)
}

fn respond(file: &str, bytes: &[u8], status: StatusCode) -> Response {
    let content_type = content_type(file);
    let body = if content_type.starts_with("text/html") {
        with_live_reload(bytes)
    } else {
        bytes.to_vec()
    };
    typed(status, content_type, body)
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
    fn only_real_changes_to_inputs_trigger_a_rebuild() {
        let root = Path::new("/d");
        let modify = EventKind::Modify(notify_debouncer_full::notify::event::ModifyKind::Any);
        let access = EventKind::Access(notify_debouncer_full::notify::event::AccessKind::Any);
        assert!(is_input_change(root, &modify, &[PathBuf::from("/d/content/a.md")]));
        assert!(is_input_change(root, &modify, &[PathBuf::from("/d/site.toml")]));
        assert!(!is_input_change(root, &access, &[PathBuf::from("/d/content/a.md")]));
        assert!(!is_input_change(root, &modify, &[PathBuf::from("/d/content/.a.md.swp")]));
        assert!(!is_input_change(root, &modify, &[PathBuf::from("/d/README.md")]));
    }
}
