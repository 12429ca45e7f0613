#!/usr/bin/env bash
# ASK CLI build hook: `hooks/build.sh <OUT_FILE> <DO_DEBUG>` writes the zip of every Lambda bundle.
set -euo pipefail

OUT_FILE="${1:?usage: hooks/build.sh <OUT_FILE> <DO_DEBUG>}"
DO_DEBUG="${2:-false}"

# The ASK CLI runs the hook from its copy of the code src (<root>/.ask/lambda); the bundles are
# built from the project root, the hook's parent, where every source and node_modules are.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "$OUT_FILE" in
  /*) ;;
  *) OUT_FILE="$PWD/$OUT_FILE" ;;
esac

if [ "$DO_DEBUG" = "true" ]; then
  set -x
fi

cd "$ROOT"
# Dependencies must be installed for esbuild to bundle them; `npm ci` only when they are missing.
if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi
npx tsx scripts/package.ts "$OUT_FILE"
