//! The packed bytes after an article's arena: where its text ends and its title, source and
//! origin are, and its blocks and dropped lines (see [`Layout`]).

use super::{offset32, widen, Block, BlockKind, Dropped};
use std::ops::Range;

/// An article's blocks and dropped lines, and where its text ends and its title, source and
/// origin are in its arena, in one allocation (issue 6: 1.57 M blocks and dropped lines at
/// 100k articles).
///
/// A header: a byte giving the width of its numbers (2 bytes when all of them fit a `u16`, as
/// nearly every article's do, else 4) and two flags (the article names a source; the entries
/// are contiguous), the six places ([`Place`]), the entry count, and a checkpoint every
/// [`CHECKPOINT_EVERY`] entries (where that entry's bytes start, the previous entry's text and
/// source ends), which keeps [`Article::block`](super::Article::block) a short walk in long
/// articles.
///
/// Then an entry per block and per dropped line, each relative to the one before: a head byte
/// (the tag, the block's kind or the dropped line's reason, when it is below 31; a code for the
/// gap between the previous entry's source end and this one's source start: 1, 2 or 0, else
/// given after; whether the source length differs from the text length), the tag when it did
/// not fit, the text length as a varint, the gap, the source length less the text length. In
/// the contiguous case, `meta`'s, each entry's text starts one byte (its `\n`) after the
/// previous one's ends, the first at 0; else the text start is stored too. About 2.5 bytes an
/// entry, against 7 with fixed 2-byte offsets and 18 for a [`Block`].
#[derive(Clone, Copy)]
pub(super) struct Layout<'a>(pub(super) &'a [u8]);

/// The places a [`Layout`] keeps before its entries, in order.
#[derive(Clone, Copy)]
pub(super) enum Place {
    TextEnd,
    TitleStart,
    TitleEnd,
    SourceStart,
    SourceEnd,
    OriginStart,
}

pub(super) const PLACES: usize = 6;
/// Bit of the width byte: the article names a source.
const HAS_SOURCE: u8 = 0x80;
/// Bit of the width byte: entries store no text start (it follows the previous text end).
const CONTIGUOUS: u8 = 0x40;
const WIDTH_FLAGS: u8 = HAS_SOURCE | CONTIGUOUS;

/// Entries from one checkpoint to the next: a random access decodes at most this many.
const CHECKPOINT_EVERY: usize = 32;
/// Numbers a checkpoint holds: where its entry's bytes start, the previous text and source end.
const CHECKPOINT_NUMBERS: usize = 3;

/// Bits of an entry's head byte: the tag, or [`TAG_FOLLOWS`].
const TAG_BITS: u8 = 0x1f;
/// The tag does not fit the head byte: it is the next byte.
const TAG_FOLLOWS: u8 = 0x1f;
/// Bit of the head byte: the source length differs from the text length (the difference
/// follows).
const SRC_LEN_DIFFERS: u8 = 0x20;
/// The head byte's top two bits: the gap before the source start, `GAPS[code]`, or
/// [`GAP_FOLLOWS`]. 1 (a line's `\n`) and 2 (a blank line too) are the common ones.
const GAP_SHIFT: u32 = 6;
const GAPS: [i64; 3] = [1, 2, 0];
const GAP_FOLLOWS: u8 = 3;

/// The tag of a block's kind: the common kinds first, so they fit the head byte, then a
/// heading's level (levels past 250 read back as 250; parsers make 1 to 6).
pub(super) fn kind_tag(kind: BlockKind) -> u8 {
    match kind {
        BlockKind::Paragraph => 0,
        BlockKind::ListItem => 1,
        BlockKind::TableRow => 2,
        BlockKind::Quote => 3,
        BlockKind::Code => 4,
        BlockKind::Heading(level) => 5 + level.min(250),
    }
}

pub(super) fn tag_kind(tag: u8) -> BlockKind {
    match tag {
        0 => BlockKind::Paragraph,
        1 => BlockKind::ListItem,
        2 => BlockKind::TableRow,
        3 => BlockKind::Quote,
        4 => BlockKind::Code,
        heading => BlockKind::Heading(heading - 5),
    }
}

/// The reasons `meta` drops lines for, by tag; others are numbered on first use after them.
pub(super) const DROP_REASONS: [&str; 14] = [
    "dropped",
    "title",
    "duplicate_title",
    "language_switcher",
    "link_out",
    "source_line",
    "redirect",
    "date_line",
    "byline",
    "chrome",
    "credit",
    "copyright",
    "tags",
    "trailing_fragment",
];

/// Reasons met that [`DROP_REASONS`] does not list, tagged from its length on.
static OTHER_REASONS: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());

fn other_reasons() -> std::sync::MutexGuard<'static, Vec<&'static str>> {
    OTHER_REASONS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The tag of a dropped line's reason (past 256 reasons, which never happens, `dropped`).
pub(super) fn reason_tag(reason: &'static str) -> u8 {
    // By value: the same literal in `meta` and here is seldom the same pointer (a pointer
    // test first failed for nearly every line and doubled the cost).
    let known = DROP_REASONS.iter().position(|&r| r == reason);
    let tag = known.or_else(|| {
        let mut other = other_reasons();
        let at = match other.iter().position(|&r| r == reason) {
            Some(at) => at,
            None => {
                other.push(reason);
                other.len() - 1
            }
        };
        Some(DROP_REASONS.len() + at)
    });
    tag.and_then(|t| u8::try_from(t).ok()).unwrap_or(0)
}

pub(super) fn tag_reason(tag: u8) -> &'static str {
    let tag = usize::from(tag);
    DROP_REASONS.get(tag).copied().unwrap_or_else(|| {
        let other = other_reasons();
        other
            .get(tag - DROP_REASONS.len())
            .copied()
            .unwrap_or("dropped")
    })
}

/// One entry of a [`Layout`], unpacked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) text: Range<usize>,
    pub(super) src: Range<usize>,
    pub(super) tag: u8,
}

impl Entry {
    pub(super) fn into_block(self) -> Block {
        Block::new(tag_kind(self.tag), self.text, self.src)
    }

    pub(super) fn into_dropped(self) -> Dropped {
        Dropped::new(self.text, self.src, tag_reason(self.tag))
    }
}

/// Where decoding stands: before entry `index`, whose bytes start at `at` in the entries.
/// `text_next` is where a contiguous text starts (the previous end plus its `\n`),
/// `src_end` the previous entry's source end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cursor {
    index: usize,
    at: usize,
    text_next: i64,
    src_end: i64,
}

const START: Cursor = Cursor {
    index: 0,
    at: 0,
    text_next: 0,
    src_end: 0,
};

pub(super) fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

pub(super) fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

/// LEB128: 7 bits a byte, low first, the top bit set on every byte but the last.
pub(super) fn push_varint(bytes: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        bytes.push((value as u8) | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

#[inline]
pub(super) fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    // One byte holds nearly every number (text lengths below 128): no loop for it.
    let first = *bytes.get(*at)?;
    if first & 0x80 == 0 {
        *at += 1;
        return Some(u64::from(first));
    }
    read_long_varint(bytes, at)
}

/// [`read_varint`] past its one-byte case.
fn read_long_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
        shift += 7;
        if shift >= 64 {
            return None;
        }
    }
}

/// A decoded offset back to `usize` (encoded offsets are `u32`s: in range unless corrupt).
fn offset(value: i64) -> usize {
    widen(u32::try_from(value).unwrap_or(0))
}

/// The bytes of a [`Layout`] for these places, blocks and dropped lines.
pub(super) struct LayoutWriter {
    flags: u8,
    width: usize,
    places: [usize; PLACES],
    count: usize,
    checkpoints: Vec<[usize; CHECKPOINT_NUMBERS]>,
    entries: Vec<u8>,
}

impl LayoutWriter {
    pub(super) fn new(
        places: [usize; PLACES],
        has_source: bool,
        blocks: &[Block],
        dropped: &[Dropped],
    ) -> LayoutWriter {
        // Offsets as stored (`u32`), so that what is read back equals what was given.
        let entries = || {
            let blocks = blocks
                .iter()
                .map(|b| (b.text_range(), b.src_range(), kind_tag(b.kind)));
            let dropped = dropped
                .iter()
                .map(|d| (d.text_range(), d.src_range(), reason_tag(d.reason)));
            blocks.chain(dropped)
        };
        let mut next_start = 0;
        let contiguous = entries().all(|(text, _, _)| {
            let [start, end] = [text.start, text.end].map(|o| i64::from(offset32(o)));
            let follows = start == next_start && end >= start;
            next_start = end + 1;
            follows
        });
        let mut flags = if has_source { HAS_SOURCE } else { 0 };
        if contiguous {
            flags |= CONTIGUOUS;
        }
        let count = blocks.len() + dropped.len();
        let mut writer = LayoutWriter {
            flags,
            width: 2,
            places,
            count,
            checkpoints: Vec::with_capacity(count.saturating_sub(1) / CHECKPOINT_EVERY),
            // Most entries take 2 or 3 bytes.
            entries: Vec::with_capacity(count * 3),
        };
        let mut cursor = START;
        for (index, (text, src, tag)) in entries().enumerate() {
            if index > 0 && index % CHECKPOINT_EVERY == 0 {
                let at = writer.entries.len();
                let previous_text_end = offset(cursor.text_next - 1);
                writer
                    .checkpoints
                    .push([at, previous_text_end, offset(cursor.src_end)]);
            }
            writer.push_entry(&mut cursor, contiguous, text, src, tag);
        }
        let widest = places
            .into_iter()
            .chain([count])
            .chain(writer.checkpoints.iter().flatten().copied())
            .max()
            .unwrap_or(0);
        if widest > usize::from(u16::MAX) {
            writer.width = 4;
        }
        writer
    }

    fn push_entry(
        &mut self,
        cursor: &mut Cursor,
        contiguous: bool,
        text: Range<usize>,
        src: Range<usize>,
        tag: u8,
    ) {
        // Offsets are `u32`s: the differences fit an `i64` exactly.
        let [text_start, text_end, src_start, src_end] =
            [text.start, text.end, src.start, src.end].map(|o| i64::from(offset32(o)));
        let text_len = text_end - text_start;
        let src_len_difference = (src_end - src_start) - text_len;
        let gap = src_start - cursor.src_end;
        let gap_code = GAPS
            .iter()
            .position(|&g| g == gap)
            .map_or(GAP_FOLLOWS, |code| code as u8);
        let mut head = tag.min(TAG_FOLLOWS) | (gap_code << GAP_SHIFT);
        if src_len_difference != 0 {
            head |= SRC_LEN_DIFFERS;
        }
        let bytes = &mut self.entries;
        bytes.push(head);
        if tag >= TAG_FOLLOWS {
            bytes.push(tag);
        }
        if contiguous {
            push_varint(bytes, text_len.unsigned_abs());
        } else {
            push_varint(bytes, zigzag(text_start - cursor.text_next));
            push_varint(bytes, zigzag(text_len));
        }
        if gap_code == GAP_FOLLOWS {
            push_varint(bytes, zigzag(gap));
        }
        if src_len_difference != 0 {
            push_varint(bytes, zigzag(src_len_difference));
        }
        cursor.text_next = text_end + 1;
        cursor.src_end = src_end;
    }

    fn header_len(&self) -> usize {
        1 + (PLACES + 1 + self.checkpoints.len() * CHECKPOINT_NUMBERS) * self.width
    }

    pub(super) fn len(&self) -> usize {
        self.header_len() + self.entries.len()
    }

    pub(super) fn write(&self, bytes: &mut Vec<u8>) {
        let width = self.width;
        bytes.push(width as u8 | self.flags);
        let mut push = |number: usize| {
            let number = offset32(number).to_le_bytes();
            bytes.extend_from_slice(number.get(..width).unwrap_or(&number));
        };
        for place in self.places {
            push(place);
        }
        push(self.count);
        for &number in self.checkpoints.iter().flatten() {
            push(number);
        }
        bytes.extend_from_slice(&self.entries);
    }
}

impl<'a> Layout<'a> {
    fn width(&self) -> usize {
        usize::from(self.0.first().map_or(2, |b| b & !WIDTH_FLAGS))
    }

    pub(super) fn has_source(&self) -> bool {
        self.0.first().is_some_and(|b| b & HAS_SOURCE != 0)
    }

    pub(super) fn contiguous(&self) -> bool {
        self.0.first().is_some_and(|b| b & CONTIGUOUS != 0)
    }

    /// The `index`th number of the header after the width byte (0 past the end).
    fn number(&self, index: usize, width: usize) -> usize {
        let at = 1 + index * width;
        let bytes = self.0.get(at..at + width).unwrap_or(&[]);
        let number = match *bytes {
            [a, b] => u32::from(u16::from_le_bytes([a, b])),
            [a, b, c, d] => u32::from_le_bytes([a, b, c, d]),
            _ => 0,
        };
        widen(number)
    }

    pub(super) fn place(&self, place: Place) -> usize {
        self.number(place as usize, self.width())
    }

    pub(super) fn entry_count(&self) -> usize {
        self.number(PLACES, self.width())
    }

    fn checkpoint_count(&self) -> usize {
        self.entry_count().saturating_sub(1) / CHECKPOINT_EVERY
    }

    /// The entries `range` (clamped to the entry count), decoded in order.
    pub(super) fn entries(self, range: Range<usize>) -> Entries<'a> {
        let width = self.width();
        let count = self.entry_count();
        let start = 1 + (PLACES + 1 + self.checkpoint_count() * CHECKPOINT_NUMBERS) * width;
        let mut entries = Entries {
            layout: self,
            bytes: self.0.get(start..).unwrap_or(&[]),
            contiguous: self.contiguous(),
            cursor: START,
            end: range.end.min(count),
        };
        entries.seek(range.start);
        entries
    }

    /// Whether these bytes are a layout as [`LayoutWriter`] writes them, decoding each entry
    /// once, in order: a width of 2 or 4, a header that fits, every entry decoding with the
    /// bytes ending at the last one, each checkpoint where decoding in order stands, and
    /// `entry_ok` accepting every entry (given its index). What reading a layout from outside
    /// the process (the load cache) checks: a checkpoint that disagreed would make
    /// [`Article::block`](super::Article::block) give other ranges than the ones checked.
    pub(super) fn is_well_formed(self, mut entry_ok: impl FnMut(usize, &Entry) -> bool) -> bool {
        let Some(&first) = self.0.first() else {
            return false;
        };
        let width = usize::from(first & !WIDTH_FLAGS);
        if width != 2 && width != 4 {
            return false;
        }
        let count = self.entry_count();
        let header = (self.checkpoint_count())
            .checked_mul(CHECKPOINT_NUMBERS)
            .and_then(|n| n.checked_add(PLACES + 1))
            .and_then(|n| n.checked_mul(width))
            .and_then(|n| n.checked_add(1));
        let Some(bytes) = header.and_then(|start| self.0.get(start..)) else {
            return false;
        };
        let mut entries = Entries {
            layout: self,
            bytes,
            contiguous: self.contiguous(),
            cursor: START,
            end: count,
        };
        for index in 0..count {
            if index > 0
                && index % CHECKPOINT_EVERY == 0
                && self.checkpoint(index / CHECKPOINT_EVERY) != entries.cursor
            {
                return false;
            }
            match entries.decode() {
                Some(entry) if entry_ok(index, &entry) => {}
                _ => return false,
            }
        }
        entries.cursor.at == bytes.len()
    }

    /// Where decoding stands before the entry checkpoint `checkpoint` (1-based) is for.
    fn checkpoint(&self, checkpoint: usize) -> Cursor {
        let width = self.width();
        let first = PLACES + 1 + (checkpoint - 1) * CHECKPOINT_NUMBERS;
        let number = |i: usize| self.number(first + i, width);
        Cursor {
            index: checkpoint * CHECKPOINT_EVERY,
            at: number(0),
            text_next: number(1) as i64 + 1,
            src_end: number(2) as i64,
        }
    }
}

/// Entries of a [`Layout`], decoded one after another.
#[derive(Clone)]
pub(super) struct Entries<'a> {
    layout: Layout<'a>,
    /// The entries' bytes.
    bytes: &'a [u8],
    contiguous: bool,
    cursor: Cursor,
    end: usize,
}

impl std::fmt::Debug for Entries<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entries")
            .field("next", &self.cursor.index)
            .field("end", &self.end)
            .finish()
    }
}

impl Entries<'_> {
    /// Move to entry `index` (at most the end): from the nearest checkpoint before it, unless
    /// the cursor is already past that checkpoint.
    fn seek(&mut self, index: usize) {
        let index = index.min(self.end);
        let checkpoint = (index / CHECKPOINT_EVERY).min(self.layout.checkpoint_count());
        if checkpoint > 0 && checkpoint * CHECKPOINT_EVERY > self.cursor.index {
            self.cursor = self.layout.checkpoint(checkpoint);
        }
        while self.cursor.index < index {
            if self.decode().is_none() {
                // Corrupt bytes (never written): end here.
                self.end = self.cursor.index;
                return;
            }
        }
    }

    /// The entry at the cursor, moving past it.
    fn decode(&mut self) -> Option<Entry> {
        let bytes = self.bytes;
        let cursor = &mut self.cursor;
        let mut at = cursor.at;
        let head = *bytes.get(at)?;
        at += 1;
        let mut tag = head & TAG_BITS;
        if tag == TAG_FOLLOWS {
            tag = *bytes.get(at)?;
            at += 1;
        }
        let (text_start, text_len) = if self.contiguous {
            let len = read_varint(bytes, &mut at)?;
            (cursor.text_next, i64::try_from(len).ok()?)
        } else {
            let start = cursor.text_next + unzigzag(read_varint(bytes, &mut at)?);
            (start, unzigzag(read_varint(bytes, &mut at)?))
        };
        let gap_code = head >> GAP_SHIFT;
        let gap = match GAPS.get(usize::from(gap_code)) {
            Some(&gap) => gap,
            None => unzigzag(read_varint(bytes, &mut at)?),
        };
        let src_len_difference = if head & SRC_LEN_DIFFERS != 0 {
            unzigzag(read_varint(bytes, &mut at)?)
        } else {
            0
        };
        let text_end = text_start + text_len;
        let src_start = cursor.src_end + gap;
        let src_end = src_start + text_len + src_len_difference;
        *cursor = Cursor {
            index: cursor.index + 1,
            at,
            text_next: text_end + 1,
            src_end,
        };
        Some(Entry {
            text: offset(text_start)..offset(text_end),
            src: offset(src_start)..offset(src_end),
            tag,
        })
    }
}

impl Iterator for Entries<'_> {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        if self.cursor.index >= self.end {
            return None;
        }
        let entry = self.decode();
        if entry.is_none() {
            self.end = self.cursor.index;
        }
        entry
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.end.saturating_sub(self.cursor.index);
        (left, Some(left))
    }

    fn nth(&mut self, n: usize) -> Option<Entry> {
        self.seek(self.cursor.index.saturating_add(n));
        self.next()
    }
}

impl DoubleEndedIterator for Entries<'_> {
    fn next_back(&mut self) -> Option<Entry> {
        if self.cursor.index >= self.end {
            return None;
        }
        self.end -= 1;
        self.layout.entries(self.end..self.end + 1).next()
    }
}

impl ExactSizeIterator for Entries<'_> {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every entry of `bytes` read back three ways: in one pass, one by one, and skipping.
    fn read_back(bytes: &[u8], count: usize) -> Vec<Entry> {
        let layout = Layout(bytes);
        let all: Vec<Entry> = layout.entries(0..usize::MAX).collect();
        assert_eq!(all.len(), count);
        for (index, entry) in all.iter().enumerate() {
            assert_eq!(
                layout.entries(index..index + 1).next().as_ref(),
                Some(entry)
            );
            let mut from_start = layout.entries(0..count);
            assert_eq!(from_start.nth(index).as_ref(), Some(entry));
        }
        let backwards: Vec<Entry> = layout.entries(0..count).rev().collect();
        assert!(backwards.iter().eq(all.iter().rev()));
        let mut stepping = layout.entries(0..count);
        let mut every_third = Vec::new();
        while let Some(entry) = stepping.nth(2) {
            every_third.push(entry);
        }
        assert!(every_third.iter().eq(all.iter().skip(2).step_by(3)));
        all
    }

    fn kinds() -> impl Strategy<Value = BlockKind> {
        prop_oneof![
            Just(BlockKind::Paragraph),
            Just(BlockKind::ListItem),
            Just(BlockKind::TableRow),
            Just(BlockKind::Quote),
            Just(BlockKind::Code),
            (0u8..=250).prop_map(BlockKind::Heading),
        ]
    }

    fn reasons() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            proptest::sample::select(DROP_REASONS.to_vec()),
            Just("a_reason_not_listed"),
        ]
    }

    /// An offset near the common small ones, or anywhere in `u32`.
    fn offsets() -> impl Strategy<Value = usize> {
        prop_oneof![0usize..300, 0usize..70_000, (0..=u32::MAX).prop_map(widen)]
    }

    fn plain_round_trip(
        places: [usize; PLACES],
        has_source: bool,
        blocks: &[Block],
        dropped: &[Dropped],
    ) -> Result<(), TestCaseError> {
        let writer = LayoutWriter::new(places, has_source, blocks, dropped);
        let mut bytes = Vec::new();
        writer.write(&mut bytes);
        prop_assert_eq!(bytes.len(), writer.len());
        let layout = Layout(&bytes);
        let mut seen = 0;
        let well_formed = layout.is_well_formed(|index, _| {
            seen += usize::from(index == seen);
            true
        });
        prop_assert!(well_formed);
        prop_assert_eq!(seen, blocks.len() + dropped.len());
        let read_places = [
            Place::TextEnd,
            Place::TitleStart,
            Place::TitleEnd,
            Place::SourceStart,
            Place::SourceEnd,
            Place::OriginStart,
        ]
        .map(|p| layout.place(p));
        prop_assert_eq!(read_places, places);
        prop_assert_eq!(layout.has_source(), has_source);
        let all = read_back(&bytes, blocks.len() + dropped.len());
        let (read_blocks, read_dropped) = all.split_at(blocks.len());
        let read_blocks: Vec<Block> = read_blocks.iter().cloned().map(Entry::into_block).collect();
        let read_dropped: Vec<Dropped> = read_dropped
            .iter()
            .cloned()
            .map(Entry::into_dropped)
            .collect();
        prop_assert_eq!(read_blocks, blocks);
        prop_assert_eq!(read_dropped, dropped);
        Ok(())
    }

    proptest! {
        /// Any offsets, in any order: every start is stored.
        #[test]
        fn any_entries_round_trip(
            places in proptest::array::uniform6(offsets()),
            has_source: bool,
            blocks in proptest::collection::vec((kinds(), offsets(), offsets(), offsets(), offsets()), 0..80),
            dropped in proptest::collection::vec((reasons(), offsets(), offsets(), offsets(), offsets()), 0..40),
        ) {
            let blocks: Vec<Block> =
                blocks.into_iter().map(|(k, a, b, c, d)| Block::new(k, a..b, c..d)).collect();
            let dropped: Vec<Dropped> =
                dropped.into_iter().map(|(r, a, b, c, d)| Dropped::new(a..b, c..d, r)).collect();
            plain_round_trip(places, has_source, &blocks, &dropped)?;
        }

        /// Laid out as `meta` lays arenas out: each text a `\n` after the previous one, the
        /// source moving on by small gaps (sometimes back, for a dropped line).
        #[test]
        fn contiguous_entries_round_trip(
            lines in proptest::collection::vec((kinds(), 0usize..3000, -50i64..50, -3i64..3), 0..200),
            dropped in proptest::collection::vec((reasons(), 0usize..200, 0usize..5000), 0..5),
        ) {
            let (mut text, mut src) = (0usize, 0i64);
            let mut blocks = Vec::new();
            for (kind, len, gap, extra) in lines {
                let start = (src + gap).max(0);
                let end = (start + len as i64 + extra).max(start);
                blocks.push(Block::new(kind, text..text + len, offset(start)..offset(end)));
                text += len + 1;
                src = end;
            }
            let dropped: Vec<Dropped> = dropped
                .into_iter()
                .map(|(reason, len, src)| {
                    let line = Dropped::new(text..text + len, src..src + len, reason);
                    text += len + 1;
                    line
                })
                .collect();
            let bytes = {
                let mut bytes = Vec::new();
                LayoutWriter::new([text, 0, 0, 0, 0, text], false, &blocks, &dropped)
                    .write(&mut bytes);
                bytes
            };
            prop_assert!(Layout(&bytes).contiguous());
            plain_round_trip([text, 0, 0, 0, 0, text], false, &blocks, &dropped)?;
        }
    }

    #[test]
    fn common_entries_take_two_bytes() {
        // A paragraph of 40 bytes from a line after the previous one's `\n`.
        let blocks: Vec<Block> = (0..100)
            .map(|i| {
                Block::new(
                    BlockKind::Paragraph,
                    i * 41..i * 41 + 40,
                    i * 41..i * 41 + 40,
                )
            })
            .collect();
        let writer = LayoutWriter::new([0; PLACES], false, &blocks, &[]);
        // The first starts at 0 (a gap of 0), the others one byte after the previous one.
        assert_eq!(writer.entries.len(), 100 * 2);
        // Three checkpoints (entries 32, 64, 96) of three 2-byte numbers.
        assert_eq!(writer.len(), 1 + (PLACES + 1 + 3 * 3) * 2 + 200);
        let mut bytes = Vec::new();
        writer.write(&mut bytes);
        let read: Vec<Block> = Layout(&bytes)
            .entries(0..100)
            .map(Entry::into_block)
            .collect();
        assert_eq!(read, blocks);
    }

    #[test]
    fn corrupt_bytes_end_the_entries_without_panicking() {
        let blocks: Vec<Block> = (0..70)
            .map(|i| Block::new(BlockKind::Code, i * 300..i * 300 + 299, 0..i))
            .collect();
        let mut bytes = Vec::new();
        LayoutWriter::new([0; PLACES], false, &blocks, &[]).write(&mut bytes);
        assert!(Layout(&bytes).is_well_formed(|_, _| true));
        for cut in 0..bytes.len() {
            let layout = Layout(bytes.get(..cut).unwrap_or(&[]));
            assert!(!layout.is_well_formed(|_, _| true), "cut at {cut}");
            let _ = layout.entries(0..usize::MAX).count();
            let _ = layout.entries(40..41).next();
            let _ = layout.entries(0..usize::MAX).rev().count();
        }
        // A checkpoint off by one: decoding in order still works, but `block(40)` would
        // give another range than the one checked.
        let mut moved = bytes.clone();
        let first_checkpoint_text_end = 1 + (PLACES + 1 + 1) * 2;
        if let Some(byte) = moved.get_mut(first_checkpoint_text_end) {
            *byte ^= 1;
        }
        assert_eq!(Layout(&moved).entries(0..usize::MAX).count(), 70);
        assert!(!Layout(&moved).is_well_formed(|_, _| true));
        assert!(!Layout(&bytes).is_well_formed(|index, _| index != 69));
        let mut flipped = bytes.clone();
        for byte in flipped.iter_mut().skip(1) {
            *byte = 0xff;
        }
        let _ = Layout(&flipped).entries(0..usize::MAX).count();
    }
}
