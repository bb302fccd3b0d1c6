//! The reader's wrap over any article and width: every line inert, no wider than the width,
//! on char boundaries of the arena; `wrap_text` alone over any sanitized text too.
#![no_main]

use dossier::core::decode::decode;
use dossier::core::load::build_article;
use dossier::core::sanitize::sanitize_line;
use dossier::tui::wrap::{wrap_article, wrap_text};
use dossier_fuzz::{assert_slice, assert_wrapped};
use libfuzzer_sys::fuzz_target;
use unicode_width::UnicodeWidthStr;

fuzz_target!(|input: (u8, u8, &str, &[u8])| {
    let (width, format, metadata, bytes) = input;
    let width = usize::from(width);

    // wrap_text alone: lines are slices on char boundaries, no wider than the width unless the
    // line is a single char wider than the width (width 1 and a wide char).
    let clean = sanitize_line(metadata);
    for range in wrap_text(&clean, width) {
        assert_slice("wrap_text", &clean, &range);
        let line = &clean[range];
        let shown = UnicodeWidthStr::width(line);
        assert!(
            shown <= width.max(1) || line.chars().count() == 1,
            "wrap_text line {line:?} is {shown} columns, wider than {width}"
        );
    }

    if decode(bytes).is_err() {
        return;
    }
    let origin = match format % 3 {
        0 => "fuzz.txt",
        1 => "fuzz.md",
        _ => "fuzz.html",
    };
    let Ok((article, _)) = build_article(origin.to_string(), bytes) else {
        return;
    };
    let wrapped = wrap_article(&article, metadata, width);
    assert_wrapped(&article, &wrapped);
});
