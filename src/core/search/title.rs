//! Fuzzy title search. `fuzzy-matcher`'s SkimMatcherV2 scores rank the results; three cheap
//! steps keep it from scoring every title on every keystroke:
//!
//! 1. prefilter: a per-title character-class mask, then an exact subsequence test with memchr
//!    over one contiguous copy of all titles (ASCII-lowercased, as the matcher folds case);
//! 2. bound: an upper bound of the SkimMatcherV2 score from per-title features (first char,
//!    chars at word starts), like fzf's cheap V1 pass before its full scoring;
//! 3. top-k: candidates are scored exactly in bound order, in parallel batches, and scoring stops
//!    as soon as no remaining candidate can beat the k-th best score.
//!
//! Why the bound holds (fuzzy-matcher 0.3.7, `skim.rs`, with a fresh score matrix per call): the
//! first pattern char scores `16 + B[j] - 1` where `B[j]` is the in-place bonus of title char j
//! (8 at a word start, 7 after punctuation, 6 at a camel hump, doubled to 16 on the first char);
//! each later char scores at most `16 + max(B[j], 4)` when adjacent to the previous match and
//! `16 + B[j] - 4` after a gap. So `15 + b0 + sum(16 + (8 if a bonus position holds it else 4))`
//! bounds the score, with `b0` 16 when the title starts with the char, 8 when a bonus position
//! holds it, else 0. The matcher's cached matrix would carry
//! bonus values from the previously scored title into the next (scores then depend on the order
//! titles were scored in, and the bound above would not hold); `use_cache(false)` panics (a double RefCell borrow), so each
//! scoring gets a fresh matcher instead.

use super::{rank_key, CancelFlag, TopK};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// Titles per parallel chunk in the prefilter.
const CHUNK: usize = 2048;
/// Candidates scored exactly per parallel batch once the top-k is full.
const BATCH: usize = 512;

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
    while p < pattern.len() {
        let Some(&lead) = pattern.get(p) else {
            return true;
        };
        let width = utf8_width(lead);
        let Some(encoded) = pattern.get(p..p + width) else {
            return false;
        };
        loop {
            let Some(rest) = hay.get(at..) else {
                return false;
            };
            let Some(found) = memchr::memchr(lead, rest) else {
                return false;
            };
            let start = at + found;
            if hay.get(start..start + width) == Some(encoded) {
                at = start + width;
                break;
            }
            at = start + 1;
        }
        p += width;
    }
    true
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

/// One space-separated term of a title query, prepared once per query.
pub(crate) struct TitleTerm {
    /// As typed (the matcher folds ASCII case itself when the query is case-insensitive).
    pub text: String,
    /// What the prefilter looks for: `text`, ASCII-lowercased unless case-sensitive.
    needle: Vec<u8>,
    mask: u64,
    first: char,
    first_bit: u64,
    /// Class bits of the chars after the first.
    rest_bits: Vec<u64>,
    /// The bound's part that does not depend on the title.
    base: i64,
}

impl TitleTerm {
    pub fn new(text: &str, case_sensitive: bool) -> TitleTerm {
        let folded = if case_sensitive {
            text.to_string()
        } else {
            text.to_ascii_lowercase()
        };
        let mut chars = folded.chars();
        let first = chars.next().unwrap_or('\0').to_ascii_lowercase();
        let rest_bits: Vec<u64> = chars.map(char_bit).collect();
        let mask = folded.chars().fold(0, |m, c| m | char_bit(c));
        let rest_len = i64::try_from(rest_bits.len()).unwrap_or(i64::MAX / 64);
        TitleTerm {
            text: text.to_string(),
            needle: folded.into_bytes(),
            mask,
            first,
            first_bit: char_bit(first),
            rest_bits,
            base: 15 + 20 * rest_len,
        }
    }
}

/// All titles, prepared for fuzzy search.
pub(crate) struct TitleIndex {
    /// Every title, concatenated.
    titles: String,
    /// ASCII-lowercased copy of `titles` (same offsets).
    lower: Vec<u8>,
    /// Title `i` is `offsets[i]..offsets[i + 1]`.
    offsets: Vec<usize>,
    /// ASCII-lowercased first char of each title (`'\0'` when empty).
    first: Vec<char>,
    /// Classes of the chars at SkimMatcherV2 bonus positions.
    heads: Vec<u64>,
    /// Classes of all chars.
    present: Vec<u64>,
}

impl TitleIndex {
    pub fn new<'a>(titles: impl Iterator<Item = &'a str>) -> TitleIndex {
        let mut all = String::new();
        let mut offsets = vec![0];
        let mut first = Vec::new();
        let mut heads = Vec::new();
        let mut present = Vec::new();
        for title in titles {
            all.push_str(title);
            offsets.push(all.len());
            first.push(title.chars().next().unwrap_or('\0').to_ascii_lowercase());
            let mut prev = CharType::Empty;
            let mut head_mask = 0;
            let mut all_mask = 0;
            for c in title.chars() {
                let kind = char_type(c);
                let bit = char_bit(c);
                if has_bonus(prev, kind) {
                    head_mask |= bit;
                }
                all_mask |= bit;
                prev = kind;
            }
            heads.push(head_mask);
            present.push(all_mask);
        }
        let lower = all.as_bytes().to_ascii_lowercase();
        TitleIndex {
            titles: all,
            lower,
            offsets,
            first,
            heads,
            present,
        }
    }

    pub fn len(&self) -> usize {
        self.first.len()
    }

    fn range(&self, id: usize) -> Option<std::ops::Range<usize>> {
        Some(*self.offsets.get(id)?..*self.offsets.get(id + 1)?)
    }

    pub fn title(&self, id: usize) -> &str {
        self.range(id)
            .and_then(|r| self.titles.get(r))
            .unwrap_or("")
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
    fn prefilter(&self, id: usize, terms: &[TitleTerm], case_sensitive: bool) -> Option<i64> {
        let present = *self.present.get(id)?;
        if terms.iter().any(|t| present & t.mask != t.mask) {
            return None;
        }
        let range = self.range(id)?;
        let hay = if case_sensitive {
            self.titles.as_bytes().get(range)?
        } else {
            self.lower.get(range)?
        };
        if !terms.iter().all(|t| is_subsequence(hay, &t.needle)) {
            return None;
        }
        let heads = *self.heads.get(id)?;
        let first = *self.first.get(id)?;
        let mut bound = 0;
        for term in terms {
            bound += term.base;
            bound += if term.first == first {
                16
            } else if heads & term.first_bit != 0 {
                8
            } else {
                0
            };
            bound += 4 * term.rest_bits.iter().filter(|&&b| heads & b != 0).count() as i64;
        }
        Some(bound)
    }

    /// Exact summed score of `terms` on title `id` (None if a term does not match).
    pub fn score(&self, id: usize, terms: &[TitleTerm], case_sensitive: bool) -> Option<i64> {
        let title = self.title(id);
        let matcher = self.matcher(case_sensitive);
        terms
            .iter()
            .map(|t| matcher.fuzzy_match(title, &t.text))
            .sum()
    }

    /// Matched char positions of every term in title `id`, sorted and deduplicated.
    pub fn positions(&self, id: usize, terms: &[TitleTerm], case_sensitive: bool) -> Vec<usize> {
        let title = self.title(id);
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
        candidates: Option<&[usize]>,
        terms: &[TitleTerm],
        case_sensitive: bool,
        cancel: &AtomicBool,
    ) -> Option<Vec<(usize, i64)>> {
        let cancelled = CancelFlag::new(cancel);
        let keep = |id: usize| self.prefilter(id, terms, case_sensitive).map(|b| (id, b));
        let parts: Vec<Vec<(usize, i64)>> = match candidates {
            Some(list) => list
                .par_chunks(CHUNK)
                .map(|chunk| {
                    if cancelled.check() {
                        return Vec::new();
                    }
                    chunk.iter().filter_map(|&id| keep(id)).collect()
                })
                .collect(),
            None => {
                let n = self.len();
                (0..n.div_ceil(CHUNK))
                    .into_par_iter()
                    .map(|c| {
                        if cancelled.check() {
                            return Vec::new();
                        }
                        (c * CHUNK..((c + 1) * CHUNK).min(n))
                            .filter_map(keep)
                            .collect()
                    })
                    .collect()
            }
        };
        if cancelled.check() {
            return None;
        }
        Some(parts.concat())
    }

    /// The `limit` best `(score, id)` among `survivors` (from [`TitleIndex::survivors`]),
    /// best first (score descending, then id ascending). Stops early when cancelled.
    pub fn top(
        &self,
        survivors: &[(usize, i64)],
        terms: &[TitleTerm],
        case_sensitive: bool,
        limit: usize,
        cancel: &AtomicBool,
    ) -> Vec<(i64, usize)> {
        let order = order_by_bound(survivors);
        let mut top = TopK::new(limit);
        let mut pos = 0;
        while pos < order.len() && !cancel.load(Ordering::Relaxed) {
            let batch = if top.is_full() { BATCH } else { limit.max(64) };
            let end = (pos + batch).min(order.len());
            let Some(slice) = order.get(pos..end) else {
                break;
            };
            let floor = top.floor();
            // Candidates that cannot beat the current k-th best are skipped; the first one
            // that cannot ends the search, since the rest are bounded lower.
            let stop = slice
                .iter()
                .position(|&(id, bound)| !can_enter(floor, bound, id))
                .map(|p| pos + p);
            let scoring = order.get(pos..stop.unwrap_or(end)).unwrap_or(&[]);
            let scored: Vec<(i64, usize)> = scoring
                .par_iter()
                .filter_map(|&(id, _)| self.score(id, terms, case_sensitive).map(|s| (s, id)))
                .collect();
            for (score, id) in scored {
                top.push(score, id);
            }
            if stop.is_some() {
                break;
            }
            pos = end;
        }
        top.into_sorted()
    }
}

/// Whether a candidate with this bound and id could still enter a top-k whose worst kept entry
/// is `floor` (None: not full yet).
fn can_enter(floor: Option<(i64, usize)>, bound: i64, id: usize) -> bool {
    match floor {
        None => true,
        Some(worst) => rank_key(bound, id) > rank_key(worst.0, worst.1),
    }
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
            let survivors = idx.survivors(None, &terms, cs, &never).unwrap_or_default();
            for (id, title) in titles.iter().enumerate() {
                let exact = idx.score(id, &terms, cs);
                let bound = survivors.iter().find(|s| s.0 == id).map(|s| s.1);
                assert_eq!(exact.is_some(), bound.is_some(), "{q:?} on {title:?}");
                if let (Some(e), Some(b)) = (exact, bound) {
                    assert!(b >= e, "{q:?} on {title:?}: bound {b} < score {e}");
                }
            }
        }
    }

    #[test]
    fn fresh_matrix_scores_do_not_depend_on_the_previous_title() {
        let idx = index(&["ab", "xab", "a-b c", "ab"]);
        let terms = [TitleTerm::new("ab", false)];
        let first = idx.score(0, &terms, false);
        let _ = idx.score(2, &terms, false);
        let _ = idx.score(1, &terms, false);
        assert_eq!(idx.score(3, &terms, false), first);
    }
}
