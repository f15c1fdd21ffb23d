//! printpdf's document made into PDF/A-1b: PDF 1.4, an sRGB output intent, XMP metadata that
//! matches the info dictionary, a CIDSet for every subset font, no transparency groups, and a
//! file identifier. Checked by Apache PDFBox Preflight in CI.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use skrifa::raw::TableProvider;

/// What the document says of itself: the info dictionary and the XMP metadata.
pub struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub created: chrono::NaiveDateTime,
    /// A signed document's audit chain head ("<id>:<hex>", `store::head_text`), kept in the
    /// info dictionary under `AUDIT_HEAD_KEY`.
    pub audit_head: Option<&'a str>,
}

/// The info dictionary's own key for the audit chain's head. PDF/A-1 asks info entries to agree
/// with XMP only where XMP has a property of the same meaning; a key of our own has none.
pub const AUDIT_HEAD_KEY: &str = "SopRktAuditHead";

const SRGB_ICC: &[u8] = include_bytes!("../../assets/color/sRGB.icc");

pub fn archival(mut doc: Document, meta: &Meta) -> Result<Vec<u8>, String> {
    doc.version = "1.4".into();
    strip_transparency_groups(&mut doc);
    mask_white(&mut doc);
    add_cid_sets(&mut doc)?;
    compress_streams(&mut doc)?;

    let created = pdf_date(meta.created);
    let mut info = Dictionary::from_iter(vec![
        ("Title", text(meta.title)),
        ("Author", text(meta.author)),
        ("Subject", text(meta.subject)),
        ("Creator", text(CREATOR)),
        ("Producer", text(PRODUCER)),
        ("CreationDate", Object::string_literal(created.clone())),
        ("ModDate", Object::string_literal(created)),
    ]);
    if let Some(head) = meta.audit_head {
        info.set(AUDIT_HEAD_KEY, Object::string_literal(head));
    }
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", info_id);

    let mut icc = Stream::new(
        Dictionary::from_iter(vec![("N", Object::Integer(3))]),
        SRGB_ICC.to_vec(),
    );
    let _ = icc.compress();
    let icc_id = doc.add_object(icc);
    let intent = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", text("sRGB IEC61966-2.1")),
        ("Info", text("sRGB IEC61966-2.1")),
        ("DestOutputProfile", Object::Reference(icc_id)),
    ]);

    // The metadata stream stays uncompressed, as PDF/A-1 requires.
    let mut xmp = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp_packet(meta).into_bytes(),
    );
    xmp.allows_compression = false;
    let xmp_id = doc.add_object(xmp);

    let root = catalog_id(&doc)?;
    let catalog = doc
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| format!("katalog PDF: {e}"))?;
    catalog.set(
        "OutputIntents",
        Object::Array(vec![Object::Dictionary(intent)]),
    );
    catalog.set("Metadata", Object::Reference(xmp_id));

    let id = file_id(meta);
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| format!("menulis PDF: {e}"))?;
    Ok(out)
}

/// How hard streams are deflated. For a 47-page RKT (benches/pdf.rs): level 9, lopdf's own,
/// 47 ms and 382 KB; 6, 24 ms; 3, 12 ms and 399 KB; 1, 6 ms but 632 KB.
const DEFLATE_LEVEL: u32 = 3;

/// Every stream that may be compressed and is not yet, deflated (kept only where it is
/// smaller, as lopdf does), on each core at once: each worker reuses one compressor from
/// stream to stream (a new one per stream allocates and clears its window each time).
fn compress_streams(doc: &mut Document) -> Result<(), String> {
    let mut streams: Vec<&mut Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    // Largest first, dealt out in turn: the workers get about as much to do.
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let mut shares: Vec<Vec<&mut Stream>> = (0..workers).map(|_| Vec::new()).collect();
    for (i, s) in streams.into_iter().enumerate() {
        shares[i % workers].push(s);
    }
    std::thread::scope(|scope| {
        let running: Vec<_> = shares
            .into_iter()
            .map(|share| scope.spawn(move || compress_share(share)))
            .collect();
        // Every worker is joined before the first failure is said.
        let done: Vec<Result<(), String>> = running
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err("memadatkan PDF gagal".into()))
            })
            .collect();
        done.into_iter().collect()
    })
}

fn compress_share(share: Vec<&mut Stream>) -> Result<(), String> {
    let mut z = flate2::Compress::new(flate2::Compression::new(DEFLATE_LEVEL), true);
    for stream in share {
        let packed = deflate(&mut z, &stream.content)?;
        if packed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
    Ok(())
}

/// `data` as one zlib stream.
fn deflate(z: &mut flate2::Compress, data: &[u8]) -> Result<Vec<u8>, String> {
    z.reset();
    let mut out = Vec::with_capacity(data.len() / 4 + 64);
    loop {
        let read = usize::try_from(z.total_in()).map_err(|e| e.to_string())?;
        let status = z
            .compress_vec(&data[read..], &mut out, flate2::FlushCompress::Finish)
            .map_err(|e| format!("memadatkan PDF: {e}"))?;
        if status == flate2::Status::StreamEnd {
            return Ok(out);
        }
        out.reserve(out.capacity().max(4096));
    }
}

pub const CREATOR: &str = "SOP RKT — Satpol PP Kabupaten Balangan";
pub const PRODUCER: &str = concat!("sop-rkt ", env!("CARGO_PKG_VERSION"), " (printpdf)");
/// How our PDFs are recognised (the XMP packet is stored uncompressed).
pub const PRODUCER_MARK: &[u8] = b"<pdf:Producer>sop-rkt ";

fn text(s: &str) -> Object {
    // PDF text strings outside Latin-1 are UTF-16BE with a byte order mark.
    if s.chars().all(|c| (c as u32) < 0x80) {
        Object::string_literal(s)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            bytes.extend(u.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

fn catalog_id(doc: &Document) -> Result<ObjectId, String> {
    doc.trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| format!("PDF tanpa katalog: {e}"))
}

/// Office time is WITA (UTC+8).
fn pdf_date(t: chrono::NaiveDateTime) -> String {
    format!("D:{}+08'00'", t.format("%Y%m%d%H%M%S"))
}

fn xmp_date(t: chrono::NaiveDateTime) -> String {
    format!("{}+08:00", t.format("%Y-%m-%dT%H:%M:%S"))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn xmp_packet(meta: &Meta) -> String {
    let date = xmp_date(meta.created);
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>1</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{creator}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{producer}</pdf:Producer>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{FEFF}',
        title = escape(meta.title),
        author = escape(meta.author),
        subject = escape(meta.subject),
        creator = escape(CREATOR),
        producer = escape(PRODUCER),
    )
}

fn file_id(meta: &Meta) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(meta.title.as_bytes());
    h.update(meta.subject.as_bytes());
    h.update(pdf_date(meta.created).as_bytes());
    h.finalize()[..16].to_vec()
}

fn strip_transparency_groups(doc: &mut Document) {
    for (_, obj) in doc.objects.iter_mut() {
        if let Ok(dict) = obj.as_dict_mut()
            && dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"Page".as_slice())
        {
            dict.remove(b"Group");
        }
    }
}

/// Scans were flattened onto white (PDF/A-1 has no soft masks); a colour-key mask, which it
/// allows, makes that white see-through again, so a stamp under a signature still shows.
fn mask_white(doc: &mut Document) {
    for (_, obj) in doc.objects.iter_mut() {
        if let Object::Stream(stream) = obj {
            let d = &mut stream.dict;
            let is_image =
                d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image".as_slice());
            if is_image && !d.has(b"Mask") && !d.has(b"SMask") {
                let range = [246, 255, 246, 255, 246, 255].map(Object::Integer).to_vec();
                d.set("Mask", Object::Array(range));
            }
            // Raw pixels compress well and losslessly (Flate, allowed in PDF/A-1).
            if is_image && !stream.dict.has(b"Filter") {
                stream.allows_compression = true;
            }
        }
    }
}

/// PDF/A-1 wants, for a subset CID font, the set of CIDs it holds. With Identity CIDToGIDMap a
/// CID is a glyph of the embedded subset, so the set is every glyph of that font program.
fn add_cid_sets(doc: &mut Document) -> Result<(), String> {
    let mut work = Vec::new();
    for (id, obj) in &doc.objects {
        let Ok(dict) = obj.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"FontDescriptor".as_slice()) {
            continue;
        }
        if let Ok(file) = dict.get(b"FontFile2").and_then(Object::as_reference) {
            work.push((*id, file));
        }
    }
    for (descriptor, file) in work {
        let stream = doc
            .get_object(file)
            .and_then(Object::as_stream)
            .map_err(|e| format!("huruf tertanam: {e}"))?;
        let bytes = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let glyphs = skrifa::FontRef::new(&bytes)
            .and_then(|f| f.maxp())
            .map(|m| m.num_glyphs())
            .map_err(|e| format!("huruf tertanam tidak terbaca: {e}"))?;
        let mut bits = vec![0u8; usize::from(glyphs).div_ceil(8)];
        for g in 0..usize::from(glyphs) {
            bits[g / 8] |= 0x80 >> (g % 8);
        }
        let set = doc.add_object(Stream::new(Dictionary::new(), bits));
        if let Ok(d) = doc.get_object_mut(descriptor).and_then(Object::as_dict_mut) {
            d.set("CIDSet", Object::Reference(set));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_deflate_and_read_back_exactly() {
        let mut doc = Document::with_version("1.4");
        // Larger than one output reservation, so the compressor is asked again; and a second
        // stream, so the reused compressor starts clean.
        let big: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let small = b"BT /F1 12 Tf 72 712 Td (RKT) Tj ET ".repeat(50);
        let tiny = b"q Q".to_vec();
        let ids: Vec<ObjectId> = [&big, &small, &tiny]
            .into_iter()
            .map(|c| doc.add_object(Stream::new(Dictionary::new(), c.clone())))
            .collect();
        compress_streams(&mut doc).unwrap();
        for (id, original) in ids.iter().zip([&big, &small, &tiny]) {
            let s = doc.get_object(*id).unwrap().as_stream().unwrap();
            if original.len() < 64 {
                // Nothing gained: kept as it was.
                assert!(s.dict.get(b"Filter").is_err());
                assert_eq!(&s.content, original);
            } else {
                assert!(s.content.len() < original.len());
                assert_eq!(&s.decompressed_content().unwrap(), original);
            }
        }
    }

    #[test]
    fn dates_agree_between_info_and_xmp() {
        let t = chrono::NaiveDate::from_ymd_opt(2027, 1, 4)
            .unwrap()
            .and_hms_opt(9, 5, 7)
            .unwrap();
        assert_eq!(pdf_date(t), "D:20270104090507+08'00'");
        assert_eq!(xmp_date(t), "2027-01-04T09:05:07+08:00");
    }

    #[test]
    fn non_ascii_metadata_is_utf16() {
        assert_eq!(text("RKT"), Object::string_literal("RKT"));
        let Object::String(b, _) = text("RKT — 2027") else {
            panic!()
        };
        assert_eq!(&b[..2], &[0xFE, 0xFF]);
    }
}
