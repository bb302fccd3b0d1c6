//! Source text -> raw blocks. One module per format; `meta` turns raw blocks into an `Article`.

use crate::core::article::{BlockKind, Format};
use std::borrow::Cow;
use std::ops::Range;

pub mod html;
pub mod markdown;
pub mod text;

/// A block as the parser found it, before boilerplate rules and sanitizing. Its text borrows
/// the decoded source when it is a slice of it (most plain-text lines): no string per block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBlock<'a> {
    pub kind: BlockKind,
    pub text: Cow<'a, str>,
    /// Byte range in the decoded source.
    pub src: Range<usize>,
    /// The text is `src`'s text (or a part of it) with each line break made a space: plain
    /// text's hard-wrapped lines joined. What holds for all the source's lines (a cue they
    /// lack, `meta::Cues`) holds for it where the cue has no blank inside.
    pub spaced_lines: bool,
}

/// Metadata a format carries outside its body (HTML `<head>`, Markdown front matter).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    /// Raw value of `article:published_time`, `<time datetime>`, `date:` front matter.
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedDoc<'a> {
    pub blocks: Vec<RawBlock<'a>>,
    pub head: HeadMeta,
}

/// Collapse runs of ASCII whitespace (markup layout) into one space, keeping U+00A0 and
/// U+202F: French puts them inside dates, and the dates pass matches block text to the source.
pub(crate) fn collapse_layout_space(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parse decoded text in the given format.
pub fn parse(text: &str, format: Format) -> ParsedDoc<'_> {
    match format {
        Format::Text => text::parse(text),
        Format::Markdown => markdown::parse(text),
        Format::Html => html::parse(text),
    }
}

/// Guess the format from the file extension, then from the content.
pub fn detect_format(name: &str, text: &str) -> Format {
    // Compared in place, without lowercased copies: every loaded file is asked this.
    let ends_with = |ext: &str| {
        name.len() >= ext.len()
            && name
                .as_bytes()
                .get(name.len() - ext.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(ext.as_bytes()))
    };
    if ends_with(".html") || ends_with(".htm") || ends_with(".xhtml") {
        return Format::Html;
    }
    if ends_with(".md") || ends_with(".markdown") {
        return Format::Markdown;
    }
    let head = text.trim_start().as_bytes();
    let starts_with = |prefix: &str| {
        head.get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    if starts_with("<!doctype html") || starts_with("<html") {
        return Format::Html;
    }
    Format::Text
}
