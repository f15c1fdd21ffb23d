"""Fills our FORMAT RKT template in LibreOffice Calc as a person would: three new rows whose
sasaran is one merged cell, a target typed as 1/2 (Calc makes it a date), a code pasted with
no-break spaces around it. Saved as Excel 2007-365."""
import sys
from calc import Calc

src, out = sys.argv[1], sys.argv[2]
calc = Calc(src)
sheet = calc.sheet("FORMAT RKT")
# Columns: Sasaran, Indikator, Satuan, Target, Kode, Pagu, Sumber Dana, Penanggung Jawab, Keterangan
rows = [
    ["Meningkatnya kualitas perencanaan dan pelaporan kinerja", "Nilai SAKIP perangkat daerah", "nilai", "72,5", "1.05.01.2.06.0002", "125000000", "DAU", "Kasubag Umum dan Kepegawaian", "Baris gabungan pertama"],
    ["", "Nilai SAKIP perangkat daerah", "nilai", "1/2", "1.05.01.2.06.0002", "90000000", "PAD", "Kasubag Umum dan Kepegawaian", "Target terketik 1/2"],
    ["", "Nilai SAKIP perangkat daerah", "nilai", "80", "\u00a01.05.01.2.06.0002\u00a0", "75000000", "DAU", "Kasubag Umum dan Kepegawaian", "Kode ditempel dari web"],
]
first = 7  # 0-based: row 8 in Calc, after the six rows the template carries
# Through Calc's input line, as typed: it recognises numbers and dates (and gives a date its
# date format).
calc.type_rows(sheet, first, rows)
sheet.getCellRangeByPosition(0, first, 0, first + len(rows) - 1).merge(True)
calc.save_xlsx(out)
