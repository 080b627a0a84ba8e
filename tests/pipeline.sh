#!/usr/bin/env bash
# `npm test`: the whole pipeline on a small machine (2 cores). Type check and the Custom UI builds run side by
# side; lint, then the Forge function bundle is built once (every suite that runs the deployed bundle reuses
# .forge-bundle/), then jest runs the suites two at a time. Each stage's time is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
stage() { local name=$1 start=$SECONDS; shift; "$@"; echo "[test] $name: $((SECONDS - start)) s" >&2; }
stage typecheck npm run -s typecheck &
typecheck=$!
stage build node static/build-all.mjs --if-stale
wait "$typecheck"
stage lint npm run -s lint
stage bundle npm run -s bundle
stage jest npx jest "$@"
