#!/usr/bin/env bash
# tests/fuzz/run-fuzz-quotes.sh [SECONDS] — build the quote readers' libFuzzer
# target with ASan/UBSan and run it for SECONDS (default 60) on a copy of
# the seed corpus. Prints libFuzzer's summary; exits non-zero on a crash
# (the input is left in tests/fuzz/crash-*).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cat > "$out/config.h" <<'H'
#define GETTEXT_PACKAGE "stockcast"
H
src=(tests/fuzz/fuzz-quotes.c src/net/sc-yahoo.c src/net/sc-tiingo.c src/net/sc-json-util.c
     src/net/sc-quotes.c src/core/sc-prices.c src/core/sc-error.c)
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$out" -Isrc/core -Isrc/net \
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DG_LOG_DOMAIN='"Stockcast"' \
  $(pkg-config --cflags glib-2.0 gio-2.0 json-glib-1.0) \
  "${src[@]}" -o "$out/fuzz-quotes" \
  $(pkg-config --libs glib-2.0 gio-2.0 json-glib-1.0) -lm

cp -r tests/fuzz/corpus-quotes "$out/corpus"
ASAN_OPTIONS=detect_leaks=1 "$out/fuzz-quotes" -max_total_time="$seconds" -max_len=8192 \
  -rss_limit_mb=1024 -artifact_prefix=tests/fuzz/ -print_final_stats=1 "$out/corpus" 2>&1 \
  | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::new_units_added|==[0-9]+==ERROR|SUMMARY|INFO: Seed|artifact)" || true
test "${PIPESTATUS[0]}" -eq 0
