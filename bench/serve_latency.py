#!/usr/bin/env python3
"""Measures `dossier serve`: time from saving a content file to the reload event
reaching a connected client (median over N edits), then a load run with wrk.

Usage: python3 bench/serve_latency.py [--edits 20] [--root .] [--binary target/release/dossier]
Builds nothing itself: run `cargo build --release` first. wrk (Debian package
`wrk`) is optional; without it the load run is skipped.
"""
import argparse, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time


def read_event(sock_file, name, deadline):
    current = None
    while time.monotonic() < deadline:
        line = sock_file.readline()
        if not line:
            raise RuntimeError("event stream closed")
        text = line.decode("utf-8", "replace").rstrip("\r\n")
        if text.startswith("event: "):
            current = text[len("event: "):]
        elif text == "" and current == name:
            return
    raise TimeoutError(f"no {name} event")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--root", default=".")
    ap.add_argument("--binary", default="target/release/dossier")
    ap.add_argument("--wrk-seconds", type=int, default=10)
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="dossier-serve-bench-")
    for item in ["site.toml", "seeds", "content", "templates", "static", "i18n"]:
        src = os.path.join(args.root, item)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(work, item))
        elif os.path.isfile(src):
            shutil.copy(src, work)
    server = subprocess.Popen([args.binary, "serve", "--root", work, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = base = None
        for line in server.stdout:
            m = re.search(r"http://127\.0\.0\.1:(\d+)(/\S*)", line)
            if m:
                port, base = int(m.group(1)), m.group(2)
                break
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"GET /__dossier/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        events = sock.makefile("rb")
        while events.readline() not in (b"\r\n", b""):
            pass
        target = os.path.join(work, "content", "about.md")
        original = open(target, encoding="utf-8").read() if os.path.exists(target) else "+++\ntitle = \"Bench\"\n+++\n"
        times = []
        for i in range(args.edits):
            time.sleep(0.3)  # let the previous rebuild settle, like a person typing
            start = time.monotonic()
            with open(target, "w", encoding="utf-8") as f:
                f.write(original + f"\nSửa lần {i}.\n")
            read_event(events, "reload", start + 10)
            times.append((time.monotonic() - start) * 1000)
        print(f"save-to-reload over {len(times)} edits: median {statistics.median(times):.1f} ms, "
              f"min {min(times):.1f} ms, max {max(times):.1f} ms (includes the {40} ms debounce)")
        sock.close()
        if shutil.which("wrk"):
            url = f"http://127.0.0.1:{port}{base}"
            out = subprocess.run(["wrk", "-t2", "-c32", f"-d{args.wrk_seconds}s", url], capture_output=True, text=True).stdout
            print(out)
            errors = re.search(r"Socket errors:.*|Non-2xx or 3xx responses: \d+", out)
            print("wrk: no errors" if not errors else f"wrk: {errors.group(0)}")
        else:
            print("wrk not installed (apt-get install wrk): load run skipped")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
