//! Dated mentions in French and English prose, and the publication date they imply.
//!
//! `scan` finds mentions in each block and each dropped metadata line; `pubdate` infers the
//! publication date when the format gave none; `resolve` completes year-less and relative
//! mentions; `normalize` turns them into TimeML-like values. Offsets are mapped back to the
//! decoded source for `dossier events`.

pub mod lexicon;
pub mod normalize;
pub mod pubdate;
pub mod resolve;
pub mod scan;
#[cfg(test)]
mod tests;

use crate::core::article::{Article, BlockKind, Event, Precision, Ymd};
use resolve::Anchor;
use scan::Mention;
use std::ops::Range;

/// A scanned piece of the article: a block or a dropped line.
struct Piece {
    /// Range in `Article::text`.
    text: Range<usize>,
    /// Range in the decoded source.
    src: Range<usize>,
    block: Option<usize>,
    heading: bool,
    /// Its mentions: a range of the article's one list of them.
    mentions: Range<usize>,
}

/// Infer the publication date (when the format gave none) and extract the events.
/// `decoded` is the article's decoded source, for byte offsets and line numbers.
pub fn annotate(article: &mut Article, decoded: &str) {
    article.set_events(Vec::new());
    let (pieces, found, inferred) = {
        let text = article.text();
        let lang = scan::ArticleLang::new(text);
        // Blocks then dropped lines, scanned as they are decoded; their mentions go to one list.
        let mut found: Vec<Mention> = Vec::new();
        let pieces: Vec<Piece> = article
            .parts()
            .enumerate()
            .map(|(index, part)| {
                let first = found.len();
                scan::scan_in(slice(text, &part.text), &lang, &mut found);
                Piece {
                    block: part.kind.map(|_| index),
                    heading: matches!(part.kind, Some(BlockKind::Heading(_))),
                    text: part.text,
                    src: part.src,
                    mentions: first..found.len(),
                }
            })
            .collect();
        let inferred = article.published().is_none().then(|| {
            let order = source_order(&pieces);
            let mut views: Vec<pubdate::Piece> = Vec::with_capacity(order.len());
            for piece in order.iter().filter_map(|&i| pieces.get(i)) {
                views.push(pubdate::Piece {
                    text: slice(text, &piece.text),
                    mentions: found.get(piece.mentions.clone()).unwrap_or(&[]),
                    dropped: piece.block.is_none(),
                });
            }
            pubdate::infer(&views)
        });
        (pieces, found, inferred)
    };
    if let Some(published) = inferred {
        article.set_published(published);
    }
    let anchor = article.published().and_then(|p| {
        let start = normalize::normalize(&published_value(&p.value)?).start?;
        Some(Anchor {
            date: start,
            precision: p.precision,
        })
    });

    let text = article.text();
    let mut lines = LineIndex::new(decoded);
    let mut events = Vec::new();
    let mut context_year: Option<i32> = None;
    for (index, piece) in pieces.iter().enumerate() {
        if piece.heading {
            context_year = None;
        }
        let mentions = found.get(piece.mentions.clone()).unwrap_or(&[]);
        if mentions.is_empty() {
            // Most pieces: nothing to slice or compare.
            continue;
        }
        let piece_text = slice(text, &piece.text);
        let src_text = decoded.get(piece.src.clone()).unwrap_or("");
        // Once per piece, not per mention: a 16 MiB paragraph with thousands of dates would
        // be compared whole for each of them.
        let same_text = piece_text == src_text;
        for mention in mentions {
            let context = if piece.block.is_some() {
                context_year
            } else {
                None
            };
            let value = resolve::resolve(&mention.value, context, anchor);
            if piece.block.is_some() && !mention.in_url {
                if let Some(year) = resolve::explicit_year(&mention.value) {
                    context_year = Some(year);
                } else if let scan::Value::Anaphoric { .. } = mention.value {
                    // `deux ans plus tard` moves the narrative on.
                    if let Some(year) = resolve::explicit_year(&value) {
                        context_year = Some(year);
                    }
                }
            }
            let n = normalize::normalize(&value);
            let src_offset = piece.src.start
                + if same_text {
                    mention.start
                } else {
                    map_offset(piece_text, src_text, mention.start, mention.end)
                };
            let (s, e) = sentence_of(text, &pieces, index, mention);
            events.push(Event {
                block: piece.block,
                span: piece.text.start + mention.start..piece.text.start + mention.end,
                src_offset,
                line: lines.line(src_offset),
                normalized: compact_str::CompactString::new(&n.value),
                precision: n.precision,
                modifier: mention.modifier,
                start: n.start,
                end: n.end,
                sentence: s..e,
            });
        }
    }
    events.sort_by_key(|e| (e.src_offset, e.span.start));
    article.set_events(events);
}

/// Indices of `pieces` in source order, as a stable sort by source start gives them. The blocks
/// come in source order and so do the dropped lines after them: merging the two runs is that
/// sort without sorting (which the other cases fall back to).
fn source_order(pieces: &[Piece]) -> Vec<usize> {
    let blocks = pieces.partition_point(|p| p.block.is_some());
    let (block_pieces, dropped_pieces) = pieces.split_at(blocks);
    let sorted = |run: &[Piece]| run.is_sorted_by_key(|p| p.src.start);
    if !sorted(block_pieces)
        || !sorted(dropped_pieces)
        || pieces[blocks..].iter().any(|p| p.block.is_some())
    {
        let mut order: Vec<usize> = (0..pieces.len()).collect();
        order.sort_by_key(|&i| pieces.get(i).map_or(0, |p| p.src.start));
        return order;
    }
    let mut order = Vec::with_capacity(pieces.len());
    let (mut b, mut d) = (0, blocks);
    while b < blocks || d < pieces.len() {
        let block_start = block_pieces.get(b).map(|p| p.src.start);
        let dropped_start = pieces.get(d).map(|p| p.src.start);
        // On a tie the block goes first: it comes first in `pieces`.
        match (block_start, dropped_start) {
            (Some(bs), Some(ds)) if ds < bs => {
                order.push(d);
                d += 1;
            }
            (Some(_), _) => {
                order.push(b);
                b += 1;
            }
            (None, _) => {
                order.push(d);
                d += 1;
            }
        }
    }
    order
}

/// A piece's text: its range of `Article::text` (empty if the range does not fit).
fn slice<'a>(text: &'a str, range: &Range<usize>) -> &'a str {
    text.get(range.clone()).unwrap_or("")
}

/// Parse a publication value (`2025`, `2025-06`, `2025-02-19`) back to a point.
fn published_value(value: &str) -> Option<scan::Value> {
    let mut parts = value.get(..10.min(value.len()))?.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next().map_or(Some(0), |m| m.parse().ok())?;
    let day: u8 = parts.next().map_or(Some(0), |d| d.parse().ok())?;
    Some(scan::Value::Date(scan::Point::day(Some(year), month, day)))
}

/// Offset in the decoded source of a match found in a piece's cleaned text (when the two
/// differ): the occurrence in the source range nearest the match's relative position, looked
/// for near that position first (a long block with many dates is not searched whole for each),
/// falling back to the range's start.
fn map_offset(text: &str, src_text: &str, start: usize, end: usize) -> usize {
    const NEAR: usize = 4096;
    let Some(needle) = text.get(start..end).filter(|n| !n.is_empty()) else {
        return 0;
    };
    let expected = if text.is_empty() {
        0
    } else {
        start * src_text.len() / text.len()
    };
    let nearest = |from: usize, to: usize| {
        let window = src_text.as_bytes().get(from..to)?;
        memchr::memmem::find_iter(window, needle.as_bytes())
            .map(|at| at + from)
            .min_by_key(|&at| at.abs_diff(expected))
    };
    let from = expected.saturating_sub(NEAR);
    let to = expected
        .saturating_add(NEAR + needle.len())
        .min(src_text.len());
    nearest(from, to)
        .or_else(|| nearest(0, src_text.len()))
        .unwrap_or(0)
}

/// 1-based line numbers of byte offsets. Events come mostly in source order, so newlines are
/// counted from the previous offset up to the next one (only as far as the last event, and
/// no table); the first offset that goes back builds the table of all newlines instead.
struct LineIndex<'a> {
    text: &'a str,
    /// Offset counted up to, and the line it is on.
    cursor: usize,
    cursor_line: usize,
    newlines: Option<Vec<usize>>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex {
            text,
            cursor: 0,
            cursor_line: 1,
            newlines: None,
        }
    }

    fn line(&mut self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        if self.newlines.is_none() && offset >= self.cursor {
            let counted = bytes
                .get(self.cursor.min(bytes.len())..offset.min(bytes.len()))
                .unwrap_or(&[]);
            self.cursor_line += memchr::memchr_iter(b'\n', counted).count();
            self.cursor = offset;
            return self.cursor_line;
        }
        line_in_table(
            self.newlines
                .get_or_insert_with(|| memchr::memchr_iter(b'\n', bytes).collect()),
            offset,
        )
    }
}

/// The 1-based line of `offset` given the offsets of all newlines.
fn line_in_table(newlines: &[usize], offset: usize) -> usize {
    newlines.partition_point(|&nl| nl < offset) + 1
}

/// Sentence boundaries around `start..end` in `text`: after `.`, `!`, `?`, `…` followed by a
/// space, and at tabs between table cells never (a row is one sentence).
pub fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let is_end = |i: usize| -> Option<usize> {
        // Returns the length of the sentence-ending mark ending at byte `i` (exclusive).
        let c = *b.get(i.checked_sub(1)?)?;
        let mark = match c {
            b'.' | b'!' | b'?' => 1,
            0xA6 if i >= 3 && b.get(i - 3) == Some(&0xE2) && b.get(i - 2) == Some(&0x80) => 3,
            _ => return None,
        };
        let next = b.get(i).copied();
        matches!(next, Some(b' ') | Some(b'\n') | None).then_some(mark)
    };
    // A "sentence" without any mark (a long list of numbers) is cut at this many bytes each
    // side: scanning to the block's ends for every mention would be quadratic.
    const MAX_REACH: usize = 2000;
    let mut s = start.min(b.len());
    let floor = s.saturating_sub(MAX_REACH);
    while s > floor {
        if is_end(s).is_some() || b.get(s - 1) == Some(&b'\n') {
            break;
        }
        s -= 1;
    }
    while s < start && b.get(s).is_some_and(|c| c.is_ascii_whitespace()) {
        s += 1;
    }
    let mut e = end.min(b.len());
    let ceiling = e.saturating_add(MAX_REACH).min(b.len());
    while e < ceiling {
        if b.get(e) == Some(&b'\n') {
            break;
        }
        if is_end(e + 1).is_some() {
            e += 1;
            break;
        }
        e += 1;
    }
    while !text.is_char_boundary(e) && e < b.len() {
        e += 1;
    }
    while !text.is_char_boundary(s) && s > 0 {
        s -= 1;
    }
    (s, e)
}

/// The sentence of a mention, in `Article::text`. A block that is only a date (`2019 :`, a
/// chronology entry) takes the first sentence of the block after it, which tells what happened.
fn sentence_of(
    article_text: &str,
    pieces: &[Piece],
    index: usize,
    mention: &Mention,
) -> (usize, usize) {
    let Some(piece) = pieces.get(index) else {
        return (0, 0);
    };
    let text = slice(article_text, &piece.text);
    let (s, e) = sentence_bounds(text, mention.start, mention.end);
    let base = piece.text.start;
    let residue_is_empty = text
        .get(..mention.start)
        .into_iter()
        .chain(text.get(mention.end..))
        .all(|rest| !rest.chars().any(char::is_alphanumeric));
    // A date-only line, paragraph or heading (`2019 :` is parsed as a heading), tells what
    // happened in the block after it.
    if residue_is_empty && piece.block.is_some() {
        if let Some(next) = pieces
            .get(index + 1)
            .filter(|p| p.block.is_some() && !p.heading)
        {
            let next_text = slice(article_text, &next.text);
            if !next_text.is_empty() {
                let (_, ne) = sentence_bounds(next_text, 0, 0);
                return (base + s, next.text.start + ne);
            }
        }
    }
    (base + s, base + e)
}

/// Precision sort rank used by the timeline: finer first.
pub fn precision_rank(p: Precision) -> u8 {
    p as u8
}

/// First day of an event, for sorting; undated events sort last.
pub fn sort_key(event: &Event) -> (Ymd, u8) {
    (
        event.start.unwrap_or(Ymd::new(i32::MAX, 12, 31)),
        precision_rank(event.precision),
    )
}
