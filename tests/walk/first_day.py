"""The office's first day: the second end-to-end walk. From an EMPTY database, never touching the
demo data ("Isi data contoh" is never pressed), the real program in a real window is set up and
used as a newcomer office would, following Beranda's checklist: the first official (who becomes
pengelola) and their PIN; the office's data; its units as they really are (one renamed, two no
longer used); holidays; officials of all five SOP columns and of every unit, each making their own PIN
after a one-time PIN from the pengelola; the Renstra and the code list through the master-data
Excel templates, filled in LibreOffice Calc and imported back through the window; then the whole
SOP cycle: three units filled and submitted by their own Kabid from the keyboard alone (typing
over a filled value, Esc and Ctrl+Z inside a cell included), step 5 continued for the others with
a reason, compile, 6-9, the signature at 10, the archive at 11; the signed PDF saved through the
window and verified on a second, empty data folder that trusts only the office certificate; and
the Perjanjian Kinerja signed.

Like walk.py (whose Walk it extends): only the mouse and keyboard through the X server, widgets
found by their accessible names on AT-SPI, the database file read after each step, and a
screenshot of every step in OUTDIR. Files go through the desktop's own file dialog
(file_dialog.py); the templates are filled in Calc with tests/data/calc.py. Started by
.ci/first-day.sh.

Usage: first_day.py BINARY OUTDIR
"""

import os
import shutil
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
    pengelola gives them and the PIN they then make their own."""

    def __init__(self, name, nip, rank, position, lanes, unit, pin, one_time=None):
        self.name, self.nip, self.rank, self.position = name, nip, rank, position
        self.lanes, self.unit, self.pin, self.one_time = lanes, unit, pin, one_time


# Invented names and NIPs (never real officials).
TIM = Official("Ahmad Fauzi, S.Kom.", "199003152015031002", "Penata Muda Tk. I (III/b)",
               "Analis Perencanaan", [L_TIM], SUB_PP, "381947")
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
                  "913572", "402968")
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


class FirstDay(walk.Walk):
    def __init__(self, binary, out):
        super().__init__(binary, out)
        self.files = os.path.join(out, "berkas")
        os.makedirs(self.files, exist_ok=True)
        self.pins = {}

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
        self.log("every official signed in with a PIN of their own")
        self.master_data()
        self.checklist(7)
        w.shot("persiapan-lengkap")
        self.cycle()
        self.verify_pdf()
        self.sign_pk()
        self.history()
        self.stop()
        self.never_demo()
        self.log("first day finished")

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
        self.expect("the office certificate, held by the first official", lambda: self.q(
            "SELECT holder_id FROM office_roots WHERE retired_at IS NULL")
            == [(self.official_id(TIM),)])
        self.checklist(2)
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

    def sign_at_10(self):
        w = self.w
        self.page("Beranda")
        self.act_as(KEPALA.name)
        w.fill("PIN tanda tangan", KEPALA.pin, secret=True)
        w.click("✔ Setujui dan Tandatangani")
        self.expect("signed by the Kepala", lambda: self.q(
            "SELECT name, nip FROM signatures WHERE year = ?", YEAR)
            == [(KEPALA.name, KEPALA.nip)], wait=60)
        w.shot("ditandatangani")
        self.log("signed at step 10")

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
        other = os.path.join(self.out, "verifikasi")
        shutil.rmtree(other, ignore_errors=True)
        os.makedirs(other)
        # Before it trusts the office, the other computer cannot vouch for the file.
        r = subprocess.run([self.binary, "verify", pdf], env=self.env(other),
                           capture_output=True, text=True)
        assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
        subprocess.run([self.binary, "trust-certificate", cer], env=self.env(other),
                       check=True, capture_output=True)
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
        w.fill("PIN Kepala", KEPALA.pin, secret=True)
        w.click("Tandatangani Perjanjian Kinerja")
        self.expect("PK signed and archived", lambda: self.q(
            "SELECT signer FROM pk_archive WHERE year = ?", YEAR) == [(KEPALA.name,)], wait=60)
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
        if day.w is not None:
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
