//! Inputs the fuzz targets (`fuzz/`) found, replayed as stable tests with the invariant the
//! target asserted.

use dossier::core::decode::decode;
use dossier::core::load::build_article;
use dossier::tui::wrap::wrap_text;
use unicode_width::UnicodeWidthStr;

fn widths(text: &str, width: usize) -> Vec<usize> {
    wrap_text(text, width)
        .into_iter()
        .map(|range| text.get(range).map_or(usize::MAX, UnicodeWidthStr::width))
        .collect()
}

/// fuzz target `wrap`: a run of spaces between words was counted as one column, but the line
/// shows the run as it is, so the line overflowed the pane.
#[test]
fn runs_of_spaces_count_their_real_width() {
    assert_eq!(widths("aa    bb", 6), vec![2, 2]);
    assert_eq!(widths("aa  bb", 6), vec![6]);
    let found = "En  Deux visions, un futur : l’affrontement des titans de l’IA  OpenAI a";
    let lines = widths(found, 70);
    assert!(lines.iter().all(|&w| w <= 70), "{lines:?}");
    assert_eq!(lines.len(), 2);
}

/// fuzz target `decode`: `FF FE 00 00` (the UTF-32LE byte order mark) reads as UTF-16LE and
/// the text holds a NUL, so it is no fixed point of `decode` (the oracle now allows that);
/// the NUL never reaches an article.
#[test]
fn nul_from_utf16_stays_out_of_the_article() {
    let bytes = b"\xff\xfe\0\0fm";
    match decode(bytes) {
        Ok(decoded) => {
            assert_eq!(decoded.text, "\0\u{6D66}");
            assert_eq!(decoded.encoding, "UTF-16LE");
        }
        Err(err) => panic!("refused: {err}"),
    }
    match build_article("x.txt".to_string(), bytes) {
        Ok((article, _)) => {
            assert_eq!(article.title, "\u{6D66}");
            assert!(!article.text.contains('\0'), "{:?}", article.text);
        }
        Err(err) => panic!("refused: {err}"),
    }
}
