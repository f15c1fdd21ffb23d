//! The message after a command: said where it was asked for (the dialog or card that asked, or
//! the bar at the foot of the window), and only as long as what it is about is on screen.

use crate::session::{ActCmd, Command, FileCmd, OfficeCmd, Page};

/// A message after an action: what was done, or why nothing was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flash {
    Ok(String),
    Err(String),
}

/// Where a message is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The bar at the foot of the window.
    Bar,
    /// The sign-in dialog: a wrong PIN, the lock, a weak new PIN.
    SignIn,
    /// Pengaturan's PIN card: one's own PIN changed, a reset for someone else.
    Pins,
    /// The head's PIN at step 10.
    Sign,
    /// The Perjanjian Kinerja card.
    Pk,
    /// The authenticity check: ASLI or TIDAK ASLI, and why.
    Verify,
    /// The RKT's own files (viewed, printed, saved) under the signing card.
    RktFiles,
    /// The archive's files.
    Archive,
    /// Pengaturan's Tanda Tangan Digital card: keys made, fingerprints shown, approvals.
    Keys,
    /// The Capaian & Laporan page: a report signed, opened or saved, or why not.
    Laporan,
}

impl Place {
    /// Where the outcome of `cmd` (on the year `year`) is said: in the dialog or card that
    /// asked for it while that stays on screen; a dialog or form that closes on success (a
    /// sign-in, a signature) leaves its success to the bar.
    pub fn of(cmd: &Command, ok: bool, year: i32) -> Place {
        match cmd {
            Command::Office(OfficeCmd::SignIn { .. }) if !ok => Place::SignIn,
            Command::Office(OfficeCmd::ChangePin { .. } | OfficeCmd::ResetPin { .. }) => {
                Place::Pins
            }
            Command::Key(_)
            | Command::File(FileCmd::MoveKeyToFile(_) | FileCmd::ExportCertificate(_)) => {
                Place::Keys
            }
            Command::Act(ActCmd::Sign { .. }) if !ok => Place::Sign,
            Command::Act(ActCmd::SignPk { .. }) if !ok => Place::Pk,
            Command::Act(ActCmd::SignReport { .. }) if !ok => Place::Laporan,
            Command::File(FileCmd::OpenReport { .. } | FileCmd::SaveReport { .. }) => {
                Place::Laporan
            }
            Command::File(FileCmd::Verify(_)) => Place::Verify,
            Command::File(FileCmd::OpenPk { year: y, .. }) if *y == year => Place::Pk,
            Command::File(FileCmd::ExportPk(_)) => Place::Pk,
            Command::File(
                FileCmd::OpenRkt { .. }
                | FileCmd::ExportRkt(_)
                | FileCmd::ExportRktXlsx(_)
                | FileCmd::ExportSop(_),
            ) => Place::RktFiles,
            Command::File(
                FileCmd::OpenArchived { .. }
                | FileCmd::SaveArchived { .. }
                | FileCmd::OpenPk { .. },
            ) => Place::Archive,
            _ => Place::Bar,
        }
    }
}

/// A message, where it is shown, and what it is about: it goes when another page, year or
/// (on the Format RKT page) unit is shown, so that it never stands over what it is not about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub flash: Flash,
    pub place: Place,
    pub page: Page,
    pub year: i32,
    pub unit: Option<i64>,
}

impl Message {
    /// Still about what is shown?
    pub fn holds(&self, page: Page, year: i32, unit: Option<i64>) -> bool {
        self.page == page && self.year == year && (page != Page::FormatRkt || self.unit == unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_goes_with_its_page_year_or_unit() {
        let m = Message {
            flash: Flash::Err("Format RKT unit ini masih kosong".into()),
            place: Place::Bar,
            page: Page::FormatRkt,
            year: 2027,
            unit: Some(3),
        };
        assert!(m.holds(Page::FormatRkt, 2027, Some(3)));
        assert!(!m.holds(Page::FormatRkt, 2026, Some(3)));
        assert!(!m.holds(Page::FormatRkt, 2027, Some(4)));
        assert!(!m.holds(Page::Beranda, 2027, Some(3)));
        // Elsewhere the unit chosen on Format RKT does not matter.
        let saved = Message {
            page: Page::Pengaturan,
            ..m
        };
        assert!(saved.holds(Page::Pengaturan, 2027, None));
    }

    #[test]
    fn refusals_are_said_where_they_were_asked() {
        let sign_in = Command::sign_in(1, "000000");
        assert_eq!(Place::of(&sign_in, false, 2026), Place::SignIn);
        assert_eq!(Place::of(&sign_in, true, 2026), Place::Bar);
        let verify = Command::File(FileCmd::Verify("x.pdf".into()));
        assert_eq!(Place::of(&verify, true, 2026), Place::Verify);
        assert_eq!(Place::of(&verify, false, 2026), Place::Verify);
        let sign = Command::Act(ActCmd::Sign {
            pass: "1".into(),
            use_images: false,
        });
        assert_eq!(Place::of(&sign, false, 2026), Place::Sign);
        assert_eq!(Place::of(&sign, true, 2026), Place::Bar);
        let pk = Command::File(FileCmd::OpenPk {
            year: 2025,
            print: false,
        });
        assert_eq!(Place::of(&pk, true, 2025), Place::Pk);
        assert_eq!(Place::of(&pk, true, 2026), Place::Archive);
    }
}
