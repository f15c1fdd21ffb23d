"""Fills a unit's Rencana Aksi or quarterly realisation template (as the program exports it) in
LibreOffice Calc as its clerk would, through Calc's own input line: words in lower case
("naik", "turun", "per triwulan"), targets typed as numbers (25) and as Indonesian text (12,5),
a range "75 - 85", a code typed bare or as the drop-down offers it, and text pasted from
another document (set whole, with no-break spaces and a line break). `salah` adds mistakes a
person makes: a target typed "1/2" (Calc makes it a date) and "ke atas" pasted as Arah; a
realisation typed "delapan". Saved once, at the end, as Excel 2007-365: Calc 7.4 headless went
on to abort now and then when typing continued after a save. Used live by tests/it/excel_aksi.rs.

python3 isi-rencana-aksi-dengan-libreoffice.py rencana|realisasi benar|salah templat.xlsx hasil.xlsx"""
import sys
from calc import Calc

kind, variant, src, out = sys.argv[1:5]
calc = Calc(src)
FIRST = 5  # the first row under the column titles (0-based)


def count(sheet, col):
    n = 0
    while sheet.getCellByPosition(col, FIRST + n).getString() != "":
        n += 1
    return n


def paste(sheet, col, row, text):
    sheet.getCellByPosition(col, row).setString(text)


def quiet_lists(sheet, cols, rows):
    """A value not in a drop-down's list gets a warning a person clicks away and the value
    stays; headless Calc cannot show it (it aborts later), so the warning is left unsaid."""
    for c in cols:
        cells = sheet.getCellRangeByPosition(c, FIRST, c, FIRST + rows - 1)
        v = cells.getPropertyValue("Validation")
        v.ShowErrorMessage = False
        cells.setPropertyValue("Validation", v)


def shown(sheet, cols, rows):
    for r in range(FIRST, FIRST + rows):
        print(sheet.Name, r + 1, [sheet.getCellByPosition(c, r).getString() for c in cols])


if kind == "rencana":
    sheet = calc.sheet("RENCANA AKSI")
    lists = calc.sheet("Daftar")
    choices = []
    while lists.getCellByPosition(2, len(choices) + 1).getString() != "":
        choices.append(lists.getCellByPosition(2, len(choices) + 1).getString())
    rows = count(sheet, 1)
    quiet_lists(sheet, [4, 5, 10], rows)
    # Columns E..L: Arah, Sifat, Target TW I-IV, Sub Kegiatan, Rencana Aksi.
    for i in range(rows):
        r = FIRST + i
        if i == 0:
            calc.type_rows(sheet, r, [["", "", "", "", "naik", "Kumulatif", "25", "50", "12,5", "100"]])
            paste(sheet, 10, r, "\n".join(choices[:2]))
            paste(sheet, 11, r, "Patroli\u00a0rutin  dan pembinaan \nPenertiban PKL ")
        elif i == 1:
            calc.type_rows(sheet, r, [["", "", "", "", "turun", "per triwulan", "5", "4", "3", "75 - 85",
                                       choices[0].split(" \u2014 ")[0], "Razia gabungan"]])
        else:
            calc.type_rows(sheet, r, [["", "", "", "", "Naik", "Kumulatif", "10", "20", "30", "40",
                                       choices[-1], "Sosialisasi perda"]])
    if variant == "salah":
        calc.type_rows(sheet, FIRST, [["", "", "", "", "", "", "", "1/2"]])
        paste(sheet, 4, FIRST + 1, "ke atas")
    shown(sheet, range(4, 12), rows)
else:
    sheet = calc.sheet("REALISASI")
    budget = calc.sheet("ANGGARAN")
    rows = count(sheet, 0)
    # Columns D..F: Realisasi, Kendala / Hambatan, Tindak Lanjut.
    for i in range(rows):
        r = FIRST + i
        if i == 0:
            calc.type_rows(sheet, r, [["", "", "", "37,5", "", "Tambah patroli malam"]])
            paste(sheet, 4, r, "Personel\u00a0terbatas \ndi kecamatan jauh")
        elif i == 1:
            calc.type_rows(sheet, r, [["", "", "", "12", "-"]])
        else:
            calc.type_rows(sheet, r, [["", "", "", "10"]])
    amounts = count(budget, 0)
    for i in range(amounts):
        typed = ["12500000", "7.250.000"][i] if i < 2 else "1000000"
        calc.type_rows(budget, FIRST + i, [["", "", typed]])
    if variant == "salah":
        calc.type_rows(sheet, FIRST, [["", "", "", "delapan"]])
    shown(sheet, range(3, 6), rows)
    shown(budget, range(0, 3), amounts)
calc.save_xlsx(out)
