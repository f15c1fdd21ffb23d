//! Helpers shared by the store's unit tests.

use super::{Identity, OfficialInput, SignIn, Store};
use crate::domain::sop::Sop;

/// The PIN every test official chooses at their first sign-in: the demo's, as in the
/// integration tests, so one sign-in serves both.
pub const PIN: &str = super::DEMO_PIN;

pub use crate::test_time::at;

/// Signs an official in with `PIN` (making it their first PIN when they have none).
pub fn sign_in(store: &mut Store, id: i64) -> Identity {
    store.demo_sign_in(|o| o.id == id, at(1, 2, 8)).unwrap()
}

/// An official with these lanes and unit, added by `by` (None: the office's first official,
/// who becomes its pengelola), signed in.
pub fn official(
    store: &mut Store,
    by: Option<&Identity>,
    name: &str,
    lanes: &[&str],
    unit_id: Option<i64>,
) -> Identity {
    let input = OfficialInput {
        name: name.into(),
        active: true,
        lanes: lanes.iter().map(|l| l.to_string()).collect(),
        unit_id,
        ..Default::default()
    };
    let id = store
        .save_official(None, &input, &Sop::embedded(), by, at(1, 2, 8))
        .unwrap();
    // Added by a pengelola: a one-time PIN from them, replaced at the first sign-in.
    if let Some(by) = by {
        store.reset_pin(by, id, ONE_TIME, at(1, 2, 8)).unwrap();
        return match store.sign_in(id, ONE_TIME, Some(PIN), at(1, 2, 8)).unwrap() {
            SignIn::In { identity, .. } => identity,
            other => panic!("{other:?}"),
        };
    }
    sign_in(store, id)
}

/// The one-time PIN a pengelola gives the officials these tests add.
pub const ONE_TIME: &str = "975310";

/// The office's first official: its pengelola, in the TIM lane, of no unit.
pub fn pengelola(store: &mut Store) -> Identity {
    official(store, None, "Pengelola Uji", &["tim"], None)
}

/// The passphrase of the keys these tests make (the demo's).
pub const PASS: &str = super::DEMO_PASSPHRASE;

/// `who` (a pengelola) makes the office root under `PASS`; its key and certificate, opened
/// from the .p12 the store keeps.
pub fn office_root(store: &mut Store, who: &Identity) -> (p256::ecdsa::SigningKey, Vec<u8>) {
    super::fast_keys_for_tests();
    store
        .create_office_root(
            who,
            PASS,
            &super::KeyPlace::Program,
            crate::test_time::at(1, 5, 9),
        )
        .unwrap();
    let (p12, cert): (Vec<u8>, Vec<u8>) = store
        .conn
        .query_row(
            "SELECT p12, cert FROM office_roots WHERE retired_at IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let opened = crate::digital_signature::p12::open(&p12, PASS).unwrap();
    (opened.key, cert)
}

/// An official in every lane, in the first unit (events reference real officials).
pub fn everyone(store: &mut Store) -> Identity {
    let unit = store.units().unwrap()[0].id;
    official(
        store,
        None,
        "Siti Aminah",
        &["tim", "kasubag_pp", "kabid", "sekretaris", "kepala"],
        Some(unit),
    )
}

/// A database file written by an older build: the first `version` migrations, as that build
/// left it. The caller fills it with that build's rows.
pub fn database_at(path: &std::path::Path, version: usize) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(path).unwrap();
    for sql in &super::migrations::MIGRATIONS[..version] {
        c.execute_batch(sql).unwrap();
    }
    c.pragma_update(None, "application_id", super::APPLICATION_ID)
        .unwrap();
    c.pragma_update(None, "user_version", version as i64)
        .unwrap();
    c
}
