#!/usr/bin/env bash
# Measures `medleaf serve`'s edit -> reload time on a generated 10,000-page site (see the
# README, "Live preview: medleaf serve"). Usage: tools/serve-latency.sh [pages] [edits]
# The site is generated once into $SITE (default /tmp/serve-bench) and edited in place; the
# edited article is restored afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES="${1:-10000}"
EDITS="${2:-20}"
SITE="${SITE:-/tmp/serve-bench}"
if [ ! -d "$SITE/content" ]; then
  python3 ../shared/bench/gen_corpus.py --pages "$PAGES" --seed 1 --format medleaf "$SITE"
fi
cargo build --release --bin medleaf --example serve_latency
target/release/examples/serve_latency target/release/medleaf "$SITE" "$EDITS"
