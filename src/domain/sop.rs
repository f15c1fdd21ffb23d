//! The SOP as data: parsed from `sop.toml`, checked, and answered from.
//!
//! Parsing is two-pass: serde reads the raw file (keeping byte spans), then `validate` checks
//! what serde cannot (numbering, lanes, exits) and reports every error with its line.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use super::duration::{DurationUnit, WorkDuration};

/// The SOP shipped with the program (also the template for an override in the data folder).
pub const EMBEDDED_SOP: &str = include_str!("../../sop.toml");

/// The only format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

pub type StepNo = u32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbol {
    Start,
    Process,
    Decision,
    End,
}

/// Where the flow goes after a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// A start or process step: one way on. `None` after the last (end) step.
    Next(Option<StepNo>),
    /// A decision: "Ya" (accepted) and "Tidak" (returned with corrections).
    Decision { yes: StepNo, no: StepNo },
}

/// What must be true before a step can be completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// Every unit has submitted its FORMAT RKT (or a reason to go on is recorded).
    FormatsSubmitted,
    /// A Draft RKT has been compiled.
    DraftCompiled,
    /// (A decision step) accepting is signing: the year's RKT carries the head's signature.
    Signed,
    /// The signed RKT's PDF is in the archive.
    Archived,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub no: StepNo,
    pub text: String,
    /// Indices into `Sop::lanes`, in lane order.
    pub lanes: Vec<usize>,
    pub symbol: Symbol,
    pub equipment: String,
    pub duration: WorkDuration,
    pub output: String,
    pub remark: String,
    pub exit: Exit,
    pub requirement: Option<Requirement>,
}

impl Step {
    /// Is this the signing step (its "Ya" is the head's signature)? Any other decision is
    /// answered with a plain yes or no.
    pub fn signs(&self) -> bool {
        self.symbol == Symbol::Decision && self.requirement == Some(Requirement::Signed)
    }
}

/// The identity page of an SOP AP document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Identity {
    pub agency: String,
    pub number: String,
    pub created: Option<NaiveDate>,
    pub revised: Option<NaiveDate>,
    pub ratified: Option<NaiveDate>,
    pub ratified_by: String,
    pub name: String,
    /// The short name of the document the cycle produces ("RKT", "Renja"): `dokumen`, or
    /// taken from `name` (see `document_of`). The window's words use it.
    pub document: String,
    pub place_and_date: String,
    pub legal_basis: Vec<String>,
    pub qualifications: Vec<String>,
    pub related: Vec<String>,
    pub equipment: Vec<String>,
    pub warnings: Vec<String>,
    pub records: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sop {
    pub identity: Identity,
    pub lanes: Vec<Lane>,
    pub steps: Vec<Step>,
}

/// A problem in an SOP file, with the 1-based line where it is (when known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SopError {
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for SopError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "baris {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// All problems found in one SOP file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SopErrors(pub Vec<SopError>);

impl fmt::Display for SopErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SopErrors {}

// ---- the file as written ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSop {
    versi_format: Spanned<u32>,
    identitas: RawIdentity,
    pelaksana: Vec<Spanned<RawLane>>,
    langkah: Vec<Spanned<RawStep>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIdentity {
    instansi: String,
    nomor: String,
    tanggal_pembuatan: Spanned<String>,
    #[serde(default)]
    tanggal_revisi: Option<Spanned<String>>,
    tanggal_pengesahan: Spanned<String>,
    disahkan_oleh: String,
    nama: String,
    #[serde(default)]
    dokumen: Option<String>,
    #[serde(default)]
    tempat_tanggal: String,
    #[serde(default)]
    dasar_hukum: Vec<String>,
    #[serde(default)]
    kualifikasi_pelaksana: Vec<String>,
    #[serde(default)]
    keterkaitan: Vec<String>,
    #[serde(default)]
    peralatan_perlengkapan: Vec<String>,
    #[serde(default)]
    peringatan: Vec<String>,
    #[serde(default)]
    pencatatan_pendataan: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLane {
    id: String,
    nama: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    no: Spanned<u32>,
    uraian: String,
    pelaksana: Spanned<Vec<String>>,
    simbol: Spanned<String>,
    #[serde(default)]
    kelengkapan: String,
    waktu: Spanned<RawDuration>,
    #[serde(default)]
    output: String,
    #[serde(default)]
    keterangan: String,
    #[serde(default)]
    lanjut: Option<Spanned<u32>>,
    #[serde(default)]
    ya: Option<Spanned<u32>>,
    #[serde(default)]
    tidak: Option<Spanned<u32>>,
    #[serde(default)]
    syarat: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDuration {
    jumlah: u32,
    satuan: String,
}

/// Maps byte offsets to 1-based line numbers.
struct Lines<'a>(&'a str);

impl Lines<'_> {
    fn of(&self, span: Range<usize>) -> Option<usize> {
        let end = span.start.min(self.0.len());
        Some(self.0[..end].bytes().filter(|&b| b == b'\n').count() + 1)
    }
}

impl Sop {
    /// Parses and checks an SOP file. Every problem is reported, each with its line.
    pub fn parse(text: &str) -> Result<Sop, SopErrors> {
        let lines = Lines(text);
        let raw: RawSop = toml::from_str(text).map_err(|e| {
            SopErrors(vec![SopError {
                line: e.span().and_then(|s| lines.of(s)),
                message: format!(
                    "isi berkas tidak sesuai format: {}",
                    super::toml_words::explain(e.message(), e.span().and_then(|s| text.get(s)))
                ),
            }])
        })?;
        build(raw, &lines)
    }

    /// The SOP embedded in the program.
    pub fn embedded() -> Sop {
        Sop::parse(EMBEDDED_SOP).expect("the embedded sop.toml is checked by the tests")
    }

    pub fn step(&self, no: StepNo) -> Option<&Step> {
        self.steps.get((no as usize).checked_sub(1)?)
    }

    pub fn first_step(&self) -> StepNo {
        1
    }

    pub fn lane_index(&self, id: &str) -> Option<usize> {
        self.lanes.iter().position(|l| l.id == id)
    }

    /// The lane names of a step, joined for display ("TIM / KASUBAG ...").
    pub fn lane_names(&self, step: &Step) -> String {
        step.lanes
            .iter()
            .map(|&i| self.lanes[i].name.as_str())
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// May someone standing in `lanes` (lane ids of sop.toml) act on `step`? The one
    /// definition of "whose step is it".
    pub fn admits(&self, step: &Step, lanes: &[String]) -> bool {
        step.lanes
            .iter()
            .any(|&i| self.lanes.get(i).is_some_and(|l| lanes.contains(&l.id)))
    }

    /// The step that carries a requirement (the SOP has at most one of each).
    pub fn step_requiring(&self, req: Requirement) -> Option<&Step> {
        self.steps.iter().find(|s| s.requirement == Some(req))
    }

    /// May someone standing in `lanes` do the work of the step that carries `req` (collect the
    /// formats, compile the draft)? An SOP without such a step names nobody to refuse. The
    /// error says who may.
    pub fn require_lane_of(&self, req: Requirement, lanes: &[String]) -> Result<(), String> {
        match self.step_requiring(req) {
            Some(step) if !self.admits(step, lanes) => Err(format!(
                "Hanya {} (pelaksana langkah {}) yang boleh melakukan ini.",
                self.lane_names(step),
                step.no
            )),
            _ => Ok(()),
        }
    }

    /// The SOP's name ("SOP Penyusunan RKT"), as its identity page writes it.
    pub fn name(&self) -> &str {
        &self.identity.name
    }

    /// The short name of the document the cycle produces ("RKT"): the window's words
    /// ("Siklus RKT Tahun 2027") follow the SOP in force.
    pub fn document(&self) -> &str {
        &self.identity.document
    }

    /// The names of the given lane ids, in the SOP's lane order; unknown ids are left out.
    pub fn lane_names_of(&self, ids: &[String]) -> Vec<&str> {
        self.lanes
            .iter()
            .filter(|l| ids.contains(&l.id))
            .map(|l| l.name.as_str())
            .collect()
    }

    /// The given lanes as a person's roles ("Kasubag Perencanaan dan Pelaporan"), in the SOP's
    /// lane order: the column names are written in capitals, a role in a sentence is not.
    pub fn lane_roles_of(&self, ids: &[String]) -> Vec<String> {
        self.lane_names_of(ids)
            .into_iter()
            .map(super::indo::title_case)
            .collect()
    }

    /// The step that follows along the default ("Ya") path.
    pub fn default_next(&self, no: StepNo) -> Option<StepNo> {
        match self.step(no)?.exit {
            Exit::Next(next) => next,
            Exit::Decision { yes, .. } => Some(yes),
        }
    }
}

/// The document an SOP named `name` produces, when its file does not say (`dokumen`): the
/// abbreviation in closing brackets ("SOP Penyusunan Rencana Kinerja Tahunan (RKT)" → "RKT"),
/// else the name without "SOP" and "Penyusunan" ("SOP Penyusunan Renja" → "Renja"), else the
/// name itself.
pub fn document_of(name: &str) -> String {
    let name = name.trim();
    if let Some(inner) = name
        .strip_suffix(')')
        .and_then(|n| n.rsplit_once('('))
        .map(|(_, inner)| inner.trim())
        .filter(|i| !i.is_empty())
    {
        return inner.to_string();
    }
    let strip = |s: &'_ str, word: &str| -> Option<String> {
        let head = s.get(..word.len())?;
        let rest = s.get(word.len()..)?;
        (head.eq_ignore_ascii_case(word) && rest.starts_with(' ')).then(|| rest.trim().to_string())
    };
    let without_sop = strip(name, "SOP").unwrap_or_else(|| name.to_string());
    let rest = strip(&without_sop, "Penyusunan").unwrap_or(without_sop);
    if rest.is_empty() {
        name.to_string()
    } else {
        rest
    }
}

fn parse_date(
    field: &str,
    value: &Spanned<String>,
    lines: &Lines,
    errors: &mut Vec<SopError>,
) -> Option<NaiveDate> {
    let s = value.get_ref().trim();
    if s.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(SopError {
                line: lines.of(value.span()),
                message: format!("{field} \"{s}\" bukan tanggal; tulis seperti \"2023-01-03\""),
            });
            None
        }
    }
}

fn build(raw: RawSop, lines: &Lines) -> Result<Sop, SopErrors> {
    let mut errors = Vec::new();
    let err = |errors: &mut Vec<SopError>, span: Range<usize>, message: String| {
        errors.push(SopError {
            line: lines.of(span),
            message,
        })
    };

    if *raw.versi_format.get_ref() != FORMAT_VERSION {
        err(
            &mut errors,
            raw.versi_format.span(),
            format!(
                "versi_format {} tidak dikenal; program ini membaca versi {FORMAT_VERSION}",
                raw.versi_format.get_ref()
            ),
        );
    }

    let id = &raw.identitas;
    let identity = Identity {
        agency: id.instansi.clone(),
        number: id.nomor.clone(),
        created: parse_date(
            "tanggal_pembuatan",
            &id.tanggal_pembuatan,
            lines,
            &mut errors,
        ),
        revised: id
            .tanggal_revisi
            .as_ref()
            .and_then(|d| parse_date("tanggal_revisi", d, lines, &mut errors)),
        ratified: parse_date(
            "tanggal_pengesahan",
            &id.tanggal_pengesahan,
            lines,
            &mut errors,
        ),
        ratified_by: id.disahkan_oleh.clone(),
        name: id.nama.clone(),
        document: id
            .dokumen
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map_or_else(|| document_of(&id.nama), str::to_string),
        place_and_date: id.tempat_tanggal.clone(),
        legal_basis: id.dasar_hukum.clone(),
        qualifications: id.kualifikasi_pelaksana.clone(),
        related: id.keterkaitan.clone(),
        equipment: id.peralatan_perlengkapan.clone(),
        warnings: id.peringatan.clone(),
        records: id.pencatatan_pendataan.clone(),
    };

    // Lanes: at least one, unique ids, non-empty names.
    let mut lanes = Vec::new();
    let mut seen = HashSet::new();
    for lane in &raw.pelaksana {
        let l = lane.get_ref();
        if l.id.trim().is_empty() || l.nama.trim().is_empty() {
            err(
                &mut errors,
                lane.span(),
                "pelaksana harus punya id dan nama".into(),
            );
        } else if !seen.insert(l.id.clone()) {
            err(
                &mut errors,
                lane.span(),
                format!("id pelaksana \"{}\" ditulis dua kali", l.id),
            );
        }
        lanes.push(Lane {
            id: l.id.clone(),
            name: l.nama.clone(),
        });
    }
    if lanes.is_empty() {
        errors.push(SopError {
            line: None,
            message: "tidak ada [[pelaksana]]: SOP butuh sedikitnya satu kolom pelaksana".into(),
        });
    }

    let count = raw.langkah.len() as u32;
    if count < 2 {
        errors.push(SopError {
            line: None,
            message: "SOP butuh sedikitnya dua [[langkah]] (mulai dan selesai)".into(),
        });
    }
    let in_range = |n: u32| (1..=count).contains(&n);

    let mut steps = Vec::new();
    for (i, spanned) in raw.langkah.iter().enumerate() {
        let s = spanned.get_ref();
        let expected = i as u32 + 1;
        let no = *s.no.get_ref();
        if no != expected {
            err(
                &mut errors,
                s.no.span(),
                format!(
                    "langkah ke-{expected} bernomor {no}; langkah harus bernomor urut 1, 2, 3, ..."
                ),
            );
        }
        if s.uraian.trim().is_empty() {
            err(
                &mut errors,
                spanned.span(),
                format!("uraian langkah {no} kosong"),
            );
        }

        let mut step_lanes = Vec::new();
        for lane_id in s.pelaksana.get_ref() {
            match lanes.iter().position(|l| &l.id == lane_id) {
                Some(idx) if step_lanes.contains(&idx) => err(
                    &mut errors,
                    s.pelaksana.span(),
                    format!("pelaksana \"{lane_id}\" ditulis dua kali pada langkah {no}"),
                ),
                Some(idx) => step_lanes.push(idx),
                None => err(
                    &mut errors,
                    s.pelaksana.span(),
                    format!(
                        "pelaksana \"{lane_id}\" pada langkah {no} tidak ada di daftar [[pelaksana]]"
                    ),
                ),
            }
        }
        step_lanes.sort_unstable();
        if s.pelaksana.get_ref().is_empty() {
            err(
                &mut errors,
                s.pelaksana.span(),
                format!("langkah {no} tidak punya pelaksana"),
            );
        }

        let symbol = match s.simbol.get_ref().as_str() {
            "mulai" => Symbol::Start,
            "proses" => Symbol::Process,
            "keputusan" => Symbol::Decision,
            "selesai" => Symbol::End,
            other => {
                err(
                    &mut errors,
                    s.simbol.span(),
                    format!(
                        "simbol \"{other}\" tidak dikenal; pilih mulai, proses, keputusan, atau selesai"
                    ),
                );
                Symbol::Process
            }
        };
        let is_first = i == 0;
        let is_last = expected == count;
        if is_first && symbol != Symbol::Start {
            err(
                &mut errors,
                s.simbol.span(),
                "langkah pertama harus bersimbol \"mulai\"".into(),
            );
        }
        if !is_first && symbol == Symbol::Start {
            err(
                &mut errors,
                s.simbol.span(),
                format!("hanya langkah pertama yang boleh bersimbol \"mulai\" (langkah {no})"),
            );
        }
        if is_last && symbol != Symbol::End {
            err(
                &mut errors,
                s.simbol.span(),
                "langkah terakhir harus bersimbol \"selesai\"".into(),
            );
        }

        let w = s.waktu.get_ref();
        let unit = match w.satuan.to_lowercase().as_str() {
            "menit" => Some(DurationUnit::Minutes),
            "jam" => Some(DurationUnit::Hours),
            "hari" => Some(DurationUnit::Days),
            "minggu" => Some(DurationUnit::Weeks),
            _ => None,
        };
        let duration = match unit {
            Some(unit) if w.jumlah > 0 => WorkDuration::new(w.jumlah, unit),
            Some(_) => {
                err(
                    &mut errors,
                    s.waktu.span(),
                    format!("waktu langkah {no} harus lebih dari 0"),
                );
                WorkDuration::new(1, DurationUnit::Days)
            }
            None => {
                err(
                    &mut errors,
                    s.waktu.span(),
                    format!(
                        "satuan waktu \"{}\" tidak dikenal; pilih menit, jam, hari, atau minggu",
                        w.satuan
                    ),
                );
                WorkDuration::new(1, DurationUnit::Days)
            }
        };

        let target = |field: &str, v: &Spanned<u32>, errors: &mut Vec<SopError>| -> u32 {
            let n = *v.get_ref();
            if !in_range(n) {
                err(
                    errors,
                    v.span(),
                    format!("{field} = {n} pada langkah {no}: tidak ada langkah {n}"),
                );
            } else if n == no {
                err(
                    errors,
                    v.span(),
                    format!("{field} = {n} pada langkah {no} menunjuk dirinya sendiri"),
                );
            }
            n
        };
        let exit = if symbol == Symbol::Decision {
            match (&s.ya, &s.tidak) {
                (Some(yes), Some(no_)) => Exit::Decision {
                    yes: target("ya", yes, &mut errors),
                    no: target("tidak", no_, &mut errors),
                },
                _ => {
                    err(
                        &mut errors,
                        spanned.span(),
                        format!("langkah keputusan {no} harus menulis `ya = N` dan `tidak = N`"),
                    );
                    Exit::Decision { yes: no, no }
                }
            }
        } else {
            if let Some(v) = s.ya.as_ref().or(s.tidak.as_ref()) {
                err(
                    &mut errors,
                    v.span(),
                    format!(
                        "`ya`/`tidak` hanya untuk langkah keputusan (langkah {no} bukan keputusan)"
                    ),
                );
            }
            match (&s.lanjut, symbol) {
                (Some(v), Symbol::End) => {
                    err(
                        &mut errors,
                        v.span(),
                        format!("langkah selesai {no} tidak punya langkah lanjutan"),
                    );
                    Exit::Next(None)
                }
                (_, Symbol::End) => Exit::Next(None),
                (Some(v), _) => Exit::Next(Some(target("lanjut", v, &mut errors))),
                (None, _) if is_last => Exit::Next(None),
                (None, _) => Exit::Next(Some(no + 1)),
            }
        };

        let requirement = s.syarat.as_ref().and_then(|v| match v.get_ref().as_str() {
            "format_terkumpul" => Some(Requirement::FormatsSubmitted),
            "draf_tersusun" => Some(Requirement::DraftCompiled),
            "rkt_ditandatangani" => Some(Requirement::Signed),
            "rkt_diarsipkan" => Some(Requirement::Archived),
            other => {
                err(
                    &mut errors,
                    v.span(),
                    format!(
                        "syarat \"{other}\" tidak dikenal; pilih format_terkumpul, draf_tersusun, rkt_ditandatangani atau rkt_diarsipkan"
                    ),
                );
                None
            }
        });
        // Signing is a decision's "Ya"; and a requirement names one step, the one the window
        // and the store look up (`step_requiring`).
        if let (Some(req), Some(v)) = (requirement, s.syarat.as_ref()) {
            if req == Requirement::Signed && symbol != Symbol::Decision {
                err(
                    &mut errors,
                    v.span(),
                    format!(
                        "syarat \"rkt_ditandatangani\" hanya untuk langkah keputusan (langkah {no} bukan keputusan)"
                    ),
                );
            }
            if let Some(other) = steps.iter().find(|o: &&Step| o.requirement == Some(req)) {
                err(
                    &mut errors,
                    v.span(),
                    format!(
                        "syarat \"{}\" sudah dipakai langkah {}; setiap syarat hanya untuk satu langkah",
                        v.get_ref(),
                        other.no
                    ),
                );
            }
        }
        steps.push(Step {
            requirement,
            no,
            text: s.uraian.trim().to_string(),
            lanes: step_lanes,
            symbol,
            equipment: s.kelengkapan.trim().to_string(),
            duration,
            output: s.output.trim().to_string(),
            remark: s.keterangan.trim().to_string(),
            exit,
        });
    }

    // Only a signed RKT is archived: an archiving step needs the signing before it.
    let at = |req| steps.iter().find(|s: &&Step| s.requirement == Some(req));
    if let Some(archive) = at(Requirement::Archived)
        && at(Requirement::Signed).is_none_or(|sign| sign.no > archive.no)
    {
        errors.push(SopError {
            line: None,
            message: format!(
                "langkah {} bersyarat rkt_diarsipkan, tetapi tidak ada langkah rkt_ditandatangani sebelumnya: yang diarsipkan adalah RKT yang ditandatangani",
                archive.no
            ),
        });
    }

    if errors.is_empty() {
        check_reachability(&steps, &mut errors);
    }

    if errors.is_empty() {
        Ok(Sop {
            identity,
            lanes,
            steps,
        })
    } else {
        errors.sort_by_key(|e| e.line.unwrap_or(usize::MAX));
        Err(SopErrors(errors))
    }
}

/// Every step can be reached from step 1, and from every step an end can be reached:
/// otherwise a cycle could stall forever.
fn check_reachability(steps: &[Step], errors: &mut Vec<SopError>) {
    let succ = |s: &Step| -> Vec<StepNo> {
        match s.exit {
            Exit::Next(n) => n.into_iter().collect(),
            Exit::Decision { yes, no } => vec![yes, no],
        }
    };
    let n = steps.len();
    let mut reached = vec![false; n];
    let mut stack = vec![1u32];
    while let Some(no) = stack.pop() {
        let i = no as usize - 1;
        if !reached[i] {
            reached[i] = true;
            stack.extend(succ(&steps[i]));
        }
    }
    for (i, r) in reached.iter().enumerate() {
        if !r {
            errors.push(SopError {
                line: None,
                message: format!("langkah {} tidak pernah tercapai dari langkah 1", i + 1),
            });
        }
    }
    // Reverse reachability from the end steps.
    let mut ends = vec![false; n];
    let mut changed = true;
    while changed {
        changed = false;
        for (i, s) in steps.iter().enumerate() {
            if !ends[i]
                && (s.symbol == Symbol::End || succ(s).iter().any(|&t| ends[t as usize - 1]))
            {
                ends[i] = true;
                changed = true;
            }
        }
    }
    for (i, e) in ends.iter().enumerate() {
        if !e {
            errors.push(SopError {
                line: None,
                message: format!(
                    "dari langkah {} alur tidak pernah sampai ke \"selesai\"",
                    i + 1
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lanes_of(sop: &Sop, no: StepNo) -> Vec<&str> {
        sop.step(no)
            .unwrap()
            .lanes
            .iter()
            .map(|&i| sop.lanes[i].name.as_str())
            .collect()
    }

    #[test]
    fn embedded_sop_matches_the_seed() {
        let sop = Sop::embedded();
        let lanes: Vec<_> = sop.lanes.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            lanes,
            [
                "TIM",
                "KASUBAG PERENCANAAN DAN PELAPORAN",
                "KABID/KASUBAG/JF PENYETARAAN",
                "SEKRETARIS",
                "KEPALA DINAS"
            ]
        );
        assert_eq!(sop.steps.len(), 11);

        use DurationUnit::*;
        use Symbol::*;
        // (no, lanes, symbol, duration, output) exactly as in the seed's table.
        /// No, lanes, symbol, waktu, output.
        type Row<'a> = (u32, &'a [&'a str], Symbol, (u32, DurationUnit), &'a str);
        let expected: [Row; 11] = [
            (1, &["SEKRETARIS"], Start, (15, Minutes), "Disposisi"),
            (
                2,
                &["KASUBAG PERENCANAAN DAN PELAPORAN"],
                Process,
                (30, Minutes),
                "Lembar Disposisi, Dokumen Perencanaan dan Program Kerja",
            ),
            (3, &["TIM"], Process, (1, Days), "FORMAT RKT"),
            (
                4,
                &["KABID/KASUBAG/JF PENYETARAAN"],
                Process,
                (3, Days),
                "FORMAT RKT",
            ),
            (5, &["TIM"], Process, (3, Days), "FORMAT RKT"),
            (6, &["TIM"], Process, (3, Days), "Draft RKT"),
            (
                7,
                &["KASUBAG PERENCANAAN DAN PELAPORAN"],
                Process,
                (3, Days),
                "Draft RKT",
            ),
            (
                8,
                &["TIM", "KASUBAG PERENCANAAN DAN PELAPORAN"],
                Process,
                (3, Days),
                "Draft RKT",
            ),
            (9, &["SEKRETARIS"], Process, (1, Weeks), "RKT"),
            (
                10,
                &["KEPALA DINAS"],
                Decision,
                (1, Days),
                "Dokumen RKT / Koreksi RKT",
            ),
            (11, &["TIM"], End, (1, Days), "Berkas RKT"),
        ];
        for (no, lanes, symbol, (amount, unit), output) in expected {
            let step = sop.step(no).unwrap();
            assert_eq!(step.no, no);
            assert_eq!(lanes_of(&sop, no), lanes, "lanes of step {no}");
            assert_eq!(step.symbol, symbol, "symbol of step {no}");
            assert_eq!(
                step.duration,
                WorkDuration::new(amount, unit),
                "waktu of step {no}"
            );
            assert_eq!(step.output, output, "output of step {no}");
        }
        assert_eq!(sop.step(1).unwrap().remark, "SOP Surat Masuk");
        assert_eq!(
            sop.step(5).unwrap().requirement,
            Some(Requirement::FormatsSubmitted)
        );
        assert_eq!(
            sop.step(6).unwrap().requirement,
            Some(Requirement::DraftCompiled)
        );
        assert_eq!(sop.step(7).unwrap().requirement, None);
        assert_eq!(
            sop.step(10).unwrap().exit,
            Exit::Decision { yes: 11, no: 8 }
        );
        assert_eq!(sop.step(11).unwrap().exit, Exit::Next(None));
        assert_eq!(sop.step(3).unwrap().exit, Exit::Next(Some(4)));
        // The seed's typos are corrected.
        let all = format!("{:?}", sop);
        for typo in ["DTAFT", "mMenyusun", "Kalsifikasi", "MUTU BUKU"] {
            assert!(!all.contains(typo), "typo {typo} left in sop.toml");
        }
    }

    #[test]
    fn the_document_is_named_by_the_sop() {
        assert_eq!(Sop::embedded().document(), "RKT");
        assert_eq!(Sop::embedded().name(), "SOP Penyusunan RKT");
        let revised = Sop::parse(&EMBEDDED_SOP.replacen(
            "nama = \"SOP Penyusunan RKT\"\ndokumen = \"RKT\"",
            "nama = \"SOP Penyusunan Renja\"",
            1,
        ))
        .unwrap();
        // Without `dokumen`, the name says it.
        assert_eq!(revised.document(), "Renja");
        assert_eq!(revised.name(), "SOP Penyusunan Renja");
        let said = Sop::parse(&EMBEDDED_SOP.replacen(
            "dokumen = \"RKT\"",
            "dokumen = \"Rencana Kerja\"",
            1,
        ))
        .unwrap();
        assert_eq!(said.document(), "Rencana Kerja");
        for (name, document) in [
            ("SOP Penyusunan Renja", "Renja"),
            ("sop penyusunan  LKjIP ", "LKjIP"),
            ("SOP Penyusunan Rencana Kinerja Tahunan (RKT)", "RKT"),
            ("Penyusunan Renstra", "Renstra"),
            ("SOP Perjanjian Kinerja", "Perjanjian Kinerja"),
            ("SOP", "SOP"),
            ("SOPIR", "SOPIR"),
        ] {
            assert_eq!(document_of(name), document, "{name}");
        }
    }

    #[test]
    fn signing_is_a_decision_and_each_requirement_names_one_step() {
        let errs = broken("simbol = \"keputusan\"", "simbol = \"proses\"\nlanjut = 11");
        assert!(
            errs.to_string().contains("hanya untuk langkah keputusan"),
            "{errs}"
        );
        let errs = broken(
            "output = \"Draft RKT\"\nsyarat = \"draf_tersusun\"",
            "output = \"Draft RKT\"\nsyarat = \"format_terkumpul\"",
        );
        assert!(
            errs.to_string().contains("sudah dipakai langkah 5"),
            "{errs}"
        );
        let errs = broken("syarat = \"rkt_ditandatangani\"\n", "");
        assert!(
            errs.to_string()
                .contains("langkah 11 bersyarat rkt_diarsipkan"),
            "{errs}"
        );
    }

    #[test]
    fn embedded_identity_has_all_fields() {
        let id = Sop::embedded().identity;
        assert_eq!(id.number, "800/13/Satpol PP-BLG/2023");
        assert_eq!(id.created, NaiveDate::from_ymd_opt(2023, 1, 3));
        assert_eq!(id.ratified, NaiveDate::from_ymd_opt(2023, 1, 3));
        assert_eq!(id.revised, None);
        assert_eq!(id.ratified_by, "Kepala Satuan Polisi Pamong Praja");
        assert_eq!(id.name, "SOP Penyusunan RKT");
        assert_eq!(id.legal_basis.len(), 6);
        assert_eq!(id.qualifications.len(), 4);
        assert_eq!(id.related, ["SOP Penyusunan Laporan Kinerja"]);
        assert_eq!(id.equipment.len(), 3);
        assert_eq!(id.warnings.len(), 1);
        assert_eq!(id.records.len(), 1);
    }

    fn broken(from: &str, to: &str) -> SopErrors {
        assert!(
            EMBEDDED_SOP.contains(from),
            "test pattern {from:?} not in sop.toml"
        );
        Sop::parse(&EMBEDDED_SOP.replacen(from, to, 1)).unwrap_err()
    }

    fn line_of(pattern: &str) -> usize {
        EMBEDDED_SOP[..EMBEDDED_SOP.find(pattern).unwrap()]
            .matches('\n')
            .count()
            + 1
    }

    #[test]
    fn unknown_lane_is_reported_with_its_line() {
        let errs = broken("pelaksana = [\"kabid\"]", "pelaksana = [\"kabid2\"]");
        assert_eq!(errs.0.len(), 1);
        assert_eq!(errs.0[0].line, Some(line_of("pelaksana = [\"kabid\"]")));
        assert!(errs.0[0].message.contains("kabid2"), "{}", errs);
    }

    #[test]
    fn syntax_error_is_reported_with_its_line() {
        let errs = broken("output = \"Disposisi\"", "output = \"Disposisi");
        assert_eq!(errs.0[0].line, Some(line_of("output = \"Disposisi\"")));
        assert!(errs.to_string().starts_with("baris "), "{errs}");
    }

    #[test]
    fn a_date_without_quotes_is_reported_as_a_date_on_its_line() {
        let errs = broken(
            "tanggal_pembuatan = \"2023-01-03\"",
            "tanggal_pembuatan = 2023-01-03",
        );
        assert_eq!(
            errs.0[0].line,
            Some(line_of("tanggal_pembuatan = \"2023-01-03\""))
        );
        assert!(
            errs.to_string()
                .contains("tanggal harus diapit tanda kutip"),
            "{errs}"
        );
    }

    #[test]
    fn bad_values_are_each_reported() {
        for (from, to, needle) in [
            ("satuan = \"menit\" }", "satuan = \"detik\" }", "detik"),
            ("simbol = \"proses\"", "simbol = \"kotak\"", "kotak"),
            ("tidak = 8", "tidak = 40", "tidak ada langkah 40"),
            ("no = 5", "no = 6", "bernomor urut"),
            ("jumlah = 3,", "jumlah = 0,", "lebih dari 0"),
            (
                "tanggal_pembuatan = \"2023-01-03\"",
                "tanggal_pembuatan = \"3 Jan\"",
                "bukan tanggal",
            ),
            ("versi_format = 1", "versi_format = 9", "versi_format"),
            ("id = \"kepala\"", "id = \"tim\"", "dua kali"),
            ("ya = 11\n", "", "ya = N"),
            ("syarat = \"draf_tersusun\"", "syarat = \"draf\"", "syarat"),
            (
                "nama = \"TIM\"",
                "nama = \"TIM\"\nwarna = \"merah\"",
                "warna",
            ),
        ] {
            let errs = broken(from, to);
            assert!(errs.to_string().contains(needle), "{from} -> {to}: {errs}");
            assert!(errs.0.iter().all(|e| !e.message.is_empty()));
        }
    }

    #[test]
    fn unreachable_and_dead_end_steps_are_refused() {
        // Step 10 returning to 8 with yes also going back: the end is never reached from 8..10.
        let errs = broken("ya = 11", "ya = 9");
        assert!(errs.to_string().contains("tidak pernah tercapai"), "{errs}");
        assert!(errs.to_string().contains("tidak pernah sampai"), "{errs}");
    }

    #[test]
    fn default_path_follows_yes() {
        let sop = Sop::embedded();
        assert_eq!(sop.default_next(9), Some(10));
        assert_eq!(sop.default_next(10), Some(11));
        assert_eq!(sop.default_next(11), None);
        assert_eq!(
            sop.lane_names(sop.step(8).unwrap()),
            "TIM / KASUBAG PERENCANAAN DAN PELAPORAN"
        );
        let ids = ["kepala".to_string(), "tim".into(), "bendahara".into()];
        assert_eq!(sop.lane_names_of(&ids), ["TIM", "KEPALA DINAS"]);
    }

    #[test]
    fn a_step_admits_the_officials_of_its_lanes_only() {
        let sop = Sop::embedded();
        let lanes = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let step8 = sop.step(8).unwrap();
        assert!(sop.admits(step8, &lanes(&["tim"])));
        assert!(sop.admits(step8, &lanes(&["kasubag_pp"])));
        assert!(!sop.admits(step8, &lanes(&["kepala", "sekretaris"])));
        assert!(
            !sop.admits(step8, &lanes(&["bendahara"])),
            "unknown lanes admit nothing"
        );
        assert!(!sop.admits(step8, &[]));
        let signing = sop.step_requiring(Requirement::Signed).unwrap();
        assert_eq!(signing.no, 10);
        assert!(sop.admits(signing, &lanes(&["kepala"])));
    }
}
