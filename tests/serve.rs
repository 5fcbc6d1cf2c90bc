//! `dossier serve`, through the real binary and real HTTP on loopback: base
//! path, content types, 404, traversal, HEAD, live reload, the error overlay,
//! a port in use.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
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
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        write(&root, "site.toml", SITE_TOML);
        write(&root, "seeds/001_a.txt", SEED);
        write(&root, "content/articles/001_a.md", NOTE);
        write(&root, "content/timeline/hoi-dam.md", EVENT);
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["serve", "--port", "0", "--root"])
            .arg(&root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let port = loop {
            let line = lines.next().expect("serve printed its address").unwrap();
            if let Some(rest) = line.strip_prefix("serving the dossier at http://127.0.0.1:") {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            port,
            _dir: dir,
            root,
        }
    }

    fn request(&self, method: &str, path: &str) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
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

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "site.toml", SITE_TOML);
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("port {port} is already in use on 127.0.0.1")), "{stderr}");
}
