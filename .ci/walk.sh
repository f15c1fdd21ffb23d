#!/usr/bin/env bash
# The end-to-end walk: the real binary in a real window on Xvfb, driven through the X server
# (xdotool) and found through its accessibility tree (AT-SPI on a private D-Bus session bus).
# Usage: walk.sh BINARY OUTDIR [--sop SOP.toml]   (screenshots, the database and the log land in
# OUTDIR; with --sop, the walk of another office's SOP placed in the data folder)
set -euo pipefail
bin=$(realpath "$1")
out=$(realpath -m "$2")
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
# What an earlier walk left there (its own database and screenshots) goes first.
rm -rf "$out/data" "$out"/*.png "$out"/*.pdf "$out"/*.txt

export DEBIAN_FRONTEND=noninteractive
need=()
for pkg in xvfb x11-utils xdotool imagemagick at-spi2-core python3-pyatspi dbus-x11 poppler-utils; do
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
# -noreset: an X server resets when its last client leaves (here the readiness probe), and a
# window opened during that reset fails with "Failed to open connection to X server".
Xvfb $display -screen 0 1366x768x24 -nolisten tcp -noreset >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null; wait $xvfb_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do xdpyinfo -display $display >/dev/null 2>&1 && break; sleep 0.1; done
[ -n "${XDG_RUNTIME_DIR:-}" ] || { XDG_RUNTIME_DIR=$(mktemp -d); export XDG_RUNTIME_DIR; }

# dbus-run-session gives the walk its own session bus; at-spi-bus-launcher starts the
# accessibility bus on it, and the driver turns accessibility on before the program starts.
# The debug build derives a key's .p12 (8 M PBKDF2 + 16 M MAC iterations) several times
# slower than the release build the office runs (the generic hashing code is compiled in this
# crate, at opt-level 0): SOP_RKT_FAST_KEYS makes the debug binary write keys at 2,048
# iterations (a release build ignores it). The real count is checked by tests/it/insider.rs
# (search cost) and timed by `cargo bench --bench pdf`.
export SOP_RKT_FAST_KEYS=1
DISPLAY=$display dbus-run-session -- /usr/bin/python3 "$here/tests/walk/walk.py" "$bin" "$out" "${@:3}"
