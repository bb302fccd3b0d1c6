//! `sanitize` and `sanitize_line` over any text: inert output, idempotent, borrowed when the
//! input is already clean.
#![no_main]

use dossier::core::sanitize::{sanitize, sanitize_line};
use dossier_fuzz::{assert_inert, assert_inert_line};
use libfuzzer_sys::fuzz_target;
use std::borrow::Cow;

fuzz_target!(|text: &str| {
    let clean = sanitize(text);
    assert_inert("sanitize", &clean);
    assert!(!clean.contains('\t'), "tab left in {clean:?}");
    assert_eq!(sanitize(&clean), clean, "sanitize is not idempotent");
    assert!(
        matches!(sanitize(&clean), Cow::Borrowed(_)),
        "sanitized text is rewritten again"
    );

    let line = sanitize_line(text);
    assert_inert_line("sanitize_line", &line);
    assert!(!line.contains('\t'), "tab left in {line:?}");
    assert_eq!(
        sanitize_line(&line),
        line,
        "sanitize_line is not idempotent"
    );
    // A line is also clean text: the multi-line sanitizer leaves it alone.
    assert_eq!(sanitize(&line), line, "sanitize changes a sanitized line");
});
