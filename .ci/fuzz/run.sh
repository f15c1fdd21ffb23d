#!/usr/bin/env bash
# Fuzzes the xlsx import, the sop.toml parser and the PDF signature check with cargo fuzz
# (libFuzzer).
#   bash .ci/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# Needs `cargo install cargo-fuzz`; runs on the stable toolchain (RUSTC_BOOTSTRAP lets it take
# libFuzzer's -Z flags) without a sanitizer: the code under test is safe Rust, and what is
# looked for is a panic, an overflow (debug assertions are on), a hang or runaway memory.
# A finding is written to .ci/fuzz/artifacts/<target>/ and the script exits non-zero.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(sop_toml xlsx_bytes xlsx_parts xlsx_cells verify_bytes)
export RUSTC_BOOTSTRAP=1
cargo fuzz build --fuzz-dir . -s none -a

# Seed corpora from the committed seeds: our template and a LibreOffice-saved one, the office's
# sop.toml, each part of the template (first byte: which part), a few rows of cells.
mkdir -p corpus/{sop_toml,xlsx_bytes,xlsx_parts,xlsx_cells,verify_bytes}
cp seeds/sop_toml/* corpus/sop_toml/
cp seeds/xlsx/* corpus/xlsx_bytes/
# Earlier findings (fixed) stay in the corpus: a regression shows at once.
cp seeds/xlsx_parts/* corpus/xlsx_parts/
cp seeds/xlsx_cells/* corpus/xlsx_cells/
# The demo's signed RKT (its office certificate beside, in seeds/verify_bytes_kantor.cer).
cp seeds/verify_bytes/* corpus/verify_bytes/
python3 - <<'PY'
import zipfile, pathlib
parts = zipfile.ZipFile("seeds/xlsx/templat.xlsx").infolist()
z = zipfile.ZipFile("seeds/xlsx/templat.xlsx")
for i, info in enumerate(parts):
    pathlib.Path(f"corpus/xlsx_parts/seed-{i:02}").write_bytes(bytes([i]) + z.read(info))
rows = [
    ["Meningkatnya ketenteraman", "Persentase gangguan", "%", "87,5", "1.05.02.2.01.0001",
     "Rp 1.250.000", "DAU", "Kasi Ops", "=1+1"],
    ["", "", "", "8O", "", "1.250.000,50", "", "", "@SUM(A1)"],
]
pathlib.Path("corpus/xlsx_cells/seed-rows").write_text("\x1f".join(c for r in rows for c in r))
PY

status=0
for t in "${targets[@]}"; do
    mkdir -p "artifacts/$t"
    echo "== $t: $seconds s"
    if ! cargo fuzz run --fuzz-dir . -s none -a "$t" "corpus/$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
        -print_final_stats=1 2>"artifacts/$t/log.txt"; then
        status=1
        echo "== $t: FINDING, see .ci/fuzz/artifacts/$t/"
    fi
    grep -E "^stat::number_of_executed_units|^#[0-9]+.*DONE|Done [0-9]+ runs" "artifacts/$t/log.txt" | tail -2 || true
done
exit $status
