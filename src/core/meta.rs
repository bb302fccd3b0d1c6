//! Raw blocks -> Article: title, source, author, boilerplate rules.
//! Stub: replaced by the metadata work.

use crate::core::article::{Article, ArticleId, Block, Format};
use crate::core::parse::ParsedDoc;
use crate::core::sanitize::sanitize;

/// Build the article from a parsed document. `published` and `events` are left for `dates`.
/// `decoded` is the whole decoded source the block ranges point into.
pub fn assemble(
    id: ArticleId,
    origin: String,
    format: Format,
    decoded: &str,
    doc: ParsedDoc,
) -> Article {
    let _ = decoded;
    let mut text = String::new();
    let mut blocks = Vec::with_capacity(doc.blocks.len());
    for raw in doc.blocks {
        let start = text.len();
        text.push_str(&sanitize(&raw.text));
        blocks.push(Block {
            kind: raw.kind,
            text: start..text.len(),
            src: raw.src,
        });
        text.push('\n');
    }
    let title = blocks
        .first()
        .map(|b| text[b.text.clone()].to_string())
        .unwrap_or_default();
    Article {
        id,
        origin,
        format,
        title,
        source: doc.head.site_name,
        source_url: doc.head.url,
        author: doc.head.author,
        published: None,
        text,
        blocks,
        dropped: Vec::new(),
        events: Vec::new(),
        warnings: Vec::new(),
    }
}
