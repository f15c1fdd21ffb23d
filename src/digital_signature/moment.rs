//! A moment of a certificate or signature (seconds since 1970) as the office reads it.

/// A moment as the office reads it (WITA).
pub fn office_time(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0).map_or_else(
        || format!("detik {unix}"),
        |t| {
            crate::domain::indo::datetime(
                t.with_timezone(&crate::domain::calendar::wita())
                    .naive_local(),
            )
        },
    )
}
