//! Word/substring search over article bodies: smart case, every term required, ranked.
//!
//! Bodies are searched in place, in `Article::text`: a case-insensitive term is a byte regex
//! matching each char in either case (the `regex` crate finds such literals with its SIMD
//! multi-literal prefilter, about 1.6x the time of memmem over a folded copy, where a scan for
//! a rare byte in both cases then a check was 4-6x). A folded copy of every body would double
//! the arena (93 MB at 100k articles). Titles and headings, which only raise the score of the
//! articles whose body holds the terms, are folded when scored: an ASCII title is the title
//! index's lowercased copy as is, the others and the headings are folded then (issue 6).

use super::title::TitleIndex;
use super::{id_tie, rank_key, CancelFlag, TopK};
use crate::core::article::{Article, Block, BlockKind};
use memchr::memmem::Finder;
use rayon::prelude::*;
use regex::bytes::{Regex, RegexBuilder};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

const CHUNK: usize = 512;
const BATCH: usize = 256;
/// Occurrences of a term looked at per article when choosing the hit's sentence.
const MAX_OCCURRENCES: usize = 2000;

/// Articles ahead of the one being scanned whose text start is prefetched.
const PREFETCH_AHEAD: usize = 8;

/// Start loading the first cache lines of `bytes`. Each article's arena is its own allocation,
/// so a scan over 100k of them waits on memory at every article start (the scan took twice
/// the time of one over a contiguous copy); prefetching a few articles ahead hides that wait.
fn prefetch(bytes: &[u8]) {
    #[cfg(target_arch = "x86_64")]
    for line in bytes.chunks(64).take(16) {
        // SAFETY: a prefetch is only a hint to the cache: it reads nothing and never faults.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                line.as_ptr().cast(),
            );
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = bytes;
}

/// Ranking weights: title hits > heading hits > all terms in one sentence > in one block.
pub(crate) const TITLE_BONUS: i64 = 400;
pub(crate) const HEADING_ALL_BONUS: i64 = 200;
pub(crate) const HEADING_SOME_BONUS: i64 = 100;
pub(crate) const SENTENCE_BONUS: i64 = 60;
pub(crate) const BLOCK_BONUS: i64 = 30;

/// Lowercase `text` char by char into `out`, keeping every char's UTF-8 length (a char whose
/// lowercase has another length, or several chars, is kept as is), so offsets stay valid.
/// ASCII runs are copied and lowercased in bulk: event search folds every event's haystack
/// per query (issue 6), and a char at a time took 6 times as long.
pub(crate) fn fold_into(out: &mut Vec<u8>, text: &str) {
    let mut rest = text;
    loop {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let Some((run, tail)) = rest.split_at_checked(ascii) else {
            return;
        };
        let from = out.len();
        out.extend_from_slice(run.as_bytes());
        if let Some(copied) = out.get_mut(from..) {
            copied.make_ascii_lowercase();
        }
        let mut chars = tail.chars();
        let Some(c) = chars.next() else {
            return;
        };
        out.extend_from_slice(fold_char(c).encode_utf8(&mut [0u8; 4]).as_bytes());
        rest = chars.as_str();
    }
}

/// The char `c` folds to (see [`fold_into`]).
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// A byte regex matching `term` where [`fold`] would: ASCII letters in either case, other
/// chars as their folded form or its uppercase (when that folds back to it, same length).
fn folded_term_regex(term: &str) -> Option<Regex> {
    let mut pattern = String::with_capacity(term.len() * 2);
    for c in term.chars() {
        let folded = fold_char(c);
        if folded.is_ascii() {
            pattern.push_str(&regex::escape(folded.encode_utf8(&mut [0u8; 4])));
            continue;
        }
        let mut variants = vec![folded];
        let mut upper = folded.to_uppercase();
        if let (Some(u), None) = (upper.next(), upper.next()) {
            if u != folded && fold_char(u) == folded {
                variants.push(u);
            }
        }
        pattern.push_str("(?:");
        for (i, v) in variants.iter().enumerate() {
            if i > 0 {
                pattern.push('|');
            }
            for byte in v.encode_utf8(&mut [0u8; 4]).bytes() {
                pattern.push_str(&format!("\\x{byte:02X}"));
            }
        }
        pattern.push(')');
    }
    // ASCII-only case folding (`-u`): the non-ASCII variants are spelled out above, so the
    // regex keeps `fold`'s rule (no Kelvin sign for `k`) and stays a set of plain literals.
    RegexBuilder::new(&pattern)
        .case_insensitive(true)
        .unicode(false)
        .build()
        .ok()
}

pub(crate) fn fold(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// End of the block part of an article's arena (dropped lines come after it), and whether it
/// has a heading.
fn blocks_end_and_headings(article: &Article) -> (usize, bool) {
    let (mut end, mut headings) = (0, false);
    for block in article.blocks() {
        end = end.max(block.text_range().end);
        headings |= is_heading(block.kind);
    }
    (end.min(article.text().len()), headings)
}

/// Query terms prepared for substring search.
pub(crate) struct Terms {
    pub case_sensitive: bool,
    /// Folded unless case-sensitive.
    pub needles: Vec<Vec<u8>>,
    /// The needles, for folded haystacks (or original ones when case-sensitive).
    finders: Vec<Finder<'static>>,
    /// Case-insensitive only: each term as a regex over original text (bodies).
    in_original: Vec<Regex>,
}

impl Terms {
    pub fn new(query: &str, case_sensitive: bool) -> Terms {
        let needles: Vec<Vec<u8>> = query
            .split_whitespace()
            .map(|t| {
                if case_sensitive {
                    t.as_bytes().to_vec()
                } else {
                    fold(t)
                }
            })
            .collect();
        let finders = needles
            .iter()
            .map(|n| Finder::new(n.as_slice()).into_owned())
            .collect();
        let in_original = if case_sensitive {
            Vec::new()
        } else {
            query
                .split_whitespace()
                .filter_map(folded_term_regex)
                .collect()
        };
        Terms {
            case_sensitive,
            needles,
            finders,
            in_original,
        }
    }

    /// Every term is in `body`, an article's original text (folded matching unless the query
    /// is case-sensitive).
    pub fn all_in_body(&self, body: &[u8]) -> bool {
        if self.case_sensitive {
            self.all_in(body)
        } else {
            self.in_original.len() == self.needles.len()
                && self.in_original.iter().all(|r| r.is_match(body))
        }
    }

    /// Where term `t` occurs in `body` (original text), at most `max` times, in order.
    fn occurrences_in_body(&self, t: usize, body: &[u8], max: usize) -> Vec<Range<usize>> {
        if self.case_sensitive {
            let (Some(finder), Some(needle)) = (self.finders.get(t), self.needles.get(t)) else {
                return Vec::new();
            };
            finder
                .find_iter(body)
                .take(max)
                .map(|at| at..at + needle.len())
                .collect()
        } else {
            self.in_original.get(t).map_or_else(Vec::new, |r| {
                r.find_iter(body).take(max).map(|m| m.range()).collect()
            })
        }
    }

    pub fn all_in(&self, hay: &[u8]) -> bool {
        self.finders.iter().all(|f| f.find(hay).is_some())
    }

    fn any_in(&self, hay: &[u8]) -> bool {
        self.finders.iter().any(|f| f.find(hay).is_some())
    }
}

/// What body search keeps beside the articles: where each article's block text ends (bodies
/// are searched in `Article::text`, titles and headings folded when scored) and which articles
/// have headings.
pub(crate) struct BodyIndex {
    /// End of each article's block text in its arena (found once: it walks every block), `u32`
    /// as the model's offsets (see `article::Block`).
    body_ends: Vec<u32>,
    /// A bit per article: it has a heading. A frequent term is in nearly every body; walking
    /// the blocks of each for its heading bonus cost more than the scan (issue 6), so the bonus
    /// is assumed whole for an article with headings and looked at only when it could rank.
    with_headings: Vec<u64>,
}

impl BodyIndex {
    pub fn new(articles: &[Article]) -> BodyIndex {
        let walked: Vec<(u32, bool)> = articles
            .par_iter()
            .map(|a| {
                let (end, headings) = blocks_end_and_headings(a);
                (u32::try_from(end).unwrap_or(u32::MAX), headings)
            })
            .collect();
        let mut with_headings = vec![0u64; walked.len().div_ceil(64)];
        for (id, _) in walked.iter().enumerate().filter(|(_, (_, h))| *h) {
            if let Some(word) = with_headings.get_mut(id / 64) {
                *word |= 1 << (id % 64);
            }
        }
        BodyIndex {
            body_ends: walked.into_iter().map(|(end, _)| end).collect(),
            with_headings,
        }
    }

    fn has_headings(&self, id: usize) -> bool {
        self.with_headings
            .get(id / 64)
            .is_some_and(|word| word & (1 << (id % 64)) != 0)
    }

    pub fn len(&self) -> usize {
        self.body_ends.len()
    }

    /// Heap bytes of each part (capacities).
    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("body: body ends", super::title::vec_bytes(&self.body_ends)),
            (
                "body: heading bits",
                super::title::vec_bytes(&self.with_headings),
            ),
        ]
    }

    /// The block text of article `id`, as is: what a body query must all be in.
    fn body<'a>(&self, article: &'a Article, id: usize) -> &'a [u8] {
        let end = self
            .body_ends
            .get(id)
            .and_then(|&end| usize::try_from(end).ok())
            .unwrap_or(0);
        // `end` is at most `text().len()` (see `new`), so this is the block text.
        article.arena_prefix(end)
    }

    /// The title bonus, matched folded unless the query is case-sensitive.
    fn title_bonus(&self, article: &Article, titles: &TitleIndex, id: usize, terms: &Terms) -> i64 {
        let hit = if terms.case_sensitive {
            terms.all_in(article.title().as_bytes())
        } else {
            // `fold` of an ASCII title is its ASCII lowercase: the title index has it.
            match titles.lower(id) {
                Some(lower) if lower.is_ascii() => terms.all_in(lower),
                _ => terms.all_in(&fold(article.title())),
            }
        };
        if hit {
            TITLE_BONUS
        } else {
            0
        }
    }

    /// What the score of article `id` can reach before its headings are looked at: the sentence
    /// bonus, its title bonus, and the whole heading bonus when it has headings.
    fn upper_bound(&self, article: &Article, titles: &TitleIndex, id: usize, terms: &Terms) -> i64 {
        let headings = if self.has_headings(id) {
            HEADING_ALL_BONUS
        } else {
            0
        };
        SENTENCE_BONUS + self.title_bonus(article, titles, id, terms) + headings
    }

    /// `upper` (from [`Self::upper_bound`]) with the heading bonus the article's headings give
    /// instead of the whole one (matched folded unless the query is case-sensitive): what the
    /// score reaches when a sentence holds every term.
    fn exact_bound(&self, article: &Article, id: usize, upper: i64, terms: &Terms) -> i64 {
        if !self.has_headings(id) {
            return upper;
        }
        let bound = upper - HEADING_ALL_BONUS;
        let headings = article
            .blocks()
            .filter(|b| is_heading(b.kind))
            .map(|b| article.block_text(&b));
        if terms.case_sensitive {
            return bound + heading_bonus(headings.map(str::as_bytes), terms);
        }
        let mut folded = Vec::new();
        let mut bonus = 0;
        for heading in headings {
            folded.clear();
            fold_into(&mut folded, heading);
            // As one `\n`-joined haystack of every heading would be split.
            match heading_bonus(folded.split(|&b| b == b'\n'), terms) {
                HEADING_ALL_BONUS => return bound + HEADING_ALL_BONUS,
                some => bonus = bonus.max(some),
            }
        }
        bound + bonus
    }

    /// Articles among `candidates` (all when `None`) holding every term in their block text,
    /// with their [`Self::upper_bound`], in id order. `None` when cancelled.
    pub fn survivors(
        &self,
        articles: &[Article],
        titles: &TitleIndex,
        candidates: Option<&[usize]>,
        terms: &Terms,
        cancel: &AtomicBool,
    ) -> Option<Vec<(usize, i64)>> {
        let cancelled = CancelFlag::new(cancel);
        let keep = |id: usize| {
            let article = articles.get(id)?;
            terms
                .all_in_body(self.body(article, id))
                .then(|| (id, self.upper_bound(article, titles, id, terms)))
        };
        let chunk_of = |ids: &[usize]| -> Vec<(usize, i64)> {
            if cancelled.check() {
                return Vec::new();
            }
            ids.iter()
                .enumerate()
                .filter_map(|(k, &id)| {
                    if let Some(&ahead) = ids.get(k + PREFETCH_AHEAD) {
                        if let Some(article) = articles.get(ahead) {
                            prefetch(self.body(article, ahead));
                        }
                    }
                    keep(id)
                })
                .collect()
        };
        let parts: Vec<Vec<(usize, i64)>> = match candidates {
            Some(list) => list.par_chunks(CHUNK).map(chunk_of).collect(),
            None => {
                let n = self.len().min(articles.len());
                (0..n.div_ceil(CHUNK))
                    .into_par_iter()
                    .map(|c| chunk_of(&(c * CHUNK..((c + 1) * CHUNK).min(n)).collect::<Vec<_>>()))
                    .collect()
            }
        };
        if cancelled.check() {
            return None;
        }
        Some(parts.concat())
    }

    /// The `limit` best hits among `survivors`, best first: in the order of their upper bounds,
    /// each batch's headings looked at, then the articles that can still rank scored, until no
    /// upper bound left can beat the last kept hit.
    pub fn top(
        &self,
        articles: &[Article],
        survivors: &[(usize, i64)],
        terms: &Terms,
        limit: usize,
        cancel: &AtomicBool,
    ) -> Vec<(i64, usize, BodyMatch)> {
        let order = by_bound_descending(survivors);
        let mut top: TopK<(usize, BodyMatch)> = TopK::new(limit);
        let beaten = |floor: Option<(i64, u64)>, bound: i64, id: usize| {
            floor.is_some_and(|(s, t)| rank_key(bound, id_tie(id)) <= rank_key(s, t))
        };
        let mut pos = 0;
        while pos < order.len() && !cancel.load(Ordering::Relaxed) {
            let end = (pos + if top.is_full() { BATCH } else { limit.max(32) }).min(order.len());
            let floor = top.floor();
            let slice = order.get(pos..end).unwrap_or(&[]);
            let stop = slice
                .iter()
                .position(|&(id, upper)| beaten(floor, upper, id))
                .map(|p| pos + p);
            let scoring = order.get(pos..stop.unwrap_or(end)).unwrap_or(&[]);
            let scored: Vec<(i64, usize, BodyMatch)> = scoring
                .par_iter()
                .filter_map(|&(id, upper)| {
                    let article = articles.get(id)?;
                    let bound = self.exact_bound(article, id, upper, terms);
                    if beaten(floor, bound, id) {
                        return None;
                    }
                    let found = self.best_match(article, id, terms)?;
                    let score = bound - SENTENCE_BONUS + found.proximity;
                    Some((score, id, found))
                })
                .collect();
            for (score, id, found) in scored {
                top.push_with(score, id_tie(id), (id, found));
            }
            if stop.is_some() {
                break;
            }
            pos = end;
        }
        top.into_sorted_with()
            .into_iter()
            .map(|(score, _, (id, found))| (score, id, found))
            .collect()
    }

    /// Where to point for article `id`: the first sentence holding every term, else the first
    /// block holding every term, else the first occurrence of the first term.
    fn best_match(&self, article: &Article, id: usize, terms: &Terms) -> Option<BodyMatch> {
        let body = self.body(article, id);
        let text = article.text();
        // Anchor on the term with the fewest occurrences (counting a term's stops where it is
        // no longer the fewest: `p` is in a body thousands of times).
        let mut anchor: Option<Vec<Range<usize>>> = None;
        for t in 0..terms.needles.len() {
            let most = anchor.as_ref().map_or(MAX_OCCURRENCES, Vec::len);
            let found = terms.occurrences_in_body(t, body, most);
            if anchor.is_none() || found.len() < most {
                anchor = Some(found);
            }
        }
        let occurrences = anchor?;
        let mut in_block: Option<BodyMatch> = None;
        // Occurrences come in text order, as blocks do: one walk over the blocks finds each
        // occurrence's block.
        let mut blocks = article.blocks().map(Block::text_range).peekable();
        for matched in occurrences {
            while blocks.next_if(|b| b.end <= matched.start).is_some() {}
            let Some(block) = blocks.peek().filter(|b| b.start <= matched.start).cloned() else {
                continue;
            };
            let sentence = sentence_range(text, block.clone(), matched.clone());
            let all_in =
                |r: &Range<usize>| body.get(r.clone()).is_some_and(|s| terms.all_in_body(s));
            if all_in(&sentence) {
                return Some(BodyMatch {
                    proximity: SENTENCE_BONUS,
                    sentence,
                    matched,
                });
            }
            if in_block.is_none() && all_in(&block) {
                in_block = Some(BodyMatch {
                    proximity: BLOCK_BONUS,
                    sentence,
                    matched,
                });
            }
        }
        if in_block.is_some() {
            return in_block;
        }
        // Terms scattered over blocks: point at the first term's first occurrence.
        let matched = terms.occurrences_in_body(0, body, 1).pop()?;
        let block = block_at(article, matched.start)?;
        Some(BodyMatch {
            proximity: 0,
            sentence: sentence_range(text, block, matched.clone()),
            matched,
        })
    }
}

/// `survivors` (in id order) from the highest bound down, ids ascending within a bound. Bounds
/// are sums of a few bonuses, so there are few distinct ones: one pass per bound instead of
/// sorting 100k survivors for a frequent term.
fn by_bound_descending(survivors: &[(usize, i64)]) -> Vec<(usize, i64)> {
    const FEW: usize = 16;
    let mut bounds: Vec<i64> = Vec::with_capacity(FEW);
    for &(_, bound) in survivors {
        if !bounds.contains(&bound) {
            if bounds.len() == FEW {
                let mut order = survivors.to_vec();
                order.sort_by_key(|&(_, b)| std::cmp::Reverse(b));
                return order;
            }
            bounds.push(bound);
        }
    }
    bounds.sort_unstable_by(|a, b| b.cmp(a));
    let mut order = Vec::with_capacity(survivors.len());
    for bound in bounds {
        order.extend(survivors.iter().filter(|&&(_, b)| b == bound));
    }
    order
}

/// Where a body hit points, in `Article::text`.
#[derive(Debug, Clone)]
pub(crate) struct BodyMatch {
    pub proximity: i64,
    pub sentence: Range<usize>,
    pub matched: Range<usize>,
}

fn is_heading(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::Heading(_))
}

fn heading_bonus<'a>(headings: impl Iterator<Item = &'a [u8]>, terms: &Terms) -> i64 {
    let mut bonus = 0;
    for heading in headings {
        if terms.all_in(heading) {
            return HEADING_ALL_BONUS;
        }
        if terms.any_in(heading) {
            bonus = HEADING_SOME_BONUS;
        }
    }
    bonus
}

/// The text range of the block holding byte `at` of the arena.
fn block_at(article: &Article, at: usize) -> Option<Range<usize>> {
    article
        .blocks()
        .map(Block::text_range)
        .find(|text| text.start <= at && at < text.end)
}

/// Sentence terminators; ASCII and `…` end a sentence only before whitespace or the block's end
/// (so `2.4.10`, `e.g.x` and URLs do not split), the CJK ones anywhere.
fn terminator(c: char) -> Option<bool> {
    match c {
        '.' | '!' | '?' | '…' => Some(true),
        '。' | '！' | '？' => Some(false),
        _ => None,
    }
}

/// The sentence around `matched` within `block` (ranges of `text`): from just after the last
/// terminator before the match to the first terminator after it (included), trimmed.
pub fn sentence_range(text: &str, block: Range<usize>, matched: Range<usize>) -> Range<usize> {
    let Some(block_text) = text.get(block.clone()) else {
        return matched;
    };
    let rel_start = matched
        .start
        .saturating_sub(block.start)
        .min(block_text.len());
    let rel_end = matched
        .end
        .saturating_sub(block.start)
        .clamp(rel_start, block_text.len());
    let ends_here = |i: usize, c: char| -> bool {
        match terminator(c) {
            Some(true) => block_text
                .get(i + c.len_utf8()..)
                .is_none_or(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace)),
            Some(false) => true,
            None => false,
        }
    };
    let mut start = 0;
    if let Some(before) = block_text.get(..rel_start) {
        for (i, c) in before.char_indices().rev() {
            if ends_here(i, c) {
                start = i + c.len_utf8();
                break;
            }
        }
    }
    let mut end = block_text.len();
    if let Some(after) = block_text.get(rel_end..) {
        for (i, c) in after.char_indices() {
            if ends_here(rel_end + i, c) {
                end = rel_end + i + c.len_utf8();
                break;
            }
        }
    }
    let slice = block_text.get(start..end).unwrap_or("");
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let (s, e) = (start + lead, end.saturating_sub(trail).max(start + lead));
    block.start + s..block.start + e
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `fold_into` does, a char at a time.
    fn fold_plain(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for c in text.chars() {
            out.extend_from_slice(fold_char(c).encode_utf8(&mut [0u8; 4]).as_bytes());
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn fold_agrees_with_folding_char_by_char(text in "(?s).{0,40}", ascii in "[ -~]{0,40}") {
            let mixed = format!("{ascii}{text}{ascii}");
            for t in [text.as_str(), ascii.as_str(), mixed.as_str()] {
                proptest::prop_assert_eq!(fold(t), fold_plain(t));
            }
        }
    }

    #[test]
    fn fold_keeps_offsets() {
        let text = "Éric À PARIS İstanbul ΣΟΦΙΑ";
        let folded = fold(text);
        assert_eq!(folded.len(), text.len());
        assert_eq!(
            String::from_utf8_lossy(&folded),
            "éric à paris İstanbul σοφια"
        );
    }

    #[test]
    fn terms_match_original_bodies_as_fold_would() {
        let body = "Éric À PARIS, C++ (v2.0) und STRASSE; ΣΟΦΙΑ; k with a Kelvin sign \u{212a}";
        let found = |query: &str| {
            let terms = Terms::new(query, false);
            (0..terms.needles.len())
                .map(|t| {
                    terms
                        .occurrences_in_body(t, body.as_bytes(), 10)
                        .into_iter()
                        .map(|r| body.get(r).unwrap_or("?").to_string())
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(found("éric à"), [vec!["Éric"], vec!["À"]]);
        assert_eq!(
            found("paris c++ (v2.0)"),
            [vec!["PARIS"], vec!["C++"], vec!["(v2.0)"]]
        );
        assert_eq!(found("σοφια strasse"), [vec!["ΣΟΦΙΑ"], vec!["STRASSE"]]);
        // `fold` keeps the Kelvin sign (its lowercase is shorter): so does the body search.
        assert_eq!(found("k"), [vec!["k", "K"]]);
        assert!(Terms::new("éric paris", false).all_in_body(body.as_bytes()));
        assert!(!Terms::new("éric lyon", false).all_in_body(body.as_bytes()));
        assert!(!Terms::new("x.y", false).all_in_body(b"xzy"));
        // Case-sensitive (an uppercase letter): exact bytes.
        assert!(Terms::new("PARIS", true).all_in_body(body.as_bytes()));
        assert!(!Terms::new("Paris", true).all_in_body(body.as_bytes()));
    }

    #[test]
    fn sentence_is_between_terminators() {
        let text = "First one. Version 2.4.10 is out! Third sentence here";
        let at = text.find("2.4").unwrap_or(0);
        let r = sentence_range(text, 0..text.len(), at..at + 3);
        assert_eq!(&text[r], "Version 2.4.10 is out!");
        let at = text.find("Third").unwrap_or(0);
        let r = sentence_range(text, 0..text.len(), at..at + 5);
        assert_eq!(&text[r], "Third sentence here");
        let cjk = "最初の文。日本語の文です。";
        let at = cjk.find("日本").unwrap_or(0);
        let r = sentence_range(cjk, 0..cjk.len(), at..at + 6);
        assert_eq!(&cjk[r], "日本語の文です。");
    }
}
