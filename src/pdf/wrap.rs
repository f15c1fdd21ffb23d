//! Breaking a cell's text into lines at the font's real widths: at spaces where it can, inside a
//! word only when the word alone is wider than the column. Text is never shrunk.

use super::fonts::{Face, Metrics};

pub fn wrap(m: &Metrics, face: Face, size: f32, width: f32, text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if m.width(face, size, &candidate) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: split it where it overflows.
            for c in word.chars() {
                line.push(c);
                if m.width(face, size, &line) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
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
    fn newlines_and_empty_text() {
        let m = Metrics::new();
        assert_eq!(wrap(&m, Face::Sans, 9.0, 100.0, "a\nb"), ["a", "b"]);
        assert_eq!(wrap(&m, Face::Sans, 9.0, 100.0, ""), [""]);
    }
}
