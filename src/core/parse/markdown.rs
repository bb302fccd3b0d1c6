//! Markdown -> blocks with pulldown-cmark's offset iterator. The event stream is folded with an
//! explicit stack (no recursion), so 10k nested quotes cost memory, not call depth.
//! YAML front matter is read by hand: we only need four flat `key: value` fields.

use super::{collapse_layout_space, HeadMeta, ParsedDoc, RawBlock};
use crate::core::article::BlockKind;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

pub fn parse(text: &str) -> ParsedDoc<'static> {
    let (head, body_start) = front_matter(text);
    let body = text.get(body_start..).unwrap_or("");
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut folder = Folder {
        offset: body_start,
        head,
        ..Folder::default()
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        folder.event(event, range);
    }
    folder.flush(None);
    // Element ranges include the line break that ends them; point at the text only.
    for block in &mut folder.blocks {
        let slice = text.get(block.src.clone()).unwrap_or("");
        block.src.end = block.src.start + slice.trim_end().len();
    }
    ParsedDoc {
        blocks: folder.blocks,
        head: folder.head,
    }
}

/// What an open element means for the text inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// Gives its kind to the text inside (heading, code, list item, quote).
    Kind,
    /// Text inside is dropped (images: alt text is not prose; raw HTML).
    Mute,
    Other,
}

#[derive(Default)]
struct Folder {
    /// Where the Markdown body starts in the decoded text (after front matter).
    offset: usize,
    head: HeadMeta,
    blocks: Vec<RawBlock<'static>>,
    /// One entry per open element, so every End pops exactly what its Start pushed.
    open: Vec<Open>,
    /// Kinds of the open kind-giving elements; the innermost decides a block's kind.
    kinds: Vec<BlockKind>,
    muted: usize,
    buf: String,
    buf_src: Option<Range<usize>>,
    /// URLs of the links in `buf`, for `Source: [site](url)` lines.
    links: Vec<String>,
    cells: Vec<String>,
    in_cell: bool,
    in_html_block: bool,
    html: String,
}

impl Folder {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text)
            | Event::Code(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => self.push_text(&text, range),
            Event::SoftBreak | Event::HardBreak => self.push_text(" ", range),
            Event::FootnoteReference(label) => self.push_text(&format!("[{label}]"), range),
            // HTML blocks are read by the HTML parser (scripts and chrome dropped there).
            Event::Html(html) if self.in_html_block => self.html.push_str(&html),
            // Inline tags are dropped; the text between them comes as Text events.
            Event::Html(_) | Event::InlineHtml(_) | Event::TaskListMarker(_) | Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let open = match tag {
            Tag::Paragraph | Tag::List(_) | Tag::FootnoteDefinition(_) | Tag::Table(_) => {
                self.flush(None);
                Open::Other
            }
            Tag::TableHead | Tag::TableRow => {
                self.flush(None);
                self.cells.clear();
                Open::Other
            }
            Tag::TableCell => {
                self.in_cell = true;
                Open::Other
            }
            Tag::Heading { level, .. } => self.open_kind(BlockKind::Heading(level as u8)),
            Tag::BlockQuote(_) => self.open_kind(BlockKind::Quote),
            Tag::CodeBlock(_) => self.open_kind(BlockKind::Code),
            Tag::Item => self.open_kind(BlockKind::ListItem),
            Tag::HtmlBlock => {
                self.flush(None);
                self.in_html_block = true;
                self.html.clear();
                self.muted += 1;
                Open::Mute
            }
            Tag::Image { .. } | Tag::MetadataBlock(_) => {
                self.muted += 1;
                Open::Mute
            }
            Tag::Link { dest_url, .. } => {
                self.links.push(dest_url.to_string());
                Open::Other
            }
            _ => Open::Other,
        };
        let _ = range;
        self.open.push(open);
    }

    fn open_kind(&mut self, kind: BlockKind) -> Open {
        self.flush(None);
        self.kinds.push(kind);
        Open::Kind
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.buf);
                self.cells.push(collapse_layout_space(&cell));
                self.extend_src(range);
                self.in_cell = false;
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let cells = std::mem::take(&mut self.cells);
                if cells.iter().any(|c| !c.is_empty()) {
                    self.blocks.push(RawBlock {
                        kind: BlockKind::TableRow,
                        text: cells.join("\t").into(),
                        src: self.shift(range),
                        spaced_lines: false,
                    });
                }
                self.buf_src = None;
                self.links.clear();
            }
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock => self.flush(Some(range)),
            TagEnd::HtmlBlock => {
                self.in_html_block = false;
                let html = std::mem::take(&mut self.html);
                let start = range.start + self.offset;
                for mut block in super::html::parse(&html).blocks {
                    // Fragment offsets -> document offsets; unknown (0..0) stays at the block.
                    block.src = if block.src.end > 0 {
                        block.src.start + start..block.src.end + start
                    } else {
                        start..start
                    };
                    self.blocks.push(block);
                }
            }
            TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::Table => self.flush(None),
            _ => {}
        }
        match self.open.pop() {
            Some(Open::Kind) => {
                self.kinds.pop();
            }
            Some(Open::Mute) => self.muted = self.muted.saturating_sub(1),
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str, range: Range<usize>) {
        if self.muted > 0 {
            return;
        }
        self.buf.push_str(text);
        self.extend_src(range);
    }

    fn extend_src(&mut self, range: Range<usize>) {
        self.buf_src = Some(match self.buf_src.take() {
            Some(src) => src.start.min(range.start)..src.end.max(range.end),
            None => range,
        });
    }

    fn shift(&self, range: Range<usize>) -> Range<usize> {
        range.start + self.offset..range.end + self.offset
    }

    /// Emit the text gathered so far as one block. `element` is the range of the element that
    /// just closed (paragraph, heading, code block), better than the union of its text runs.
    fn flush(&mut self, element: Option<Range<usize>>) {
        if self.in_cell {
            return; // cell text is collected by the row
        }
        let kind = self.kinds.last().copied().unwrap_or(BlockKind::Paragraph);
        let raw = std::mem::take(&mut self.buf);
        let links = std::mem::take(&mut self.links);
        let src = element.or(self.buf_src.take());
        self.buf_src = None;
        let text = if kind == BlockKind::Code {
            raw.trim_matches('\n').to_string()
        } else {
            collapse_layout_space(&raw)
        };
        if text.trim().is_empty() {
            return;
        }
        // `Source: [Ars Technica](https://...)` keeps its URL so the link-out rule sees it.
        let label = match links.first() {
            Some(url) if !text.contains(url.as_str()) => {
                crate::core::meta::link_out_label(&text).map(|label| (label.len(), url))
            }
            _ => None,
        };
        let text = match label {
            Some((len, url)) => format!("{}: {url}", text.get(..len).unwrap_or("")),
            None => text,
        };
        let src = src.map(|r| self.shift(r)).unwrap_or(0..0);
        self.blocks.push(RawBlock {
            kind,
            text: text.into(),
            src,
            spaced_lines: false,
        });
    }
}

/// Front matter: YAML (`---` ... `---`, `key: value`, a first `- item` for list values) or
/// TOML (`+++` ... `+++`, `key = value`): the fields we use, and where the body starts.
fn front_matter(text: &str) -> (HeadMeta, usize) {
    let mut head = HeadMeta::default();
    let (fence, separator) = if text.starts_with("---\n") {
        ("---", ':')
    } else if text.starts_with("+++\n") {
        ("+++", '=')
    } else {
        return (head, 0);
    };
    let rest = text.get(4..).unwrap_or("");
    let mut offset = 4;
    let mut fields = Vec::new();
    let mut pending_key: Option<String> = None;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let body = line.trim_end();
        if body == fence || (fence == "---" && body == "...") {
            for (key, value) in fields {
                apply_field(&mut head, key, value);
            }
            return (head, offset);
        }
        if let (Some(key), Some(item)) = (&pending_key, body.trim_start().strip_prefix("- ")) {
            fields.push((key.clone(), unquote(item.trim())));
            pending_key = None;
            continue;
        }
        pending_key = None;
        if let Some((key, value)) = body.split_once(separator) {
            if !key.starts_with([' ', '\t', '-', '#']) {
                let key = key.trim().to_ascii_lowercase();
                let value = unquote(value.trim());
                if value.is_empty() {
                    pending_key = Some(key);
                } else {
                    fields.push((key, value));
                }
            }
        }
    }
    // No closing fence: not front matter, the `---` is a thematic break.
    (HeadMeta::default(), 0)
}

fn apply_field(head: &mut HeadMeta, key: String, value: String) {
    if value.is_empty() {
        return;
    }
    let is_url = value.starts_with("http://") || value.starts_with("https://");
    let slot = match key.as_str() {
        "title" => &mut head.title,
        "author" | "authors" | "auteur" | "by" => &mut head.author,
        "date" | "published" | "pubdate" | "published_at" | "publication_date" => {
            &mut head.published
        }
        "source" | "site" | "site_name" | "publisher" if !is_url => &mut head.site_name,
        "source" | "url" | "canonical" | "canonical_url" | "source_url" | "link" | "original"
            if is_url =>
        {
            &mut head.url
        }
        _ => return,
    };
    if slot.is_none() {
        *slot = Some(value);
    }
}

/// `"A title"` -> `A title`; `[Ada, Bob]` -> `Ada` (first author).
fn unquote(value: &str) -> String {
    let value = value
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .map(|v| v.split(',').next().unwrap_or("").trim())
        .unwrap_or(value);
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value);
    value.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fields() {
        let text = "---\ntitle: \"Hello\"\nauthor: [Ada Lovelace, Bob]\ndate: 2024-03-01\nsource: Le Monde\n---\n# Body\n";
        let doc = parse(text);
        assert_eq!(doc.head.title.as_deref(), Some("Hello"));
        assert_eq!(doc.head.author.as_deref(), Some("Ada Lovelace"));
        assert_eq!(doc.head.published.as_deref(), Some("2024-03-01"));
        assert_eq!(doc.head.site_name.as_deref(), Some("Le Monde"));
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(&text[doc.blocks[0].src.clone()], "# Body");
    }

    #[test]
    fn toml_front_matter_and_yaml_lists() {
        let doc = parse("+++\ntitle = \"Bonjour\"\ndate = 2024-05-01T10:00:00Z\n+++\nTexte.\n");
        assert_eq!(doc.head.title.as_deref(), Some("Bonjour"));
        assert_eq!(doc.head.published.as_deref(), Some("2024-05-01T10:00:00Z"));
        let doc = parse("---\nauthors:\n  - Ada Lovelace\n  - Bob\n---\nTexte.\n");
        assert_eq!(doc.head.author.as_deref(), Some("Ada Lovelace"));
    }

    #[test]
    fn unclosed_fence_is_not_front_matter() {
        let doc = parse("---\ntitle: x\n\nbody text\n");
        assert_eq!(doc.head.title, None);
        assert!(doc.blocks.iter().any(|b| b.text == "body text"));
    }

    #[test]
    fn nested_list_items_keep_their_own_text() {
        let doc = parse("- outer\n  - inner\n- last\n");
        let texts: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_ref()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (BlockKind::ListItem, "outer"),
                (BlockKind::ListItem, "inner"),
                (BlockKind::ListItem, "last")
            ]
        );
    }

    #[test]
    fn html_blocks_are_read_as_html() {
        let text = "Intro.\n\n<div class=\"note\">\n<p>Inside <b>html</b>.</p>\n<script>evil()</script>\n</div>\n\nAfter.\n";
        let doc = parse(text);
        let texts: Vec<_> = doc.blocks.iter().map(|b| b.text.as_ref()).collect();
        assert_eq!(texts, vec!["Intro.", "Inside html.", "After."]);
        assert_eq!(&text[doc.blocks[1].src.clone()], "Inside");
    }

    #[test]
    fn source_link_keeps_its_url() {
        let doc = parse("Body text.\n\nSource : [Ars](https://arstechnica.com/a/)\n");
        assert_eq!(doc.blocks[1].text, "Source: https://arstechnica.com/a/");
    }
}
