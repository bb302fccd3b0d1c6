//! SkimMatcherV2's score (fuzzy-matcher 0.3.7, `SkimMatcherV2::fuzzy` without positions),
//! re-implemented step for step over reused buffers. fuzzy-matcher allocates its char vectors
//! and, for a fresh score matrix, a whole matcher per call; this copy costs a fraction of that,
//! so the title search runs it on the candidates its cheap bound cannot rule out, then ranks
//! the top k with fuzzy-matcher itself. Tests check both give the same score on every title.
//!
//! Hand-written because the crate exposes no allocation-free scorer; the quirks are kept on
//! purpose (two reused rows, the bonus read from the previous column of the current row), so
//! the scores are fuzzy-matcher's, not an idealised alignment score.

use std::cell::RefCell;

const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const PENALTY_CASE_MISMATCH: i32 = GAP_EXTENSION * 2;
const NEG_INFINITY: i32 = i16::MIN as i32;

#[derive(Clone, Copy)]
struct Cell {
    m_score: i32,
    p_score: i32,
    bonus: i32,
}

const RESET: Cell = Cell {
    m_score: NEG_INFINITY,
    p_score: NEG_INFINITY,
    bonus: 0,
};

#[derive(Default)]
struct Buffers {
    choice: Vec<char>,
    pattern: Vec<char>,
    first_match: Vec<usize>,
    bonus: Vec<i32>,
    cells: Vec<Cell>,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

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

fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    match (prev, cur) {
        (CharType::Empty | CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower | CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

fn chars_equal(a: char, b: char, case_sensitive: bool) -> bool {
    if case_sensitive {
        a == b
    } else {
        a.eq_ignore_ascii_case(&b)
    }
}

/// SkimMatcherV2's score of `pattern` in `choice` with an empty score matrix (what
/// `SkimMatcherV2::default().respect_case()` / `.ignore_case()` returns from `fuzzy_match`
/// the first time it is used), or `None` when `pattern` is not a subsequence.
pub fn score(choice: &str, pattern: &str, case_sensitive: bool) -> Option<i64> {
    if pattern.is_empty() {
        return Some(0);
    }
    BUFFERS.with(|cell| {
        let Ok(mut guard) = cell.try_borrow_mut() else {
            return None;
        };
        let b = &mut *guard;
        b.choice.clear();
        b.choice.extend(choice.chars());
        b.pattern.clear();
        b.pattern.extend(pattern.chars());
        score_in(b, case_sensitive).map(i64::from)
    })
}

fn score_in(b: &mut Buffers, case_sensitive: bool) -> Option<i32> {
    let Buffers {
        choice,
        pattern,
        first_match,
        bonus,
        cells,
    } = b;
    // The greedy first match of every pattern char (`cheap_matches`).
    first_match.clear();
    let mut next = pattern.iter().peekable();
    for (idx, &c) in choice.iter().enumerate() {
        match next.peek() {
            Some(&&p) if chars_equal(c, p, case_sensitive) => {
                first_match.push(idx);
                next.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    if next.peek().is_some() {
        return None;
    }
    let cols = choice.len() + 1;
    cells.clear();
    cells.resize(2 * cols, RESET);
    bonus.clear();
    bonus.resize(cols, 0);
    let mut prev = CharType::Empty;
    for (j, &c) in choice.iter().enumerate() {
        let kind = char_type(c);
        if let Some(slot) = bonus.get_mut(j + 1) {
            *slot = in_place_bonus(prev, kind);
        }
        prev = kind;
    }
    if let Some(first) = bonus.get_mut(1) {
        *first *= BONUS_FIRST_CHAR_MULTIPLIER;
    }
    // Row 0 starts as "nothing matched yet" (skip score -1).
    for cell in cells.iter_mut().take(cols) {
        *cell = Cell {
            p_score: GAP_EXTENSION,
            ..RESET
        };
    }
    let at = |row: usize, col: usize| row * cols + col;
    for (i, &p) in pattern.iter().enumerate() {
        let row = (i + 1) & 1;
        let row_prev = i & 1;
        let to_skip = *first_match.get(i)?;
        for (j, &c) in choice.iter().enumerate().skip(to_skip) {
            let col = j + 1;
            let (cur, last, prev) = (at(row, col), at(row, col - 1), at(row_prev, col - 1));
            let last_cell = *cells.get(last)?;
            let prev_cell = *cells.get(prev)?;
            let mut cur_cell = *cells.get(cur)?;
            if chars_equal(c, p, case_sensitive) {
                let matched = if !case_sensitive && p != c {
                    (SCORE_MATCH + PENALTY_CASE_MISMATCH).max(0)
                } else {
                    SCORE_MATCH
                };
                let in_place = *bonus.get(col)?;
                let consecutive = last_cell.bonus.max(in_place.max(BONUS_CONSECUTIVE));
                if let Some(l) = cells.get_mut(last) {
                    l.bonus = consecutive;
                }
                let via_match = prev_cell.m_score + consecutive;
                let via_skip = prev_cell.p_score + in_place;
                cur_cell.m_score = via_match.max(via_skip) + matched;
            } else {
                cur_cell.m_score = NEG_INFINITY;
                cur_cell.bonus = 0;
            }
            let last_cell = *cells.get(last)?;
            cur_cell.p_score = (GAP_START + GAP_EXTENSION + last_cell.m_score)
                .max(GAP_EXTENSION + last_cell.p_score);
            // `cur_cell.bonus` may have been set above via `last` only when cur == last,
            // which cannot happen; write the rest of the cell back.
            let slot = cells.get_mut(cur)?;
            slot.m_score = cur_cell.m_score;
            slot.p_score = cur_cell.p_score;
            if !chars_equal(c, p, case_sensitive) {
                slot.bonus = 0;
            }
        }
    }
    let last_row = pattern.len() & 1;
    let from = *first_match.last()?;
    (from..cols)
        .filter_map(|col| cells.get(at(last_row, col)).map(|c| c.m_score))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use fuzzy_matcher::FuzzyMatcher;

    fn library(choice: &str, pattern: &str, case_sensitive: bool) -> Option<i64> {
        let matcher = if case_sensitive {
            SkimMatcherV2::default().respect_case()
        } else {
            SkimMatcherV2::default().ignore_case()
        };
        matcher.fuzzy_match(choice, pattern)
    }

    #[test]
    fn same_scores_as_fuzzy_matcher() {
        let choices = [
            "python3-openssl - Python wrapper around the OpenSSL library",
            "openssl-asn1parse(1ssl) - ASN.1 parsing command",
            "New upstream release.",
            "kernel-module: fix memory leak in fooBar()",
            "aaa bbb aab abab a.b.c",
            "日本語 ドキュメント テスト",
            "Ünïcödé Straße ΣΟΦΙΑ",
            "",
            "x",
        ];
        let patterns = [
            "p",
            "py",
            "python",
            "ssl",
            "ss",
            "opssl",
            "new up",
            "aab",
            "abab",
            "ab",
            "bb",
            "a.b",
            "日本",
            "テスト",
            "straße",
            "Str",
            "SSL",
            "OpenSSL",
            "fb",
            "fooBar",
            "lk",
            "x",
            "xx",
        ];
        for choice in choices {
            for pattern in patterns {
                for cs in [false, true] {
                    assert_eq!(
                        score(choice, pattern, cs),
                        library(choice, pattern, cs),
                        "{pattern:?} in {choice:?} (case-sensitive: {cs})"
                    );
                }
            }
        }
    }
}
