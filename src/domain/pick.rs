//! Values of a pick-list as a file brings them (sumber dana; the Renstra's sasaran, indikator
//! and their satuan; a sub kegiatan code): matched to the list whatever their case and spacing,
//! and kept as the list writes them ("dau" is DAU). A value the list does not hold is named, so
//! that it is corrected before anything is stored: the table beside it offers only the list.

use super::rkt::{Col, RowValues, tidy};

/// What entries of a list are compared by: no spaces at the ends, runs of spaces (and odd ones
/// pasted from the web) made one, lower case.
pub fn key(s: &str) -> String {
    tidy(s).to_lowercase()
}

/// The entry of `list` that `typed` is, written as the list writes it.
pub fn pick<'a, S: AsRef<str>>(list: &'a [S], typed: &str) -> Option<&'a str> {
    let wanted = key(typed);
    list.iter()
        .map(AsRef::as_ref)
        .find(|entry| key(entry) == wanted)
}

/// Between a code and its name in a template's drop-down list.
pub const CODE_SEP: &str = " — ";

/// A code as its drop-down offers it: "1.05.02.2.01.0001 — Penanganan Gangguan".
pub fn code_choice(code: &str, name: &str) -> String {
    format!("{code}{CODE_SEP}{name}")
}

/// The code of a cell holding a bare code or a drop-down's "code — name" (a dash or spaces
/// between them). The name is the list's label and not checked: the code decides. A hyphen
/// typed inside a code ("1.05-02") is kept, for the code check to name what was typed.
pub fn code_of(typed: &str) -> String {
    let t = tidy(typed);
    let end = t
        .find(|c: char| c.is_whitespace() || matches!(c, '—' | '–'))
        .unwrap_or(t.len());
    t[..end].to_string()
}

/// The lists a year's FORMAT RKT picks from. An empty list takes any text (an office without
/// a Renstra or funding sources yet): there is nothing to pick from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lists {
    /// The Renstra of the year: each sasaran with its indikator and their satuan.
    pub renstra: Vec<(String, Vec<(String, String)>)>,
    /// How problems name the Renstra ("Renstra 2021–2026").
    pub renstra_name: String,
    pub funding: Vec<String>,
}

impl Lists {
    /// Makes a row's pick-list cells what the lists write, and names each that matches nothing
    /// (that cell is left as typed). Empty cells are `validate_row`'s to report.
    pub fn settle(&self, row: &mut RowValues) -> Vec<(Col, String)> {
        let mut problems = Vec::new();
        if !row.code.trim().is_empty() {
            row.code = code_of(&row.code);
        }
        if !self.funding.is_empty() && !row.sumber_dana.trim().is_empty() {
            match pick(&self.funding, &row.sumber_dana) {
                Some(f) => row.sumber_dana = f.to_string(),
                None => problems.push((
                    Col::SumberDana,
                    format!(
                        "sumber dana \"{}\" tidak ada di daftar ({})",
                        row.sumber_dana.trim(),
                        self.funding.join(", ")
                    ),
                )),
            }
        }
        if self.renstra.is_empty() || row.sasaran.trim().is_empty() {
            return problems;
        }
        let names: Vec<&str> = self.renstra.iter().map(|(s, _)| s.as_str()).collect();
        let Some(at) =
            pick(&names, &row.sasaran).and_then(|s| self.renstra.iter().position(|(x, _)| x == s))
        else {
            problems.push((
                Col::Sasaran,
                format!(
                    "sasaran \"{}\" tidak ada di {}",
                    row.sasaran.trim(),
                    self.renstra_name
                ),
            ));
            return problems;
        };
        let (sasaran, indikator) = &self.renstra[at];
        row.sasaran = sasaran.clone();
        if row.indikator.trim().is_empty() {
            return problems;
        }
        let texts: Vec<&str> = indikator.iter().map(|(i, _)| i.as_str()).collect();
        let Some((text, satuan)) =
            pick(&texts, &row.indikator).and_then(|t| indikator.iter().find(|(i, _)| i == t))
        else {
            problems.push((
                Col::Indikator,
                format!(
                    "indikator \"{}\" tidak ada di sasaran ini dalam {}",
                    row.indikator.trim(),
                    self.renstra_name
                ),
            ));
            return problems;
        };
        row.indikator = text.clone();
        if row.satuan.trim().is_empty() {
            return problems;
        }
        match pick(std::slice::from_ref(satuan), &row.satuan) {
            Some(s) => row.satuan = s.to_string(),
            None => problems.push((
                Col::Satuan,
                format!(
                    "satuan indikator ini di {} adalah \"{satuan}\", bukan \"{}\"",
                    self.renstra_name,
                    row.satuan.trim()
                ),
            )),
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Lists {
        Lists {
            renstra: vec![(
                "Meningkatnya ketenteraman dan ketertiban umum".into(),
                vec![
                    ("Persentase gangguan yang diselesaikan".into(), "%".into()),
                    ("Jumlah patroli wilayah".into(), "kali".into()),
                ],
            )],
            renstra_name: "Renstra 2021–2026".into(),
            funding: vec!["DAU".into(), "PAD".into()],
        }
    }

    fn row() -> RowValues {
        RowValues {
            sasaran: "  meningkatnya   KETENTERAMAN dan ketertiban\u{a0}umum ".into(),
            indikator: "jumlah  patroli WILAYAH".into(),
            satuan: " KALI".into(),
            target: "156".into(),
            code: "1.05.02.2.01.0001 — Penanganan Gangguan".into(),
            pagu: "Rp 1.000".into(),
            sumber_dana: "dau".into(),
            penanggung_jawab: "kabid".into(),
            keterangan: String::new(),
        }
    }

    #[test]
    fn a_value_is_the_lists_whatever_its_case_and_spaces() {
        assert_eq!(pick(&["DAU", "PAD"], "  dau "), Some("DAU"));
        assert_eq!(pick(&["Dana  Desa"], "dana desa"), Some("Dana  Desa"));
        assert_eq!(pick(&["DAU"], "DAUU"), None);
        let mut r = row();
        assert_eq!(lists().settle(&mut r), []);
        assert_eq!(r.sasaran, "Meningkatnya ketenteraman dan ketertiban umum");
        assert_eq!(r.indikator, "Jumlah patroli wilayah");
        assert_eq!(r.satuan, "kali");
        assert_eq!(r.sumber_dana, "DAU");
        assert_eq!(r.code, "1.05.02.2.01.0001");
        // What is not a pick-list stays as typed.
        assert_eq!(r.penanggung_jawab, "kabid");
    }

    #[test]
    fn a_code_comes_bare_or_with_its_name() {
        for typed in [
            "1.05.02.2.01.0001",
            " 1.05.02.2.01.0001\u{a0}",
            "1.05.02.2.01.0001 — Penanganan Gangguan",
            "1.05.02.2.01.0001—Penanganan",
            "1.05.02.2.01.0001–Penanganan",
            "1.05.02.2.01.0001 - Penanganan",
            "1.05.02.2.01.0001  Penanganan",
        ] {
            assert_eq!(code_of(typed), "1.05.02.2.01.0001", "{typed:?}");
        }
        assert_eq!(code_of("1.05-02"), "1.05-02");
        assert_eq!(
            code_of(&code_choice("1.05.02", "Program P")),
            "1.05.02",
            "the drop-down's own entries read back"
        );
    }

    #[test]
    fn what_matches_nothing_is_named_by_column_and_left_as_typed() {
        let l = lists();
        let mut r = row();
        r.sumber_dana = "APBN".into();
        r.satuan = "persen".into();
        r.indikator = "persentase gangguan yang diselesaikan".into();
        let p = l.settle(&mut r);
        assert_eq!(
            p,
            [
                (
                    Col::SumberDana,
                    "sumber dana \"APBN\" tidak ada di daftar (DAU, PAD)".to_string()
                ),
                (
                    Col::Satuan,
                    "satuan indikator ini di Renstra 2021–2026 adalah \"%\", bukan \"persen\""
                        .to_string()
                ),
            ]
        );
        assert_eq!(r.sumber_dana, "APBN");
        let mut r = row();
        r.sasaran = "Sasaran lain".into();
        assert_eq!(
            l.settle(&mut r),
            [(
                Col::Sasaran,
                "sasaran \"Sasaran lain\" tidak ada di Renstra 2021–2026".to_string()
            )]
        );
        let mut r = row();
        r.indikator = "Indikator lain".into();
        assert_eq!(l.settle(&mut r)[0].0, Col::Indikator);
        // No lists yet: any text is taken (tidied), only the code's name dropped.
        let mut r = row();
        assert_eq!(Lists::default().settle(&mut r), []);
        assert_eq!(r.sumber_dana, "dau");
        assert_eq!(r.code, "1.05.02.2.01.0001");
    }
}
