#!/usr/bin/env bash
# The long campaign of the incremental-build equivalence test: N random
# sequences of edits, creations, deletions and renames (default 500; CI runs
# 12 as part of `cargo test`), each incremental build compared with a full
# build of the same tree, file by file.
#
#   scripts/equivalence.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
DOSSIER_EQUIVALENCE_CASES="${1:-500}" cargo test --release --locked --test incremental -- --nocapture
