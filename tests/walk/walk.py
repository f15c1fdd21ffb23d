"""The end-to-end walk: a newcomer's whole SOP cycle in the real window, from an empty database.

Started by .ci/walk.sh (Xvfb, a private D-Bus session with the accessibility bus). Drives the
program only as a person can — the mouse and the keyboard through the X server, widgets found by
their accessible names — and after each step reads the database file to see that what the
window said happened is stored. A screenshot of every step lands in OUTDIR.

Usage: walk.py BINARY OUTDIR [--sop SOP.toml]

With --sop, the office's own SOP is placed in the data folder first (as the README offers) and
the walk goes through that SOP's opening steps instead: the window's words follow it, and a
decision that is not the signing is answered Tidak (with a reason) and then Ya.
"""

import os
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import person  # noqa: E402

YEAR = int(time.strftime("%Y"))
PIN = "246810"  # every demo official's invented PIN, printed by the demo
# The passphrase of the demo's office certificate and of the head's signing key
# (sop_rkt::store::DEMO_PASSPHRASE): the PIN signs nothing any more.
PASSPHRASE = "pelangi-senja-di-hulu-sungai"

# The demo's invented officials, by the lane they act in.
SEKRETARIS = "Hj. Nurul Aini, S.E."
KASUBAG = "Budi Santoso, S.T."  # KASUBAG PP and TIM
TIM = "Siti Rahmah, S.Kom."
KABID = "Rina Marlina, S.Sos."
KEPALA = "Drs. H. Rusdi Hamdani, M.Si."


class Walk:
    def __init__(self, binary, out):
        self.binary = binary
        self.out = out
        self.data = os.path.join(out, "data")
        os.makedirs(self.data, exist_ok=True)
        self.db = os.path.join(self.data, "sop-rkt.db")
        self.t0 = time.time()
        self.proc = None
        self.w = None
        # The step in which the units fill their formats (the step before the collecting one).
        self.fill_step = 4

    # --- the program -------------------------------------------------------------------------

    def start(self):
        env = dict(os.environ, SOP_RKT_DATA_DIR=self.data)
        log = open(os.path.join(self.out, "program-stderr.txt"), "ab")
        self.proc = subprocess.Popen([self.binary], env=env, stdout=log, stderr=log)
        self.w = person.Window(self.proc.pid, self.out)
        self.w.find("Beranda", wait=60)
        # The window fills the screen (no window manager here: placed at the origin).
        for wid in subprocess.check_output(
                ["xdotool", "search", "--pid", str(self.proc.pid)]).split():
            subprocess.run(["xdotool", "windowmove", wid, "0", "0"], check=True)
            subprocess.run(["xdotool", "windowsize", wid, "1366", "768"], check=True)
            # No window manager here: the keyboard goes to the window only once it is given
            # the X input focus (as a click on its title bar would).
            subprocess.run(["xdotool", "windowfocus", "--sync", wid], check=False)
        time.sleep(0.5)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    # --- the database, read as an auditor would ----------------------------------------------

    def q(self, sql, *args):
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=10)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()

    def one(self, sql, *args):
        rows = self.q(sql, *args)
        return rows[0][0] if rows else None

    def events(self):
        return self.q(
            "SELECT e.step, e.kind, e.actor_name, e.note FROM step_events e "
            "JOIN cycles c ON c.id = e.cycle_id WHERE c.year = ? ORDER BY e.id", YEAR)

    def expect(self, what, check, wait=15):
        """Waits until `check()` is true (the window commits before it repaints)."""
        deadline = time.time() + wait
        while True:
            try:
                if check():
                    return
            except sqlite3.OperationalError:
                pass
            if time.time() > deadline:
                raise AssertionError(f"in the database: {what}")
            time.sleep(0.2)

    def log(self, msg):
        print(f"[{time.time() - self.t0:6.1f} s] {msg}", flush=True)

    # --- gestures ----------------------------------------------------------------------------

    def page(self, name):
        self.w.click(name)
        time.sleep(0.3)

    def act_as(self, name):
        """"Bertindak sebagai": the official is chosen and types their own PIN (whoever was
        signed in finishes first); the database then names who acted."""
        w = self.w
        if w.exists("Selesai", role="push button"):
            w.click("Selesai", role="push button")
            w.find("Bertindak sebagai", role="combo box")
        w.click("Bertindak sebagai", role="combo box")
        w.click(name, role="toggle button", contains=True)
        w.gone(name, role="toggle button", contains=True)
        w.click("PIN")
        w.type(PIN)
        w.key("Return")
        w.find("Selesai", role="push button")

    def note(self, text, label="Catatan (boleh kosong)"):
        self.w.click(label)
        self.w.key("ctrl+a")
        self.w.type(text)

    def complete(self, step, who, note=""):
        self.page("Beranda")
        self.act_as(who)
        if note:
            self.note(note)
        self.w.click(f"✔ Selesaikan Langkah {step}")
        if step == self.fill_step:
            # The units fill their formats after this walk closes their step: the window first
            # names those not yet submitted and asks for a yes.
            self.w.find("Belum semua unit mengumpulkan FORMAT RKT", contains=True)
            self.w.click(f"Ya, Tetap Selesaikan Langkah {step}")
        self.expect(f"step {step} completed by {who} with the note typed",
                    lambda: any(e[0] == step and e[1] == "selesai" and e[2] == who
                                and e[3] == note for e in self.events()))
        self.w.shot(f"langkah-{step}")
        self.log(f"step {step} done by {who}")

    # --- the walk ----------------------------------------------------------------------------

    def run(self):
        self.start()
        w = self.w
        w.shot("kosong")
        # An empty database offers the demo data.
        w.click("Isi data contoh")
        # The demo makes the office certificate and the head's key (each a .p12 under a
        # passphrase, about a second of key derivation) and signs last year's RKT and PK.
        # A debug build derives each key slowly (PBKDF2 and the .p12's MAC at their full
        # counts): the demo took 50 s of CPU from the command line, more beside the window.
        self.expect("demo officials", lambda: self.one("SELECT count(*) FROM officials") >= 9,
                    wait=300)
        self.expect("last year's RKT archived", lambda: self.one("SELECT count(*) FROM archive") == 1)
        w.find("Data contoh diisikan", contains=True)
        w.shot("data-contoh")
        self.log("demo data in")

        # Steps 1-4.
        self.page("Beranda")
        self.act_as(SEKRETARIS)
        w.click(f"▶ Mulai Siklus RKT {YEAR}")
        self.expect("cycle started", lambda: self.one(
            "SELECT count(*) FROM cycles WHERE year = ?", YEAR) == 1)
        self.complete(1, SEKRETARIS, "Disposisi nomor 005/12/Satpol PP")
        self.complete(2, KASUBAG)
        self.complete(3, KASUBAG, "Rapat sosialisasi di aula kantor")
        self.complete(4, KABID)

        self.fill_one_row()
        self.submit_every_unit()
        self.complete(5, TIM)
        self.compile_draft()
        self.complete(6, TIM)
        self.correct_draft()
        self.complete(7, KASUBAG)
        self.complete(8, TIM)
        self.complete(9, SEKRETARIS)
        self.return_at_10()
        self.complete(8, KASUBAG, "Target disesuaikan dengan Renstra")
        self.complete(9, SEKRETARIS)
        self.sign_at_10()
        self.archive_at_11()
        self.verify_pdf()
        self.sign_pk()
        self.start_next_year()
        self.measured_year()
        self.stop()
        self.log("walk finished")

    def go_on_without_units(self, step, who, reason):
        """The collecting step closed before every unit has submitted, with the reason why."""
        self.page("Beranda")
        self.act_as(who)
        self.note(reason, label="Catatan (wajib bila melanjutkan tanpa menunggu semua unit)")
        self.w.click("Lanjutkan tanpa menunggu semua unit")
        self.expect(f"step {step} closed by {who} with the reason", lambda: any(
            e[0] == step and e[2] == who and reason in (e[3] or "") for e in self.events()))
        self.log(f"step {step} closed without every unit by {who}")

    def run_revised(self, sop_text):
        """Another office's SOP (tests/data/sop-revisi.toml, "SOP Penyusunan Renja"): its step
        5 is the Kasubag's completeness check, a decision that does not sign."""
        with open(os.path.join(self.data, "sop.toml"), "w") as f:
            f.write(sop_text)
        self.fill_step = 3
        self.start()
        w = self.w
        w.find("SOP Penyusunan Renja")
        w.click("Isi data contoh")
        self.expect("demo officials", lambda: self.one("SELECT count(*) FROM officials") >= 9,
                    wait=300)
        w.find("Data contoh diisikan", contains=True)
        self.page("Beranda")
        self.act_as(SEKRETARIS)
        w.click(f"▶ Mulai Siklus Renja {YEAR}")
        self.expect("cycle started", lambda: self.one(
            "SELECT count(*) FROM cycles WHERE year = ?", YEAR) == 1)
        w.find(f"Siklus Renja Tahun {YEAR}")
        self.complete(1, SEKRETARIS)
        self.complete(2, KASUBAG)
        self.complete(3, KABID)
        self.go_on_without_units(4, TIM, "Rapat forum dimajukan; format menyusul")
        # Step 5: the check answers its own question; nothing here signs.
        self.page("Beranda")
        self.act_as(KASUBAG)
        yes, no = "✔ Ya — lanjut ke langkah 6", "↩ Tidak — kembali ke langkah 4"
        w.find(yes)
        if w.exists("Setujui dan Tandatangani", contains=True):
            raise AssertionError("a completeness check offers to sign")
        reason = "Format Bidang Linmas belum lengkap"
        self.note(reason, label="Catatan, atau alasan bila dikembalikan")
        w.click(no)
        self.expect("step 5 answered Tidak with the reason", lambda: any(
            e[0] == 5 and e[1] == "kembali" and e[3] == reason for e in self.events()))
        w.find(reason, contains=True)
        w.shot("renja-tidak")
        self.log("step 5 answered Tidak")
        self.go_on_without_units(4, TIM, "Format Linmas dilengkapi lewat surel")
        self.page("Beranda")
        self.act_as(KASUBAG)
        w.click(yes)
        self.expect("step 5 answered Ya by the Kasubag", lambda: any(
            e[0] == 5 and e[1] == "terima" and e[2] == KASUBAG for e in self.events()))
        w.find("Langkah 5: Ya — lanjut ke langkah 6.", contains=True)
        w.shot("renja-ya")
        self.log("step 5 answered Ya")
        self.stop()
        self.log("walk with the revised SOP finished")

    def fill_one_row(self):
        """One FORMAT RKT row typed from the keyboard alone, pickers included."""
        w = self.w
        self.act_as(KABID)
        self.page("Format RKT")
        unit = self.one("SELECT id FROM units WHERE name = 'Bidang Perlindungan Masyarakat'")
        before = self.one("SELECT count(*) FROM rkt_rows WHERE year = ? AND unit_id = ? "
                          "AND deleted = 0", YEAR, unit)
        # The Format RKT page opens at the acting official's own unit.
        w.find("Unit", role="combo box")
        w.click("+ Tambah Baris")
        n = before + 1
        self.expect("a new row", lambda: self.one(
            "SELECT count(*) FROM rkt_rows WHERE year = ? AND unit_id = ? AND deleted = 0",
            YEAR, unit) == n)
        # The new row's Sasaran picker has the focus: Space opens the list at its first item,
        # ↓ moves (to the third: "Meningkatnya perlindungan masyarakat"), Enter picks.
        w.find(f"Sasaran baris {n}")
        w.key("space", "Down", "Down", "Return")
        w.key("Tab")
        # Indikator: type to find, Enter picks.
        w.type("cakupan")
        w.key("Return")
        w.key("Tab")  # to Satuan (filled from the Renstra)
        w.key("Tab")  # to Target (filled from the Renstra; replaced here)
        w.key("ctrl+a")
        w.type("72,5")
        w.key("Tab")
        w.type("1.05.02.2.01.0001")
        w.key("Tab")
        w.type("185000000")
        w.key("Tab")
        # Sumber Dana: type-to-find opens the list; Enter picks.
        w.type("DAK")
        w.key("Return")
        w.key("Tab")
        w.type("Kabid Perlindungan Masyarakat")
        w.key("Tab")
        w.type("Pelatihan Satlinmas di 8 kecamatan")
        w.key("Tab")
        w.shot("baris-diketik")

        def row():
            return self.q(
                "SELECT sasaran, indikator, satuan, target, code, pagu, sumber_dana, "
                "penanggung_jawab, keterangan FROM rkt_rows WHERE year = ? AND unit_id = ? "
                "AND deleted = 0 ORDER BY position DESC LIMIT 1", YEAR, unit)[0]
        self.expect("the typed row, every cell", lambda: row()[1:] == (
            "Persentase cakupan perlindungan masyarakat", "%", "72,5", "1.05.02.2.01.0001",
            "Rp 185.000.000", "DAK", "Kabid Perlindungan Masyarakat",
            "Pelatihan Satlinmas di 8 kecamatan"))
        assert row()[0] == "Meningkatnya perlindungan masyarakat", row()
        self.log(f"row typed: {row()}")

    def submit_every_unit(self):
        """Each unit's FORMAT RKT is submitted by its own official; the last one's by the TIM,
        which first records why it acts for the unit (its file came by e-mail)."""
        w = self.w
        units = self.q("SELECT id, name FROM units WHERE active = 1 ORDER BY sort_order")
        for uid, name in units[:-1]:
            own = self.one("SELECT name FROM officials WHERE unit_id = ? AND active = 1 "
                           "ORDER BY id LIMIT 1", uid)
            self.act_as(own)
            self.page("Format RKT")
            w.click("✉ Kumpulkan Format")
            self.expect(f"{name} submitted by {own}", lambda: self.q(
                "SELECT submitted_by FROM rkt_submissions WHERE year = ? AND unit_id = ?",
                YEAR, uid) == [(own,)])
        uid, name = units[-1]
        self.act_as(TIM)
        self.page("Format RKT")
        w.click("Unit", role="combo box")
        w.click(name, role="toggle button", contains=True)
        w.gone(name, role="toggle button", contains=True)
        # Not the TIM's own unit: read-only until the reason is recorded.
        assert not w.exists("✉ Kumpulkan Format"), "the TIM filled a unit without a reason"
        w.click("Alasan mengisi atas nama unit")
        w.type("berkas Excel dikirim lewat surel")
        w.click("Isi atas nama unit")
        self.expect("the TIM's reason", lambda: self.q(
            "SELECT reason FROM unit_proxies WHERE year = ? AND unit_id = ?", YEAR, uid)
            == [("berkas Excel dikirim lewat surel",)])
        w.click("✉ Kumpulkan Format")
        self.expect(f"{name} submitted by the TIM", lambda: self.q(
            "SELECT submitted_by FROM rkt_submissions WHERE year = ? AND unit_id = ?",
            YEAR, uid) == [(TIM,)])
        w.shot("semua-terkumpul")
        self.log(f"{len(units)} units submitted, each by its own official (the last by the TIM)")

    def compile_draft(self):
        w = self.w
        self.page("Beranda")
        self.act_as(TIM)
        self.page("Format RKT")
        w.click("Draft RKT")
        w.click("⚙ Kompilasi Draft RKT")
        self.expect("draft version 1", lambda: self.one(
            "SELECT max(version) FROM drafts WHERE year = ?", YEAR) == 1)
        w.shot("draf-versi-1")
        self.log("draft compiled")

    def correct_draft(self):
        """Step 7: the Kasubag corrects a cell of the newest version; it becomes version 2."""
        w = self.w
        self.page("Beranda")
        self.act_as(KASUBAG)
        self.page("Format RKT")
        w.click("Draft RKT")
        w.find("Klik ganda sel", contains=True)
        # The first row's Target, by what it shows (the first widget showing it is row 1's).
        target = self.one(
            "SELECT target FROM draft_rows r JOIN drafts d ON d.id = r.draft_id "
            "WHERE d.year = ? AND d.version = 1 ORDER BY r.position LIMIT 1", YEAR)
        w.click(target, double=True)
        w.find("Koreksi Target baris 1")
        w.key("ctrl+a")
        w.type("91")
        w.key("Return")
        self.expect("draft version 2 with the corrected target", lambda: self.one(
            "SELECT r.target FROM draft_rows r JOIN drafts d ON d.id = r.draft_id "
            "WHERE d.year = ? AND d.version = 2 ORDER BY r.position LIMIT 1", YEAR) == "91")
        w.shot("koreksi-versi-2")
        self.log("correction saved as version 2")

    def return_at_10(self):
        w = self.w
        self.page("Beranda")
        self.act_as(KEPALA)
        reason = "Target cakupan Linmas belum sesuai Renstra"
        self.note(reason, label="Catatan, atau alasan bila dikembalikan")
        w.click("↩ Kembalikan untuk Koreksi")
        self.expect("returned at 10 with the reason", lambda: any(
            e[0] == 10 and e[1] == "kembali" and e[3] == reason for e in self.events()))
        # The round that follows shows the head's reason where the work is.
        w.find(reason, contains=True)
        w.shot("dikembalikan")
        self.log("returned at step 10")

    def head_cert(self):
        """The fingerprint of the head's live, approved certificate (the demo's)."""
        return self.one(
            "SELECT k.fingerprint FROM signer_keys k JOIN officials o ON o.id = k.official_id "
            "WHERE o.name = ? AND k.retired_at IS NULL AND k.cert IS NOT NULL", KEPALA)

    def sign_at_10(self):
        """The head signs with the passphrase of their key. The habit of before (the PIN in
        that field) is refused first, in words, and signs nothing."""
        w = self.w
        self.page("Beranda")
        self.act_as(KEPALA)
        w.click("Kata sandi kunci tanda tangan")
        w.type(PIN)
        before = {n for n in (w.name(x) for x in w.nodes()) if n.startswith("⚠ ")}
        w.click("✔ Setujui dan Tandatangani")
        refusal = self.said_new_warning(before, wait=120)
        assert "Kata sandi kunci salah" in refusal, refusal
        assert self.one("SELECT count(*) FROM signatures WHERE year = ?", YEAR) == 0
        w.shot("kata-sandi-salah")
        self.log(f"the PIN where the passphrase goes: {refusal!r}")
        w.click("Kata sandi kunci tanda tangan")
        w.key("ctrl+a")
        w.type(PASSPHRASE)
        w.click("✔ Setujui dan Tandatangani")
        self.expect("signed", lambda: self.one(
            "SELECT count(*) FROM signatures WHERE year = ?", YEAR) == 1, wait=120)
        cert = self.head_cert()
        assert cert and self.one("SELECT cert_fingerprint FROM signatures WHERE year = ?",
                                 YEAR) == cert, "signed with the head's approved certificate"
        w.shot("ditandatangani")
        self.log("signed at step 10")

    def said_new_warning(self, before, wait=30):
        """The first "⚠ ..." label that was not on screen `before` (a set of names)."""
        deadline = time.time() + wait
        while True:
            new = [n for n in (self.w.name(x) for x in self.w.nodes())
                   if n.startswith("⚠ ") and n not in before]
            if new:
                return new[0]
            if time.time() > deadline:
                raise AssertionError("no refusal on screen")
            time.sleep(0.2)

    def archive_at_11(self):
        w = self.w
        self.page("Beranda")
        self.act_as(TIM)
        w.click("✔ Arsipkan RKT (PDF bertanda tangan) — Langkah 11")
        self.expect("archived", lambda: self.one(
            "SELECT count(*) FROM archive a JOIN signatures s ON s.id = a.signature_id "
            "WHERE s.year = ?", YEAR) == 1, wait=60)
        self.expect("cycle finished", lambda: any(
            e[0] == 11 and e[1] == "selesai" for e in self.events()))
        w.shot("diarsipkan")
        self.log("archived at step 11")

    def verify_pdf(self):
        """The archived PDF, exported beside the open window, is genuine."""
        pdf = os.path.join(self.out, f"RKT {YEAR}.pdf")
        env = dict(os.environ, SOP_RKT_DATA_DIR=self.data)
        subprocess.run([self.binary, "export-pdf", "--year", str(YEAR), "--out", pdf],
                       env=env, check=True)
        r = subprocess.run([self.binary, "verify", pdf], env=env, capture_output=True, text=True)
        print(r.stdout.strip())
        assert r.returncode == 0, r.stderr
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                              text=True, check=True).stdout
        assert f"TAHUN {YEAR}" in text, "the RKT's title"
        assert "Pelatihan Satlinmas" in text or "185.000.000" in text, "the typed row"
        assert "Ditandatangani secara elektronik" in text, "the block tied to the signature"
        # Any other computer's poppler: the head's digital signature made at step 10 holds.
        sig = subprocess.run(["pdfsig", pdf], capture_output=True, text=True)
        print(sig.stdout.strip())
        assert "Signature is Valid" in sig.stdout, sig.stdout + sig.stderr
        assert "Rusdi Hamdani" in sig.stdout, "pdfsig names the signer"
        self.log("archived PDF verified")

    def sign_pk(self):
        """After step 11 the head signs the year's Perjanjian Kinerja with their key's
        passphrase; the file `export-pk` writes is the archived one, signed."""
        w = self.w
        self.page("Tanda Tangan & Arsip")
        self.act_as(KEPALA)
        w.find(f"Perjanjian Kinerja Tahun {YEAR}")
        w.click("Kata sandi kunci Kepala")
        w.type(PASSPHRASE)
        w.shot("kata-sandi-pk")
        w.click("Tandatangani Perjanjian Kinerja")
        self.expect("PK signed and archived", lambda: self.one(
            "SELECT count(*) FROM pk_archive WHERE year = ?", YEAR) == 1, wait=120)
        w.find("Tersimpan di arsip", contains=True)
        w.shot("perjanjian-kinerja")
        pdf = os.path.join(self.out, f"PK {YEAR}.pdf")
        env = dict(os.environ, SOP_RKT_DATA_DIR=self.data)
        subprocess.run([self.binary, "export-pk", "--year", str(YEAR), "--out", pdf],
                       env=env, check=True)
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                              text=True, check=True).stdout
        assert f"PERJANJIAN KINERJA TAHUN {YEAR}" in text, "the PK's title"
        assert "PIHAK KEDUA" in text and "BUPATI BALANGAN" in text, "the second party"
        sig = subprocess.run(["pdfsig", pdf], capture_output=True, text=True)
        print(sig.stdout.strip())
        assert "Signature is Valid" in sig.stdout, sig.stdout + sig.stderr
        self.log("Perjanjian Kinerja signed and verified")

    def start_next_year(self):
        """The TIM starts next year's formats from this year's signed RKT in a few clicks,
        and Ctrl+Z takes the whole carry back (Ctrl+Y brings it again)."""
        w = self.w
        nxt = YEAR + 1
        self.page("Beranda")
        self.act_as(TIM)
        self.page("Format RKT")
        w.click("Tahun RKT")
        w.click(str(nxt))
        # The page keeps the tab last used (the Draft RKT, from the corrections).
        w.click("Isi Format")
        w.click("Mulai dari RKT Tahun Lalu...")
        w.find(f"Dasar: RKT {YEAR} yang ditandatangani", contains=True)
        signed = self.one(
            "SELECT count(*) FROM draft_rows r JOIN signatures s ON s.draft_id = r.draft_id "
            "WHERE s.year = ?", YEAR)
        w.shot("mulai-dari-tahun-lalu")
        assert self.one("SELECT count(*) FROM rkt_rows WHERE year = ?", nxt) == 0, "a preview"
        w.click("Bawa ", role="push button", contains=True)
        carried = lambda: self.one(
            "SELECT count(*) FROM rkt_rows WHERE year = ? AND deleted = 0", nxt)
        self.expect(f"{signed} rows carried into {nxt}", lambda: carried() == signed)
        w.shot("tahun-baru-dibawa")
        w.key("ctrl+z")
        self.expect("the carry undone whole", lambda: carried() == 0)
        w.key("ctrl+y")
        self.expect("the carry redone", lambda: carried() == signed)
        self.log(f"{nxt} started from {YEAR}: {signed} rows")

    def measured_year(self):
        """Last year after its PK (the demo's): the late unit's Kabid types TW IV's figures
        into the Realisasi table as in a spreadsheet and reports the quarter; the head signs
        the Laporan Capaian Kinerja TW III with the key's passphrase; `export-capaian` writes
        it, signed, with its figures and the evidence's SHA-256."""
        w = self.w
        last = YEAR - 1
        unit = self.one("SELECT id FROM units WHERE name = 'Bidang Perlindungan Masyarakat'")
        rows = self.one("SELECT count(*) FROM plan_rows WHERE year = ? AND unit_id = ?", last, unit)
        assert rows > 0, "the late unit has indikator"
        assert self.one("SELECT count(*) FROM realisation_submissions WHERE year = ? AND quarter = 4 "
                        "AND unit_id = ?", last, unit) == 0, "the demo leaves it late"
        self.page("Beranda")
        self.act_as(KABID)
        self.page("Realisasi")
        w.click("Tahun RKT")
        w.click(str(last))
        w.click("TW IV")
        w.find(f"Realisasi TW IV {last}")
        w.shot("realisasi-tw4-terlambat")
        # Typed as in a spreadsheet: the cell chosen, the figure typed over it, Enter.
        for i in range(1, rows + 1):
            w.click(f"Realisasi baris {i}")
            w.type(f"{10 + i},5")
            w.key("Return")
        filled = lambda: self.one(
            "SELECT count(*) FROM plan_realisations r JOIN plan_rows p ON p.id = r.plan_row_id "
            "WHERE p.year = ? AND p.unit_id = ? AND r.quarter = 4 AND r.realisasi <> ''", last, unit)
        self.expect(f"{rows} figures of TW IV saved", lambda: filled() == rows)
        w.shot("realisasi-tw4-diisi")
        w.click("Laporkan Realisasi TW IV", role="push button", contains=True)
        self.expect("TW IV reported by every unit", lambda: self.one(
            "SELECT count(*) FROM realisation_submissions WHERE year = ? AND quarter = 4", last)
            == self.one("SELECT count(DISTINCT unit_id) FROM plan_rows WHERE year = ?", last))
        self.log(f"TW IV {last} reported: {rows} figures typed")

        self.page("Beranda")
        self.act_as(KEPALA)
        self.page("Capaian & Laporan")
        w.find(f"Laporan Capaian Kinerja TW III", contains=True)
        w.click("Tandatangani Laporan Capaian Kinerja TW III")
        w.click("Kata sandi kunci Kepala")
        w.type(PASSPHRASE)
        w.click("Tandatangani", role="push button")
        self.expect("Laporan Capaian TW III signed", lambda: self.one(
            "SELECT count(*) FROM report_archive WHERE kind = 'capaian' AND year = ? AND quarter = 3",
            last) == 1, wait=120)
        w.shot("laporan-capaian-tw3")
        pdf = os.path.join(self.out, f"Laporan Capaian TW III {last}.pdf")
        env = dict(os.environ, SOP_RKT_DATA_DIR=self.data)
        subprocess.run([self.binary, "export-capaian", "--year", str(last), "--tw", "3",
                        "--out", pdf], env=env, check=True)
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "LAPORAN CAPAIAN KINERJA" in text and f"TRIWULAN III TAHUN {last}" in text, "title"
        sha = self.one("SELECT sha256 FROM evidence WHERE quarter = 3 AND removed = 0 LIMIT 1")
        assert sha in text.replace(" ", ""), "the evidence's SHA-256 printed whole"
        sig = subprocess.run(["pdfsig", pdf], capture_output=True, text=True)
        assert "Signature is Valid" in sig.stdout, sig.stdout + sig.stderr
        self.log(f"Laporan Capaian Kinerja TW III {last} signed and verified")


def main():
    binary, out = sys.argv[1], sys.argv[2]
    sop = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--sop" else None
    os.makedirs(out, exist_ok=True)
    person.enable_accessibility()
    walk = Walk(binary, out)
    try:
        if sop:
            with open(sop) as f:
                walk.run_revised(f.read())
        else:
            walk.run()
    except BaseException:
        if walk.w is not None:
            try:
                walk.w.shot("GAGAL")
                with open(os.path.join(out, "tree-on-failure.txt"), "w") as f:
                    f.write(walk.w.dump())
            except Exception as e:  # noqa: BLE001
                print(f"(no screenshot: {e})")
        walk.stop()
        raise
    print(f"walk: passed in {time.time() - walk.t0:.0f} s; screenshots in {out}")


if __name__ == "__main__":
    main()
