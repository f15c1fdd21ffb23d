//! The first run's checklist (Beranda, before any cycle): what an office sets up before its
//! first RKT cycle, in the order it can be done, each fact read from the data as loaded, so a
//! step is ticked by doing it wherever it is done (nothing about the list itself is stored).

use chrono::Datelike;

use super::Data;
use crate::domain::rkt::CodeLevel;
use crate::domain::sop::{Sop, StepNo};
use crate::store::Official;

/// The steps of setting up an office, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupStep {
    /// The office's first official, who becomes its pengelola.
    FirstOfficial,
    /// That pengelola signs in through "Bertindak sebagai" and makes their PIN.
    SignIn,
    /// Office data (name, address, city, the Bupati of the Perjanjian Kinerja).
    Office,
    /// Every lane of the SOP has an active official.
    Lanes,
    /// Every unit in use has an active official of its own (who fills its FORMAT RKT).
    Units,
    /// The Renstra of the year's period and the sub kegiatan codes.
    Master,
    /// The year's holidays (otherwise due dates count them as working days).
    Holidays,
    /// The year's cycle started (by the first step's lane).
    Start,
}

impl SetupStep {
    pub const ALL: [SetupStep; 8] = [
        SetupStep::FirstOfficial,
        SetupStep::SignIn,
        SetupStep::Office,
        SetupStep::Lanes,
        SetupStep::Units,
        SetupStep::Master,
        SetupStep::Holidays,
        SetupStep::Start,
    ];
}

/// A field of the office data still empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeField {
    Name,
    Address,
    City,
    BupatiName,
    BupatiPosition,
}

/// Where the office stands, from the loaded data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Setup {
    /// The pengelola to sign in first: the first active one with a PIN, else the first active.
    pub pengelola: Option<(i64, String)>,
    /// An active pengelola has made their PIN (signed in at least once).
    pub pengelola_has_pin: bool,
    pub office_missing: Vec<OfficeField>,
    /// Names of the SOP's lanes without an active official.
    pub lanes_missing: Vec<String>,
    /// Names of the units in use without an active official.
    pub units_without_official: Vec<String>,
    /// Renstra indikator of the year's period, and sub kegiatan codes.
    pub indikator: usize,
    pub sub_kegiatan: usize,
    /// Sumber dana to pick from (the table's Sumber Dana offers only these).
    pub funding: usize,
    /// Holidays recorded in the year.
    pub holidays: usize,
    pub started: bool,
}

impl Setup {
    /// The facts of `year` in `data`, for the lanes of `sop`.
    pub fn of(data: &Data, sop: &Sop, year: i32) -> Setup {
        let active: Vec<&Official> = data.officials.iter().filter(|o| o.active).collect();
        let managers: Vec<&&Official> = active.iter().filter(|o| o.pengelola).collect();
        let with_pin = managers.iter().find(|o| data.pins.contains(&o.id));
        let pengelola = with_pin
            .or(managers.first())
            .map(|o| (o.id, o.name.clone()));
        let office = &data.settings.office;
        let office_missing = [
            (OfficeField::Name, &office.name),
            (OfficeField::Address, &office.address),
            (OfficeField::City, &office.city),
            (OfficeField::BupatiName, &office.bupati_name),
            (OfficeField::BupatiPosition, &office.bupati_position),
        ]
        .into_iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(f, _)| f)
        .collect();
        let lanes_missing = sop
            .lanes
            .iter()
            .filter(|l| !active.iter().any(|o| o.lanes.contains(&l.id)))
            .map(|l| l.name.clone())
            .collect();
        let units_without_official = data
            .all_units
            .iter()
            .filter(|u| u.active && !active.iter().any(|o| o.unit_id == Some(u.id)))
            .map(|u| u.name.clone())
            .collect();
        Setup {
            pengelola,
            pengelola_has_pin: with_pin.is_some(),
            office_missing,
            lanes_missing,
            units_without_official,
            indikator: data.master.renstra.iter().map(|s| s.indikator.len()).sum(),
            sub_kegiatan: data
                .master
                .codes
                .iter()
                .filter(|c| c.level == CodeLevel::SubKegiatan)
                .count(),
            funding: data.master.funding.len(),
            holidays: data
                .holidays
                .iter()
                .filter(|h| h.day.year() == year)
                .count(),
            started: data.cycle.is_some() || data.years.contains(&year),
        }
    }

    pub fn is_done(&self, step: SetupStep) -> bool {
        match step {
            SetupStep::FirstOfficial => self.pengelola.is_some(),
            SetupStep::SignIn => self.pengelola_has_pin,
            SetupStep::Office => self.office_missing.is_empty(),
            SetupStep::Lanes => self.lanes_missing.is_empty(),
            SetupStep::Units => self.units_without_official.is_empty(),
            SetupStep::Master => self.indikator > 0 && self.sub_kegiatan > 0 && self.funding > 0,
            SetupStep::Holidays => self.holidays > 0,
            SetupStep::Start => self.started,
        }
    }

    /// The first step not done yet.
    pub fn next(&self) -> Option<SetupStep> {
        SetupStep::ALL.into_iter().find(|s| !self.is_done(*s))
    }
}

/// The active officials who may act on `step` (stand in one of its lanes).
pub fn actors_of<'a>(officials: &'a [Official], sop: &Sop, step: StepNo) -> Vec<&'a Official> {
    let Some(step) = sop.step(step) else {
        return Vec::new();
    };
    officials
        .iter()
        .filter(|o| o.active && sop.admits(step, &o.lanes))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{BudgetCode, Holiday, Indikator, OfficeSettings, Sasaran, Unit};
    use chrono::NaiveDate;

    fn official(id: i64, name: &str, lanes: &[&str], unit: Option<i64>) -> Official {
        Official {
            id,
            name: name.into(),
            nip: None,
            rank: String::new(),
            position: String::new(),
            active: true,
            lanes: lanes.iter().map(|l| l.to_string()).collect(),
            unit_id: unit,
            pengelola: id == 1,
            makes_own_first_pin: id == 1,
        }
    }

    fn unit(id: i64, name: &str) -> Unit {
        Unit {
            id,
            kind: "bidang".into(),
            name: name.into(),
            active: true,
        }
    }

    fn done(s: &Setup) -> Vec<SetupStep> {
        SetupStep::ALL
            .into_iter()
            .filter(|x| s.is_done(*x))
            .collect()
    }

    #[test]
    fn an_empty_office_starts_at_its_first_official_and_each_fact_ticks_its_step() {
        let sop = Sop::embedded();
        let mut data = Data {
            all_units: vec![unit(1, "Bidang A"), unit(2, "Bidang B")],
            ..Default::default()
        };
        // The default office data lacks the Bupati's name.
        let s = Setup::of(&data, &sop, 2026);
        assert_eq!(s.next(), Some(SetupStep::FirstOfficial));
        assert!(done(&s).is_empty(), "{:?}", done(&s));
        assert_eq!(s.office_missing, [OfficeField::BupatiName]);
        assert_eq!(s.lanes_missing.len(), sop.lanes.len());
        assert_eq!(s.units_without_official, ["Bidang A", "Bidang B"]);

        data.officials = vec![official(1, "Pertama", &["tim"], None)];
        let s = Setup::of(&data, &sop, 2026);
        assert_eq!(s.pengelola, Some((1, "Pertama".into())));
        assert_eq!(s.next(), Some(SetupStep::SignIn));

        data.pins = vec![1];
        data.settings.office = OfficeSettings {
            bupati_name: "Bupati Rekaan".into(),
            ..Default::default()
        };
        let s = Setup::of(&data, &sop, 2026);
        assert_eq!(s.next(), Some(SetupStep::Lanes));
        assert_eq!(
            s.lanes_missing,
            sop.lanes[1..]
                .iter()
                .map(|l| l.name.clone())
                .collect::<Vec<_>>()
        );

        data.officials.push(official(
            2,
            "Semua Kolom",
            &["kasubag_pp", "kabid", "sekretaris", "kepala"],
            Some(1),
        ));
        let s = Setup::of(&data, &sop, 2026);
        assert_eq!(s.next(), Some(SetupStep::Units));
        assert_eq!(s.units_without_official, ["Bidang B"]);

        // An inactive official heads nothing; a retired unit needs no head.
        data.officials.push(Official {
            active: false,
            ..official(3, "Nonaktif", &["kabid"], Some(2))
        });
        assert_eq!(Setup::of(&data, &sop, 2026).next(), Some(SetupStep::Units));
        data.all_units[1].active = false;
        let s = Setup::of(&data, &sop, 2026);
        assert_eq!(s.next(), Some(SetupStep::Master));

        data.master.renstra = vec![Sasaran {
            id: 1,
            text: "S".into(),
            indikator: vec![Indikator {
                id: 1,
                text: "I".into(),
                satuan: "%".into(),
                targets: vec![(2026, "90".into())],
            }],
        }];
        assert_eq!(Setup::of(&data, &sop, 2026).next(), Some(SetupStep::Master));
        data.master.codes = vec![BudgetCode {
            code: "1.05.02.2.01.0001".into(),
            name: "Sub".into(),
            level: CodeLevel::SubKegiatan,
        }];
        // Without a sumber dana the table's Sumber Dana has nothing to offer.
        assert_eq!(Setup::of(&data, &sop, 2026).next(), Some(SetupStep::Master));
        data.master.funding = vec!["DAU".into()];
        assert_eq!(
            Setup::of(&data, &sop, 2026).next(),
            Some(SetupStep::Holidays)
        );

        // Last year's holidays do not count for this year.
        let day = |y| NaiveDate::from_ymd_opt(y, 12, 25).unwrap();
        data.holidays = vec![Holiday {
            day: day(2025),
            name: "Natal".into(),
        }];
        assert_eq!(
            Setup::of(&data, &sop, 2026).next(),
            Some(SetupStep::Holidays)
        );
        data.holidays.push(Holiday {
            day: day(2026),
            name: "Natal".into(),
        });
        assert_eq!(Setup::of(&data, &sop, 2026).next(), Some(SetupStep::Start));
        data.years = vec![2026];
        assert_eq!(Setup::of(&data, &sop, 2026).next(), None);
    }

    #[test]
    fn the_pengelola_to_sign_in_is_one_with_a_pin_and_office_gaps_are_named() {
        let sop = Sop::embedded();
        let mut second = official(2, "Kedua", &[], None);
        second.pengelola = true;
        let mut data = Data {
            officials: vec![official(1, "Pertama", &[], None), second],
            pins: vec![2],
            ..Default::default()
        };
        data.settings.office.city = " ".into();
        data.settings.office.bupati_name = "B".into();
        let s = Setup::of(&data, &sop, 2026);
        assert_eq!(s.pengelola, Some((2, "Kedua".into())));
        assert!(s.is_done(SetupStep::SignIn));
        assert_eq!(s.office_missing, [OfficeField::City]);
    }

    #[test]
    fn who_may_start_is_the_first_steps_lane() {
        let sop = Sop::embedded();
        let mut gone = official(3, "Sekretaris Lama", &["sekretaris"], None);
        gone.active = false;
        let officials = vec![
            official(1, "Tim", &["tim"], None),
            official(2, "Sekretaris", &["sekretaris"], None),
            gone,
        ];
        let names: Vec<&str> = actors_of(&officials, &sop, sop.first_step())
            .iter()
            .map(|o| o.name.as_str())
            .collect();
        assert_eq!(names, ["Sekretaris"]);
        assert!(actors_of(&officials, &sop, 99).is_empty());
    }
}
