#!/usr/bin/env bash
# run-fuzz.sh — build the CSV parser's libFuzzer target with clang (address
# and undefined-behaviour sanitizers) in its own folder and fuzz it.
#
# Usage: tests/fuzz/run-fuzz.sh [SECONDS]   (default 30)
# Crashes are saved as build-fuzz/crash-*; rerun one with
#   build-fuzz/fuzz-csv build-fuzz/crash-…
#
# Copyright 2026 The Stockcast authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_TO_RUN=${1:-30}
OUT=${FUZZ_BUILD_DIR:-build-fuzz}
CC=${FUZZ_CC:-clang}

command -v "$CC" >/dev/null || { echo "run-fuzz.sh: $CC is missing" >&2; exit 1; }
mkdir -p "$OUT/corpus"

# A config.h of our own: the fuzz build does not need meson.
cat > "$OUT/config.h" <<'H'
#define GETTEXT_PACKAGE "stockcast"
#define PACKAGE_VERSION "fuzz"
H

# shellcheck disable=SC2046
"$CC" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$OUT" -Isrc/core $(pkg-config --cflags glib-2.0 gio-2.0) \
  tests/fuzz/fuzz-csv.c src/core/sc-prices.c src/core/sc-error.c \
  $(pkg-config --libs glib-2.0 gio-2.0) -lm -o "$OUT/fuzz-csv"

# Seed corpus: the real excerpts plus small odd cases.
cp tests/fixtures/AAPL-1981.csv tests/fixtures/GSPC-2000.csv "$OUT/corpus/"
head -c 3000 tests/fixtures/KO-1000.csv > "$OUT/corpus/KO-head.csv"
printf 'Date,Open,High,Low,Close,Volume\r\n2020-01-02,1,2,0.5,1.5,10\r\n' > "$OUT/corpus/stooq-crlf.csv"
printf 'close,DATE\n5,2020-01-03\n4,2020-01-03\nnull,2020-01-02' > "$OUT/corpus/dupes.csv"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
status=0
"$OUT/fuzz-csv" -max_total_time="$SECONDS_TO_RUN" -max_len=8192 -timeout=10 \
  -dict=tests/fuzz/csv.dict -artifact_prefix="$OUT/" -print_final_stats=1 "$OUT/corpus" \
  > "$OUT/fuzz.log" 2>&1 || status=$?
grep -E "^#[0-9]+.*DONE|stat::number_of_executed_units|ERROR|SUMMARY|crash-" "$OUT/fuzz.log" || true
if [ "$status" -ne 0 ]; then
  echo "run-fuzz.sh: the fuzzer failed (exit $status); see $OUT/fuzz.log" >&2
  exit 1
fi
echo "run-fuzz.sh: no crash in ${SECONDS_TO_RUN} s"
