#!/usr/bin/env bash
# CI smoke: every fuzz target for a few seconds from the seed corpora. The long runs (#7: 10
# minutes each) are done by hand: `cargo +nightly fuzz run -O TARGET -- -max_total_time=600`.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${FUZZ_SMOKE_SECONDS:-20}"
./seed-corpus.sh
cargo +nightly fuzz build -O
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for target in $(cargo +nightly fuzz list); do
  if ! cargo +nightly fuzz run -O "$target" -- -max_total_time="$seconds" -timeout=10 \
    >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz smoke: $target failed (input under fuzz/artifacts/$target/)"
    exit 1
  fi
  echo "fuzz smoke: $target: $(grep -E '^Done' "$log" || echo 'no final line')"
done
