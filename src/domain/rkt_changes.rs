//! What a FORMAT RKT import changes against the unit's rows now: each row of the file new, the
//! same, or changed cell by cell (old → new), and the rows now that the file no longer holds.
//! Rows carry no key through a workbook, so the file's rows are paired with the rows now in
//! order, each pair alike in most of its cells (an edit in the middle shifts nothing).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use super::rkt::{Col, RowValues, parse_rupiah, parse_target, tidy};

/// One row of the file against the row now it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// No row now is like it.
    New,
    Same,
    /// The cells that differ, each with its value now.
    Changed(Vec<(Col, String)>),
}

/// A file's rows against the unit's rows now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowChanges {
    /// One for each row of the file, in its order.
    pub rows: Vec<Change>,
    /// The rows now that the file does not hold: their No in the table now, and their values.
    pub gone: Vec<(usize, RowValues)>,
}

impl RowChanges {
    pub fn count(&self, f: impl Fn(&Change) -> bool) -> usize {
        self.rows.iter().filter(|c| f(c)).count()
    }

    /// "2 baru, 1 berubah, 5 tetap, 1 hilang".
    pub fn summary(&self) -> String {
        format!(
            "{} baru, {} berubah, {} tetap, {} hilang",
            self.count(|c| *c == Change::New),
            self.count(|c| matches!(c, Change::Changed(_))),
            self.count(|c| *c == Change::Same),
            self.gone.len()
        )
    }
}

/// Whether two values of a column say the same: amounts and targets as numbers ("Rp 25.000.000"
/// is 25.000.000; "80" is "80,0"), other text tidied.
pub fn same_value(col: Col, a: &str, b: &str) -> bool {
    cell_key(col, a) == cell_key(col, b)
}

fn cell_key(col: Col, v: &str) -> u64 {
    let mut h = DefaultHasher::new();
    match col {
        Col::Pagu => match parse_rupiah(v) {
            Ok(n) => (0u8, n).hash(&mut h),
            Err(_) => (1u8, tidy(v)).hash(&mut h),
        },
        Col::Target => match parse_target(v) {
            Ok(n) => (0u8, n.to_bits()).hash(&mut h),
            Err(_) => (1u8, tidy(v)).hash(&mut h),
        },
        _ => tidy(v).hash(&mut h),
    }
    h.finish()
}

type Keys = [u64; Col::ALL.len()];

fn keys(r: &RowValues) -> Keys {
    Col::ALL.map(|c| cell_key(c, r.get(c)))
}

/// How many cells two rows share.
fn alike(a: &Keys, b: &Keys) -> u32 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as u32
}

/// A row stands for another when most of its cells are the same.
const PAIRED: u32 = Col::ALL.len() as u32 / 2 + 1;

/// Beyond this many comparisons the rows are paired by their place (a file of thousands of
/// rows against thousands: the best pairing would take too long to show a preview).
const MAX_ALIGNED: usize = 4_000_000;

/// The file's rows `file` against the unit's rows `now`.
pub fn compare(now: &[RowValues], file: &[RowValues]) -> RowChanges {
    let a: Vec<Keys> = now.iter().map(keys).collect();
    let b: Vec<Keys> = file.iter().map(keys).collect();
    let pairs = if a.len().saturating_mul(b.len()) <= MAX_ALIGNED {
        aligned(&a, &b)
    } else {
        (0..a.len().min(b.len()))
            .filter(|&i| alike(&a[i], &b[i]) >= PAIRED)
            .map(|i| (i, i))
            .collect()
    };
    let mut partner: Vec<Option<usize>> = vec![None; file.len()];
    let mut kept = vec![false; now.len()];
    for (i, j) in pairs {
        partner[j] = Some(i);
        kept[i] = true;
    }
    let rows = file
        .iter()
        .zip(&partner)
        .map(|(f, p)| match p {
            None => Change::New,
            Some(i) => {
                let was = &now[*i];
                let cells: Vec<(Col, String)> = Col::ALL
                    .into_iter()
                    .filter(|c| !same_value(*c, was.get(*c), f.get(*c)))
                    .map(|c| (c, was.get(c).to_string()))
                    .collect();
                if cells.is_empty() {
                    Change::Same
                } else {
                    Change::Changed(cells)
                }
            }
        })
        .collect();
    let gone = now
        .iter()
        .enumerate()
        .filter(|(i, _)| !kept[*i])
        .map(|(i, r)| (i + 1, r.clone()))
        .collect();
    RowChanges { rows, gone }
}

/// The pairs (row now, row of the file), in order on both sides, that pair the most rows and,
/// among those, share the most cells.
fn aligned(a: &[Keys], b: &[Keys]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    // best[i * w + j]: the score of the rows from i and j on; a pair counts far more than
    // the cells it shares.
    let score = |i: usize, j: usize| {
        let s = alike(&a[i], &b[j]);
        (s >= PAIRED).then_some(100 + s)
    };
    let mut best = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let skip = best[(i + 1) * w + j].max(best[i * w + j + 1]);
            let pair = score(i, j).map_or(0, |s| s + best[(i + 1) * w + j + 1]);
            best[i * w + j] = skip.max(pair);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        let here = best[i * w + j];
        if score(i, j).is_some_and(|s| s + best[(i + 1) * w + j + 1] == here) {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if best[(i + 1) * w + j] == here {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(indikator: &str, target: &str, pagu: &str) -> RowValues {
        RowValues {
            sasaran: "Meningkatnya ketenteraman".into(),
            indikator: indikator.into(),
            satuan: "%".into(),
            target: target.into(),
            code: "1.05.02.2.01.0001".into(),
            pagu: pagu.into(),
            sumber_dana: "DAU".into(),
            penanggung_jawab: "Kabid Trantibum".into(),
            keterangan: String::new(),
        }
    }

    #[test]
    fn each_changed_cell_is_named_with_its_value_now() {
        let now = vec![
            row("Indikator A", "100", "Rp 25.000.000"),
            row("Indikator B", "80", "Rp 10.000.000"),
            row("Indikator C", "70", "Rp 5.000.000"),
        ];
        // B's pagu and target changed (written another way where the same), a row put in
        // before C, C's sumber dana changed.
        let mut b = row("Indikator B", "95", "30.000.000");
        b.satuan = "%".into();
        let mut c = row("Indikator C", "70,0", "5000000");
        c.sumber_dana = "PAD".into();
        let mut fresh = row("Indikator D", "1", "Rp 1");
        fresh.sasaran = "Sasaran lain".into();
        fresh.code = "1.05.01.2.01.0001".into();
        fresh.satuan = "kali".into();
        fresh.sumber_dana = "DAK".into();
        let file = vec![now[0].clone(), b, fresh, c];
        let d = compare(&now, &file);
        assert_eq!(
            d.rows,
            [
                Change::Same,
                Change::Changed(vec![
                    (Col::Target, "80".into()),
                    (Col::Pagu, "Rp 10.000.000".into())
                ]),
                Change::New,
                Change::Changed(vec![(Col::SumberDana, "DAU".into())]),
            ]
        );
        assert!(d.gone.is_empty());
        assert_eq!(d.summary(), "1 baru, 2 berubah, 1 tetap, 0 hilang");
    }

    #[test]
    fn rows_the_file_no_longer_holds_are_listed_with_their_number() {
        let now = vec![
            row("Indikator A", "1", "1"),
            row("Indikator B", "2", "2"),
            row("Indikator C", "3", "3"),
        ];
        let file = vec![now[0].clone(), now[2].clone()];
        let d = compare(&now, &file);
        assert_eq!(d.rows, [Change::Same, Change::Same]);
        assert_eq!(d.gone, [(2, now[1].clone())]);
        // Nothing now: every row is new; an empty file: every row gone.
        assert_eq!(compare(&[], &file).rows, [Change::New, Change::New]);
        assert_eq!(compare(&now, &[]).gone.len(), 3);
    }

    #[test]
    fn a_row_unlike_any_is_new_and_the_one_it_replaced_is_gone() {
        let now = vec![row("Indikator A", "1", "1")];
        let mut other = row("Indikator Z", "9", "9");
        other.sasaran = "Lain".into();
        other.code = "1.05.01.2.01.0001".into();
        other.sumber_dana = "PAD".into();
        other.penanggung_jawab = "Lain".into();
        let d = compare(&now, std::slice::from_ref(&other));
        assert_eq!(d.rows, [Change::New]);
        assert_eq!(d.gone.len(), 1);
    }

    #[test]
    fn many_rows_are_paired_by_place() {
        let now: Vec<RowValues> = (0..2100).map(|i| row(&format!("I{i}"), "1", "1")).collect();
        let mut file = now.clone();
        file[7].target = "2".into();
        let d = compare(&now, &file);
        assert_eq!(d.rows[7], Change::Changed(vec![(Col::Target, "1".into())]));
        assert_eq!(d.count(|c| *c == Change::Same), 2099);
    }
}
