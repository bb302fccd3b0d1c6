//! The date scanner: one pass over the bytes of a block, French and English together.
//!
//! Hand-written instead of a regex: a Unicode `\b` regex runs dates at 32–43 MB/s (DESIGN §6);
//! this loop looks at each word once (a table load for the common word) and only parses around
//! anchors (digits and the trigger words of `lexicon`). NBSP, NNBSP, thin spaces, `’` and the
//! dashes are read in place, so every offset is an offset into the scanned text.

use super::lexicon::{self, Lang, Lex, RefKind, Season, Unit};
use crate::core::article::Modifier;

/// A calendar point with what the text said: year, month (0 = none), day (0 = none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Point {
    pub year: Option<i32>,
    pub month: u8,
    pub day: u8,
}

impl Point {
    pub fn year(year: i32) -> Point {
        Point {
            year: Some(year),
            month: 0,
            day: 0,
        }
    }

    pub fn month(year: Option<i32>, month: u8) -> Point {
        Point {
            year,
            month,
            day: 0,
        }
    }

    pub fn day(year: Option<i32>, month: u8, day: u8) -> Point {
        Point { year, month, day }
    }
}

/// What a mention says, before resolution against context and the publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Date(Point),
    Quarter(Option<i32>, u8),
    Half(Option<i32>, u8),
    Season(Option<i32>, Season),
    /// First year of the decade (`1980` for `les années 1980`).
    Decade(i32),
    /// Ordinal of the century (`20` for `XXe siècle`).
    Century(i32),
    Range(Point, Point),
    /// Counted from the time of writing: `l’an dernier` = Year -1, `il y a deux ans` = Year -2.
    Rel {
        unit: Unit,
        offset: i32,
    },
    /// Counted from the narrative's year: `l’année suivante` = Year +1.
    Anaphoric {
        unit: Unit,
        offset: i32,
    },
    Ref(RefKind),
    /// `pendant des mois` (count `None`), `depuis deux ans`.
    Duration {
        unit: Unit,
        count: Option<u32>,
    },
    /// `hebdomadaires` = `P1W`.
    Set(&'static str),
}

/// One dated or relative mention: byte range in the scanned text and its raw value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub value: Value,
    pub modifier: Modifier,
    /// Found in a URL path (`/2025/06/`): a lower bound for the publication date.
    pub in_url: bool,
}

/// Scan `text` and append its mentions, in order, to `out`. `lang` is the article's language,
/// used only when a block is too short to tell (`05/06/25` is D/M in French, M/D in English).
pub fn scan(text: &str, lang: Lang, out: &mut Vec<Mention>) {
    scan_in(text, &ArticleLang::known(lang), out);
}

/// Like [`scan`], with the article's language worked out only if a mention needs it.
pub fn scan_in(text: &str, article: &ArticleLang, out: &mut Vec<Mention>) {
    let scanner = Scanner {
        b: text.as_bytes(),
        article_lang: article,
        block_lang: std::cell::OnceCell::new(),
    };
    scanner.run(out);
}

/// An article's language, detected from its first kilobytes on first use (most articles never
/// need it: only ambiguous numeric dates like `05/06/25` do).
pub struct ArticleLang<'a> {
    text: &'a str,
    lang: std::cell::OnceCell<Lang>,
}

impl<'a> ArticleLang<'a> {
    pub fn new(text: &'a str) -> ArticleLang<'a> {
        ArticleLang {
            text,
            lang: std::cell::OnceCell::new(),
        }
    }

    pub fn known(lang: Lang) -> ArticleLang<'static> {
        ArticleLang {
            text: "",
            lang: std::cell::OnceCell::from(lang),
        }
    }

    pub fn get(&self) -> Lang {
        *self.lang.get_or_init(|| {
            let mut end = self.text.len().min(4096);
            while end > 0 && !self.text.is_char_boundary(end) {
                end -= 1;
            }
            detect_lang(self.text.get(..end).unwrap_or(""))
        })
    }
}

/// Guess the language of a text from function words: `Fr`, `En`, or `Any` when unclear.
pub fn detect_lang(text: &str) -> Lang {
    let b = text.as_bytes();
    let (mut fr, mut en) = (0usize, 0usize);
    let mut i = 0;
    while i < b.len() {
        if is_word_start(b, i) {
            let end = word_end(b, i);
            if end - i <= 4 {
                let word = lower(b, i, end);
                let w = word.text();
                fr += usize::from(lexicon::french_marker(w));
                en += usize::from(lexicon::english_marker(w));
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    if fr > en {
        Lang::Fr
    } else if en > fr {
        Lang::En
    } else {
        Lang::Any
    }
}

// ---------------------------------------------------------------------------------------------
// Byte helpers. All return lengths or positions within `b`; none index out of bounds.

#[inline]
fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

#[inline]
fn is_cont(c: u8) -> bool {
    (0x80..=0xBF).contains(&c)
}

/// Lead byte of a two-byte Latin letter (à..ÿ, œ, ...): those count as word characters.
#[inline]
fn is_letter_lead(c: u8) -> bool {
    (0xC3..=0xCA).contains(&c)
}

#[inline]
fn is_word_start(b: &[u8], i: usize) -> bool {
    let c = at(b, i);
    c.is_ascii_alphanumeric()
        || (is_letter_lead(c)
            && is_cont(at(b, i + 1))
            && !(c == 0xC3 && matches!(at(b, i + 1), 0x97 | 0xB7)))
}

const OTHER: u8 = 0;
const DIGIT: u8 = 1;
const ALPHA: u8 = 2;
const LEAD: u8 = 3;

/// Byte classes, one load per byte in the hot loops.
static CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = if b.is_ascii_digit() {
            DIGIT
        } else if b.is_ascii_alphabetic() {
            ALPHA
        } else if b >= 0xC3 && b <= 0xCA {
            LEAD
        } else {
            OTHER
        };
        c += 1;
    }
    table
};

#[inline]
fn class(c: u8) -> u8 {
    CLASS[usize::from(c)]
}

/// End of the word (ASCII letters/digits and Latin letters) starting at `i`: ASCII letters and
/// digits eight at a time, then [`word_end_plain`] from the first other byte (a Latin letter
/// goes on, anything else ends the word there).
#[inline]
fn word_end(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let v = u64::from_le_bytes(*chunk);
        let stops = non_alnum_bytes(v);
        if stops != 0 {
            // Little-endian: the lowest set bit is the first byte that is no ASCII letter or digit.
            let first_stop = stops & stops.wrapping_neg();
            i += (first_stop.trailing_zeros() / 8) as usize;
            if v & first_stop == 0 {
                // An ASCII byte: the word ends there.
                return i;
            }
            break;
        }
        i += 8;
    }
    word_end_plain(b, i)
}

/// The high bit of every byte of `v` that is not an ASCII letter or digit (so of every
/// non-ASCII byte) up to the first such byte, and maybe of bytes after a non-ASCII one (whose
/// sums carry into the next byte): only the lowest set bit is exact, which is all `word_end`
/// reads. An ASCII byte's sums stay within it.
#[inline]
fn non_alnum_bytes(v: u64) -> u64 {
    const fn splat(byte: u8) -> u64 {
        0x0101_0101_0101_0101 * byte as u64
    }
    const HIGH: u64 = splat(0x80);
    // A high bit where the byte is at least `lo` in the first sum and above `hi` in the second.
    let digit = v.wrapping_add(splat(0x80 - b'0')) & !v.wrapping_add(splat(0x7f - b'9'));
    let folded = v | splat(0x20);
    let letter = folded.wrapping_add(splat(0x80 - b'a')) & !folded.wrapping_add(splat(0x7f - b'z'));
    (!(digit | letter) | v) & HIGH
}

/// [`word_end`] a byte at a time: the plain definition.
#[inline]
fn word_end_plain(b: &[u8], mut i: usize) -> usize {
    while let Some(&c) = b.get(i) {
        match class(c) {
            DIGIT | ALPHA => i += 1,
            LEAD if is_cont(at(b, i + 1))
                && !(c == 0xC3 && matches!(at(b, i + 1), 0x97 | 0xB7)) =>
            {
                i += 2
            }
            _ => break,
        }
    }
    i
}

/// Is the byte before `i` part of a word?
fn word_before_byte(b: &[u8], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let c = at(b, i - 1);
    if c.is_ascii_alphanumeric() {
        return true;
    }
    is_cont(c) && i >= 2 && is_letter_lead(at(b, i - 2))
}

fn word_start_before(b: &[u8], mut i: usize) -> usize {
    loop {
        if i == 0 {
            return 0;
        }
        let c = at(b, i - 1);
        if c.is_ascii_alphanumeric() {
            i -= 1;
        } else if is_cont(c) && i >= 2 && is_letter_lead(at(b, i - 2)) {
            i -= 2;
        } else {
            return i;
        }
    }
}

/// Length of the space-like character at `i` (space, tab, NBSP, NNBSP, thin spaces), or 0.
#[inline]
fn space_len(b: &[u8], i: usize) -> usize {
    match at(b, i) {
        b' ' | b'\t' => 1,
        0xC2 if at(b, i + 1) == 0xA0 => 2,
        0xE2 if at(b, i + 1) == 0x80 && matches!(at(b, i + 2), 0xAF | 0x89 | 0x87 | 0x8A) => 3,
        _ => 0,
    }
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    loop {
        let n = space_len(b, i);
        if n == 0 {
            return i;
        }
        i += n;
    }
}

/// Length of an apostrophe at `i` (`'`, `’`, `ʼ`), or 0.
#[inline]
fn apostrophe_len(b: &[u8], i: usize) -> usize {
    match at(b, i) {
        b'\'' => 1,
        0xE2 if at(b, i + 1) == 0x80 && at(b, i + 2) == 0x99 => 3,
        0xCA if at(b, i + 1) == 0xBC => 2,
        _ => 0,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dash {
    Hyphen,
    En,
}

/// A dash at `i`: its length and kind (`-`, `‐`, `‑` are hyphens; `–`, `—` are range dashes).
fn dash_at(b: &[u8], i: usize) -> Option<(usize, Dash)> {
    match at(b, i) {
        b'-' => Some((1, Dash::Hyphen)),
        0xE2 if at(b, i + 1) == 0x80 => match at(b, i + 2) {
            0x90 | 0x91 => Some((3, Dash::Hyphen)),
            0x93 | 0x94 => Some((3, Dash::En)),
            _ => None,
        },
        _ => None,
    }
}

/// Length of the character ending at `i` if it is one of the separators skipped when looking
/// back over words: space, apostrophe, hyphen.
fn separator_len_before(b: &[u8], i: usize) -> usize {
    if i == 0 {
        return 0;
    }
    match at(b, i - 1) {
        b' ' | b'\t' | b'\'' | b'-' => 1,
        0xA0 if i >= 2 && at(b, i - 2) == 0xC2 => 2,
        0xBC if i >= 2 && at(b, i - 2) == 0xCA => 2,
        0xAF | 0x89 | 0x99 | 0x87 | 0x91
            if i >= 3 && at(b, i - 3) == 0xE2 && at(b, i - 2) == 0x80 =>
        {
            3
        }
        _ => 0,
    }
}

/// Digits at `i`: (value, number of digits, end). Values of more than 6 digits saturate.
fn digits(b: &[u8], i: usize) -> (u32, usize, usize) {
    let mut value: u32 = 0;
    let mut j = i;
    while at(b, j).is_ascii_digit() {
        if j - i < 6 {
            value = value * 10 + u32::from(at(b, j) - b'0');
        }
        j += 1;
    }
    (value, j - i, j)
}

/// The number at `i` carries a sign (`-1000`, `+1000`, `−40`): a sign stands right before it,
/// and before the sign no letter or digit (`mi-2025`, `Windows-1252` and `2016-2018` are
/// not signs).
fn is_signed(b: &[u8], i: usize) -> bool {
    let sign_len = if i >= 1 && matches!(at(b, i - 1), b'-' | b'+') {
        1
    } else if i >= 3 && b.get(i - 3..i) == Some("\u{2212}".as_bytes()) {
        3
    } else {
        return false;
    };
    let before = i - sign_len;
    before == 0 || matches!(at(b, before - 1), b' ' | b'\t' | b'\n' | b'(' | b'[' | b'=')
}

/// The number at `i..e` is one of three or more numbers of three or more digits joined by
/// `/` (`1000/1005/1018`): numbers of a series, where two (`2016/2017`) can be a span of years
/// and `2015/12/06` is a day.
fn in_slash_chain(b: &[u8], i: usize, e: usize) -> bool {
    let mut joined = 0;
    let mut k = e;
    while at(b, k) == b'/' {
        let (_, len, end) = digits(b, k + 1);
        if len < 3 {
            break;
        }
        joined += 1;
        k = end;
    }
    let mut j = i;
    while j >= 1 && at(b, j - 1) == b'/' {
        match number_ending_at(b, j - 1) {
            Some((_, len)) if len >= 3 => {
                joined += 1;
                j -= 1 + len;
            }
            _ => break,
        }
    }
    joined >= 2
}

/// A word lowercased into a small buffer (ASCII and Latin-1 capitals folded).
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    buf: [u8; 16],
    len: usize,
}

impl Word {
    fn text(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    fn is(&self, s: &str) -> bool {
        self.text() == s.as_bytes()
    }

    fn is_any(&self, list: &[&str]) -> bool {
        list.iter().any(|s| self.is(s))
    }
}

/// The first two bytes of the word `b[i..i + len]` (`len >= 1`) as the pair screen reads them:
/// the first as `lower` makes it, the second by [`SECOND_FOLD`] (0 for a one-byte word).
#[inline]
fn screen_bytes(b: &[u8], i: usize, len: usize) -> (u8, u8) {
    let first = at(b, i).to_ascii_lowercase();
    let second = if len > 1 {
        SECOND_FOLD[usize::from(at(b, i + 1))]
    } else {
        0
    };
    (first, second)
}

/// A word's second byte as `lower` makes it, whatever its first: after an ASCII letter or digit
/// it is ASCII or a lead (lowercased as ASCII), after 0xC3 a tail byte (`lower_latin_tail`).
/// After another lead it is a tail byte folded as after 0xC3, which `lower` would not do, but no
/// trigger starts with those leads: the screen turns the word away either way.
static SECOND_FOLD: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = if b.is_ascii() {
            b.to_ascii_lowercase()
        } else {
            lower_latin_tail(b)
        };
        c += 1;
    }
    table
};

/// The byte after a 0xC3 lead, lowercased: `À`..`Þ` (but `×`) become `à`..`þ`.
#[inline]
const fn lower_latin_tail(next: u8) -> u8 {
    if next >= 0x80 && next <= 0x9E && next != 0x97 {
        next + 0x20
    } else {
        next
    }
}

/// The last byte of the word `b[start..end]` as [`lower`] makes it (`end > start`).
#[inline]
fn lower_last(b: &[u8], start: usize, end: usize) -> u8 {
    let last = at(b, end.saturating_sub(1));
    // A 0xC3 before the last byte is a lead (a tail byte is never 0xC3), as `lower` reads it.
    if end.saturating_sub(start) >= 2 && at(b, end - 2) == 0xC3 {
        lower_latin_tail(last)
    } else {
        last.to_ascii_lowercase()
    }
}

fn lower(b: &[u8], start: usize, end: usize) -> Word {
    let mut buf = [0u8; 16];
    let len = end.saturating_sub(start);
    if len > buf.len() {
        // Too long to be any listed word: an empty text never matches.
        return Word {
            start,
            end,
            buf,
            len: 0,
        };
    }
    let mut k = 0;
    while k < len {
        let c = at(b, start + k);
        buf[k] = c.to_ascii_lowercase();
        if c == 0xC3 && k + 1 < len {
            buf[k + 1] = lower_latin_tail(at(b, start + k + 1));
            k += 1;
        }
        k += 1;
    }
    Word {
        start,
        end,
        buf,
        len,
    }
}

/// The word starting at `i` (no spaces skipped), if one starts there.
fn word_at(b: &[u8], i: usize) -> Option<Word> {
    if !is_word_start(b, i) {
        return None;
    }
    Some(lower(b, i, word_end(b, i)))
}

/// The word after `i`, skipping spaces only.
fn word_after(b: &[u8], i: usize) -> Option<Word> {
    word_at(b, skip_spaces(b, i))
}

/// The word before `i`, skipping one run of spaces, apostrophes and hyphens.
fn word_before(b: &[u8], i: usize) -> Option<Word> {
    let mut j = i;
    let mut skipped = 0;
    loop {
        let n = separator_len_before(b, j);
        if n == 0 || skipped > 6 {
            break;
        }
        j -= n;
        skipped += 1;
    }
    if !word_before_byte(b, j) {
        return None;
    }
    let start = word_start_before(b, j);
    // `pkts_in 1146`: the tail of an identifier is no word of the sentence.
    if start > 0 && at(b, start - 1) == b'_' {
        return None;
    }
    Some(lower(b, start, j))
}

/// The name of the field whose value starts at `i`: the word before a colon there
/// (`Installed-Size: 2077`, `Taille : 2048`), spaces skipped on both sides.
fn field_name_before(b: &[u8], i: usize) -> Option<Word> {
    let mut j = i;
    while j > 0 && matches!(at(b, j - 1), b' ' | b'\t') {
        j -= 1;
    }
    if j == 0 || at(b, j - 1) != b':' {
        return None;
    }
    let mut k = j - 1;
    // French puts a space, often a no-break one (C2 A0, or U+202F: E2 80 AF), before a colon.
    loop {
        if k > 0 && at(b, k - 1) == b' ' {
            k -= 1;
        } else if k > 1 && at(b, k - 1) == 0xA0 && at(b, k - 2) == 0xC2 {
            k -= 2;
        } else if k > 2 && at(b, k - 1) == 0xAF && at(b, k - 2) == 0x80 && at(b, k - 3) == 0xE2 {
            k -= 3;
        } else {
            break;
        }
    }
    if !word_before_byte(b, k) {
        return None;
    }
    Some(lower(b, word_start_before(b, k), k))
}

/// The number at `i` is what a setting defaults to: `defaults to 2000`, `default is 2000`,
/// `the default (1500)`, `(default: "1920")`, `par défaut : 2000`.
fn is_default_value(b: &[u8], i: usize, prev: Option<Word>) -> bool {
    let is_default = |w: &Word| w.is("default") || w.is("defaults") || w.is("défaut");
    if let Some(prev) = prev {
        if is_default(&prev) {
            return true;
        }
        if prev.is("to") || prev.is("is") {
            return word_before(b, prev.start).is_some_and(|w| is_default(&w));
        }
        return false;
    }
    // Past an opening parenthesis or quote: the word (`default (1500)`) or the field's name
    // (`default: "1920"`, `défaut : 2000`).
    let open = usize::from(i > 0 && matches!(at(b, i - 1), b'(' | b'"'));
    word_before(b, i - open).is_some_and(|w| is_default(&w))
        || field_name_before(b, i - open).is_some_and(|w| is_default(&w))
}

/// A whole number of three or more digits that cannot be a year: a quantity.
fn is_quantity_number(n: u32, nd: usize) -> bool {
    nd >= 5 || nd == 3 || (nd == 4 && !(1000..=2199).contains(&n))
}

/// The whole number ending at `e` (digits only, not the tail of `3.512` or `v512`).
fn number_ending_at(b: &[u8], e: usize) -> Option<(u32, usize)> {
    let mut s = e;
    while s > 0 && at(b, s - 1).is_ascii_digit() {
        s -= 1;
    }
    if s == e || (s > 0 && (at(b, s - 1).is_ascii_alphanumeric() || at(b, s - 1) == b'.')) {
        return None;
    }
    let (n, nd, _) = digits(b, s);
    Some((n, nd))
}

/// Up to four words before `i`, nearest first.
fn words_before(b: &[u8], i: usize) -> [Option<Word>; 4] {
    let mut out = [None; 4];
    let mut pos = i;
    for slot in out.iter_mut() {
        match word_before(b, pos) {
            Some(w) => {
                pos = w.start;
                *slot = Some(w);
            }
            None => break,
        }
    }
    out
}

/// Modifiers written before a date, as words nearest first (`jusqu’en` = ["en", "jusqu"]).
const MODIFIERS: &[(&[&str], Modifier)] = &[
    (&["de", "delà", "au"], Modifier::After),
    (&["d", "delà", "au"], Modifier::After),
    (&["après"], Modifier::After),
    (&["after"], Modifier::After),
    (&["beyond"], Modifier::After),
    (&["en", "jusqu"], Modifier::Until),
    (&["à", "jusqu"], Modifier::Until),
    (&["a", "jusqu"], Modifier::Until),
    (&["au", "jusqu"], Modifier::Until),
    (&["until"], Modifier::Until),
    (&["till"], Modifier::Until),
    (&["through"], Modifier::Until),
    (&["to", "up"], Modifier::Until),
    (&["depuis"], Modifier::Since),
    (&["dès"], Modifier::Since),
    (&["de", "partir", "à"], Modifier::Since),
    (&["d", "partir", "à"], Modifier::Since),
    (&["since"], Modifier::Since),
    (&["avant"], Modifier::Before),
    (&["ici", "d"], Modifier::Before),
    (&["before"], Modifier::Before),
    (&["by"], Modifier::Before),
    (&["to", "prior"], Modifier::Before),
    (&["vers"], Modifier::Approx),
    (&["environ"], Modifier::Approx),
    (&["de", "alentours", "aux"], Modifier::Approx),
    (&["around"], Modifier::Approx),
    (&["circa"], Modifier::Approx),
    (&["about"], Modifier::Approx),
    (&["approximately"], Modifier::Approx),
    (&["début"], Modifier::Start),
    (&["de", "début"], Modifier::Start),
    (&["du", "début"], Modifier::Start),
    (&["des", "début"], Modifier::Start),
    (&["de", "début", "au"], Modifier::Start),
    (&["early"], Modifier::Start),
    (&["of", "beginning", "the"], Modifier::Start),
    (&["of", "start", "the"], Modifier::Start),
    (&["mi"], Modifier::Mid),
    (&["mid"], Modifier::Mid),
    (&["de", "milieu", "au"], Modifier::Mid),
    (&["du", "milieu"], Modifier::Mid),
    (&["des", "milieu"], Modifier::Mid),
    (&["of", "middle", "the"], Modifier::Mid),
    (&["fin"], Modifier::End),
    (&["de", "fin"], Modifier::End),
    (&["du", "fin"], Modifier::End),
    (&["des", "fin"], Modifier::End),
    (&["de", "fin", "la", "à"], Modifier::End),
    (&["late"], Modifier::End),
    (&["of", "end", "the"], Modifier::End),
    (&["en"], Modifier::None),
    (&["in"], Modifier::None),
    (&["courant"], Modifier::None),
    (&["during"], Modifier::None),
];

/// Words that make a bare month (`en mai`, `in May`) or an old year (`en 1789`) a date.
/// Context words that also stand before quantities (`de 1000`, `of 1500`): enough for a modern
/// year, not for an old one.
const WEAK_CONTEXT: &[&str] = &["de", "d", "of", "du", "l"];

/// Words that end a span opened by `de`, `du` or `from` (`de 2016 à 2018`, `from 1024 to 8192`).
const SPAN_ENDS: &[&str] = &["à", "a", "au", "to", "until", "till", "through"];

const CONTEXT: &[&str] = &[
    "en", "in", "de", "d", "of", "mois", "last", "next", "this", "from", "du", "l", "an",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Starter {
    /// `entre … et`, `between … and`
    Between,
    /// `de … à`, `du … au`, `from … to`
    From,
}

/// What stands before an anchor.
#[derive(Debug, Clone, Copy)]
struct Back {
    /// Start of the modifier words, or the anchor itself.
    start: usize,
    modifier: Modifier,
    /// A preposition or modifier that makes a bare month or an old year a date.
    context: bool,
    starter: Option<(usize, Starter)>,
    /// The word right before (lowercased), for name and auxiliary checks.
    prev: Option<Word>,
}

/// For each byte, the patterns of [`MODIFIERS`] whose nearest word starts with it (bit `p` for
/// `MODIFIERS[p]`): `best_modifier` compares the few that can match, not all 55.
static MODIFIERS_BY_FIRST_BYTE: [u64; 256] = {
    assert!(MODIFIERS.len() <= 64);
    let mut table = [0u64; 256];
    let mut p = 0;
    while p < MODIFIERS.len() {
        let first = MODIFIERS[p].0[0].as_bytes()[0];
        table[first as usize] |= 1 << p;
        p += 1;
    }
    table
};

/// Does `MODIFIERS`' `pattern` match `words` from `skip` on (`skip` = 1 past an article)?
#[inline]
fn modifier_matches(
    words: &[Option<Word>; 4],
    skip: usize,
    pattern: &[&str],
    modifier: Modifier,
) -> bool {
    if pattern.len() + skip > words.len() {
        return false;
    }
    // Only prepositions take an article before a day: `depuis le 3 mai`, not `fin le 3 mai`.
    if skip == 1 && matches!(modifier, Modifier::Start | Modifier::Mid | Modifier::End) {
        return false;
    }
    pattern.iter().enumerate().all(|(k, w)| {
        words
            .get(k + skip)
            .copied()
            .flatten()
            .is_some_and(|word| word.is(w))
    })
}

/// The longest modifier pattern (the first listed among equals) matching `words` from `skip`
/// on, with its length in words. Only patterns whose nearest word starts with the right byte
/// are tried, in list order, so the choice is the one [`best_modifier_plain`] makes.
fn best_modifier(words: &[Option<Word>; 4], skip: usize) -> Option<(usize, Modifier)> {
    let nearest = words.get(skip).copied().flatten()?;
    let first = *nearest.text().first()?;
    let mut candidates = MODIFIERS_BY_FIRST_BYTE[usize::from(first)];
    let mut best: Option<(usize, Modifier)> = None;
    while candidates != 0 {
        let p = candidates.trailing_zeros() as usize;
        candidates &= candidates - 1;
        let Some(&(pattern, modifier)) = MODIFIERS.get(p) else {
            break;
        };
        if modifier_matches(words, skip, pattern, modifier)
            && best.is_none_or(|(len, _)| pattern.len() > len)
        {
            best = Some((pattern.len(), modifier));
        }
    }
    best
}

/// [`best_modifier`] trying every pattern: the plain definition.
#[cfg(test)]
fn best_modifier_plain(words: &[Option<Word>; 4], skip: usize) -> Option<(usize, Modifier)> {
    let mut best: Option<(usize, Modifier)> = None;
    for &(pattern, modifier) in MODIFIERS {
        if modifier_matches(words, skip, pattern, modifier)
            && best.is_none_or(|(len, _)| pattern.len() > len)
        {
            best = Some((pattern.len(), modifier));
        }
    }
    best
}

fn look_back(b: &[u8], i: usize) -> Back {
    let words = words_before(b, i);
    let mut back = Back {
        start: i,
        modifier: Modifier::None,
        context: false,
        starter: None,
        prev: words[0],
    };
    let Some(first) = words[0] else {
        return back;
    };
    if first.is_any(&["entre", "between"]) {
        back.starter = Some((first.start, Starter::Between));
    } else if first.is_any(&["de", "d", "du", "from"]) {
        back.starter = Some((first.start, Starter::From));
    }
    // Try the patterns right before the anchor, then after skipping an article (`depuis le 3 mai`).
    for skip in 0..2 {
        if skip == 1 && !first.is_any(&["le", "l", "the"]) {
            break;
        }
        if let Some((len, modifier)) = best_modifier(&words, skip) {
            if let Some(Some(w)) = words.get(len + skip - 1) {
                back.start = w.start;
            }
            back.modifier = modifier;
            back.context = true;
            return back;
        }
    }
    back.context = first.is_any(CONTEXT);
    back
}

// ---------------------------------------------------------------------------------------------

struct Scanner<'a> {
    b: &'a [u8],
    article_lang: &'a ArticleLang<'a>,
    /// The text's own language, computed once on first need.
    block_lang: std::cell::OnceCell<Lang>,
}

impl<'a> Scanner<'a> {
    fn run(&self, out: &mut Vec<Mention>) {
        let b = self.b;
        let mut last_end = 0;
        let mut i = 0;
        while i < b.len() {
            // Skip spaces and punctuation in a tight loop.
            while b.get(i).is_some_and(|&c| class(c) == OTHER) {
                i += 1;
            }
            let Some(&c) = b.get(i) else {
                break;
            };
            // The skip loop stopped on a digit, an ASCII letter or a lead byte: dispatch on the
            // class it has just loaded instead of testing the byte's ranges again.
            let class = class(c);
            let found = if class == DIGIT {
                let found = self.at_number(i);
                if found.is_none() {
                    i = word_end(b, i).max(i + 1);
                    continue;
                }
                found
            } else {
                let end = if class == ALPHA {
                    // An ASCII letter always starts a word: `end > i`.
                    word_end(b, i)
                } else if is_cont(at(b, i + 1)) {
                    let end = word_end(b, i);
                    if end == i {
                        // `×`, `÷`: a lead byte that starts no word.
                        i += 1;
                        continue;
                    }
                    end
                } else {
                    i += 1;
                    continue;
                };
                let found = self.at_screened_word(i, end);
                if found.is_none() {
                    i = end;
                    continue;
                }
                found
            };
            if let Some(mut mention) = found {
                mention.start = mention.start.max(last_end);
                if mention.end <= i || mention.start >= mention.end {
                    i += 1;
                    continue;
                }
                last_end = mention.end;
                i = mention.end;
                out.push(mention);
            }
        }
    }

    /// The mention the word `b[i..end]` (`end > i`) starts, if the pair and end screens let it
    /// through to the lexicon and the word is a trigger that makes one.
    #[inline]
    fn at_screened_word(&self, i: usize, end: usize) -> Option<Mention> {
        let b = self.b;
        let len = end - i;
        let (first, second) = screen_bytes(b, i, len);
        if lexicon::maybe_trigger_pair(first, second, len)
            && lexicon::maybe_trigger_ends(first, lower_last(b, i, end), len)
        {
            let word = lower(b, i, end);
            lexicon::lookup(word.text()).and_then(|lex| self.at_word(i, end, lex))
        } else {
            None
        }
    }

    fn lang(&self) -> Lang {
        *self.block_lang.get_or_init(|| {
            match detect_lang(std::str::from_utf8(self.b).unwrap_or("")) {
                Lang::Any => self.article_lang.get(),
                lang => lang,
            }
        })
    }

    fn mention(&self, start: usize, end: usize, value: Value, modifier: Modifier) -> Mention {
        Mention {
            start,
            end,
            value,
            modifier,
            in_url: false,
        }
    }

    // --- numbers -----------------------------------------------------------------------------

    fn at_number(&self, i: usize) -> Option<Mention> {
        let b = self.b;
        let (n, nd, e) = digits(b, i);
        if nd > 4 {
            return None;
        }
        // What stands right before the number.
        if i > 0 {
            match at(b, i - 1) {
                b'.' | b':' | b'#' | b'$' | b'+' | b'=' | b'_' | b'\\' => return None,
                b',' if i >= 2 && at(b, i - 2).is_ascii_digit() => return None,
                b'/' => {
                    return if nd == 4 {
                        self.url_date(i, n as i32, e)
                    } else {
                        None
                    }
                }
                // `COVID-19`, `GPT-4` are names; `mi-2024`, `mid-2024` are dates.
                b'-' if i >= 2
                    && !at(b, i - 2).is_ascii_whitespace()
                    && !word_before(b, i).is_some_and(|w| w.is_any(&["mi", "mid"])) =>
                {
                    return None;
                }
                0xA3 | 0xB0 | 0xBA if i >= 2 && at(b, i - 2) == 0xC2 => return None, // £ ° º
                0xAC if i >= 3 && at(b, i - 3) == 0xE2 => return None,               // €
                _ => {}
            }
            if apostrophe_len_before(b, i) > 0 && nd == 2 {
                return self.short_decade(i, n as i32, e);
            }
        }
        match nd {
            4 => self.at_year(i, n as i32, e),
            1 | 2 => self.at_small_number(i, n, e),
            _ => None,
        }
    }

    /// `/2025/06/` in a URL: a month (or day, or year) and a publication lower bound.
    fn url_date(&self, i: usize, year: i32, e: usize) -> Option<Mention> {
        let b = self.b;
        if !(1990..=2099).contains(&year) || !self.in_url(i) {
            return None;
        }
        let mut value = Value::Date(Point::year(year));
        let mut end = e;
        if at(b, e) == b'/' {
            let (m, nd, e2) = digits(b, e + 1);
            if nd == 2 && (1..=12).contains(&m) && !at(b, e2).is_ascii_alphanumeric() {
                value = Value::Date(Point::month(Some(year), m as u8));
                end = e2;
                if at(b, e2) == b'/' {
                    let (d, nd, e3) = digits(b, e2 + 1);
                    if nd == 2
                        && valid_day(year, m as u8, d as u8)
                        && !at(b, e3).is_ascii_alphanumeric()
                    {
                        value = Value::Date(Point::day(Some(year), m as u8, d as u8));
                        end = e3;
                    }
                }
            } else if at(b, e + 1).is_ascii_alphanumeric() && nd != 2 {
                // `/2025/some-slug`: the year alone.
            } else if nd > 0 {
                return None;
            }
        } else if at(b, e) == b'-' && digits(b, e + 1).1 == 2 {
            let (m, _, e2) = digits(b, e + 1);
            if !(1..=12).contains(&m) || at(b, e2).is_ascii_digit() {
                return None;
            }
            value = Value::Date(Point::month(Some(year), m as u8));
            end = e2;
        } else if !matches!(at(b, e), b'-' | b'.' | b'?' | b'#' | 0)
            && !at(b, e).is_ascii_whitespace()
        {
            return None;
        }
        let mut mention = self.mention(i, end, value, Modifier::None);
        mention.in_url = true;
        Some(mention)
    }

    fn in_url(&self, i: usize) -> bool {
        let b = self.b;
        let mut j = i;
        while j > 0 && !at(b, j - 1).is_ascii_whitespace() && at(b, j - 1) != b'(' && i - j < 400 {
            j -= 1;
        }
        let token = b.get(j..i).unwrap_or(&[]);
        contains(token, b"://") || contains(token, b"www.")
    }

    /// `'90s`, `’80s`.
    fn short_decade(&self, i: usize, n: i32, e: usize) -> Option<Mention> {
        let b = self.b;
        if at(b, e) != b's' || is_word_start(b, e + 1) || n % 10 != 0 {
            return None;
        }
        let start = i - apostrophe_len_before(self.b, i);
        let first = if n >= 30 { 1900 + n } else { 2000 + n };
        let back = look_back(b, start);
        Some(self.mention(back.start, e + 1, Value::Decade(first), back.modifier))
    }

    fn at_year(&self, i: usize, year: i32, e: usize) -> Option<Mention> {
        let b = self.b;
        if !(1000..=2199).contains(&year) {
            return None;
        }
        let next = at(b, e);
        if matches!(next, b'.' | b',') && at(b, e + 1).is_ascii_digit() {
            return None; // `2019.1`, `2019,5`: versions, decimals
        }
        if matches!(next, b'-' | b'_') && at(b, e + 1).is_ascii_alphabetic() {
            return None; // `1001-use-utc.patch`, `2001_dont`: names
        }
        if next == b'^' {
            return None; // `1024^2`: a power
        }
        if is_signed(b, i) {
            return None; // `ranging from -1000 to +1000`: a signed quantity
        }
        if in_slash_chain(b, i, e) {
            return None; // `LaserJet 1000/1005/1018`, `2200/2300/2430`: model numbers
        }
        // `1990s`, `1990’s` (but `1000s of` is a quantity)
        if year % 10 == 0 && year >= 1200 {
            let s_at = e + apostrophe_len(b, e);
            if at(b, s_at) == b's' && !is_word_start(b, s_at + 1) {
                let back = look_back(b, i);
                let start = if back.prev.is_some_and(|w| w.is("the")) && back.start == i {
                    i
                } else {
                    back.start
                };
                return Some(self.mention(start, s_at + 1, Value::Decade(year), back.modifier));
            }
        }
        if next.is_ascii_alphabetic()
            || next == b'%'
            || (is_letter_lead(next) && is_cont(at(b, e + 1)))
        {
            return None;
        }
        // `Installed-Size: 2077`, `Port: 2049`: a field whose name names a number (but
        // `Version: 2022-09-12` is a date).
        if !matches!(next, b'-' | b'/')
            && field_name_before(b, i).is_some_and(|w| lexicon::is_name_before_number(w.text()))
        {
            return None;
        }
        let back = look_back(b, i);
        if back
            .prev
            .is_some_and(|w| lexicon::is_name_before_number(w.text()))
            && back.modifier == Modifier::None
            && !back.context
        {
            return None;
        }
        // `for RFC\n2047 encoding`: the name ends the line before, wrapped prose.
        if back.prev.is_none()
            && i > 0
            && at(b, i - 1) == b'\n'
            && word_before(b, i - 1).is_some_and(|w| lexicon::is_name_before_number(w.text()))
        {
            return None;
        }
        // `defaults to 2000`, `default is 2000`: a setting's value, not a year.
        if back.modifier == Modifier::None && is_default_value(b, i, back.prev) {
            return None;
        }
        if self.in_number_list(i, e, back.context) {
            return None;
        }
        if let Some((end, value)) = self.year_dash(year, e) {
            return Some(self.mention(back.start, end, value, back.modifier));
        }
        // `1024-65011712`, `ISO/R 2015-1971`: a span or a code of numbers that no year ends
        // (a short tail, `2001-4`, `1993-4`, stays a date).
        if dash_at(b, e).is_some_and(|(len, _)| digits(b, e + len).1 >= 4) {
            return None;
        }
        if self.span_to_quantity(e) {
            return None;
        }
        if self.quantity_after(e) {
            return None;
        }
        if let Some(range) = self.range_after(i, e, Point::year(year), &back) {
            return Some(range);
        }
        // A year opening a line counts when it heads an entry (`1789 :`, `1789 - `) or, when
        // modern, stands alone (man pages and tables break old-year-like numbers onto lines of
        // their own: `KB\n1000\n\nK\n1024`); `1100-16i` (a model name) does not.
        let line_start = (i == 0 || at(b, i - 1) == b'\n') && {
            let s = skip_spaces(b, e);
            at(b, s) == b':'
                || (matches!(at(b, s), b'\n' | 0) && year >= 1900)
                || dash_at(b, s).is_some_and(|(len, _)| matches!(at(b, s + len), b' ' | b'\n' | 0))
        };
        let paren = i > 0 && at(b, i - 1) == b'(';
        let plausible = if year < 1900 {
            // An old year needs more than a number's usual company: `puissances de 1000`,
            // `a value of 1500`, `default (1000)`, `open(1234, 0)` are quantities.
            let weak = back
                .prev
                .is_some_and(|w| WEAK_CONTEXT.iter().any(|weak| w.is(weak)));
            // `up to 1024 pipes` bounds a quantity; `jusqu'en 1789` is a date.
            let up_to = word_at(b, back.start).is_some_and(|w| w.is("up"));
            let strong = back.context && (!weak || back.modifier != Modifier::None) && !up_to;
            // `Bach (1685)` is a year (`the default (1500)` was refused by `is_default_value`).
            strong || (paren && at(b, e) == b')' && year >= 1400) || line_start
        } else {
            (1900..=2099).contains(&year) || back.context || paren || line_start
        };
        if plausible {
            return Some(self.mention(
                back.start,
                e,
                Value::Date(Point::year(year)),
                back.modifier,
            ));
        }
        None
    }

    /// After a year: `-2018`, `–95`, `-02-15` (ISO), `-05` (ISO month), `/2020`.
    fn year_dash(&self, year: i32, e: usize) -> Option<(usize, Value)> {
        let b = self.b;
        let s = skip_spaces(b, e);
        let spaced = s > e;
        let (len, kind, slash) = if at(b, s) == b'/' {
            (1, Dash::Hyphen, true)
        } else {
            let (len, kind) = dash_at(b, s)?;
            (len, kind, false)
        };
        let s2 = skip_spaces(b, s + len);
        if (s2 > s + len) != spaced {
            return None; // `2019 -2020` is not a range
        }
        let (n2, nd2, e2) = digits(b, s2);
        if at(b, e2).is_ascii_alphanumeric()
            || (at(b, e2) == b'.' && at(b, e2 + 1).is_ascii_digit())
        {
            return None;
        }
        let n2 = n2 as i32;
        match nd2 {
            4 if year < n2 && n2 <= year + 100 => {
                Some((e2, Value::Range(Point::year(year), Point::year(n2))))
            }
            // `2009-4-4`: an ISO day written without padding.
            1 if !spaced && !slash && kind == Dash::Hyphen && at(b, e2) == b'-' => {
                let (d, nd3, e3) = digits(b, e2 + 1);
                let ok = (1..=2).contains(&nd3)
                    && valid_day(year, n2 as u8, d as u8)
                    && !at(b, e3).is_ascii_alphanumeric()
                    && !(at(b, e3) == b'.' && at(b, e3 + 1).is_ascii_digit());
                ok.then(|| (e3, Value::Date(Point::day(Some(year), n2 as u8, d as u8))))
            }
            2 if !spaced => {
                let leading_zero = at(b, s2) == b'0';
                // ISO `2023-02-15` / `2023/02/15`
                let third = at(b, e2) == if slash { b'/' } else { b'-' };
                if third && (1..=12).contains(&n2) {
                    let (d, nd3, e3) = digits(b, e2 + 1);
                    // `2021-05-05T10:00` is an ISO timestamp: the day.
                    let time_follows = at(b, e3) == b'T' && at(b, e3 + 1).is_ascii_digit();
                    if nd3 == 2
                        && valid_day(year, n2 as u8, d as u8)
                        && (!at(b, e3).is_ascii_alphanumeric() || time_follows)
                        && !(at(b, e3) == b'.' && at(b, e3 + 1).is_ascii_digit())
                    {
                        return Some((e3, Value::Date(Point::day(Some(year), n2 as u8, d as u8))));
                    }
                    return None;
                }
                if third {
                    return None;
                }
                if kind == Dash::Hyphen
                    && !slash
                    && (1..=12).contains(&n2)
                    && (leading_zero || n2 <= year % 100)
                {
                    return Some((e2, Value::Date(Point::month(Some(year), n2 as u8))));
                }
                if n2 > year % 100 {
                    let end_year = year - year % 100 + n2;
                    return Some((e2, Value::Range(Point::year(year), Point::year(end_year))));
                }
                None
            }
            _ => None,
        }
    }

    /// The year-like number at `i..e` stands in a list of numbers that goes on with one that is
    /// no year, after a number too or after `ou`, `or`, `and`... (`blocs de 512, 2048 ou
    /// 4096`, `512-, 2048- lub 4096-bajtowych`, `either 2048 or 3072`): a quantity too. A list
    /// that ends with it is a citation's pages then its year (`819-825, 2003.`), and a
    /// preposition makes it a date (`en 2019 et 300 salariés`).
    fn in_number_list(&self, i: usize, e: usize, context: bool) -> bool {
        let b = self.b;
        if context {
            return false;
        }
        let mut k = e;
        let mut linked = matches!(at(b, k), b'-' | b',' | b'/');
        if linked {
            k += 1;
        }
        k = skip_spaces(b, k);
        let mut conjunction = false;
        if let Some(w) = word_at(b, k) {
            if !w.is_any(&["ou", "or", "et", "and", "lub", "oder", "und"]) {
                return false;
            }
            (linked, conjunction) = (true, true);
            k = skip_spaces(b, w.end);
        }
        let (n, nd, end) = digits(b, k);
        let goes_on = linked
            && nd > 0
            && is_quantity_number(n, nd)
            && !(at(b, end) == b'.' && at(b, end + 1).is_ascii_digit());
        if !goes_on {
            return false;
        }
        conjunction || self.number_before_in_list(i)
    }

    /// A number that is no year stands before `i`, then `,`, `-` or `/` (`512, 2048`).
    fn number_before_in_list(&self, i: usize) -> bool {
        let b = self.b;
        let mut j = i;
        let mut marks = 0;
        while j > 0 && marks <= 2 {
            match at(b, j - 1) {
                b' ' => {}
                b',' | b'-' | b'/' => marks += 1,
                _ => break,
            }
            j -= 1;
        }
        marks > 0 && number_ending_at(b, j).is_some_and(|(n, nd)| is_quantity_number(n, nd))
    }

    /// The number ending at `e` opens a span that ends on a number no year is: `from 1024 to
    /// 8192`, `from 1024 up to 65536`, `de 1500 à 300000`.
    fn span_to_quantity(&self, e: usize) -> bool {
        let b = self.b;
        let mut k = skip_spaces(b, e);
        let Some(mut w) = word_at(b, k) else {
            return false;
        };
        if w.is("up") {
            k = skip_spaces(b, w.end);
            match word_at(b, k) {
                Some(to) if to.is("to") => w = to,
                _ => return false,
            }
        }
        if !w.is_any(SPAN_ENDS) {
            return false;
        }
        k = skip_spaces(b, w.end);
        let (n, nd, end) = digits(b, k);
        nd > 0
            && is_quantity_number(n, nd)
            && !at(b, end).is_ascii_alphanumeric()
            && !(at(b, end) == b'.' && at(b, end + 1).is_ascii_digit())
    }

    /// Is the word after `e` a unit that makes the number a quantity (`2048 bits`)?
    fn quantity_after(&self, e: usize) -> bool {
        let b = self.b;
        let s = skip_spaces(b, e);
        match at(b, s) {
            b'%' | b'$' => return true,
            0xE2 if at(b, s + 1) == 0x82 && at(b, s + 2) == 0xAC => return true, // €
            0xC2 if at(b, s + 1) == 0xA3 => return true,                         // £
            _ => {}
        }
        word_at(b, s).is_some_and(|w| lexicon::is_quantity_word(w.text()))
    }

    /// `1 2 3`: day numbers, numeric dates, `1er trimestre`.
    fn at_small_number(&self, i: usize, n: u32, e: usize) -> Option<Mention> {
        let b = self.b;
        let nd = e - i;
        if matches!(at(b, e), b'/' | b'.' | b'-') && at(b, e + 1).is_ascii_digit() {
            let date = self.numeric_date(i, n, e);
            // `23-25 June 2016` is a day range; `2.4`, `3/4` are nothing.
            if date.is_some() || at(b, e) != b'-' {
                return date;
            }
        }
        // `the 90s`, `early 80s`
        if at(b, e) == b's' && !is_word_start(b, e + 1) && nd == 2 && n.is_multiple_of(10) {
            let back = look_back(b, i);
            let ok = back.modifier != Modifier::None
                || back.prev.is_some_and(|w| w.is_any(&["the", "les", "des"]));
            let first = if n >= 30 {
                1900 + n as i32
            } else {
                2000 + n as i32
            };
            return ok
                .then(|| self.mention(back.start, e + 1, Value::Decade(first), back.modifier));
        }
        // Ordinal suffix: `1er`, `2e`, `16th`.
        let mut c = e;
        if let Some(suffix) = word_at(b, e) {
            if !suffix.is_any(&["er", "re", "e", "ème", "eme", "è", "st", "nd", "rd", "th"]) {
                return None;
            }
            c = suffix.end;
        }
        let after = skip_spaces(b, c);
        if after == c {
            // Only a dash may touch the number: `23-25 June 2016`.
            if c == e && dash_at(b, e).is_some() && (1..=31).contains(&n) {
                let back = look_back(b, i);
                return self.range_after(i, e, Point::day(None, 0, n as u8), &back);
            }
            return None;
        }
        let mut m_at = after;
        if let Some(w) = word_at(b, after) {
            if w.is("of") {
                m_at = skip_spaces(b, w.end);
            }
            if let Some(Lex::Quarter { half }) = lexicon::lookup(w.text()) {
                if (1..=4).contains(&n) && (!half || n <= 2) && c > e {
                    return self.quarter_tail(i, w.end, n as u8, half);
                }
            }
        }
        if let Some((m_end, month)) = self.month_word_at(m_at) {
            if !(1..=31).contains(&n) {
                return None;
            }
            let (end, year) = match self.year_after(m_end) {
                Some((end, y)) => (end, Some(y)),
                None => (m_end, None),
            };
            if !valid_day(year.unwrap_or(2000), month, n as u8) {
                return None;
            }
            let point = Point::day(year, month, n as u8);
            let back = look_back(b, i);
            if let Some(range) = self.range_after(i, end, point, &back) {
                return Some(range);
            }
            return Some(self.mention(back.start, end, Value::Date(point), back.modifier));
        }
        // `23 au 25 juin 2016`, `23-25 June 2016`
        if c == e && (1..=31).contains(&n) {
            let back = look_back(b, i);
            if let Some(range) = self.range_after(i, e, Point::day(None, 0, n as u8), &back) {
                return Some(range);
            }
        }
        None
    }

    /// `19/02/25`, `19.02.2025`, `02/19/2025` (English), `19-02-2025`.
    fn numeric_date(&self, i: usize, a: u32, e: usize) -> Option<Mention> {
        let b = self.b;
        let sep = at(b, e);
        let (m, nd2, e2) = digits(b, e + 1);
        if nd2 == 0 || nd2 > 2 || at(b, e2) != sep {
            return None;
        }
        // Dotted triples are versions (`4.5.2020`) unless written like dates (`04.05.2020`).
        if sep == b'.' && (e - i != 2 || nd2 != 2) {
            return None;
        }
        let (y, nd3, e3) = digits(b, e2 + 1);
        let year = match nd3 {
            4 => y as i32,
            2 if sep == b'/' => {
                // Two-digit years pivot at 50: `25` is 2025, `98` is 1998.
                if y < 50 {
                    2000 + y as i32
                } else {
                    1900 + y as i32
                }
            }
            _ => return None,
        };
        if !(1000..=2199).contains(&year) {
            return None;
        }
        let next = at(b, e3);
        if next.is_ascii_alphanumeric()
            || (matches!(next, b'/' | b'.' | b'-' | b',' | b':') && at(b, e3 + 1).is_ascii_digit())
        {
            return None;
        }
        // Day first unless only month-first fits, or the block is English (`02/19/2025`).
        let month_first = a <= 12 && (m > 12 || self.lang() == Lang::En);
        let (day, month) = if month_first { (m, a) } else { (a, m) };
        if !(1..=12).contains(&month) || !valid_day(year, month as u8, day as u8) {
            return None;
        }
        let back = look_back(b, i);
        Some(self.mention(
            back.start,
            e3,
            Value::Date(Point::day(Some(year), month as u8, day as u8)),
            back.modifier,
        ))
    }

    /// A month name at `i` that is really a month here; returns (end, month), the end past an
    /// abbreviation's dot.
    fn month_word_at(&self, i: usize) -> Option<(usize, u8)> {
        let b = self.b;
        let w = word_at(b, i)?;
        let Some(Lex::Month {
            month,
            lang,
            abbrev,
        }) = lexicon::lookup(w.text())
        else {
            return None;
        };
        if lang == Lang::En && !is_capital(b, i) {
            return None;
        }
        let mut end = w.end;
        if abbrev && at(b, end) == b'.' {
            end += 1;
        }
        Some((end, month))
    }

    /// An optional year after a day or month: ` 2016`, `, 2016`, ` de 2016`, ` of 2016`.
    fn year_after(&self, e: usize) -> Option<(usize, i32)> {
        let b = self.b;
        let mut s = e;
        if at(b, s) == b',' {
            s += 1;
        }
        let s2 = skip_spaces(b, s);
        if s2 == e {
            return None;
        }
        let mut s = s2;
        if let Some(w) = word_at(b, s) {
            if w.is("of") {
                s = skip_spaces(b, w.end);
            }
        }
        self.year_token(s)
    }

    /// A four-digit year token at `s`.
    fn year_token(&self, s: usize) -> Option<(usize, i32)> {
        let b = self.b;
        let (y, nd, e) = digits(b, s);
        if nd != 4 || !(1000..=2199).contains(&y) {
            return None;
        }
        let next = at(b, e);
        if next.is_ascii_alphanumeric()
            || (matches!(next, b'.' | b',') && at(b, e + 1).is_ascii_digit())
            || self.quantity_after(e)
        {
            return None;
        }
        Some((e, y as i32))
    }

    /// A point at `s`, as the second half of a range: `1997`, `décembre 1997`, `9 juillet 2016`,
    /// `July 9, 2016`, `25 juin`, `25`.
    fn point_at(&self, s: usize) -> Option<(usize, Point)> {
        let b = self.b;
        if at(b, s).is_ascii_digit() {
            let (n, nd, e) = digits(b, s);
            if nd == 4 {
                let (e, y) = self.year_token(s)?;
                return Some((e, Point::year(y)));
            }
            if nd > 2 || !(1..=31).contains(&n) {
                return None;
            }
            let mut c = e;
            if let Some(suffix) = word_at(b, e) {
                if !suffix.is_any(&["er", "e", "st", "nd", "rd", "th"]) {
                    return None;
                }
                c = suffix.end;
            }
            if let Some((m_end, month)) = self.month_word_at(skip_spaces(b, c)) {
                let (end, year) = match self.year_after(m_end) {
                    Some((end, y)) => (end, Some(y)),
                    None => (m_end, None),
                };
                return Some((end, Point::day(year, month, n as u8)));
            }
            return Some((c, Point::day(None, 0, n as u8)));
        }
        let (m_end, month) = self.month_word_at(s)?;
        // `July 9, 2016`
        let d_at = skip_spaces(b, m_end);
        let (d, nd, d_end) = digits(b, d_at);
        if d_at > m_end && (1..=2).contains(&nd) && (1..=31).contains(&d) {
            let mut c = d_end;
            if let Some(suffix) = word_at(b, d_end) {
                if suffix.is_any(&["st", "nd", "rd", "th"]) {
                    c = suffix.end;
                } else {
                    return None;
                }
            }
            let (end, year) = match self.year_after(c) {
                Some((end, y)) => (end, Some(y)),
                None => (c, None),
            };
            return Some((end, Point::day(year, month, d as u8)));
        }
        match self.year_after(m_end) {
            Some((end, y)) => Some((end, Point::month(Some(y), month))),
            None => Some((m_end, Point::month(None, month))),
        }
    }

    /// A range continuing after `first` (which ends at `e`): `2019 et 2021` after `entre`,
    /// `avril 1996 à décembre 1997`, `23 juin au 9 juillet 2016`, `April 1996 to December 1997`.
    fn range_after(&self, i: usize, e: usize, first: Point, back: &Back) -> Option<Mention> {
        let b = self.b;
        let s = skip_spaces(b, e);
        let (conn_end, by_word) = if let Some((len, _)) = dash_at(b, s) {
            (s + len, false)
        } else {
            let w = word_at(b, s)?;
            let ok = match back.starter {
                Some((_, Starter::Between)) => w.is_any(&["et", "and"]),
                Some((_, Starter::From)) => w.is_any(SPAN_ENDS),
                None => first.month != 0 && w.is_any(&["au", "to", "until", "through"]),
            };
            if !ok || s == e {
                return None;
            }
            (w.end, true)
        };
        let p2_at = skip_spaces(b, conn_end);
        if by_word && p2_at == conn_end {
            return None;
        }
        let (end, mut second) = self.point_at(p2_at)?;
        let mut first = first;
        // Complete each side from the other: `23 au 25 juin 2016`, `avril à décembre 1997`.
        if first.day != 0 && first.month == 0 {
            if second.month == 0 || second.day == 0 {
                return None;
            }
            first.month = second.month;
        }
        if first.year.is_some() && second.year.is_none() && second.month == 0 {
            return None;
        }
        if first.year.is_none() {
            let y2 = second.year?;
            first.year = Some(if first.month > second.month && second.month != 0 {
                y2 - 1
            } else {
                y2
            });
        }
        if second.year.is_none() {
            second.year = first.year;
        }
        // A plain year range needs its words (`entre 2019 et 2021`); both sides must agree in kind.
        if (first.month == 0) != (second.month == 0) && first.month == 0 {
            return None;
        }
        if first.month == 0 && second.month == 0 && back.starter.is_none() {
            return None;
        }
        if (first.day == 0) != (second.day == 0) && first.day != 0 && second.month == 0 {
            return None;
        }
        let (sy, ey) = (first.year?, second.year?);
        if (sy, first.month, first.day) >= (ey, second.month, second.day) || ey - sy > 200 {
            return None;
        }
        let start = match back.starter {
            Some((start, _)) => start.min(back.start),
            None => back.start,
        };
        let _ = i;
        Some(self.mention(start, end, Value::Range(first, second), back.modifier))
    }

    // --- words -------------------------------------------------------------------------------

    fn at_word(&self, i: usize, end: usize, lex: Lex) -> Option<Mention> {
        match lex {
            Lex::Month {
                month,
                lang,
                abbrev,
            } => self.at_month(i, end, month, lang, abbrev),
            Lex::Season { season, lang } => self.at_season(i, end, season, lang),
            Lex::Ref(kind) => self.at_ref(i, end, kind),
            Lex::Unit { unit, plural, lang } => self.at_unit(i, end, unit, plural, lang),
            Lex::Ordinal(n) => self.at_ordinal(i, end, n),
            Lex::Quarter { .. } => None,
            Lex::QuarterTag { index, half } => {
                let (y_end, year) = self.year_after(end)?;
                let value = if half {
                    Value::Half(Some(year), index)
                } else {
                    Value::Quarter(Some(year), index)
                };
                let back = look_back(self.b, i);
                Some(self.mention(back.start, y_end, value, back.modifier))
            }
            Lex::Set(code) => Some(self.mention(i, end, Value::Set(code), Modifier::None)),
            Lex::RelDay(offset) => Some(self.mention(
                i,
                end,
                Value::Rel {
                    unit: Unit::Day,
                    offset: i32::from(offset),
                },
                Modifier::None,
            )),
            Lex::Century => self.at_century(i, end),
            Lex::Aujourd => {
                let a = apostrophe_len(self.b, end);
                let w = word_at(self.b, end + a)?;
                (a > 0 && w.is("hui"))
                    .then(|| self.mention(i, w.end, Value::Ref(RefKind::Present), Modifier::None))
            }
            Lex::Jusqu => {
                let a = apostrophe_len(self.b, end);
                let w = word_at(self.b, end + a)?;
                (a > 0 && w.is("alors"))
                    .then(|| self.mention(i, w.end, Value::Ref(RefKind::Past), Modifier::None))
            }
            Lex::Past | Lex::Future => {
                let words = words_before(self.b, i);
                let (w0, w1) = (words[0]?, words[1]?);
                let phrase = (w0.is("le") && w1.is_any(&["par", "dans"]))
                    || (w0.is("the") && w1.is("in"))
                    || (w0.is("l") && w1.is_any(&["à", "a"]) && lex == Lex::Future);
                let kind = if lex == Lex::Past {
                    RefKind::Past
                } else {
                    RefKind::Future
                };
                phrase.then(|| self.mention(w1.start, end, Value::Ref(kind), Modifier::None))
            }
        }
    }

    fn at_month(
        &self,
        i: usize,
        end: usize,
        month: u8,
        lang: Lang,
        abbrev: bool,
    ) -> Option<Mention> {
        let b = self.b;
        if lang == Lang::En && !is_capital(b, i) {
            return None; // `may`, `march` are verbs
        }
        let mut c = end;
        if abbrev && at(b, c) == b'.' {
            c += 1;
        }
        let back = look_back(b, i);
        // `June 6, 2005`, `August 16th, 1993`
        let d_at = skip_spaces(b, c);
        let (d, nd, d_end) = digits(b, d_at);
        if d_at > c && (1..=2).contains(&nd) && (1..=31).contains(&d) && lang != Lang::Fr {
            let mut e = d_end;
            let mut suffix_ok = true;
            if let Some(suffix) = word_at(b, d_end) {
                suffix_ok = suffix.is_any(&["st", "nd", "rd", "th"]);
                e = suffix.end;
            }
            if suffix_ok && !at(b, e).is_ascii_digit() {
                let year = self.year_after(e);
                if year.is_none() && valid_day(2000, month, d as u8) {
                    // `from June 23 to July 9, 2016`
                    let point = Point::day(None, month, d as u8);
                    if let Some(range) = self.range_after(i, e, point, &back) {
                        return Some(range);
                    }
                }
                // `May 5 the board met`: a day unless a quantity follows (`March 3 times`).
                let quantity = self.quantity_after(e) || at(b, skip_spaces(b, e)).is_ascii_digit();
                if year.is_some() || !quantity {
                    let (end, year) = match year {
                        Some((end, y)) => (end, Some(y)),
                        None => (e, None),
                    };
                    if valid_day(year.unwrap_or(2000), month, d as u8) {
                        let point = Point::day(year, month, d as u8);
                        if let Some(range) = self.range_after(i, end, point, &back) {
                            return Some(range);
                        }
                        return Some(self.mention(
                            back.start,
                            end,
                            Value::Date(point),
                            back.modifier,
                        ));
                    }
                }
            }
        }
        if let Some((y_end, year)) = self.year_after(c) {
            let point = Point::month(Some(year), month);
            if let Some(range) = self.range_after(i, y_end, point, &back) {
                return Some(range);
            }
            return Some(self.mention(back.start, y_end, Value::Date(point), back.modifier));
        }
        if abbrev {
            return None;
        }
        let point = Point::month(None, month);
        // `d’avril à décembre 1997`, `mai-juin 2025`
        if let Some(range) = self.range_after(i, c, point, &back) {
            return Some(range);
        }
        if !back.context && back.modifier == Modifier::None {
            return None;
        }
        // French months are written lowercase: a capital `Mars` inside a sentence is the planet.
        if lang == Lang::Fr && is_capital(b, i) && !sentence_start(b, back.start) {
            return None;
        }
        // French months are lowercase: a capital `Mars` after `en` is still a month, but a bare
        // capitalised French month mid-sentence with no context never got here.
        Some(self.mention(back.start, c, Value::Date(point), back.modifier))
    }

    fn at_season(&self, i: usize, end: usize, season: Season, lang: Lang) -> Option<Mention> {
        let b = self.b;
        let back = look_back(b, i);
        let prev = back.prev;
        // `a été`, `ont été`: the participle.
        if prev.is_some_and(|w| {
            w.is_any(&[
                "a", "ai", "as", "avons", "avez", "ont", "avait", "avaient", "avais", "aurait",
                "auraient", "aura", "auront", "ayant", "eût", "être", "est", "sont", "été", "pas",
                "jamais", "aussi", "déjà", "bien", "tout", "toujours",
            ])
        }) {
            return None;
        }
        let mut c = end;
        if let Some(w) = word_after(b, end) {
            if w.is_any(&["de", "of"]) {
                c = w.end;
            }
        }
        if let Some((y_end, year)) = self.year_after(c).or_else(|| self.year_after(end)) {
            return Some(self.mention(
                back.start,
                y_end,
                Value::Season(Some(year), season),
                back.modifier,
            ));
        }
        let context = match lang {
            Lang::En => {
                prev.is_some_and(|w| w.is_any(&["this", "last", "next"]))
                    || (prev.is_some_and(|w| w.is("the"))
                        && word_before(b, prev.map_or(i, |w| w.start))
                            .is_some_and(|w| w.is_any(&["in", "during"])))
            }
            _ => {
                prev.is_some_and(|w| w.is_any(&["l", "cet", "ce", "en", "au"]))
                    || back.modifier != Modifier::None
            }
        };
        if !context {
            return None;
        }
        let start = match prev {
            Some(w) if back.start == i => w.start,
            _ => back.start,
        };
        Some(self.mention(start, end, Value::Season(None, season), back.modifier))
    }

    fn at_ref(&self, i: usize, end: usize, kind: RefKind) -> Option<Mention> {
        let words = words_before(self.b, i);
        let mut start = i;
        if let (Some(w0), Some(w1)) = (words[0], words[1]) {
            if w0.is_any(&["à", "a"]) && w1.is("jusqu") {
                start = w1.start;
            }
        }
        if let Some(w0) = words[0] {
            if w0.is("until") {
                start = w0.start;
            }
        }
        Some(self.mention(start, end, Value::Ref(kind), Modifier::None))
    }

    fn at_ordinal(&self, i: usize, end: usize, n: u8) -> Option<Mention> {
        let b = self.b;
        let w = word_after(b, end)?;
        if let Some(Lex::Quarter { half }) = lexicon::lookup(w.text()) {
            if half && n > 2 {
                return None;
            }
            return self.quarter_tail(i, w.end, n, half);
        }
        // `le premier juillet 2001`
        if n == 1 && word_at(b, i).is_some_and(|o| o.is_any(&["premier", "première"])) {
            let (m_end, month) = self.month_word_at(w.start)?;
            let (end, year) = match self.year_after(m_end) {
                Some((end, y)) => (end, Some(y)),
                None => (m_end, None),
            };
            let back = look_back(b, i);
            return Some(self.mention(
                back.start,
                end,
                Value::Date(Point::day(year, month, 1)),
                back.modifier,
            ));
        }
        None
    }

    /// After `premier trimestre` / `1er trimestre` / `first quarter`: `2001`, `de 2001`, `of 2001`.
    fn quarter_tail(&self, i: usize, e: usize, n: u8, half: bool) -> Option<Mention> {
        let b = self.b;
        let mut c = e;
        if let Some(w) = word_after(b, e) {
            if w.is_any(&["de", "du", "of", "en", "in"]) {
                c = w.end;
            }
        }
        let back = look_back(b, i);
        let (end, year) = match self.year_after(c) {
            Some((end, y)) => (end, Some(y)),
            None => {
                let ok = back
                    .prev
                    .is_some_and(|w| w.is_any(&["au", "du", "ce", "le", "this", "last", "next"]));
                if !ok {
                    return None;
                }
                (e, None)
            }
        };
        let value = if half {
            Value::Half(year, n)
        } else {
            Value::Quarter(year, n)
        };
        Some(self.mention(back.start, end, value, back.modifier))
    }

    fn at_unit(
        &self,
        i: usize,
        end: usize,
        unit: Unit,
        plural: bool,
        lang: Lang,
    ) -> Option<Mention> {
        let b = self.b;
        // `les années 1980`, `années 80`
        if unit == Unit::Year && plural && lang == Lang::Fr {
            let s = skip_spaces(b, end);
            let (n, nd, e) = digits(b, s);
            if s > end && !at(b, e).is_ascii_alphanumeric() && n % 10 == 0 {
                let first = match nd {
                    4 if (1000..=2190).contains(&n) => Some(n as i32),
                    2 => Some(if n >= 30 {
                        1900 + n as i32
                    } else {
                        2000 + n as i32
                    }),
                    _ => None,
                };
                if let Some(first) = first {
                    let words = words_before(b, i);
                    let mut back = look_back(b, i);
                    if back.modifier == Modifier::None {
                        if let Some(w) = words[0].filter(|w| w.is_any(&["les", "des", "aux"])) {
                            back.start = w.start;
                            if let Some(w1) = words[1]
                                .filter(|w| w.is_any(&["dans", "depuis", "durant", "pendant"]))
                            {
                                back.start = w1.start;
                            }
                        }
                    }
                    return Some(self.mention(back.start, e, Value::Decade(first), back.modifier));
                }
            }
        }
        let words = words_before(b, i);
        let next = word_after(b, end);
        let next_is = |list: &[&str]| next.is_some_and(|w| w.is_any(list));
        // `dans les mois à venir`, `les semaines à venir`
        if next_is(&["à", "a"]) {
            if let Some(venir) = next
                .and_then(|w| word_after(b, w.end))
                .filter(|w| w.is("venir"))
            {
                let mut start = i;
                for w in words.iter().flatten() {
                    if w.is_any(&["les", "des", "dans", "prochaines", "prochains", "quelques"]) {
                        start = w.start;
                    } else {
                        break;
                    }
                }
                return Some(self.mention(
                    start,
                    venir.end,
                    Value::Ref(RefKind::Future),
                    Modifier::None,
                ));
            }
        }
        let w0 = words[0];
        let w1 = words[1];
        let is0 = |list: &[&str]| w0.is_some_and(|w| w.is_any(list));
        let is1 = |list: &[&str]| w1.is_some_and(|w| w.is_any(list));
        // `l’an dernier`, `l’année prochaine`, `le mois dernier`, `la semaine prochaine`
        if !plural && is0(&["l", "le", "la"]) {
            let offset = match next {
                Some(w) if w.is_any(&["dernier", "dernière", "passé", "passée"]) => {
                    Some((-1, false))
                }
                Some(w) if w.is_any(&["prochain", "prochaine"]) => Some((1, false)),
                Some(w) if w.is_any(&["précédent", "précédente"]) => Some((-1, true)),
                Some(w) if w.is_any(&["suivant", "suivante"]) => Some((1, true)),
                _ => None,
            };
            if let (Some((offset, anaphoric)), Some(n), Some(article)) = (offset, next, w0) {
                let value = if anaphoric {
                    Value::Anaphoric { unit, offset }
                } else {
                    Value::Rel { unit, offset }
                };
                return Some(self.mention(article.start, n.end, value, Modifier::None));
            }
        }
        // `cette année`, `this year`, `last year`, `next month`
        if !plural {
            let offset = match w0 {
                Some(w) if w.is_any(&["cette", "cet", "ce", "this"]) => Some(0),
                Some(w) if w.is("last") => Some(-1),
                // English determiners go with English units, French with French (`that an`).
                Some(w)
                    if lang == Lang::Fr
                        && w.is_any(&[
                            "that",
                            "same",
                            "following",
                            "next",
                            "last",
                            "this",
                            "previous",
                            "preceding",
                        ]) =>
                {
                    None
                }
                Some(w) if lang == Lang::En && w.is_any(&["cette", "cet", "ce", "même"]) => None,
                Some(w) if w.is_any(&["next", "following"]) && is1(&["the"]) => {
                    return self.anaphoric(w1, end, unit, 1);
                }
                Some(w) if w.is("same") && is1(&["the"]) => {
                    return self.anaphoric(w1, end, unit, 0);
                }
                Some(w) if w.is("même") && is1(&["la", "le"]) => {
                    return self.anaphoric(w1, end, unit, 0);
                }
                Some(w) if w.is("that") => return self.anaphoric(w0, end, unit, 0),
                Some(w) if w.is("next") => Some(1),
                Some(w) if w.is_any(&["previous", "preceding"]) && is1(&["the"]) => {
                    return self.anaphoric(w1, end, unit, -1);
                }
                Some(w) if w.is("following") && is1(&["the"]) => {
                    return self.anaphoric(w1, end, unit, 1);
                }
                _ => None,
            };
            if let (Some(offset), Some(w)) = (offset, w0) {
                // `ce mois-ci`
                let mut e = end;
                if at(b, e) == b'-' && word_at(b, e + 1).is_some_and(|w| w.is("ci")) {
                    e += 3;
                }
                return Some(self.mention(w.start, e, Value::Rel { unit, offset }, Modifier::None));
            }
        }
        // A count before the unit: `il y a deux ans`, `two years ago`, `pendant des mois`.
        let count = w0.and_then(|w| count_word(w.text()));
        if let (Some(count), Some(num)) = (count, w0) {
            // `il y a N unit`
            if let (Some(a), Some(y), Some(il)) = (w1, words[2], words[3]) {
                if a.is("a") && y.is("y") && il.is("il") {
                    return Some(self.rel_or_ref(
                        il.start,
                        end,
                        unit,
                        count.map(|c| -(c as i32)),
                        RefKind::Past,
                    ));
                }
            }
            // `two years later`, `deux ans plus tard`, `trois ans après`: from the narrative.
            if let (Some(n), Some(count)) = (next, count) {
                let later = n.is_any(&["later", "après"])
                    || (n.is("plus") && word_after(b, n.end).is_some_and(|t| t.is("tard")));
                let earlier = n.is("earlier")
                    || (n.is("plus") && word_after(b, n.end).is_some_and(|t| t.is("tôt")));
                if later || earlier {
                    let tail = if n.is("plus") {
                        word_after(b, n.end).map_or(n.end, |t| t.end)
                    } else {
                        n.end
                    };
                    let offset = if later { count as i32 } else { -(count as i32) };
                    let value = Value::Anaphoric { unit, offset };
                    return Some(self.mention(num.start, tail, value, Modifier::None));
                }
            }
            if next_is(&["ago"]) {
                let ago_end = next.map_or(end, |w| w.end);
                return Some(self.rel_or_ref(
                    num.start,
                    ago_end,
                    unit,
                    count.map(|c| -(c as i32)),
                    RefKind::Past,
                ));
            }
            // `the past few years`, `the last two months`, `the next few weeks`
            if is1(&[
                "past",
                "last",
                "next",
                "coming",
                "derniers",
                "dernières",
                "prochains",
                "prochaines",
            ]) && plural
            {
                let kind = if is1(&["past", "last", "derniers", "dernières"]) {
                    RefKind::Past
                } else {
                    RefKind::Future
                };
                let start = w1.map_or(num.start, |w| w.start);
                return Some(self.mention(start, end, Value::Ref(kind), Modifier::None));
            }
            if is1(&["depuis", "pendant", "durant", "for", "over"]) {
                let start = w1.map_or(num.start, |w| w.start);
                return Some(self.mention(
                    start,
                    end,
                    Value::Duration { unit, count },
                    Modifier::None,
                ));
            }
            if is1(&["dans", "in"]) && count.is_some() && !next_is(&["de", "of"]) {
                let start = w1.map_or(num.start, |w| w.start);
                return Some(self.rel_or_ref(
                    start,
                    end,
                    unit,
                    count.map(|c| c as i32),
                    RefKind::Future,
                ));
            }
            return None;
        }
        // `ces dernières années`, `les derniers mois`, `in recent years`, `the past few years`
        if plural {
            if is0(&["dernières", "derniers"])
                && (is1(&["ces", "les"]) || w1.is_some_and(|w| count_word(w.text()).is_some()))
            {
                let start = w1.map_or(i, |w| w.start);
                return Some(self.mention(start, end, Value::Ref(RefKind::Past), Modifier::None));
            }
            if is0(&["recent"]) {
                let start = w0.map_or(i, |w| w.start);
                return Some(self.mention(start, end, Value::Ref(RefKind::Past), Modifier::None));
            }
            if is0(&["prochaines", "prochains", "coming"]) {
                let start = if is1(&["les", "the", "des"]) {
                    w1.map_or(i, |w| w.start)
                } else {
                    w0.map_or(i, |w| w.start)
                };
                return Some(self.mention(start, end, Value::Ref(RefKind::Future), Modifier::None));
            }
            if next_is(&["prochaines", "prochains"]) && is0(&["les", "des"]) {
                let start = w0.map_or(i, |w| w.start);
                let e = next.map_or(end, |w| w.end);
                return Some(self.mention(start, e, Value::Ref(RefKind::Future), Modifier::None));
            }
        }
        None
    }

    fn anaphoric(&self, the: Option<Word>, end: usize, unit: Unit, offset: i32) -> Option<Mention> {
        let start = the?.start;
        Some(self.mention(
            start,
            end,
            Value::Anaphoric { unit, offset },
            Modifier::None,
        ))
    }

    fn rel_or_ref(
        &self,
        start: usize,
        end: usize,
        unit: Unit,
        offset: Option<i32>,
        kind: RefKind,
    ) -> Mention {
        let value = match offset {
            Some(offset) => Value::Rel { unit, offset },
            None => Value::Ref(kind),
        };
        self.mention(start, end, value, Modifier::None)
    }

    /// `XXe siècle`, `21st century`, `20th-century`.
    fn at_century(&self, i: usize, end: usize) -> Option<Mention> {
        let ordinal = word_before(self.b, i)?;
        let n = century_ordinal(ordinal.text())?;
        let back = look_back(self.b, ordinal.start);
        Some(self.mention(back.start, end, Value::Century(n), back.modifier))
    }
}

fn apostrophe_len_before(b: &[u8], i: usize) -> usize {
    if i >= 1 && at(b, i - 1) == b'\'' {
        1
    } else if i >= 3 && at(b, i - 3) == 0xE2 && at(b, i - 2) == 0x80 && at(b, i - 1) == 0x99 {
        3
    } else {
        0
    }
}

/// Does a sentence (or the text, or a line) start at `i`?
fn sentence_start(b: &[u8], i: usize) -> bool {
    let mut j = i;
    while j > 0 {
        let n = separator_len_before(b, j);
        if n == 0 || matches!(at(b, j - 1), b'\'' | b'-') {
            break;
        }
        j -= n;
    }
    j == 0
        || matches!(
            at(b, j - 1),
            b'.' | b'!' | b'?' | b'\n' | b':' | b'(' | b'"'
        )
}

fn is_capital(b: &[u8], i: usize) -> bool {
    let c = at(b, i);
    c.is_ascii_uppercase() || (c == 0xC3 && (0x80..=0x9E).contains(&at(b, i + 1)))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

/// A count word before a unit: digits, `deux`, `two`, `quelques`, `des`, `few`, `several`.
fn count_word(w: &[u8]) -> Option<Option<u32>> {
    if !w.is_empty() && w.iter().all(u8::is_ascii_digit) && w.len() <= 3 {
        return std::str::from_utf8(w).ok()?.parse().ok().map(Some);
    }
    lexicon::number_word(w)
}

/// `xxe`, `xxie`, `xixème`, `20e`, `21st`, `20th` -> the century's ordinal.
fn century_ordinal(w: &[u8]) -> Option<i32> {
    let suffixes: [&[u8]; 8] = [
        b"\xc3\xa8me",
        b"eme",
        b"\xc3\xa8",
        b"e",
        b"st",
        b"nd",
        b"rd",
        b"th",
    ];
    let core = suffixes.iter().find_map(|s| w.strip_suffix(*s))?;
    if core.is_empty() {
        return None;
    }
    if core.iter().all(u8::is_ascii_digit) {
        let n: i32 = std::str::from_utf8(core).ok()?.parse().ok()?;
        return (1..=22).contains(&n).then_some(n);
    }
    let mut total = 0;
    let mut prev = 0;
    for &c in core.iter().rev() {
        let v = match c {
            b'i' => 1,
            b'v' => 5,
            b'x' => 10,
            b'l' => 50,
            _ => return None,
        };
        if v < prev {
            total -= v;
        } else {
            total += v;
            prev = v;
        }
    }
    (1..=22).contains(&total).then_some(total)
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

pub fn valid_day(year: i32, month: u8, day: u8) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

#[cfg(test)]
mod regression {
    use super::*;

    #[test]
    fn multiplication_and_division_signs_do_not_stall_the_scanner() {
        let mut out = Vec::new();
        let text = "2×3 ÷ 4 en 2019 ×";
        scan(text, Lang::Any, &mut out);
        let year_at = text.find("2019").unwrap_or(usize::MAX);
        assert!(out.iter().any(|m| m.end == year_at + 4), "{out:?}");
    }
}

#[cfg(test)]
mod screens {
    use super::*;
    use proptest::prelude::*;

    /// Words as the scanner cuts them: ASCII letters and digits, Latin letters, capitals.
    fn word() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                prop::char::range('a', 'z'),
                prop::char::range('A', 'Z'),
                prop::char::range('0', '9'),
                prop::char::range('\u{c0}', '\u{24f}'),
            ],
            1..18,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    /// Any bytes, weighted towards words, spaces and the bytes around ASCII letters and digits.
    fn bytes() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(
            prop_oneof![
                4 => prop::num::u8::ANY.prop_map(|byte| vec![byte]),
                4 => prop::sample::select(b"09/:@AZ[`az{ \xc3\x97\xa9".to_vec())
                    .prop_map(|byte| vec![byte]),
                2 => word().prop_map(String::into_bytes),
            ],
            0..24,
        )
        .prop_map(|parts| parts.concat())
    }

    /// `screen_bytes` gives the first byte and the second as the scanner computed them before
    /// (`lower`'s), for every word start it meets: an ASCII letter followed by an ASCII letter
    /// or digit or a lead byte, or a lead followed by a tail byte; where the second differs
    /// (after a lead other than 0xC3) the pair screen turns the word away both ways.
    #[test]
    fn screen_bytes_agree_with_lower() {
        let plain = |c: u8, next: u8, len: usize| {
            let first = if c.is_ascii_alphabetic() {
                c.to_ascii_lowercase()
            } else {
                c
            };
            let second = match (c, len) {
                (_, 1) => 0,
                (0xC3, _) => lower_latin_tail(next),
                _ => next.to_ascii_lowercase(),
            };
            (first, second)
        };
        let ascii_next: Vec<u8> = (0..=255u8)
            .filter(|n| n.is_ascii_alphanumeric() || (0xC3..=0xCA).contains(n))
            .collect();
        let tails: Vec<u8> = (0x80..=0xBFu8).collect();
        let starts = (0..=255u8).filter(|c| c.is_ascii_alphabetic() || (0xC3..=0xCA).contains(c));
        for c in starts {
            let nexts = if c.is_ascii() { &ascii_next } else { &tails };
            for &next in nexts {
                for len in 1..=16 {
                    let b = [c, next, b' '];
                    let (first, second) = screen_bytes(&b, 0, len);
                    let (plain_first, plain_second) = plain(c, next, len);
                    assert_eq!(first, plain_first);
                    if second != plain_second {
                        assert!((0xC4..=0xCA).contains(&c), "{c:#x} {next:#x}");
                        assert!(!lexicon::maybe_trigger_pair(first, second, len));
                        assert!(!lexicon::maybe_trigger_pair(plain_first, plain_second, len));
                    }
                }
            }
        }
    }

    /// The lowest bit `non_alnum_bytes` sets is the high bit of the first byte that is no ASCII
    /// letter or digit, whatever comes after it.
    #[test]
    fn non_alnum_bytes_finds_the_first_byte_that_is_no_ascii_letter_or_digit() {
        for byte in 0..=255u8 {
            for after in [b'a', b'0', b' ', 0x80, 0xc3, 0xff] {
                for at in 0..8 {
                    let mut chunk = [b'Z'; 8];
                    for (k, slot) in chunk.iter_mut().enumerate().skip(at) {
                        *slot = if k == at { byte } else { after };
                    }
                    let stops = non_alnum_bytes(u64::from_le_bytes(chunk));
                    let first = chunk.iter().position(|c| !c.is_ascii_alphanumeric());
                    let found = (stops != 0).then(|| stops.trailing_zeros() as usize / 8);
                    assert_eq!(found, first, "{chunk:x?}");
                    if stops != 0 {
                        assert_eq!(stops.trailing_zeros() % 8, 7);
                    }
                }
            }
        }
    }

    /// Every word of the modifier patterns, the articles `look_back` skips, and near misses.
    fn modifier_words() -> Vec<String> {
        let mut words: Vec<String> = MODIFIERS
            .iter()
            .flat_map(|(pattern, _)| pattern.iter().map(|w| (*w).to_owned()))
            .collect();
        words.extend(["le", "l", "the", "dé", "fi", "afte", "à la"].map(String::from));
        words
    }

    proptest! {
        /// Any eight bytes: the lowest stop is the first byte that is no ASCII letter or digit.
        #[test]
        fn non_alnum_bytes_agrees_with_a_byte_loop(chunk in prop::array::uniform8(any::<u8>())) {
            let stops = non_alnum_bytes(u64::from_le_bytes(chunk));
            let first = chunk.iter().position(|c| !c.is_ascii_alphanumeric());
            prop_assert_eq!((stops != 0).then(|| stops.trailing_zeros() as usize / 8), first);
        }

        /// `word_end` (eight ASCII bytes at a time) ends every word where `word_end_plain` does.
        #[test]
        fn word_end_agrees_with_the_plain_loop(b in bytes(), from in 0usize..40) {
            prop_assert_eq!(word_end(&b, from), word_end_plain(&b, from));
            for i in 0..b.len() {
                prop_assert_eq!(word_end(&b, i), word_end_plain(&b, i));
            }
        }

        /// `best_modifier` (patterns indexed by their nearest word's first byte) picks what
        /// trying every pattern picks, past an article or not.
        #[test]
        fn best_modifier_agrees_with_trying_every_pattern(picks in prop::collection::vec(
            prop_oneof![
                prop::sample::select(modifier_words()),
                prop::sample::select(modifier_words()).prop_map(|w| w.to_uppercase()),
                word(),
            ],
            0..6,
        ), joiner in prop::sample::select(vec![" ", "\u{a0}", "'", "’", "-", "  "])) {
            let text = picks.join(joiner);
            let words = words_before(text.as_bytes(), text.len());
            for skip in 0..2 {
                prop_assert_eq!(best_modifier(&words, skip), best_modifier_plain(&words, skip));
            }
        }

        /// The screens in front of `lookup` never turn away a word it would find, and
        /// `lower_last` is the last byte `lower` makes.
        #[test]
        fn screens_let_every_trigger_through(text in prop_oneof![
            word(),
            prop::sample::select(lexicon::trigger_words()).prop_map(str::to_uppercase),
            prop::sample::select(lexicon::trigger_words()).prop_map(String::from),
        ]) {
            let b = text.as_bytes();
            let end = word_end(b, 0);
            prop_assume!(end > 0);
            let word = lower(b, 0, end);
            if let Some(&last) = word.text().last() {
                prop_assert_eq!(lower_last(b, 0, end), last);
            }
            if lexicon::lookup(word.text()).is_some() {
                let text = word.text();
                let second = if text.len() > 1 { text.get(1).copied().unwrap_or(0) } else { 0 };
                let first = text.first().copied().unwrap_or(0);
                prop_assert!(lexicon::maybe_trigger_pair(first, second, end));
                prop_assert!(lexicon::maybe_trigger_ends(first, lower_last(b, 0, end), end));
            }
        }
    }
}
