//! Invariants the fuzz targets assert, shared so every target checks the same rules.
//!
//! A failed check panics with the offending value: libFuzzer records the input as a crash.

use dossier::core::article::{Article, BlockKind, Format};
use dossier::core::decode::decode;
use dossier::core::load::build_article;
use dossier::core::sanitize::is_removed_format;
use dossier::tui::wrap::{Content, Wrapped, WrappedLine};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// A character a terminal would act on or hide, whatever the sanitizer's own list says:
/// every control but `\n`, bidi controls, invisible format characters, line separators.
pub fn is_active(c: char) -> bool {
    (c.is_control() && c != '\n')
        || is_removed_format(c)
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{FEFF}'
        )
}

/// Multi-line text: only `\n` among the characters [`is_active`] flags.
pub fn assert_inert(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_active(c)) {
        panic!("{what}: active character {c:?} in {text:?}");
    }
}

/// One-line text: inert and no `\n` either.
pub fn assert_inert_line(what: &str, text: &str) {
    assert_inert(what, text);
    assert!(!text.contains('\n'), "{what}: newline in {text:?}");
}

/// `range` is a non-empty-or-empty slice of `text` on char boundaries.
pub fn assert_slice(what: &str, text: &str, range: &Range<usize>) {
    assert!(
        range.start <= range.end && text.get(range.clone()).is_some(),
        "{what}: range {range:?} is not a char-boundary slice of {} bytes",
        text.len()
    );
}

/// Every field an article hands to a front end is inert, every range points inside the text
/// it names, on char boundaries, and every event sits inside its block or dropped line.
pub fn assert_article(article: &Article, decoded: &str) {
    assert_inert_line("title", &article.title);
    for (what, field) in [
        ("source", article.source()),
        ("source_url", article.source_url()),
        ("author", article.author()),
    ] {
        if let Some(value) = field {
            assert_inert_line(what, value);
        }
    }
    if let Some(published) = article.published() {
        assert_inert_line("published value", &published.value);
        assert_inert_line("published evidence", &published.evidence);
    }
    for block in &article.blocks {
        assert_slice("block text", &article.text, &block.text_range());
        assert_slice("block src", decoded, &block.src_range());
        let text = article.block_text(block);
        if block.kind == BlockKind::TableRow {
            // Cells are joined by `\t`; each cell must be inert on its own.
            for cell in text.split('\t') {
                assert_inert("table cell", cell);
            }
        } else {
            assert_inert("block", text);
        }
    }
    for dropped in article.dropped() {
        assert_slice("dropped text", &article.text, &dropped.text_range());
        assert_slice("dropped src", decoded, &dropped.src_range());
        assert_inert_line("dropped", article.slice(&dropped.text_range()));
    }
    let lines = decoded.split('\n').count();
    for event in &article.events {
        assert_slice("event span", &article.text, &event.span);
        assert_slice("event sentence", &article.text, &event.sentence);
        assert!(
            event.sentence.start <= event.span.start && event.span.end <= event.sentence.end,
            "event span {:?} outside its sentence {:?}",
            event.span,
            event.sentence
        );
        let holder = match event.block {
            Some(index) => article.blocks.get(index).map(|b| b.text_range()),
            None => article
                .dropped()
                .iter()
                .map(|d| d.text_range())
                .find(|r| r.start <= event.span.start && event.span.end <= r.end),
        };
        let Some(holder) = holder else {
            panic!("event {event:?} is in no block or dropped line");
        };
        assert!(
            holder.start <= event.span.start && event.span.end <= holder.end,
            "event span {:?} outside its piece {holder:?}",
            event.span
        );
        assert!(
            decoded.is_char_boundary(event.src_offset),
            "event src_offset {} not a char boundary of {} bytes",
            event.src_offset,
            decoded.len()
        );
        assert!(
            (1..=lines).contains(&event.line),
            "event line {} outside 1..={lines}",
            event.line
        );
        assert_inert_line("event value", &event.normalized);
        if let (Some(start), Some(end)) = (event.start, event.end) {
            assert!(start <= end, "event {event:?} ends before it starts");
        }
    }
}

/// What the reader view draws for a wrapped line, prefix and padding included.
pub fn displayed(article: &Article, line: &WrappedLine) -> String {
    let mut shown = line.prefix.to_string();
    match &line.content {
        Content::Empty => {}
        Content::Owned(text) => shown.push_str(text),
        Content::Text(range) => {
            assert_slice("wrapped line", &article.text, range);
            shown.push_str(article.slice(range));
        }
        Content::Cells(cells) => {
            for cell in cells {
                assert_slice("table cell", &article.text, &cell.range);
                shown.push_str(article.slice(&cell.range));
                shown.push_str(&" ".repeat(cell.pad));
            }
        }
    }
    shown
}

/// Every wrapped line is one inert line no wider than the wrap width.
pub fn assert_wrapped(article: &Article, wrapped: &Wrapped) {
    for line in &wrapped.lines {
        let shown = displayed(article, line);
        assert_inert_line("wrapped line", &shown);
        let width = UnicodeWidthStr::width(shown.as_str());
        assert!(
            width <= wrapped.width,
            "wrapped line {shown:?} is {width} columns, wider than {}",
            wrapped.width
        );
    }
}

/// The whole load path of one file (decode, parse, boilerplate rules, dates) as `origin`'s
/// format: the article and its problem lines are inert and every range holds.
pub fn assert_loads_inert(origin: &str, format: Format, bytes: &[u8]) {
    let Ok(decoded) = decode(bytes) else { return };
    let Ok((article, problems)) = build_article(origin.to_string(), bytes) else {
        panic!("decode accepted the bytes, build_article refused them");
    };
    assert_eq!(article.format, format);
    assert_article(&article, &decoded.text);
    for problem in problems {
        assert_inert_line("problem", &problem.to_string());
    }
}
