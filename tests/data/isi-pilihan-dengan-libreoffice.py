"""Fills our FORMAT RKT template in LibreOffice Calc as a clerk did (issue 27): pick-list values
typed in another case and spacing ("dau", a sasaran in lower case with doubled spaces), a code
taken from the drop-down as it offers it ("code — name"), a pagu and a target typed into empty
rows below the data (they take the column's number format), and in the `salah` file a sumber
dana the list does not hold. Prints what Calc shows in the new rows' Pagu and Target cells
(their number format). Saved as Excel 2007-365.

python3 isi-pilihan-dengan-libreoffice.py benar|salah templat.xlsx hasil.xlsx"""
import sys
from calc import Calc

variant, src, out = sys.argv[1:4]
calc = Calc(src)
sheet = calc.sheet("FORMAT RKT")
cursor = sheet.createCursor()
cursor.gotoEndOfUsedArea(False)
first = cursor.getRangeAddress().EndRow + 1
code = "1.05.01.2.06.0002 \u2014 Penyediaan Peralatan dan Perlengkapan Kantor"
# Columns: Sasaran, Indikator, Satuan, Target, Kode, Pagu, Sumber Dana, Penanggung Jawab, Keterangan
rows = [
    ["meningkatnya  kualitas perencanaan dan pelaporan kinerja", "nilai SAKIP perangkat daerah",
     "Nilai", "80", code, "125000000", "dau", "Kasubag Umum dan Kepegawaian", "Dipilih dari daftar"],
    ["Meningkatnya kualitas perencanaan dan pelaporan kinerja", "Nilai SAKIP perangkat daerah",
     "nilai", "82.5", code, "90000000", "APBN" if variant == "salah" else " pad ",
     "Kasubag Umum dan Kepegawaian", "Sumber dana diketik"],
]
calc.type_rows(sheet, first, rows)
for r in range(first, first + len(rows)):
    for col, name in [(3, "Target"), (5, "Pagu")]:
        cell = sheet.getCellByPosition(col, r)
        fmt = calc.doc.NumberFormats.getByKey(cell.NumberFormat).FormatString
        print(f"baris {r + 1} {name}: tampil {cell.getString()!r}, format {fmt!r}")
calc.save_xlsx(out)
