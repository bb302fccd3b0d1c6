//! Publication date inference (DESIGN §2), from the text alone, never from the clock:
//! 1. a date line closing or opening the article (`19/02/25`), or a dated header
//!    (`Publié le 3 mars 2024`): exact;
//! 2. otherwise the latest of the lower bounds: a `/YYYY/MM/` URL of a referenced article, the
//!    latest entry of a chronology told in the present, the latest past date near a "just
//!    happened" cue (`viennent de`, `has just`);
//! 3. otherwise none.

use super::normalize::{normalize, point_text};
use super::scan::{Mention, Point, Value};
use crate::core::article::{DateBound, Modifier, Precision, PubDate, Ymd};
use crate::core::ascii::contains_ci_at;
use memchr::memmem::Finder;
use std::sync::OnceLock;

/// One line or block of the article as the inference sees it, in source order.
pub struct Piece<'a> {
    pub text: &'a str,
    pub mentions: &'a [Mention],
    /// A dropped metadata line rather than a reading block.
    pub dropped: bool,
}

struct Candidate {
    start: Ymd,
    value: String,
    precision: Precision,
    evidence: String,
}

pub fn infer(pieces: &[Piece]) -> Option<PubDate> {
    if let Some(exact) = date_line(pieces) {
        return Some(exact);
    }
    let mut candidates = Vec::new();
    candidates.extend(url_bound(pieces));
    candidates.extend(chronology_bound(pieces));
    candidates.extend(cue_bound(pieces));
    candidates
        .into_iter()
        .max_by(|a, b| a.start.cmp(&b.start).then(b.precision.cmp(&a.precision)))
        .map(|c| PubDate {
            value: c.value,
            precision: c.precision,
            bound: DateBound::AtLeast,
            evidence: c.evidence,
        })
}

/// A calendar date stated with its year (day, month or year precision), as (value, precision, start).
fn calendar(mention: &Mention) -> Option<(String, Precision, Ymd)> {
    let (point, precision, start) = calendar_point(mention)?;
    Some((point_text(point), precision, start))
}

/// [`calendar`] without the value's text, for the tests that mostly reject.
fn calendar_point(mention: &Mention) -> Option<(Point, Precision, Ymd)> {
    match mention.value {
        Value::Date(p) if p.year.is_some() => {
            let n = normalize(&mention.value);
            Some((p, n.precision, n.start?))
        }
        _ => None,
    }
}

fn short(text: &str) -> String {
    let line = crate::core::sanitize::sanitize_line(text.trim());
    let mut out: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Words allowed beside the date on a date line.
const DATE_LINE_WORDS: &[&str] = &[
    "publié",
    "publiée",
    "publie",
    "le",
    "mis",
    "à",
    "a",
    "jour",
    "mise",
    "date",
    "posted",
    "published",
    "updated",
    "on",
    "par",
    "by",
    "modifié",
    "the",
];

/// Is the piece a date and little else (`19/02/25`, `Publié le 3 mars 2024`)?
fn is_date_line(piece: &Piece, mention: &Mention) -> bool {
    let text = piece.text;
    if text.trim().chars().count() > 60 {
        return false;
    }
    let before = text.get(..mention.start).unwrap_or("");
    let after = text.get(mention.end..).unwrap_or("");
    let rest = format!("{before} {after}").to_lowercase();
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            DATE_LINE_WORDS.contains(&w)
                || super::lexicon::WEEKDAYS.contains(&w)
                || w.chars().all(|c| c.is_ascii_digit() && w.len() <= 2)
        })
}

const HEADER_CUES: &[&str] = &[
    "publié",
    "mis à jour",
    "posted",
    "published",
    "updated",
    "date de publication",
];

fn date_line(pieces: &[Piece]) -> Option<PubDate> {
    // Only the first five and the last three non-blank pieces are looked at: found from
    // each end instead of listing all of them (most articles have hundreds).
    let non_empty = || pieces.iter().filter(|p| !p.text.trim().is_empty());
    let closing = non_empty().rev().take(3);
    let opening = non_empty().take(3);
    for (piece, where_) in closing
        .map(|p| (p, "closing"))
        .chain(opening.map(|p| (p, "opening")))
    {
        for mention in piece.mentions {
            if mention.in_url || mention.modifier != Modifier::None {
                continue;
            }
            let Some((point, precision, _)) = calendar_point(mention) else {
                continue;
            };
            if precision == Precision::Year {
                continue;
            }
            if is_date_line(piece, mention) {
                let matched = piece.text.get(mention.start..mention.end).unwrap_or("");
                return Some(PubDate {
                    value: point_text(point),
                    precision,
                    bound: DateBound::Exact,
                    evidence: format!("{where_} date line \"{}\"", short(matched)),
                });
            }
        }
    }
    // A dated header: `Publié le 3 mars 2024 à 10 h`, `Published: March 3, 2024`.
    for piece in non_empty().take(5) {
        if piece.text.len() > 240 || piece.mentions.is_empty() {
            continue;
        }
        let lower = piece.text.to_lowercase();
        if piece.text.chars().count() > 120 || !HEADER_CUES.iter().any(|cue| lower.contains(cue)) {
            continue;
        }
        for mention in piece.mentions {
            if let Some((point, Precision::Day, _)) = calendar_point(mention) {
                return Some(PubDate {
                    value: point_text(point),
                    precision: Precision::Day,
                    bound: DateBound::Exact,
                    evidence: format!("dated header \"{}\"", short(piece.text)),
                });
            }
        }
    }
    None
}

fn url_bound(pieces: &[Piece]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for piece in pieces {
        for mention in piece.mentions.iter().filter(|m| m.in_url) {
            if let Some((value, precision, start)) = calendar(mention) {
                let matched = piece.text.get(mention.start..mention.end).unwrap_or("");
                out.push(Candidate {
                    start,
                    value,
                    precision,
                    evidence: format!(
                        "URL of a referenced article dated /{}/ (lower bound)",
                        short(matched)
                    ),
                });
            }
        }
    }
    out
}

/// Words that put a sentence in the future or the conditional.
const FUTURE_CUES: &[&str] = &[
    " sera ",
    " seront ",
    "prévu",
    "devrait",
    "devraient",
    "d'ici",
    "d’ici",
    " will ",
    "expected",
    "planned",
    "scheduled",
    "à venir",
    "pourrait",
    "pourraient",
    "could ",
    "would ",
];

fn sounds_future(text: &str) -> bool {
    static FINDERS: OnceLock<Vec<Finder<'static>>> = OnceLock::new();
    find_cue(&ascii_lower(text), FUTURE_CUES, &FINDERS).is_some()
}

/// Index of the first cue found in `hay`; the searchers are built once per list.
fn find_cue(
    hay: &[u8],
    cues: &'static [&'static str],
    finders: &'static OnceLock<Vec<Finder<'static>>>,
) -> Option<usize> {
    finders
        .get_or_init(|| cues.iter().map(|c| Finder::new(c.as_bytes())).collect())
        .iter()
        .position(|f| f.find(hay).is_some())
}

/// ASCII-lowercased bytes: enough for the cue lists, whose non-ASCII letters are lowercase,
/// and much cheaper than Unicode lowercasing of every block.
fn ascii_lower(text: &str) -> Vec<u8> {
    text.bytes().map(|b| b.to_ascii_lowercase()).collect()
}

/// A chronology: at least three pieces that are only a year or a year range (`2019 :`), in
/// ascending order. Its latest entry, told in the present, bounds the writing from below.
fn chronology_bound(pieces: &[Piece]) -> Vec<Candidate> {
    let mut entries: Vec<(usize, i32, &str)> = Vec::new();
    for (index, piece) in pieces.iter().enumerate() {
        if piece.dropped || piece.mentions.len() != 1 {
            continue;
        }
        let Some(mention) = piece.mentions.first() else {
            continue;
        };
        let residue = format!(
            "{}{}",
            piece.text.get(..mention.start).unwrap_or(""),
            piece.text.get(mention.end..).unwrap_or("")
        );
        if residue.chars().any(char::is_alphanumeric) {
            continue;
        }
        let last_year = match mention.value {
            Value::Date(p) if p.month == 0 => p.year,
            Value::Range(_, b) if b.month == 0 => b.year,
            _ => None,
        };
        if let Some(year) = last_year {
            entries.push((index, year, piece.text));
        }
    }
    if entries.len() < 3 || !entries.windows(2).all(|w| w[0].1 <= w[1].1) {
        return Vec::new();
    }
    let Some(&(index, year, text)) = entries.last() else {
        return Vec::new();
    };
    let told = pieces.get(index + 1).map_or("", |p| p.text);
    if sounds_future(told) {
        return Vec::new();
    }
    let mut evidence = format!(
        "latest chronology entry \"{}\" told in the present (lower bound)",
        short(text)
    );
    // A caption range ending the same year corroborates it: `(2015-2025)`.
    'caption: for piece in pieces {
        for mention in piece.mentions {
            if let Value::Range(a, b) = mention.value {
                if b.year == Some(year) && a.month == 0 && b.month == 0 {
                    let matched = piece.text.get(mention.start..mention.end).unwrap_or("");
                    evidence.push_str(&format!("; caption range {}", short(matched)));
                    break 'caption;
                }
            }
        }
    }
    vec![Candidate {
        start: Ymd::new(year, 1, 1),
        value: format!("{year:04}"),
        precision: Precision::Year,
        evidence,
    }]
}

const JUST_CUES: &[&str] = &[
    "vient de ",
    "vient d'",
    "vient d’",
    "viennent de ",
    "viennent d'",
    "viennent d’",
    "venons de ",
    "venez de ",
    "vient tout juste",
    "viennent tout juste",
    "has just ",
    "have just ",
    "had just ",
    "just announced",
    "just signed",
    "just released",
    "just launched",
    "cette semaine",
    "this week",
];

/// Every cue above contains one of these (a test checks it).
/// With the index of a rare letter of each, where the search for it stops.
const JUST_KEYS: [(&[u8], usize); 5] = [
    (b"just", 0),
    (b"week", 3),
    (b"vien", 0),
    (b"ven", 0),
    (b"semaine", 2),
];

/// The latest past date told next to a "just happened" cue (same piece or the next one).
fn cue_bound(pieces: &[Piece]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let has_mentions = |index: usize| pieces.get(index).is_some_and(|p| !p.mentions.is_empty());
    for (index, piece) in pieces.iter().enumerate() {
        // A cue only counts with a date in its piece or the next one, and most pieces have
        // none: look for cues only there (searching every block was a third of the dates
        // pass). Then skip the pieces without a key before lowercasing and searching every cue.
        let near_dates = has_mentions(index) || has_mentions(index + 1);
        if !near_dates
            || !JUST_KEYS
                .iter()
                .any(|&(key, anchor)| contains_ci_at(piece.text, key, anchor))
        {
            continue;
        }
        static FINDERS: OnceLock<Vec<Finder<'static>>> = OnceLock::new();
        let Some(cue) =
            find_cue(&ascii_lower(piece.text), JUST_CUES, &FINDERS).and_then(|i| JUST_CUES.get(i))
        else {
            continue;
        };
        for near in pieces.iter().skip(index).take(2) {
            for mention in near.mentions {
                if mention.in_url || matches!(mention.modifier, Modifier::After | Modifier::Before)
                {
                    continue;
                }
                let Some((value, precision, start)) = calendar(mention) else {
                    continue;
                };
                if sounds_future(clause_around(near.text, mention.start, mention.end)) {
                    continue;
                }
                let matched = near.text.get(mention.start..mention.end).unwrap_or("");
                out.push(Candidate {
                    start,
                    value,
                    precision,
                    evidence: format!(
                        "\"{}\" near the latest past date \"{}\" (lower bound)",
                        cue.trim(),
                        short(matched)
                    ),
                });
            }
        }
    }
    out
}

/// The clause around a byte range of `text`: between commas, semicolons, colons, brackets or
/// sentence ends, so that `finalisée en mai 2025, elle pourrait…` is not read as future.
fn clause_around(text: &str, start: usize, end: usize) -> &str {
    let is_stop = |c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '.' | '!' | '?' | '—' | '–');
    let s = text
        .get(..start)
        .and_then(|before| before.rfind(is_stop).map(|i| i + 1))
        .unwrap_or(0);
    let e = text
        .get(end..)
        .and_then(|after| after.find(is_stop).map(|i| end + i))
        .unwrap_or(text.len());
    text.get(s..e).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::{JUST_CUES, JUST_KEYS};

    #[test]
    fn every_just_cue_has_a_key() {
        for cue in JUST_CUES {
            assert!(
                JUST_KEYS
                    .iter()
                    .any(|(key, _)| cue.as_bytes().windows(key.len()).any(|w| w == *key)),
                "{cue:?}"
            );
        }
    }
}
