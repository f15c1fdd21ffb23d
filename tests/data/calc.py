"""LibreOffice Calc driven as a person uses it, for the scripts that fill our templates: start a
headless Calc, open a workbook, type into cells through Calc's own input line (so Calc
recognises numbers, dates and formulas as it does for a person), save as Excel 2007-365."""
import os, subprocess, time, uno
from com.sun.star.beans import PropertyValue


def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p


class Calc:
    def __init__(self, src):
        # A test run beside others gives its own port and profile (SOP_RKT_CALC_PORT,
        # SOP_RKT_CALC_PROFILE): a second Calc on a shared profile hands its work to the first.
        port = os.environ.get("SOP_RKT_CALC_PORT", "2002")
        args = ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                f"--accept=socket,host=127.0.0.1,port={port};urp;"]
        if os.environ.get("SOP_RKT_CALC_PROFILE"):
            args.append("-env:UserInstallation=" + uno.systemPathToFileUrl(os.environ["SOP_RKT_CALC_PROFILE"]))
        self.proc = subprocess.Popen(args)
        ctx = uno.getComponentContext()
        resolver = ctx.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", ctx)
        # A fresh profile is made at the first start: up to two minutes on a busy machine.
        for _ in range(240):
            try:
                remote = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        smgr = remote.ServiceManager
        self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
        self.doc = self.desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0,
                                                     (prop("Hidden", True),))
        self.controller = self.doc.getCurrentController()
        self.dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", remote)

    def sheet(self, name):
        sheet = self.doc.Sheets.getByName(name)
        sheet.unprotect("")
        return sheet

    def type_rows(self, sheet, first, rows):
        """Rows typed from 0-based row `first`, column A on; empty strings are skipped."""
        frame = self.controller.getFrame()
        for i, r in enumerate(rows):
            for j, v in enumerate(r):
                if v != "":
                    self.controller.select(sheet.getCellByPosition(j, first + i))
                    self.dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, (prop("StringName", v),))

    def save_xlsx(self, out):
        self.doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        # The file is stored whole by now; headless Calc 7.4 sometimes aborts while closing
        # (with another Calc running beside it), which loses nothing.
        try:
            self.doc.close(True)
            self.desktop.terminate()
        except Exception:
            pass
        self.proc.wait(30)
        print("written", out)
