"""The office's first day: the second end-to-end walk. From an EMPTY database, never touching the
demo data ("Isi data contoh" is never pressed), the real program in a real window is set up and
used as a newcomer office would, following Beranda's checklist: the first official (who becomes
pengelola) and their PIN; the office's data; its units as they really are (one renamed, two no
longer used); holidays; officials of all five SOP columns and of every unit, each making their own PIN
after a one-time PIN from the pengelola; the Renstra and the code list through the master-data
Excel templates, filled in LibreOffice Calc and imported back through the window; then the whole
SOP cycle: three units filled and submitted by their own Kabid from the keyboard alone (typing
over a filled value, Esc and Ctrl+Z inside a cell included), step 5 continued for the others with
a reason, compile, 6-9; the digital signature set up in Pengaturan → Tanda Tangan Digital
(the pengelola makes the office certificate under a passphrase, after a too-short one is
refused; the Kepala makes a signing key on a flash disk and reads its fingerprint from the
screen; the certificate's holder approves it after checking that fingerprint), the signature at
10 with the key's passphrase (first with the flash disk out), the archive at 11; the signed PDF
saved through the window and verified on a second, empty data folder that trusts only the
office certificate and its CRL; and the Perjanjian Kinerja signed. Window problems a newcomer
would meet (a button outside the window) are collected on the way and fail the walk at its end.

Like walk.py (whose Walk it extends): only the mouse and keyboard through the X server, widgets
found by their accessible names on AT-SPI, the database file read after each step, and a
screenshot of every step in OUTDIR. Files go through the desktop's own file dialog
(file_dialog.py); the templates are filled in Calc with tests/data/calc.py. Started by
.ci/first-day.sh.

Usage: first_day.py BINARY OUTDIR
"""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "data"))
import file_dialog  # noqa: E402
import person  # noqa: E402
import walk  # noqa: E402
from screen import Screen  # noqa: E402

YEAR = walk.YEAR
PERIOD = (YEAR - 1, YEAR + 3)  # the Renstra period that covers this year

# Units as the program seeds them (migration 1), and as this office changes them.
SUB_PP = "Sub Bagian Perencanaan dan Pelaporan"
SUB_KEU = "Sub Bagian Keuangan"
SUB_UMUM_OLD = "Sub Bagian Umum dan Kepegawaian"
SUB_UMUM = "Sub Bagian Umum, Kepegawaian dan Keuangan"
B_PERDA = "Bidang Penegakan Perundang-undangan Daerah"
B_TRANTIB = "Bidang Ketertiban Umum dan Ketenteraman Masyarakat"
B_SDA = "Bidang Sumber Daya Aparatur"
B_LINMAS = "Bidang Perlindungan Masyarakat"

# SOP columns (sop.toml lane names) as the official form shows them.
L_TIM = "TIM"
L_KASUBAG = "KASUBAG PERENCANAAN DAN PELAPORAN"
L_KABID = "KABID/KASUBAG/JF PENYETARAAN"
L_SEKRETARIS = "SEKRETARIS"
L_KEPALA = "KEPALA DINAS"


class Official:
    """An invented official: who they are, their SOP columns and unit, the one-time PIN the
    pengelola gives them and the PIN they then make their own; a signing passphrase for those
    who hold a key."""

    def __init__(self, name, nip, rank, position, lanes, unit, pin, one_time=None,
                 passphrase=None):
        self.name, self.nip, self.rank, self.position = name, nip, rank, position
        self.lanes, self.unit, self.pin, self.one_time = lanes, unit, pin, one_time
        self.passphrase = passphrase


# Invented names and NIPs (never real officials).
# The passphrases are invented phrases (never the demo's): the pengelola's locks the office
# certificate, the Kepala's their signing key.
TIM = Official("Ahmad Fauzi, S.Kom.", "199003152015031002", "Penata Muda Tk. I (III/b)",
               "Analis Perencanaan", [L_TIM], SUB_PP, "381947",
               passphrase="kabut-pagi-menyelimuti-bukit-halau")
KASUBAG = Official("Nor Hasanah, S.E., M.M.", "198507222010012014", "Penata Tk. I (III/d)",
                   "Kepala Sub Bagian Perencanaan dan Pelaporan", [L_KASUBAG, L_KABID], SUB_PP,
                   "570264", "914302")
KASUBAG_UMUM = Official("Siti Norjannah, S.E.", "198611042011012008", "Penata (III/c)",
                        "Kepala Sub Bagian Umum, Kepegawaian dan Keuangan", [L_KABID], SUB_UMUM,
                        "752913", "360482")
KABID_PERDA = Official("Muhammad Riduan, S.H.", "198201102006041007", "Penata Tk. I (III/d)",
                       "Kepala Bidang Penegakan Perundang-undangan Daerah", [L_KABID], B_PERDA,
                       "629418", "205871")
KABID_TRANTIB = Official("Syahrani, S.Sos.", "197905142003121005", "Pembina (IV/a)",
                         "Kepala Bidang Ketertiban Umum dan Ketenteraman Masyarakat", [L_KABID],
                         B_TRANTIB, "847203", "730196")
KABID_LINMAS = Official("Hj. Rusmiati, S.IP.", "198003252005022003", "Penata Tk. I (III/d)",
                        "Kepala Bidang Perlindungan Masyarakat", [L_KABID], B_LINMAS,
                        "436185", "581940")
SEKRETARIS = Official("Hj. Fitriani, S.Sos., M.Si.", "197608192001122004", "Pembina (IV/a)",
                      "Sekretaris Satuan Polisi Pamong Praja", [L_SEKRETARIS], None,
                      "295716", "168304")
KEPALA = Official("Drs. H. Gusti Rahmat Hidayat, M.Si.", "197106231996031003",
                  "Pembina Utama Muda (IV/c)",
                  "Kepala Satuan Polisi Pamong Praja Kabupaten Balangan", [L_KEPALA], None,
                  "913572", "402968", passphrase="jembatan-gantung-menuju-ladang-karet")
CAST = [TIM, KASUBAG, KASUBAG_UMUM, KABID_PERDA, KABID_TRANTIB, KABID_LINMAS, SEKRETARIS,
        KEPALA]
BY_NAME = {o.name: o for o in CAST}

OFFICE = {
    "Alamat": "Jl. Jenderal A. Yani KM 2, Paringin, Kabupaten Balangan, Kalimantan Selatan",
    "Nama Bupati (Perjanjian Kinerja)": "H. Rahmadi Ansyari, S.E., M.M.",
}
HOLIDAYS = [
    (f"24-12-{YEAR}", "Cuti Bersama Hari Raya Natal"),
    (f"25-12-{YEAR}", "Hari Raya Natal"),
    (f"01-01-{YEAR + 1}", f"Tahun Baru {YEAR + 1} Masehi"),
]
FUNDING = ["DAU", "DAK", "PAD"]

# The Renstra of the period, as the planning office types it into the template: a sasaran, its
# indikator, satuan and a target per year; a sasaran with two indikator is one merged cell.
S_TRANTIB = "Meningkatnya ketenteraman dan ketertiban umum masyarakat"
S_PERDA = "Meningkatnya kepatuhan terhadap Peraturan Daerah dan Peraturan Bupati"
S_LINMAS = "Meningkatnya perlindungan masyarakat"
S_TATA = "Meningkatnya akuntabilitas kinerja perangkat daerah"
I_TRANTIB = "Persentase gangguan trantibum yang ditangani"
I_PATROLI = "Jumlah patroli wilayah yang dilaksanakan"
I_PERDA = "Persentase pelanggaran Perda dan Perbup yang ditindaklanjuti"
I_LINMAS = "Jumlah anggota Satlinmas yang terlatih"
I_SAKIP = "Nilai SAKIP Satuan Polisi Pamong Praja"
RENSTRA = [
    [S_TRANTIB, I_TRANTIB, "%", "80", "82,5", "85", "87,5", "90"],
    ["", I_PATROLI, "kali", "144", "156", "168", "180", "192"],
    [S_PERDA, I_PERDA, "%", "70", "75", "80", "85", "90"],
    [S_LINMAS, I_LINMAS, "orang", "120", "160", "200", "240", "280"],
    [S_TATA, I_SAKIP, "nilai", "62", "64", "66", "68", "70"],
]
RENSTRA_MERGED = (1, 2)  # A2:A3, the first sasaran over its two indikator
TARGET_NOW = {r[1]: r[3 + YEAR - PERIOD[0]] for r in RENSTRA}
SASARAN_OF = {}
for _r in RENSTRA:
    SASARAN_OF[_r[1]] = _r[0] or SASARAN_OF[RENSTRA[RENSTRA.index(_r) - 1][1]]

# Programs, kegiatan and sub kegiatan (Permendagri 90/2019 shapes; names plausible, invented).
CODES = [
    ["1.05.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"],
    ["1.05.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"],
    ["1.05.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah"],
    ["1.05.01.2.01.0006", "Koordinasi dan Penyusunan Laporan Capaian Kinerja Perangkat Daerah"],
    ["1.05.02", "Program Peningkatan Ketenteraman dan Ketertiban Umum"],
    ["1.05.02.2.01", "Penanganan Gangguan Ketenteraman dan Ketertiban Umum"],
    ["1.05.02.2.01.0001", "Patroli dan Pengamanan Wilayah Rawan Gangguan Trantibum"],
    ["1.05.02.2.01.0002", "Deteksi Dini dan Pencegahan Gangguan Trantibum"],
    ["1.05.02.2.02", "Penegakan Peraturan Daerah dan Peraturan Bupati"],
    ["1.05.02.2.02.0001", "Penyelenggaraan Penegakan Perda dan Perbup"],
    ["1.05.02.2.02.0002", "Sosialisasi Peraturan Daerah kepada Pelaku Usaha"],
    ["1.05.02.2.04", "Pemberdayaan Perlindungan Masyarakat"],
    ["1.05.02.2.04.0001", "Pelatihan dan Pembinaan Satuan Perlindungan Masyarakat"],
]


class Row:
    """A FORMAT RKT row as the Kabid types it: what to type in each pick-list to find the item,
    and the cells."""

    def __init__(self, sasaran_find, indikator, indikator_find, code, code_find, pagu, dana,
                 pj, ket, target=None, slip=None):
        self.sasaran_find, self.indikator, self.indikator_find = sasaran_find, indikator, \
            indikator_find
        self.code, self.code_find, self.pagu, self.dana, self.pj, self.ket = \
            code, code_find, pagu, dana, pj, ket
        self.target = target  # typed over the Renstra's, or None to keep it
        self.slip = slip  # a target typed by mistake and taken back (Esc, then Ctrl+Z)

    def stored(self):
        """The row as the database keeps it."""
        return (SASARAN_OF[self.indikator], self.indikator, satuan_of(self.indikator),
                self.target or TARGET_NOW[self.indikator], self.code,
                "Rp " + f"{int(self.pagu):,}".replace(",", "."), self.dana, self.pj, self.ket)


def satuan_of(indikator):
    return next(r[2] for r in RENSTRA if r[1] == indikator)


SLUG = {B_PERDA: "penegakan-perda", B_TRANTIB: "trantibum", B_LINMAS: "linmas"}

# What three Kabid type, each into their own unit's FORMAT RKT.
ROWS = {
    KABID_PERDA.name: [
        Row("kepatuhan", I_PERDA, "pelanggaran", "1.05.02.2.02.0001", "penegakan perda",
            "350000000", "DAU", "Kabid Penegakan Perundang-undangan Daerah",
            "Operasi penertiban reklame dan bangunan tanpa izin di 8 kecamatan"),
        Row("kepatuhan", I_PERDA, "pelanggaran", "1.05.02.2.02.0002", "sosialisasi",
            "125000000", "PAD", "Kasi Pembinaan dan Penyuluhan",
            "Sosialisasi Perda ketertiban umum kepada pelaku usaha", slip="80"),
    ],
    KABID_TRANTIB.name: [
        Row("ketenteraman", I_TRANTIB, "gangguan", "1.05.02.2.01.0002", "deteksi dini",
            "180000000", "DAU", "Kabid Ketertiban Umum dan Ketenteraman Masyarakat",
            "Pemetaan titik rawan dan deteksi dini bersama kecamatan", target="83"),
        Row("ketenteraman", I_PATROLI, "patroli", "1.05.02.2.01.0001", "patroli dan",
            "420000000", "DAU", "Kasi Operasi dan Pengendalian",
            "Patroli rutin siang dan malam di wilayah Kota Paringin"),
    ],
    KABID_LINMAS.name: [
        Row("perlindungan", I_LINMAS, "satlinmas", "1.05.02.2.04.0001", "satuan perlindungan",
            "275000000", "DAK", "Kabid Perlindungan Masyarakat",
            "Pelatihan dasar Satlinmas desa, 4 angkatan"),
    ],
}


def strong(said):
    """The strength line admits the passphrase ("kuat" or "sangat kuat")."""
    return said in ("kuat", "sangat kuat")


class FirstDay(walk.Walk):
    def __init__(self, binary, out):
        super().__init__(binary, out)
        self.files = os.path.join(out, "berkas")
        os.makedirs(self.files, exist_ok=True)
        # The Kepala's flash disk: a folder of the walk's files.
        self.flash_key = os.path.join(self.files, "flashdisk-kepala", "kunci-kepala.p12")
        self.pins = {}
        # What a newcomer could not do in the window though the walk went on (checked last).
        self.problems = []

    def problem(self, what):
        self.problems.append(what)
        self.log(f"WINDOW PROBLEM: {what}")

    def start(self):
        super().start()
        self.w = Screen.like(self.w)
        self.w.take_keyboard()

    def env(self, data=None):
        return dict(os.environ, SOP_RKT_DATA_DIR=data or self.data)

    def unit_id(self, name):
        return self.one("SELECT id FROM units WHERE name = ?", name)

    def official_id(self, who):
        return self.one("SELECT id FROM officials WHERE name = ?", who.name)

    # --- signing in with one's own PIN -------------------------------------------------------

    def signed_in(self):
        """Who the top bar says is signed in (the name after "Bertindak sebagai"), or None."""
        names = self.w.top_bar()
        if "Selesai" not in names or "Bertindak sebagai" not in names:
            return None
        return names[names.index("Bertindak sebagai") + 1]

    def sign_out(self):
        w = self.w
        if w.exists("Selesai", role="push button"):
            w.click("Selesai", role="push button")
            w.find("Bertindak sebagai", role="combo box")

    def choose_name(self, who):
        w = self.w
        self.sign_out()
        w.pick("Bertindak sebagai", who.name, contains=True)
        w.find(f"Masuk sebagai {who.name}", role="label")

    def act_as(self, name):
        """"Bertindak sebagai" with the official's own PIN (walk.Walk.complete calls this)."""
        who = BY_NAME[name]
        w = self.w
        if self.signed_in() == who.name:
            return  # already signed in, still within the idle time
        self.choose_name(who)
        # The dialog opens with the keyboard in its PIN field.
        w.type_into("PIN", self.pins[who.name])
        w.key("Return")
        w.find("Selesai", role="push button")

    def first_sign_in(self, who, shot=True):
        """The official's first time: the first official of the office makes their PIN at once;
        the others type the one-time PIN from the pengelola, and are asked for their own."""
        w = self.w
        if who.one_time is None:
            w.find(f"{who.name} belum punya PIN pribadi", contains=True)
            # The dialog fades in: the screenshot waits for it to stand still.
            w.steady(w.find("PIN baru (6 angka)"), quiet=0.3)
        else:
            self.choose_name(who)
            w.type_into("PIN", who.one_time)
            w.key("Return")
            # Asked for a PIN of their own, with the one-time PIN once more.
            w.find(f"{TIM.name} memberi Anda PIN sementara", contains=True)
            w.type_into("PIN sementara", who.one_time)
            w.key("Tab")
        if shot:
            w.shot("pin-pertama" if who.one_time is None else "pin-sendiri")
        # From field to field with Tab, as one does in a dialog.
        w.type_into("PIN baru (6 angka)", who.pin)
        w.key("Tab")
        w.type_into("Ulangi PIN baru", who.pin)
        w.key("Return")
        w.find("Selesai", role="push button", wait=60)
        self.pins[who.name] = who.pin
        oid = self.official_id(who)
        self.expect(f"{who.name}'s own PIN", lambda: self.q(
            "SELECT must_change FROM signing_pins WHERE official_id = ?", oid) == [(0,)])

    # --- Beranda's checklist -----------------------------------------------------------------

    def checklist(self, ticked):
        """Beranda's "Persiapan" list has the first `ticked` steps ✔ and the next one not."""
        w = self.w
        self.page("Beranda")
        for n in range(1, ticked + 1):
            w.find(f"✔ {n}. ", role="label", contains=True)
        if ticked < 8:
            w.find(f"◻ {ticked + 1}. ", role="label", contains=True)

    def go(self, button, then):
        """A checklist button, from Beranda: it opens the place, in view (no scrolling)."""
        w = self.w
        self.page("Beranda")
        w.click(button)
        n = w.find(then)
        deadline = time.time() + 5
        while True:
            _, y, _, h = w.steady(n)
            top, bottom = w.band()
            if top <= y and y + h <= bottom:
                return
            if time.time() > deadline:
                raise AssertionError(f"{button!r} did not bring {then!r} into view")

    # --- the walk ----------------------------------------------------------------------------

    def run(self):
        self.start()
        w = self.w
        w.find("Isi data contoh")  # offered, and never pressed
        w.find("Persiapan sebelum siklus pertama")
        w.shot("kosong")
        self.first_official()
        self.office_data()
        self.units()
        self.officials()
        self.holidays()
        self.one_time_pins()
        for who in CAST[1:]:
            self.first_sign_in(who, shot=who in (KASUBAG, KEPALA))
        assert self.one("SELECT count(*) FROM signer_keys") == 0, "a key made at a sign-in"
        self.log("every official signed in with a PIN of their own (no key made)")
        self.master_data()
        self.checklist(7)
        w.shot("persiapan-lengkap")
        self.cycle()
        self.verify_pdf()
        self.sign_pk()
        self.year_after()
        self.history()
        self.stop()
        self.never_demo()
        self.log("first day finished")
        assert not self.problems, "window problems:\n" + "\n".join(self.problems)

    def first_official(self):
        w = self.w
        self.go("Ke Pengaturan: Pejabat Pertama", "Nama")
        self.official_form(TIM)
        self.expect("the first official, a pengelola", lambda: self.q(
            "SELECT pengelola FROM officials") == [(1,)])
        self.checklist(1)
        # The checklist's button opens the sign-in for the pengelola.
        w.click("Buka Masuk Pengelola")
        self.first_sign_in(TIM)
        self.checklist(2)
        # A sign-in makes no key: the office certificate is made with a passphrase, later.
        assert self.one("SELECT count(*) FROM office_roots") == 0, "a root made at a sign-in"
        w.shot("pengelola-masuk")
        self.log(f"first official {TIM.name} is pengelola, signed in with their own PIN")

    def official_form(self, who):
        """Pengaturan → Pejabat: the form filled and "Tambah Pejabat"."""
        w = self.w
        w.fill_form([("Nama", who.name), ("NIP", who.nip), ("Pangkat/Golongan", who.rank),
                     ("Jabatan", who.position)])
        if who.unit is not None:
            w.pick("Unit", who.unit)
        for lane in who.lanes:
            w.click(lane, role="check box")
        w.press("Tambah Pejabat", f"Data pejabat {who.name} disimpan")
        row = self.q("SELECT nip, rank, position, (SELECT name FROM units u WHERE u.id = "
                     "o.unit_id) FROM officials o WHERE name = ?", who.name)
        assert row == [(who.nip, who.rank, who.position, who.unit)], row
        lanes = self.one("SELECT count(*) FROM official_lanes l JOIN officials o ON "
                         "o.id = l.official_id WHERE o.name = ?", who.name)
        assert lanes == len(who.lanes), lanes

    def office_data(self):
        """Pengaturan → Data Kantor: typed, each field saved when it is left."""
        w = self.w
        self.go("Ke Pengaturan: Data Kantor", "Alamat")
        for label, value in OFFICE.items():
            w.fill(label, value)
            w.key("Tab")
        self.expect("the office's address and Bupati", lambda: dict(self.q(
            "SELECT key, value FROM settings WHERE key IN ('kantor.alamat', 'bupati.nama')"))
            == {"kantor.alamat": OFFICE["Alamat"],
                "bupati.nama": OFFICE["Nama Bupati (Perjanjian Kinerja)"]})
        w.shot("data-kantor")
        self.checklist(3)
        self.log("office data saved")

    def units(self):
        """The seeded units made the office's own: the general and finance sub bagian are one
        here (one renamed, the other no longer used), and this office has no Bidang SDA."""
        w = self.w
        self.go("Ke Pengaturan: Bidang dan Sub Bagian", f"Ubah Nama: {SUB_UMUM_OLD}")
        uid = self.unit_id(SUB_UMUM_OLD)
        w.click(f"Ubah Nama: {SUB_UMUM_OLD}")
        w.fill("Nama baru", SUB_UMUM)
        w.press("Simpan Nama", "")
        self.expect("the unit renamed, the same unit", lambda: self.unit_id(SUB_UMUM) == uid)
        for unit in (SUB_KEU, B_SDA):
            uid = self.unit_id(unit)
            w.click(f"Tidak Dipakai Lagi: {unit}")
            w.press("Ya, tidak dipakai lagi", "")
            self.expect(f"{unit} no longer used", lambda: self.q(
                "SELECT active FROM units WHERE id = ?", uid) == [(0,)])
            w.find(f"{unit} (tidak dipakai lagi)", role="label")
        w.shot("unit")
        self.log("units: one renamed, two no longer used")

    def officials(self):
        self.go("Ke Pengaturan: Pejabat", "Nama")
        for who in CAST[1:]:
            self.official_form(who)
        self.w.shot("pejabat")
        self.checklist(5)
        self.log(f"{len(CAST)} officials: every SOP column, every unit in use")

    def holidays(self):
        w = self.w
        self.page("Beranda")
        before = w.name(w.find("Bila dimulai sekarang", contains=True))
        self.go("Ke Pengaturan: Hari Libur", "Tanggal (HH-BB-TTTT)")
        for day, name in HOLIDAYS:
            w.fill("Tanggal (HH-BB-TTTT)", day)
            w.fill("Keterangan libur", name)
            w.press("Tambah Hari Libur", "dicatat sebagai hari libur")
            d, m, y = day.split("-")
            self.expect(f"holiday {day}", lambda: self.q(
                "SELECT name FROM holidays WHERE day = ?", f"{y}-{m}-{d}") == [(name,)])
        w.shot("hari-libur")
        # The SOP's due dates now step over them.
        self.page("Beranda")
        after = w.name(w.find("Bila dimulai sekarang", contains=True))
        assert after != before, after
        self.log(f"holidays in; if started now: {before[-36:]!r} -> {after[-36:]!r}")

    def one_time_pins(self):
        """The pengelola gives each new official a one-time PIN (Pengaturan → PIN card)."""
        w = self.w
        self.page("Pengaturan")
        for who in CAST[1:]:
            w.pick("PIN untuk", who.name)
            w.fill("PIN sementara (6 angka)", who.one_time, secret=True)
            w.key("Tab")
            w.type_into("Ulangi PIN sementara", who.one_time)
            w.press("Atur Ulang PIN", f"PIN sementara untuk {who.name} tersimpan")
            oid = self.official_id(who)
            self.expect(f"{who.name}'s one-time PIN", lambda: self.q(
                "SELECT must_change, reset_by FROM signing_pins WHERE official_id = ?", oid)
                == [(1, TIM.name)])
        w.shot("pin-sementara")
        self.log("one-time PINs given")

    # --- the Renstra and the code list through Excel and LibreOffice -----------------------------

    def master_data(self):
        w = self.w
        self.act_as(TIM.name)
        self.go("Ke Pengaturan: Data Induk", "Tahun awal")
        w.fill_form([("Tahun awal", str(PERIOD[0])), ("Tahun akhir", str(PERIOD[1]))])
        w.press("Tambah Periode", "")
        self.expect("the Renstra period", lambda: self.q(
            "SELECT first_year, last_year FROM renstra_periods") == [PERIOD])
        renstra = os.path.join(self.files, f"Renstra {PERIOD[0]}-{PERIOD[1]}.xlsx")
        codes = os.path.join(self.files, "Daftar Kode.xlsx")
        for button, path in [("Ekspor Templat Renstra...", renstra),
                             ("Ekspor Templat Daftar Kode...", codes)]:
            before = w.marks()
            w.click(button)
            file_dialog.choose(w, path)
            w.said("disimpan ke", before)
        assert os.path.getsize(renstra) > 0 and os.path.getsize(codes) > 0
        self.log("templates saved through the file dialog")
        renstra_filled, codes_filled = self.fill_in_calc(renstra, codes)
        self.log("templates filled in LibreOffice Calc")
        self.import_master(renstra_filled, "Renstra", len(RENSTRA))
        self.expect("the Renstra, this year's targets", lambda: dict(self.q(
            "SELECT i.text, t.target FROM renstra_indikator i JOIN renstra_target t "
            "ON t.indikator_id = i.id WHERE t.year = ?", YEAR)) == TARGET_NOW)
        self.expect("each indikator under its sasaran", lambda: dict(self.q(
            "SELECT i.text, s.text FROM renstra_indikator i JOIN renstra_sasaran s "
            "ON s.id = i.sasaran_id")) == SASARAN_OF)
        self.import_master(codes_filled, "Daftar Kode", len(CODES))
        self.expect("the code list", lambda: sorted(map(list, self.q(
            "SELECT code, name FROM budget_codes"))) == sorted(CODES))
        for f in FUNDING:
            w.fill("Sumber dana baru", f)
            w.press("Tambah Sumber Dana", "")
            self.expect(f"funding source {f}", lambda: (f,) in self.q(
                "SELECT name FROM funding_sources"))
        w.shot("data-induk")
        self.log("Renstra, code list and funding sources in")

    def fill_in_calc(self, renstra, codes):
        """The two templates typed in LibreOffice Calc (headless, over UNO, through Calc's
        input line as a person types), saved as Excel 2007-365 beside them."""
        from calc import Calc
        out = []
        for src, sheet, rows in [(renstra, "Renstra", RENSTRA), (codes, "Kode", CODES)]:
            calc = Calc(src)
            ws = calc.sheet(sheet)
            calc.type_rows(ws, 1, rows)
            if sheet == "Renstra":
                a, b = RENSTRA_MERGED
                ws.getCellRangeByPosition(0, a, 0, b).merge(True)
            filled = src.replace(".xlsx", " (diisi).xlsx")
            calc.save_xlsx(filled)
            out.append(filled)
        return out

    def import_master(self, path, label, rows):
        """Impor Data Induk: the file chosen in the dialog, the preview read, then "Impor"."""
        w = self.w
        before = w.marks()
        w.click("Impor Data Induk dari Excel...")
        file_dialog.choose(w, path)
        name = os.path.basename(path)
        head = w.name(w.find(f"Impor {name}:", role="label", contains=True))
        assert f"{rows} baru" in head and "0 masalah" in head, head
        w.shot(f"pratinjau-{label.lower().replace(' ', '-')}")
        w.click("Impor", role="push button")
        w.said("", before)
        w.gone(f"Impor {name}:", role="label", contains=True)
        self.log(f"{label}: {head}")

    # --- the cycle ---------------------------------------------------------------------------

    def cycle(self):
        w = self.w
        self.act_as(SEKRETARIS.name)
        self.page("Beranda")
        w.click("Ke Tombol Mulai Siklus")
        w.click(f"▶ Mulai Siklus RKT {YEAR}")
        self.expect("cycle started", lambda: self.one(
            "SELECT count(*) FROM cycles WHERE year = ?", YEAR) == 1)
        w.gone("Persiapan sebelum siklus pertama")
        self.complete(1, SEKRETARIS.name, "Disposisi nomor 050/118/Satpol PP-BLG")
        self.complete(2, KASUBAG.name)
        self.complete(3, TIM.name, "Rapat sosialisasi di aula kantor, 14 peserta")
        for kabid in (KABID_PERDA, KABID_TRANTIB, KABID_LINMAS):
            self.fill_by_keyboard(kabid)
        self.close_step_4()
        self.step_5_with_reason()
        self.compile_draft()
        self.complete(6, TIM.name)
        self.complete(7, KASUBAG.name, "Tidak ada koreksi dari Bidang dan Sekretariat")
        self.complete(8, TIM.name)
        self.complete(9, SEKRETARIS.name)
        self.office_certificate()
        fingerprint = self.head_key()
        self.approve(fingerprint)
        self.sign_at_10()
        self.archive_at_11()

    def rows_of(self, unit):
        return self.q(
            "SELECT sasaran, indikator, satuan, target, code, pagu, sumber_dana, "
            "penanggung_jawab, keterangan FROM rkt_rows WHERE year = ? AND unit_id = ? "
            "AND deleted = 0 ORDER BY position", YEAR, self.unit_id(unit))

    def fill_by_keyboard(self, kabid):
        """A Kabid fills their own unit's FORMAT RKT and submits it with the keyboard alone."""
        w = self.w
        self.act_as(kabid.name)
        self.page("Format RKT")
        # The page opens at the official's own unit (the rows land there, checked below).
        rows = ROWS[kabid.name]
        w.tab_to("+ Tambah Baris")
        w.key("Return")
        for n, row in enumerate(rows, start=1):
            self.type_row(kabid, n, row, last=n == len(rows))
        assert self.rows_of(kabid.unit) == [r.stored() for r in rows], self.rows_of(kabid.unit)
        w.shot(f"format-{SLUG[kabid.unit]}")
        # Submitted from the keyboard too: Shift+Tab back to the button, Enter.
        w.tab_to("✉ Kumpulkan Format", back=True)
        w.key("Return")
        uid = self.unit_id(kabid.unit)
        self.expect(f"{kabid.unit} submitted by {kabid.name}", lambda: self.q(
            "SELECT submitted_by FROM rkt_submissions WHERE year = ? AND unit_id = ?",
            YEAR, uid) == [(kabid.name,)])
        w.find("Terkunci — dikumpulkan oleh", contains=True)
        self.log(f"{kabid.unit}: {len(rows)} rows typed and submitted by {kabid.name}")

    def cell(self, col, n):
        return f"{col} baris {n}"

    def type_row(self, kabid, n, row, last):
        w = self.w
        unit = kabid.unit

        def stored(i):
            return self.rows_of(unit)[n - 1][i] if len(self.rows_of(unit)) >= n else None

        def at(col):
            w.at(self.cell(col, n))

        at("Sasaran")
        w.type(row.sasaran_find)  # the pick-list opens and narrows as one types
        w.key("Return")
        self.expect(f"row {n}: sasaran", lambda: stored(0) == SASARAN_OF[row.indikator])
        w.key("Tab")
        at("Indikator Kinerja")
        w.type(row.indikator_find)
        w.key("Return")
        # The Renstra gives the satuan and this year's target.
        self.expect(f"row {n}: indikator, satuan, target", lambda: self.rows_of(unit)[n - 1][1:4]
                    == (row.indikator, satuan_of(row.indikator), TARGET_NOW[row.indikator]))
        w.key("Tab")
        at("Satuan")
        w.key("Tab")
        at("Target")
        if row.target:
            # The cell is selected, not being edited: what is typed replaces the Renstra's.
            w.type(row.target)
            w.key("Tab")
            self.expect(f"row {n}: target typed over", lambda: stored(3) == row.target)
        elif row.slip:
            # A slip: another target typed over the Renstra's (saved as it is typed), then
            # Esc: the cell has the value it had, in the database too; F2 opens it to read.
            renstra = TARGET_NOW[row.indikator]
            w.type(row.slip)
            self.expect("the slip saved as typed", lambda: stored(3) == row.slip)
            w.key("Escape")
            self.expect("Esc puts back the Renstra's target", lambda: stored(3) == renstra)
            at("Target")
            w.key("F2")
            w.wait_shows(w.find(self.cell("Target", n), role="entry"), renstra, "Target")
            w.shot("esc-target")
            w.key("Escape")
            w.key("Tab")
        else:
            w.key("Tab")
        at("Program / Kegiatan / Sub Kegiatan")
        if n == 2:
            # The second row: its kegiatan's code typed (several sub kegiatan show), then the
            # one meant clicked in the list, as a mouse user picks it.
            w.type(row.code.rsplit(".", 1)[0])
            w.click(row.code, role="toggle button", contains=True)
            w.gone(row.code, role="toggle button", contains=True)
            w.at(self.cell("Program / Kegiatan / Sub Kegiatan", n))
        else:
            w.type(row.code_find)
            w.key("Return")
        self.expect(f"row {n}: code", lambda: stored(4) == row.code)
        w.key("Tab")
        at("Pagu (Rp)")
        w.type(row.pagu)
        w.key("Tab")
        self.expect(f"row {n}: pagu", lambda: stored(5) == row.stored()[5])
        at("Sumber Dana")
        w.type(row.dana)
        w.key("Return")
        self.expect(f"row {n}: sumber dana", lambda: stored(6) == row.dana)
        w.key("Tab")
        at("Penanggung Jawab")
        w.type(row.pj)
        w.key("Tab")
        at("Keterangan")
        if row.slip:
            # Another slip: a sentence for the wrong row, taken back with Ctrl+Z inside the
            # cell (its typing only), then the right one.
            w.type("Patroli malam hari di pasar Paringin")
            self.expect("the slip saved as typed", lambda: stored(8).startswith("Patroli"))
            w.key("ctrl+z")
            self.expect("Ctrl+Z in the cell takes its typing back", lambda: stored(8) == "")
            w.wait_shows(w.find(self.cell("Keterangan", n)), "", "Keterangan")
            w.shot("ctrl-z-keterangan")
        w.type(row.ket)
        # Enter on the last row starts the next one; the last row is left with Tab.
        w.key("Tab" if last else "Return")
        self.expect(f"row {n}: the whole row", lambda: self.rows_of(unit)[n - 1] == row.stored())

    def close_step_4(self):
        """The last Kabid closes step 4; the window first names the units still out."""
        w = self.w
        self.page("Beranda")
        self.note("FORMAT RKT tiga bidang sudah dikumpulkan")
        w.click("✔ Selesaikan Langkah 4")
        w.find("Belum semua unit mengumpulkan FORMAT RKT", contains=True)
        w.shot("langkah-4-belum-semua")
        w.click("Ya, Tetap Selesaikan Langkah 4")
        self.expect("step 4 completed", lambda: any(
            e[0] == 4 and e[1] == "selesai" and e[2] == KABID_LINMAS.name
            for e in self.events()))
        self.log("step 4 done")

    def step_5_with_reason(self):
        w = self.w
        reason = ("Kegiatan kedua Sub Bagian dimuat dalam DPA Sekretariat; "
                  "disepakati dalam rapat tim")
        self.page("Beranda")
        self.act_as(TIM.name)
        self.note(reason, label="Catatan (wajib bila melanjutkan tanpa menunggu semua unit)")
        w.click("Lanjutkan tanpa menunggu semua unit")
        self.expect("step 5 continued with the reason", lambda: any(
            e[0] == 5 and e[1] == "selesai" and e[2] == TIM.name and reason in e[3]
            for e in self.events()))
        w.shot("langkah-5")
        self.log("step 5 continued without every unit, with the reason")

    def compile_draft(self):
        w = self.w
        self.act_as(TIM.name)
        self.page("Format RKT")
        w.click("Draft RKT")
        w.click("⚙ Kompilasi Draft RKT")
        typed = sum(len(r) for r in ROWS.values())
        self.expect("draft version 1, every submitted row", lambda: self.q(
            "SELECT count(*) FROM draft_rows r JOIN drafts d ON d.id = r.draft_id "
            "WHERE d.year = ? AND d.version = 1", YEAR) == [(typed,)])
        w.shot("draf-versi-1")
        self.log(f"draft compiled: {typed} rows")

    # --- the digital signature: Pengaturan → Tanda Tangan Digital ------------------------------

    def key_card(self):
        """Pengaturan, with the Tanda Tangan Digital card in view."""
        self.page("Pengaturan")
        self.w.click("Tanda Tangan Digital", role="label")

    def reminded(self, sentence, shot):
        """Beranda reminds the signed-in official of a chore of the digital signature, and its
        button leads to the Tanda Tangan Digital card."""
        w = self.w
        self.page("Beranda")
        w.find(sentence, role="label")
        w.shot(shot)
        w.click("Buka Pengaturan → Tanda Tangan Digital", role="push button")
        w.click("Tanda Tangan Digital", role="label")

    def label_after(self, anchor, pattern, contains=True):
        """The first label after the widget called `anchor` (in the tree's order: what a
        screen reader reads next) whose name matches `pattern`."""
        nodes = self.w.nodes()
        start = next((i for i, n in enumerate(nodes)
                      if (anchor in n.name if contains else n.name == anchor)), None)
        assert start is not None, f"no {anchor!r} on screen"
        for n in nodes[start + 1:]:
            if n.role == "label" and re.search(pattern, n.name):
                return n.name
        raise AssertionError(f"nothing like {pattern!r} after {anchor!r}")

    def strength(self, ok, wait=10):
        """What the strength line under the passphrase fields says, once it says what `ok`
        expects of it (the line follows the typing on the next frame)."""
        deadline = time.time() + wait
        while True:
            said = self.label_after("Kekuatan:", r".", contains=False)
            if ok(said) or time.time() > deadline:
                return said
            time.sleep(0.2)

    def new_passphrase(self, text):
        """The passphrase typed twice: a click in the first field, Tab to the second."""
        w = self.w
        w.fill("Kata sandi kunci (minimal 12 karakter)", text, secret=True)
        w.key("Tab")
        w.at("Ketik ulang kata sandi")
        w.key("ctrl+a")
        w.type(text)

    def field_beside(self, label, button, text):
        """Fills the field called `label` on the row of `button` (the same label may stand
        on another row of the card)."""
        w = self.w
        b = w.find(button, role="push button")
        fields = [n for n in w.find_all(label) if n.role != "label"]
        assert fields, f"no field {label!r}"
        by = w.rect(b)[1]
        n = min(fields, key=lambda f: abs(w.rect(f)[1] - by))
        if len(fields) > 1:
            self.log(f"{len(fields)} fields called {label!r} on screen; the one beside {button!r}")
        w.click_node(n)
        assert w.has_focus(n), f"the field {label!r} does not take the keyboard"
        w.key("ctrl+a")
        w.type(text)

    @staticmethod
    def hex_of(fp):
        """A fingerprint however it is laid out (grouped, on lines): its hex digits."""
        return re.sub(r"[^0-9A-F]", "", fp.upper())

    def office_certificate(self):
        """The pengelola makes the office certificate, its key kept in the program under a
        passphrase. A newcomer's first try, a short word, is refused in the card and makes
        nothing."""
        w = self.w
        self.act_as(TIM.name)
        self.key_card()
        w.find("Sertifikat kantor menerbitkan sertifikat tanda tangan", role="label",
               contains=True)
        self.new_passphrase("rahasia")
        said = self.strength(lambda s: "terlalu pendek" in s)
        assert "terlalu pendek" in said, said
        refusal = w.press("Buat Sertifikat Kantor", "⚠ Kata sandi terlalu pendek")
        assert "paling sedikit 12 karakter" in refusal, refusal
        assert self.one("SELECT count(*) FROM office_roots") == 0, "a root from a short word"
        assert self.one("SELECT count(*) FROM crls") == 0
        w.shot("kata-sandi-pendek")
        self.log(f"a short passphrase refused: {refusal!r}")
        self.new_passphrase(TIM.passphrase)
        said = self.strength(strong)
        assert strong(said), said
        # Kept in the program: the flash-disk box stays unticked (no file field shown).
        w.find("Simpan kunci di flash disk (dianjurkan)", role="check box")
        assert not w.exists("Berkas kunci di flash disk (.p12)"), "on a disk unasked"
        made = w.press("Buat Sertifikat Kantor", "Sertifikat kantor dibuat", wait=180)
        root = self.q("SELECT holder_id, p12 IS NOT NULL, key_file, fingerprint FROM office_roots "
                      "WHERE retired_at IS NULL")
        assert len(root) == 1 and root[0][:3] == (self.official_id(TIM), 1, None), root
        assert f"sidik jari {root[0][3]}" in made, (root, made)
        assert self.one("SELECT count(*) FROM crls WHERE issuer_fingerprint = ?", root[0][3]) >= 1
        w.find("Dipegang " + TIM.name, contains=True)
        w.shot("sertifikat-kantor")
        self.log(f"office certificate made by {TIM.name}, kept in the program; "
                 f"{self.one('SELECT count(*) FROM crls')} CRL")

    def head_key(self):
        """The Kepala makes their signing key on a flash disk (a file chosen through the
        desktop's file dialog) and reads its fingerprint from the card; "Tampilkan Sidik Jari
        Kunci Saya" computes the same from the key on the disk. Returns the fingerprint."""
        w = self.w
        self.act_as(KEPALA.name)
        self.reminded("Anda menandatangani RKT tetapi belum punya kunci tanda tangan.",
                      "pengingat-kunci")
        w.find("Kunci tanda tangan Anda", role="label")
        self.new_passphrase(KEPALA.passphrase)
        said = self.strength(strong)
        assert strong(said), said
        w.click("Simpan kunci di flash disk (dianjurkan)", role="check box")
        w.find("Berkas kunci di flash disk (.p12)", role="entry")
        os.makedirs(os.path.dirname(self.flash_key), exist_ok=True)
        # The file is chosen through the desktop's dialog when "Pilih..." can be seen; else
        # (a window problem, reported at the end of the walk) its path is typed.
        pick = w.find("Pilih...", role="push button")
        x, y, bw, bh = w.steady(pick)
        if x + bw <= w.width() - 12:
            w.click("Pilih...", role="push button")
            file_dialog.choose(w, self.flash_key)
        else:
            shot = w.shot("pilih-terpotong")
            self.problem(f'"Pilih..." beside "Berkas kunci di flash disk (.p12)" is outside the '
                         f'window (x {x}..{x + bw} of {w.width()}): see {shot}')
            w.fill("Berkas kunci di flash disk (.p12)", self.flash_key)
        w.wait_shows(w.find("Berkas kunci di flash disk (.p12)", role="entry"), self.flash_key,
                     "Berkas kunci di flash disk (.p12)")
        w.shot("kunci-kepala-flash-disk")
        made = w.press("Buat Kunci Tanda Tangan", "Kunci tanda tangan Anda dibuat", wait=180)
        m = re.search(r"Sidik jari kunci Anda: ([0-9A-F]{2}(?::[0-9A-F]{2}){31})", made)
        assert m, made
        fingerprint = m.group(1)
        assert self.flash_key in made, made
        assert os.path.getsize(self.flash_key) > 0, "the .p12 on the flash disk"
        key = self.q("SELECT key_file, p12 IS NULL, cert IS NULL, key_fingerprint FROM signer_keys "
                     "WHERE official_id = ? AND retired_at IS NULL", self.official_id(KEPALA))
        assert key == [(self.flash_key, 1, 1, fingerprint)], key
        w.shot("sidik-jari-kunci")
        self.log(f"the Kepala's key on the flash disk; fingerprint {fingerprint[:11]}...")
        # Read out again at the approval, computed from the key on the disk.
        w.fill("Kata sandi kunci Anda", KEPALA.passphrase, secret=True)
        shown = w.press("Tampilkan Sidik Jari Kunci Saya", "dihitung dari kunci Anda sendiri",
                        wait=180)
        assert fingerprint in shown, (fingerprint, shown)
        self.page("Beranda")
        w.find("Sertifikat tanda tangan Anda menunggu persetujuan pemegang sertifikat kantor",
               role="label", contains=True)
        return fingerprint

    def approve(self, fingerprint):
        """The certificate's holder sees the Kepala's request (name, NIP, position, the key's
        fingerprint), checks the fingerprint against the one read from the Kepala's screen,
        and approves with the office certificate's passphrase."""
        w = self.w
        self.act_as(TIM.name)
        self.reminded("1 permintaan sertifikat tanda tangan menunggu persetujuan Anda.",
                      "pengingat-permintaan")
        w.find("Permintaan sertifikat tanda tangan", role="label")
        request = w.name(w.find(f"{KEPALA.name} — NIP", role="label", contains=True))
        for want in (f"NIP {KEPALA.nip}", KEPALA.position):
            assert want in request, (want, request)
        shown = self.label_after(request, r"[0-9A-F]{2}:[0-9A-F]{2}", contains=False)
        assert self.hex_of(shown) == self.hex_of(fingerprint), (shown, fingerprint)
        w.click("Sidik jari sama dengan yang dibacakan pemiliknya dari layarnya",
                role="check box")
        self.field_beside("Kata sandi sertifikat kantor", "Setujui", TIM.passphrase)
        shot = w.shot("permintaan-sertifikat")
        # The refusal beside the approval: its button must be where one can press it.
        for b in w.find_all("Tolak", role="push button"):
            x, _, bw, _ = w.steady(b)
            if x + bw > w.width() - 12:
                self.problem(f'"Tolak" beside "Alasan penolakan" is outside the window '
                             f'(x {x}..{x + bw} of {w.width()}): see {shot}')
        crls = self.one("SELECT count(*) FROM crls")
        w.press("Setujui", "Sertifikat tanda tangan disetujui", role="push button", wait=180)
        key = self.q("SELECT cert IS NOT NULL, root_id, approved_by, key_file, p12 IS NULL "
                     "FROM signer_keys WHERE official_id = ? AND retired_at IS NULL",
                     self.official_id(KEPALA))
        root = self.one("SELECT id FROM office_roots WHERE retired_at IS NULL")
        assert key == [(1, root, self.official_id(TIM), self.flash_key, 1)], key
        assert self.one("SELECT count(*) FROM crls") > crls, "the CRL renewed at the approval"
        w.gone("Permintaan sertifikat tanda tangan", role="label")
        w.shot("sertifikat-disetujui")
        self.log("the Kepala's certificate approved after the fingerprints matched")

    def sign_at_10(self):
        """The Kepala signs with the passphrase of their key. First the flash disk is not in:
        refused in words, nothing signed, no wrong try counted; then with it."""
        w = self.w
        self.page("Beranda")
        self.act_as(KEPALA.name)
        # Nothing of the digital signature is left to the Kepala now.
        assert not w.exists("Buka Pengaturan → Tanda Tangan Digital"), "a chore left"
        away = self.flash_key + ".dicabut"
        os.rename(self.flash_key, away)
        w.fill("Kata sandi kunci tanda tangan", KEPALA.passphrase, secret=True)
        # The button stands whole in its card, clear of the step list beside it.
        button = w.steady(w.find("✔ Setujui dan Tandatangani", role="push button"))
        beside = w.rect(w.find("Kemajuan langkah SOP", role="label"))
        if button[0] + button[2] > beside[0] - 12:
            shot = w.shot("tombol-tanda-tangan-terpotong")
            self.problem(f'"✔ Setujui dan Tandatangani" (x {button[0]}..{button[0] + button[2]})'
                         f' runs under the card "Kemajuan langkah SOP" (x {beside[0]}): see {shot}')
        refusal = w.press("✔ Setujui dan Tandatangani", "⚠ Kunci tanda tangan disimpan di flash")
        assert "Pasang flash disk itu" in refusal, refusal
        assert self.one("SELECT count(*) FROM signatures") == 0
        assert self.q("SELECT failures FROM signing_pins WHERE official_id = ?",
                      self.official_id(KEPALA)) == [(0,)], "the disk out counted as a wrong try"
        w.shot("flash-disk-tidak-terpasang")
        self.log(f"signing without the flash disk: {refusal!r}")
        os.rename(away, self.flash_key)
        w.fill("Kata sandi kunci tanda tangan", KEPALA.passphrase, secret=True)
        w.click("✔ Setujui dan Tandatangani")
        self.expect("signed by the Kepala", lambda: self.q(
            "SELECT name, nip FROM signatures WHERE year = ?", YEAR)
            == [(KEPALA.name, KEPALA.nip)], wait=180)
        cert = self.one("SELECT fingerprint FROM signer_keys WHERE official_id = ? AND "
                        "retired_at IS NULL", self.official_id(KEPALA))
        assert self.one("SELECT cert_fingerprint FROM signatures WHERE year = ?", YEAR) == cert
        w.shot("ditandatangani")
        self.log("signed at step 10 with the key on the flash disk")

    def archive_at_11(self):
        w = self.w
        self.page("Beranda")
        self.act_as(TIM.name)
        w.click("✔ Arsipkan RKT (PDF bertanda tangan) — Langkah 11")
        self.expect("archived", lambda: self.one(
            "SELECT count(*) FROM archive a JOIN signatures s ON s.id = a.signature_id "
            "WHERE s.year = ?", YEAR) == 1, wait=60)
        self.expect("cycle finished", lambda: any(
            e[0] == 11 and e[1] == "selesai" for e in self.events()))
        w.find(f"Siklus RKT tahun {YEAR} selesai", contains=True)
        w.shot("diarsipkan")
        self.log("archived at step 11")

    # --- the signed PDF, checked on another computer -----------------------------------------

    def verify_pdf(self):
        """The archived PDF saved through the window, checked where only the office
        certificate is trusted: a second, empty data folder."""
        w = self.w
        self.page("Tanda Tangan & Arsip")
        pdf = os.path.join(self.files, f"RKT {YEAR}.pdf")
        before = w.marks()
        w.click("Simpan salinan...")
        file_dialog.choose(w, pdf)
        w.said("", before)
        self.expect("the PDF saved", lambda: os.path.exists(pdf) and os.path.getsize(pdf) > 0)
        archived = self.one("SELECT pdf FROM archive")
        assert open(pdf, "rb").read() == archived, "the saved copy is the archived file"
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                              text=True, check=True).stdout
        flat = " ".join(text.split())
        for want in [f"TAHUN {YEAR}", OFFICE["Alamat"], "Ditandatangani secara elektronik",
                     "GUSTI RAHMAT HIDAYAT", "NIP. 19710623 199603 1 003", "1.05.02.2.02.0001",
                     "350.000.000", "JUMLAH 1.350.000.000", S_LINMAS]:
            assert want in flat, f"{want!r} not in the signed RKT"
        cer = os.path.join(self.files, "sertifikat-kantor.cer")
        subprocess.run([self.binary, "export-certificate", "--out", cer], env=self.env(),
                       check=True, capture_output=True)
        crl = cer[:-len(".cer")] + ".crl"
        assert os.path.getsize(crl) > 0, "the CRL beside the office certificate"
        other = os.path.join(self.out, "verifikasi")
        shutil.rmtree(other, ignore_errors=True)
        os.makedirs(other)
        # Before it trusts the office, the other computer cannot vouch for the file.
        r = subprocess.run([self.binary, "verify", pdf], env=self.env(other),
                           capture_output=True, text=True)
        assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
        subprocess.run([self.binary, "trust-certificate", cer], env=self.env(other),
                       check=True, capture_output=True)
        odb = os.path.join(other, "sop-rkt.db")
        con = sqlite3.connect(f"file:{odb}?mode=ro", uri=True)
        try:
            roots = con.execute("SELECT fingerprint FROM trusted_roots").fetchall()
            crls = con.execute("SELECT count(*) FROM crls").fetchone()[0]
        finally:
            con.close()
        assert roots == self.q("SELECT fingerprint FROM office_roots"), roots
        assert crls >= 1, "trust-certificate took the CRL beside the certificate"
        r = subprocess.run([self.binary, "verify", pdf], env=self.env(other),
                           capture_output=True, text=True)
        print(r.stdout.strip())
        assert r.returncode == 0, (r.returncode, r.stdout, r.stderr)
        assert KEPALA.name in r.stdout, r.stdout
        # One byte changed after signing is caught.
        bad = os.path.join(self.files, f"RKT {YEAR} diubah.pdf")
        data = bytearray(archived)
        data[len(data) // 3] ^= 0x01
        open(bad, "wb").write(bytes(data))
        r = subprocess.run([self.binary, "verify", bad], env=self.env(other),
                           capture_output=True, text=True)
        assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
        self.log("signed PDF saved through the window and verified on a second data folder")

    def sign_pk(self):
        w = self.w
        self.page("Tanda Tangan & Arsip")
        self.act_as(KEPALA.name)
        w.find(f"Perjanjian Kinerja Tahun {YEAR}")
        w.fill("Kata sandi kunci Kepala", KEPALA.passphrase, secret=True)
        w.shot("kata-sandi-pk")
        w.click("Tandatangani Perjanjian Kinerja")
        self.expect("PK signed and archived", lambda: self.q(
            "SELECT signer FROM pk_archive WHERE year = ?", YEAR) == [(KEPALA.name,)], wait=180)
        w.find("Tersimpan di arsip", contains=True)
        w.shot("perjanjian-kinerja")
        pdf = os.path.join(self.files, f"PK {YEAR}.pdf")
        subprocess.run([self.binary, "export-pk", "--year", str(YEAR), "--out", pdf],
                       env=self.env(), check=True, capture_output=True)
        flat = " ".join(subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                                       text=True, check=True).stdout.split())
        for want in [f"PERJANJIAN KINERJA TAHUN {YEAR}", "PIHAK KEDUA",
                     OFFICE["Nama Bupati (Perjanjian Kinerja)"], KEPALA.name, "1.05.02.2.04.0001",
                     "JUMLAH 1.350.000.000", "Ditandatangani secara elektronik"]:
            assert want in flat, f"{want!r} not in the PK"
        sig = subprocess.run(["pdfsig", pdf], capture_output=True, text=True)
        assert "Signature is Valid" in sig.stdout, sig.stdout + sig.stderr
        # The other computer, trusting the office certificate, checks it too.
        r = subprocess.run([self.binary, "verify", pdf], capture_output=True, text=True,
                           env=self.env(os.path.join(self.out, "verifikasi")))
        assert r.returncode == 0 and "Perjanjian Kinerja" in r.stdout, (r.stdout, r.stderr)
        self.log("Perjanjian Kinerja signed, and verified on the second data folder")

    def year_after(self):
        """After the PK, from this office's own data (never the demo's): the TIM starts the
        Rencana Aksi, each Kabid fills their unit's rows in the table (pick-lists by keyboard,
        targets typed over), the head signs it, and a Kabid reports the third quarter."""
        w = self.w
        self.page("Beranda")
        self.act_as(TIM.name)
        self.page("Rencana Aksi")
        w.click("Mulai Rencana Aksi dari Perjanjian Kinerja", contains=True)
        rows = lambda unit: self.q(
            "SELECT id, arah, sifat, tw1, tw2, tw3, tw4, aksi FROM plan_rows WHERE year = ? "
            "AND unit_id = ? ORDER BY position", YEAR, self.unit_id(unit))
        self.expect("the Rencana Aksi made from the PK", lambda: self.one(
            "SELECT count(*) FROM plan_rows WHERE year = ?", YEAR) > 0)
        kabids = [k for k in (KABID_PERDA, KABID_TRANTIB, KABID_LINMAS) if rows(k.unit)]
        assert kabids, "the PK's indikator belong to the units that submitted"
        for kabid in kabids:
            self.page("Beranda")
            self.act_as(kabid.name)
            self.page("Rencana Aksi")
            for n in range(1, len(rows(kabid.unit)) + 1):
                for col, typed in (("Arah", "naik"), ("Sifat Triwulan", "kumul")):
                    # A pick-list: the click opens it, Esc closes it, typing finds the word.
                    w.click(f"{col} baris {n}")
                    w.key("Escape")
                    w.type(typed)
                    w.key("Return")
                w.click(f"Target TW I baris {n}")
                for t in ("25", "50", "75", "100"):
                    w.type(t)
                    w.key("Tab")
                w.click(f"Rencana Aksi baris {n}")
                w.type("Patroli dan pembinaan terjadwal")
                w.key("Tab")
            want = [("Naik", "Kumulatif", "25", "50", "75", "100",
                     "Patroli dan pembinaan terjadwal")] * len(rows(kabid.unit))
            self.expect(f"{kabid.unit}: its Rencana Aksi rows typed",
                        lambda: [r[1:] for r in rows(kabid.unit)] == want)
        w.shot("rencana-aksi-diisi")
        self.page("Beranda")
        self.act_as(KEPALA.name)
        self.page("Capaian & Laporan")
        w.click("Tandatangani Rencana Aksi")
        w.fill("Kata sandi kunci Kepala", KEPALA.passphrase, secret=True)
        w.click("Tandatangani", role="push button")
        self.expect("Rencana Aksi signed", lambda: self.q(
            "SELECT signer FROM report_archive WHERE kind = 'rencana_aksi' AND year = ?",
            YEAR) == [(KEPALA.name,)], wait=180)
        w.shot("rencana-aksi-ditandatangani")
        # The latest quarter of this year that has ended (none before April: nothing to report).
        ended = (time.localtime().tm_mon - 1) // 3
        if ended:
            self.report_quarter(kabids[-1], ended, len(rows(kabids[-1].unit)))
        pdf = os.path.join(self.files, f"Rencana Aksi {YEAR}.pdf")
        subprocess.run([self.binary, "export-rencana-aksi", "--year", str(YEAR), "--out", pdf],
                       env=self.env(), check=True, capture_output=True)
        sig = subprocess.run(["pdfsig", pdf], capture_output=True, text=True)
        assert "Signature is Valid" in sig.stdout, sig.stdout + sig.stderr
        self.log(f"Rencana Aksi {YEAR} typed by {len(kabids)} Kabid and signed")

    def report_quarter(self, kabid, q, n_rows):
        """A Kabid types the quarter's figures into the Realisasi table and reports it."""
        w = self.w
        tw = "TW " + ["I", "II", "III", "IV"][q - 1]
        uid = self.unit_id(kabid.unit)
        self.page("Beranda")
        self.act_as(kabid.name)
        self.page("Realisasi")
        w.click(tw)
        for n in range(1, n_rows + 1):
            w.click(f"Realisasi baris {n}")
            w.type("70")
            w.key("Return")
        self.expect(f"{tw} figures saved", lambda: self.one(
            "SELECT count(*) FROM plan_realisations WHERE quarter = ? AND realisasi = '70' "
            "AND plan_row_id IN (SELECT id FROM plan_rows WHERE year = ? AND unit_id = ?)",
            q, YEAR, uid) == n_rows)
        w.click(f"Laporkan Realisasi {tw}", role="push button", contains=True)
        self.expect(f"{kabid.unit} reports {tw}", lambda: self.q(
            "SELECT submitted_by FROM realisation_submissions WHERE year = ? AND quarter = ? "
            "AND unit_id = ?", YEAR, q, uid) == [(kabid.name,)])
        w.shot(f"realisasi-tw{q}")
        self.log(f"{tw} {YEAR} reported by {kabid.name}: {n_rows} figures typed")

    def history(self):
        """Beranda's Riwayat at the end of the day, for the eye."""
        w = self.w
        self.page("Beranda")
        n = w.find(f"Riwayat {YEAR}", role="label")
        was = w.steady(n)
        top, bottom = w.band()
        person.xdo("mousemove", str(w.width() // 2), str((top + bottom) // 2))
        person.xdo("click", "--repeat", "30", "--delay", "10", "5")  # to the foot of the page
        w.steady(n, was=was, quiet=0.4)
        w.shot("riwayat")

    def never_demo(self):
        """Nothing of the demo came in: only this office's officials, codes and rows, and one
        archived RKT (the demo brings its invented people and last year's signed RKT)."""
        names = {r[0] for r in self.q("SELECT name FROM officials")}
        assert names == set(BY_NAME), names
        assert self.one("SELECT count(*) FROM budget_codes") == len(CODES)
        assert self.q("SELECT year, count(*) FROM rkt_rows WHERE deleted = 0 GROUP BY year") \
            == [(YEAR, sum(len(r) for r in ROWS.values()))]
        assert self.q("SELECT s.year FROM archive a JOIN signatures s ON s.id = a.signature_id") \
            == [(YEAR,)]


def main():
    binary, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    person.enable_accessibility()
    day = FirstDay(binary, out)
    try:
        day.run()
    except BaseException:
        # (Once the program has ended, as after the window problems checked last, there is no
        # window left to show.)
        if day.w is not None and day.proc is not None and day.proc.poll() is None:
            try:
                day.w.shot("GAGAL")
                with open(os.path.join(out, "tree-on-failure.txt"), "w") as f:
                    f.write(day.w.dump())
            except Exception as e:  # noqa: BLE001
                print(f"(no screenshot: {e})")
        if day.proc is not None and day.proc.poll() is not None:
            print(f"the program had ended, exit status {day.proc.returncode}")
        day.stop()
        raise
    print(f"first day: passed in {time.time() - day.t0:.0f} s; screenshots in {out}")


if __name__ == "__main__":
    main()
