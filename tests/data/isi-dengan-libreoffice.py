"""Fills our FORMAT RKT template in LibreOffice Calc as a person would: three new rows whose
sasaran is one merged cell, a target typed as 1/2 (Calc makes it a date), a code pasted with
no-break spaces around it. Saved as Excel 2007-365."""
import subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue

src, out = sys.argv[1], sys.argv[2]
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
sheet = doc.Sheets.getByName("FORMAT RKT")
sheet.unprotect("")
# Columns: Sasaran, Indikator, Satuan, Target, Kode, Pagu, Sumber Dana, Penanggung Jawab, Keterangan
rows = [
    ["Meningkatnya kualitas perencanaan dan pelaporan kinerja", "Nilai SAKIP perangkat daerah", "nilai", "72,5", "1.05.01.2.06.0002", "125000000", "DAU", "Kasubag Umum dan Kepegawaian", "Baris gabungan pertama"],
    ["", "Nilai SAKIP perangkat daerah", "nilai", "1/2", "1.05.01.2.06.0002", "90000000", "PAD", "Kasubag Umum dan Kepegawaian", "Target terketik 1/2"],
    ["", "Nilai SAKIP perangkat daerah", "nilai", "80", "\u00a01.05.01.2.06.0002\u00a0", "75000000", "DAU", "Kasubag Umum dan Kepegawaian", "Kode ditempel dari web"],
]
first = 7  # 0-based: row 8 in Calc, after the six rows the template carries
controller = doc.getCurrentController()
frame = controller.getFrame()
dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", remote)
for i, r in enumerate(rows):
    for j, v in enumerate(r):
        if v != "":
            # Through Calc's input line, as typed: it recognises numbers and dates (and gives a
            # date its date format).
            controller.select(sheet.getCellByPosition(j, first + i))
            dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, (prop("StringName", v),))
sheet.getCellRangeByPosition(0, first, 0, first + len(rows) - 1).merge(True)
doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
proc.wait(30)
print("written", out)
