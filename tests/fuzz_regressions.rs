//! Inputs the fuzz targets (`fuzz/`) found, replayed as stable tests with the invariant the
//! target asserted.

use dossier::core::decode::decode;
use dossier::core::load::build_article;
use dossier::tui::wrap::{wrap_article, wrap_text, Content};
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

/// fuzz target `wrap`: 59 Hangul leading jamo and a syllable make one grapheme cluster 120
/// columns wide; cut on clusters only, it filled one line wider than the pane.
#[test]
fn a_cluster_wider_than_the_line_is_cut_between_its_chars() {
    let cluster = format!("{}\u{D504}", "\u{1111}".repeat(59));
    let lines = widths(&cluster, 70);
    assert!(lines.iter().all(|&w| w <= 70), "{lines:?}");
    assert_eq!(
        lines.iter().sum::<usize>(),
        UnicodeWidthStr::width(cluster.as_str())
    );
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
            assert_eq!(article.title(), "\u{6D66}");
            assert!(!article.text().contains('\0'), "{:?}", article.text());
        }
        Err(err) => panic!("refused: {err}"),
    }
}

/// Found by reading `lay_table` for the `wrap` target's invariant: with more columns than a
/// narrow pane holds even at one cell each, table rows were wider than the pane.
#[test]
fn table_rows_never_exceed_a_narrow_pane() {
    let md = "# T\n\n| a | b | c | d | e |\n|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 |\n";
    let article = match build_article("x.md".to_string(), md.as_bytes()) {
        Ok((article, _)) => article,
        Err(err) => panic!("refused: {err}"),
    };
    let rows: Vec<String> = wrap_article(&article, "", 8)
        .lines
        .iter()
        .filter_map(|line| match &line.content {
            Content::Cells(cells) => Some(
                cells
                    .iter()
                    .map(|cell| format!("{}{}", article.slice(&cell.range), " ".repeat(cell.pad)))
                    .collect(),
            ),
            _ => None,
        })
        .collect();
    // Three columns and their gaps fill the 8 columns; the rest is cut as the pane clips it.
    assert_eq!(rows, vec!["a  b  c ", "1  2  3 "]);
}
