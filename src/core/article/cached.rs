//! An article as one record of bytes and back, for the persisted load cache (issue 6: a warm
//! load reads its articles from a cache file instead of parsing them again).
//!
//! A record is a version byte, the format, the article's `bytes` (the arena then the layout) as
//! one length-prefixed copy, the block count, the events and the rare metadata; numbers are
//! LEB128 varints, most of an event's the difference from the previous event's. What only
//! holds within one process is not stored: the folder id is taken again from the origin the
//! load gives, and an article with a dropped-line reason outside the fixed table (tagged by
//! order of first use) is not cached.
//!
//! A record comes from a file, so reading it checks everything `Article`'s accessors and
//! their users rely on (the arena's UTF-8 above all: [`Article::arena`] does not check it
//! again), in one pass over the layout and the events and none over the text beyond its UTF-8
//! validation. The cache file checksums each record too; this is the defence behind it.

use super::layout::{push_varint, read_varint, unzigzag, zigzag, Layout, Place, DROP_REASONS};
use super::{layout, widen, PubDate, RareMeta, Ymd};
use super::{origin, Article, BlockKind, DateBound, Event, Format, Modifier, Origin, Precision};
use compact_str::CompactString;

/// Bumped whenever the record's encoding changes: a record of another version reads as `None`
/// (a cache miss). Whether the parsers would still build the same article from the file is
/// for the cache file's header to tell, not the record.
const RECORD_VERSION: u8 = 1;

/// The fewest bytes an encoded event takes (each of its ten fields takes one at least): how
/// many events a record's length allows, so a crafted count cannot reserve a huge `Vec`.
const MIN_EVENT_LEN: usize = 10;

/// Bits of an event's dates byte.
const HAS_START: u8 = 1;
const HAS_END: u8 = 2;

/// Bits of the rare metadata's flags byte.
const HAS_SOURCE_URL: u8 = 1;
const HAS_AUTHOR: u8 = 2;
const HAS_PUBLISHED: u8 = 4;
const HAS_WARNINGS: u8 = 8;
const RARE_FLAGS: u8 = HAS_SOURCE_URL | HAS_AUTHOR | HAS_PUBLISHED | HAS_WARNINGS;

/// The tag of each variant of an enum and back, from one list: the `match` on the variants is
/// exhaustive, so a new variant fails to compile until it is given a tag (rather than shifting
/// the others), and a tag given twice is an unreachable pattern (a clippy error).
macro_rules! tags {
    ($to_tag:ident, $from_tag:ident, $ty:ident { $($variant:ident = $tag:literal),* $(,)? }) => {
        fn $to_tag(value: $ty) -> u8 {
            match value {
                $($ty::$variant => $tag,)*
            }
        }

        fn $from_tag(tag: u8) -> Option<$ty> {
            match tag {
                $($tag => Some($ty::$variant),)*
                _ => None,
            }
        }
    };
}

tags!(format_tag, tag_format, Format { Text = 0, Markdown = 1, Html = 2 });
tags!(bound_tag, tag_bound, DateBound { Exact = 0, AtLeast = 1 });
// Precision and modifier tags share a byte (a nibble each): keep them below 16.
tags!(precision_tag, tag_precision, Precision {
    Day = 0, Month = 1, Quarter = 2, Season = 3, Year = 4, Decade = 5, Century = 6, Range = 7,
    Ref = 8, Duration = 9, Set = 10,
});
tags!(modifier_tag, tag_modifier, Modifier {
    None = 0, After = 1, Before = 2, Until = 3, Since = 4, Approx = 5, Start = 6, Mid = 7,
    End = 8,
});

impl Article {
    /// Append this article's cache record to `out`. Returns false, leaving `out` as it was,
    /// when the article cannot be cached: it has no folder id (folder ids are per process, so
    /// the folder is taken from the origin on reading), a dropped line's reason is outside the
    /// fixed table (such tags are per process too), or it holds something a record would not
    /// read back as (a range outside its text, a heading level no parser makes, a day that is
    /// no calendar day), so that every record written reads back equal.
    pub(crate) fn write_cached(&self, out: &mut Vec<u8>) -> bool {
        let layout_start = widen(self.layout_start);
        let block_count = self.block_count();
        if self.folder == 0 {
            return false;
        }
        let Some(checked) = check_bytes(&self.bytes, layout_start, block_count) else {
            return false;
        };
        if !self
            .events
            .iter()
            .all(|event| event_is_valid(event, checked.text, block_count))
        {
            return false;
        }
        // Room for the bytes and most events at once rather than growing past them in steps.
        out.reserve(self.bytes.len() + 16 + self.events.len() * 24);
        out.push(RECORD_VERSION);
        out.push(format_tag(self.format));
        push_len(out, layout_start);
        push_len(out, self.bytes.len() - layout_start);
        out.extend_from_slice(&self.bytes);
        push_len(out, block_count);
        push_len(out, self.events.len());
        let mut previous = EventStart::default();
        for event in &self.events {
            push_event(out, event, &mut previous);
        }
        push_rare(out, self.rare.as_deref());
        true
    }

    /// The article a record holds, for the file this load spells `origin` (the path text as
    /// `load.rs::path_text` gives it). `None` when the record is malformed in any way, or
    /// when its stored file name is not `origin`'s file name. The id is 0 (the loader numbers).
    pub(crate) fn read_cached(record: &[u8], origin: &str) -> Option<Article> {
        let mut at = 0;
        if read_byte(record, &mut at)? != RECORD_VERSION {
            return None;
        }
        let format = tag_format(read_byte(record, &mut at)?)?;
        let layout_start = read_len(record, &mut at)?;
        let layout_len = read_len(record, &mut at)?;
        let bytes_end = at.checked_add(layout_start)?.checked_add(layout_len)?;
        let bytes = record.get(at..bytes_end)?;
        at = bytes_end;
        let block_count = read_len(record, &mut at)?;
        let checked = check_bytes(bytes, layout_start, block_count)?;
        let origin = Origin::of(origin);
        if checked.file_name != origin.file_name() {
            return None;
        }
        // 0 is no folder: `write_cached` writes no such article.
        let folder = folder_id(origin.folder()).filter(|&id| id != 0)?;
        let event_count = read_len(record, &mut at)?;
        if event_count > record.len().saturating_sub(at) / MIN_EVENT_LEN {
            return None;
        }
        let mut events = Vec::with_capacity(event_count);
        let mut previous = EventStart::default();
        for _ in 0..event_count {
            let event = read_event(record, &mut at, &mut previous)?;
            if !event_is_valid(&event, checked.text, block_count) {
                return None;
            }
            events.push(event);
        }
        let rare = read_rare(record, &mut at)?;
        if at != record.len() {
            return None;
        }
        Some(Article {
            id: 0,
            format,
            bytes: Box::from(bytes),
            // Both fit: `check_bytes` checked them.
            layout_start: u32::try_from(layout_start).ok()?,
            block_count: u32::try_from(block_count).ok()?,
            folder,
            events: events.into_boxed_slice(),
            rare,
        })
    }
}

/// [`origin::folder_id`], remembering the last folder this thread asked for: a load reads the
/// records of a folder's files one after another, and the lookup (a shared lock, which the
/// load's threads contend for, and a hash of the path) was 8% of reading a record (340
/// instructions of 4,300 at 10k). Ids never change (folders are never forgotten), so a
/// remembered one stays right.
fn folder_id(folder: &str) -> Option<u32> {
    thread_local! {
        // `origin::folder_id("")` is 0.
        static LAST: std::cell::RefCell<(String, u32)> =
            const { std::cell::RefCell::new((String::new(), 0)) };
    }
    LAST.with_borrow_mut(|(last, id)| {
        if last != folder {
            *id = origin::folder_id(folder)?;
            last.clear();
            last.push_str(folder);
        }
        Some(*id)
    })
}

/// What [`check_bytes`] found in an article's bytes.
struct CheckedBytes<'a> {
    text: &'a str,
    file_name: &'a str,
}

/// The text and stored file name of an article's `bytes` (the arena, then the layout from
/// `layout_start`) with `block_count` blocks, when they are what `Article::new` makes: the
/// arena is UTF-8; the layout is well formed (see [`Layout::is_well_formed`]), its places lie
/// in the arena on char boundaries (the text first, the origin's file name last), every entry's
/// text range lies in the text on char boundaries, and the tags are kinds a parser makes for the
/// blocks and fixed reasons for the dropped lines.
fn check_bytes(bytes: &[u8], layout_start: usize, block_count: usize) -> Option<CheckedBytes<'_>> {
    // Offsets are `u32` in the article.
    u32::try_from(layout_start).ok()?;
    u32::try_from(block_count).ok()?;
    let arena = simdutf8::basic::from_utf8(bytes.get(..layout_start)?).ok()?;
    let layout = Layout(bytes.get(layout_start..)?);
    let text_end = layout.place(Place::TextEnd);
    let origin_start = layout.place(Place::OriginStart);
    let before_origin = arena.get(..origin_start)?;
    let text = before_origin.get(..text_end)?;
    let file_name = arena.get(origin_start..)?;
    let title = layout.place(Place::TitleStart)..layout.place(Place::TitleEnd);
    let source = layout.place(Place::SourceStart)..layout.place(Place::SourceEnd);
    before_origin.get(title)?;
    before_origin.get(source)?;
    let well_formed = layout.is_well_formed(|index, entry| {
        let tag_is_valid = if index < block_count {
            match layout::tag_kind(entry.tag) {
                BlockKind::Heading(level) => (1..=6).contains(&level),
                BlockKind::Paragraph
                | BlockKind::ListItem
                | BlockKind::TableRow
                | BlockKind::Quote
                | BlockKind::Code => true,
            }
        } else {
            usize::from(entry.tag) < DROP_REASONS.len()
        };
        tag_is_valid && text.get(entry.text.clone()).is_some()
    });
    (well_formed && layout.entry_count() >= block_count).then_some(CheckedBytes { text, file_name })
}

/// Whether an event's ranges lie in `text` on char boundaries, its block is one of the
/// article's and its days are calendar days (month and day in range: date code indexes by them).
fn event_is_valid(event: &Event, text: &str, block_count: usize) -> bool {
    let day_is_valid = |day: Option<Ymd>| {
        day.is_none_or(|d| (1..=12).contains(&d.month) && (1..=31).contains(&d.day))
    };
    text.get(event.span.clone()).is_some()
        && text.get(event.sentence.clone()).is_some()
        && event.block.is_none_or(|block| block < block_count)
        && day_is_valid(event.start)
        && day_is_valid(event.end)
}

/// The event before, which the next one's numbers are differences from.
#[derive(Default)]
struct EventStart {
    span_start: usize,
    src_offset: usize,
    line: usize,
}

fn push_event(out: &mut Vec<u8>, event: &Event, previous: &mut EventStart) {
    out.push(precision_tag(event.precision) | (modifier_tag(event.modifier) << 4));
    let mut dates = 0;
    if event.start.is_some() {
        dates |= HAS_START;
    }
    if event.end.is_some() {
        dates |= HAS_END;
    }
    out.push(dates);
    push_varint(out, event.block.map_or(0, |block| block as u64 + 1));
    push_delta(out, previous.span_start, event.span.start);
    push_len(out, event.span.end - event.span.start);
    push_delta(out, event.span.start, event.sentence.start);
    push_delta(out, event.span.end, event.sentence.end);
    push_delta(out, previous.src_offset, event.src_offset);
    push_delta(out, previous.line, event.line);
    push_str(out, &event.normalized);
    let start = event.start.map(day_number);
    if let Some(start) = start {
        push_varint(out, zigzag(start));
    }
    if let Some(end) = event.end.map(day_number) {
        // Most ends are the start's day, month or year: a small difference.
        push_varint(out, zigzag(end - start.unwrap_or(0)));
    }
    *previous = EventStart {
        span_start: event.span.start,
        src_offset: event.src_offset,
        line: event.line,
    };
}

fn read_event(record: &[u8], at: &mut usize, previous: &mut EventStart) -> Option<Event> {
    let tags = read_byte(record, at)?;
    let precision = tag_precision(tags & 0x0f)?;
    let modifier = tag_modifier(tags >> 4)?;
    let dates = read_byte(record, at)?;
    if dates & !(HAS_START | HAS_END) != 0 {
        return None;
    }
    let block = match read_varint(record, at)? {
        0 => None,
        block => Some(usize::try_from(block - 1).ok()?),
    };
    let span_start = read_delta(record, at, previous.span_start)?;
    let span_end = span_start.checked_add(read_len(record, at)?)?;
    let sentence_start = read_delta(record, at, span_start)?;
    let sentence_end = read_delta(record, at, span_end)?;
    let src_offset = read_delta(record, at, previous.src_offset)?;
    let line = read_delta(record, at, previous.line)?;
    let normalized = CompactString::new(read_str(record, at)?);
    let start = if dates & HAS_START != 0 {
        Some(unzigzag(read_varint(record, at)?))
    } else {
        None
    };
    let end = if dates & HAS_END != 0 {
        let difference = unzigzag(read_varint(record, at)?);
        Some(start.unwrap_or(0).checked_add(difference)?)
    } else {
        None
    };
    let day = |number: Option<i64>| match number {
        Some(number) => number_day(number).map(Some),
        None => Some(None),
    };
    let (start, end) = (day(start)?, day(end)?);
    *previous = EventStart {
        span_start,
        src_offset,
        line,
    };
    Some(Event {
        block,
        span: span_start..span_end,
        src_offset,
        line,
        normalized,
        precision,
        modifier,
        start,
        end,
        sentence: sentence_start..sentence_end,
    })
}

/// A day as one number: the year, then 4 bits of month and 5 of day (a valid day's month and
/// day fit them: see [`event_is_valid`]). 3 bytes as a varint for this millennium's days.
fn day_number(day: Ymd) -> i64 {
    (i64::from(day.year) << 9) | (i64::from(day.month & 0x0f) << 5) | i64::from(day.day & 0x1f)
}

/// The day of a [`day_number`] (`None` when its year does not fit an `i32`).
fn number_day(number: i64) -> Option<Ymd> {
    let year = i32::try_from(number >> 9).ok()?;
    // Masked to 4 and 5 bits: the casts are exact.
    Some(Ymd::new(
        year,
        ((number >> 5) & 0x0f) as u8,
        (number & 0x1f) as u8,
    ))
}

fn push_rare(out: &mut Vec<u8>, rare: Option<&RareMeta>) {
    let Some(rare) = rare else {
        out.push(0);
        return;
    };
    let mut flags = 0;
    for (present, flag) in [
        (rare.source_url.is_some(), HAS_SOURCE_URL),
        (rare.author.is_some(), HAS_AUTHOR),
        (rare.published.is_some(), HAS_PUBLISHED),
        (!rare.warnings.is_empty(), HAS_WARNINGS),
    ] {
        if present {
            flags |= flag;
        }
    }
    out.push(flags);
    if let Some(url) = &rare.source_url {
        push_str(out, url);
    }
    if let Some(author) = &rare.author {
        push_str(out, author);
    }
    if let Some(published) = &rare.published {
        out.push(precision_tag(published.precision) | (bound_tag(published.bound) << 4));
        push_str(out, &published.value);
        push_str(out, &published.evidence);
    }
    if !rare.warnings.is_empty() {
        push_len(out, rare.warnings.len());
        for warning in &rare.warnings {
            push_str(out, warning);
        }
    }
}

/// The rare metadata of a record: `None` inside when there is none, as `Article::new` leaves it.
fn read_rare(record: &[u8], at: &mut usize) -> Option<Option<Box<RareMeta>>> {
    let flags = read_byte(record, at)?;
    if flags & !RARE_FLAGS != 0 {
        return None;
    }
    if flags == 0 {
        return Some(None);
    }
    let mut string_if = |flag: u8| -> Option<Option<String>> {
        if flags & flag == 0 {
            return Some(None);
        }
        Some(Some(read_str(record, at)?.to_owned()))
    };
    let source_url = string_if(HAS_SOURCE_URL)?;
    let author = string_if(HAS_AUTHOR)?;
    let published = if flags & HAS_PUBLISHED != 0 {
        let tags = read_byte(record, at)?;
        Some(PubDate {
            precision: tag_precision(tags & 0x0f)?,
            bound: tag_bound(tags >> 4)?,
            value: read_str(record, at)?.to_owned(),
            evidence: read_str(record, at)?.to_owned(),
        })
    } else {
        None
    };
    let warnings = if flags & HAS_WARNINGS != 0 {
        let count = read_len(record, at)?;
        // Each takes a byte at least; none is written for no warnings.
        if count == 0 || count > record.len().saturating_sub(*at) {
            return None;
        }
        let mut warnings = Vec::with_capacity(count);
        for _ in 0..count {
            warnings.push(read_str(record, at)?.to_owned());
        }
        warnings
    } else {
        Vec::new()
    };
    Some(Some(Box::new(RareMeta {
        source_url,
        author,
        published,
        warnings,
    })))
}

fn read_byte(record: &[u8], at: &mut usize) -> Option<u8> {
    let byte = *record.get(*at)?;
    *at += 1;
    Some(byte)
}

fn push_len(out: &mut Vec<u8>, len: usize) {
    push_varint(out, len as u64);
}

fn read_len(record: &[u8], at: &mut usize) -> Option<usize> {
    usize::try_from(read_varint(record, at)?).ok()
}

/// `to` as its difference from `from`, wrapping: exact for any two numbers, small for near ones.
fn push_delta(out: &mut Vec<u8>, from: usize, to: usize) {
    push_varint(out, zigzag(to.wrapping_sub(from) as i64));
}

fn read_delta(record: &[u8], at: &mut usize, from: usize) -> Option<usize> {
    Some(from.wrapping_add(unzigzag(read_varint(record, at)?) as usize))
}

fn push_str(out: &mut Vec<u8>, text: &str) {
    push_len(out, text.len());
    out.extend_from_slice(text.as_bytes());
}

fn read_str<'r>(record: &'r [u8], at: &mut usize) -> Option<&'r str> {
    let len = read_len(record, at)?;
    let end = at.checked_add(len)?;
    let text = simdutf8::basic::from_utf8(record.get(*at..end)?).ok()?;
    *at = end;
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::{build_article, SEEDS};
    use proptest::prelude::*;
    use proptest::sample::select;

    const FOLDER: &str = "some/folder/";

    fn built(origin: &str, bytes: &[u8]) -> Article {
        match build_article(origin.to_string(), bytes) {
            Ok((article, _)) => article,
            Err(problem) => panic!("{origin}: {}", problem.message),
        }
    }

    /// `article`'s record, `None` when `write_cached` declined (checking it left `out` as it
    /// was).
    fn record_of(article: &Article) -> Option<Vec<u8>> {
        let prefix = [0xa5, 0x5a];
        let mut out = prefix.to_vec();
        let written = article.write_cached(&mut out);
        if !written {
            assert_eq!(out, prefix, "a declined write left bytes");
            return None;
        }
        assert_eq!(out.get(..2), Some(&prefix[..]));
        Some(out.split_off(2))
    }

    /// Whether `article` (built for `origin`) was written; if it was, its record reads back
    /// equal, with id 0, and holding what `Article::new` left (the same heap bytes).
    fn round_trips(article: &Article, origin: &str) -> bool {
        let Some(record) = record_of(article) else {
            return false;
        };
        let read = Article::read_cached(&record, origin);
        let mut expected = article.clone();
        expected.id = 0;
        assert_eq!(read.as_ref(), Some(&expected), "{origin}");
        if let Some(read) = read {
            // No spare capacity: no more heap than the built article (whose strings may
            // have some), and exactly its bytes for the arena, layout and events.
            let (got, built) = (read.heap_parts(), article.heap_parts());
            assert!(
                got.iter().zip(&built).all(|(g, b)| g.1 <= b.1),
                "{got:?} {built:?}"
            );
            assert_eq!(got.get(..4), built.get(..4), "{origin}");
            if let Some(rare) = &read.rare {
                let strings = [&rare.source_url, &rare.author].into_iter().flatten();
                let published = rare.published.iter().flat_map(|p| [&p.value, &p.evidence]);
                for string in strings.chain(published).chain(&rare.warnings) {
                    assert_eq!(string.capacity(), string.len());
                }
                assert_eq!(rare.warnings.capacity(), rare.warnings.len());
            }
        }
        true
    }

    /// Everything an article's users read, with the indexing that panics on a bad range: what
    /// a record `read_cached` accepted must allow.
    fn use_every_part(article: &Article) {
        let arena = article.bytes.get(..widen(article.layout_start));
        assert!(arena.is_some_and(|a| std::str::from_utf8(a).is_ok()));
        let text = article.text();
        let blocks: Vec<_> = article.blocks().collect();
        assert_eq!(blocks.len(), article.block_count());
        for (index, block) in blocks.iter().enumerate() {
            let _ = &text[block.text_range()];
            assert_eq!(article.block(index).as_ref(), Some(block));
            assert!(matches!(block.kind.level(), None | Some(1..=6)));
        }
        for dropped in article.dropped() {
            let _ = &text[dropped.text_range()];
            assert!(DROP_REASONS.contains(&dropped.reason));
        }
        for event in article.events() {
            let _ = (&text[event.span.clone()], &text[event.sentence.clone()]);
            assert!(event.block.is_none_or(|b| b < article.block_count()));
        }
        let _ = (
            article.title(),
            article.source(),
            article.origin().to_string(),
        );
        let _ = (
            article.word_count(),
            article.parts().count(),
            article.published(),
        );
    }

    /// Why `write_cached` declined `article`.
    fn why_declined(article: &Article) -> String {
        if article.folder == 0 {
            return "no folder".into();
        }
        if let Some(odd) = article
            .dropped()
            .find(|d| !DROP_REASONS.contains(&d.reason))
        {
            return format!("dropped-line reason outside the table: {}", odd.reason);
        }
        if article
            .blocks()
            .any(|b| !matches!(b.kind.level(), None | Some(1..=6)))
        {
            return "heading level".into();
        }
        "an event's range or day".into()
    }

    /// The 10k corpus, run by hand: every article round trips or is declined (and why), then
    /// the median time of writing every record and reading every one back over
    /// `CACHED_RUNS` runs (default 1), and the records' bytes against the corpus'.
    ///
    /// `cargo test --release --lib corpus_articles_round_trip -- --ignored --nocapture`;
    /// `DOSSIER_CORPUS=DIR` for another folder.
    #[test]
    #[ignore = "needs /tmp/dossier-corpus/10000; run by hand"]
    fn corpus_articles_round_trip() {
        let root =
            std::env::var("DOSSIER_CORPUS").unwrap_or_else(|_| "/tmp/dossier-corpus/10000".into());
        let runs: usize = std::env::var("CACHED_RUNS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(1);
        let mut files: Vec<_> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect();
        files.sort();
        let contents: Vec<(String, Vec<u8>)> = files
            .iter()
            .filter_map(|path| Some((path.display().to_string(), std::fs::read(path).ok()?)))
            .collect();
        let corpus_bytes: usize = contents.iter().map(|(_, bytes)| bytes.len()).sum();
        // What the records save: building every article (as `examples/build_articles --dates`).
        let started = std::time::Instant::now();
        let articles: Vec<(String, Article)> = contents
            .iter()
            .filter_map(|(origin, bytes)| {
                let (article, _) = build_article(origin.clone(), bytes).ok()?;
                Some((origin.clone(), article))
            })
            .collect();
        let build_time = started.elapsed();
        let mut declined = std::collections::BTreeMap::<String, usize>::new();
        for (origin, article) in &articles {
            if !round_trips(article, origin) {
                *declined.entry(why_declined(article)).or_default() += 1;
            }
        }
        let mut records = Vec::new();
        let mut ends = Vec::with_capacity(articles.len());
        let (mut writes, mut reads) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            records.clear();
            ends.clear();
            let started = std::time::Instant::now();
            for (_, article) in &articles {
                if article.write_cached(&mut records) {
                    ends.push(records.len());
                }
            }
            writes.push(started.elapsed());
            let started = std::time::Instant::now();
            let mut start = 0;
            let mut read = 0;
            for ((origin, _), &end) in articles.iter().zip(&ends) {
                let record = records.get(start..end).unwrap_or(&[]);
                read += usize::from(Article::read_cached(record, origin).is_some());
                start = end;
            }
            reads.push(started.elapsed());
            assert_eq!(read, ends.len());
        }
        writes.sort();
        reads.sort();
        let median = |times: &[std::time::Duration]| times.get(times.len() / 2).copied();
        let entries: usize = articles.iter().map(|(_, a)| a.parts().len()).sum();
        let events: usize = articles.iter().map(|(_, a)| a.events().len()).sum();
        println!(
            "{} files, {corpus_bytes} bytes; {} articles ({entries} blocks and dropped lines, \
             {events} events), {} written, declined: {declined:?}",
            files.len(),
            articles.len(),
            ends.len()
        );
        println!(
            "records: {} bytes ({:.3} of the corpus); build {build_time:?}, median of {runs}: \
             write {:?}, read {:?}",
            records.len(),
            records.len() as f64 / corpus_bytes as f64,
            median(&writes),
            median(&reads)
        );
        // Declined articles are only those the checks name (none in the corpus so far).
        assert!(declined.keys().all(|why| why != "an event's range or day"));
    }

    #[test]
    fn seed_articles_round_trip() {
        for (name, bytes) in SEEDS {
            let origin = format!("{FOLDER}{name}");
            let article = built(&origin, bytes);
            assert!(round_trips(&article, &origin), "{name} was not written");
        }
    }

    #[test]
    fn another_file_name_reads_as_none_another_folder_as_that_folder() {
        let (name, bytes) = SEEDS[0];
        let origin = format!("{FOLDER}{name}");
        let article = built(&origin, bytes);
        let Some(record) = record_of(&article) else {
            panic!("not written");
        };
        assert!(Article::read_cached(&record, &format!("{FOLDER}x{name}")).is_none());
        assert!(Article::read_cached(&record, &format!("{FOLDER}{name}/")).is_none());
        assert!(Article::read_cached(&record, name).is_none(), "no folder");
        let elsewhere = format!("other/place/{name}");
        let moved = Article::read_cached(&record, &elsewhere);
        assert_eq!(moved.map(|a| a.origin().to_string()), Some(elsewhere));
    }

    #[test]
    fn articles_without_folder_or_with_a_process_reason_are_not_written() {
        let article = built("plain.txt", b"Title\n\nSome text of 2024.\n");
        assert!(record_of(&article).is_none());
        let parts = super::super::ArticleParts {
            origin: format!("{FOLDER}a.txt"),
            text: "Line.\nodd\n".into(),
            blocks: vec![super::super::Block::new(BlockKind::Paragraph, 0..5, 0..5)],
            dropped: vec![super::super::Dropped::new(
                6..9,
                6..9,
                "a_reason_not_listed",
            )],
            ..Default::default()
        };
        assert!(record_of(&Article::new(parts.clone())).is_none());
        // A heading level no parser makes does not read back either.
        let parts = super::super::ArticleParts {
            blocks: vec![super::super::Block::new(BlockKind::Heading(9), 0..5, 0..5)],
            dropped: Vec::new(),
            ..parts
        };
        assert!(record_of(&Article::new(parts)).is_none());
    }

    #[test]
    fn every_truncation_of_a_seed_record_is_none() {
        for (name, bytes) in SEEDS {
            let origin = format!("{FOLDER}{name}");
            let Some(record) = record_of(&built(&origin, bytes)) else {
                panic!("{name} not written");
            };
            for cut in 0..record.len() {
                let short = record.get(..cut).unwrap_or(&[]);
                assert!(
                    Article::read_cached(short, &origin).is_none(),
                    "{name} cut at {cut}"
                );
            }
            let mut longer = record.clone();
            longer.push(0);
            assert!(Article::read_cached(&longer, &origin).is_none());
        }
    }

    #[test]
    fn a_flipped_byte_in_a_seed_record_never_panics() {
        for (name, bytes) in SEEDS {
            let origin = format!("{FOLDER}{name}");
            let Some(record) = record_of(&built(&origin, bytes)) else {
                panic!("{name} not written");
            };
            for at in 0..record.len() {
                for mask in [0x01, 0x80, 0xff] {
                    let mut flipped = record.clone();
                    if let Some(byte) = flipped.get_mut(at) {
                        *byte ^= mask;
                    }
                    if let Some(article) = Article::read_cached(&flipped, &origin) {
                        use_every_part(&article);
                    }
                }
            }
        }
    }

    #[test]
    fn remembered_folder_ids_are_the_table_s() {
        for folder in ["", "a/", "b/", "a/", "a/", "", "c/d/", "b/"] {
            assert_eq!(folder_id(folder), origin::folder_id(folder), "{folder}");
        }
    }

    #[test]
    fn tags_round_trip() {
        for tag in 0..=u8::MAX {
            assert!(tag_format(tag).is_none_or(|v| format_tag(v) == tag));
            assert!(tag_bound(tag).is_none_or(|v| bound_tag(v) == tag));
            assert!(tag_precision(tag).is_none_or(|v| precision_tag(v) == tag));
            assert!(tag_modifier(tag).is_none_or(|v| modifier_tag(v) == tag));
        }
        // Two share a byte.
        assert!(tag_precision(16).is_none() && tag_modifier(16).is_none());
    }

    /// Inputs of every format, with what the parsers and the dates pass pick up: headings,
    /// lists, tables, bylines, source lines, dates, non-ASCII and invalid UTF-8 (warnings).
    fn inputs() -> impl Strategy<Value = (String, Vec<u8>)> {
        let pieces: Vec<&'static [u8]> = vec![
            b"\n",
            b"\n\n",
            b"# ",
            b"## ",
            b"#### ",
            b"Title\n=====\n",
            b"- ",
            b"* ",
            b"> ",
            b"1. ",
            b"| a | b |\n|---|---|\n| 1 | 2 |\n",
            b"```\ncode\t2020\n```\n",
            b"    indented\n",
            b"<p>",
            b"</p>",
            b"<h1>",
            b"</h1>",
            b"<h3>",
            b"</h3>",
            b"<ul><li>",
            b"</li></ul>",
            b"<title>The title</title>",
            b"<meta name=\"author\" content=\"Ann\">",
            b"<blockquote>",
            b"<table><tr><td>x</td></tr></table>",
            b"Source : AFP\n",
            b"Par Jean Dupont\n",
            b"Article en r\xc3\xa9f\xc3\xa9rence: https://example.com/a\n",
            b"le 3 mars 2021",
            b"en 2019",
            b"janvier 2025",
            b"19/02/25\n",
            b"depuis 2010",
            b"fin 2024",
            b"between 2016 and 2018",
            b"the 1990s",
            b"Q1 2001",
            b"mid-2024",
            b"three years",
            b"\t",
            b"\xc3\xa9",
            b"\xe6\x97\xa5\xe6\x9c\xac",
            b"\xf0\x9f\x94\xa5",
            b"&amp;",
            b"\r\n",
            b"\xff",
            b"Published: 2024-05-01\n",
            b"FR | EN | DE\n",
        ];
        let piece = prop_oneof![
            select(pieces).prop_map(<[u8]>::to_vec),
            "[A-Za-z0-9 ,.]{0,24}".prop_map(String::into_bytes),
        ];
        (
            select(vec!["a.txt", "b.md", "c.html", "d"]),
            proptest::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat()),
        )
            .prop_map(|(name, bytes)| (format!("{FOLDER}{name}"), bytes))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn built_articles_round_trip((origin, bytes) in inputs()) {
            if let Ok((article, _)) = build_article(origin.clone(), &bytes) {
                prop_assert!(round_trips(&article, &origin), "not written");
            }
        }

        /// Every truncation reads as `None`; a changed byte anywhere never panics, and what
        /// reads back is usable.
        #[test]
        fn cut_or_flipped_records_are_safe((origin, bytes) in inputs(), mask in 1..=u8::MAX) {
            let Ok((article, _)) = build_article(origin.clone(), &bytes) else {
                return Ok(());
            };
            let Some(record) = record_of(&article) else {
                return Err(TestCaseError::fail("not written"));
            };
            for cut in 0..record.len() {
                prop_assert!(Article::read_cached(record.get(..cut).unwrap_or(&[]), &origin).is_none());
            }
            for at in 0..record.len() {
                let mut flipped = record.clone();
                if let Some(byte) = flipped.get_mut(at) {
                    *byte ^= mask;
                }
                if let Some(article) = Article::read_cached(&flipped, &origin) {
                    use_every_part(&article);
                }
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(
            bytes in proptest::collection::vec(any::<u8>(), 0..600),
            versioned: bool,
        ) {
            let mut record = bytes;
            if versioned {
                record.insert(0, RECORD_VERSION);
            }
            if let Some(article) = Article::read_cached(&record, "some/folder/a.txt") {
                use_every_part(&article);
            }
        }
    }
}
