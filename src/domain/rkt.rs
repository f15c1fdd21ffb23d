//! The FORMAT RKT: its columns, Indonesian numbers and rupiah, budget codes, row validation,
//! compilation of the units' formats into a draft, and the difference between two drafts.

use std::collections::HashMap;

/// The columns a unit fills, in the order of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    Sasaran,
    Indikator,
    Satuan,
    Target,
    Code,
    Pagu,
    SumberDana,
    PenanggungJawab,
    Keterangan,
}

impl Col {
    pub const ALL: [Col; 9] = [
        Col::Sasaran,
        Col::Indikator,
        Col::Satuan,
        Col::Target,
        Col::Code,
        Col::Pagu,
        Col::SumberDana,
        Col::PenanggungJawab,
        Col::Keterangan,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Col::Sasaran => "Sasaran",
            Col::Indikator => "Indikator Kinerja",
            Col::Satuan => "Satuan",
            Col::Target => "Target",
            Col::Code => "Program / Kegiatan / Sub Kegiatan",
            Col::Pagu => "Pagu (Rp)",
            Col::SumberDana => "Sumber Dana",
            Col::PenanggungJawab => "Penanggung Jawab",
            Col::Keterangan => "Keterangan",
        }
    }

    /// The database column that stores it.
    pub fn db_name(self) -> &'static str {
        match self {
            Col::Sasaran => "sasaran",
            Col::Indikator => "indikator",
            Col::Satuan => "satuan",
            Col::Target => "target",
            Col::Code => "code",
            Col::Pagu => "pagu",
            Col::SumberDana => "sumber_dana",
            Col::PenanggungJawab => "penanggung_jawab",
            Col::Keterangan => "keterangan",
        }
    }

    pub fn required(self) -> bool {
        self != Col::Keterangan
    }
}

/// A row as typed: every cell kept exactly, valid or not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowValues {
    pub sasaran: String,
    pub indikator: String,
    pub satuan: String,
    pub target: String,
    pub code: String,
    pub pagu: String,
    pub sumber_dana: String,
    pub penanggung_jawab: String,
    pub keterangan: String,
}

impl RowValues {
    pub fn get(&self, c: Col) -> &str {
        match c {
            Col::Sasaran => &self.sasaran,
            Col::Indikator => &self.indikator,
            Col::Satuan => &self.satuan,
            Col::Target => &self.target,
            Col::Code => &self.code,
            Col::Pagu => &self.pagu,
            Col::SumberDana => &self.sumber_dana,
            Col::PenanggungJawab => &self.penanggung_jawab,
            Col::Keterangan => &self.keterangan,
        }
    }

    pub fn set(&mut self, c: Col, v: String) {
        *match c {
            Col::Sasaran => &mut self.sasaran,
            Col::Indikator => &mut self.indikator,
            Col::Satuan => &mut self.satuan,
            Col::Target => &mut self.target,
            Col::Code => &mut self.code,
            Col::Pagu => &mut self.pagu,
            Col::SumberDana => &mut self.sumber_dana,
            Col::PenanggungJawab => &mut self.penanggung_jawab,
            Col::Keterangan => &mut self.keterangan,
        } = v;
    }

    pub fn is_blank(&self) -> bool {
        Col::ALL.iter().all(|c| self.get(*c).trim().is_empty())
    }
}

/// Groups of three digits with dots: 1250000 -> "1.250.000".
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// "Rp 1.250.000"
pub fn format_rupiah(amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    format!("Rp {sign}{}", group_thousands(amount.unsigned_abs()))
}

/// Checks digits written with dots between groups of three ("1.250.000"), or none ("1250000").
fn parse_grouped_digits(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    if s.contains('.') {
        let groups: Vec<&str> = s.split('.').collect();
        let ok = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            return None;
        }
        return groups.concat().parse().ok();
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// A cell as it is kept: no white space at either end, no-break and other odd spaces (pasted
/// from a web page or Word) made plain, runs of spaces made one, so that the same code or
/// sasaran typed twice is the same text (and one group in the draft). Line breaks stay.
pub fn tidy(s: &str) -> String {
    s.lines()
        .map(|line| {
            line.split(|c: char| c.is_whitespace() || c == '\u{200b}')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// Pagu: a non-negative whole number of rupiah ("Rp 1.250.000", "1.250.000", "1250000").
pub fn parse_rupiah(input: &str) -> Result<i64, String> {
    let t = input.trim();
    let t = t
        .strip_prefix("Rp.")
        .or_else(|| t.strip_prefix("Rp"))
        .or_else(|| t.strip_prefix("rp"))
        .unwrap_or(t)
        .trim();
    if t.is_empty() {
        return Err("pagu belum diisi".into());
    }
    if t.starts_with('-') {
        return Err(format!("pagu \"{}\" tidak boleh negatif", input.trim()));
    }
    if t.contains(',') {
        return Err(format!(
            "pagu \"{}\" harus rupiah bulat, tanpa sen (tanpa koma)",
            input.trim()
        ));
    }
    parse_grouped_digits(t)
        .and_then(|v| i64::try_from(v).ok())
        .ok_or_else(|| {
            format!(
                "pagu \"{}\" bukan angka rupiah; tulis seperti 1.250.000",
                input.trim()
            )
        })
}

/// How a value is kept, whether typed in the table or read from a workbook: white space tidied
/// (`tidy`), a pagu that reads as rupiah written the one way ("175.000.000" → "Rp 175.000.000").
pub fn normalized(col: Col, typed: &str) -> String {
    let typed = tidy(typed);
    match col {
        Col::Pagu => parse_rupiah(&typed).map_or(typed, format_rupiah),
        _ => typed,
    }
}

/// Target: a number with a decimal comma ("87,5", "100", "1.250"); returns it written the
/// Indonesian way, as typed but trimmed.
pub fn parse_target(input: &str) -> Result<f64, String> {
    let t = input.trim();
    if t.is_empty() {
        return Err("target belum diisi".into());
    }
    let (whole, frac) = match t.split_once(',') {
        Some((w, f)) => (w, Some(f)),
        None => (t, None),
    };
    let w = parse_grouped_digits(whole);
    let f_ok = frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    match (w, f_ok) {
        (Some(w), true) => {
            let frac: f64 = frac.map_or(0.0, |f| format!("0.{f}").parse().unwrap_or(0.0));
            Ok(w as f64 + frac)
        }
        _ => Err(format!(
            "target \"{t}\" bukan angka; tulis seperti 87,5 (koma untuk desimal)"
        )),
    }
}

/// A budget code of Permendagri 90/2019: program `1.05.02`, kegiatan `1.05.02.2.01`,
/// sub kegiatan `1.05.02.2.01.0001`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeLevel {
    Program,
    Kegiatan,
    SubKegiatan,
}

/// Checks the shape of a code and says its level.
pub fn code_level(code: &str) -> Result<CodeLevel, String> {
    let parts: Vec<&str> = code.trim().split('.').collect();
    let widths = [1, 2, 2, 1, 2, 4];
    let shape_ok = parts.len() <= widths.len()
        && parts
            .iter()
            .zip(widths)
            .all(|(p, w)| p.len() == w && p.chars().all(|c| c.is_ascii_digit()));
    match (shape_ok, parts.len()) {
        (true, 3) => Ok(CodeLevel::Program),
        (true, 5) => Ok(CodeLevel::Kegiatan),
        (true, 6) => Ok(CodeLevel::SubKegiatan),
        _ => Err(format!(
            "kode \"{}\" tidak sesuai bentuk 1.05.02 (program), 1.05.02.2.01 (kegiatan) atau 1.05.02.2.01.0001 (sub kegiatan)",
            code.trim()
        )),
    }
}

/// The program and kegiatan a sub kegiatan code belongs to.
pub fn parents(code: &str) -> (String, String) {
    let parts: Vec<&str> = code.split('.').collect();
    let take = |n: usize| parts[..n.min(parts.len())].join(".");
    (take(3), take(5))
}

/// What is wrong with a row, cell by cell.
pub fn validate_row(row: &RowValues, known_codes: &dyn Fn(&str) -> bool) -> Vec<(Col, String)> {
    let mut problems = Vec::new();
    for c in Col::ALL {
        if c.required() && row.get(c).trim().is_empty() {
            problems.push((c, format!("{} wajib diisi", c.title())));
        }
    }
    let filled = |c: Col| !row.get(c).trim().is_empty();
    if filled(Col::Target)
        && let Err(e) = parse_target(&row.target)
    {
        problems.push((Col::Target, e));
    }
    if filled(Col::Pagu)
        && let Err(e) = parse_rupiah(&row.pagu)
    {
        problems.push((Col::Pagu, e));
    }
    if filled(Col::Code) {
        match code_level(&row.code) {
            Err(e) => problems.push((Col::Code, e)),
            Ok(CodeLevel::SubKegiatan) if !known_codes(row.code.trim()) => problems.push((
                Col::Code,
                format!(
                    "sub kegiatan {} tidak ada di daftar kode (Pengaturan)",
                    row.code.trim()
                ),
            )),
            Ok(CodeLevel::SubKegiatan) => {}
            Ok(_) => problems.push((
                Col::Code,
                "pilih kode sampai tingkat sub kegiatan (mis. 1.05.02.2.01.0001)".into(),
            )),
        }
    }
    problems
}

/// The problems of each row of a table and its totals, kept beside the rows so that a frame reads
/// them instead of checking every row (a table can hold thousands).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableCheck {
    pub problems: Vec<Vec<(Col, String)>>,
    pub invalid: usize,
    pub pagu: i64,
}

impl TableCheck {
    pub fn of<'a>(
        rows: impl IntoIterator<Item = &'a RowValues>,
        known_codes: &dyn Fn(&str) -> bool,
    ) -> Self {
        let mut check = TableCheck::default();
        for r in rows {
            check.problems.push(validate_row(r, known_codes));
            check.pagu += parse_rupiah(&r.pagu).unwrap_or(0);
        }
        check.invalid = check.problems.iter().filter(|p| !p.is_empty()).count();
        check
    }

    /// Row `i` changed from `old` to `new`: only that row is checked again.
    pub fn update(
        &mut self,
        i: usize,
        old: &RowValues,
        new: &RowValues,
        known_codes: &dyn Fn(&str) -> bool,
    ) {
        let Some(slot) = self.problems.get_mut(i) else {
            return;
        };
        let was_bad = !slot.is_empty();
        *slot = validate_row(new, known_codes);
        self.invalid = self.invalid + usize::from(!slot.is_empty()) - usize::from(was_bad);
        self.pagu += parse_rupiah(&new.pagu).unwrap_or(0) - parse_rupiah(&old.pagu).unwrap_or(0);
    }

    pub fn row(&self, i: usize) -> &[(Col, String)] {
        self.problems.get(i).map_or(&[], Vec::as_slice)
    }
}

/// A row of a compiled draft: its stable key across versions, the unit it came from, the values
/// and the pagu as a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    pub key: String,
    pub unit: String,
    pub values: RowValues,
    pub pagu: i64,
}

/// Orders the units' rows into the draft: by sasaran (Renstra order), then program, kegiatan
/// and sub kegiatan code, then the unit and the row's place in its format.
pub fn compile(mut rows: Vec<(usize, usize, DraftRow)>, sasaran_order: &[String]) -> Vec<DraftRow> {
    let rank = |s: &str| {
        sasaran_order
            .iter()
            .position(|x| x == s)
            .unwrap_or(usize::MAX)
    };
    rows.sort_by(|(ua, pa, a), (ub, pb, b)| {
        let (ap, ak) = parents(a.values.code.trim());
        let (bp, bk) = parents(b.values.code.trim());
        rank(&a.values.sasaran)
            .cmp(&rank(&b.values.sasaran))
            .then_with(|| a.values.sasaran.cmp(&b.values.sasaran))
            .then_with(|| ap.cmp(&bp))
            .then_with(|| ak.cmp(&bk))
            .then_with(|| a.values.code.trim().cmp(b.values.code.trim()))
            .then_with(|| ua.cmp(ub))
            .then_with(|| pa.cmp(pb))
    });
    rows.into_iter().map(|(_, _, r)| r).collect()
}

/// One indikator listed with different targets in one document (the RKT lists it once per sub
/// kegiatan; the Perjanjian Kinerja once): which is meant is for the office to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetConflict {
    pub indikator: String,
    /// Its targets as written, each once, in the order they first appear.
    pub targets: Vec<String>,
    pub satuan: String,
}

impl TargetConflict {
    /// "Indikator "…" tercantum dengan target berbeda: 156 dan 160 (kali)."
    pub fn sentence(&self) -> String {
        let (last, rest) = self.targets.split_last().expect("two targets at least");
        let unit = if self.satuan.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.satuan)
        };
        format!(
            "Indikator \"{}\" tercantum dengan target berbeda: {} dan {last}{unit}.",
            self.indikator,
            rest.join(", ")
        )
    }
}

/// The indikator that the rows give more than one target: the same indikator (as tidied, in
/// any case) with targets that are not the same number ("156" and "156,0" are the same).
pub fn target_conflicts<'a>(rows: impl IntoIterator<Item = &'a RowValues>) -> Vec<TargetConflict> {
    let same = |a: &str, b: &str| match (parse_target(a), parse_target(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a.trim() == b.trim(),
    };
    let mut seen: Vec<(String, TargetConflict)> = Vec::new();
    for r in rows {
        let indikator = tidy(&r.indikator);
        let target = r.target.trim();
        if indikator.is_empty() || target.is_empty() {
            continue;
        }
        let key = indikator.to_lowercase();
        match seen.iter_mut().find(|(k, _)| *k == key) {
            Some((_, c)) => {
                if !c.targets.iter().any(|t| same(t, target)) {
                    c.targets.push(target.to_string());
                }
            }
            None => seen.push((
                key,
                TargetConflict {
                    indikator,
                    targets: vec![target.to_string()],
                    satuan: r.satuan.trim().to_string(),
                },
            )),
        }
    }
    seen.into_iter()
        .map(|(_, c)| c)
        .filter(|c| c.targets.len() > 1)
        .collect()
}

/// What changed from one draft version to another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    pub added: Vec<DraftRow>,
    pub removed: Vec<DraftRow>,
    /// (before, after, the columns that differ)
    pub changed: Vec<(DraftRow, DraftRow, Vec<Col>)>,
}

pub fn diff(old: &[DraftRow], new: &[DraftRow]) -> Diff {
    let before: HashMap<&str, &DraftRow> = old.iter().map(|r| (r.key.as_str(), r)).collect();
    let after: HashMap<&str, &DraftRow> = new.iter().map(|r| (r.key.as_str(), r)).collect();
    let mut d = Diff::default();
    for r in new {
        match before.get(r.key.as_str()) {
            None => d.added.push(r.clone()),
            Some(b) => {
                let cols: Vec<Col> = Col::ALL
                    .into_iter()
                    .filter(|c| b.values.get(*c) != r.values.get(*c))
                    .collect();
                if !cols.is_empty() {
                    d.changed.push(((*b).clone(), r.clone(), cols));
                }
            }
        }
    }
    for r in old {
        if !after.contains_key(r.key.as_str()) {
            d.removed.push(r.clone());
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_makes_one_text_of_what_reads_the_same() {
        assert_eq!(tidy("  1.05.02.2.01.0001\u{a0}"), "1.05.02.2.01.0001");
        assert_eq!(
            tidy("\u{a0}Meningkatnya\u{202f} perlindungan   masyarakat "),
            "Meningkatnya perlindungan masyarakat"
        );
        assert_eq!(tidy("baris satu \nbaris dua"), "baris satu\nbaris dua");
        assert_eq!(tidy("\u{200b}"), "");
    }

    #[test]
    fn rupiah_both_ways() {
        assert_eq!(format_rupiah(1_250_000), "Rp 1.250.000");
        assert_eq!(format_rupiah(0), "Rp 0");
        assert_eq!(format_rupiah(999), "Rp 999");
        assert_eq!(format_rupiah(1_000), "Rp 1.000");
        assert_eq!(format_rupiah(2_345_678_901), "Rp 2.345.678.901");
        for ok in [
            "Rp 1.250.000",
            "1.250.000",
            "1250000",
            "Rp1250000",
            " Rp. 1.250.000 ",
        ] {
            assert_eq!(parse_rupiah(ok), Ok(1_250_000), "{ok}");
        }
        for (bad, needle) in [
            ("", "belum diisi"),
            ("-5.000", "negatif"),
            ("1.250.000,50", "bulat"),
            ("1.25.000", "bukan angka"),
            ("satu juta", "bukan angka"),
            ("12.5000", "bukan angka"),
        ] {
            assert!(parse_rupiah(bad).unwrap_err().contains(needle), "{bad}");
        }
    }

    #[test]
    fn targets_use_a_decimal_comma() {
        assert_eq!(parse_target("87,5"), Ok(87.5));
        assert_eq!(parse_target("100"), Ok(100.0));
        assert_eq!(parse_target("1.250"), Ok(1250.0));
        assert_eq!(parse_target("0,25"), Ok(0.25));
        for bad in ["8O", "87,", "87,5,1", "", "87.5.", "1,2a"] {
            assert!(parse_target(bad).is_err(), "{bad}");
        }
        assert!(parse_target("8O").unwrap_err().contains("bukan angka"));
    }

    #[test]
    fn budget_codes() {
        assert_eq!(code_level("1.05.02"), Ok(CodeLevel::Program));
        assert_eq!(code_level("1.05.02.2.01"), Ok(CodeLevel::Kegiatan));
        assert_eq!(code_level("1.05.02.2.01.0001"), Ok(CodeLevel::SubKegiatan));
        for bad in [
            "1.5.02",
            "1.05.02.2.1.0001",
            "1.05.02.2.01.001",
            "1.05.02.2.01.0001.1",
            "x",
        ] {
            assert!(code_level(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parents("1.05.02.2.01.0001"),
            ("1.05.02".into(), "1.05.02.2.01".into())
        );
    }

    fn row(sasaran: &str, code: &str, pagu: &str) -> RowValues {
        RowValues {
            sasaran: sasaran.into(),
            indikator: "Persentase gangguan trantibum yang diselesaikan".into(),
            satuan: "%".into(),
            target: "87,5".into(),
            code: code.into(),
            pagu: pagu.into(),
            sumber_dana: "DAU".into(),
            penanggung_jawab: "Kabid Trantibum".into(),
            keterangan: String::new(),
        }
    }

    #[test]
    fn table_check_follows_one_changed_row_like_a_full_check() {
        let known = |c: &str| c == "1.05.02.2.01.0001";
        let mut rows = vec![
            row("S1", "1.05.02.2.01.0001", "1.000.000"),
            row("S1", "1.05.02.2.01.0001", "2.000"),
            row("S1", "1.05", "500"),
        ];
        let mut check = TableCheck::of(&rows, &known);
        assert_eq!((check.invalid, check.pagu), (1, 1_002_500));
        assert_eq!(check.row(2)[0].0, Col::Code);
        assert!(check.row(9).is_empty());
        // Row 1 becomes invalid (pagu "x"), row 2 valid: counts and totals follow.
        for (i, pagu, code) in [
            (1, "x", "1.05.02.2.01.0001"),
            (2, "700", "1.05.02.2.01.0001"),
        ] {
            let old = rows[i].clone();
            rows[i].pagu = pagu.into();
            rows[i].code = code.into();
            check.update(i, &old, &rows[i], &known);
            assert_eq!(check, TableCheck::of(&rows, &known));
        }
        assert_eq!((check.invalid, check.pagu), (1, 1_000_700));
    }

    #[test]
    fn row_validation_names_each_cell() {
        let known = |c: &str| c == "1.05.02.2.01.0001";
        assert!(validate_row(&row("S1", "1.05.02.2.01.0001", "1.000.000"), &known).is_empty());
        let mut r = row("S1", "1.05.02.2.01.0002", "satu");
        r.target = "8O".into();
        r.satuan = " ".into();
        let problems = validate_row(&r, &known);
        let cols: Vec<Col> = problems.iter().map(|p| p.0).collect();
        assert_eq!(cols, [Col::Satuan, Col::Target, Col::Pagu, Col::Code]);
        assert!(problems[3].1.contains("tidak ada di daftar kode"));
        let kegiatan = row("S1", "1.05.02.2.01", "1");
        assert!(
            validate_row(&kegiatan, &known)[0]
                .1
                .contains("sampai tingkat sub kegiatan")
        );
        // Any text, any length, is kept as typed.
        let mut long = row("S1", "1.05.02.2.01.0001", "1");
        long.keterangan = "Catatan — “kutipan”, ümlaut, 数字 ".repeat(200);
        assert!(validate_row(&long, &known).is_empty());
    }

    fn draft(key: &str, unit: &str, sasaran: &str, code: &str) -> DraftRow {
        DraftRow {
            key: key.into(),
            unit: unit.into(),
            values: row(sasaran, code, "1"),
            pagu: 1,
        }
    }

    #[test]
    fn compilation_groups_by_sasaran_then_codes() {
        let order = vec!["Sasaran A".to_string(), "Sasaran B".to_string()];
        let rows = vec![
            (
                0,
                0,
                draft("k1", "Linmas", "Sasaran B", "1.05.02.2.02.0001"),
            ),
            (
                1,
                0,
                draft("k2", "Trantibum", "Sasaran A", "1.05.02.2.01.0002"),
            ),
            (
                2,
                0,
                draft("k3", "Perencanaan", "Sasaran A", "1.05.01.2.01.0001"),
            ),
            (
                1,
                1,
                draft("k4", "Trantibum", "Sasaran A", "1.05.02.2.01.0001"),
            ),
            (
                0,
                1,
                draft("k5", "Linmas", "Sasaran B", "1.05.02.2.01.0001"),
            ),
        ];
        let keys: Vec<String> = compile(rows, &order).into_iter().map(|r| r.key).collect();
        assert_eq!(keys, ["k3", "k4", "k2", "k5", "k1"]);
    }

    #[test]
    fn one_indikator_with_two_targets_is_named_with_both() {
        let mut a = row("S1", "1.05.02.2.01.0001", "1");
        a.indikator = "Jumlah patroli wilayah yang dilaksanakan".into();
        a.satuan = "kali".into();
        a.target = "156".into();
        let mut b = a.clone();
        b.code = "1.05.02.2.01.0002".into();
        b.target = "160".into();
        // The same target written another way, and the indikator typed with other spaces and
        // capitals: the same.
        let mut c = a.clone();
        c.target = "156,0".into();
        c.indikator = "  jumlah patroli  wilayah yang dilaksanakan".into();
        let other = row("S1", "1.05.02.2.01.0001", "1");
        let found = target_conflicts([&a, &other, &b, &c]);
        assert_eq!(
            found,
            [TargetConflict {
                indikator: "Jumlah patroli wilayah yang dilaksanakan".into(),
                targets: vec!["156".into(), "160".into()],
                satuan: "kali".into(),
            }]
        );
        assert_eq!(
            found[0].sentence(),
            "Indikator \"Jumlah patroli wilayah yang dilaksanakan\" tercantum dengan target berbeda: 156 dan 160 (kali)."
        );
        // One target each time: nothing to warn of.
        assert!(target_conflicts([&a, &c, &other]).is_empty());
    }

    #[test]
    fn diff_finds_added_removed_changed() {
        let v1 = vec![
            draft("a", "U", "S", "1.05.02.2.01.0001"),
            draft("b", "U", "S", "1.05.02.2.01.0001"),
        ];
        let mut changed = draft("b", "U", "S", "1.05.02.2.01.0001");
        changed.values.target = "90".into();
        let v2 = vec![changed, draft("c", "U", "S", "1.05.02.2.01.0001")];
        let d = diff(&v1, &v2);
        assert_eq!(
            d.added.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
            ["c"]
        );
        assert_eq!(
            d.removed.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
            ["a"]
        );
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.changed[0].2, [Col::Target]);
        assert_eq!(diff(&v1, &v1), Diff::default());
    }
}
