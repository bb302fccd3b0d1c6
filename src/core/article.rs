//! The article model: what every front end reads.
//!
//! An article's cleaned text lives in one arena `String` (`Article::text`); blocks are ranges
//! into it, so a 100k-article store holds one allocation per article instead of one per line.
//! Every block also remembers the byte range it came from in the article's *decoded* source
//! (`Block::src_range`), so events and search hits can be reported at offsets a user can check in the file.

mod cached;
mod layout;
mod origin;

use compact_str::CompactString;
use layout::{Entries, Entry, Layout, LayoutWriter, Place};
pub use origin::Origin;
use serde::Serialize;
use std::ops::Range;

/// Index of an article in the store (load order).
pub type ArticleId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// Level 1..=6; 1 is the article title level.
    Heading(u8),
    Paragraph,
    ListItem,
    /// Cells joined by `\t` in the block text.
    TableRow,
    Quote,
    Code,
}

impl BlockKind {
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Heading(_) => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list_item",
            BlockKind::TableRow => "table_row",
            BlockKind::Quote => "quote",
            BlockKind::Code => "code",
        }
    }

    pub fn level(self) -> Option<u8> {
        match self {
            BlockKind::Heading(level) => Some(level),
            _ => None,
        }
    }
}

/// One block of an article: its kind and two byte ranges, the block's cleaned, sanitized text in
/// `Article::text` ([`Block::text_range`]) and the part of the article's decoded source it was
/// parsed from ([`Block::src_range`]).
///
/// The offsets are `u32` and the struct is packed to 2-byte alignment: 18 bytes instead of 40
/// with two `Range<usize>`, which is 31 MB less at 100k articles (1.45 M blocks, issue 6). `u32`
/// is enough because a file is read with a cap, [`MAX_FILE_SIZE_LIMIT`] (512 MiB) at most
/// whatever `--max-file-size` says (16 MiB by default): decoding turns a byte into at most 3
/// (an invalid byte becomes U+FFFD) and cleaning into at most 4 (a tab in code becomes up to 4
/// spaces), so the decoded source and the arena stay below 4 GiB. Offsets past `u32::MAX` would
/// saturate (the range reads as empty), never wrap or panic.
///
/// [`MAX_FILE_SIZE_LIMIT`]: crate::core::load::MAX_FILE_SIZE_LIMIT
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, packed(2))]
pub struct Block {
    text_start: u32,
    text_end: u32,
    src_start: u32,
    src_end: u32,
    pub kind: BlockKind,
}

impl Block {
    /// A block of `kind` at `text` in the arena, parsed from `src` in the decoded source.
    pub fn new(kind: BlockKind, text: Range<usize>, src: Range<usize>) -> Block {
        Block {
            text_start: offset32(text.start),
            text_end: offset32(text.end),
            src_start: offset32(src.start),
            src_end: offset32(src.end),
            kind,
        }
    }

    /// Range of the block's cleaned, sanitized text in `Article::text`.
    pub fn text_range(self) -> Range<usize> {
        widen(self.text_start)..widen(self.text_end)
    }

    /// Byte range in the article's decoded source text the block was parsed from.
    pub fn src_range(self) -> Range<usize> {
        widen(self.src_start)..widen(self.src_end)
    }
}

/// An offset in an article's arena or decoded source as stored in the model: `u32`, saturating
/// (see [`Block`] for why it never needs to).
pub(crate) fn offset32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// A stored offset back to `usize` (lossless on 32 and 64-bit targets).
pub(crate) fn widen(offset: u32) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}

/// How precise a date is. Shared by publication dates and events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Month,
    Quarter,
    Season,
    Year,
    Decade,
    Century,
    Range,
    Ref,
    Duration,
    Set,
}

impl Precision {
    pub fn name(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
            Precision::Range => "range",
            Precision::Ref => "ref",
            Precision::Duration => "duration",
            Precision::Set => "set",
        }
    }

    pub fn parse(name: &str) -> Option<Precision> {
        Some(match name {
            "day" => Precision::Day,
            "month" => Precision::Month,
            "quarter" => Precision::Quarter,
            "season" => Precision::Season,
            "year" => Precision::Year,
            "decade" => Precision::Decade,
            "century" => Precision::Century,
            "range" => Precision::Range,
            "ref" => Precision::Ref,
            "duration" => Precision::Duration,
            "set" => Precision::Set,
            _ => return None,
        })
    }
}

/// Whether a publication date is the date itself or only a lower bound for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBound {
    Exact,
    AtLeast,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PubDate {
    /// TimeML-style value: `2025`, `2025-06`, `2025-02-19`.
    pub value: String,
    pub precision: Precision,
    pub bound: DateBound,
    /// Why we believe it, for a human: `closing date line "19/02/25"`.
    pub evidence: String,
}

/// One article: what every front end reads.
///
/// Everything is read through accessors, so the representation can stay compact (issue 6,
/// 100k articles at once): one arena holds the cleaned text and, after it, the title, the
/// source and the origin's file name, the title and source only when the text does not already
/// hold them (a title is nearly always also a dropped `title` line, a source part of a
/// `Source:` line), the origin's folder by id (see [`Origin`]); the rarer
/// metadata (`source_url`, `author`, `published`, `warnings`) is behind one optional box.
/// Build one with [`Article::new`] from [`ArticleParts`].
#[derive(Clone, PartialEq, Eq)]
pub struct Article {
    pub id: ArticleId,
    pub format: Format,
    /// One allocation: the arena, UTF-8 (the cleaned text: blocks separated by `\n`, then the
    /// dropped lines; then the title, source and origin when the text does not hold them),
    /// then the [`Layout`] from `layout_start` on. One allocation rather than two saves a
    /// 16-byte pointer and a malloc chunk per article.
    bytes: Box<[u8]>,
    /// Where the arena ends and the layout starts in `bytes`.
    layout_start: u32,
    block_count: u32,
    /// The origin's folder (see [`origin::folder_id`]); 0 for none, the arena then holds the
    /// whole origin.
    folder: u32,
    /// Dated mentions, in text order.
    events: Box<[Event]>,
    /// `None` when every field of it is empty (so equal articles compare equal).
    rare: Option<Box<RareMeta>>,
}

/// Where `needle` first is in `text[range]`. A first-byte scan then a compare: the haystacks
/// are a few short lines, where building a `memmem` searcher would cost more than the search.
fn find_in(text: &str, range: Range<usize>, needle: &str) -> Option<usize> {
    let hay = text.as_bytes().get(range.clone())?;
    let needle = needle.as_bytes();
    let Some(&first) = needle.first() else {
        return Some(range.start);
    };
    memchr::memchr_iter(first, hay)
        .find(|&at| hay.get(at..at + needle.len()) == Some(needle))
        .map(|at| range.start + at)
}

/// The metadata few articles have.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct RareMeta {
    source_url: Option<String>,
    author: Option<String>,
    published: Option<PubDate>,
    warnings: Vec<String>,
}

impl RareMeta {
    fn is_empty(&self) -> bool {
        self.source_url.is_none()
            && self.author.is_none()
            && self.published.is_none()
            && self.warnings.is_empty()
    }
}

/// Everything an [`Article`] is made of, field by field: what [`Article::new`] takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleParts {
    pub id: ArticleId,
    /// Path as given on the command line (or found while walking), `seeds/NAME`, or `stdin`.
    pub origin: String,
    pub format: Format,
    pub title: String,
    /// Where the article comes from (a site, an agency).
    pub source: Option<String>,
    /// A link to the original, when the article names one (e.g. "Article en référence: URL").
    pub source_url: Option<String>,
    pub author: Option<String>,
    pub published: Option<PubDate>,
    /// Arena of cleaned block texts, blocks separated by `\n`, then the dropped lines.
    pub text: String,
    pub blocks: Vec<Block>,
    /// Source lines dropped from the reading text as boilerplate or metadata.
    pub dropped: Vec<Dropped>,
    /// Dated mentions, in text order.
    pub events: Vec<Event>,
    /// Non-fatal problems met while loading (truncated, lossy decoding, ...).
    pub warnings: Vec<String>,
}

impl Default for ArticleParts {
    fn default() -> Self {
        ArticleParts {
            id: 0,
            origin: String::new(),
            format: Format::Text,
            title: String::new(),
            source: None,
            source_url: None,
            author: None,
            published: None,
            text: String::new(),
            blocks: Vec::new(),
            dropped: Vec::new(),
            events: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// What the fields mean rather than the packed bytes: the text, metadata and blocks.
impl std::fmt::Debug for Article {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Article")
            .field("id", &self.id)
            .field("format", &self.format)
            .field("origin", &self.origin())
            .field("title", &self.title())
            .field("source", &self.source())
            .field("text", &self.text())
            .field("blocks", &self.blocks().collect::<Vec<_>>())
            .field("dropped", &self.dropped().collect::<Vec<_>>())
            .field("events", &self.events)
            .field("rare", &self.rare)
            .finish()
    }
}

impl Article {
    pub fn new(parts: ArticleParts) -> Article {
        let ArticleParts {
            id,
            origin,
            format,
            title,
            source,
            source_url,
            author,
            published,
            text,
            blocks,
            dropped,
            events,
            warnings,
        } = parts;
        let (folder, origin) = {
            let whole = Origin::of(&origin);
            match origin::folder_id(whole.folder()) {
                Some(id) => (id, whole.file_name()),
                None => (0, origin.as_str()),
            }
        };
        // The title is looked for in the dropped lines (its `title` line), then at the start
        // of the first block (a heading, or the paragraph whose first sentence it is; a
        // search through long first blocks costs more than the 2 titles in 100k found inside
        // one save), the source in the dropped lines (`Source: NAME`), then in the title.
        // What is not found is appended, and so is the origin: `meta::assemble` sizes the
        // arena with room for the origin, so it is reallocated once, when it is boxed.
        let text_end = text.len();
        let dropped_lines = dropped.first().map_or(text_end, |d| d.text_range().start)..text_end;
        let title_found = find_in(&text, dropped_lines.clone(), &title).or_else(|| {
            let first = blocks.first()?.text_range();
            let starts = text.get(first.clone())?.starts_with(title.as_str());
            starts.then_some(first.start)
        });
        let title_start = title_found.unwrap_or(text_end);
        let title_len = if title_found.is_some() {
            0
        } else {
            title.len()
        };
        let source_found = source.as_ref().map(|source| {
            find_in(&text, dropped_lines.clone(), source).or_else(|| {
                let in_title = find_in(&title, 0..title.len(), source)?;
                Some(title_start + in_title)
            })
        });
        let source_len = match (&source, source_found) {
            (Some(source), Some(None)) => source.len(),
            _ => 0,
        };
        let origin_start = text_end + title_len + source_len;
        let title_end = title_start + title.len();
        let source_range = match (&source, source_found) {
            (Some(source), Some(found)) => {
                let start = found.unwrap_or(text_end + title_len);
                start..start + source.len()
            }
            _ => 0..0,
        };
        let places = [
            text_end,
            title_start,
            title_end,
            source_range.start,
            source_range.end,
            origin_start,
        ];
        let layout = LayoutWriter::new(places, source_found.is_some(), &blocks, &dropped);
        let layout_start = origin_start + origin.len();
        let total = layout_start + layout.len();
        let mut arena = text;
        if arena.capacity() < total {
            arena.reserve_exact(total - arena.len());
        }
        if title_found.is_none() {
            arena.push_str(&title);
        }
        if let (Some(source), Some(None)) = (&source, source_found) {
            arena.push_str(source);
        }
        arena.push_str(origin);
        debug_assert_eq!(arena.len(), layout_start);
        let mut bytes = arena.into_bytes();
        layout.write(&mut bytes);
        let mut article = Article {
            id,
            format,
            bytes: bytes.into_boxed_slice(),
            layout_start: offset32(layout_start),
            block_count: offset32(blocks.len()),
            folder,
            events: events.into_boxed_slice(),
            rare: None,
        };
        article.set_rare(|rare| {
            *rare = RareMeta {
                source_url,
                author,
                published,
                warnings,
            }
        });
        article
    }

    /// Arena of cleaned block texts, blocks separated by `\n`, then the dropped lines: what
    /// block, dropped line, event and search ranges point into.
    pub fn text(&self) -> &str {
        self.arena()
            .get(..self.layout().place(Place::TextEnd))
            .unwrap_or("")
    }

    /// The arena: the text, then the title, source and origin when it does not hold them.
    fn arena(&self) -> &str {
        let arena = self.bytes.get(..widen(self.layout_start)).unwrap_or(&[]);
        // SAFETY: `Article::new` is the only writer of `bytes` and `layout_start`: it copies a
        // `String` into `bytes` and sets `layout_start` to that string's length, so the bytes
        // before it are valid UTF-8 ending on a char boundary. Checking them on each access
        // would cost a pass over the text per call.
        unsafe { std::str::from_utf8_unchecked(arena) }
    }

    fn layout(&self) -> Layout<'_> {
        Layout(self.bytes.get(widen(self.layout_start)..).unwrap_or(&[]))
    }

    /// The first `end` bytes of the arena (all of it if shorter), without reading the layout:
    /// body search (issue 6) keeps each article's block-text end and scans this prefix; going
    /// through [`Article::text`] costs two dependent cache misses per article (the layout, then
    /// the arena at the text's end for its char-boundary check) before the scan starts.
    pub(crate) fn arena_prefix(&self, end: usize) -> &[u8] {
        let bytes = self.arena().as_bytes();
        bytes.get(..end).unwrap_or(bytes)
    }

    pub fn title(&self) -> &str {
        let title = self.layout().place(Place::TitleStart)..self.layout().place(Place::TitleEnd);
        self.arena().get(title).unwrap_or("")
    }

    /// Path as given on the command line (or found while walking), `seeds/NAME`, or `stdin`.
    pub fn origin(&self) -> Origin<'_> {
        let stored = self
            .arena()
            .get(self.layout().place(Place::OriginStart)..)
            .unwrap_or("");
        if self.folder == 0 {
            return Origin::of(stored);
        }
        Origin::with_folder(origin::folder(self.folder), stored)
    }

    /// Where the article comes from (a site, an agency).
    pub fn source(&self) -> Option<&str> {
        let source = self.layout().place(Place::SourceStart)..self.layout().place(Place::SourceEnd);
        self.layout()
            .has_source()
            .then(|| self.arena().get(source).unwrap_or(""))
    }

    /// A link to the original, when the article names one (e.g. "Article en référence: URL").
    pub fn source_url(&self) -> Option<&str> {
        self.rare.as_ref()?.source_url.as_deref()
    }

    pub fn author(&self) -> Option<&str> {
        self.rare.as_ref()?.author.as_deref()
    }

    /// The publication date: stated by the format, or inferred by the dates pass.
    pub fn published(&self) -> Option<&PubDate> {
        self.rare.as_ref()?.published.as_ref()
    }

    /// The blocks, in text order.
    pub fn blocks(&self) -> Blocks<'_> {
        Blocks(self.layout().entries(0..self.block_count()))
    }

    /// The blocks, then the dropped lines, in one pass over the layout: what `blocks()` then
    /// `dropped()` give, without walking again to the first dropped line.
    pub fn parts(&self) -> Parts<'_> {
        Parts {
            entries: self.layout().entries(0..usize::MAX),
            index: 0,
            block_count: self.block_count(),
        }
    }

    /// Block `index` (`None` past the last).
    pub fn block(&self, index: usize) -> Option<Block> {
        if index >= self.block_count() {
            return None;
        }
        self.layout()
            .entries(index..index + 1)
            .next()
            .map(Entry::into_block)
    }

    pub fn block_count(&self) -> usize {
        widen(self.block_count)
    }

    /// Source lines dropped from the reading text as boilerplate or metadata.
    pub fn dropped(&self) -> impl ExactSizeIterator<Item = Dropped> + '_ {
        self.layout()
            .entries(self.block_count()..usize::MAX)
            .map(Entry::into_dropped)
    }

    /// Dated mentions, in text order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    pub fn set_events(&mut self, events: Vec<Event>) {
        self.events = events.into_boxed_slice();
    }

    /// Non-fatal problems met while loading (truncated, lossy decoding, ...).
    pub fn warnings(&self) -> &[String] {
        self.rare
            .as_ref()
            .map_or(&[], |rare| rare.warnings.as_slice())
    }

    /// Heap bytes of each part of the article, capacities included (for
    /// `examples/memory_breakdown`).
    pub fn heap_parts(&self) -> [(&'static str, usize); 5] {
        let strings = |s: &Option<String>| s.as_ref().map_or(0, String::capacity);
        let text_end = self.layout().place(Place::TextEnd);
        [
            ("text arenas", text_end),
            (
                "title/source/origin",
                self.arena().len().saturating_sub(text_end),
            ),
            ("blocks + dropped", self.layout().0.len()),
            (
                "events",
                std::mem::size_of_val(&*self.events)
                    + self
                        .events
                        .iter()
                        .filter(|e| e.normalized.is_heap_allocated())
                        .map(|e| e.normalized.capacity())
                        .sum::<usize>(),
            ),
            (
                "other metadata",
                self.rare.as_ref().map_or(0, |rare| {
                    std::mem::size_of::<RareMeta>()
                        + strings(&rare.source_url)
                        + strings(&rare.author)
                        + rare
                            .published
                            .as_ref()
                            .map_or(0, |p| p.value.capacity() + p.evidence.capacity())
                        + rare.warnings.capacity() * std::mem::size_of::<String>()
                        + rare.warnings.iter().map(String::capacity).sum::<usize>()
                }),
            ),
        ]
    }

    pub fn set_published(&mut self, published: Option<PubDate>) {
        self.set_rare(|rare| rare.published = published);
    }

    pub fn set_warnings(&mut self, warnings: Vec<String>) {
        if warnings.is_empty() && self.rare.is_none() {
            // Nothing to set: no box to allocate and drop again (every loaded article asks).
            return;
        }
        self.set_rare(|rare| rare.warnings = warnings);
    }

    /// Change the rare metadata, keeping the box only while some of it is set.
    fn set_rare(&mut self, change: impl FnOnce(&mut RareMeta)) {
        let mut rare = self.rare.take().unwrap_or_default();
        change(&mut rare);
        if !rare.is_empty() {
            self.rare = Some(rare);
        }
    }

    pub fn block_text(&self, block: &Block) -> &str {
        self.slice(&block.text_range())
    }

    /// A range of the text; empty if the range is out of bounds (never panics).
    pub fn slice(&self, range: &Range<usize>) -> &str {
        if range.end > self.layout().place(Place::TextEnd) {
            return "";
        }
        self.arena().get(range.clone()).unwrap_or("")
    }

    /// File name part of `origin`.
    pub fn file_name(&self) -> &str {
        self.origin().file_name()
    }

    /// Give back the spare capacity the growing buffers left behind (the rest is boxed to its
    /// length when the article is built).
    pub fn shrink_to_fit(&mut self) {
        if let Some(rare) = &mut self.rare {
            rare.warnings.shrink_to_fit();
        }
    }

    pub fn word_count(&self) -> usize {
        self.blocks()
            .map(|b| count_words(self.block_text(&b)))
            .sum()
    }
}

/// The blocks of an article, in order (see [`Article::blocks`]): decoded one after another
/// from its layout, so a pass over them reads each entry once.
#[derive(Debug, Clone)]
pub struct Blocks<'a>(Entries<'a>);

impl Iterator for Blocks<'_> {
    type Item = Block;

    fn next(&mut self) -> Option<Block> {
        self.0.next().map(Entry::into_block)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<Block> {
        self.0.nth(n).map(Entry::into_block)
    }
}

impl DoubleEndedIterator for Blocks<'_> {
    fn next_back(&mut self) -> Option<Block> {
        self.0.next_back().map(Entry::into_block)
    }
}

impl ExactSizeIterator for Blocks<'_> {}

/// A block or a dropped line, as [`Article::parts`] yields them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Range in `Article::text`.
    pub text: Range<usize>,
    /// Range in the decoded source.
    pub src: Range<usize>,
    /// The block's kind; `None` for a dropped line.
    pub kind: Option<BlockKind>,
}

/// The blocks then the dropped lines of an article (see [`Article::parts`]).
#[derive(Debug, Clone)]
pub struct Parts<'a> {
    entries: Entries<'a>,
    /// Index of the next entry: blocks first, then dropped lines.
    index: usize,
    block_count: usize,
}

impl Iterator for Parts<'_> {
    type Item = Part;

    fn next(&mut self) -> Option<Part> {
        let entry = self.entries.next()?;
        let kind = (self.index < self.block_count).then(|| layout::tag_kind(entry.tag));
        self.index += 1;
        Some(Part {
            text: entry.text,
            src: entry.src,
            kind,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}

impl ExactSizeIterator for Parts<'_> {}

/// A line of the source dropped from the reading text as boilerplate or metadata
/// (a language switcher, a `Source :` line, a closing date line, a redirect notice).
/// Kept because dates are still found in it (a closing `19/02/25` is the publication date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dropped {
    /// Range of the sanitized line in `Article::text` (after the blocks), `u32` as in [`Block`].
    text_start: u32,
    text_end: u32,
    /// Byte range in the decoded source.
    src_start: u32,
    src_end: u32,
    /// Which rule dropped it, for `show --format json` and tests: `language_switcher`,
    /// `source_line`, `date_line`, `duplicate_title`, `redirect`, `byline`, `link_out`, ...
    pub reason: &'static str,
}

impl Dropped {
    /// A line dropped by `reason`, at `text` in the arena, from `src` in the decoded source.
    pub fn new(text: Range<usize>, src: Range<usize>, reason: &'static str) -> Dropped {
        Dropped {
            text_start: offset32(text.start),
            text_end: offset32(text.end),
            src_start: offset32(src.start),
            src_end: offset32(src.end),
            reason,
        }
    }

    /// Range of the sanitized line in `Article::text` (after the blocks).
    pub fn text_range(self) -> Range<usize> {
        widen(self.text_start)..widen(self.text_end)
    }

    /// Byte range in the decoded source.
    pub fn src_range(self) -> Range<usize> {
        widen(self.src_start)..widen(self.src_end)
    }
}

/// A calendar day used as a sort key; month and day are 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Ymd {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Ymd {
    pub const fn new(year: i32, month: u8, day: u8) -> Ymd {
        Ymd { year, month, day }
    }
}

/// TimeML-like modifier of a date mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Modifier {
    #[default]
    None,
    /// `au-delà de 2030`, `after 2030`
    After,
    /// `avant 2020`, `before 2020`
    Before,
    /// `jusqu'en janvier 2025`, `until 2025`
    Until,
    /// `depuis 2019`, `since 2019`
    Since,
    /// `vers 2010`, `around 2010`
    Approx,
    /// `début 2024`, `early 2024`
    Start,
    /// `mi-décembre`, `mid-2024`
    Mid,
    /// `fin 2024`, `late 2024`
    End,
}

impl Modifier {
    pub fn name(self) -> &'static str {
        match self {
            Modifier::None => "",
            Modifier::After => "after",
            Modifier::Before => "before",
            Modifier::Until => "until",
            Modifier::Since => "since",
            Modifier::Approx => "approx",
            Modifier::Start => "start",
            Modifier::Mid => "mid",
            Modifier::End => "end",
        }
    }
}

/// One dated mention found in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Block the mention is in; `None` for a dropped metadata line (see `Article::dropped`).
    pub block: Option<usize>,
    /// Range of the matched words in `Article::text`.
    pub span: Range<usize>,
    /// UTF-8 byte offset of the match in the decoded source (what `events` prints).
    pub src_offset: usize,
    /// 1-based line of the match in the decoded source.
    pub line: usize,
    /// TimeML-like value: `2025`, `2025-05`, `2025-02-19`, `2001-Q1`, `198X`, `2016/2018`,
    /// `PRESENT_REF`, `P2Y`. Stored inline up to 24 bytes (the longest, a day range, is 21):
    /// a heap `String` cost each event a 32-byte allocation more (issue 6).
    pub normalized: CompactString,
    pub precision: Precision,
    pub modifier: Modifier,
    /// First and last day the value covers; `None` for unresolved relative mentions.
    pub start: Option<Ymd>,
    pub end: Option<Ymd>,
    /// Range of the sentence holding the mention in `Article::text`.
    pub sentence: Range<usize>,
}

impl Event {
    /// A timeline event is a mention that could be placed on a calendar.
    pub fn is_dated(&self) -> bool {
        self.start.is_some()
    }
}

/// `text.split_whitespace().count()` in one pass over the bytes, decoding only non-ASCII
/// chars (`list` counts the words of every article).
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    if text.is_ascii() {
        let mut words = 0;
        let mut in_word = false;
        for &b in bytes {
            let space = matches!(b, b'\t'..=b'\r' | b' ');
            words += usize::from(!space && !in_word);
            in_word = !space;
        }
        return words;
    }
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (space, len) = if b.is_ascii() {
            (b.is_ascii_whitespace() || b == 0x0B, 1)
        } else {
            let c = text.get(i..).and_then(|rest| rest.chars().next());
            (
                c.is_some_and(char::is_whitespace),
                c.map_or(1, char::len_utf8),
            )
        };
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
        i += len;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_compact_and_saturate() {
        // 1.45 M blocks at 100k articles (issue 6): keep them small.
        assert!(std::mem::size_of::<Block>() <= 20);
        assert!(std::mem::size_of::<Dropped>() <= 32);
        let block = Block::new(BlockKind::Heading(2), 3..9, 10..20);
        assert_eq!(
            (block.kind, block.text_range(), block.src_range()),
            (BlockKind::Heading(2), 3..9, 10..20)
        );
        // Past u32 (never met: files are read with a cap) the range saturates and reads empty.
        let huge = usize::try_from(u64::from(u32::MAX) + 10).unwrap_or(usize::MAX);
        let block = Block::new(BlockKind::Paragraph, 0..huge, huge..huge);
        assert_eq!(block.text_range().end, u32::MAX as usize);
        assert!(block.src_range().is_empty());
        let dropped = Dropped::new(1..2, huge..huge + 1, "date_line");
        assert_eq!((dropped.text_range(), dropped.reason), (1..2, "date_line"));
        assert!(dropped.src_range().is_empty());
    }

    #[test]
    fn rare_metadata_is_boxed_only_when_present() {
        // 100k articles at once (issue 6): keep the struct small.
        assert!(std::mem::size_of::<Article>() <= 112);
        let plain = Article::new(ArticleParts {
            title: "t".into(),
            ..ArticleParts::default()
        });
        assert!(plain.rare.is_none());
        let mut dated = plain.clone();
        dated.set_published(Some(PubDate {
            value: "2025".into(),
            precision: Precision::Year,
            bound: DateBound::Exact,
            evidence: "test".into(),
        }));
        assert_eq!(dated.published().map(|p| p.value.as_str()), Some("2025"));
        assert_ne!(dated, plain);
        // Emptied again, it equals an article that never had any.
        dated.set_published(None);
        dated.set_warnings(Vec::new());
        assert_eq!(dated, plain);
        let full = Article::new(ArticleParts {
            source: Some("s".into()),
            source_url: Some("u".into()),
            author: Some("a".into()),
            warnings: vec!["w".into()],
            ..ArticleParts::default()
        });
        assert_eq!(
            (full.source(), full.source_url(), full.author()),
            (Some("s"), Some("u"), Some("a"))
        );
        assert_eq!(full.warnings(), ["w"]);
    }

    #[test]
    fn entries_round_trip_with_and_without_stored_text_starts() {
        let text = "One.\nTwo two.\n\nGap.\nDate\n";
        let blocks = vec![
            Block::new(BlockKind::Heading(1), 0..4, 3..7),
            Block::new(BlockKind::Paragraph, 5..13, 9..20),
        ];
        let parts = ArticleParts {
            text: text.into(),
            blocks: blocks.clone(),
            dropped: vec![Dropped::new(14..14, 0..2, "title")],
            ..ArticleParts::default()
        };
        // Laid out as `meta` lays arenas out: each text one byte after the previous one.
        let contiguous = Article::new(parts.clone());
        assert!(contiguous.layout().contiguous());
        let got: Vec<Block> = contiguous.blocks().collect();
        assert_eq!(got, blocks);
        assert_eq!(contiguous.block(1), blocks.get(1).copied());
        let dropped: Vec<Dropped> = contiguous.dropped().collect();
        assert_eq!(dropped, vec![Dropped::new(14..14, 0..2, "title")]);
        // A gap (the empty line at 14) or a text starting elsewhere: every start is stored.
        let gapped = vec![
            Block::new(BlockKind::Heading(1), 0..4, 3..7),
            Block::new(BlockKind::Paragraph, 15..19, 9..20),
            Block::new(BlockKind::ListItem, 5..8, 21..30),
        ];
        let other = Article::new(ArticleParts {
            blocks: gapped.clone(),
            dropped: vec![Dropped::new(20..24, 31..35, "date_line")],
            ..parts
        });
        assert!(!other.layout().contiguous());
        assert_eq!(other.blocks().collect::<Vec<_>>(), gapped);
        assert_eq!(other.block(2), gapped.get(2).copied());
        assert_eq!(
            other.dropped().collect::<Vec<_>>(),
            vec![Dropped::new(20..24, 31..35, "date_line")]
        );
        // The width byte, six 2-byte places and the entry count, then the entries: 3, 3 and
        // 4 bytes (a head byte, the text length, a gap or a source length that differs), and
        // 4, 4, 4 and 3 with the text starts.
        assert_eq!(contiguous.layout().0.len(), 1 + 7 * 2 + 3 + 3 + 4);
        assert_eq!(other.layout().0.len(), 1 + 7 * 2 + 4 + 4 + 4 + 3);
    }

    /// `parts()` yields what `blocks()` then `dropped()` do, across checkpoints and in both
    /// layouts (contiguous texts or stored starts).
    #[test]
    fn parts_are_the_blocks_then_the_dropped_lines() {
        for (blocks, dropped, gap) in [(0, 0, 1), (1, 0, 1), (0, 3, 1), (40, 7, 1), (70, 40, 2)] {
            let mut text = String::new();
            let entry = |text: &mut String, i: usize| {
                let start = text.len();
                text.push_str(&"x".repeat(i % 5));
                let range = start..text.len();
                text.push_str(&"\n".repeat(gap));
                (range.clone(), range.start + i..range.end + 2 * i)
            };
            let block_list: Vec<Block> = (0..blocks)
                .map(|i| {
                    let (t, s) = entry(&mut text, i);
                    let kind = [BlockKind::Paragraph, BlockKind::Heading(2), BlockKind::Code]
                        .get(i % 3)
                        .copied()
                        .unwrap_or(BlockKind::Quote);
                    Block::new(kind, t, s)
                })
                .collect();
            let dropped_list: Vec<Dropped> = (0..dropped)
                .map(|i| {
                    let (t, s) = entry(&mut text, i);
                    Dropped::new(t, s, if i % 2 == 0 { "title" } else { "date_line" })
                })
                .collect();
            let article = Article::new(ArticleParts {
                text,
                blocks: block_list,
                dropped: dropped_list,
                ..ArticleParts::default()
            });
            let expected: Vec<Part> = article
                .blocks()
                .map(|b| Part {
                    text: b.text_range(),
                    src: b.src_range(),
                    kind: Some(b.kind),
                })
                .chain(article.dropped().map(|d| Part {
                    text: d.text_range(),
                    src: d.src_range(),
                    kind: None,
                }))
                .collect();
            assert_eq!(expected.len(), blocks + dropped);
            assert_eq!(article.parts().len(), blocks + dropped);
            assert_eq!(article.parts().collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn title_source_and_origin_share_the_arena() {
        // A title that is a dropped line and a source inside one are not stored again.
        let text = "Body.\nMy title\nSource: cpufrequtils\n";
        let parts = ArticleParts {
            origin: "dir/a.txt".into(),
            title: "My title".into(),
            source: Some("cpufrequtils".into()),
            text: text.into(),
            blocks: vec![Block::new(BlockKind::Paragraph, 0..5, 0..5)],
            dropped: vec![
                Dropped::new(6..14, 6..14, "title"),
                Dropped::new(15..35, 15..35, "source_line"),
            ],
            ..ArticleParts::default()
        };
        let article = Article::new(parts.clone());
        // The origin's folder is stored once for all articles, its file name in the arena.
        assert_eq!(article.arena().len(), text.len() + "a.txt".len());
        assert_eq!(
            (
                article.title(),
                article.source(),
                article.origin().to_string()
            ),
            ("My title", Some("cpufrequtils"), "dir/a.txt".to_string())
        );
        assert_eq!((article.text(), article.file_name()), (text, "a.txt"));
        // Found nowhere, they are appended after the text, which does not show them.
        let other = Article::new(ArticleParts {
            title: "Elsewhere".into(),
            source: Some("AFP".into()),
            ..parts
        });
        assert_eq!(
            (other.title(), other.source(), other.text()),
            ("Elsewhere", Some("AFP"), text)
        );
        assert_eq!(other.slice(&(0..text.len() + 3)), "");
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tand\nnewline\x0bvt\x0cff\rcr",
            "insécable\u{a0}espace\u{2003}em\u{3000}ideographic",
            "\u{1c}\u{1f} control chars are not spaces",
            "émoji 🔥 und Straße",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
        assert_eq!(count_words("a\u{a0}b c"), 3);
    }
}
