#!/usr/bin/env bash
# A real full disk (a 3 MB tmpfs filled to the last block): the program still reads and
# exports what is there, a write is refused with the Indonesian disk-full message, and a
# backup onto the full disk leaves no false copy behind.
# Needs root for the mount; where the mount is not allowed the check says so and passes.
set -euo pipefail
bin=$(realpath "$1")
mnt=$(mktemp -d)
if ! mount -t tmpfs -o size=3m tmpfs "$mnt" 2>/dev/null; then
    echo "full-disk: a tmpfs cannot be mounted here; check not run"
    rmdir "$mnt"
    exit 0
fi
out=$(mktemp -d)
trap 'umount "$mnt"; rmdir "$mnt"; rm -rf "$out"' EXIT
export SOP_RKT_DATA_DIR="$mnt/data"
"$bin" demo --db "$mnt/rkt.db" --rows 40 >/dev/null
dd if=/dev/zero of="$mnt/pengisi" bs=4k 2>/dev/null || true
free=$(df -k --output=avail "$mnt" | tail -1 | tr -d ' ')
[ "$free" -eq 0 ] || { echo "full-disk: $free KB still free"; exit 1; }

# Reading works: last year's signed RKT (archived by the demo) exported to another disk.
year=$(( $(date +%Y) - 1 ))
"$bin" export-pdf --db "$mnt/rkt.db" --year "$year" --out "$out/rkt.pdf"
pdftotext "$out/rkt.pdf" "$out/rkt.txt"
text=$(cat "$out/rkt.txt")
[[ "$text" == *"RENCANA KINERJA TAHUNAN"* ]] || { echo "full-disk: the PDF is not the RKT"; exit 1; }

# Writing is refused with a message, not a crash (exit code 2, not a panic's 101).
set +e
msg=$("$bin" demo --db "$mnt/baru.db" 2>&1)
rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "full-disk: exit $rc: $msg"; exit 1; }
[[ "${msg,,}" == *"disk penuh"* ]] || { echo "full-disk: unclear message: $msg"; exit 1; }
# A backup onto a full flash disk: refused, and no empty or half-written file left behind.
db="$out/kantor.db"
SOP_RKT_DATA_DIR="$out/data" "$bin" demo --db "$db" --rows 200 >/dev/null
set +e
msg=$(SOP_RKT_DATA_DIR="$out/data" "$bin" backup --db "$db" --out "$mnt/cadangan.db" 2>&1)
rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "full-disk: backup exit $rc: $msg"; exit 1; }
[[ "$msg" == *"Disk tujuan penuh"* ]] || { echo "full-disk: backup said: $msg"; exit 1; }
[ ! -e "$mnt/cadangan.db" ] || { echo "full-disk: a failed backup left a file"; exit 1; }

echo "full-disk: ok (read and exported on a full disk; a write and a backup onto it refused with a message)"
