//! Fuzzy title search. `fuzzy-matcher`'s SkimMatcherV2 scores rank the results; cheap steps
//! keep it from scoring every title on every keystroke:
//!
//! 1. prefilter: a per-title character-class mask, then an exact subsequence test with memchr
//!    over one contiguous copy of all titles (ASCII-lowercased, as the matcher folds case; the
//!    original titles are read from the store, for case-sensitive queries and for scoring);
//! 2. bound: an upper bound of the SkimMatcherV2 score from per-title features, like fzf's cheap
//!    V1 pass before its full scoring (see below);
//! 3. top-k: candidates are taken in bound order and scored in parallel batches by an
//!    allocation-free copy of SkimMatcherV2's scorer (`skim.rs`, same scores, tested); scoring
//!    stops once no remaining bound can beat the k-th best; fuzzy-matcher itself then scores
//!    the k kept titles, and its scores rank them.
//!
//! The bound (fuzzy-matcher 0.3.7, `skim.rs`, with a fresh score matrix): the first pattern char
//! scores `match + B[j] - 1`, where `match` is 16 (14 on a case mismatch) and `B[j]` the in-place
//! bonus of title char j (8 at a word start, 7 after punctuation, 6 at a camel hump, doubled to
//! 16 on the title's first char); a later char scores at most `match + max(B[j], 4)` next to the
//! previous match (and there `B[j]` is at most 6 unless the previous char is a separator) and
//! `match + B[j] - 4` after a gap. Per title the bound knows: the first char, the chars at bonus
//! positions in title order, a bloom filter of adjacent char pairs (an absent pair forces a
//! gap), and which letters occur in lowercase. A reused matcher would carry bonus values from
//! the previously scored title into the next (its cache is not cleared; `use_cache(false)`
//! panics on a double RefCell borrow), making scores depend on scoring order; so every score
//! here is taken with an empty matrix.

use super::{rank_key, CancelFlag, TopK};
use crate::core::article::Article;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// Titles per parallel chunk in the prefilter.
const CHUNK: usize = 2048;
/// Candidates scored exactly per parallel batch once the top-k is full.
const BATCH: usize = 256;

/// Character class bit used by the per-title masks; collisions only loosen the filters.
fn char_bit(c: char) -> u64 {
    let c = c.to_ascii_lowercase();
    let slot = match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + (c as u32 - '0' as u32),
        c if c.is_ascii() => 36 + (c as u32 % 12),
        c => 48 + (c as u32 % 16),
    };
    1u64 << slot
}

/// Longest term (in chars) whose bonus positions are matched in order by the bound; longer
/// terms use the looser per-char bound.
const MAX_TRACKED: usize = 24;

/// Bits in the per-title bloom filter of adjacent char pairs. 128 rather than 256: 1.6 MB less
/// at 100k titles (75 bytes a title, so about 60 distinct pairs), for a looser bound.
const PAIR_BITS: usize = 128;

/// Bloom slot of an adjacent pair of chars (ASCII case folded).
fn pair_slot(a: char, b: char) -> usize {
    let (a, b) = (a.to_ascii_lowercase() as u32, b.to_ascii_lowercase() as u32);
    (a.wrapping_mul(0x9E37_79B1) ^ b.wrapping_mul(0x85EB_CA77)).rotate_left(13) as usize % PAIR_BITS
}

/// SkimMatcherV2's character types (private in the crate, copied so the bound matches them).
#[derive(Clone, Copy, PartialEq, Eq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn char_type(c: char) -> CharType {
    match c {
        '\0' => CharType::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
        '0'..='9' => CharType::Number,
        'A'..='Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

/// Whether SkimMatcherV2 gives a char of type `cur` after one of type `prev` an in-place bonus
/// (its roles Head, Break and Camel).
fn has_bonus(prev: CharType, cur: CharType) -> bool {
    matches!(
        (prev, cur),
        (CharType::Empty | CharType::HardSep | CharType::SoftSep, _)
            | (CharType::Lower | CharType::Number, CharType::Upper)
    )
}

/// Whether `pattern`'s chars occur in order in `hay` (both UTF-8). A match of a char's lead byte
/// followed by its continuation bytes is a whole char, since UTF-8 lead bytes never occur inside
/// another char's encoding.
fn is_subsequence(hay: &[u8], pattern: &[u8]) -> bool {
    let mut at = 0;
    let mut p = 0;
    while let Some(&lead) = pattern.get(p) {
        let width = utf8_width(lead);
        let Some(rest) = hay.get(at..) else {
            return false;
        };
        if width == 1 {
            // An ASCII byte is a whole char: no need to compare continuation bytes.
            let Some(found) = memchr::memchr(lead, rest) else {
                return false;
            };
            at += found + 1;
            p += 1;
            continue;
        }
        let Some(encoded) = pattern.get(p..p + width) else {
            return false;
        };
        let Some(found) = memchr::memmem::find(rest, encoded) else {
            return false;
        };
        at += found + width;
        p += width;
    }
    true
}

/// How many leading chars of `needle` start `hay` (both UTF-8).
fn common_prefix_chars(hay: &[u8], needle: &[u8]) -> usize {
    let bytes = hay.iter().zip(needle).take_while(|(a, b)| a == b).count();
    let Some(common) = needle.get(..bytes) else {
        return 0;
    };
    // Count whole chars only: a partly matched multi-byte char does not count.
    let whole = String::from_utf8_lossy(common);
    whole
        .chars()
        .filter(|&c| c != char::REPLACEMENT_CHARACTER)
        .count()
}

fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xff => 4,
        _ => 1,
    }
}

/// One char of a title term, as the bound sees it.
struct TermChar {
    bit: u64,
    /// The char before it in the term is a separator (a match right after it may get the
    /// word-start bonus 8); otherwise an adjacent match gets at most the camel bonus 6.
    after_separator: bool,
    /// An ASCII letter, so it can meet an uppercase letter (camel bonus).
    letter: bool,
    uppercase: bool,
    /// Bloom slot of the pair (previous char, this char).
    pair_slot: usize,
}

/// One space-separated term of a title query, prepared once per query.
pub(crate) struct TitleTerm {
    /// As typed (the matcher folds ASCII case itself when the query is case-insensitive).
    pub text: String,
    /// What the prefilter looks for: `text`, ASCII-lowercased unless case-sensitive.
    needle: Vec<u8>,
    mask: u64,
    /// Classes of the term's ASCII uppercase chars, and of the others (case-sensitive only:
    /// what the title must have in `shifted` and in `unshifted`).
    upper_mask: u64,
    other_mask: u64,
    /// First char, ASCII-lowercased.
    first: char,
    first_bit: u64,
    /// The chars after the first.
    rest: Vec<TermChar>,
    /// Class bit of every char.
    bits: Vec<u64>,
}

impl TitleTerm {
    pub fn new(text: &str, case_sensitive: bool) -> TitleTerm {
        let folded = if case_sensitive {
            text.to_string()
        } else {
            text.to_ascii_lowercase()
        };
        let chars: Vec<char> = folded.chars().collect();
        let first = chars.first().copied().unwrap_or('\0').to_ascii_lowercase();
        let rest = chars
            .windows(2)
            .filter_map(|w| {
                let (&prev, &c) = (w.first()?, w.get(1)?);
                Some(TermChar {
                    bit: char_bit(c),
                    after_separator: matches!(
                        char_type(prev),
                        CharType::Empty | CharType::HardSep | CharType::SoftSep
                    ),
                    letter: c.is_ascii_alphabetic(),
                    uppercase: c.is_ascii_uppercase(),
                    pair_slot: pair_slot(prev, c),
                })
            })
            .collect();
        TitleTerm {
            text: text.to_string(),
            mask: chars.iter().fold(0, |m, &c| m | char_bit(c)),
            upper_mask: chars
                .iter()
                .filter(|c| c.is_ascii_uppercase())
                .fold(0, |m, &c| m | char_bit(c)),
            other_mask: chars
                .iter()
                .filter(|c| !c.is_ascii_uppercase())
                .fold(0, |m, &c| m | char_bit(c)),
            needle: folded.into_bytes(),
            first,
            first_bit: char_bit(first),
            rest,
            bits: chars.iter().map(|&c| char_bit(c)).collect(),
        }
    }
}

/// The original titles, by id: the store's articles (the index keeps only a lowercased copy).
pub(crate) trait Titles: Sync {
    /// Title `id`; empty when there is none.
    fn title(&self, id: usize) -> &str;
}

impl Titles for Vec<Article> {
    fn title(&self, id: usize) -> &str {
        self.get(id).map_or("", |a| a.title())
    }
}

#[cfg(test)]
impl<const N: usize> Titles for [&str; N] {
    fn title(&self, id: usize) -> &str {
        self.get(id).copied().unwrap_or("")
    }
}

#[cfg(test)]
impl Titles for Vec<String> {
    fn title(&self, id: usize) -> &str {
        self.get(id).map_or("", String::as_str)
    }
}

/// All titles, prepared for fuzzy search. The titles themselves are read from the store
/// ([`Titles`]): the index holds one lowercased copy and a few bits per title (issue 6).
pub(crate) struct TitleIndex {
    /// Every title ASCII-lowercased (as the matcher folds case), concatenated; also what the
    /// body search folds a title to when it is ASCII (see `text::BodyIndex`).
    lower: Vec<u8>,
    /// Title `i` is `lower[offsets[i]..offsets[i + 1]]`. `u32`: 4 GiB of titles (57 M titles
    /// at the 100k corpus' 75 bytes a title); past that, offsets saturate and the titles after
    /// it read as empty (they no longer match), nothing panics.
    offsets: Vec<u32>,
    /// Bit `i % 64` of word `i / 64`: byte `i` of `lower` is an ASCII uppercase letter in the
    /// title, which puts the original back (1 bit a byte instead of a second copy).
    upper: Vec<u64>,
    /// Bit `i % 64` of word `i / 64`: title `i` starts with an ASCII uppercase letter (its first
    /// char as is, next to the lowercased one in `lower`).
    first_upper: Vec<u64>,
    /// Classes of the chars at SkimMatcherV2 bonus positions.
    heads: Vec<u64>,
    /// Classes (`char_bit` as a bit index) of the chars at bonus positions, in title order;
    /// title `i`'s are `head_seq[head_offsets[i]..head_offsets[i + 1]]`.
    head_seq: Vec<u8>,
    head_offsets: Vec<u32>,
    /// Classes of the chars that are not ASCII uppercase (what a lowercase query char meets
    /// without the matcher's case-mismatch penalty). With `shifted`, the classes of all chars.
    unshifted: Vec<u64>,
    /// Classes of the ASCII uppercase chars: letters, classes 0 to 25, so `u32` (0.4 MB less
    /// at 100k titles than `u64`).
    shifted: Vec<u32>,
    /// Bloom filter of the adjacent char pairs of each title.
    pairs: Vec<[u64; PAIR_BITS / 64]>,
}

/// Longest title whose case-sensitive haystack is put back on the stack (longer ones are read
/// from the store).
const HAY_BUF: usize = 512;

/// An offset into the index's concatenated buffers, saturating (see `TitleIndex::offsets`).
fn offset32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// The first char of UTF-8 `bytes` (`'\0'` when empty or not UTF-8).
fn first_char(bytes: &[u8]) -> char {
    let width = bytes.first().map_or(1, |&lead| utf8_width(lead));
    bytes
        .get(..width)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|s| s.chars().next())
        .unwrap_or('\0')
}

impl TitleIndex {
    pub fn new<'a>(titles: impl Iterator<Item = &'a str> + Clone) -> TitleIndex {
        // Sized once from a first pass: vectors grown by doubling then shrunk leave their
        // slack and their copies behind in the heap (9 MB at 100k titles).
        let (count, bytes) = titles
            .clone()
            .fold((0, 0), |(n, b), t: &str| (n + 1, b + t.len()));
        let mut lower = Vec::with_capacity(bytes);
        let mut upper: Vec<u64> = Vec::with_capacity(bytes.div_ceil(64));
        let mut offsets = Vec::with_capacity(count + 1);
        offsets.push(0);
        let mut first_upper = Vec::with_capacity(count.div_ceil(64));
        let mut heads = Vec::with_capacity(count);
        // About one bonus position a word.
        let mut head_seq = Vec::with_capacity(bytes / 4);
        let mut head_offsets = Vec::with_capacity(count + 1);
        head_offsets.push(0);
        let mut pairs = Vec::with_capacity(count);
        let mut unshifted = Vec::with_capacity(count);
        let mut shifted = Vec::with_capacity(count);
        for (id, title) in titles.enumerate() {
            for b in title.bytes() {
                let i = lower.len();
                if i % 64 == 0 {
                    upper.push(0);
                }
                if b.is_ascii_uppercase() {
                    if let Some(word) = upper.last_mut() {
                        *word |= 1 << (i % 64);
                    }
                }
                lower.push(b.to_ascii_lowercase());
            }
            offsets.push(offset32(lower.len()));
            if id % 64 == 0 {
                first_upper.push(0);
            }
            if title.starts_with(|c: char| c.is_ascii_uppercase()) {
                if let Some(word) = first_upper.last_mut() {
                    *word |= 1 << (id % 64);
                }
            }
            let mut prev = CharType::Empty;
            let mut head_mask = 0;
            let mut unshifted_mask = 0;
            let mut shifted_mask = 0;
            let mut pair_bloom = [0u64; PAIR_BITS / 64];
            let mut prev_char = None;
            for c in title.chars() {
                if let Some(p) = prev_char {
                    let slot = pair_slot(p, c);
                    if let Some(word) = pair_bloom.get_mut(slot / 64) {
                        *word |= 1 << (slot % 64);
                    }
                }
                prev_char = Some(c);
                let kind = char_type(c);
                let bit = char_bit(c);
                if has_bonus(prev, kind) {
                    head_mask |= bit;
                    head_seq.push(bit.trailing_zeros() as u8);
                }
                if c.is_ascii_uppercase() {
                    shifted_mask |= bit;
                } else {
                    unshifted_mask |= bit;
                }
                prev = kind;
            }
            heads.push(head_mask);
            head_offsets.push(offset32(head_seq.len()));
            pairs.push(pair_bloom);
            unshifted.push(unshifted_mask);
            // All bits set (every letter maybe uppercase) only loosens the filters; letters'
            // classes fit, so it does not happen.
            shifted.push(u32::try_from(shifted_mask).unwrap_or(u32::MAX));
        }
        head_seq.shrink_to_fit();
        TitleIndex {
            lower,
            upper,
            offsets,
            first_upper,
            heads,
            head_seq,
            head_offsets,
            unshifted,
            shifted,
            pairs,
        }
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Heap bytes of each part (capacities).
    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("title: lower", self.lower.capacity()),
            ("title: upper bits", vec_bytes(&self.upper)),
            ("title: offsets", vec_bytes(&self.offsets)),
            ("title: first upper", vec_bytes(&self.first_upper)),
            (
                "title: masks",
                vec_bytes(&self.heads) + vec_bytes(&self.unshifted) + vec_bytes(&self.shifted),
            ),
            ("title: pair blooms", vec_bytes(&self.pairs)),
            (
                "title: head seqs",
                vec_bytes(&self.head_seq) + vec_bytes(&self.head_offsets),
            ),
        ]
    }

    fn range(&self, id: usize) -> Option<std::ops::Range<usize>> {
        let (&start, &end) = (self.offsets.get(id)?, self.offsets.get(id + 1)?);
        Some(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
    }

    /// Title `id` ASCII-lowercased (same length as the title).
    pub fn lower(&self, id: usize) -> Option<&[u8]> {
        self.lower.get(self.range(id)?)
    }

    fn first_is_upper(&self, id: usize) -> bool {
        self.first_upper
            .get(id / 64)
            .is_some_and(|word| word & (1 << (id % 64)) != 0)
    }

    /// A matcher with an empty score matrix: a reused one carries bonus values from the title
    /// scored before into the next (fuzzy-matcher 0.3.7; `use_cache(false)` panics with a
    /// double borrow), which would make scores depend on scoring order and break the bound.
    fn matcher(&self, case_sensitive: bool) -> SkimMatcherV2 {
        if case_sensitive {
            SkimMatcherV2::default().respect_case()
        } else {
            SkimMatcherV2::default().ignore_case()
        }
    }

    /// Upper bound of the summed SkimMatcherV2 score of `terms` on title `id`, or `None` when
    /// some term is not a subsequence of the title (then the matcher would not match either).
    fn prefilter(
        &self,
        titles: &dyn Titles,
        id: usize,
        terms: &[TitleTerm],
        case_sensitive: bool,
    ) -> Option<i64> {
        let (Some(&unshifted), Some(&shifted)) = (self.unshifted.get(id), self.shifted.get(id))
        else {
            return None;
        };
        let shifted = u64::from(shifted);
        let present = unshifted | shifted;
        if terms.iter().any(|t| present & t.mask != t.mask) {
            return None;
        }
        // Case-sensitive, an uppercase char only meets an uppercase one, any other char only
        // one that is not.
        if case_sensitive
            && terms.iter().any(|t| {
                shifted & t.upper_mask != t.upper_mask || unshifted & t.other_mask != t.other_mask
            })
        {
            return None;
        }
        let mut buf;
        let hay = if case_sensitive {
            buf = [0; HAY_BUF];
            self.original_hay(titles, id, &mut buf)?
        } else {
            self.lower(id)?
        };
        if !terms.iter().all(|t| is_subsequence(hay, &t.needle)) {
            return None;
        }
        let mut bound = 0;
        for term in terms {
            bound += self.term_bound(id, term, case_sensitive, hay)?;
        }
        Some(bound)
    }

    fn head_seq_of(&self, id: usize) -> &[u8] {
        let range = match (self.head_offsets.get(id), self.head_offsets.get(id + 1)) {
            (Some(&a), Some(&b)) => usize::try_from(a).ok().zip(usize::try_from(b).ok()),
            _ => None,
        };
        range
            .and_then(|(a, b)| self.head_seq.get(a..b))
            .unwrap_or(&[])
    }

    /// The title as is, the prefilter's haystack for a case-sensitive query: put back into
    /// `buf` from `lower` and `upper` (contiguous, where the store's title is a pointer away:
    /// a prefilter over most titles took 4 times as long), or read from `titles` when longer
    /// than `buf`.
    fn original_hay<'a>(
        &'a self,
        titles: &'a dyn Titles,
        id: usize,
        buf: &'a mut [u8; HAY_BUF],
    ) -> Option<&'a [u8]> {
        let range = self.range(id)?;
        let lower = self.lower.get(range.clone())?;
        let Some(out) = buf.get_mut(..lower.len()) else {
            return Some(titles.title(id).as_bytes());
        };
        out.copy_from_slice(lower);
        // Uppercase the bytes whose bit is set, a word of bits at a time.
        let mut i = range.start;
        while i < range.end {
            let span = (64 - i % 64).min(range.end - i);
            let word = self.upper.get(i / 64).copied().unwrap_or(0) >> (i % 64);
            let mut bits = if span < 64 {
                word & ((1 << span) - 1)
            } else {
                word
            };
            while bits != 0 {
                let k = bits.trailing_zeros() as usize;
                if let Some(o) = out.get_mut(i - range.start + k) {
                    o.make_ascii_uppercase();
                }
                bits &= bits - 1;
            }
            i += span;
        }
        Some(out)
    }

    /// Upper bound of the SkimMatcherV2 score of one term on title `id` (see the module doc).
    fn term_bound(
        &self,
        id: usize,
        term: &TitleTerm,
        case_sensitive: bool,
        hay: &[u8],
    ) -> Option<i64> {
        let heads = *self.heads.get(id)?;
        // The title's first char, ASCII-lowercased.
        let first = first_char(self.lower(id)?);
        let pairs = self.pairs.get(id)?;
        let shifted = u64::from(*self.shifted.get(id)?);
        // A lowercase query char met only in uppercase scores 14 instead of 16.
        let unshifted = if case_sensitive {
            u64::MAX
        } else {
            *self.unshifted.get(id)?
        };
        let match_score = |bit: u64| if unshifted & bit != 0 { 16 } else { 14 };
        let at_head = |bit: u64| heads & bit != 0;
        let bound = {
            let common = common_prefix_chars(hay, &term.needle);
            let mut sum = 0;
            let mut first_absent = usize::MAX;
            // Cheapest way to break the run that starts on the title's first char.
            let mut start_break = i64::MAX;
            // What a bonus position adds to each char of the term (char 0 first): only chars
            // that must follow a gap gain from one (an adjacent char scores as much without).
            let mut gains = [0i64; MAX_TRACKED];
            let tracked = term.rest.len() < MAX_TRACKED;
            if let Some(g) = gains.first_mut() {
                *g = 8;
            }
            for (i, c) in term.rest.iter().enumerate() {
                let index = i + 1;
                let matched = match_score(c.bit);
                // After a gap: match + in-place bonus (8 at most) - 4 (gap start).
                let gap_at_head = matched + 8 - 4;
                let gap_plain = matched - 4;
                let gap = if at_head(c.bit) {
                    gap_at_head
                } else {
                    gap_plain
                };
                // Adjacent: match + max(in-place bonus, 4); after a letter or digit the
                // in-place bonus is at most the camel bonus 6 (an uppercase letter).
                let adjacent = if c.after_separator {
                    matched + 8
                } else {
                    let camel = c.letter
                        && if case_sensitive {
                            c.uppercase
                        } else {
                            shifted & c.bit != 0
                        };
                    let upper_match = if case_sensitive { 16 } else { 14 };
                    (matched + 4).max(if camel { upper_match + 6 } else { 0 })
                };
                let pair_present = pairs
                    .get(c.pair_slot / 64)
                    .is_some_and(|word| word & (1 << (c.pair_slot % 64)) != 0);
                let (best, plain) = if pair_present {
                    (adjacent.max(gap), adjacent.max(gap_plain))
                } else {
                    first_absent = first_absent.min(index);
                    (gap, gap_plain)
                };
                if index <= common {
                    start_break = start_break.min(best - gap);
                }
                if tracked {
                    if let Some(g) = gains.get_mut(index) {
                        *g = best - plain;
                    }
                    sum += plain;
                } else {
                    sum += best;
                }
            }
            // The chars that gain from bonus positions must meet them in title order: the
            // most they gain together is a heaviest common subsequence of the term and the
            // title's bonus-position chars.
            let heads_seq = self.head_seq_of(id);
            let gain = |skip_first: bool| -> i64 {
                if !tracked {
                    return 0;
                }
                // Only char 0 can gain (every later char may sit next to the one before):
                // no order to respect.
                if gains.iter().skip(1).all(|&g| g == 0) {
                    return if !skip_first && at_head(term.first_bit) {
                        8
                    } else {
                        0
                    };
                }
                let mut dp = [0i64; MAX_TRACKED + 1];
                let seq = if skip_first {
                    heads_seq.get(1..).unwrap_or(&[])
                } else {
                    heads_seq
                };
                for &slot in seq {
                    if term.mask & (1u64 << (slot % 64)) == 0 {
                        continue;
                    }
                    // dp[k] = best gain using the term's first k chars; update right to left.
                    for (k, &bit) in term.bits.iter().enumerate().rev() {
                        if skip_first && k == 0 {
                            continue;
                        }
                        let w = gains.get(k).copied().unwrap_or(0);
                        let here = dp.get(k).copied().unwrap_or(0);
                        if w > 0 && bit.trailing_zeros() == u32::from(slot) {
                            if let Some(next) = dp.get_mut(k + 1) {
                                *next = (*next).max(here + w);
                            }
                        }
                    }
                    for k in 1..=term.bits.len().min(MAX_TRACKED) {
                        let before = dp.get(k - 1).copied().unwrap_or(0);
                        if let Some(d) = dp.get_mut(k) {
                            *d = (*d).max(before);
                        }
                    }
                }
                dp.get(term.bits.len()).copied().unwrap_or(0)
            };
            let first_plain = match_score(term.first_bit) - 1;
            let elsewhere = if tracked {
                first_plain + sum + gain(false)
            } else {
                first_plain + if at_head(term.first_bit) { 8 } else { 0 } + sum
            };
            let at_start = if term.first == first {
                // From the title's first char the run follows the title: unless the whole
                // term starts the title, it breaks at some char 1..=L (L = common prefix).
                let forced = if common > term.rest.len() || first_absent <= common {
                    0
                } else if start_break == i64::MAX {
                    4
                } else {
                    start_break
                };
                // Case-insensitive, the term's first char is lowercase: it meets the title's
                // as is unless that one is uppercase.
                let first_match = if case_sensitive || !self.first_is_upper(id) {
                    16
                } else {
                    14
                };
                first_match - 1 + 16 + sum + gain(true) - forced
            } else {
                i64::MIN / 4
            };
            elsewhere.max(at_start)
        };
        Some(bound)
    }

    /// Summed SkimMatcherV2 score of `terms` on title `id` through the allocation-free copy of
    /// its scorer (None if a term does not match). With several terms and a `floor`, gives up
    /// (None) as soon as the scores so far plus the bounds of the terms left cannot beat it.
    fn quick_score_above(
        &self,
        titles: &dyn Titles,
        id: usize,
        terms: &[TitleTerm],
        case_sensitive: bool,
        floor: Option<(i64, u64)>,
    ) -> Option<i64> {
        let title = titles.title(id);
        let (Some(floor), [_, _, ..]) = (floor, terms) else {
            return terms
                .iter()
                .map(|t| super::skim::score(title, &t.text, case_sensitive))
                .sum();
        };
        let mut buf;
        let hay = if case_sensitive {
            buf = [0; HAY_BUF];
            self.original_hay(titles, id, &mut buf)?
        } else {
            self.lower(id)?
        };
        let bounds: Vec<i64> = terms
            .iter()
            .map(|t| self.term_bound(id, t, case_sensitive, hay))
            .collect::<Option<_>>()?;
        let mut left: i64 = bounds.iter().sum();
        let mut total = 0;
        let tie = self.tie(id);
        for (term, bound) in terms.iter().zip(&bounds) {
            total += super::skim::score(title, &term.text, case_sensitive)?;
            left -= bound;
            if rank_key(total + left, tie) <= rank_key(floor.0, floor.1) {
                return None;
            }
        }
        Some(total)
    }

    /// Summed fuzzy-matcher SkimMatcherV2 score of `terms` on title `id` (None if a term
    /// does not match).
    pub fn score(
        &self,
        titles: &dyn Titles,
        id: usize,
        terms: &[TitleTerm],
        case_sensitive: bool,
    ) -> Option<i64> {
        let title = titles.title(id);
        let matcher = self.matcher(case_sensitive);
        terms
            .iter()
            .map(|t| matcher.fuzzy_match(title, &t.text))
            .sum()
    }

    /// Matched char positions of every term in title `id`, sorted and deduplicated.
    pub fn positions(
        &self,
        titles: &dyn Titles,
        id: usize,
        terms: &[TitleTerm],
        case_sensitive: bool,
    ) -> Vec<usize> {
        let title = titles.title(id);
        let matcher = self.matcher(case_sensitive);
        let mut positions: Vec<usize> = terms
            .iter()
            .filter_map(|t| matcher.fuzzy_indices(title, &t.text))
            .flat_map(|(_, idx)| idx)
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }

    /// Titles among `candidates` (all titles when `None`) where every term is a subsequence,
    /// with their score bound, in id order. `None` when cancelled.
    pub fn survivors(
        &self,
        titles: &dyn Titles,
        candidates: Option<&[usize]>,
        terms: &[TitleTerm],
        case_sensitive: bool,
        cancel: &AtomicBool,
    ) -> Option<Vec<(usize, i64)>> {
        let cancelled = CancelFlag::new(cancel);
        let keep = |id: usize| {
            self.prefilter(titles, id, terms, case_sensitive)
                .map(|b| (id, b))
        };
        super::filter_in_chunks(candidates, self.len(), CHUNK, &cancelled, keep)
    }

    /// Tie-break of title `id`: shorter titles first (as fzf's default), then load order.
    pub fn tie(&self, id: usize) -> u64 {
        let len = self.range(id).map_or(0, |r| r.len());
        let len = u64::try_from(len)
            .unwrap_or(u64::MAX)
            .min(u64::from(u32::MAX));
        (len << 32)
            | u64::try_from(id)
                .unwrap_or(u64::MAX)
                .min(u64::from(u32::MAX))
    }

    /// The `limit` best `(score, id)` among `survivors` (from [`TitleIndex::survivors`]),
    /// best first (score descending, then shorter title, then id). Stops early when cancelled.
    pub fn top(
        &self,
        titles: &dyn Titles,
        survivors: &[(usize, i64)],
        terms: &[TitleTerm],
        case_sensitive: bool,
        limit: usize,
        cancel: &AtomicBool,
    ) -> Vec<(i64, usize)> {
        let order = order_by_bound(survivors);
        let mut top: TopK<usize> = TopK::new(limit);
        let mut pos = 0;
        while pos < order.len() && !cancel.load(Ordering::Relaxed) {
            let batch = if top.is_full() { BATCH } else { limit.max(64) };
            let end = (pos + batch).min(order.len());
            let Some(slice) = order.get(pos..end) else {
                break;
            };
            let floor = top.floor();
            // Bounds only go down from here: once one is below the k-th best score, stop.
            let stop = floor.and_then(|(worst, _)| {
                slice
                    .iter()
                    .position(|&(_, bound)| bound < worst)
                    .map(|p| pos + p)
            });
            let scoring = order.get(pos..stop.unwrap_or(end)).unwrap_or(&[]);
            let scored: Vec<(i64, u64, usize)> = scoring
                .par_iter()
                .filter(|&&(id, bound)| {
                    // Equal to the k-th best: only a better tie-break can still enter.
                    floor.is_none_or(|f| rank_key(bound, self.tie(id)) > rank_key(f.0, f.1))
                })
                .filter_map(|&(id, _)| {
                    let score = self.quick_score_above(titles, id, terms, case_sensitive, floor)?;
                    Some((score, self.tie(id), id))
                })
                .collect();
            for (score, tie, id) in scored {
                top.push_with(score, tie, id);
            }
            if stop.is_some() {
                break;
            }
            pos = end;
        }
        // The ranking itself comes from fuzzy-matcher (the same scores, by the tests).
        let mut ranked: Vec<(i64, u64, usize)> = top
            .into_sorted_with()
            .into_par_iter()
            .filter_map(|(quick, tie, id)| {
                let score = self
                    .score(titles, id, terms, case_sensitive)
                    .unwrap_or(quick);
                Some((score, tie, id))
            })
            .collect();
        ranked.sort_by_key(|&(score, tie, _)| std::cmp::Reverse(rank_key(score, tie)));
        ranked
            .into_iter()
            .map(|(score, _, id)| (score, id))
            .collect()
    }
}

/// Heap bytes of a vector's buffer.
pub(crate) fn vec_bytes<T>(v: &Vec<T>) -> usize {
    v.capacity() * std::mem::size_of::<T>()
}

/// Survivors by bound descending, then id ascending. A counting sort: bounds span a small range
/// (a few values per query char), and the input is in id order, so equal bounds stay in id order.
fn order_by_bound(survivors: &[(usize, i64)]) -> Vec<(usize, i64)> {
    let (Some(min), Some(max)) = (
        survivors.iter().map(|s| s.1).min(),
        survivors.iter().map(|s| s.1).max(),
    ) else {
        return Vec::new();
    };
    let span = usize::try_from(max - min).unwrap_or(usize::MAX);
    if span > 1 << 16 {
        let mut sorted = survivors.to_vec();
        sorted.sort_by_key(|&(id, b)| (std::cmp::Reverse(b), id));
        return sorted;
    }
    let mut counts = vec![0usize; span + 2];
    for &(_, b) in survivors {
        let slot = usize::try_from(max - b).unwrap_or(0);
        if let Some(c) = counts.get_mut(slot + 1) {
            *c += 1;
        }
    }
    for i in 1..counts.len() {
        let before = counts.get(i - 1).copied().unwrap_or(0);
        if let Some(c) = counts.get_mut(i) {
            *c += before;
        }
    }
    let mut sorted = vec![(0usize, 0i64); survivors.len()];
    for &(id, b) in survivors {
        let slot = usize::try_from(max - b).unwrap_or(0);
        if let Some(c) = counts.get_mut(slot) {
            if let Some(out) = sorted.get_mut(*c) {
                *out = (id, b);
            }
            *c += 1;
        }
    }
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(titles: &[&str]) -> TitleIndex {
        TitleIndex::new(titles.iter().copied())
    }

    #[test]
    fn subsequence_is_char_wise() {
        assert!(is_subsequence(b"python module", b"pym"));
        assert!(!is_subsequence(b"python module", b"mpy"));
        assert!(is_subsequence("日本語の本".as_bytes(), "日本".as_bytes()));
        // 'é' is C3 A9; 'é' must not match a C3 lead byte followed by another char.
        assert!(!is_subsequence("Ã©".as_bytes(), "é".as_bytes()));
        assert!(is_subsequence("caf\u{e9}".as_bytes(), "f\u{e9}".as_bytes()));
    }

    #[test]
    fn bound_is_never_below_the_exact_score() {
        let titles = [
            "python3-openssl - Python wrapper around the OpenSSL library",
            "New upstream release.",
            "libxml2 (XML parser) security update",
            "kernel-module: fix memory leak in fooBar()",
            "GNOME Shell extensions",
            "bash: timezone handling",
            "日本語 ドキュメント",
            "aaa bbb aab abab",
            "Debian Policy Manual",
            "cve-2023-1234: openssl",
        ];
        let idx = index(&titles);
        let queries = [
            "p", "py", "pyt", "op", "opssl", "new up", "xml", "kern mod", "mem lk", "gn", "ab",
            "aab", "bb", "日本", "Py", "SSL", "deb pol", "cve-2023", "e", "ee", "sl",
        ];
        for q in queries {
            let cs = super::super::is_case_sensitive(q);
            let terms: Vec<TitleTerm> = q
                .split_whitespace()
                .map(|t| TitleTerm::new(t, cs))
                .collect();
            let never = AtomicBool::new(false);
            let survivors = idx
                .survivors(&titles, None, &terms, cs, &never)
                .unwrap_or_default();
            for (id, title) in titles.iter().enumerate() {
                let exact = idx.score(&titles, id, &terms, cs);
                let bound = survivors.iter().find(|s| s.0 == id).map(|s| s.1);
                assert_eq!(exact.is_some(), bound.is_some(), "{q:?} on {title:?}");
                if let (Some(e), Some(b)) = (exact, bound) {
                    assert!(b >= e, "{q:?} on {title:?}: bound {b} < score {e}");
                }
            }
        }
    }

    #[test]
    fn bound_holds_on_many_generated_titles() {
        let words = [
            "lib", "Python", "ssl", "kernel", "mod", "a", "b", "c", "lb", "cr", "l-b", "(x)",
            "fooBar", "日本", "3.11", "debian", "policy", "po", "li", "BiB", "x_y",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let titles: Vec<String> = (0..2000)
            .map(|_| {
                let n = 1 + (next() % 6) as usize;
                (0..n)
                    .map(|_| words[(next() % words.len() as u64) as usize])
                    .collect::<Vec<_>>()
                    .join(if next() % 3 == 0 { "-" } else { " " })
            })
            .collect();
        let idx = TitleIndex::new(titles.iter().map(String::as_str));
        let queries = [
            "lbcrl",
            "lb",
            "lib",
            "libc",
            "pol",
            "debian poli",
            "bb",
            "ab",
            "xy",
            "x_y",
            "Py",
            "kmod",
            "fb",
            "日",
            "3.1",
            "ll",
            "cc",
            "abc",
            "lbl",
            "pkgcfg",
        ];
        for q in queries {
            let cs = super::super::is_case_sensitive(q);
            let terms: Vec<TitleTerm> = q
                .split_whitespace()
                .map(|t| TitleTerm::new(t, cs))
                .collect();
            for (id, title) in titles.iter().enumerate() {
                let bound = idx.prefilter(&titles, id, &terms, cs);
                let exact = idx.score(&titles, id, &terms, cs);
                assert_eq!(bound.is_some(), exact.is_some(), "{q:?} on {title:?}");
                if let (Some(b), Some(e)) = (bound, exact) {
                    assert!(b >= e, "{q:?} on {title:?}: bound {b} < score {e}");
                }
            }
        }
    }

    #[test]
    fn titles_are_put_back_from_the_lowercased_copy() {
        let words = [
            "Py", "ssl", "ÉTÉ", "été", "x_Y", "KERNEL", "日本", "", "a", "BiB",
        ];
        let mut titles: Vec<String> = (0..300)
            .map(|i| {
                (0..i % 23)
                    .map(|k| words[(i * 7 + k * 3) % words.len()])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        // Longer than the stack buffer: read from the titles.
        titles.push("Ab".repeat(HAY_BUF));
        let idx = TitleIndex::new(titles.iter().map(String::as_str));
        for (id, title) in titles.iter().enumerate() {
            let mut buf = [0; HAY_BUF];
            assert_eq!(
                idx.original_hay(&titles, id, &mut buf),
                Some(title.as_bytes())
            );
            assert_eq!(idx.lower(id), Some(title.to_ascii_lowercase().as_bytes()));
            let upper = title.starts_with(|c: char| c.is_ascii_uppercase());
            assert_eq!(idx.first_is_upper(id), upper, "{title:?}");
        }
    }

    #[test]
    fn fresh_matrix_scores_do_not_depend_on_the_previous_title() {
        let titles = ["ab", "xab", "a-b c", "ab"];
        let idx = index(&titles);
        let titles = &titles;
        let terms = [TitleTerm::new("ab", false)];
        let first = idx.score(titles, 0, &terms, false);
        let _ = idx.score(titles, 2, &terms, false);
        let _ = idx.score(titles, 1, &terms, false);
        assert_eq!(idx.score(titles, 3, &terms, false), first);
    }
}
