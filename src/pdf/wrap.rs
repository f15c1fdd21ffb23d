//! Breaking a cell's text into lines at the font's real widths: at spaces where it can, inside a
//! word only when the word alone is wider than the column. Text is never shrunk.

use super::fonts::{Face, Metrics};

pub fn wrap(m: &Metrics, face: Face, size: f32, width: f32, text: &str) -> Vec<String> {
    let fits = |s: &str| m.width(face, size, s) <= width;
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if fits(&candidate) {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if fits(word) {
                line = word.to_string();
                continue;
            }
            // Wider than the column: break after a slash ("KABID/KASUBAG/JF") or a hyphen
            // ("Perundang-|undangan") where possible, else between letters.
            for piece in word.split_inclusive(['/', '-']) {
                let joined = format!("{line}{piece}");
                if fits(&joined) {
                    line = joined;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in piece.chars() {
                    line.push(c);
                    if !fits(&line) && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::replace(&mut line, c.to_string()));
                    }
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_and_keep_every_word() {
        let m = Metrics::new();
        let text = "Persentase gangguan ketenteraman dan ketertiban umum yang diselesaikan";
        let lines = wrap(&m, Face::Sans, 9.0, 80.0, text);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(m.width(Face::Sans, 9.0, l) <= 80.0, "{l}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_wider_than_the_column_is_split() {
        let m = Metrics::new();
        let word = "1.05.02.2.01.0001".repeat(4);
        let lines = wrap(&m, Face::Sans, 9.0, 50.0, &word);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
        assert!(lines.iter().all(|l| m.width(Face::Sans, 9.0, l) <= 50.0));
    }

    #[test]
    fn a_slashed_name_breaks_after_its_slashes() {
        let m = Metrics::new();
        let name = "KABID/KASUBAG/JF PENYETARAAN";
        let w = m.width(Face::SansBold, 8.0, "KASUBAG/JF").max(m.width(
            Face::SansBold,
            8.0,
            "PENYETARAAN",
        )) + 1.0;
        let lines = wrap(&m, Face::SansBold, 8.0, w, name);
        assert_eq!(lines, ["KABID/", "KASUBAG/JF", "PENYETARAAN"]);
    }

    #[test]
    fn a_hyphenated_word_breaks_after_its_hyphen() {
        let m = Metrics::new();
        let w = m.width(Face::Sans, 9.0, "Perundang-") + 1.0;
        let lines = wrap(
            &m,
            Face::Sans,
            9.0,
            w,
            "Penegakan Perundang-undangan Daerah",
        );
        assert_eq!(lines, ["Penegakan", "Perundang-", "undangan", "Daerah"]);
    }

    #[test]
    fn newlines_and_empty_text() {
        let m = Metrics::new();
        assert_eq!(wrap(&m, Face::Sans, 9.0, 100.0, "a\nb"), ["a", "b"]);
        assert_eq!(wrap(&m, Face::Sans, 9.0, 100.0, ""), [""]);
    }
}
