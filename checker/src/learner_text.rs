//! Learner text is data. What learner code prints (a panic message, a test's output, a file
//! name in `src/` quoted by the compiler) and what learners name their folders reaches an
//! instructor's terminal and spreadsheet: there it must show as the characters it is, never act
//! as a command (an escape sequence that writes the clipboard or clears the screen, a CSV cell
//! that a spreadsheet runs as a formula), and two learners must never get one name.

use std::borrow::Cow;
use std::ffi::OsStr;

/// `text` with every character a terminal would act on, rather than show, written out as
/// `\u{1b}`: C0 and C1 controls but the line break and the tab (escape sequences start with
/// ESC, 0x1b, or CSI, 0x9b; a lone carriage return rewrites the line), and the bidirectional
/// overrides that make a line read other than it is stored ("Trojan Source"). Windows' line
/// ends stay line ends.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_on_a_terminal) {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n");
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if acts_on_a_terminal(c) {
            shown.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

fn acts_on_a_terminal(c: char) -> bool {
    let bidirectional = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    (c.is_control() && c != '\n' && c != '\t') || bidirectional
}

/// `text` as a CSV cell that no spreadsheet takes for a formula (OWASP's rule for CSV
/// injection): a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading apostrophe, which spreadsheets show as text and do not display. A gradebook is also
/// read with `cat`: its controls are written out as `for_terminal` writes them.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{}", for_terminal(text)))
    } else {
        for_terminal(text)
    }
}

/// A folder's name as text, without losing a byte: what is not UTF-8 is written as `\xff`, so
/// two names that differ only there stay two names (a lossy conversion makes both `�`).
pub fn name_of(name: &OsStr) -> String {
    match name.to_str() {
        Some(text) => text.to_string(),
        None => name
            .as_encoded_bytes()
            .utf8_chunks()
            .flat_map(|chunk| {
                let invalid = chunk.invalid().iter().map(|byte| format!("\\x{byte:02x}"));
                std::iter::once(chunk.valid().to_string()).chain(invalid)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_show_as_text_and_line_breaks_stay() {
        let clipboard = "copy\x1b]52;c;cm0gLXJmIH4=\x07 me\r\nnext\tline\rover";
        assert_eq!(
            for_terminal(clipboard),
            "copy\\u{1b}]52;c;cm0gLXJmIH4=\\u{7} me\nnext\tline\\u{d}over"
        );
        assert_eq!(for_terminal("\u{9b}2J"), "\\u{9b}2J");
        assert_eq!(for_terminal("if admin \u{202e} {"), "if admin \\u{202e} {");
        assert!(matches!(
            for_terminal("plain text, é, 🦀"),
            Cow::Borrowed("plain text, é, 🦀")
        ));
    }

    #[test]
    fn no_csv_cell_starts_a_formula() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1+1", "-rf", "@SUM(A1)"] {
            assert_eq!(csv_cell(formula), format!("'{formula}"));
        }
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("\r="), "'\\u{d}=");
        assert_eq!(csv_cell("alice"), "alice");
        assert_eq!(csv_cell("a=b"), "a=b");
    }

    #[cfg(unix)]
    #[test]
    fn names_that_differ_in_bytes_that_are_not_utf8_stay_different() {
        use std::os::unix::ffi::OsStrExt;
        let one = name_of(OsStr::from_bytes(b"sam\xff"));
        let two = name_of(OsStr::from_bytes(b"sam\xfe"));
        assert_eq!((one.as_str(), two.as_str()), ("sam\\xff", "sam\\xfe"));
        assert_eq!(name_of(OsStr::new("zoë")), "zoë");
    }
}
