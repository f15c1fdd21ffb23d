#!/usr/bin/env bash
# Windows delivery check: cross-build the release .exe (x86_64-pc-windows-gnu, Debian's
# mingw) and start it under wine on the virtual display $DISPLAY, from a folder and with a
# database whose paths hold spaces and non-ASCII characters.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
need=()
for pkg in gcc-mingw-w64-x86-64 wine64; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
rustup target add x86_64-pc-windows-gnu >/dev/null

cargo build --release --target x86_64-pc-windows-gnu
exe=${CARGO_TARGET_DIR:-target}/x86_64-pc-windows-gnu/release/sop-rkt.exe
echo "windows exe: $(stat -c %s "$exe") bytes"

root=$(mktemp -d)
app="$root/Program RKT Ñ"
mkdir -p "$app" "$root/Data Kantor É"
cp "$exe" "$app/"
# Test-only: wine 8 lacks ProcessPrng, which Rust's std imports (see .ci/wine/).
x86_64-w64-mingw32-gcc -O2 -shared -o "$app/bcryptprimitives.dll" \
  .ci/wine/bcryptprimitives.c .ci/wine/bcryptprimitives.def -ladvapi32

export WINEPREFIX="$root/wineprefix" WINEDEBUG=-all
export WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree,mshtml="
cd "$app"
timeout 300 wine sop-rkt.exe --version
appdata=$(echo "$WINEPREFIX"/drive_c/users/*/AppData/Roaming)

# Each renderer first; wgpu on its Vulkan path (wine's DirectX 12 cannot compile shaders).
for renderer in wgpu glow; do
  ms=$(WGPU_BACKEND=vulkan timeout 300 wine sop-rkt.exe --renderer "$renderer" \
    --exit-after-first-frame | tr -d '\r')
  test -s "$appdata/SOP-RKT/sop-rkt.db"
  if grep -q "renderer $renderer gagal" "$appdata/SOP-RKT/sop-rkt.log"; then
    echo "wine smoke: $renderer failed:"; cat "$appdata/SOP-RKT/sop-rkt.log"; exit 1
  fi
  echo "wine smoke ($renderer): first frame after $ms ms"
done

# The chain on its own: wgpu's default path under wine fails, the other renderer takes over.
rm -f "$appdata/SOP-RKT/renderer.txt"
db_win=$(winepath -w "$root/Data Kantor É/rkt 2027.db")
ms=$(timeout 300 wine sop-rkt.exe --db "$db_win" --exit-after-first-frame | tr -d '\r')
test -s "$root/Data Kantor É/rkt 2027.db"
echo "wine smoke (automatic, --db with spaces and non-ASCII): first frame after $ms ms;" \
  "remembered: $(tr -d '\r' < "$appdata/SOP-RKT/renderer.txt" | grep terakhir)"

# Headless, as a script would: demo data, the signed RKT and the SOP as PDFs that poppler reads,
# and the authenticity check of the exported file.
out="$root/Data Kantor É"
out_win=$(winepath -w "$out")
demo=$(timeout 300 wine sop-rkt.exe demo --db "$out_win\\demo.db" | tr -d '\r')
echo "$demo"
year=$(echo "$demo" | grep -o 'RKT tahun [0-9]*' | grep -o '[0-9]*$')
timeout 300 wine sop-rkt.exe export-pdf --db "$out_win\\demo.db" --year "$year" \
  --out "$out_win\\RKT $year.pdf"
timeout 300 wine sop-rkt.exe export-sop-pdf --db "$out_win\\demo.db" --out "$out_win\\SOP.pdf"
timeout 300 wine sop-rkt.exe verify --db "$out_win\\demo.db" "$out_win\\RKT $year.pdf"
# The demo's measured year: its signed Laporan Capaian Kinerja TW I (evidence taken in through
# Windows paths, a PDF/A signed like the RKT).
timeout 300 wine sop-rkt.exe export-capaian --db "$out_win\\demo.db" --year "$year" --tw 1 \
  --out "$out_win\\Capaian TW I $year.pdf"
timeout 300 wine sop-rkt.exe verify --db "$out_win\\demo.db" "$out_win\\Capaian TW I $year.pdf"
# Read whole before matching (grep -q closing the pipe early would fail the step).
rkt_text=$(pdftotext "$out/RKT $year.pdf" -)
sop_text=$(pdftotext "$out/SOP.pdf" -)
grep -q "RENCANA KINERJA TAHUNAN" <<< "$rkt_text"
grep -q "Mengarsipkan RKT" <<< "$sop_text"
capaian_text=$(pdftotext "$out/Capaian TW I $year.pdf" -)
grep -q "LAPORAN CAPAIAN KINERJA" <<< "$capaian_text"
echo "wine export: RKT $year ($(stat -c %s "$out/RKT $year.pdf") bytes, $(pdfinfo "$out/RKT $year.pdf" | grep Pages | tr -s ' ')), SOP ($(stat -c %s "$out/SOP.pdf") bytes) read back by poppler"
