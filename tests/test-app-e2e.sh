#!/usr/bin/env bash
# test-app-e2e.sh — the desktop app driven by real key presses (xdotool) on
# the X display of the test run (xvfb-run): a fresh profile with one account
# registered through the command line; type the username, Tab, the password,
# Enter; then a ticker and Enter. The prediction must then be in
# `stockcast history`. Prices come from the bundled sample data: the quote
# URL points at a closed port, so no network is needed.
#
# Copyright 2026 The Stockcast authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

bin="${1:?usage: test-app-e2e.sh path/to/stockcast}"
echo "1..1"

if [ -z "${DISPLAY:-}" ] || ! command -v xdotool >/dev/null; then
  echo "ok 1 # SKIP needs an X display and xdotool"
  exit 0
fi

tmp=$(mktemp -d)
app_pid=""
session_pid=""
cleanup() {
  # The app itself, then its D-Bus session: a window left behind would be
  # found (and typed into) by the next run on the same display.
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null; fi
  if [ -n "$session_pid" ]; then kill "$session_pid" 2>/dev/null; wait "$session_pid" 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_STATE_HOME="$tmp/state" HOME="$tmp/home"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME" "$HOME"
export GSETTINGS_BACKEND=memory
export STOCKCAST_QUOTES_URL="http://127.0.0.1:9/no-network"
export STOCKCAST_TIINGO_URL="http://127.0.0.1:9/no-network"
unset G_DEBUG

# Gives window $1 the X input focus and checks that it has it: with no
# window manager nothing else does, and a busy machine can lose the first try.
focus_window() {
  for _ in $(seq 1 50); do
    xdotool windowfocus "$1" 2>/dev/null
    [ "$(xdotool getwindowfocus 2>/dev/null)" = "$1" ] && { sleep 1; return 0; }
    sleep 0.2
  done
  return 1
}

fail() {
  echo "# $1"
  # What a person would have seen, for the log.
  if command -v import >/dev/null && [ -n "${MESON_BUILD_ROOT:-}${G_TEST_BUILDDIR:-}" ]; then
    shot="${G_TEST_BUILDDIR:-$MESON_BUILD_ROOT}/e2e-failure-$$.png"
    import -window root "$shot" 2>/dev/null && echo "# screenshot: $shot"
  fi
  [ -f "$tmp/app.log" ] && sed 's/^/# app: /' "$tmp/app.log"
  echo "not ok 1 - sign in and predict with key presses"
  exit 1
}

user="erin"
password="e2e password 1"
printf '%s\n' "$password" | "$bin" account register "$user" --email erin@example.org --password-stdin \
  >"$tmp/register.log" 2>&1 || fail "could not register: $(cat "$tmp/register.log")"

# A session bus of its own, so GApplication neither finds a running
# Stockcast nor fails to register.
dbus-run-session -- sh -c 'echo $$ >"$0"; exec "$1"' "$tmp/app.pid" "$bin" >"$tmp/app.log" 2>&1 &
session_pid=$!
for _ in $(seq 1 100); do
  [ -s "$tmp/app.pid" ] && break
  sleep 0.1
done
app_pid=$(cat "$tmp/app.pid" 2>/dev/null)
[ -n "$app_pid" ] || fail "the app did not start"

# Wait for the dialog, but not for ever if the app died.
dialog=""
for _ in $(seq 1 300); do
  kill -0 "$app_pid" 2>/dev/null || fail "the app exited"
  dialog=$(xdotool search --onlyvisible --name "Sign In – Stockcast" 2>/dev/null | head -n1)
  [ -n "$dialog" ] && break
  sleep 0.2
done
[ -n "$dialog" ] || fail "no sign-in dialog"
focus_window "$dialog" || fail "the sign-in dialog never got the keyboard focus"

xdotool type --delay 40 "$user"
xdotool key Tab
xdotool type --delay 40 "$password"
xdotool key Return

# The dialog goes away once signed in; the ticker entry has the focus.
for _ in $(seq 1 100); do
  xdotool search --onlyvisible --name "Sign In – Stockcast" >/dev/null 2>&1 || break
  sleep 0.2
done
xdotool search --onlyvisible --name "Sign In – Stockcast" >/dev/null 2>&1 && fail "still not signed in"

main=$(xdotool search --onlyvisible --name "^Stockcast$" 2>/dev/null | head -n1)
[ -n "$main" ] || fail "no main window"

# Ctrl+L puts the cursor in the ticker entry whatever has the focus; on a
# loaded machine the window may still be settling after the sign-in, so if
# no prediction arrives the keys are sent again (a second MSFT prediction
# would do no harm).
predict_with_keys() {
  focus_window "$main" || fail "the main window never got the keyboard focus"
  xdotool key ctrl+l
  xdotool type --delay 40 "MSFT"
  xdotool key Return
}

for attempt in 1 2 3; do
  predict_with_keys
  for _ in $(seq 1 40); do
    history=$(printf '%s\n' "$password" | "$bin" history --user "$user" --password-stdin --json 2>/dev/null)
    if printf '%s' "$history" | grep -q '"ticker" *: *"MSFT"'; then
      echo "# $history"
      echo "ok 1 - sign in and predict with key presses (attempt $attempt)"
      exit 0
    fi
    sleep 0.5
  done
  echo "# no prediction yet after attempt $attempt"
done
fail "no MSFT prediction in the history"
