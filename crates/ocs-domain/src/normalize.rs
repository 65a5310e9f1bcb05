//! Normal forms of typed text: document numbers as matched and stored, names as compared for
//! de-duplication, and display text as stored and sealed.
//!
//! All three are idempotent (applying one twice changes nothing) and total (any string in,
//! no panic). The identity form is deliberately lossy: it exists to notice that "Müller",
//! "MULLER" and " muller " are the same person, not to be shown to anyone. It does not equate
//! transliterations that add letters ("Mueller" stays different from "Müller").

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A document number as matched against its pattern and stored: trimmed, upper-case, with
/// all whitespace removed. For purely numeric national numbers (`numeric`), dots, hyphens,
/// slashes and the Swedish `+` separator are removed as well.
pub fn document_number(raw: &str, numeric: bool) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .filter(|c| !(numeric && matches!(c, '.' | '-' | '/' | '+')))
        .flat_map(char::to_uppercase)
        // Upper-casing never yields whitespace or these separators for other input, but the
        // second pass keeps the function idempotent whatever Unicode adds in the future.
        .filter(|c| !c.is_whitespace())
        .filter(|c| !(numeric && matches!(c, '.' | '-' | '/' | '+')))
        .collect()
}

/// A name (or street) as compared for de-duplication: compatibility-decomposed, without
/// accents, lower-case, with letters that have no decomposition spelt out in Latin
/// (ß → ss, æ → ae, ø → o, ł → l, đ → d, þ → th, …), and every run of characters that are
/// not letters or digits turned into one space, trimmed.
pub fn name_for_identity(raw: &str) -> String {
    let once = identity_pass(raw);
    // Lower-casing can, in rare scripts, produce text that decomposes further; a second
    // pass reaches the fixed point, which makes the function idempotent.
    let twice = identity_pass(&once);
    if twice == once {
        once
    } else {
        identity_pass(&twice)
    }
}

fn identity_pass(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    let letters = raw
        .chars()
        .flat_map(char::to_lowercase)
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase);
    for c in letters {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            match spelled_out(c) {
                Some(latin) => out.push_str(latin),
                None => out.push(c),
            }
        } else {
            pending_space = true;
        }
    }
    out
}

/// Letters without a Unicode decomposition that people commonly write in plain Latin.
fn spelled_out(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' | 'ŀ' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ħ' => "h",
        'ı' => "i",
        'ŧ' => "t",
        'ŋ' => "n",
        'ĸ' => "k",
        'ſ' => "s",
        // Greek final sigma is the same letter as σ.
        'ς' => "σ",
        _ => return None,
    })
}

/// Text as stored and sealed: Unicode NFC, trimmed, every inner run of whitespace turned
/// into one space.
pub fn display_text(raw: &str) -> String {
    let composed: String = collapse_whitespace(raw).nfc().collect();
    // NFC turns no other character into whitespace; collapsing once more keeps the function
    // idempotent even if a future Unicode version did.
    collapse_whitespace(&composed)
}

fn collapse_whitespace(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn document_numbers() {
        assert_eq!(document_number(" ab 12 34 ", false), "AB1234");
        assert_eq!(document_number("85.07.30-033.28", true), "85073003328");
        assert_eq!(document_number("19900101+1234", true), "199001011234");
        assert_eq!(document_number("AB-12/3", false), "AB-12/3");
        assert_eq!(document_number("\u{3000}x\t1\n", false), "X1");
    }

    #[test]
    fn identity_names() {
        for spelling in ["Müller", "MULLER", " muller ", "Mu\u{308}ller", "MÜLLER"] {
            assert_eq!(name_for_identity(spelling), "muller", "{spelling}");
        }
        assert_eq!(name_for_identity("Jean-Luc  O'Brien"), "jean luc o brien");
        assert_eq!(name_for_identity("Straße"), "strasse");
        assert_eq!(name_for_identity("STRASSE"), "strasse");
        assert_eq!(name_for_identity("Łukasz Øster Ærø"), "lukasz oster aero");
        assert_eq!(name_for_identity("Đorđe Þór"), "dorde thor");
        assert_eq!(name_for_identity("ΣΟΦΟΚΛΗΣ"), name_for_identity("σοφοκλησ"));
        assert_eq!(name_for_identity("Ａｎｎａ"), "anna");
        assert_eq!(name_for_identity(" -- "), "");
    }

    #[test]
    fn display_text_composes_and_collapses() {
        assert_eq!(display_text("  Anna \t Maria\n"), "Anna Maria");
        assert_eq!(display_text("Mu\u{308}ller"), "Müller");
        assert_eq!(display_text(""), "");
    }

    proptest! {
        #[test]
        fn normal_forms_are_idempotent(text in any::<String>()) {
            let name = name_for_identity(&text);
            prop_assert_eq!(name_for_identity(&name), name.clone());
            let shown = display_text(&text);
            prop_assert_eq!(display_text(&shown), shown.clone());
            for numeric in [false, true] {
                let number = document_number(&text, numeric);
                prop_assert_eq!(document_number(&number, numeric), number);
            }
        }

        #[test]
        fn identity_names_ignore_case_accents_and_spacing(
            words in proptest::collection::vec("[a-zA-ZäöüéèÄÖÜÉ]{1,8}", 1..4),
            separator in "[ \t\\-',.]{1,3}",
        ) {
            let joined = words.join(&separator);
            let plain = words.join(" ");
            prop_assert_eq!(name_for_identity(&joined.to_uppercase()), name_for_identity(&plain));
            prop_assert_eq!(name_for_identity(&format!("  {joined} ")), name_for_identity(&plain));
        }
    }
}
