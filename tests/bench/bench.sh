#!/usr/bin/env bash
# bench.sh — whole-process time and peak memory of `stockcast predict` against
# the reference scikit-learn pipeline (the original web app's, rebuilt) on the
# same CSV, for the linear regression and the MLP.
#
# Usage: tests/bench/bench.sh [CSV] [RUNS]
#   CSV        a Yahoo-layout price file (default: MSFT from $PRICES_DIR)
#   RUNS       hyperfine runs per command (default 20)
# Environment:
#   STOCKCAST  the binary (default build/src/stockcast)
# Wall-clock ratios suffer when the machine is busy (process start-up
# dominates the linear model's time); CPU time is shown too.
#   REFERENCE  seed_pipeline.py (default ../shared/reference/seed_pipeline.py,
#              beside the checkout)
#   PYTHON     a Python with scikit-learn and pandas (default /usr/bin/python3)
# Needs: hyperfine, GNU time (/usr/bin/time), python3-sklearn, python3-pandas.
#
# Copyright 2026 The Stockcast authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/../.."

PRICES_DIR=${PRICES_DIR:-../shared/data/prices}
CSV=${1:-$PRICES_DIR/MSFT.csv}
RUNS=${2:-20}
STOCKCAST=${STOCKCAST:-build/src/stockcast}
REFERENCE=${REFERENCE:-../shared/reference/seed_pipeline.py}
PYTHON=${PYTHON:-/usr/bin/python3}
TICKER=$(basename "$CSV" .csv)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench.sh: $tool is missing" >&2; exit 1; }
done
[ -x "$STOCKCAST" ] || { echo "bench.sh: build first (ninja -C build)" >&2; exit 1; }

echo "# $(date -u +%F) $(uname -m), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# CSV: $CSV"

for model in linear-regression mlp; do
  ours="$STOCKCAST predict $TICKER --csv $CSV --model $model --years 10 --json"
  theirs="$PYTHON $REFERENCE $CSV --years 10 --models $model"
  hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$OUT/$model.json" \
    -n "stockcast $model" "$ours" -n "reference $model" "$theirs" >/dev/null
  ours_kb=$(/usr/bin/time -f %M $ours 2>&1 >/dev/null | tail -1)
  theirs_kb=$(/usr/bin/time -f %M $theirs 2>&1 >/dev/null | tail -1)
  python3 - "$OUT/$model.json" "$model" "$ours_kb" "$theirs_kb" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
ours, theirs = r[0], r[1]
print(f"{sys.argv[2]:18s} stockcast {1000*ours['mean']:8.1f} ms ± {1000*ours['stddev']:5.1f} "
      f"(median {1000*ours['median']:.1f}, {int(sys.argv[3])/1024:.1f} MiB)  "
      f"reference {1000*theirs['mean']:8.1f} ms ± {1000*theirs['stddev']:5.1f} "
      f"(median {1000*theirs['median']:.1f}, {int(sys.argv[4])/1024:.1f} MiB)  "
      f"speed-up {theirs['mean']/ours['mean']:.1f}x (medians {theirs['median']/ours['median']:.1f}x, "
      f"CPU time {1000*(ours['user']+ours['system']):.1f} vs {1000*(theirs['user']+theirs['system']):.1f} ms: "
      f"{(theirs['user']+theirs['system'])/(ours['user']+ours['system']):.1f}x)")
PY
done
