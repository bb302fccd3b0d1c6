//! The date extractor over any text, read as a plain-text article: events on char boundaries
//! inside their block or dropped line, inside their sentence, at a real source offset and line.
//! Re-annotating gives the same events.
#![no_main]

use dossier::core::article::Format;
use dossier::core::{dates, meta, parse};
use dossier_fuzz::assert_article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // Decoded text never holds CR (decode normalises it); keep to what annotate is given.
    if text.contains('\r') {
        return;
    }
    let doc = parse::parse(text, Format::Text);
    let mut article = meta::assemble(0, "fuzz.txt".to_string(), Format::Text, text, doc);
    dates::annotate(&mut article, text);
    assert_article(&article, text);
    let events = article.events.clone();
    let published = article.published().cloned();
    dates::annotate(&mut article, text);
    assert_eq!(article.events, events, "annotate is not idempotent");
    assert_eq!(
        article.published().cloned(),
        published,
        "annotate changes the publication date"
    );
});
