//! `dossier serve`, through the real binary and real HTTP on loopback: base
//! path, content types, 404, traversal, HEAD, live reload, the error overlay,
//! a port in use; half-sent headers, foreign `Host` names (DNS rebinding),
//! encoded `Location` headers, a watched folder replaced whole.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const SITE_TOML: &str = "title = \"Thử\"\nbase_url = \"https://example.org/dossier/\"\n";
const SEED: &str = "Hai bên vừa có cuộc hội đàm rất thành công.\n\nĐoạn hai.\n";
const NOTE: &str = "+++\ntitle = \"Bài một\"\n+++\nGhi chú: [hội đàm rất thành công](cite:001).\n";
const EVENT: &str =
    "+++\ntitle = \"Hội đàm\"\ndate = 2025-08-11\nsummary = \"Hội đàm.\"\nsources = [{ seed = \"001\", quote = \"cuộc hội đàm\" }]\n+++\n";

/// A running `dossier serve` on a free port, killed on drop.
struct Server {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
    /// What it printed on stdout after its address, line by line.
    stdout: mpsc::Receiver<String>,
    /// What it printed before its address.
    before: Vec<String>,
}

impl Server {
    fn start() -> Server {
        Server::start_with(&[], &[])
    }

    /// A server of the test dossier plus `files` (path, text), run with `args`.
    fn start_with(files: &[(&str, &str)], args: &[&str]) -> Server {
        Server::start_on(0, files, args)
    }

    /// As [`Server::start_with`], asking for `port`.
    fn start_on(port: u16, files: &[(&str, &str)], args: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        write(&root, "site.toml", SITE_TOML);
        write(&root, "seeds/001_a.txt", SEED);
        write(&root, "content/articles/001_a.md", NOTE);
        write(&root, "content/timeline/hoi-dam.md", EVENT);
        for (path, text) in files {
            write(&root, path, text);
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["serve", "--port", &port.to_string()])
            .args(args)
            .arg("--root")
            .arg(&root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut before = Vec::new();
        let port = loop {
            let line = lines.next().expect("serve printed its address").unwrap();
            if let Some(rest) = line.strip_prefix("serving the dossier at http://127.0.0.1:") {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
            before.push(line);
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        let (tx, stdout) = mpsc::channel();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Server {
            child,
            port,
            _dir: dir,
            root,
            stdout,
            before,
        }
    }

    /// The next line the server prints, waiting up to 20 s.
    fn next_line(&self) -> String {
        self.stdout.recv_timeout(Duration::from_secs(20)).expect("serve printed a line")
    }

    fn request(&self, method: &str, path: &str) -> Response {
        self.request_to("localhost", method, path)
    }

    fn request_to(&self, host: &str, method: &str, path: &str) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Response::parse(&raw)
    }

    fn get(&self, path: &str) -> Response {
        self.request("GET", path)
    }

    /// Opens the event stream; returns a reader positioned after the headers.
    fn events(&self) -> BufReader<TcpStream> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "GET /__dossier/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
            line.clear();
        }
        reader
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn write(root: &Path, path: &str, text: &str) {
    let target = root.join(path);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(target, text).unwrap();
}

/// Reads server-sent events until one named `name`; returns its data.
fn next_event(reader: &mut BufReader<TcpStream>, name: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut current = String::new();
    let mut data = String::new();
    let mut line = String::new();
    while Instant::now() < deadline {
        line.clear();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        // Chunked transfer: size lines and blank chunk ends carry no field.
        let text = line.trim_end();
        if let Some(event) = text.strip_prefix("event: ") {
            current = event.to_string();
            data.clear();
        } else if let Some(d) = text.strip_prefix("data: ") {
            data.push_str(d);
            data.push('\n');
        } else if text.is_empty() && current == name {
            return data;
        }
    }
    panic!("no `{name}` event within 10 s");
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn parse(raw: &[u8]) -> Response {
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response");
        let head = String::from_utf8_lossy(&raw[..split]).to_string();
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect();
        Response {
            status,
            headers,
            body: raw[split + 4..].to_vec(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

#[test]
fn serves_under_the_base_path_and_redirects_the_root() {
    let server = Server::start();
    let root = server.get("/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("location"), Some("/dossier/"));
    let home = server.get("/dossier/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("<html lang=\"vi\">"));
    assert!(home.text().contains("<script src=\"/__dossier/live.js\" defer></script>\n</body>"));
    let folder = server.get("/dossier/articles");
    assert_eq!((folder.status, folder.header("location")), (302, Some("/dossier/articles/")));
}

#[test]
fn text_files_are_served_as_utf8_with_their_type() {
    let server = Server::start();
    let home = scraper::Html::parse_document(&server.get("/dossier/").text());
    let link = home
        .select(&scraper::Selector::parse("link[rel=stylesheet]").unwrap())
        .next()
        .expect("a stylesheet");
    let stylesheet = format!("/dossier/{}", link.value().attr("href").expect("an href").trim_start_matches("./"));
    for (path, kind) in [
        ("/dossier/", "text/html; charset=utf-8"),
        (stylesheet.as_str(), "text/css; charset=utf-8"),
        ("/dossier/data/timeline.json", "application/json; charset=utf-8"),
        ("/dossier/favicon.svg", "image/svg+xml; charset=utf-8"),
        ("/__dossier/live.js", "text/javascript; charset=utf-8"),
    ] {
        let r = server.get(path);
        assert_eq!((r.status, r.header("content-type")), (200, Some(kind)), "{path}");
    }
}

#[test]
fn a_missing_page_gets_the_sites_own_404() {
    let server = Server::start();
    let r = server.get("/dossier/no/such/page/");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("Không tìm thấy trang"), "{}", r.text());
}

#[test]
fn paths_that_leave_the_site_are_refused() {
    let server = Server::start();
    for path in [
        "/dossier/../site.toml",
        "/dossier/%2e%2e/site.toml",
        "/dossier/%2E%2E%2Fsite.toml",
        "/dossier/..%5csite.toml",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 400, "{path}");
        assert!(!r.text().contains("base_url"), "{path} leaked a file");
    }
}

#[test]
fn head_gives_the_headers_without_a_body() {
    let server = Server::start();
    let r = server.request("HEAD", "/dossier/");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(r.body.is_empty());
    assert_eq!(server.request("POST", "/dossier/").status, 405);
}

#[test]
fn an_edit_reloads_open_pages_with_the_new_content() {
    let server = Server::start();
    let mut events = server.events();
    write(&server.root, "content/about.md", "+++\ntitle = \"Trang mới\"\n+++\nNội dung mới.\n");
    next_event(&mut events, "reload");
    let page = server.get("/dossier/about/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Nội dung mới."));
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_shows_the_problem() {
    let server = Server::start();
    let mut events = server.events();
    write(
        &server.root,
        "content/articles/001_a.md",
        "+++\ntitle = \"Bài một\"\n+++\n[sai](cite:001 \"không có trong bài\")\n",
    );
    let problems = next_event(&mut events, "problems");
    assert!(
        problems.contains("content/articles/001_a.md:4:1: error: quote not found"),
        "{problems}"
    );
    let article = server.get("/dossier/articles/bai-mot/");
    assert_eq!(article.status, 200, "the last good site is still served");
    assert!(article.text().contains("Ghi chú"));
    // A page opened now learns of the problem at once.
    let mut late = server.events();
    assert!(next_event(&mut late, "problems").contains("quote not found"));
    write(&server.root, "content/articles/001_a.md", NOTE);
    next_event(&mut events, "reload");
}

/// A port in use was an error with no way forward; now the next free one
/// is taken, as Hugo does, and the terminal says which.
#[test]
fn a_port_in_use_is_passed_over_for_the_next_free_one_which_is_said() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = Server::start_on(port, &[], &[]);
    assert!(server.port > port && server.port <= port + 10, "{} after {port}", server.port);
    assert_eq!(
        server.before.last().map(String::as_str),
        Some(
            format!(
                "port {port} is already in use on 127.0.0.1: serving on port {} instead",
                server.port
            )
            .as_str()
        ),
        "{:?}",
        server.before
    );
    assert_eq!(server.get("/dossier/").status, 200);
}

/// Saving many files at once (a checkout, a copy) rebuilds once, naming them.
#[test]
fn a_burst_of_saves_is_one_rebuild() {
    let server = Server::start();
    // Written beside the dossier, then moved in one rename each: a burst as a
    // checkout makes it, not spread over the writes' own time on a busy machine.
    let staging = tempfile::tempdir().unwrap();
    for n in 0..12 {
        write(
            staging.path(),
            &format!("n{n:02}.md"),
            &format!("+++\ntitle = \"Ghi chú {n}\"\n+++\nNội dung.\n"),
        );
    }
    for n in 0..12 {
        let name = format!("n{n:02}.md");
        std::fs::rename(staging.path().join(&name), server.root.join("content").join(&name)).unwrap();
    }
    let line = server.next_line();
    assert!(line.contains(" and 9 more changed: built "), "{line}");
    assert!(
        server.stdout.recv_timeout(Duration::from_millis(500)).is_err(),
        "one rebuild for the burst"
    );
    assert_eq!(server.get("/dossier/n11/").status, 200);
}

/// `serve` said "built 3 pages in 40 ms" after an edit, not which file changed.
#[test]
fn an_edit_is_named_with_the_rebuild_and_its_time() {
    let server = Server::start();
    write(&server.root, "content/about.md", "+++\ntitle = \"Trang mới\"\n+++\nNội dung mới.\n");
    let line = server.next_line();
    let ms = |n: &str| n.strip_suffix(" ms").and_then(|n| n.parse::<u64>().ok());
    let (said, times) = line.split_once(" in ").unwrap_or((&line, ""));
    assert_eq!(said, "content/about.md changed: built 8 pages", "{line}");
    // The whole build's time, then the time its pages were served at.
    let (whole, pages) = times.split_once(" (its pages served in ").unwrap_or((times, ""));
    let (whole, pages) = (ms(whole), pages.strip_suffix(')').and_then(ms));
    assert!(whole.is_some() && pages.is_some() && pages <= whole, "{line}");
    write(
        &server.root,
        "content/about.md",
        "+++\ntitle = \"Trang mới\"\nsumary = \"x\"\n+++\n",
    );
    let line = server.next_line();
    assert!(
        line.starts_with("content/about.md changed: the build failed in ") && line.ends_with(" ms; the last good site stays served"),
        "{line}"
    );
}

/// `serve` kept half-sent request headers open forever: a client could hold
/// every connection it liked.
#[test]
fn a_request_whose_headers_never_end_is_dropped_after_the_header_timeout() {
    let server = Server::start();
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let started = Instant::now();
    write!(stream, "GET /dossier/ HTTP/1.1\r\nHost: localhost\r\nX-Slow: ").unwrap();
    let mut rest = Vec::new();
    let closed = stream.read_to_end(&mut rest);
    let took = started.elapsed();
    assert!(closed.is_ok(), "the server never closed the connection: {closed:?}");
    assert!(
        (Duration::from_secs(4)..Duration::from_secs(15)).contains(&took),
        "closed after {took:?}, not after the 5 s header timeout"
    );
    assert!(!String::from_utf8_lossy(&rest).contains("200 OK"), "a half request was answered");
    assert_eq!(server.get("/dossier/").status, 200, "other clients are served meanwhile and after");
}

/// `serve` answered any `Host`: a page on evil.example whose name an
/// attacker points at 127.0.0.1 (DNS rebinding) could read the preview.
#[test]
fn a_foreign_host_name_is_refused_unless_allowed_and_ip_addresses_are_answered() {
    let server = Server::start();
    let port = server.port;
    let refused = server.request_to(&format!("evil.example:{port}"), "GET", "/dossier/");
    assert_eq!(refused.status, 403);
    assert!(refused.text().contains("--allow-host evil.example"), "{}", refused.text());
    assert!(!refused.text().contains("<html"), "nothing of the site is shown");
    assert_eq!(server.request_to("evil.example", "GET", "/__dossier/events").status, 403);
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "app.localhost".to_string(),
    ] {
        assert_eq!(server.request_to(&host, "GET", "/dossier/").status, 200, "{host}");
    }
    let allowing = Server::start_with(&[], &["--allow-host", "preview.example"]);
    assert_eq!(allowing.request_to("preview.example", "GET", "/dossier/").status, 200);
    assert_eq!(allowing.request_to("evil.example", "GET", "/dossier/").status, 403);
}

/// `Location` carried the decoded path: raw spaces and UTF-8 in a header.
#[test]
fn a_redirect_location_is_percent_encoded() {
    let server = Server::start_with(&[("static/tài liệu/index.html", "<!DOCTYPE html><title>t</title>")], &[]);
    let r = server.get("/dossier/t%C3%A0i%20li%E1%BB%87u");
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some("/dossier/t%C3%A0i%20li%E1%BB%87u/"));
    assert_eq!(server.get("/dossier/t%C3%A0i%20li%E1%BB%87u/").status, 200);
}

/// `rm -rf seeds && cp -r backup seeds` removed the folder's watch with the
/// folder: the change was never seen and every later edit was missed.
#[test]
fn a_watched_folder_replaced_whole_is_rebuilt_and_watched_again() {
    let server = Server::start();
    let mut events = server.events();
    let seeds = server.root.join("seeds");
    let backup = server.root.join("backup");
    std::fs::create_dir_all(&backup).unwrap();
    std::fs::write(backup.join("001_a.txt"), SEED.replace("Đoạn hai.", "Đoạn hai đã thay.")).unwrap();
    std::fs::remove_dir_all(&seeds).unwrap();
    let copied = Command::new("cp").arg("-r").arg(&backup).arg(&seeds).status().unwrap();
    assert!(copied.success());
    let article = |server: &Server| server.get("/dossier/articles/bai-mot/").text();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !article(&server).contains("Đoạn hai đã thay.") {
        assert!(Instant::now() < deadline, "the replaced folder was never rebuilt");
        next_event(&mut events, "reload");
    }
    std::thread::sleep(Duration::from_millis(200));
    write(&server.root, "seeds/001_a.txt", &SEED.replace("Đoạn hai.", "Đoạn hai lần ba."));
    let deadline = Instant::now() + Duration::from_secs(10);
    while !article(&server).contains("Đoạn hai lần ba.") {
        assert!(Instant::now() < deadline, "an edit in the new folder was missed: it is not watched");
        next_event(&mut events, "reload");
    }
}

/// The preview shows drafts, marked as drafts (a build leaves them out).
#[test]
fn the_preview_shows_a_draft_marked_as_a_draft() {
    let draft = "+++\ntitle = \"Về hồ sơ\"\ndraft = true\n+++\nChưa xong.\n";
    let server = Server::start_with(&[("content/about.md", draft)], &[]);
    let page = server.get("/dossier/about/index.html");
    assert_eq!(page.status, 200, "a draft free page is served");
    assert!(page.text().contains("Chưa xong."), "{}", page.text());
    assert!(
        page.text().contains("<span class=\"draft-mark\">Bản nháp</span>"),
        "{}",
        page.text()
    );
}
