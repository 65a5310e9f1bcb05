//! Free text on its way out: CSV cells a spreadsheet will not run as formulas, and text with
//! its control characters made visible, for terminals and stored reasons (issue 19,
//! findings 9 and 15).

use std::fmt::Write as _;

/// One CSV cell: a value a spreadsheet would read as a formula (first character `=`, `+`,
/// `-`, `@`, tab or carriage return) gets a leading `'`, and a value with a comma, a quote or
/// a line break is quoted (RFC 4180). Every CSV the system writes builds its cells here.
pub fn csv_cell(value: &str) -> String {
    let mut cell = String::with_capacity(value.len() + 3);
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        cell.push('\'');
    }
    cell.push_str(value);
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

/// `text` with every control character (C0, DEL, C1: ANSI escapes, carriage returns, bells)
/// replaced by its `\u{…}` escape, so a terminal shows it instead of obeying it. For every
/// value the command line prints that came from outside (audit reasons, account names,
/// initiative texts).
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` for storing as a one-line free-text field (an audit reason, a lifecycle reason):
/// control characters become spaces, runs of white space one space, ends trimmed.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 19, finding 15: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return is read as a formula by spreadsheets; each is defused.
    #[test]
    fn csv_cells_with_formula_prefixes_are_defused() {
        assert_eq!(csv_cell("ann@example.org"), "ann@example.org");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\t=1"), "'\t=1");
        assert_eq!(csv_cell("\r=1"), "\"'\r=1\"");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
    }

    /// Issue 19, finding 9: `ocs audit show` printed ANSI escapes from reasons raw.
    #[test]
    fn control_characters_are_escaped_for_terminals_and_flattened_for_storage() {
        let hostile = "ok\u{1b}[2J\u{1b}]0;owned\u{7}\r\nfake line\u{9b}";
        let shown = escape_controls(hostile);
        assert!(!shown.chars().any(char::is_control), "{shown}");
        assert_eq!(
            shown,
            "ok\\u{1b}[2J\\u{1b}]0;owned\\u{7}\\u{d}\\u{a}fake line\\u{9b}"
        );
        assert_eq!(escape_controls("Zürich – ok"), "Zürich – ok");
        assert_eq!(one_line(hostile), "ok [2J ]0;owned fake line");
        assert_eq!(one_line("  two\n\nlines\t "), "two lines");
    }
}
