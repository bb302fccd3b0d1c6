//! Properties of the sanitizer over hostile and over ordinary text.

use dossier::core::sanitize::{is_removed_format, sanitize, sanitize_line};
use proptest::prelude::*;
use std::borrow::Cow;

/// A character a terminal would act on or hide: controls but `\n`, bidi and invisible format
/// characters, line/paragraph separators.
fn is_active(c: char) -> bool {
    (c.is_control() && c != '\n') || is_removed_format(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Text mixing ordinary characters with escape-sequence pieces, controls and format characters.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => any::<char>().prop_map(String::from),
        3 => "[a-zA-Zéàü€ 0-9;\\[\\]\\\\?]{1,6}",
        1 => Just("\x1b".to_string()),
        1 => Just("\x1b[".to_string()),
        1 => Just("\x1b]".to_string()),
        1 => Just("\x1bP".to_string()),
        1 => Just("\x1b_".to_string()),
        1 => Just("\x1b\\".to_string()),
        1 => Just("\x07".to_string()),
        1 => Just("\u{9b}".to_string()),
        1 => Just("\u{9d}".to_string()),
        1 => Just("\u{9c}".to_string()),
        1 => Just("\t".to_string()),
        2 => Just("\n".to_string()),
        1 => Just("\r".to_string()),
        1 => Just("\u{202e}".to_string()),
        1 => Just("\u{200b}".to_string()),
        1 => Just("\u{feff}".to_string()),
        1 => Just("\u{e0041}".to_string()),
        1 => Just("\u{ad}".to_string()),
        1 => Just("\u{200d}".to_string()),
        1 => Just("\u{fe0f}".to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// Ordinary printable text: letters, punctuation, French accents, NBSP, emoji (with ZWJ and
/// variation selectors), CJK, newlines.
fn printable() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9 .,;:!?'\"()«»–—…-]{1,12}",
        "[éèêëàâäîïôöùûüçÉÈÀÇœŒæ’]{1,4}",
        Just("\u{a0}".to_string()),
        Just("\u{202f}".to_string()),
        "[中文日本語한국어，。]{1,4}",
        Just("👩\u{200d}💻".to_string()),
        Just("❤\u{fe0f}".to_string()),
        Just("🇫🇷".to_string()),
        Just("\n".to_string()),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn output_is_inert(text in hostile()) {
        let clean = sanitize(&text);
        prop_assert!(!clean.chars().any(is_active), "{:?} -> {:?}", text, clean);
        let line = sanitize_line(&text);
        prop_assert!(!line.chars().any(|c| is_active(c) || c == '\n'), "{:?} -> {:?}", text, line);
    }

    #[test]
    fn sanitizing_twice_changes_nothing(text in hostile()) {
        let once = sanitize(&text).into_owned();
        let twice = sanitize(&once);
        prop_assert!(matches!(twice, Cow::Borrowed(_)));
        prop_assert_eq!(twice.as_ref(), once.as_str());
        let once = sanitize_line(&text).into_owned();
        let again = sanitize_line(&once).into_owned();
        prop_assert_eq!(again, once);
    }

    #[test]
    fn line_count_is_preserved(text in hostile()) {
        let lines = text.matches('\n').count();
        prop_assert_eq!(sanitize(&text).matches('\n').count(), lines);
    }

    #[test]
    fn printable_text_is_borrowed_untouched(text in printable()) {
        let clean = sanitize(&text);
        prop_assert!(matches!(clean, Cow::Borrowed(_)), "{:?}", text);
        prop_assert_eq!(clean.as_ref(), text.as_str());
        let line = sanitize_line(&text);
        let flat = text.replace('\n', " ");
        prop_assert_eq!(line.as_ref(), flat.as_str());
    }

    #[test]
    fn no_escape_hides_more_than_its_line(prefix in hostile(), next_line in "[a-zA-Zé ]{1,20}") {
        // Whatever precedes, a clean line after a newline survives intact.
        let text = format!("{prefix}\n{next_line}");
        let clean = sanitize(&text);
        prop_assert!(clean.ends_with(&format!("\n{next_line}")), "{:?}", clean);
    }
}

#[test]
fn removed_format_characters_are_exactly_the_listed_ones() {
    for c in [
        '\u{061C}',
        '\u{200B}',
        '\u{200E}',
        '\u{200F}',
        '\u{202A}',
        '\u{202E}',
        '\u{2060}',
        '\u{2066}',
        '\u{2069}',
        '\u{FEFF}',
        '\u{00AD}',
        '\u{E0000}',
        '\u{E007F}',
    ] {
        assert!(is_removed_format(c), "{c:?} should be removed");
    }
    for c in [
        '\u{200C}',
        '\u{200D}',
        '\u{FE0F}',
        '\u{FE00}',
        '\u{E0100}',
        '\u{A0}',
        '\u{202F}',
        'é',
        '\u{E0080}',
    ] {
        assert!(!is_removed_format(c), "{c:?} should be kept");
    }
}
