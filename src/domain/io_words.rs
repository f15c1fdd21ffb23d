//! The operating system's file errors said in Indonesian.
//!
//! `std::io::Error` displays the OS's own words ("Permission denied (os error 13)"), in English
//! on Linux and in the Windows display language elsewhere. Users read ours instead; the OS's
//! code stays in brackets for whoever helps them.

use std::io::{Error, ErrorKind};

/// Why a file could not be read or written, in Indonesian: "akses ditolak (kode sistem 13)".
/// An error made by our own code (it carries its message, not an OS code) is returned as is.
pub fn explain(e: &Error) -> String {
    if let Some(message) = own_message(e) {
        return message;
    }
    let code = e.raw_os_error();
    let reason = code
        .and_then(windows_reason)
        .unwrap_or_else(|| kind_reason(e.kind()));
    match code {
        Some(n) => format!("{reason} (kode sistem {n})"),
        None => reason.to_string(),
    }
}

/// The message of an error made by our own code (or `failed`), which carries words rather than
/// an OS code; `None` for the OS's own errors.
pub fn own_message(e: &Error) -> Option<String> {
    if e.raw_os_error().is_some() {
        return None;
    }
    e.get_ref().map(ToString::to_string)
}

/// The error again, said with what failed first: "Folder cadangan X tidak bisa dibuat: akses
/// ditolak (kode sistem 13)". Its kind stays, for callers that look at it.
pub fn failed(e: Error, what: impl std::fmt::Display) -> Error {
    Error::new(e.kind(), format!("{what}: {}", explain(&e)))
}

fn kind_reason(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFound => "berkas atau folder tidak ada",
        ErrorKind::PermissionDenied => {
            "akses ditolak (berkas atau folder dilindungi, atau hanya bisa dibaca)"
        }
        ErrorKind::AlreadyExists => "sudah ada berkas dengan nama itu",
        ErrorKind::NotADirectory => "bagian dari jalur itu bukan folder",
        ErrorKind::IsADirectory => "itu sebuah folder, bukan berkas",
        ErrorKind::DirectoryNotEmpty => "folder itu tidak kosong",
        ErrorKind::ReadOnlyFilesystem => "disk itu hanya bisa dibaca",
        ErrorKind::StorageFull => "disk penuh",
        ErrorKind::FileTooLarge => "berkas terlalu besar untuk disk itu",
        ErrorKind::ResourceBusy => "sedang dipakai program lain",
        ErrorKind::InvalidFilename => "nama berkas tidak sah atau terlalu panjang",
        ErrorKind::UnexpectedEof => "berkas terpotong (lebih pendek dari seharusnya)",
        ErrorKind::InvalidData => "isi berkas tidak sah",
        ErrorKind::OutOfMemory => "memori komputer tidak cukup",
        ErrorKind::TimedOut => "disk atau jaringan tidak menjawab",
        ErrorKind::Interrupted => "terputus di tengah jalan",
        _ => "kesalahan sistem berkas",
    }
}

/// Windows codes that Rust files under "uncategorized" but that an office meets daily.
fn windows_reason(code: i32) -> Option<&'static str> {
    if !cfg!(windows) {
        return None;
    }
    match code {
        // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: the file is open in Excel or a PDF reader.
        32 | 33 => Some(
            "berkas sedang dibuka program lain (misalnya Excel atau pembaca PDF); tutup dulu berkas itu",
        ),
        // ERROR_NOT_READY: a card reader or drive without its disk.
        21 => Some("perangkat belum siap (flash disk atau kartu belum terpasang)"),
        // ERROR_BAD_NETPATH, ERROR_NETNAME_DELETED, ERROR_BAD_NET_NAME.
        53 | 64 | 67 => Some("folder jaringan tidak terjangkau"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_are_said_in_indonesian_with_their_code() {
        let denied = Error::from_raw_os_error(if cfg!(windows) { 5 } else { 13 });
        let text = explain(&denied);
        assert!(text.starts_with("akses ditolak"), "{text}");
        assert!(text.contains("(kode sistem "), "{text}");
        assert!(!text.contains("denied"), "{text}");

        let missing = std::fs::read("/tidak/ada/berkas-ini").unwrap_err();
        assert!(explain(&missing).starts_with("berkas atau folder tidak ada"));
    }

    #[test]
    fn a_kind_without_an_os_code_has_no_brackets() {
        let full = Error::from(ErrorKind::StorageFull);
        assert_eq!(explain(&full), "disk penuh");
        let odd = Error::from(ErrorKind::ConnectionReset);
        assert_eq!(explain(&odd), "kesalahan sistem berkas");
    }

    #[test]
    fn a_failure_names_what_failed_and_keeps_its_kind() {
        let e = failed(
            Error::from_raw_os_error(if cfg!(windows) { 5 } else { 13 }),
            "Folder cadangan D:\\Cadangan tidak bisa dibuat",
        );
        assert_eq!(e.kind(), ErrorKind::PermissionDenied);
        let text = explain(&e);
        assert!(
            text.starts_with("Folder cadangan D:\\Cadangan tidak bisa dibuat: akses ditolak"),
            "{text}"
        );
    }

    #[test]
    fn our_own_messages_pass_through_unchanged() {
        let ours = Error::other("Berkas terlalu besar (lebih dari 20 MB).");
        assert_eq!(explain(&ours), "Berkas terlalu besar (lebih dari 20 MB).");
    }
}
