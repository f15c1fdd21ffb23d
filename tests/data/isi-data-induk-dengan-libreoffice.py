"""Fills our master-data templates (the Renstra of a new period, the code list) in LibreOffice
Calc as a person would, through Calc's own input line: a sasaran merged over two rows, targets
typed "82,5" and 82.5, a formula, a date typed where a target goes (the "salah" files), a code
pasted with no-break spaces, a name made by a formula, a sub kegiatan whose program is missing
(the "salah" file). Saved as Excel 2007-365.

python3 isi-data-induk-dengan-libreoffice.py renstra|kode salah|benar templat.xlsx hasil.xlsx"""
import subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue

kind, variant, src, out = sys.argv[1:5]
proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                         "--accept=socket,host=127.0.0.1,port=2002;urp;"])
ctx = uno.getComponentContext()
resolver = ctx.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", ctx)
for _ in range(60):
    try:
        remote = resolver.resolve("uno:socket,host=127.0.0.1,port=2002;urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(0.5)
smgr = remote.ServiceManager
desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
sasaran_1 = "Meningkatnya ketenteraman dan ketertiban umum"
sasaran_2 = "Meningkatnya perlindungan masyarakat"
if kind == "renstra":
    sheet = doc.Sheets.getByName("Renstra")
    # Sasaran, Indikator, Satuan, Target 2032 .. Target 2036
    rows = [
        [sasaran_1, "Persentase penegakan Perda yang dituntaskan", "%", "80", "82,5", "85", "87.5", "90"],
        ["", "Persentase gangguan trantibum yang ditangani", "%", "75", "78", "81", "84", "87"],
        [sasaran_2, "Jumlah patroli wilayah yang dilaksanakan", "kali", "150",
         "1/2" if variant == "salah" else "=150+10", "170", "180", "190"],
    ]
    merge = (1, 2)  # A2:A3
else:
    sheet = doc.Sheets.getByName("Kode")
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
sheet.unprotect("")
controller = doc.getCurrentController()
frame = controller.getFrame()
dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", remote)
start = 1 if kind == "renstra" else first_row
for i, r in enumerate(rows):
    for j, v in enumerate(r):
        if v != "":
            controller.select(sheet.getCellByPosition(j, start + i))
            dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, (prop("StringName", v),))
if kind == "renstra":
    sheet.getCellRangeByPosition(0, merge[0], 0, merge[1]).merge(True)
doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
proc.wait(30)
print("written", out)
