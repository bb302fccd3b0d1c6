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

#[derive(Default)]
struct Buffers {
    choice: Vec<char>,
    pattern: Vec<char>,
    first_match: Vec<usize>,
    bonus: Vec<i32>,
    /// The two rows of the M (match) and P (skip) scores and of the carried bonus.
    m: [Vec<i32>; 2],
    p: [Vec<i32>; 2],
    carried: [Vec<i32>; 2],
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

/// A char of the choice or pattern: `u8` for ASCII text (no decoding), `char` otherwise.
trait Sym: Copy {
    fn kind(self) -> CharType;
    fn same(self, other: Self, case_sensitive: bool) -> bool;
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

impl Sym for char {
    fn kind(self) -> CharType {
        char_type(self)
    }
    fn same(self, other: char, case_sensitive: bool) -> bool {
        if case_sensitive {
            self == other
        } else {
            self.eq_ignore_ascii_case(&other)
        }
    }
}

/// `char_type` of every byte, computed at compile time (the scorer asks once per title byte).
const BYTE_TYPES: [CharType; 256] = {
    let mut table = [CharType::Lower; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            0 => CharType::Empty,
            b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => {
                CharType::HardSep
            }
            b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => CharType::SoftSep,
            b'0'..=b'9' => CharType::Number,
            b'A'..=b'Z' => CharType::Upper,
            _ => CharType::Lower,
        };
        b += 1;
    }
    table
};

impl Sym for u8 {
    fn kind(self) -> CharType {
        BYTE_TYPES[usize::from(self)]
    }
    fn same(self, other: u8, case_sensitive: bool) -> bool {
        if case_sensitive {
            self == other
        } else {
            self.eq_ignore_ascii_case(&other)
        }
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
        if choice.is_ascii() && pattern.is_ascii() {
            return score_in(choice.as_bytes(), pattern.as_bytes(), case_sensitive, b)
                .map(i64::from);
        }
        let mut choice_chars = std::mem::take(&mut b.choice);
        let mut pattern_chars = std::mem::take(&mut b.pattern);
        choice_chars.clear();
        choice_chars.extend(choice.chars());
        pattern_chars.clear();
        pattern_chars.extend(pattern.chars());
        let found = score_in(&choice_chars, &pattern_chars, case_sensitive, b);
        b.choice = choice_chars;
        b.pattern = pattern_chars;
        found.map(i64::from)
    })
}

fn score_in<S: Sym>(
    choice: &[S],
    pattern: &[S],
    case_sensitive: bool,
    b: &mut Buffers,
) -> Option<i32> {
    // The greedy first match of every pattern char (`cheap_matches`).
    let first_match = &mut b.first_match;
    first_match.clear();
    let mut next = pattern.iter().peekable();
    for (idx, &c) in choice.iter().enumerate() {
        match next.peek() {
            Some(&&p) if c.same(p, case_sensitive) => {
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
    let bonus = &mut b.bonus;
    bonus.clear();
    bonus.push(0);
    let mut prev = CharType::Empty;
    for &c in choice {
        let kind = c.kind();
        bonus.push(in_place_bonus(prev, kind));
        prev = kind;
    }
    if let Some(first) = bonus.get_mut(1) {
        *first *= BONUS_FIRST_CHAR_MULTIPLIER;
    }
    // A fresh matrix: row 0 starts as "nothing matched yet" (skip score -1), row 1 empty.
    for row in 0..2 {
        for (rows, init) in [
            (&mut b.m, NEG_INFINITY),
            (
                &mut b.p,
                if row == 0 {
                    GAP_EXTENSION
                } else {
                    NEG_INFINITY
                },
            ),
            (&mut b.carried, 0),
        ] {
            if let Some(r) = rows.get_mut(row) {
                r.clear();
                r.resize(cols, init);
            }
        }
    }
    let [m0, m1] = &mut b.m;
    let [p0, p1] = &mut b.p;
    let [c0, c1] = &mut b.carried;
    for (i, &p) in pattern.iter().enumerate() {
        // Pattern char i writes row (i + 1) % 2 from row i % 2.
        let (m_cur, m_prev, p_cur, p_prev, carried) = if i.is_multiple_of(2) {
            (&mut *m1, &*m0, &mut *p1, &*p0, &mut *c1)
        } else {
            (&mut *m0, &*m1, &mut *p0, &*p1, &mut *c0)
        };
        let to_skip = *first_match.get(i)?;
        let mut last_m = *m_cur.get(to_skip)?;
        let mut last_p = *p_cur.get(to_skip)?;
        for (j, &c) in choice.iter().enumerate().skip(to_skip) {
            let col = j + 1;
            let m_new;
            if c.same(p, case_sensitive) {
                let matched = if !case_sensitive && !c.same(p, true) {
                    (SCORE_MATCH + PENALTY_CASE_MISMATCH).max(0)
                } else {
                    SCORE_MATCH
                };
                let in_place = *bonus.get(col)?;
                let last_bonus = carried.get_mut(j)?;
                let consecutive = (*last_bonus).max(in_place.max(BONUS_CONSECUTIVE));
                *last_bonus = consecutive;
                let via_match = *m_prev.get(j)? + consecutive;
                let via_skip = *p_prev.get(j)? + in_place;
                m_new = via_match.max(via_skip) + matched;
            } else {
                m_new = NEG_INFINITY;
                *carried.get_mut(col)? = 0;
            }
            let p_new = (GAP_START + GAP_EXTENSION + last_m).max(GAP_EXTENSION + last_p);
            *m_cur.get_mut(col)? = m_new;
            *p_cur.get_mut(col)? = p_new;
            last_m = m_new;
            last_p = p_new;
        }
    }
    let last_row = if pattern.len().is_multiple_of(2) {
        &*m0
    } else {
        &*m1
    };
    let from = *first_match.last()?;
    last_row.get(from..)?.iter().copied().max()
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
