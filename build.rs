//! On Windows targets: embed the icon and the version information in the .exe.
//! The target is read from CARGO_CFG_TARGET_OS (not `cfg(windows)`, which is the host), so a
//! cross-build from Linux embeds them too.

fn main() {
    println!("cargo:rerun-if-changed=assets/icon.ico");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    // winresource picks Debian's x86_64-w64-mingw32-windres itself when cross-building.
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icon.ico")
        .set("ProductName", "SOP Penyusunan RKT")
        .set(
            "FileDescription",
            "SOP Penyusunan RKT — Satpol PP Kabupaten Balangan",
        )
        .set("CompanyName", "Satpol PP Kabupaten Balangan")
        .set("LegalCopyright", "Satpol PP Kabupaten Balangan")
        .set("OriginalFilename", "sop-rkt.exe")
        .set_language(0x0421); // Bahasa Indonesia
    if let Err(e) = res.compile() {
        // A missing resource compiler must fail the build, not ship an .exe without an icon.
        panic!("resource compile failed: {e}");
    }
}
