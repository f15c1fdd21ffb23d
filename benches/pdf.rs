//! RKT PDF figures: a signed 500-row RKT laid out, rendered and made PDF/A-1b; its size per
//! page; and the SOP document. `cargo bench --bench pdf`.

use std::time::Instant;

use chrono::NaiveDate;
use sop_rkt::domain::sop::Sop;
use sop_rkt::export;
use sop_rkt::store::Store;

fn main() {
    let now = NaiveDate::from_ymd_opt(2028, 1, 4)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let sop = Sop::embedded();
    let mut store = Store::open_in_memory().unwrap();
    export::fill_demo(&mut store, &sop, 2028, 500, now).unwrap();
    let tim = store
        .demo_sign_in(|o| o.lanes.iter().any(|l| l == "tim"), now)
        .unwrap();
    store.submit_all_and_compile(&sop, 2028, &tim, now).unwrap();
    // Walk 2028 to the decision, each step by its lane, and sign as the head would.
    store.demo_steps(&sop, 2028, 9, now).unwrap();
    let head = store
        .demo_sign_in(|o| o.lanes.iter().any(|l| l == "kepala"), now)
        .unwrap();
    // Step 10 as the window does it: the key's .p12 opened with its passphrase (PBKDF2 at
    // p12::ITERATIONS, deliberate: the demo writes keys at the real count in a bench), the PDF
    // made and signed digitally, all committed. Goal (#25): at most 1.5 s.
    let pass = sop_rkt::store::DEMO_PASSPHRASE;
    let t = Instant::now();
    export::sign_year(&mut store, &sop, 2028, pass, false, &head, now).unwrap();
    let whole_sign = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    store.unlock_signing_key(&head, pass, &sop, now).unwrap();
    let unlock = t.elapsed().as_secs_f64() * 1e3;
    println!(
        "langkah 10 utuh (buka kunci .p12, PDF, tanda tangan digital, simpan): {whole_sign:.0} ms; di antaranya membuka kunci .p12 dengan kata sandinya (PBKDF2 {} iterasi): {unlock:.0} ms",
        sop_rkt::digital_signature::p12::ITERATIONS
    );
    // Checking it as another PC does, with the office's CRL. Goal (#25): at most 10 ms.
    let signed = export::rkt_pdf(&store, 2028, now).unwrap();
    let roots: Vec<Vec<u8>> = store
        .trusted_roots()
        .unwrap()
        .into_iter()
        .map(|r| r.cert)
        .collect();
    let crls = store.crls().unwrap();
    assert!(!crls.is_empty(), "the office's CRL");
    let mut checks = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let checked = sop_rkt::digital_signature::check_pdf(&signed, &roots, &crls);
        checks.push(t.elapsed().as_secs_f64() * 1e3);
        assert!(matches!(checked, Some(Ok(_))), "{checked:?}");
    }
    checks.sort_by(f64::total_cmp);
    println!(
        "verify dengan CRL ({} KB, {} CRL): median {:.2} ms, terlama {:.2} ms",
        signed.len() / 1024,
        crls.len(),
        checks[checks.len() / 2],
        checks[checks.len() - 1]
    );

    // Today's export without the digital signature: the same document drawn again.
    let mut times = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        let (doc, images) = export::rkt_document(&store, 2028).unwrap();
        bytes = sop_rkt::pdf::rkt_pdf(&doc, &images, now).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    // Where that time goes: the layout, printpdf drawing (fonts parsed and subset), the PDF/A
    // step (lopdf: CIDSets, XMP, compression, writing).
    let (doc, images) = export::rkt_document(&store, 2028).unwrap();
    let (mut lay, mut draw, mut archive) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..15 {
        let t = Instant::now();
        let pages = sop_rkt::pdf::rkt_doc::layout(&doc, sop_rkt::pdf::fonts::Metrics::shared());
        lay.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let drawn = sop_rkt::pdf::render::drawn(&pages, doc.paper.size(), &images, "RKT").unwrap();
        draw.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let meta = sop_rkt::pdf::Meta {
            title: "RKT",
            author: "Kantor",
            subject: "RKT",
            created: now,
            audit_head: None,
        };
        sop_rkt::pdf::pdfa::archival(drawn, &meta).unwrap();
        archive.push(t.elapsed().as_secs_f64() * 1e3);
    }
    for v in [&mut lay, &mut draw, &mut archive] {
        v.sort_by(f64::total_cmp);
    }
    println!(
        "  di antaranya (median): tata letak {:.1} ms, printpdf {:.1} ms, PDF/A {:.1} ms",
        lay[7], draw[7], archive[7]
    );
    let pages = lopdf::Document::load_mem(&bytes).unwrap().get_pages().len();
    println!(
        "PDF RKT 500 baris, ditandatangani: median {:.0} ms, min {:.0} ms, maks {:.0} ms; {} halaman, {} KB ({:.1} KB/halaman)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
        pages,
        bytes.len() / 1024,
        bytes.len() as f64 / 1024.0 / pages as f64
    );

    // The digital signature on top (PAdES B-B), apart from the deliberate argon2 time of
    // opening the key: the field prepared, its ranges hashed, the CMS made and written in.
    use sop_rkt::digital_signature::{check_pdf, cms, keys};
    use sop_rkt::pdf::pades;
    let who = keys::SignerName {
        name: "Kepala Rekaan",
        nip: "197104152000031007",
        position: "Kepala",
        office: "Kantor Rekaan",
    };
    let (root_key, root) = keys::new_office_root(who.office).unwrap();
    let (key, cert) = keys::new_signer(&who, &root_key, &root).unwrap();
    let facts = pades::SigningFacts {
        name: who.name,
        reason: "RKT",
        location: "Paringin",
        at: now,
    };
    let mut sign_times = Vec::new();
    let mut signed = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        let p = pades::prepare(&bytes, &facts).unwrap();
        let c = cms::sign_detached(&p.digest(), &key, &cert, std::slice::from_ref(&root)).unwrap();
        signed = p.finish(&c).unwrap();
        sign_times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    sign_times.sort_by(f64::total_cmp);
    let _ = signed;
    // `verify` of the file step 10 made: its signature against the trusted roots, and whether
    // it is in this PC's archive.
    let real = export::rkt_pdf(&store, 2028, now).unwrap();
    let roots: Vec<Vec<u8>> = store
        .trusted_roots()
        .unwrap()
        .into_iter()
        .map(|r| r.cert)
        .collect();
    let mut check_times = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        check_pdf(&real, &roots, &[]).unwrap().unwrap();
        store.find_archived(&real).unwrap();
        check_times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    check_times.sort_by(f64::total_cmp);
    println!(
        "tanda tangan digital PDF 500 baris (kunci sudah terbuka): median {:.1} ms; periksa: median {:.1} ms",
        sign_times[7], check_times[7]
    );

    // The Perjanjian Kinerja of that 500-row RKT: annex laid out, rendered, made PDF/A-1b.
    let mut pk_times = Vec::new();
    let mut pk = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        pk = export::pk_pdf(&store, 2028, now).unwrap();
        pk_times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    pk_times.sort_by(f64::total_cmp);
    println!(
        "PDF Perjanjian Kinerja dari RKT 500 baris: median {:.0} ms, {} KB",
        pk_times[7],
        pk.len() / 1024
    );

    let t = Instant::now();
    let sop_pdf = export::sop_pdf(&store, &sop, now).unwrap();
    println!(
        "PDF dokumen SOP: {:.0} ms, {} KB",
        t.elapsed().as_secs_f64() * 1e3,
        sop_pdf.len() / 1024
    );
}
