//! HTML -> blocks with scraper (html5ever). The tree is walked with ego-tree's `traverse`
//! (open/close edges, no recursion), so 100k nested `<div>`s cost memory, not call depth.
//! Page chrome (scripts, navigation, footers, hidden elements) is skipped; `<article>` or
//! `<main>` is read instead of the whole body when present.

use super::{collapse_layout_space, HeadMeta, ParsedDoc, RawBlock};
use crate::core::article::BlockKind;
use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{Html, Node};
use std::ops::Range;

/// Deepest element nesting handed to html5ever. Its tree builder scans the stack of open
/// elements on many start tags, so parse time grows with depth squared (100k nested `<div>`s
/// took over a minute); real pages nest a few dozen levels.
const MAX_DEPTH: usize = 512;

pub fn parse(text: &str) -> ParsedDoc<'static> {
    let limited = limit_nesting(text, MAX_DEPTH);
    let document = Html::parse_document(&limited);
    let root = content_root(&document);
    let mut head = head_meta(&document);
    if head.published.is_none() {
        head.published =
            first_time_datetime(root).or_else(|| first_time_datetime(document.tree.root()));
    }
    let mut folder = Folder::new(text);
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(element) => {
                        if is_chrome(node, element) {
                            skipping = Some(node.id());
                        } else {
                            if element.name() == "table" {
                                folder.tables.push(is_layout_table(node));
                            }
                            folder.open(element.name());
                        }
                    }
                    Node::Text(text) => folder.push_text(text),
                    _ => {} // comments, doctype, processing instructions
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(element) = node.value() {
                    folder.close(element.name());
                    if element.name() == "table" {
                        folder.tables.pop();
                    }
                }
            }
        }
    }
    folder.flush();
    ParsedDoc {
        blocks: folder.blocks,
        head,
    }
}

/// Elements that never have a closing tag.
fn is_void(name: &[u8]) -> bool {
    const VOID: [&[u8]; 14] = [
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
        b"param", b"source", b"track", b"wbr",
    ];
    VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// Elements whose end tag may be omitted: not counted, or unclosed `<p>`s would look deep.
fn has_optional_end(name: &[u8]) -> bool {
    const OPTIONAL: [&[u8]; 18] = [
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"option",
        b"optgroup",
        b"thead",
        b"tbody",
        b"tfoot",
        b"colgroup",
        b"rb",
        b"rt",
        b"rp",
        b"html",
        b"body",
    ];
    OPTIONAL.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// Position of `</name` (any case) at or after `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut pos = from;
    loop {
        let hay = bytes.get(pos..)?;
        let at = pos + memchr::memmem::find(hay, b"</")?;
        let candidate = bytes.get(at + 2..at + 2 + name.len())?;
        if candidate.eq_ignore_ascii_case(name) {
            return Some(at);
        }
        pos = at + 2;
    }
}

/// Remove the start and end tags nested deeper than `max_depth` (their text stays). The depth
/// is counted from the tags as written (a cheap byte scan, hand-written because no tokenizer
/// exposes this); documents within the limit are returned untouched.
fn limit_nesting(text: &str, max_depth: usize) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut too_deep = false;
    let mut cut: Vec<Range<usize>> = Vec::new();
    let mut pos = 0;
    while let Some(found) = memchr::memchr(b'<', bytes.get(pos..).unwrap_or(&[])) {
        let start = pos + found;
        let rest = bytes.get(start + 1..).unwrap_or(&[]);
        let end = match memchr::memchr(b'>', rest) {
            Some(gt) => start + 1 + gt + 1,
            None => break,
        };
        let inner = bytes.get(start + 1..end - 1).unwrap_or(&[]);
        pos = end;
        if inner.starts_with(b"!--") {
            // Comments may contain `>`: skip to `-->`.
            if let Some(close) = memchr::memmem::find(bytes.get(start..).unwrap_or(&[]), b"-->") {
                pos = start + close + 3;
            }
            continue;
        }
        let closing = inner.first() == Some(&b'/');
        let name_bytes = if closing {
            inner.get(1..).unwrap_or(&[])
        } else {
            inner
        };
        let name_len = name_bytes
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        let name = name_bytes.get(..name_len).unwrap_or(&[]);
        if name.is_empty() || !name.first().is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        if has_optional_end(name) {
            continue; // `<p>`, `<li>`, `<td>` close themselves; they never pile up
        }
        if closing {
            if depth > max_depth {
                cut.push(start..end);
            }
            depth = depth.saturating_sub(1);
            continue;
        }
        if is_void(name) || inner.ends_with(b"/") {
            continue;
        }
        depth += 1;
        if depth > max_depth {
            too_deep = true;
            cut.push(start..end);
        }
        // Raw text elements: their content is not markup.
        if [&b"script"[..], b"style", b"textarea", b"title", b"xmp"]
            .iter()
            .any(|raw| name.eq_ignore_ascii_case(raw))
        {
            pos = find_end_tag(bytes, pos, name).unwrap_or(bytes.len());
        }
    }
    if !too_deep {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for range in cut {
        out.push_str(text.get(last..range.start).unwrap_or(""));
        last = range.end;
    }
    out.push_str(text.get(last..).unwrap_or(""));
    std::borrow::Cow::Owned(out)
}

/// The element holding the article: the `<article>` with the most text, else `<main>`, else
/// `<body>`, else the document.
fn content_root(document: &Html) -> NodeRef<'_, Node> {
    let mut best_article: Option<(usize, NodeRef<'_, Node>)> = None;
    let mut main = None;
    let mut body = None;
    for node in document.tree.root().descendants() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        match element.name() {
            "article" => {
                let size = text_len(node);
                if best_article.is_none_or(|(best, _)| size > best) {
                    best_article = Some((size, node));
                }
            }
            "main" if main.is_none() => main = Some(node),
            "body" if body.is_none() => body = Some(node),
            _ => {}
        }
    }
    best_article
        .filter(|(size, _)| *size > 0)
        .map(|(_, node)| node)
        .or(main)
        .or(body)
        .unwrap_or_else(|| document.tree.root())
}

fn text_len(node: NodeRef<'_, Node>) -> usize {
    node.descendants()
        .filter_map(|n| n.value().as_text())
        .map(|t| t.trim().len())
        .sum()
}

/// `<title>`, `<meta>` and `<link rel=canonical>` anywhere in the document.
fn head_meta(document: &Html) -> HeadMeta {
    let mut head = HeadMeta::default();
    let mut og_title = None;
    let mut doc_title = None;
    let mut canonical = None;
    let mut og_url = None;
    let mut meta_date = None;
    let mut name_date = None;
    for node in document.tree.root().descendants() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        match element.name() {
            "title" if doc_title.is_none() => {
                let text: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                let text = collapse_layout_space(&text);
                if !text.is_empty() {
                    doc_title = Some(text);
                }
            }
            "link" => {
                let rel = element.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && canonical.is_none() {
                    canonical = element.attr("href").map(str::trim).map(String::from);
                }
            }
            "meta" => {
                let key = element
                    .attr("property")
                    .or_else(|| element.attr("name"))
                    .or_else(|| element.attr("itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(content) = element.attr("content").map(collapse_layout_space) else {
                    continue;
                };
                if content.is_empty() {
                    continue;
                }
                let slot = match key.as_str() {
                    "og:title" => &mut og_title,
                    "author" | "article:author" | "dc.creator" | "dcterms.creator"
                        if !content.starts_with("http") =>
                    {
                        &mut head.author
                    }
                    "article:published_time" | "datepublished" | "og:published_time" => {
                        &mut meta_date
                    }
                    "date" | "dc.date" | "dcterms.date" | "pubdate" | "publish-date" => {
                        &mut name_date
                    }
                    "og:site_name" | "application-name" => &mut head.site_name,
                    "og:url" => &mut og_url,
                    _ => continue,
                };
                if slot.is_none() {
                    *slot = Some(content);
                }
            }
            _ => {}
        }
    }
    head.title = og_title.or(doc_title);
    head.url = og_url.or(canonical);
    head.published = meta_date.or(name_date);
    head
}

fn first_time_datetime(root: NodeRef<'_, Node>) -> Option<String> {
    root.descendants().find_map(|node| {
        let element = node.value().as_element()?;
        if element.name() != "time" {
            return None;
        }
        let value = element.attr("datetime")?.trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// A table used for page layout (old sites): its cells hold headings, lists, nested tables
/// or more paragraphs than there are cells, so its rows are containers, not data rows.
fn is_layout_table(table: NodeRef<'_, Node>) -> bool {
    let (mut cells, mut paragraphs) = (0usize, 0usize);
    for node in table.descendants().skip(1) {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        match element.name() {
            "td" | "th" => cells += 1,
            "p" => paragraphs += 1,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "blockquote" | "pre"
            | "table" => return true,
            _ => {}
        }
    }
    paragraphs > cells
}

/// Elements that are page furniture, not article text.
fn is_chrome(node: NodeRef<'_, Node>, element: &scraper::node::Element) -> bool {
    let name = element.name();
    if matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "nav"
            | "footer"
            | "aside"
            | "form"
            | "button"
            | "select"
            | "textarea"
            | "head"
            | "title"
            | "dialog"
    ) {
        return true;
    }
    if element.attr("hidden").is_some()
        || element
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = element.attr("style") {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        if style.to_ascii_lowercase().contains("display:none") {
            return true;
        }
    }
    let role = element.attr("role").unwrap_or("").to_ascii_lowercase();
    if matches!(
        role.as_str(),
        "navigation" | "contentinfo" | "complementary" | "search"
    ) {
        return true;
    }
    // A page header is chrome unless it holds the article's title.
    if name == "header" || role == "banner" {
        return !node
            .descendants()
            .any(|n| n.value().as_element().is_some_and(|e| e.name() == "h1"));
    }
    has_chrome_class(element)
}

/// Whole `class`/`id` names of page furniture. Whole names only: a `post has-comments`
/// article wrapper must not match `comments`. Containers of the article are never judged.
fn has_chrome_class(element: &scraper::node::Element) -> bool {
    const CHROME: [&str; 30] = [
        "share",
        "sharing",
        "share-buttons",
        "social-share",
        "social",
        "sharedaddy",
        "related",
        "related-posts",
        "related-articles",
        "jp-relatedposts",
        "newsletter",
        "comments",
        "comment-list",
        "comments-area",
        "advert",
        "advertisement",
        "ad",
        "ads",
        "cookie-banner",
        "cookies",
        "cookie-consent",
        "breadcrumb",
        "breadcrumbs",
        "subscribe",
        "promo",
        "sidebar",
        "menu",
        "skip-link",
        "screen-reader-text",
        "sr-only",
    ];
    if matches!(element.name(), "html" | "body" | "main" | "article") {
        return false;
    }
    let class = element.attr("class").unwrap_or("");
    let id = element.id().unwrap_or("");
    class
        .split_whitespace()
        .chain(std::iter::once(id))
        .any(|name| CHROME.iter().any(|c| name.eq_ignore_ascii_case(c)))
}

/// Folds open/close/text edges into blocks.
struct Folder<'s> {
    locator: Locator<'s>,
    blocks: Vec<RawBlock<'static>>,
    buf: String,
    /// Per open element: did it push onto `kinds`?
    pushed: Vec<bool>,
    kinds: Vec<BlockKind>,
    /// Open table rows (a table may nest in a cell); each holds its cells so far.
    rows: Vec<Vec<String>>,
    cell_depth: usize,
    /// The last thing seen was a `<br>` (only blank text since).
    after_br: bool,
    /// Open tables, innermost last: `true` for a layout table.
    tables: Vec<bool>,
}

impl<'s> Folder<'s> {
    fn new(source: &'s str) -> Self {
        Folder {
            locator: Locator::new(source),
            blocks: Vec::new(),
            buf: String::new(),
            pushed: Vec::new(),
            kinds: Vec::new(),
            rows: Vec::new(),
            cell_depth: 0,
            after_br: false,
            tables: Vec::new(),
        }
    }

    fn open(&mut self, name: &str) {
        let kind = match name {
            "h1" => Some(BlockKind::Heading(1)),
            "h2" => Some(BlockKind::Heading(2)),
            "h3" => Some(BlockKind::Heading(3)),
            "h4" => Some(BlockKind::Heading(4)),
            "h5" => Some(BlockKind::Heading(5)),
            "h6" => Some(BlockKind::Heading(6)),
            "li" | "dt" | "dd" => Some(BlockKind::ListItem),
            "blockquote" => Some(BlockKind::Quote),
            "pre" => Some(BlockKind::Code),
            _ => None,
        };
        match name {
            "tr" | "td" | "th" if self.in_layout_table() => self.flush(),
            "tr" => {
                self.flush();
                self.rows.push(Vec::new());
            }
            "td" | "th" => {
                self.flush();
                self.cell_depth += 1;
            }
            "br" if self.in_code() => self.buf.push('\n'),
            // `text<br><br>text`: old pages separate paragraphs with blank lines.
            "br" if self.after_br && self.cell_depth == 0 => self.flush(),
            "br" => {
                self.buf.push(' ');
                self.after_br = true;
                self.pushed.push(false);
                return;
            }
            _ if kind.is_some() || is_block(name) => self.flush(),
            _ => {}
        }
        if let Some(kind) = kind {
            self.kinds.push(kind);
        }
        self.pushed.push(kind.is_some());
    }

    fn close(&mut self, name: &str) {
        match name {
            "tr" | "td" | "th" if self.in_layout_table() => self.flush(),
            "td" | "th" => {
                let cell = collapse_layout_space(&std::mem::take(&mut self.buf));
                self.cell_depth = self.cell_depth.saturating_sub(1);
                if let Some(row) = self.rows.last_mut() {
                    row.push(cell);
                }
            }
            "tr" => {
                self.flush();
                if let Some(cells) = self.rows.pop() {
                    if cells.iter().any(|c| !c.is_empty()) {
                        let text = cells.join("\t");
                        let src = self.locator.locate(&text);
                        self.blocks.push(RawBlock {
                            kind: BlockKind::TableRow,
                            text: text.into(),
                            src,
                            spaced_lines: false,
                        });
                    }
                }
            }
            _ => {
                if is_block(name) || self.pushed.last().copied().unwrap_or(false) {
                    self.flush();
                }
            }
        }
        if self.pushed.pop().unwrap_or(false) {
            self.kinds.pop();
        }
    }

    fn in_layout_table(&self) -> bool {
        self.tables.last().copied().unwrap_or(false)
    }

    fn in_code(&self) -> bool {
        self.kinds.contains(&BlockKind::Code)
    }

    fn push_text(&mut self, text: &str) {
        if !text.trim().is_empty() {
            self.after_br = false;
        }
        self.buf.push_str(text);
    }

    fn flush(&mut self) {
        if self.cell_depth > 0 && !self.rows.is_empty() {
            // Blocks inside a cell (a `<p>` in a `<td>`) stay in the cell.
            if !self.buf.ends_with(' ') {
                self.buf.push(' ');
            }
            return;
        }
        let raw = std::mem::take(&mut self.buf);
        let kind = self.kinds.last().copied().unwrap_or(BlockKind::Paragraph);
        let text = if kind == BlockKind::Code {
            raw.trim_matches('\n').trim_end().to_string()
        } else {
            collapse_layout_space(&raw)
        };
        if text.trim().is_empty() {
            return;
        }
        let src = self.locator.locate(&text);
        self.blocks.push(RawBlock {
            kind,
            text: text.into(),
            src,
            spaced_lines: false,
        });
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "body"
            | "figure"
            | "figcaption"
            | "ul"
            | "ol"
            | "dl"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "hr"
            | "address"
            | "details"
            | "summary"
            | "center"
            | "hgroup"
    )
}

/// Maps block text back to the decoded source. html5ever keeps no byte offsets, so this is a
/// best effort: the block's first words are searched in the source after the previous block;
/// when they cannot be found (entities, markup between the words) the range is `0..0`.
/// How far past the previous block a block's first words are looked for: near, then far
/// (scripts and styles between blocks) for the first word alone.
const NEAR_REACH: usize = 4 * 1024;
const FAR_REACH: usize = 256 * 1024;

struct Locator<'s> {
    source: &'s str,
    cursor: usize,
    /// Far searches that failed in a row: an entity-heavy page stops paying for them.
    far_misses: usize,
}

/// Far searches are given up after this many consecutive misses.
const FAR_MISS_LIMIT: usize = 8;

impl<'s> Locator<'s> {
    fn new(source: &'s str) -> Self {
        // Start after `<body`: the `<title>` and `<meta>` tags repeat the headline.
        let bytes = source.as_bytes();
        let cursor = memchr::memchr_iter(b'<', bytes)
            .find(|&at| {
                bytes
                    .get(at + 1..at + 5)
                    .is_some_and(|name| name.eq_ignore_ascii_case(b"body"))
            })
            .unwrap_or(0);
        Locator {
            source,
            cursor,
            far_misses: 0,
        }
    }

    fn locate(&mut self, text: &str) -> Range<usize> {
        let words: Vec<&str> = text.split_ascii_whitespace().collect();
        let first3 = words.iter().take(3).copied().collect::<Vec<_>>().join(" ");
        let first1 = words.first().copied().unwrap_or("");
        // Bounded searches, near first: a block that cannot be found must not cost a scan of
        // the rest of the page each time (quadratic on big pages). Inline markup breaks the
        // three-word needle; the first word alone is then looked for further.
        // `L&#8217;homme` in the page is `L’homme` in the text: its longest ASCII word part
        // (`homme`) is the next best needle.
        let core = first1
            .split(|c: char| !c.is_ascii_alphanumeric())
            .max_by_key(|part| part.len())
            .filter(|part| part.len() >= 3 && part.len() < first1.len())
            .unwrap_or("");
        let near = NEAR_REACH + text.len() * 2;
        let far = if self.far_misses < FAR_MISS_LIMIT {
            FAR_REACH + text.len() * 8
        } else {
            near
        };
        let tries = [
            (first3.as_str(), near),
            (first1, near),
            (core, near),
            (first1, far),
        ];
        for (i, (needle, reach)) in tries.into_iter().enumerate() {
            if needle.is_empty() {
                continue;
            }
            let found = self.find(needle, self.cursor, reach);
            if i == 3 && reach > near {
                self.far_misses = if found.is_some() {
                    0
                } else {
                    self.far_misses + 1
                };
            }
            if let Some(mut start) = found {
                let after = start + needle.len();
                if i == 2 {
                    // Back to the start of the word the part was found in (`L&#8217;`).
                    let bytes = self.source.as_bytes();
                    let floor = start.saturating_sub(16).max(self.cursor);
                    while start > floor
                        && bytes
                            .get(start - 1)
                            .is_some_and(|b| *b != b'>' && !b.is_ascii_whitespace())
                    {
                        start -= 1;
                    }
                    // Bytes of a multi-byte char may have been stepped over: realign.
                    while !self.source.is_char_boundary(start) {
                        start += 1;
                    }
                }
                let window = text.len() * 4 + 256;
                let tail_words = words.len().saturating_sub(3);
                let last3 = words.get(tail_words..).unwrap_or(&[]).join(" ");
                let last1 = words.last().copied().unwrap_or("");
                // The three-word needle of a short block already spans all of it.
                let whole = i == 0 && words.len() <= 3;
                let end = if !whole && words.len() > 1 {
                    [last3.as_str(), last1]
                        .iter()
                        .find_map(|tail| self.find(tail, after, window).map(|pos| pos + tail.len()))
                        .unwrap_or(after)
                } else {
                    after
                };
                self.cursor = end;
                return start..end;
            }
        }
        0..0
    }

    /// First `needle` starting in `from..from + reach`.
    fn find(&self, needle: &str, from: usize, reach: usize) -> Option<usize> {
        let bytes = self.source.as_bytes();
        let end = from
            .saturating_add(reach)
            .saturating_add(needle.len())
            .min(bytes.len());
        let hay = bytes.get(from..end)?;
        memchr::memmem::find(hay, needle.as_bytes()).map(|pos| pos + from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_preferred_and_chrome_dropped() {
        let html = "<html><head><title>T | Site</title><meta name=author content='Ada'>\
            <script>var x = 'evil';</script></head><body><nav>Home About</nav>\
            <article><h1>Real title</h1><p>First <b>para</b>.</p><!-- note -->\
            <ul><li>one</li><li>two</li></ul><table><tr><th>A</th><th>B</th></tr>\
            <tr><td>1</td><td><p>2</p></td></tr></table><div hidden>secret</div>\
            <style>p{}</style><p aria-hidden=\"true\">nope</p></article>\
            <footer>Copyright</footer></body></html>";
        let doc = parse(html);
        let got: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_ref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading(1), "Real title"),
                (BlockKind::Paragraph, "First para."),
                (BlockKind::ListItem, "one"),
                (BlockKind::ListItem, "two"),
                (BlockKind::TableRow, "A\tB"),
                (BlockKind::TableRow, "1\t2"),
            ]
        );
        assert_eq!(doc.head.title.as_deref(), Some("T | Site"));
        assert_eq!(doc.head.author.as_deref(), Some("Ada"));
        let h1 = &doc.blocks[0];
        assert_eq!(&html[h1.src.clone()], "Real title");
    }

    #[test]
    fn nesting_is_limited_only_when_too_deep() {
        let shallow = "<div><p>a<br>b<p>c<!-- <div> --><script>if (a<b) {}</SCRIPT></div>";
        assert!(matches!(
            limit_nesting(shallow, 3),
            std::borrow::Cow::Borrowed(_)
        ));
        let deep = "<div><div><div><div>x</div></div></div></div>";
        assert_eq!(limit_nesting(deep, 2), "<div><div>x</div></div>");
    }

    #[test]
    fn double_br_splits_paragraphs() {
        let doc = parse("<body><div>One line<br>same para<br><br>  <br>Second para</div></body>");
        let texts: Vec<_> = doc.blocks.iter().map(|b| b.text.as_ref()).collect();
        assert_eq!(texts, vec!["One line same para", "Second para"]);
    }

    #[test]
    fn chrome_classes_are_whole_names() {
        let html = "<body><article class=\"post has-comments\"><p>Kept.</p>\
                    <div class=\"sharedaddy sd-sharing\">Share on X</div>\
                    <div id=\"comments\">A reader said</div></article></body>";
        let doc = parse(html);
        let texts: Vec<_> = doc.blocks.iter().map(|b| b.text.as_ref()).collect();
        assert_eq!(texts, vec!["Kept."]);
    }

    #[test]
    fn layout_tables_are_containers() {
        let html = "<body><table><tr><td><h1>Old page</h1><p>First para.</p></td>\
                    <td><p>Side text.</p><table><tr><td>k</td><td>v</td></tr></table></td></tr></table></body>";
        let doc = parse(html);
        let got: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_ref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading(1), "Old page"),
                (BlockKind::Paragraph, "First para."),
                (BlockKind::Paragraph, "Side text."),
                (BlockKind::TableRow, "k\tv"),
            ]
        );
    }

    #[test]
    fn entity_words_are_located_by_their_ascii_part() {
        let html = "<body><p>L&#8217;homme est venu.</p><p>Second para.</p></body>";
        let doc = parse(html);
        assert_eq!(doc.blocks[0].text, "L’homme est venu.");
        assert!(html[doc.blocks[0].src.clone()].starts_with("L&#8217;homme"));
        assert_eq!(&html[doc.blocks[1].src.clone()], "Second para.");
    }

    #[test]
    fn ranges_stay_on_char_boundaries() {
        let html = "&#27;\u{1AFF0}!AAaa!A!a[x](http://a.b)\n";
        let doc = parse(html);
        for block in &doc.blocks {
            assert!(html.get(block.src.clone()).is_some(), "{:?}", block.src);
        }
    }

    #[test]
    fn pre_keeps_lines() {
        let doc = parse("<body><pre>a  b\nc</pre></body>");
        assert_eq!(doc.blocks[0].kind, BlockKind::Code);
        assert_eq!(doc.blocks[0].text, "a  b\nc");
    }
}
