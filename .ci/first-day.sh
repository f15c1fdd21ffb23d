#!/usr/bin/env bash
# The office's first day, end to end: the real binary in a real window on Xvfb, from an empty
# database (never the demo data) to a signed, archived and verified RKT and Perjanjian Kinerja.
# Driven through the X server (xdotool), widgets found on AT-SPI (a private D-Bus session), the
# master-data templates filled in LibreOffice Calc (headless, over UNO), files saved and opened
# through the desktop's own file dialog (xdg-desktop-portal with its GTK backend).
# Usage: first-day.sh BINARY OUTDIR   (screenshots, files, the database and the log in OUTDIR)
set -euo pipefail
bin=$(realpath "$1")
out=$(realpath -m "$2")
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
# What an earlier walk left there goes first.
rm -rf "$out/data" "$out/berkas" "$out/verifikasi" "$out/home" "$out"/*.png "$out"/*.pdf "$out"/*.txt

export DEBIAN_FRONTEND=noninteractive
need=()
for pkg in xvfb x11-utils xdotool imagemagick at-spi2-core python3-pyatspi dbus-x11 poppler-utils \
  libreoffice-calc-nogui python3-uno xdg-desktop-portal xdg-desktop-portal-gtk; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A display of our own (the first free number), so nothing else receives the keys we send.
n=97
while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
display=:$n
Xvfb $display -screen 0 1366x768x24 -nolisten tcp -noreset >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null; wait $xvfb_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do xdpyinfo -display $display >/dev/null 2>&1 && break; sleep 0.1; done
[ -n "${XDG_RUNTIME_DIR:-}" ] || { XDG_RUNTIME_DIR=$(mktemp -d); export XDG_RUNTIME_DIR; }

# The session's own settings, files and caches (LibreOffice's profile, GTK's recent files) stay in
# OUTDIR, not in the user's home: each run starts as a new PC does.
export XDG_CONFIG_HOME="$out/home/config" XDG_DATA_HOME="$out/home/data" XDG_CACHE_HOME="$out/home/cache"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"

# The portal picks its GTK backend for a GNOME desktop; dbus-run-session starts the portal, the
# accessibility bus and the walk on a session bus of their own.
# Keys at 2,048 iterations in this debug binary (see walk.sh; a release build ignores it).
export SOP_RKT_FAST_KEYS=1
DISPLAY=$display XDG_CURRENT_DESKTOP=GNOME dbus-run-session -- \
  /usr/bin/python3 "$here/tests/walk/first_day.py" "$bin" "$out"
