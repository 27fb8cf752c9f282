#!/usr/bin/env bash
# build-aux/screenshots.sh — regenerate the screenshots in data/screenshots/
# from the real app, built in place (build/src/stockcast), on an Xvfb display
# of its own with a throwaway profile. One account is registered with the
# command line; the rest is done with real key presses (xdotool): sign in,
# predict AAPL with the neural network, NVDA with the return trend and MSFT
# with linear regression (forecast.png), resize the window to a phone's
# 360×640 with xdotool (narrow.png: the narrow layout), then start again in
# the dark style and predict AMZN (dark.png), all from the bundled sample
# prices (the quote URLs point at a closed port: nothing leaves the machine).
#
# Usage: build-aux/screenshots.sh [BUILD_DIR [OUT_DIR]]
#   BUILD_DIR  default: build          OUT_DIR  default: data/screenshots
# SC_SHOTS_LANGUAGE=zh_HK takes them in that language and SC_SHOTS_ALL=1
# adds a dark narrow one (both for looking at, not for data/screenshots).
# Needs: Xvfb, xdotool, xwininfo, ImageMagick's import, dbus-daemon, gsettings.
# optipng is used to shrink the PNGs when it is installed.
#
# Copyright 2026 The Stockcast authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
mkdir -p "${2:-$src/data/screenshots}"
out=$(cd "${2:-$src/data/screenshots}" && pwd)
bin="$build/src/stockcast"

# Window size in logical pixels of the screenshots.
width=1100
height=760

for tool in Xvfb xdotool import dbus-daemon xwininfo gsettings; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool is not installed" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "screenshots.sh: no $bin; build first (meson compile -C ${build#"$src"/})" >&2; exit 1; }

tmp=$(mktemp -d)
xvfb_pid=""
bus_pid=""
app_pid=""
cleanup() {
  if [ -n "${SC_SHOTS_DEBUG:-}" ] && [ -f "$tmp/app.log" ]; then cp "$tmp/app.log" "$out/debug-app.log"; fi
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  if [ -n "$bus_pid" ]; then kill "$bus_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() {
  echo "screenshots.sh: $*" >&2
  [ -n "${DISPLAY:-}" ] && debug_shot failure
  [ -f "$tmp/app.log" ] && sed 's/^/  app: /' "$tmp/app.log" >&2
  exit 1
}

# --- An X display of its own (Xvfb picks a free number and writes it) -------
Xvfb -displayfd 9 -screen 0 1600x1000x24 -nolisten tcp 9>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
[ -s "$tmp/display" ] || die "Xvfb did not start: $(cat "$tmp/xvfb.log")"
DISPLAY=":$(head -n1 "$tmp/display")"
export DISPLAY
xwininfo -root >/dev/null 2>&1 || die "cannot reach Xvfb on $DISPLAY: $(cat "$tmp/xvfb.log")"

# --- A session bus of its own, so GApplication neither finds a running
# Stockcast nor fails to register ------------------------------------------------
dbus-daemon --session --fork --nosyslog --print-address=1 --print-pid=1 >"$tmp/bus" 2>"$tmp/bus.log" \
  || die "could not start a session bus: $(cat "$tmp/bus.log")"
{ read -r DBUS_SESSION_BUS_ADDRESS; read -r bus_pid; } <"$tmp/bus"
export DBUS_SESSION_BUS_ADDRESS

# --- A throwaway profile ------------------------------------------------------
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_STATE_HOME="$tmp/state" HOME="$tmp/home"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME" "$HOME"
# Settings in a key file of the profile, so gsettings can set them before start.
export GSETTINGS_BACKEND=keyfile
export GSETTINGS_SCHEMA_DIR="$build/data"
export STOCKCAST_MODELS_DIR="$src/models"
export STOCKCAST_LOCALEDIR="$build/po"
export STOCKCAST_QUOTES_URL="http://127.0.0.1:9/no-network"
export STOCKCAST_TIINGO_URL="http://127.0.0.1:9/no-network"
export GSK_RENDERER=cairo GDK_BACKEND=x11 NO_AT_BRIDGE=1 GTK_A11Y=none
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE="${SC_SHOTS_LANGUAGE:-}"
unset G_DEBUG G_MESSAGES_DEBUG GTK_THEME GDK_SCALE GDK_DPI_SCALE
# SC_SHOTS_DEBUG=1: the root window after each step and the app's log in OUT_DIR/debug-*.
[ -n "${SC_SHOTS_DEBUG:-}" ] && export G_MESSAGES_DEBUG=all

schema=io.github.stockcast.Stockcast
gsettings set "$schema" window-width "$width"
gsettings set "$schema" window-height "$height"
gsettings set "$schema" color-scheme light
gsettings set "$schema" chart-range 5y   # the whole fan, out to 365 days

user="dora"
password="screenshot password 1"
printf '%s\n' "$password" | "$bin" account register "$user" --email dora@example.org --password-stdin \
  >"$tmp/register.log" 2>&1 || die "could not register: $(cat "$tmp/register.log")"

# --- Helpers ------------------------------------------------------------------
start_app() {
  "$bin" >"$tmp/app.log" 2>&1 &
  app_pid=$!
}

stop_app() {
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

# find_window NAME-REGEX: the id of the visible window so named, waiting for it.
find_window() {
  local id=""
  for _ in $(seq 1 150); do
    id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n1) || true
    [ -n "$id" ] && { echo "$id"; return 0; }
    sleep 0.2
  done
  return 1
}

# geometry ID: "X Y W H" of a window on the root.
geometry() {
  xwininfo -id "$1" | awk '/Absolute upper-left X/ {x=$NF} /Absolute upper-left Y/ {y=$NF}
                          /^ *Width:/ {w=$NF} /^ *Height:/ {h=$NF} END {print x, y, w, h}'
}

# shoot NAME ID: the window ID alone (with whatever lies over it, such as a
# dialog) into OUT/NAME.png.
shoot() {
  local x y w h
  read -r x y w h < <(geometry "$2")
  sleep 1   # let animations (stack crossfade, spinner, toasts) settle
  import -window root -crop "${w}x${h}+${x}+${y}" +repage "$tmp/$1.png"
  if command -v optipng >/dev/null; then optipng -quiet -o2 -strip all "$tmp/$1.png"; fi
  mv "$tmp/$1.png" "$out/$1.png"
  echo "screenshots.sh: $out/$1.png (${w}×${h})"
}

debug_shot() {
  [ -n "${SC_SHOTS_DEBUG:-}" ] || return 0
  import -window root "$out/debug-$1.png"
}

# wait_history N: until the signed-in user has N predictions.
wait_history() {
  local deadline=$((SECONDS + 90)) n
  while [ "$SECONDS" -lt "$deadline" ]; do
    n=$(printf '%s\n' "$password" | "$bin" history --user "$user" --password-stdin --json 2>/dev/null \
          | grep -o '"uuid"' | wc -l) || true
    [ "${n:-0}" -ge "$1" ] && return 0
    sleep 1
  done
  die "the history never reached $1 predictions"
}

# --- 1. Welcome: a new profile, the sign-in dialog over the welcome page ------
start_app
main=$(find_window "^Stockcast$") || die "no main window"
dialog=$(find_window "^[^ ].* – Stockcast$") || die "no sign-in dialog"
sleep 1
# Without a window manager nothing centres the dialog; do what one would.
read -r mx my mw mh < <(geometry "$main")
read -r _ _ dw dh < <(geometry "$dialog")
xdotool windowmove --sync "$dialog" $((mx + (mw - dw) / 2)) $((my + (mh - dh) / 2)) 2>/dev/null || true
xdotool windowfocus --sync "$dialog" 2>/dev/null || true
shoot welcome "$main"

# --- 2. Sign in and predict ----------------------------------------------------
xdotool type --delay 40 "$user"
xdotool key Tab
xdotool type --delay 40 "$password"
xdotool key Return
for _ in $(seq 1 100); do
  xdotool search --onlyvisible --name "^[^ ].* – Stockcast$" >/dev/null 2>&1 || break
  sleep 0.2
done
xdotool search --onlyvisible --name "^[^ ].* – Stockcast$" >/dev/null 2>&1 && die "still not signed in"
xdotool windowfocus --sync "$main" 2>/dev/null || true
sleep 1

# predict TICKER MODEL-INDEX: Ctrl+L, the ticker, Tab to the model drop-down,
# pick the model by its place in the list, Enter to predict.
predict() {
  xdotool key ctrl+l
  xdotool key ctrl+a BackSpace
  xdotool type --delay 40 "$1"
  sleep 0.5
  xdotool key Escape   # close the completion popup, if any
  xdotool key Tab space
  sleep 0.7
  debug_shot "$1-a"
  xdotool key Home
  for _ in $(seq 1 "$2"); do xdotool key Down; done
  debug_shot "$1-b"
  xdotool key Return
  sleep 0.7
  debug_shot "$1-c"
  xdotool key ctrl+Return
  sleep 1
  debug_shot "$1-d"
}

# The drop-down lists the models by id: linear-regression, log-return, mlp, naive.
predict AAPL 2        # neural network
wait_history 1
predict NVDA 1        # return trend
wait_history 2
predict MSFT 0        # linear regression, the one on show
wait_history 3
# Keep the pointer off the chart (no hover line) and let the chart settle.
xdotool mousemove 1590 990
sleep 2
shoot forecast "$main"

# --- 2b. A phone's size: the narrow layout ------------------------------------
xdotool windowsize --sync "$main" 360 640 2>/dev/null || xdotool windowsize "$main" 360 640
sleep 2
shoot narrow "$main"
xdotool windowsize "$main" "$width" "$height"
sleep 1

# --- 3. Started again in the dark style: the session is remembered ----------
stop_app
gsettings set "$schema" color-scheme dark
gsettings set "$schema" chart-range 1y
start_app
main=$(find_window "^Stockcast$") || die "no main window after the restart"
sleep 2
xdotool search --onlyvisible --name "^[^ ].* – Stockcast$" >/dev/null 2>&1 \
  && die "\"Stay signed in\" did not keep the session"
xdotool windowfocus --sync "$main" 2>/dev/null || true
predict AMZN 2        # neural network
wait_history 4
xdotool mousemove 1590 990
sleep 2
shoot dark "$main"
# SC_SHOTS_ALL=1: the dark style narrow too (for looking at).
if [ -n "${SC_SHOTS_ALL:-}" ]; then
  xdotool windowsize "$main" 360 640
  sleep 2
  shoot narrow-dark "$main"
fi

stop_app
