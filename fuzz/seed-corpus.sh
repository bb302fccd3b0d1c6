#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with the seed articles, the fuzz seeds (HTML, Markdown, hostile
# text) and the test data, so every target starts from real inputs. Idempotent.
set -euo pipefail
cd "$(dirname "$0")"
for target in sanitize decode html markdown dates wrap; do
  mkdir -p "corpus/$target"
  cp -n ../seeds/* seeds/* ../tests/data/* "corpus/$target/"
done
