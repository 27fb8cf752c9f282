#!/usr/bin/env bash
# check-cli-l10n.sh — the uninstalled stockcast speaks Chinese under
# LANGUAGE=zh_HK (STOCKCAST_LOCALEDIR points at build/po), and English
# otherwise.
#
# Copyright 2026 The Stockcast authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-cli-l10n.sh STOCKCAST_BIN LOCALEDIR
set -uo pipefail
bin=$1
export STOCKCAST_LOCALEDIR=$2
export LC_ALL=C.UTF-8
status=0

check() {  # check NAME EXPECTED-EXIT PATTERN LANGUAGE ARGS...
  local name=$1 want=$2 pattern=$3 lang=$4
  shift 4
  out=$(LANGUAGE=$lang "$bin" "$@" 2>&1)
  rc=$?
  if [ "$rc" -eq "$want" ] && grep -q -- "$pattern" <<<"$out"; then
    echo "ok - $name"
  else
    echo "not ok - $name (exit $rc, wanted $want and /$pattern/)"
    sed 's/^/# /' <<<"$out"
    status=1
  fi
}

check "--help in zh_HK" 0 '^用法：' zh_HK --help
check "--help in English" 0 '^Usage:' C --help
check "unknown command in zh_HK" 1 '不明指令「frob」' zh_HK frob
check "zh_HK falls back from zh_HK.UTF-8" 0 '^用法：' zh_HK.UTF-8 --help
exit $status
