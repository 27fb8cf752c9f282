#!/bin/sh
# bench-history.sh — time the history queries on 100,000 saved results.
# Usage: tests/bench/bench-history.sh [BUILD_DIR] [N_RESULTS] [REPEATS]
# Figures and the machine they came from: docs/accounts.md.
set -eu
build=${1:-build}
ninja -C "$build" tests/bench/bench-history >/dev/null
exec "$build/tests/bench/bench-history" "${2:-100000}" "${3:-5}"
