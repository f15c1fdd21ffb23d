#!/usr/bin/env bash
# Archival check: the signed RKT, its Perjanjian Kinerja, the signed Laporan Capaian Kinerja
# and LKjIP tables, and the SOP document, as the program exports them, must be
# valid PDF/A-1b for Apache PDFBox Preflight (Debian's libpdfbox2-java). Preflight exits 0
# even on an invalid file, so its verdict is read from what it prints.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/sop-rkt}

cp=/usr/share/java/preflight.jar:/usr/share/java/pdfbox2.jar:/usr/share/java/fontbox2.jar
cp=$cp:/usr/share/java/xmpbox.jar:/usr/share/java/commons-logging.jar
# Preflight 2.0 on Java 11+ needs JavaBeans Activation and JAXB on the class path.
cp=$cp:/usr/share/java/javax.activation.jar:/usr/share/java/jaxb-api.jar

work=$(mktemp -d)
export SOP_RKT_DATA_DIR="$work"
"$bin" demo --db "$work/demo.db" | tee "$work/demo.txt"
year=$(grep -o 'RKT tahun [0-9]*' "$work/demo.txt" | grep -o '[0-9]*$' || true)
test -n "$year"
"$bin" export-pdf --db "$work/demo.db" --year "$year" --out "$work/rkt-$year.pdf"
"$bin" export-pk --db "$work/demo.db" --year "$year" --out "$work/pk-$year.pdf"
"$bin" export-sop-pdf --db "$work/demo.db" --out "$work/sop.pdf"
"$bin" verify --db "$work/demo.db" "$work/rkt-$year.pdf"
# The demo's measured year: its signed Rencana Aksi and Laporan Capaian Kinerja TW I.
"$bin" export-rencana-aksi --db "$work/demo.db" --year "$year" --out "$work/rencana-aksi.pdf"
"$bin" export-capaian --db "$work/demo.db" --year "$year" --tw 1 --out "$work/capaian-tw1.pdf"
"$bin" verify --db "$work/demo.db" "$work/capaian-tw1.pdf"
# The LKjIP tables wait for every unit's TW IV, which the demo leaves late: the integration
# tests' measured year (tests/it/common/reports.rs) is made into a database for them.
SOP_RKT_MEASURED_DB="$work/measured.db" cargo test --quiet --test it \
  laporan::a_measured_year_for_the_archival_check -- --exact --ignored
"$bin" export-lkjip --db "$work/measured.db" --year 2025 --out "$work/lkjip.pdf"
"$bin" verify --db "$work/measured.db" "$work/lkjip.pdf"
for f in "$work/rkt-$year.pdf" "$work/pk-$year.pdf" "$work/sop.pdf" \
  "$work/rencana-aksi.pdf" "$work/capaian-tw1.pdf" "$work/lkjip.pdf"; do
  verdict=$(java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b "$f" 2>&1 || true)
  echo "$verdict"
  grep -q "is a valid PDF/A-1b file" <<< "$verdict"
done
