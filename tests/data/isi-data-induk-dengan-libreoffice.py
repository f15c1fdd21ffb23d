"""Fills our master-data templates (the Renstra of a new period, the code list) in LibreOffice
Calc as a person would, through Calc's own input line: a sasaran merged over two rows, targets
typed "82,5" and 82.5, a formula, a date typed where a target goes (the "salah" files), a code
pasted with no-break spaces, a name made by a formula, a sub kegiatan whose program is missing
(the "salah" file). Saved as Excel 2007-365.

python3 isi-data-induk-dengan-libreoffice.py renstra|kode salah|benar templat.xlsx hasil.xlsx"""
import sys
from calc import Calc

kind, variant, src, out = sys.argv[1:5]
calc = Calc(src)
sasaran_1 = "Meningkatnya ketenteraman dan ketertiban umum"
sasaran_2 = "Meningkatnya perlindungan masyarakat"
if kind == "renstra":
    sheet = calc.sheet("Renstra")
    # Sasaran, Indikator, Satuan, Target 2032 .. Target 2036
    rows = [
        [sasaran_1, "Persentase penegakan Perda yang dituntaskan", "%", "80", "82,5", "85", "87.5", "90"],
        ["", "Persentase gangguan trantibum yang ditangani", "%", "75", "78", "81", "84", "87"],
        [sasaran_2, "Jumlah patroli wilayah yang dilaksanakan", "kali", "150",
         "1/2" if variant == "salah" else "=150+10", "170", "180", "190"],
    ]
    merge = (1, 2)  # A2:A3
    first_row = 1
else:
    sheet = calc.sheet("Kode")
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    used = cursor.getRangeAddress().EndRow + 1
    rows = [
        ["1.05.03", "Program Penanggulangan Bencana"],
        ["1.05.03.2.01", "Pelayanan Informasi Rawan Bencana"],
        ["\u00a01.05.03.2.01.0001\u00a0", '="Sosialisasi, Komunikasi, Informasi dan Edukasi "&"Rawan Bencana"'],
    ]
    if variant == "salah":
        rows.append(["1.05.09.2.01.0001", "Sub kegiatan tanpa program"])
    first_row = used
calc.type_rows(sheet, first_row, rows)
if kind == "renstra":
    sheet.getCellRangeByPosition(0, merge[0], 0, merge[1]).merge(True)
calc.save_xlsx(out)
