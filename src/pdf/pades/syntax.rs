//! Just enough PDF syntax to find every signature dictionary and every revision of a file, the
//! way a PDF reader tokenizes it (ISO 32000-1 §7.2–7.3): comments are not objects, a stream's
//! bytes are not objects, names may be written with #xx escapes. A text search for "/ByteRange"
//! cannot tell these apart; an attacker's comment or stream could then stand in for the real
//! signature. Bounded: nesting, the signatures kept and the array elements kept are capped, and
//! every offset taken from the file is checked before use.

/// Deeper nesting of arrays and dictionaries is refused rather than recursed into.
const MAX_DEPTH: usize = 64;
/// More signature dictionaries than this are refused: each is hashed over nearly the whole file.
pub const MAX_SIGNATURES: usize = 16;
/// Array elements kept (a ByteRange has four); the rest are read and counted, not kept.
const KEPT_ELEMENTS: usize = 8;

/// A signature dictionary as written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigDict {
    /// The /ByteRange numbers as written (any size: checked by the caller).
    pub byte_range: Vec<i128>,
    /// Where the /Contents hex string lies: from its `<` to just after its `>`.
    pub contents: (usize, usize),
    pub m: Option<Vec<u8>>,
    pub reason: Option<Vec<u8>>,
    pub name: Option<Vec<u8>>,
}

/// What reading the file found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub signatures: Vec<SigDict>,
    /// Where each `%%EOF` ends: just after it, and after the end-of-line that follows it at
    /// once (the same offset when none does); in file order.
    pub eof_ends: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Int(i128),
    /// A real number, or an integer too large for any offset.
    Num,
    Name(Vec<u8>),
    Str {
        bytes: Vec<u8>,
        hex: bool,
        start: usize,
        end: usize,
    },
    DictOpen,
    DictClose,
    ArrOpen,
    ArrClose,
    Word(&'a [u8]),
    End,
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Int(i128),
    Name(Vec<u8>),
    Str {
        bytes: Vec<u8>,
        hex: bool,
        start: usize,
        end: usize,
    },
    /// The first elements and how many there were.
    Array(Vec<Value>, usize),
    Other,
}

fn is_white(c: u8) -> bool {
    matches!(c, 0 | 9 | 10 | 12 | 13 | 32)
}

fn is_delimiter(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

struct Lexer<'a> {
    b: &'a [u8],
    pos: usize,
    eof_ends: Vec<(usize, usize)>,
}

impl<'a> Lexer<'a> {
    fn at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    /// A point to come back to after looking ahead (the `%%EOF`s seen on the way forgotten).
    fn mark(&self) -> (usize, usize) {
        (self.pos, self.eof_ends.len())
    }

    fn reset(&mut self, (pos, eofs): (usize, usize)) {
        self.pos = pos;
        self.eof_ends.truncate(eofs);
    }

    /// The offset after the end-of-line at `i` (CR LF, LF or CR), or `i` when there is none.
    fn after_eol(&self, i: usize) -> usize {
        match (self.at(i), self.at(i.saturating_add(1))) {
            (Some(b'\r'), Some(b'\n')) => i.saturating_add(2),
            (Some(b'\r' | b'\n'), _) => i.saturating_add(1),
            _ => i,
        }
    }

    fn next(&mut self) -> Tok<'a> {
        while let Some(c) = self.at(self.pos) {
            match c {
                c if is_white(c) => self.pos += 1,
                b'%' => self.comment(),
                b'/' => return self.name(),
                b'(' => return self.literal(),
                b'<' if self.at(self.pos + 1) == Some(b'<') => {
                    self.pos += 2;
                    return Tok::DictOpen;
                }
                b'<' => return self.hex(),
                b'>' if self.at(self.pos + 1) == Some(b'>') => {
                    self.pos += 2;
                    return Tok::DictClose;
                }
                b'[' => {
                    self.pos += 1;
                    return Tok::ArrOpen;
                }
                b']' => {
                    self.pos += 1;
                    return Tok::ArrClose;
                }
                // A stray `>`, `)`, `{` or `}`: not a token a signature could be made of.
                b'>' | b')' | b'{' | b'}' => self.pos += 1,
                _ => return self.word(),
            }
        }
        Tok::End
    }

    /// A comment, up to the end of its line. `%%EOF` ends a revision: with its end-of-line when
    /// that follows at once; anything else on the line belongs to what comes after.
    fn comment(&mut self) {
        let start = self.pos;
        let rest = &self.b[start..];
        let len = rest
            .iter()
            .position(|&c| c == b'\r' || c == b'\n')
            .unwrap_or(rest.len());
        self.pos = start + len;
        if rest.starts_with(b"%%EOF") {
            let marker = start + 5;
            self.eof_ends.push((marker, self.after_eol(marker)));
        }
    }

    fn regular_run(&self, from: usize) -> usize {
        self.b[from..]
            .iter()
            .position(|&c| is_white(c) || is_delimiter(c))
            .map_or(self.b.len(), |n| from + n)
    }

    fn name(&mut self) -> Tok<'a> {
        let start = self.pos + 1;
        let end = self.regular_run(start);
        self.pos = end;
        let raw = &self.b[start..end];
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while let Some(&c) = raw.get(i) {
            let escaped = (c == b'#')
                .then(|| Some(hex_digit(*raw.get(i + 1)?)? << 4 | hex_digit(*raw.get(i + 2)?)?))
                .flatten();
            match escaped {
                Some(e) => {
                    out.push(e);
                    i += 3;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        Tok::Name(out)
    }

    fn word(&mut self) -> Tok<'a> {
        let start = self.pos;
        let end = self.regular_run(start);
        self.pos = end;
        let w = &self.b[start..end];
        let digits = w
            .strip_prefix(b"+")
            .or_else(|| w.strip_prefix(b"-"))
            .unwrap_or(w);
        if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
            // Checked: a number longer than any offset is no offset.
            let n = digits.iter().try_fold(0i128, |n, &d| {
                n.checked_mul(10)?.checked_add(i128::from(d - b'0'))
            });
            return match n {
                Some(n) if w.first() == Some(&b'-') => Tok::Int(-n),
                Some(n) => Tok::Int(n),
                None => Tok::Num,
            };
        }
        let real = w.iter().any(u8::is_ascii_digit)
            && w.iter()
                .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'+' | b'-'));
        if real { Tok::Num } else { Tok::Word(w) }
    }

    /// A literal string: balanced parentheses, backslash escapes decoded.
    fn literal(&mut self) -> Tok<'a> {
        let start = self.pos;
        let mut i = start + 1;
        let mut depth = 1usize;
        let mut out = Vec::new();
        while let Some(c) = self.at(i) {
            i += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(e) = self.at(i) else { break };
                    i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.at(i) {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            // "\ddd" beyond 255: the high bits are ignored, as readers do.
                            out.push((v & 0xff) as u8);
                        }
                        b'\r' => i = self.after_eol(i - 1),
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        self.pos = i;
        Tok::Str {
            bytes: out,
            hex: false,
            start,
            end: i,
        }
    }

    /// A hex string; it ends at its `>` or, broken, at the first byte that is neither a hex
    /// digit nor white space (its end then falls short of a `>`).
    fn hex(&mut self) -> Tok<'a> {
        let start = self.pos;
        let mut i = start + 1;
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        let end = loop {
            let Some(c) = self.at(i) else { break i };
            if c == b'>' {
                break i + 1;
            }
            if is_white(c) {
                i += 1;
                continue;
            }
            let Some(d) = hex_digit(c) else { break i };
            match high.take() {
                Some(h) => out.push(h << 4 | d),
                None => high = Some(d),
            }
            i += 1;
        };
        if let Some(h) = high {
            out.push(h << 4);
        }
        self.pos = end;
        Tok::Str {
            bytes: out,
            hex: true,
            start,
            end,
        }
    }
}

/// Reads the file's objects for their signature dictionaries.
struct Reader<'a> {
    lex: Lexer<'a>,
    found: Vec<SigDict>,
}

/// The keys whose values a signature check reads (everything else is read and dropped).
const KEPT_KEYS: [&[u8]; 7] = [
    b"Type",
    b"ByteRange",
    b"Contents",
    b"M",
    b"Reason",
    b"Name",
    b"Length",
];

impl Reader<'_> {
    fn value(&mut self, tok: Tok<'_>, depth: usize) -> Result<Value, String> {
        Ok(match tok {
            Tok::DictOpen => {
                self.dict(depth + 1)?;
                Value::Other
            }
            Tok::ArrOpen => self.array(depth + 1)?,
            Tok::Int(n) => {
                // "n g R" is a reference, not a number.
                let back = self.lex.mark();
                match (self.lex.next(), self.lex.next()) {
                    (Tok::Int(_), Tok::Word(b"R")) => Value::Other,
                    _ => {
                        self.lex.reset(back);
                        Value::Int(n)
                    }
                }
            }
            Tok::Name(n) => Value::Name(n),
            Tok::Str {
                bytes,
                hex,
                start,
                end,
            } => Value::Str {
                bytes,
                hex,
                start,
                end,
            },
            _ => Value::Other,
        })
    }

    fn array(&mut self, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err("susunan PDF terlalu dalam".into());
        }
        let mut kept = Vec::new();
        let mut count = 0usize;
        loop {
            match self.lex.next() {
                Tok::ArrClose | Tok::End => break,
                Tok::DictClose => {}
                t => {
                    let v = self.value(t, depth)?;
                    count = count.saturating_add(1);
                    if kept.len() < KEPT_ELEMENTS {
                        kept.push(v);
                    }
                }
            }
        }
        Ok(Value::Array(kept, count))
    }

    /// A dictionary's kept entries; a signature dictionary among them is recorded.
    fn dict(&mut self, depth: usize) -> Result<Vec<(Vec<u8>, Value)>, String> {
        if depth > MAX_DEPTH {
            return Err("susunan PDF terlalu dalam".into());
        }
        let mut entries: Vec<(Vec<u8>, Value)> = Vec::new();
        let mut twice = None;
        loop {
            let key = match self.lex.next() {
                Tok::DictClose | Tok::End => break,
                Tok::Name(k) => k,
                _ => continue,
            };
            let v = match self.lex.next() {
                Tok::DictClose | Tok::End => break,
                t => self.value(t, depth)?,
            };
            if KEPT_KEYS.contains(&key.as_slice()) {
                if entries.iter().any(|(k, _)| *k == key) {
                    twice.get_or_insert(key);
                } else {
                    entries.push((key, v));
                }
            }
        }
        // Two values for one key of a signature: readers differ on which counts, so neither does.
        if let Some(key) = twice
            && entries.iter().any(|(k, _)| k == b"ByteRange")
        {
            return Err(format!(
                "tanda tangan dengan kunci /{} dua kali",
                String::from_utf8_lossy(&key)
            ));
        }
        self.signature(&entries)?;
        Ok(entries)
    }

    fn signature(&mut self, entries: &[(Vec<u8>, Value)]) -> Result<(), String> {
        let get = |k: &[u8]| entries.iter().find(|(key, _)| key == k).map(|(_, v)| v);
        let Some(range) = get(b"ByteRange") else {
            return Ok(());
        };
        match get(b"Type") {
            None => {}
            Some(Value::Name(t)) if t == b"Sig" || t == b"DocTimeStamp" => {}
            // A /ByteRange in some other kind of dictionary signs nothing.
            Some(_) => return Ok(()),
        }
        if self.found.len() >= MAX_SIGNATURES {
            return Err(format!("lebih dari {MAX_SIGNATURES} tanda tangan"));
        }
        let byte_range = match range {
            Value::Array(items, 4) => items
                .iter()
                .map(|v| match v {
                    Value::Int(n) => Some(*n),
                    _ => None,
                })
                .collect::<Option<Vec<i128>>>(),
            _ => None,
        }
        .ok_or("/ByteRange tanda tangan bukan empat bilangan bulat")?;
        let contents = match get(b"Contents") {
            Some(Value::Str {
                hex: true,
                start,
                end,
                ..
            }) => (*start, *end),
            _ => return Err("/Contents tanda tangan bukan string heksadesimal".into()),
        };
        let text = |k: &[u8]| match get(k) {
            Some(Value::Str { bytes, .. }) => Some(bytes.clone()),
            _ => None,
        };
        self.found.push(SigDict {
            byte_range,
            contents,
            m: text(b"M"),
            reason: text(b"Reason"),
            name: text(b"Name"),
        });
        Ok(())
    }

    /// Past a stream's bytes: by its /Length when `endstream` is there, else to `endstream`.
    fn skip_stream(&mut self, entries: &[(Vec<u8>, Value)]) {
        let b = self.lex.b;
        let start = self.lex.after_eol(self.lex.pos);
        let length = entries.iter().find_map(|(k, v)| match v {
            Value::Int(n) if k == b"Length" => usize::try_from(*n).ok(),
            _ => None,
        });
        let by_length = length.and_then(|n| start.checked_add(n)).and_then(|end| {
            let after = end + b.get(end..)?.iter().take_while(|&&c| is_white(c)).count();
            b.get(after..)?.starts_with(b"endstream").then_some(after)
        });
        let at = by_length.or_else(|| {
            b.get(start..)?
                .windows(9)
                .position(|w| w == b"endstream")
                .map(|p| start + p)
        });
        self.lex.pos = at.map_or(b.len(), |p| p + 9);
    }
}

/// Every signature dictionary and `%%EOF` of `pdf`, read as a PDF reader tokenizes it.
pub fn read(pdf: &[u8]) -> Result<Found, String> {
    let mut r = Reader {
        lex: Lexer {
            b: pdf,
            pos: 0,
            eof_ends: Vec::new(),
        },
        found: Vec::new(),
    };
    loop {
        match r.lex.next() {
            Tok::End => break,
            Tok::DictOpen => {
                let entries = r.dict(1)?;
                let back = r.lex.mark();
                match r.lex.next() {
                    Tok::Word(b"stream") => r.skip_stream(&entries),
                    _ => r.lex.reset(back),
                }
            }
            Tok::ArrOpen => {
                r.array(1)?;
            }
            _ => {}
        }
    }
    Ok(Found {
        signatures: r.found,
        eof_ends: r.lex.eof_ends,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(range: &str, extra: &str) -> String {
        format!("<< /Type /Sig /ByteRange {range} /Contents <3000> {extra}>>")
    }

    #[test]
    fn comments_strings_and_streams_hold_no_signature() {
        let pdf = format!(
            "%PDF-1.7\n%{}\n1 0 obj ({}) endobj\n2 0 obj << /Length 40 >>\nstream\n{}\nendstream\nendobj\n%%EOF\n",
            sig("[0 1 2 3]", ""),
            sig("[0 1 2 3]", "").replace(['(', ')'], ""),
            sig("[0 1 2 3]", "")
        );
        let found = read(pdf.as_bytes()).unwrap();
        assert!(found.signatures.is_empty(), "{found:?}");
        assert_eq!(found.eof_ends, vec![(pdf.len() - 1, pdf.len())]);
    }

    #[test]
    fn a_signature_is_found_however_its_name_is_spelt() {
        let pdf = "%PDF-1.7\n1 0 obj << /Type /Sig /Byte#52ange [0 10 20 5] /Contents <30 00> /M (D:2025\\051) /Reason <FEFF0041> >> endobj\n%%EOF";
        let found = read(pdf.as_bytes()).unwrap();
        assert_eq!(found.signatures.len(), 1);
        let s = &found.signatures[0];
        assert_eq!(s.byte_range, vec![0, 10, 20, 5]);
        let open = pdf.find("<30").unwrap();
        assert_eq!(s.contents, (open, open + "<30 00>".len()));
        assert_eq!(s.m.as_deref(), Some(&b"D:2025)"[..]));
        assert_eq!(s.reason.as_deref(), Some(&[0xFE, 0xFF, 0, 0x41][..]));
        assert_eq!(found.eof_ends, vec![(pdf.len(), pdf.len())]);
    }

    #[test]
    fn each_revision_and_each_signature_counts() {
        let one = format!(
            "%PDF-1.7\n1 0 obj {} endobj\n%%EOF\r\n",
            sig("[0 1 2 3]", "")
        );
        let two = format!("{one}2 0 obj {} endobj\n%%EOF", sig("[0 4 5 6]", ""));
        let found = read(two.as_bytes()).unwrap();
        assert_eq!(found.signatures.len(), 2);
        assert_eq!(
            found.eof_ends,
            vec![(one.len() - 2, one.len()), (two.len(), two.len())]
        );
        // A /ByteRange of a dictionary that is not a signature's.
        let annot = "%PDF-1.7\n<< /Type /Annot /ByteRange [0 1 2 3] /Contents <00> >>";
        assert!(read(annot.as_bytes()).unwrap().signatures.is_empty());
    }

    #[test]
    fn numbers_beyond_any_offset_and_bad_shapes_are_words_not_panics() {
        let big = sig("[0 1 2 18446744073709551615]", "");
        let found = read(format!("%PDF-1.7\n{big}").as_bytes()).unwrap();
        assert_eq!(found.signatures[0].byte_range[3], 18446744073709551615);
        let huge = sig("[0 1 2 999999999999999999999999999999999999999999]", "");
        assert!(
            read(huge.as_bytes())
                .unwrap_err()
                .contains("empat bilangan")
        );
        assert!(read(sig("[0 1 2]", "").as_bytes()).is_err());
        assert!(read(sig("[0 1 2 3 4]", "").as_bytes()).is_err());
        assert!(
            read(b"<< /ByteRange [0 1 2 3] /Contents (30) >>")
                .unwrap_err()
                .contains("/Contents")
        );
        assert!(
            read(b"<< /ByteRange [0 1 2 3] /ByteRange [0 1 2 3] /Contents <00> >>")
                .unwrap_err()
                .contains("dua kali")
        );
        assert!(
            read(b"<< /ByteRange [0 1 2 3] /Contents <00> /Contents <01> >>")
                .unwrap_err()
                .contains("/Contents dua kali")
        );
        // Elsewhere a sloppy writer's repeated key is not this check's business.
        assert!(read(b"<< /Length 3 /Length 4 >> stream\nabc\nendstream").is_ok());
        let deep = "[".repeat(10_000);
        assert!(read(deep.as_bytes()).unwrap_err().contains("terlalu dalam"));
        let many = sig("[0 1 2 3]", "").repeat(MAX_SIGNATURES + 1);
        assert!(read(many.as_bytes()).unwrap_err().contains("lebih dari"));
        // Unterminated everything: read to the end, no panic.
        for cut in [
            "<< /ByteRange [0 1",
            "(abc\\",
            "<3",
            "<< /Length 5 >> stream\nab",
            "/#4",
        ] {
            let _ = read(cut.as_bytes());
        }
    }
}
