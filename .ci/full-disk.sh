#!/usr/bin/env bash
# A real full disk (an 8 MB tmpfs filled to the last block): the program still reads and
# exports what is there, a write is refused with the Indonesian disk-full message, and a
# backup onto the full disk leaves no false copy behind.
# Needs root for the mount; where the mount is not allowed the check says so and passes.
set -euo pipefail
bin=$(realpath "$1")
mnt=$(mktemp -d)
if ! mount -t tmpfs -o size=8m tmpfs "$mnt" 2>/dev/null; then
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

# Runs the program expecting a refusal: exit code 2 (not a panic's 101), and words $1 in its
# message (any case).
refused() {
    local want=$1 msg rc
    shift
    set +e
    msg=$("$bin" "$@" 2>&1)
    rc=$?
    set -e
    [ "$rc" -eq 2 ] || { echo "full-disk: $1: exit $rc: $msg"; exit 1; }
    [[ "${msg,,}" == *"${want,,}"* ]] || { echo "full-disk: $1 said: $msg"; exit 1; }
}

# As `refused`, at a terminal (util-linux `script`) into which $2 is typed: a restore asks a
# pengelola's name and PIN there.
refused_at_terminal() {
    local want=$1 typed=$2 msg rc
    shift 2
    set +e
    msg=$(printf '%b' "$typed" | script -qec "$(printf '%q ' "$bin" "$@")" /dev/null 2>&1)
    rc=$?
    set -e
    [ "$rc" -eq 2 ] || { echo "full-disk: $1: exit $rc: $msg"; exit 1; }
    [[ "${msg,,}" == *"${want,,}"* ]] || { echo "full-disk: $1 said: $msg"; exit 1; }
}

# Writing is refused with a message, not a crash.
refused "disk penuh" demo --db "$mnt/baru.db"
# A backup onto a full flash disk: refused, and no empty or half-written file left behind.
db="$out/kantor.db"
SOP_RKT_DATA_DIR="$out/data" "$bin" demo --db "$db" --rows 1000 >/dev/null
SOP_RKT_DATA_DIR="$out/data" refused "Disk tujuan penuh" backup --db "$db" --out "$mnt/cadangan.db"
[ ! -e "$mnt/cadangan.db" ] || { echo "full-disk: a failed backup left a file"; exit 1; }

# A restore onto a nearly full disk: the present state is kept first (the backups are on
# another disk), the copy runs out of room, no half copy is left, the database is unchanged.
rm "$mnt/pengisi"
free=$(df -k --output=avail "$mnt" | tail -1 | tr -d ' ')
dd if=/dev/zero of="$mnt/pengisi" bs=4k count=$(( (free - 256) / 4 )) 2>/dev/null
[ "$(stat -c %s "$db")" -gt 400000 ] || { echo "full-disk: the backup is too small to fill the disk"; exit 1; }
before=$(sha256sum < "$mnt/rkt.db")
SOP_RKT_DATA_DIR="$out/data-pulih" refused_at_terminal "disk penuh" 'Budi Santoso\n246810\n' \
    restore --db "$mnt/rkt.db" --from "$db"
left=$(ls -A "$mnt")
[[ "$left" != *pulih* && "$left" != *.sop-rkt-ruang* ]] ||
    { echo "full-disk: a failed restore left: $left"; exit 1; }
[ "$(sha256sum < "$mnt/rkt.db")" == "$before" ] || { echo "full-disk: the database changed"; exit 1; }
ls "$out/data-pulih/cadangan/"*sebelum-pemulihan.db >/dev/null ||
    { echo "full-disk: no copy of the state before the restore"; exit 1; }

echo "full-disk: ok (read and exported on a full disk; a write, a backup onto it and a restore refused with a message, nothing left behind)"
