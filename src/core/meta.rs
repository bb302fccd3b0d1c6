//! Raw blocks -> Article: title, source, author, and the boilerplate rules that take metadata
//! lines (language switchers, `Source :` lines, date lines, bylines, redirect residue) out of
//! the reading text into `Article::dropped`, where the dates pass still reads them.
//!
//! The rules are general (French and English), not per file: articles we have never seen are
//! loaded the same way as the seeds.

use crate::core::article::{
    Article, ArticleId, ArticleParts, Block, BlockKind, DateBound, Dropped, Format, Precision,
    PubDate,
};
use crate::core::ascii::contains_ci;
use crate::core::parse::text::{is_pictograph, last_significant_char, trim_blank};
use crate::core::parse::{HeadMeta, ParsedDoc, RawBlock};
use crate::core::sanitize::{is_printable_ascii_text, sanitize, sanitize_line};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

/// Longest title we accept from a first sentence before shortening it at a word.
const TITLE_MAX_CHARS: usize = 200;

/// Build the article from a parsed document. `published` (when the format states it), title,
/// source, author and the dropped lines are set here; events are left for `dates`.
/// `decoded` is the whole decoded source the block ranges point into.
pub fn assemble(
    id: ArticleId,
    origin: String,
    format: Format,
    decoded: &str,
    doc: ParsedDoc<'_>,
) -> Article {
    let ParsedDoc { mut blocks, head } = doc;
    // Blank blocks out in place (few are: nothing moves until the first), then one exactly
    // sized collect: a filtered one pushes entry by entry, checking for room at each.
    blocks.retain(|b| !trim_blank(&b.text).is_empty());
    let mut entries: Vec<Entry> = blocks
        .into_iter()
        .map(|raw| Entry { raw, fate: None })
        .collect();
    let mut found = Found::default();

    apply_line_rules(&mut entries, &mut found, &Cues::of(decoded), decoded);
    let title = choose_title(&mut entries, &head, decoded, &origin);
    // With no title line anywhere, the title is the first sentence of the text: the paragraph
    // it was read from is the article itself, not a copy of its title.
    let title_from_body = head.title.is_none() && !entries.iter().any(|e| e.fate == Some("title"));
    drop_duplicate_titles(&mut entries, &title, title_from_body);
    apply_closing_rules(&mut entries, &mut found);

    let source = head
        .site_name
        .clone()
        .or(found.source)
        .or(found.wire)
        .or(found.bio_site)
        .or(found.copyright_owner)
        .or_else(|| found.source_url.as_deref().and_then(url_host));
    let source_url = found.source_url.or(head.url.clone());
    let author = head.author.clone().or(found.author);
    let published = head
        .published
        .as_deref()
        .and_then(|raw| pub_date(raw, format));

    // Room for the origin, which `Article::new` appends to the arena (and the title and the
    // source, which it appends only when the arena does not hold them already: seldom). Not
    // for the layout it appends too: reserving room for it saved 2 reallocations in 3, but the
    // estimate's slack, cut off when the arena becomes a boxed slice, left the allocator 3.6 MB
    // of fragments at 100k articles (peak RSS 135.3 -> 138.9 MB).
    //
    // A text source of printable ASCII and line breaks needs no cleaning in any of its prose
    // blocks: they are its lines (or lines joined by spaces, or parts of them) without their
    // `\n`, so one cheap pass over the source stands for a sanitizer scan per block. Table
    // rows are rebuilt with `\t`s between their cells, and Markdown and HTML decode entities:
    // they are sanitized as before.
    let inert = format == Format::Text && is_printable_ascii_text(decoded);
    let (text, blocks, dropped) = build_arena(entries, origin.len(), inert);
    Article::new(ArticleParts {
        id,
        origin,
        format,
        title: clean_field(&title),
        source: source.map(|s| clean_field(&s)).filter(|s| !s.is_empty()),
        source_url: source_url
            .map(|s| clean_field(&s))
            .filter(|s| !s.is_empty()),
        author: author.map(|s| clean_field(&s)).filter(|s| !s.is_empty()),
        published,
        text,
        blocks,
        dropped,
        events: Vec::new(),
        warnings: Vec::new(),
    })
}

struct Entry<'a> {
    raw: RawBlock<'a>,
    /// `Some(reason)` once a rule dropped it from the reading text.
    fate: Option<&'static str>,
}

impl Entry<'_> {
    fn text(&self) -> &str {
        trim_blank(&self.raw.text)
    }

    fn kept(&self) -> bool {
        self.fate.is_none()
    }

    /// Prose lines the boilerplate rules may judge; code and quotes are left alone.
    fn is_prose(&self) -> bool {
        matches!(
            self.raw.kind,
            BlockKind::Paragraph | BlockKind::Heading(_) | BlockKind::ListItem
        )
    }
}

/// Metadata found in the body by the rules.
#[derive(Default)]
struct Found {
    source: Option<String>,
    source_url: Option<String>,
    author: Option<String>,
    bio_site: Option<String>,
    /// `(Reuters) -` in the first paragraph.
    wire: Option<String>,
    /// `© 2025 Le Blog Tech`.
    copyright_owner: Option<String>,
}

fn clean_field(value: &str) -> String {
    let mut clean = String::with_capacity(value.len());
    push_field(&mut clean, value);
    clean
}

/// Append `value` sanitized, its whitespace runs made single spaces.
fn push_field(out: &mut String, value: &str) {
    let clean = sanitize_line(value);
    if is_single_spaced_ascii(&clean) {
        // Already what the loop below makes of it: no char decoded, no word pushed one by one.
        out.push_str(&clean);
        return;
    }
    for (i, word) in clean.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// `part` lies inside `whole` (it was sliced from it).
fn is_slice_of(part: &str, whole: &str) -> bool {
    let (part, whole) = (
        part.as_bytes().as_ptr_range(),
        whole.as_bytes().as_ptr_range(),
    );
    whole.start <= part.start && part.end <= whole.end
}

/// Where `part` starts in `whole` when it lies inside it (was sliced from it).
fn slice_start(part: &str, whole: &str) -> Option<usize> {
    is_slice_of(part, whole).then(|| part.as_ptr() as usize - whole.as_ptr() as usize)
}

/// ASCII words separated by single spaces, none at either end: `split_whitespace` then a join
/// with single spaces gives it back unchanged.
fn is_single_spaced_ascii(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Two branch-free passes (they vectorise: no exit and no state per byte), over the bytes
    // and over the pairs of neighbours; this runs on every title, source and table cell, and
    // a `memmem::find` for the double space built a searcher per call.
    let odd_byte = bytes.iter().fold(false, |odd, &b| {
        odd | !b.is_ascii() | (b.wrapping_sub(b'\t') < 5)
    });
    let double_space = bytes
        .iter()
        .zip(bytes.get(1..).unwrap_or(&[]))
        .fold(false, |double, (&a, &b)| {
            double | ((a == b' ') & (b == b' '))
        });
    !odd_byte
        && !double_space
        && bytes.first().is_some_and(|&b| b != b' ')
        && bytes.last() != Some(&b' ')
}

/// `is_single_spaced_ascii` byte by byte, the reference of its tests.
#[cfg(test)]
fn is_single_spaced_ascii_plain(text: &str) -> bool {
    let mut after_space = true;
    for &b in text.as_bytes() {
        if !b.is_ascii() || (b.is_ascii_whitespace() && b != b' ') || b == 0x0B {
            return false;
        }
        let space = b == b' ';
        if space && after_space {
            return false;
        }
        after_space = space;
    }
    !after_space
}

/// `push_prose_of` a text not known to need no cleaning: the form its tests call.
#[cfg(test)]
fn push_prose(out: &mut String, text: &str) {
    push_prose_of(out, text, false);
}

/// Append block text as the source has it (inner spacing kept, so it still matches the decoded
/// text byte for byte when nothing needed sanitizing), made inert and on one line. Written
/// straight into the arena: no string per block. `inert`: the text is known to need no
/// cleaning (see `assemble`), and is only trimmed.
fn push_prose_of(out: &mut String, text: &str, inert: bool) {
    let trimmed = trim_blank(text);
    if inert {
        out.push_str(trimmed);
        return;
    }
    // `sanitize_line` flags all `sanitize` flags plus `\n` and `\t`: a block it borrows needs
    // no cleaning and no separator made a space, found in one scan instead of two (joined
    // wrapped lines hold no line break, so this is most blocks).
    if let Cow::Borrowed(clean) = sanitize_line(trimmed) {
        out.push_str(clean);
        return;
    }
    push_prose_plain(out, trimmed);
}

/// `push_prose` without its one-scan path: the reference its tests compare it with.
fn push_prose_plain(out: &mut String, text: &str) {
    let clean = sanitize(trim_blank(text));
    // Trimming is idempotent: only a sanitized copy may have new blanks at its ends.
    let clean = match &clean {
        Cow::Borrowed(trimmed) => trimmed,
        Cow::Owned(cleaned) => trim_blank(cleaned),
    };
    // memchr rather than a char-set `contains`, which decodes every char of every block.
    if memchr::memchr2(b'\n', b'\t', clean.as_bytes()).is_none() {
        out.push_str(clean);
        return;
    }
    for (i, part) in clean.split(['\n', '\t']).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
}

// ---------------------------------------------------------------------------------------------
// Line rules: each looks at one block.

/// `cues`: those of `decoded`, the whole source, which hold for the lines that are slices of it.
fn apply_line_rules(entries: &mut [Entry], found: &mut Found, cues: &Cues<'_>, decoded: &str) {
    let count = entries.len();
    for (i, entry) in entries.iter_mut().enumerate() {
        let near_top = i < 6;
        let near_end = i + 3 >= count;
        let reason = if entry.raw.kind == BlockKind::TableRow || entry.is_prose() {
            let text = entry.text();
            let gates = if is_slice_of(text, decoded) {
                Gates::within(text, cues)
            } else if entry.raw.spaced_lines {
                Gates::across_lines(text, cues)
            } else {
                Gates::of(text)
            };
            line_rule(text, entry, near_top, near_end, found, &gates)
        } else {
            None
        };
        entry.fate = reason;
    }
}

/// Which line rules may match a line, from cheap facts (its first letter, a digit, a `(`),
/// so that the rules, which fold and lowercase the line, run only where they can match: most
/// short lines match none. Each gate is a necessary condition of its rule, checked only when
/// the rule is reached; the label gates are built from the rules' own label lists.
struct Gates<'a> {
    text: &'a str,
    /// The first two chars as folding and lowercasing start the line.
    first: Opening,
    /// The label rules (`Leads` bits) a line opening with `first` may match.
    rules: u8,
    /// The cues of the whole source when the line is a slice of it, or its lines joined: a
    /// cue it lacks is in no line of it.
    source: Option<&'a Cues<'a>>,
    /// The line is the source's lines with their breaks made spaces (`Cues::wire_across_lines`).
    across_lines: bool,
    /// Every gate open: the rules alone decide (the reference the gates are tested against).
    open: bool,
}

/// The first two chars of `fold_quotes(text).to_lowercase()`.
type Opening = (Option<char>, Option<char>);

/// The openings of a rule's labels: their first char (a bit per ASCII char, a list for the
/// others), then their first two chars (for an ASCII pair, a bit per second char).
struct Letters {
    ascii: u128,
    other: Vec<char>,
    /// For an ASCII first char: a label of one char opens with it.
    alone: u128,
    /// For an ASCII first char `a`: `second[a]` has a bit per ASCII second char.
    second: [u128; 128],
    /// Pairs with a non-ASCII char.
    pairs: Vec<(char, Option<char>)>,
}

impl Letters {
    fn has(&self, (first, second): Opening) -> bool {
        let Some(first) = first else {
            return false;
        };
        let first_ok = if first.is_ascii() {
            self.ascii & (1u128 << u32::from(first)) != 0
        } else {
            self.other.contains(&first)
        };
        first_ok
            && (self.alone_has(first)
                || self.second_has(first, second)
                || self
                    .pairs
                    .iter()
                    .any(|&(a, b)| a == first && (b.is_none() || b == second)))
    }

    fn alone_has(&self, first: char) -> bool {
        first.is_ascii() && self.alone & (1u128 << u32::from(first)) != 0
    }

    fn second_has(&self, first: char, second: Option<char>) -> bool {
        match (u8::try_from(first), second.map(u8::try_from)) {
            (Ok(a), Some(Ok(b))) if a.is_ascii() && b.is_ascii() => self
                .second
                .get(usize::from(a))
                .is_some_and(|seconds| seconds & (1u128 << b) != 0),
            _ => false,
        }
    }
}

/// Lowercase first letters of each rule's labels.
struct Leads {
    switcher: Letters,
    link: Letters,
    source: Letters,
    byline: Letters,
    chrome: Letters,
    related: Letters,
    credit: Letters,
    tags: Letters,
    /// `rules_of` for every ASCII opening, by `ascii_slot`.
    ascii_rules: Box<[u8; ASCII_OPENINGS]>,
}

static LEADS: LazyLock<Leads> = LazyLock::new(|| {
    let mut leads = Leads {
        switcher: first_letters(&[&LANGUAGES]),
        link: first_letters(&[&LINK_LABELS]),
        source: first_letters(&[&SOURCE_LABELS]),
        byline: first_letters(&[&BYLINE_DATED, &BYLINE_PREFIXES]),
        chrome: first_letters(&[&CHROME]),
        related: first_letters(&[&RELATED_LABELS]),
        credit: first_letters(&[&CREDIT_STAFF, &CREDIT_LABELS]),
        tags: first_letters(&[&TAG_LABELS]),
        ascii_rules: Box::new([0; ASCII_OPENINGS]),
    };
    for first in 0..128u8 {
        for second in (0..=128u8).map(|b| (b < 128).then(|| char::from(b))) {
            let opening = (Some(char::from(first)), second);
            let rules = leads.rules_of(opening);
            if let Some(slot) = ascii_slot(opening).and_then(|i| leads.ascii_rules.get_mut(i)) {
                *slot = rules;
            }
        }
    }
    leads
});

/// An ASCII first char, then an ASCII second char or none: 128 x 129 openings.
const ASCII_OPENINGS: usize = 128 * 129;

fn ascii_slot((first, second): Opening) -> Option<usize> {
    let first = u8::try_from(first?).ok().filter(u8::is_ascii)?;
    let second = match second {
        None => 128,
        Some(c) => u8::try_from(c).ok().filter(u8::is_ascii)?,
    };
    Some(usize::from(first) * 129 + usize::from(second))
}

impl Leads {
    const SWITCHER: u8 = 1;
    const LINK: u8 = 1 << 1;
    const SOURCE: u8 = 1 << 2;
    const BYLINE: u8 = 1 << 3;
    const CHROME: u8 = 1 << 4;
    const RELATED: u8 = 1 << 5;
    const CREDIT: u8 = 1 << 6;
    const TAGS: u8 = 1 << 7;

    /// The rules whose labels open like `opening`: one table load for the ASCII openings of
    /// most lines (asking each rule's `Letters` costs a call per rule and line).
    fn rules(&self, opening: Opening) -> u8 {
        match ascii_slot(opening).and_then(|i| self.ascii_rules.get(i)) {
            Some(&rules) => rules,
            None => self.rules_of(opening),
        }
    }

    fn rules_of(&self, opening: Opening) -> u8 {
        [
            (&self.switcher, Leads::SWITCHER),
            (&self.link, Leads::LINK),
            (&self.source, Leads::SOURCE),
            (&self.byline, Leads::BYLINE),
            (&self.chrome, Leads::CHROME),
            (&self.related, Leads::RELATED),
            (&self.credit, Leads::CREDIT),
            (&self.tags, Leads::TAGS),
        ]
        .iter()
        .filter(|(letters, _)| letters.has(opening))
        .fold(0, |rules, (_, bit)| rules | bit)
    }
}

fn first_letters(lists: &[&[&str]]) -> Letters {
    let mut letters = Letters {
        ascii: 0,
        other: Vec::new(),
        alone: 0,
        second: [0; 128],
        pairs: Vec::new(),
    };
    for label in lists.iter().flat_map(|list| list.iter()) {
        let mut chars = label.chars();
        let Some(c) = chars.next() else {
            continue;
        };
        if c.is_ascii() {
            letters.ascii |= 1u128 << u32::from(c);
        } else if !letters.other.contains(&c) {
            letters.other.push(c);
        }
        let second = chars.next();
        match (u8::try_from(c), second.map(u8::try_from)) {
            (Ok(a), None) if a.is_ascii() => letters.alone |= 1u128 << a,
            (Ok(a), Some(Ok(b))) if a.is_ascii() && b.is_ascii() => {
                if let Some(seconds) = letters.second.get_mut(usize::from(a)) {
                    *seconds |= 1u128 << b;
                }
            }
            _ => {
                let pair = (c, second);
                if !letters.pairs.contains(&pair) {
                    letters.pairs.push(pair);
                }
            }
        }
    }
    letters
}

/// The first two chars of `text` folded and lowercased. The labels (all lowercase) are
/// matched on the folded, lowercased or case-insensitively compared line, so a line that
/// matches one starts with the label's first two chars here.
fn lead(text: &str) -> Opening {
    // Most lines open with two ASCII chars: fold and lowercase them without decoding.
    let ascii = |b: u8| char::from(fold_ascii_lower(b));
    match text.as_bytes() {
        [] => (None, None),
        [a] if a.is_ascii() => (Some(ascii(*a)), None),
        [a, b, ..] if a.is_ascii() && b.is_ascii() => (Some(ascii(*a)), Some(ascii(*b))),
        _ => {
            let mut chars = text.chars().map(fold_char).flat_map(char::to_lowercase);
            (chars.next(), chars.next())
        }
    }
}

impl<'a> Gates<'a> {
    fn of(text: &'a str) -> Gates<'a> {
        let first = lead(text);
        Gates {
            text,
            first,
            rules: LEADS.rules(first),
            source: None,
            across_lines: false,
            open: false,
        }
    }

    /// The gates of `text`, a slice of a source whose cues are `source`.
    fn within(text: &'a str, source: &'a Cues<'a>) -> Gates<'a> {
        Gates {
            source: Some(source),
            ..Gates::of(text)
        }
    }

    /// The gates of `text`, lines of a source whose cues are `source` joined by spaces (or a
    /// part of them): every cue but the wire's has no blank inside, or is looked for across
    /// line breaks in the source.
    fn across_lines(text: &'a str, source: &'a Cues<'a>) -> Gates<'a> {
        Gates {
            source: Some(source),
            across_lines: true,
            ..Gates::of(text)
        }
    }

    /// Whether the source holds the cue `cue` picks: if it does not, neither does the line.
    fn source_has(&self, cue: impl Fn(&Cues<'a>) -> bool) -> bool {
        self.source.is_none_or(cue)
    }

    #[cfg(test)]
    fn open(text: &'a str) -> Gates<'a> {
        Gates {
            open: true,
            ..Gates::of(text)
        }
    }

    /// The wire dateline is `(Name) -` with its `(` in the first 120 chars (480 bytes).
    fn wire(&self) -> bool {
        self.open
            || (self.source_has(|c| {
                if self.across_lines {
                    c.wire_across_lines
                } else {
                    c.wire
                }
            }) && may_be_wire(self.text))
    }

    /// A line of the source holds a core the source pass found (`Cues::redirect_cores`): no
    /// search of the line (it ran on half the lines, each a search for `q`s and `k`s).
    fn redirect(&self) -> bool {
        if self.open {
            return true;
        }
        let Some(cues) = self.source else {
            return may_be_redirect(self.text);
        };
        if !cues.redirect {
            return false;
        }
        match slice_start(self.text, cues.source).filter(|_| !self.across_lines) {
            Some(start) => {
                let end = start + self.text.len();
                cues.redirect_cores
                    .iter()
                    .any(|core| start <= core.start && core.end <= end)
            }
            None => may_be_redirect(self.text),
        }
    }

    /// A language switcher's first token starts at its first non-separator char.
    fn switcher(&self) -> bool {
        self.open
            || (self.text.len() <= 160
                && self.rules_after(trim_start_unless_alphanumeric(
                    self.text,
                    is_switcher_separator,
                )) & Leads::SWITCHER
                    != 0)
    }

    /// The rules a line may match once its start is trimmed to `rest` (most lines open with a
    /// letter, and nothing is trimmed).
    fn rules_after(&self, rest: &str) -> u8 {
        if rest.len() == self.text.len() {
            self.rules
        } else {
            LEADS.rules(lead(rest))
        }
    }

    /// The value of a link-out line is a URL: `http://`, `https://` (so `://`) or `www.`.
    fn link(&self) -> bool {
        self.open
            || (self.rules & Leads::LINK != 0
                && self.source_has(|c| c.url())
                && (memchr::memchr_iter(b':', self.text.as_bytes())
                    .any(|i| self.text.as_bytes().get(i + 1..i + 3) == Some(b"//"))
                    || contains_ci(self.text, b"www.")))
    }

    fn source(&self) -> bool {
        self.open || self.rules & Leads::SOURCE != 0
    }

    /// A date line holds a numeric date (a digit then `/`, `.` or `-`) or a four-digit year.
    fn date(&self) -> bool {
        self.open || (self.text.len() <= 80 && has_date_digits(self.text.as_bytes()))
    }

    fn byline(&self) -> bool {
        self.open || self.rules & Leads::BYLINE != 0
    }

    /// The chrome label is what is left once pictographs and punctuation are trimmed.
    fn chrome(&self) -> bool {
        self.open
            || (self.text.len() <= 160
                && self.rules_after(trim_start_unless_alphanumeric(self.text, is_chrome_trim))
                    & Leads::CHROME
                    != 0)
    }

    fn related(&self) -> bool {
        self.open || self.rules & Leads::RELATED != 0
    }

    fn credit(&self) -> bool {
        self.open || self.rules & Leads::CREDIT != 0
    }

    /// `©`, `copyright`, `(c) ` openings, or the two phrases, whose ASCII letters can only
    /// come from ASCII letters of the line.
    fn copyright(&self) -> bool {
        self.open
            || matches!(
                self.first,
                (Some('©'), _) | (Some('c'), Some('o')) | (Some('('), Some('c'))
            )
            || (self.text.len() <= 640
                && self.source_has(|c| c.rights)
                && has_rights_reserved_cue(self.text))
    }

    fn tags(&self) -> bool {
        self.open || self.rules & Leads::TAGS != 0
    }
}

/// What the lowercased line holds when it holds `tous droits réservés` or `all rights
/// reserved`: `ts r`, `e` or `é`, then `serv`. Only ASCII letters lowercase to these ASCII
/// letters (the Kelvin sign and `İ` lowercase to `k` and `i` plus a mark) and only `é`/`É` to
/// `é`, so the bytes are compared in ASCII case; `serv` is found by its `v`, then what comes
/// before it is checked (`serv` alone is in every `server` and `service`).
fn has_rights_reserved_cue(text: &str) -> bool {
    rights_reserved_cue(text.as_bytes(), b" ")
}

/// `has_rights_reserved_cue` with any byte of `spaces` where the phrase has its space (` \n\r`
/// for a source whose lines may be joined).
fn rights_reserved_cue(bytes: &[u8], spaces: &[u8]) -> bool {
    // Four bytes compared at once, in ASCII case: a letter with its case bit (0x20) set is
    // its lowercase, and only that letter's two cases give it (most `v`s fail here).
    let ascii_ci = |at: usize, lower: [u8; 4]| {
        bytes.get(at..at + 4).is_some_and(|w| {
            matches!(w, &[a, b, c, d] if u32::from_le_bytes([a, b, c, d]) | 0x2020_2020 == u32::from_le_bytes(lower))
        })
    };
    // `ts`, a space (or a byte of `spaces`), `r`: the 4 bytes before the `e` or `é` of `reserv`.
    let ts_r = |at: usize| {
        bytes.get(at..at + 4).is_some_and(|w| {
            matches!(w, &[t, s, space, r]
                if (t | 0x20) == b't' && (s | 0x20) == b's' && spaces.contains(&space) && (r | 0x20) == b'r')
        })
    };
    memchr::memchr2_iter(b'v', b'V', bytes).any(|v| {
        let Some(serv) = v.checked_sub(3) else {
            return false;
        };
        ascii_ci(serv, *b"serv")
            && (serv.checked_sub(5).is_some_and(|at| {
                ts_r(at) && bytes.get(at + 4).is_some_and(|e| (e | 0x20) == b'e')
            }) || serv.checked_sub(6).is_some_and(|at| {
                ts_r(at) && matches!(bytes.get(at + 4..serv), Some([0xC3, 0xA9 | 0x89]))
            }))
    })
}

/// `rights_reserved_cue` compared byte by byte in ASCII case: the reference of its tests.
#[cfg(test)]
fn rights_reserved_cue_plain(bytes: &[u8], spaces: &[u8]) -> bool {
    (0..bytes.len()).any(|at| {
        let ts_r = |w: &[u8]| {
            w.len() == 4
                && w.get(..2).is_some_and(|ts| ts.eq_ignore_ascii_case(b"ts"))
                && w.get(2).is_some_and(|space| spaces.contains(space))
                && w.get(3).is_some_and(|r| r.eq_ignore_ascii_case(&b'r'))
        };
        let rest = bytes.get(at..).unwrap_or(&[]);
        rest.get(..4).is_some_and(ts_r)
            && (rest
                .get(4..9)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"eserv"))
                || (matches!(rest.get(4..6), Some([0xC3, 0xA9 | 0x89]))
                    && rest
                        .get(6..10)
                        .is_some_and(|w| w.eq_ignore_ascii_case(b"serv"))))
    })
}

/// `text.trim_start_matches(trim)` for a `trim` that takes no ASCII letter or digit: most lines
/// open with one, and then nothing is trimmed and no char is decoded.
fn trim_start_unless_alphanumeric(text: &str, trim: fn(char) -> bool) -> &str {
    if text
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphanumeric)
    {
        text
    } else {
        text.trim_start_matches(trim)
    }
}

/// The first `(` in the first 480 bytes, the first `)` after it, then a dash.
fn may_be_wire(text: &str) -> bool {
    let bytes = text.as_bytes();
    let head = bytes.get(..bytes.len().min(480)).unwrap_or(bytes);
    let Some(open) = memchr::memchr(b'(', head) else {
        return false;
    };
    let Some(close) = bytes
        .get(open..)
        .and_then(|rest| memchr::memchr(b')', rest))
        .map(|i| open + i)
    else {
        return false;
    };
    text.get(close + 1..)
        .is_some_and(|after| after.trim_start().starts_with(['-', '–', '—']))
}

/// A digit followed by `/`, `.` or `-`, or four digits in a row.
fn has_date_digits(bytes: &[u8]) -> bool {
    // In pieces of `DATE_SCREEN_BYTES` (the date gate asks only lines that short), each
    // overlapping the one before by 3 bytes, so that every 4 bytes in a row lie in one piece.
    let mut start = 0;
    loop {
        let end = bytes.len().min(start + DATE_SCREEN_BYTES);
        if date_digits_in(bytes.get(start..end).unwrap_or(&[])) {
            return true;
        }
        if end == bytes.len() {
            return false;
        }
        start = end - 3;
    }
}

/// The bytes `date_digits_in` judges at once.
const DATE_SCREEN_BYTES: usize = 80;

/// `has_date_digits` of at most `DATE_SCREEN_BYTES` bytes. They are copied into a buffer of a
/// fixed size padded with zeros (neither digits nor separators), and every place is tested
/// with its next three bytes in a fold without an early exit: it vectorises (this runs on
/// most short lines near an article's ends).
fn date_digits_in(bytes: &[u8]) -> bool {
    let mut padded = [0u8; DATE_SCREEN_BYTES + 3];
    if let Some(head) = padded.get_mut(..bytes.len()) {
        head.copy_from_slice(bytes);
    }
    let digit = |b: u8| b.wrapping_sub(b'0') < 10;
    // `-`, `.` and `/` are 0x2D to 0x2F.
    let separator = |b: u8| b.wrapping_sub(b'-') < 3;
    let next = |n: usize| padded.get(n..).unwrap_or(&[]);
    padded.iter().zip(next(1)).zip(next(2)).zip(next(3)).fold(
        false,
        |found, (((&a, &b), &c), &d)| {
            found | (digit(a) & (separator(b) | (digit(b) & digit(c) & digit(d))))
        },
    )
}

fn line_rule(
    text: &str,
    entry: &Entry,
    near_top: bool,
    near_end: bool,
    found: &mut Found,
    gates: &Gates,
) -> Option<&'static str> {
    if found.wire.is_none() && entry.raw.kind == BlockKind::Paragraph && gates.wire() {
        found.wire = wire_dateline(text);
    }
    // Every rule below judges lines of at most 200 chars (800 bytes): prose paragraphs are
    // longer and skip them all.
    if text.len() > 800 {
        return None;
    }
    if (near_top || near_end) && gates.switcher() && is_language_switcher(text) {
        return Some("language_switcher");
    }
    if entry.raw.kind == BlockKind::TableRow {
        return None;
    }
    if let Some(url) = gates.link().then(|| link_out(text)).flatten() {
        if found.source_url.is_none() {
            found.source_url = Some(url);
        }
        return Some("link_out");
    }
    if let Some(source) = gates.source().then(|| source_line(text)).flatten() {
        if found.source.is_none() {
            found.source = Some(source);
        }
        return Some("source_line");
    }
    if gates.redirect() && is_redirect(text) {
        return Some("redirect");
    }
    if (near_top || near_end) && gates.date() && is_date_line(text) {
        return Some("date_line");
    }
    if (near_top || near_end) && gates.byline() {
        if let Some(name) = byline(text) {
            if found.author.is_none() {
                found.author = Some(name);
            }
            return Some("byline");
        }
    }
    if (gates.chrome() && is_chrome_line(text)) || (gates.related() && is_related_link(text)) {
        return Some("chrome");
    }
    if gates.credit() && is_credit_line(text) {
        return Some("credit");
    }
    if gates.copyright() && is_copyright_line(text) {
        if found.copyright_owner.is_none() {
            found.copyright_owner = copyright_owner(text);
        }
        return Some("copyright");
    }
    if gates.tags() && is_tag_line(text) {
        return Some("tags");
    }
    None
}

const RELATED_LABELS: [&str; 9] = [
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "read also",
    "see also",
    "related",
    "à lire",
    "sur le même sujet",
];

/// `Lire aussi : <another article's title>`: a pointer to another page.
fn is_related_link(text: &str) -> bool {
    if longer_than(text, 160) || !has_label_mark(text) {
        return false;
    }
    // Only the head a label can span is folded (folding maps char to char, so it is the head
    // of the folded line); what follows the label is read from the line itself. Folding keeps
    // blanks blank and makes `»` a `"`, so the folded rest opens with `:`, `›`, `»` or `>`
    // once blanks are trimmed exactly when the line's rest opens with `:`, `›` or `>`.
    // An ASCII head is folded and lowercased on the stack: no label with a non-ASCII char can
    // open an ASCII line, and the ASCII labels are lowercase, so it opens with one as bytes.
    let head = text
        .as_bytes()
        .get(..RELATED_LABEL_MAX_CHARS)
        .unwrap_or(text.as_bytes());
    let mut ascii = [0u8; RELATED_LABEL_MAX_CHARS];
    if let Some(buf) = fold_ascii_into(head, &mut ascii) {
        return RELATED_LABELS.iter().any(|label| {
            buf.starts_with(label.as_bytes())
                && text.get(label.len()..).is_some_and(|rest| {
                    rest.trim_start_matches(is_space)
                        .starts_with([':', '›', '>'])
                })
        });
    }
    let head_end = text
        .char_indices()
        .nth(RELATED_LABEL_MAX_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let folded = fold_quotes(text.get(..head_end).unwrap_or(text));
    RELATED_LABELS.iter().any(|label| {
        strip_prefix_ci(&folded, label).is_some() && {
            let rest = text
                .char_indices()
                .nth(label.chars().count())
                .map_or("", |(i, _)| text.get(i..).unwrap_or(""));
            rest.trim_start_matches(is_space)
                .starts_with([':', '›', '>'])
        }
    })
}

/// The most chars a `RELATED_LABELS` label has (`sur le même sujet`).
const RELATED_LABEL_MAX_CHARS: usize = 17;

const CREDIT_STAFF: [&str; 7] = [
    "reporting by ",
    "additional reporting by ",
    "editing by ",
    "writing by ",
    "compiled by ",
    "avec la contribution de ",
    "édité par ",
];

const CREDIT_LABELS: [&str; 13] = [
    "crédit photo",
    "credit photo",
    "crédits photo",
    "photo credit",
    "crédit",
    "crédits",
    "credit",
    "credits",
    "photo",
    "image",
    "illustration",
    "légende",
    "caption",
];

/// `Crédit photo : Reuters`, `Photo : AFP`: a picture's credit, not the article's source;
/// `Reporting by ...; Editing by ...`: the wire's staff credits.
fn is_credit_line(text: &str) -> bool {
    if longer_than(text, 160) {
        return false;
    }
    if CREDIT_STAFF
        .iter()
        .any(|p| strip_prefix_ci(text, p).is_some())
    {
        return !ends_sentence_strict(text) || text.contains(';');
    }
    if longer_than(text, 100) || !has_label_mark(text) {
        return false;
    }
    CREDIT_LABELS.iter().any(|label| {
        strip_prefix_ci(text, label)
            .is_some_and(|rest| rest.trim_start_matches(is_space).starts_with(':'))
    })
}

fn ends_sentence_strict(text: &str) -> bool {
    matches!(last_significant_char(text), Some('.' | '!' | '?' | '…'))
}

/// `© 2025 Le Monde`, `Tous droits réservés`, `All rights reserved`.
fn is_copyright_line(text: &str) -> bool {
    if longer_than(text, 160) {
        return false;
    }
    let lower = text.to_lowercase();
    lower.starts_with('©')
        || lower.starts_with("copyright")
        || lower.starts_with("(c) ")
        || lower.contains("tous droits réservés")
        || lower.contains("all rights reserved")
}

/// `© 2025 Le Blog Tech – Tous droits réservés` -> `Le Blog Tech`.
fn copyright_owner(text: &str) -> Option<String> {
    let rest = text
        .strip_prefix('©')
        .or_else(|| strip_prefix_ci(text, "copyright"))?;
    let rest = rest.trim_start_matches(|c: char| {
        is_space(c) || c.is_ascii_digit() || matches!(c, '©' | '-' | '–' | ',')
    });
    capitalised_phrase(rest)
}

/// `SAN FRANCISCO, June 10 (Reuters) - ...`, `PARIS (AFP) – ...` -> the wire service.
fn wire_dateline(text: &str) -> Option<String> {
    let head = text.get(..text.char_indices().nth(120).map_or(text.len(), |(i, _)| i))?;
    let open = head.find('(')?;
    let close = open + head.get(open..)?.find(')')?;
    let name = head.get(open + 1..close)?.trim();
    let after = head.get(close + 1..)?.trim_start();
    let dash = after.starts_with(['-', '–', '—']);
    let before = head.get(..open)?;
    // The dateline before the parenthesis is a place in capitals, maybe with a date.
    let place_like = before.split_whitespace().next().is_some_and(|w| {
        w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    });
    let name_like = !name.is_empty()
        && name.split_whitespace().count() <= 3
        && name.split_whitespace().all(starts_upper)
        && capitalised_phrase(name).as_deref() == Some(name);
    (dash && place_like && name_like).then(|| name.to_string())
}

const TAG_LABELS: [&str; 10] = [
    "tags",
    "tag",
    "mots-clés",
    "mots clés",
    "mots-clefs",
    "catégories",
    "catégorie",
    "categories",
    "topics",
    "thèmes",
];

/// `Tags : IA, OpenAI`, `Mots-clés : ...`, `Catégories : ...`.
fn is_tag_line(text: &str) -> bool {
    if longer_than(text, 200) || !has_label_mark(text) {
        return false;
    }
    TAG_LABELS.iter().any(|label| {
        strip_prefix_ci(text, label)
            .is_some_and(|rest| rest.trim_start_matches(is_space).starts_with(':'))
    })
}

/// A `Label:` line: a colon (or `›`, `»`, `>`) in its first bytes. Screens the label rules,
/// which run on every short line.
fn has_label_mark(text: &str) -> bool {
    let head = text.get(..text.len().min(64)).unwrap_or(text).as_bytes();
    // By byte, not by char (a char-set search decodes every char), with memchr rather than a
    // byte loop (this runs up to three times on every short line): `›` is E2 80 BA and `»`
    // C2 BB, and in UTF-8 those last bytes follow those leads only in these two chars.
    memchr::memchr2(b':', b'>', head).is_some()
        || memchr::memchr2_iter(0xBA, 0xBB, head).any(|i| match head.get(i) {
            Some(0xBB) => i.checked_sub(1).and_then(|j| head.get(j)) == Some(&0xC2),
            _ => i.checked_sub(2).and_then(|j| head.get(j..i)) == Some(&[0xE2, 0x80]),
        })
}

/// More than `n` chars, without counting them when the byte length decides.
fn longer_than(text: &str, n: usize) -> bool {
    text.len() > n && (text.len() > 4 * n || text.chars().count() > n)
}

/// Case-insensitive ASCII/Unicode prefix strip. Inlined: the rules try label after label on
/// each short line, and most tries end at the first byte.
#[inline]
fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    // Most calls fail on the first byte: an ASCII char lowercases to its ASCII lowercase on
    // both paths below, so two ASCII first bytes that differ so are a mismatch.
    if let (Some(&t), Some(&p)) = (text.as_bytes().first(), prefix.as_bytes().first()) {
        if t.is_ascii() && p.is_ascii() && !t.eq_ignore_ascii_case(&p) {
            return None;
        }
    }
    strip_prefix_ci_past_first_byte(text, prefix)
}

/// `strip_prefix_ci` once the first bytes do not tell.
#[inline(never)]
fn strip_prefix_ci_past_first_byte<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    if prefix.is_ascii() {
        // Fast path for ASCII labels (most of them): a byte compare.
        let head = text.as_bytes().get(..prefix.len())?;
        return if head.eq_ignore_ascii_case(prefix.as_bytes()) {
            text.get(prefix.len()..)
        } else {
            None
        };
    }
    let mut rest = text;
    for expected in prefix.chars() {
        let mut chars = rest.chars();
        let got = chars.next()?;
        if !got.to_lowercase().eq(expected.to_lowercase()) {
            return None;
        }
        rest = chars.as_str();
    }
    Some(rest)
}

/// Normalise apostrophes so `l'` and `l’` match the same rule.
fn fold_quotes(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    match c {
        '’' | '‘' | '`' | '´' | 'ʼ' => '\'',
        '“' | '”' | '«' | '»' | '„' => '"',
        c if is_space(c) => ' ',
        c => c,
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

const LANGUAGES: [&str; 22] = [
    "fr",
    "en",
    "de",
    "es",
    "it",
    "pt",
    "nl",
    "ar",
    "zh",
    "ja",
    "ru",
    "français",
    "francais",
    "english",
    "deutsch",
    "español",
    "espanol",
    "italiano",
    "português",
    "nederlands",
    "vf",
    "vo",
];

/// `Fr`, `En`, `FR | EN`, `Français / English`: a line made only of language names.
fn is_language_switcher(text: &str) -> bool {
    if longer_than(text, 40) {
        return false;
    }
    let tokens: Vec<String> = text
        .split(is_switcher_separator)
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect();
    !tokens.is_empty()
        && tokens.len() <= 6
        && tokens.iter().all(|t| LANGUAGES.contains(&t.as_str()))
}

fn is_switcher_separator(c: char) -> bool {
    is_space(c) || matches!(c, '|' | '/' | '·' | '•' | ',' | '-' | '–')
}

/// Labels that introduce a link to the original article.
const LINK_LABELS: [&str; 19] = [
    "article en référence",
    "article de référence",
    "article original",
    "article source",
    "lire l'article original",
    "lire l'article",
    "en référence",
    "référence",
    "sources",
    "source",
    "lien",
    "link",
    "via",
    "original article",
    "read the original",
    "read more",
    "original",
    "url",
    "source article",
];

/// The label of a `Label: ...` line when it is a link-out label (`Source`, `Lien`,
/// `Article en référence`), as written in the line.
pub(crate) fn link_out_label(text: &str) -> Option<&str> {
    // Labels are short and end in a colon: screen for one in the first bytes, then fold only
    // the head of the line (this runs on every paragraph).
    let head_bytes = text.as_bytes().get(..text.len().min(64)).unwrap_or(&[]);
    memchr::memchr(b':', head_bytes)?;
    // An ASCII head (its 48 chars are its 48 bytes) is folded and lowercased on the stack: no
    // label with a non-ASCII char can open it, and the labels are lowercase.
    let ascii_head = text
        .as_bytes()
        .get(..LINK_HEAD_CHARS)
        .unwrap_or(text.as_bytes());
    let mut ascii = [0u8; LINK_HEAD_CHARS];
    if let Some(buf) = fold_ascii_into(ascii_head, &mut ascii) {
        let label = LINK_LABELS.iter().find(|label| {
            buf.strip_prefix(label.as_bytes())
                .is_some_and(|rest| rest.iter().find(|&&b| b != b' ') == Some(&b':'))
        })?;
        return text.get(..label.len());
    }
    link_out_label_folded(text)
}

/// `link_out_label` past its screen, for any head: folded char by char (a non-ASCII head; and
/// the tests' reference for the ASCII path).
fn link_out_label_folded(text: &str) -> Option<&str> {
    let head_end = text
        .char_indices()
        .nth(LINK_HEAD_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let folded = fold_quotes(text.get(..head_end).unwrap_or(text));
    for label in LINK_LABELS {
        if let Some(rest) = strip_prefix_ci(&folded, label) {
            let rest = rest.trim_start_matches(is_space);
            if rest.starts_with(':') {
                // Same char count in `text` and `folded` (fold_quotes maps char to char).
                let chars = label.chars().count();
                let end = text
                    .char_indices()
                    .nth(chars)
                    .map_or(text.len(), |(i, _)| i);
                return text.get(..end);
            }
        }
    }
    None
}

/// The chars of a line's head `link_out_label` reads its label and colon in.
const LINK_HEAD_CHARS: usize = 48;

/// `Article en référence: URL`, `Source: URL`, `Lien : URL` -> the URL.
fn link_out(text: &str) -> Option<String> {
    let label = link_out_label(text)?;
    let rest = text.get(label.len()..)?.trim_start_matches(is_space);
    let rest = rest.strip_prefix(':')?.trim_start_matches(is_space);
    let (url, tail) = rest.split_once(is_space).unwrap_or((rest, ""));
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www."))
    {
        return None;
    }
    // Anything after the URL must be decoration (an emoji, an arrow), not prose.
    if tail.chars().any(|c| c.is_alphanumeric()) {
        return None;
    }
    let url = url.trim_end_matches(['.', ',', ';', ')', '>', '»']);
    Some(url.to_string())
}

/// `Source : Techcrunch` -> `Techcrunch` (not a URL, short).
const SOURCE_LABELS: [&str; 2] = ["sources", "source"];

fn source_line(text: &str) -> Option<String> {
    for label in SOURCE_LABELS {
        let Some(rest) = strip_prefix_ci(text, label) else {
            continue;
        };
        let rest = rest.trim_start_matches(is_space);
        let Some(value) = rest.strip_prefix(':') else {
            continue;
        };
        let value = trim_blank(value).trim_end_matches(['.', ';']);
        // Words and chars counted only as far as the limits: a long value is no source name.
        if value.is_empty()
            || value.split_whitespace().nth(8).is_some()
            || longer_than(value, 80)
            || has_scheme_mark(value)
        {
            return None;
        }
        return Some(value.to_string());
    }
    None
}

/// `://` in `text`, found from its colons (`str::contains` sets up a searcher per call, and
/// this runs on every `Source:` line).
fn has_scheme_mark(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b':', bytes).any(|i| bytes.get(i + 1..i + 3) == Some(b"//"))
}

/// Cues looked for once in an article's whole source: most articles lack most of them, and
/// then the lines that are slices of it (most plain-text lines) are not searched one by one.
/// Each is what a line screen finds, so a line holding it puts it in the source too; the screens
/// that look only inside a line (up to a dash after `)`) never cross a line break.
///
/// A line joined from several (`RawBlock::spaced_lines`) has a cue only if the source has it
/// with line breaks where the line has spaces: the cues without a blank inside (`edir`,
/// `liquez`, `://`, `www.`) are the same bytes in the source; `lick here` is looked for as
/// `lick`, the space of `ts r` may be a break, and the wire's blanks have their own flag.
struct Cues<'a> {
    /// `edir`, `liquez` or `lick` (`may_be_redirect` finds `lick here`).
    redirect: bool,
    /// Where each of them is in the source (most sources have none): a line of the source
    /// holds one exactly when one of these lies inside it.
    redirect_cores: Vec<Range<usize>>,
    /// `ts reserv` or `ts réserv` in any case, a line break for the space allowed
    /// (`has_rights_reserved_cue`, the copyright gate).
    rights: bool,
    /// `)`, blanks other than a line break, then a dash (`may_be_wire`).
    wire: bool,
    /// `)`, any blanks, then a dash: `wire` for joined lines.
    wire_across_lines: bool,
    /// `://`, or `www.` in any ASCII case (the link gate), looked for the first time it is
    /// asked: only lines that open like a link label ask it, and most sources have none.
    url: std::cell::OnceCell<bool>,
    source: &'a str,
}

impl<'a> Cues<'a> {
    fn of(source: &'a str) -> Cues<'a> {
        let bytes = source.as_bytes();
        let dash_after = |close: usize, blank: fn(char) -> bool| {
            source
                .get(close + 1..)
                .is_some_and(|after| after.trim_start_matches(blank).starts_with(['-', '–', '—']))
        };
        // One pass over the `)`s for both wire flags; the first `wire` ends it.
        let (mut wire, mut wire_across_lines) = (false, false);
        for close in memchr::memchr_iter(b')', bytes) {
            if dash_after(close, char::is_whitespace) {
                wire_across_lines = true;
                if dash_after(close, |c| c.is_whitespace() && c != '\n') {
                    wire = true;
                    break;
                }
            }
        }
        let (redirect_cores, rights) = source_redirect_and_rights(bytes);
        Cues {
            redirect: !redirect_cores.is_empty(),
            redirect_cores,
            rights,
            wire,
            wire_across_lines,
            url: std::cell::OnceCell::new(),
            source,
        }
    }

    fn url(&self) -> bool {
        *self.url.get_or_init(|| {
            SCHEME_MARK.find(self.source.as_bytes()).is_some() || contains_ci(self.source, b"www.")
        })
    }
}

/// `://`, built once (`memmem::find` builds a searcher per call).
static SCHEME_MARK: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"://"));

/// The screen of `is_redirect`: one of its cues' cores, `edir`, `liquez` or `lick here`, is in
/// the line. Searched for by their rare bytes (`q`, `k`) and one prebuilt finder: a search per
/// common letter (`i`) stopped at every other byte of the text.
fn may_be_redirect(text: &str) -> bool {
    static EDIR: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"edir"));
    let bytes = text.as_bytes();
    let at = |start: usize, core: &[u8]| bytes.get(start..start + core.len()) == Some(core);
    memchr::memchr2_iter(b'q', b'k', bytes).any(|i| {
        i.checked_sub(2).is_some_and(|s| at(s, b"liquez"))
            || i.checked_sub(3).is_some_and(|s| at(s, b"lick here"))
    }) || EDIR.find(bytes).is_some()
}

/// The cores of `may_be_redirect` in a whole source and in its lines joined: `edir`,
/// `liquez`, or `lick` (which a joined `lick here` has in the source even where its space was
/// a line break). Their `q` and `k` are common enough in a whole text that searching for them
/// stopped (and re-entered the search) every ~70 bytes.
const REDIRECT_CORES: [&[u8]; 3] = [b"edir", b"liquez", b"lick"];

/// `may_be_redirect` of a whole source and of its lines joined.
#[cfg(test)]
fn source_may_be_redirect(source: &str) -> bool {
    !source_redirect_and_rights(source.as_bytes()).0.is_empty()
}

/// The source's `redirect_cores` and `rights` cue (`Cues`): where each redirect core is in
/// it, and `rights_reserved_cue(source, b" \n\r")`. One SIMD multi-pattern pass (Teddy, from
/// aho-corasick) finds the redirect cores and every `ts r` opening of the rights phrase (in
/// each ASCII case, with each of the three spaces), whose rest is then checked where it
/// starts: a pass per redirect core and one stopping at each `v` of the text for the rights
/// were 5% of a load. No two patterns can overlap (no pattern's end is another's start), so
/// the matches, which do not overlap, are every occurrence. Without a SIMD Teddy runs on, the
/// scans it stands for.
fn source_redirect_and_rights(bytes: &[u8]) -> (Vec<Range<usize>>, bool) {
    static TEDDY: LazyLock<Option<aho_corasick::packed::Searcher>> = LazyLock::new(|| {
        let mut patterns: Vec<Vec<u8>> = REDIRECT_CORES.iter().map(|c| c.to_vec()).collect();
        for t in *b"tT" {
            for s in *b"sS" {
                for space in *b" \n\r" {
                    for r in *b"rR" {
                        patterns.push(vec![t, s, space, r]);
                    }
                }
            }
        }
        aho_corasick::packed::Searcher::new(patterns)
    });
    let Some(teddy) = TEDDY.as_ref() else {
        static FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 3]> =
            LazyLock::new(|| REDIRECT_CORES.map(memchr::memmem::Finder::new));
        // A core cannot overlap itself: its matches are all its occurrences.
        let mut cores: Vec<Range<usize>> = FINDERS
            .iter()
            .flat_map(|core| core.find_iter(bytes).map(|at| at..at + core.needle().len()))
            .collect();
        cores.sort_unstable_by_key(|core| core.start);
        return (cores, rights_reserved_cue(bytes, b" \n\r"));
    };
    let (mut cores, mut rights) = (Vec::new(), false);
    for found in teddy.find_iter(bytes) {
        if found.pattern().as_usize() < REDIRECT_CORES.len() {
            cores.push(found.range());
        } else if !rights {
            rights = rights_rest_at(bytes, found.start() + 4);
        }
    }
    (cores, rights)
}

/// The rest of the rights phrase after its `ts r` (`rights_reserved_cue`): `e` or `é` in
/// either case, then `serv` in any ASCII case, from `at`.
fn rights_rest_at(bytes: &[u8], at: usize) -> bool {
    let serv_at = |at: usize| {
        bytes
            .get(at..at + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"serv"))
    };
    match bytes.get(at..) {
        Some([e, ..]) if (e | 0x20) == b'e' => serv_at(at + 1),
        Some([0xC3, 0xA9 | 0x89, ..]) => serv_at(at + 2),
        _ => false,
    }
}

/// Cheap screen before folding: every pattern names a redirect or a click.
const REDIRECT_CUES: [&str; 5] = ["edirig", "edirect", "edirection", "liquez", "lick here"];

fn is_redirect(text: &str) -> bool {
    let cue = REDIRECT_CUES;
    if text.len() > 800 || !cue.iter().any(|c| text.contains(c)) || longer_than(text, 200) {
        return false;
    }
    let lower = fold_quotes(text).to_lowercase();
    const STARTS: [&str; 5] = [
        "redirection en cours",
        "redirection…",
        "redirecting",
        "vous allez être redirigé",
        "you are being redirected",
    ];
    const CONTAINS: [&str; 6] = [
        "si vous n'êtes pas redirigé",
        "si vous n'etes pas redirige",
        "if you are not redirected",
        "if you're not redirected",
        "cliquez ici si",
        "click here if",
    ];
    STARTS.iter().any(|s| lower.starts_with(s)) || CONTAINS.iter().any(|s| lower.contains(s))
}

/// A line that is only a date (`19/02/25`, `2025-02-19`, `Publié le 19 février 2025`,
/// `February 19, 2025`), possibly with a time.
fn is_date_line(text: &str) -> bool {
    date_line(text, true)
}

/// `is_date_line`; `screen`: leave as soon as the first date token can open no date (what the
/// rule decides without it, so the tests compare both).
fn date_line(text: &str, screen: bool) -> bool {
    if text.len() > 80 {
        return false;
    }
    // Every prefix and every date token (a weekday, a day, a month, a year, a numeric date)
    // opens with a letter or a digit, and tokens are cut at blanks and commas: a line opening
    // otherwise (` -- Maintainer <...>  Thu, 11 Jul 2026`) is no date line, and is not folded.
    if !text
        .trim_start_matches(|c: char| c.is_whitespace() || c == ',')
        .starts_with(char::is_alphanumeric)
    {
        return false;
    }
    // An ASCII line is folded and lowercased into a buffer on the stack: this runs on every
    // short line with a digit near the top or end, and allocating twice made it a tenth of
    // the metadata pass.
    let mut ascii = [0u8; 80];
    let unicode;
    let lower = match fold_ascii_into(text.as_bytes(), &mut ascii) {
        Some(buf) => std::str::from_utf8(buf).unwrap_or(""),
        None => {
            unicode = fold_quotes(text).to_lowercase();
            unicode.as_str()
        }
    };
    let mut rest = lower;
    for prefix in [
        "publié le",
        "publié",
        "mis à jour le",
        "mis à jour",
        "posted on",
        "published on",
        "published",
        "updated on",
        "updated",
        "date :",
        "date:",
        "le ",
    ] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r.trim_start();
            break;
        }
    }
    let mut tokens = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty());
    // A date is one or three tokens: more and it is not a date line.
    let mut date_tokens = [""; 3];
    let mut count = 0;
    while let Some(token) = tokens.next() {
        if count == 0 && crate::core::dates::lexicon::WEEKDAYS.contains(&token) {
            continue;
        }
        // The first date token is a month or opens with a digit (a day, a numeric date): a
        // line opening otherwise (`Version: 2.0`) is not tokenized further. Asked before the
        // time test, which it spares (a clock opens with a digit, and no time word is a
        // month): the answer is no either way.
        if screen
            && count == 0
            && !token.starts_with(|c: char| c.is_ascii_digit())
            && !is_month(token)
        {
            return false;
        }
        if matches!(token, "à" | "at" | "-" | "–" | "|") || is_clock(token) {
            // A time after the date: everything left must be a time.
            return count > 0
                && tokens.all(|t| {
                    matches!(
                        t,
                        "à" | "at"
                            | "-"
                            | "–"
                            | "|"
                            | "utc"
                            | "gmt"
                            | "cet"
                            | "cest"
                            | "am"
                            | "pm"
                            | "et"
                            | "est"
                            | "edt"
                            | "pt"
                            | "pst"
                            | "pdt"
                            | "bst"
                    ) || is_clock(t)
                })
                && is_date_tokens(date_tokens.get(..count).unwrap_or(&[]));
        }
        let Some(slot) = date_tokens.get_mut(count) else {
            return false;
        };
        *slot = token;
        count += 1;
    }
    is_date_tokens(date_tokens.get(..count).unwrap_or(&[]))
}

/// `bytes` folded and lowercased (`fold_ascii_lower`) into `buf`, when they are ASCII and fit:
/// the rules' allocation-free path for the ASCII lines most articles are made of.
fn fold_ascii_into<'b>(bytes: &[u8], buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let out = buf.get_mut(..bytes.len())?;
    if !bytes.is_ascii() {
        return None;
    }
    for (to, &b) in out.iter_mut().zip(bytes) {
        *to = fold_ascii_lower(b);
    }
    Some(out)
}

/// `fold_char` then lowercasing, for an ASCII byte.
fn fold_ascii_lower(b: u8) -> u8 {
    match b {
        b'`' => b'\'',
        b if b.is_ascii_whitespace() || b == 0x0B => b' ',
        b => b.to_ascii_lowercase(),
    }
}

fn is_clock(token: &str) -> bool {
    let token = token.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    // Two or three parts of at most two digits, the first not empty; counted without
    // collecting them, since every token of a short line with a digit is tried.
    let mut parts = 0;
    for (i, p) in token.split([':', 'h']).enumerate() {
        parts += 1;
        if parts > 3
            || p.len() > 2
            || !p.bytes().all(|b| b.is_ascii_digit())
            || (i == 0 && p.is_empty())
        {
            return false;
        }
    }
    parts >= 2
}

fn is_date_tokens(tokens: &[&str]) -> bool {
    match tokens {
        [one] => is_numeric_date(one.split('t').next().unwrap_or(one)),
        [a, b, c] => {
            let (day, month, year) = if is_month(a) { (b, a, c) } else { (a, b, c) };
            is_day(day) && is_month(month) && is_year(year)
        }
        _ => false,
    }
}

fn is_numeric_date(token: &str) -> bool {
    let parts: Vec<&str> = token.split(['/', '.', '-']).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            m.len() <= 2 && d.len() <= 2 && in_range(m, 1, 12) && in_range(d, 1, 31)
        }
        [d, m, y] => {
            d.len() <= 2
                && m.len() <= 2
                && (y.len() == 2 || y.len() == 4)
                && in_range(d, 1, 31)
                && in_range(m, 1, 31)
        }
        _ => false,
    }
}

fn in_range(digits: &str, low: u32, high: u32) -> bool {
    digits
        .parse::<u32>()
        .is_ok_and(|n| (low..=high).contains(&n))
}

fn is_day(token: &str) -> bool {
    let digits = token
        .strip_suffix("er")
        .or_else(|| token.strip_suffix("st"))
        .or_else(|| token.strip_suffix("nd"))
        .or_else(|| token.strip_suffix("rd"))
        .or_else(|| token.strip_suffix("th"))
        .unwrap_or(token);
    digits.len() <= 2 && in_range(digits, 1, 31)
}

fn is_month(token: &str) -> bool {
    crate::core::dates::lexicon::month_number(token.trim_end_matches('.')).is_some()
}

fn is_year(token: &str) -> bool {
    token.len() == 4 && in_range(token, 1000, 2999)
}

/// Openings of a dated byline (`Publié le 3 mars 2025 par ...`), lowercase.
const BYLINE_DATED: [&str; 7] = [
    "publié",
    "posted",
    "published",
    "mis à jour",
    "updated",
    "le ",
    "on ",
];

const BYLINE_PREFIXES: [&str; 10] = [
    "written by ",
    "écrit par ",
    "rédigé par ",
    "par ",
    "by ",
    "auteur :",
    "auteur:",
    "autrice :",
    "author:",
    "auteure :",
];

/// `Par Jean Dupont`, `By Jane Doe, Staff Writer` -> the name.
fn byline(text: &str) -> Option<String> {
    if longer_than(text, 100) || matches!(last_significant_char(text), Some('.' | '!' | '?')) {
        return None;
    }
    let folded = fold_quotes(text);
    // `Publié le 3 mars 2025 par Marie Dubois`, `Posted June 3, 2025 by Jane Doe`.
    let lower = folded.to_lowercase();
    let dated = BYLINE_DATED.iter().any(|p| lower.starts_with(p));
    if dated {
        for marker in [" par ", " by "] {
            if let Some(pos) = lower.rfind(marker) {
                let after = folded.get(pos + marker.len()..).unwrap_or("");
                return byline_name(after);
            }
        }
        return None;
    }
    let mut rest = None;
    for prefix in BYLINE_PREFIXES {
        if let Some(r) = strip_prefix_ci(&folded, prefix) {
            rest = Some(r.trim_start().to_string());
            break;
        }
    }
    byline_name(&rest?)
}

/// The name at the start of what follows `Par`/`By`: capitalised words (with particles and
/// `and`/`et` between co-authors), up to a separator, a date or a lowercase word.
fn byline_name(rest: &str) -> Option<String> {
    let name_part = rest
        .split([',', '|', '·', '—', '–', '(', '\t'])
        .next()
        .unwrap_or("")
        .split(" - ")
        .next()
        .unwrap_or("")
        .trim();
    const PARTICLES: [&str; 13] = [
        "de", "du", "des", "van", "von", "der", "da", "di", "le", "la", "and", "et", "&",
    ];
    let mut words: Vec<&str> = Vec::new();
    let mut tail = Vec::new();
    for (i, word) in name_part.split_whitespace().enumerate() {
        if starts_upper(word) || (i > 0 && PARTICLES.contains(&word)) {
            words.push(word);
        } else {
            tail = name_part.split_whitespace().skip(i).collect();
            break;
        }
    }
    while words.last().is_some_and(|w| PARTICLES.contains(w)) {
        words.pop();
    }
    // What may follow the name on a byline: a date (`le 10 juin 2025`, `on June 3`).
    let tail_ok = tail.is_empty()
        || (matches!(tail.first(), Some(&("le" | "on" | "à" | "at" | "the")))
            && tail.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit())))
        || tail
            .first()
            .is_some_and(|w| w.bytes().any(|b| b.is_ascii_digit()));
    let name = words.join(" ");
    (!words.is_empty() && words.len() <= 8 && tail_ok).then_some(name)
}

fn starts_upper(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && !word.chars().any(|c| c.is_ascii_digit())
}

const CHROME: [&str; 22] = [
    "partager",
    "partager cet article",
    "partagez cet article",
    "share",
    "share this",
    "share this article",
    "tweet",
    "publicité",
    "advertisement",
    "lire aussi",
    "à lire aussi",
    "read also",
    "related articles",
    "articles similaires",
    "sur le même sujet",
    "abonnez-vous",
    "subscribe",
    "imprimer",
    "print",
    "commentaires",
    "comments",
    "retour en haut",
];

/// Share buttons, ad labels and "read also" stubs left by copy-paste from a page.
fn is_chrome_line(text: &str) -> bool {
    if longer_than(text, 40) {
        return false;
    }
    // An ASCII line (at most 40 bytes here) is folded and lowercased on the stack, and
    // trimmed of what `is_chrome_trim` trims of ASCII (blanks are spaces once folded).
    let mut ascii = [0u8; 40];
    if let Some(buf) = fold_ascii_into(text.as_bytes(), &mut ascii) {
        let is_trim = |b: &u8| matches!(b, b' ' | b':' | b'.' | b'!' | b'>');
        let start = buf.iter().position(|b| !is_trim(b)).unwrap_or(buf.len());
        let end = buf
            .iter()
            .rposition(|b| !is_trim(b))
            .map_or(start, |i| i + 1);
        let core = buf.get(start..end).unwrap_or(&[]);
        return CHROME.iter().any(|label| label.as_bytes() == core);
    }
    let lower = fold_quotes(text).to_lowercase();
    let core = lower.trim_matches(is_chrome_trim);
    CHROME.contains(&core)
}

fn is_chrome_trim(c: char) -> bool {
    is_space(c) || is_pictograph(c) || matches!(c, ':' | '.' | '!' | '›' | '»' | '>')
}

// ---------------------------------------------------------------------------------------------
// Title.

/// The indices of the kept entries, in order, without collecting them: both users read only
/// the first few or the last two.
fn kept_indices<'e>(entries: &'e [Entry]) -> impl DoubleEndedIterator<Item = usize> + 'e {
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kept())
        .map(|(i, _)| i)
}

/// Pick the title. A title block at the very top of the body is moved out of it (reason
/// `title`, so its dates are still read); a title found further down stays a heading.
fn choose_title(entries: &mut [Entry], head: &HeadMeta, decoded: &str, origin: &str) -> String {
    let first = kept_indices(entries).next();
    let first_entry = first.and_then(|i| entries.get(i));

    if let Some(head_title) = head
        .title
        .as_deref()
        .map(trim_blank)
        .filter(|t| !t.is_empty())
    {
        let stripped = strip_site_name(head_title, head.site_name.as_deref());
        // A first heading that is the head title is its cleaner form (`<title>` often carries
        // the site's name) and leaves the body; a site logo `<h1>` is neither.
        if let (Some(i), Some(entry)) = (first, first_entry) {
            let heading = entry.text().to_string();
            let (h, t) = (norm(&heading), norm(stripped));
            let is_site = head.site_name.as_deref().is_some_and(|s| norm(s) == h);
            let same = !h.is_empty()
                && (t.starts_with(&h) || h.starts_with(&t))
                && h.chars().count() * 2 >= t.chars().count();
            if matches!(entry.raw.kind, BlockKind::Heading(_)) && same && !is_site {
                mark(entries, i, "title");
                return heading;
            }
        }
        return stripped.to_string();
    }

    if let (Some(i), Some(entry)) = (first, first_entry) {
        let text = entry.text().to_string();
        let is_heading = matches!(entry.raw.kind, BlockKind::Heading(_));
        let standalone = entry.raw.kind == BlockKind::Paragraph
            && text.chars().count() <= 150
            && !matches!(last_significant_char(&text), Some('.' | '…' | ',' | ';'))
            && single_line(decoded, &entry.raw)
            && followed_by_blank_line(decoded, entry.raw.src.end);
        // A bare date line (`2019 :`, a chronology entry) is never a title.
        if (is_heading || standalone) && has_a_word(&text) {
            mark(entries, i, "title");
            return clean_title(&text);
        }
    }

    // First heading near the top, after a lead paragraph: it stays in the body. Section
    // labels (`Récapitulatif factuel`, `Conclusion`) are too short to be titles, one that
    // introduces what follows (`There are two kinds:`) is no title either, and a lead opening
    // with an emoji kicker is a teaser whose first sentence is the headline.
    let teaser = first_entry.is_some_and(|e| e.text().starts_with(is_pictograph));
    if let Some(entry) = kept_indices(entries)
        .take(3)
        .filter_map(|i| entries.get(i))
        .find(|e| matches!(e.raw.kind, BlockKind::Heading(_)))
        .filter(|e| !teaser && e.text().split_whitespace().count() >= 4 && !e.text().ends_with(':'))
    {
        return clean_title(entry.text());
    }

    if let Some(entry) = kept_indices(entries)
        .filter_map(|i| entries.get(i))
        .find(|e| e.raw.kind == BlockKind::Paragraph)
    {
        let title = clean_title(first_sentence(entry.text()));
        if !title.is_empty() {
            return title;
        }
    }

    let name = origin.rsplit('/').next().unwrap_or(origin);
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_string()
}

/// At least one run of two letters: a title says something beyond a date or a number.
fn has_a_word(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_alphabetic() { run + 1 } else { 0 };
        if run >= 2 {
            return true;
        }
    }
    false
}

fn mark(entries: &mut [Entry], index: usize, reason: &'static str) {
    if let Some(entry) = entries.get_mut(index) {
        entry.fate = Some(reason);
    }
}

fn single_line(decoded: &str, raw: &RawBlock) -> bool {
    decoded
        .get(raw.src.clone())
        .is_some_and(|s| !s.contains('\n'))
}

/// The line after `end` is blank (the title-then-blank-line shape of a plain-text article).
fn followed_by_blank_line(decoded: &str, end: usize) -> bool {
    let Some(rest) = decoded.get(end..) else {
        return false;
    };
    let mut lines = rest.split('\n');
    let same_line_rest = lines.next().unwrap_or("");
    trim_blank(same_line_rest).is_empty() && lines.next().is_some_and(|l| trim_blank(l).is_empty())
}

/// `Title | Site`, `Title - Site` or `Site | Title` -> `Title` when the part cut is the site's
/// name.
fn strip_site_name<'a>(title: &'a str, site: Option<&str>) -> &'a str {
    let Some(site) = site else {
        return title;
    };
    for sep in [" | ", " - ", " — ", " – ", " · ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if norm(tail) == norm(site) && !trim_blank(head).is_empty() {
                return trim_blank(head);
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if norm(head) == norm(site) && !trim_blank(tail).is_empty() {
                return trim_blank(tail);
            }
        }
    }
    title
}

/// The first sentence of a paragraph (up to `.`, `!`, `?` or `…` followed by a capital).
fn first_sentence(text: &str) -> &str {
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let end = i + c.len_utf8();
        let rest = text.get(end..).unwrap_or("");
        let after = rest.trim_start_matches(|c: char| is_space(c) || matches!(c, '.' | '!' | '?'));
        if rest.starts_with(is_space)
            && after
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '«' || c == '"')
        {
            return text.get(..end).unwrap_or(text);
        }
    }
    text
}

/// Take decoration off a title: leading emoji and the kicker they introduce
/// (`🔥 Drama dans l IA: `), a trailing `!` or `.`; shorten an overlong one at a word.
fn clean_title(text: &str) -> String {
    let mut title = trim_blank(text);
    let without_emoji = title.trim_start_matches(|c: char| is_pictograph(c) || is_space(c));
    let had_emoji = without_emoji.len() != title.len();
    title = without_emoji;
    if let Some((kicker, rest)) = title.split_once(':') {
        let kicker_words = kicker.split_whitespace().count();
        let shouting =
            kicker.chars().any(char::is_alphabetic) && !kicker.chars().any(char::is_lowercase);
        if (had_emoji || shouting) && kicker_words <= 5 && rest.split_whitespace().count() >= 3 {
            title = trim_blank(rest);
        }
    }
    let title = title
        .trim_end_matches(|c: char| is_pictograph(c) || is_space(c))
        .trim_end_matches(['!', '.'])
        .trim_end_matches(is_space);
    if title.chars().count() <= TITLE_MAX_CHARS {
        return title.to_string();
    }
    let mut short = String::new();
    for word in title.split_whitespace() {
        if short.chars().count() + word.chars().count() + 1 > TITLE_MAX_CHARS {
            break;
        }
        if !short.is_empty() {
            short.push(' ');
        }
        short.push_str(word);
    }
    short.push('…');
    short
}

/// Comparison form: quotes folded, case and spacing ignored, trailing punctuation dropped.
fn norm(text: &str) -> String {
    if text.is_ascii() {
        return norm_ascii(text);
    }
    if text.contains('Σ') {
        // String lowercasing gives a final sigma `ς` where char lowercasing gives `σ`.
        let folded = fold_quotes(text).to_lowercase();
        let joined = folded.split_whitespace().collect::<Vec<_>>().join(" ");
        return joined
            .trim_end_matches(['.', '!', '?', ':', ' '])
            .to_string();
    }
    // One pass, one allocation: each char folded and lowercased, whitespace runs made one space.
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut push = |out: &mut String, c: char| {
        if c.is_whitespace() {
            space = !out.is_empty();
            return;
        }
        if std::mem::take(&mut space) {
            out.push(' ');
        }
        out.push(c);
    };
    for c in text.chars() {
        // The ASCII chars of a mostly non-ASCII title by byte: `fold_ascii_lower` is
        // `fold_char` then lowercasing for them, without the case tables.
        match u8::try_from(c) {
            Ok(b) if b.is_ascii() => push(&mut out, char::from(fold_ascii_lower(b))),
            _ => {
                for lower in fold_char(c).to_lowercase() {
                    push(&mut out, lower);
                }
            }
        }
    }
    let kept = out.trim_end_matches(['.', '!', '?', ':', ' ']).len();
    out.truncate(kept);
    out
}

/// A necessary condition of `norm(text) == wanted`, without allocating: the first chars of
/// the comparison form of `text`, produced one by one, agree with `wanted` (`norm` allocates
/// and `drop_duplicate_titles` runs on every block). Where a char might still be trimmed off
/// the end, or string lowercasing differs from char lowercasing (`Σ`), it answers yes.
fn norm_may_equal(text: &str, wanted: &str) -> bool {
    let mut want = wanted.chars();
    let mut compared = 0;
    let mut space_before = false;
    for c in text.chars() {
        if compared >= 24 {
            return true;
        }
        // An ASCII char folds and lowercases to one ASCII char (`fold_ascii_lower`) without
        // `fold_char`'s table: most blocks differ from the title at their first char.
        let (c, lowered) = match u8::try_from(c).ok().filter(u8::is_ascii) {
            Some(b) => (char::from(fold_ascii_lower(b)), true),
            None => (fold_char(c), false),
        };
        if c == ' ' {
            space_before = compared > 0;
            continue;
        }
        if c == 'Σ' {
            return true;
        }
        if std::mem::take(&mut space_before) {
            compared += 1;
            if want.next() != Some(' ') {
                return true;
            }
        }
        // Already its lowercase: compared without a call to the case tables.
        if lowered {
            compared += 1;
            if want.next() != Some(c) {
                return NORM_TRIMMED.contains(&c);
            }
            continue;
        }
        for lower in c.to_lowercase() {
            compared += 1;
            if want.next() != Some(lower) {
                return NORM_TRIMMED.contains(&lower);
            }
        }
    }
    true
}

/// What `norm` trims off the end of its comparison form.
const NORM_TRIMMED: [char; 5] = ['.', '!', '?', ':', ' '];

/// `norm_may_equal` char by char through `fold_char` and the case tables: the reference of
/// its ASCII path.
#[cfg(test)]
fn norm_may_equal_plain(text: &str, wanted: &str) -> bool {
    let mut want = wanted.chars();
    let mut compared = 0;
    let mut space_before = false;
    for c in text.chars() {
        if compared >= 24 {
            return true;
        }
        let c = fold_char(c);
        if c == ' ' {
            space_before = compared > 0;
            continue;
        }
        if c == 'Σ' {
            return true;
        }
        if std::mem::take(&mut space_before) {
            compared += 1;
            if want.next() != Some(' ') {
                return true;
            }
        }
        for lower in c.to_lowercase() {
            compared += 1;
            if want.next() != Some(lower) {
                return NORM_TRIMMED.contains(&lower);
            }
        }
    }
    true
}

/// `norm` of an ASCII text in one pass over its bytes: the only quote to fold is the
/// backtick, whitespace runs (as `char::is_whitespace` has them, vertical tab included)
/// become one space.
fn norm_ascii(text: &str) -> String {
    if is_single_spaced_ascii(text) {
        // Most titles: no whitespace run to squeeze, so one lowercasing map over all of it
        // (it vectorises), where the word loop below stops at every byte.
        let mut out: Vec<u8> = text.bytes().map(norm_ascii_byte).collect();
        trim_norm_end(&mut out);
        return String::from_utf8(out).unwrap_or_default();
    }
    let mut out = Vec::with_capacity(text.len());
    // Word by word: each word is copied lowercased in one sized `extend`, not byte by byte
    // through `push` (the title's `norm` runs once per article).
    let words = text
        .as_bytes()
        .split(|&b| b.is_ascii_whitespace() || b == 0x0B)
        .filter(|word| !word.is_empty());
    for word in words {
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend(word.iter().copied().map(norm_ascii_byte));
    }
    trim_norm_end(&mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// An ASCII byte as `norm` compares it: lowercased, a backquote read as an apostrophe.
fn norm_ascii_byte(b: u8) -> u8 {
    match b {
        b'`' => b'\'',
        b => b.to_ascii_lowercase(),
    }
}

/// `norm`'s trailing punctuation and spaces dropped from an ASCII comparison form.
fn trim_norm_end(out: &mut Vec<u8>) {
    while out
        .last()
        .is_some_and(|b| matches!(b, b'.' | b'!' | b'?' | b':' | b' '))
    {
        out.pop();
    }
}

fn drop_duplicate_titles(entries: &mut [Entry], title: &str, title_from_body: bool) {
    let wanted = norm(title);
    if wanted.is_empty() {
        return;
    }
    let mut seen_title_block = false;
    for entry in entries.iter_mut() {
        if !entry.is_prose() {
            continue;
        }
        if entry.fate == Some("title") {
            seen_title_block = true;
            continue;
        }
        // Cheap length screen first: `norm` allocates and this runs on every block.
        let text = entry.text();
        let len = text.len();
        let comparable = len * 2 + 16 >= title.len() && len <= title.len() * 2 + 16;
        if entry.kept() && comparable && norm_may_equal(text, &wanted) && norm(text) == wanted {
            // The first kept copy stays when the title was not taken from the body.
            if seen_title_block || (!title_from_body && entry.raw.kind == BlockKind::Paragraph) {
                entry.fate = Some("duplicate_title");
            } else {
                seen_title_block = true;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Closing rules: what an article ends with.

fn apply_closing_rules(entries: &mut [Entry], found: &mut Found) {
    // The last two kept, taken before `mark` changes what is kept.
    let (last, before_last) = {
        let mut tail = kept_indices(entries).rev();
        (tail.next(), tail.next())
    };
    let Some(mut last) = last else {
        return;
    };
    if entries.get(last).is_some_and(is_trailing_fragment) {
        mark(entries, last, "trailing_fragment");
        match before_last {
            Some(i) => last = i,
            None => return,
        }
    }
    let Some(entry) = entries.get(last) else {
        return;
    };
    if entry.raw.kind != BlockKind::Paragraph {
        return;
    }
    if let Some(bio) = author_bio(entry.text()) {
        if found.author.is_none() {
            found.author = Some(bio.name);
        }
        if found.bio_site.is_none() {
            found.bio_site = bio.site;
        }
        mark(entries, last, "byline");
    }
}

/// A cut-off scrap at the very end (`le dernier`): a few lowercase words, no punctuation.
fn is_trailing_fragment(entry: &Entry) -> bool {
    let text = entry.text();
    // The cheap tests first: the last paragraph is often long, and counting its words was
    // most of the cost.
    entry.raw.kind == BlockKind::Paragraph
        && text.chars().next().is_some_and(char::is_lowercase)
        && !longer_than(text, 30)
        && text.split_whitespace().count() <= 3
        && !matches!(last_significant_char(text), Some('.' | '!' | '?' | '…'))
}

struct Bio {
    name: String,
    site: Option<String>,
}

/// A closing author bio: `Antoine Pelletier explore ... IA au Quotidien est son terrain ...`.
/// Needs a capitalised name, a lowercase verb after it, and either a named site/blog or a
/// writer's-trade word; a news paragraph that merely starts with a person's name has neither.
fn author_bio(text: &str) -> Option<Bio> {
    // The cheap tests first (every article's last paragraph is asked, and most fail them):
    // the first two words are names, read off a lazy word iterator, before the length is
    // counted; a length in bytes outside 30 to 2 800 (700 chars of at most 4 bytes) is out.
    if !(30..=700 * 4).contains(&text.len()) {
        return None;
    }
    let mut words = text.split_whitespace();
    let (first, second) = (words.next()?, words.next()?);
    if !(is_name_word(first) && is_name_word(second)) {
        return None;
    }
    if !(30..=700).contains(&text.chars().count()) {
        return None;
    }
    // The name and the verb are among the first four words: the rest is never split.
    let (third, fourth) = (words.next(), words.next());
    let (two, three);
    let (names, verb): (&[&str], &str) = match third {
        Some(third) if is_name_word(third) => {
            three = [first, second, third];
            (&three, fourth?)
        }
        _ => {
            two = [first, second];
            (&two, third?)
        }
    };
    if !verb.chars().next().is_some_and(char::is_lowercase)
        || !verb.chars().all(char::is_alphabetic)
    {
        return None;
    }
    bio_named(text, names)
}

/// The bio of `text` whose name is `names`: it names a site or a writer's trade.
fn bio_named(text: &str, names: &[&str]) -> Option<Bio> {
    let name = names.join(" ");
    let site = bio_site(text, &name);
    let lower = fold_quotes(text).to_lowercase();
    const TRADE: [&str; 24] = [
        "blog",
        "blogueur",
        "blogueuse",
        "newsletter",
        "podcast",
        "journaliste",
        "rédacteur",
        "rédactrice",
        "auteur",
        "autrice",
        "chroniqueur",
        "chroniqueuse",
        "writer",
        "journalist",
        "editor",
        "blogger",
        "columnist",
        "contributor",
        "reporter",
        "correspondent",
        "correspondant",
        "correspondante",
        "rédaction",
        "pigiste",
    ];
    let has_trade = lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| TRADE.contains(&w));
    (site.is_some() || has_trade).then_some(Bio { name, site })
}

/// `author_bio` with its tests in their first order (all of them, the length first): the
/// reference its tests compare it with.
#[cfg(test)]
fn author_bio_plain(text: &str) -> Option<Bio> {
    let count = text.chars().count();
    if !(30..=700).contains(&count) {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().take(4).collect();
    let name_len = if words.get(2).is_some_and(|w| is_name_word(w)) {
        3
    } else {
        2
    };
    let names = words.get(..name_len)?;
    if !names.iter().all(|w| is_name_word(w)) {
        return None;
    }
    let verb = words.get(name_len)?;
    if !verb.chars().next().is_some_and(char::is_lowercase)
        || !verb.chars().all(char::is_alphabetic)
    {
        return None;
    }
    bio_named(text, names)
}

fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
}

/// The site a bio names: `X est son blog/terrain`, `X is his blog`, `fondateur de X`,
/// `writes for X`, `sur son blog X`.
fn bio_site(text: &str, name: &str) -> Option<String> {
    let folded = fold_quotes(text);
    // `<Site> est son ...` / `<Site> is her ...` at a sentence start.
    for sentence in folded.split_inclusive(['.', '!', '?']).skip(1) {
        let sentence = sentence.trim_start();
        for verb in [
            " est son ",
            " est sa ",
            " est le ",
            " est la ",
            " is his ",
            " is her ",
            " is their ",
        ] {
            if let Some((subject, _)) = sentence.split_once(verb) {
                let subject = subject.trim();
                let words = subject.split_whitespace().count();
                if words <= 6
                    && starts_upper(subject)
                    && capitalised_phrase(subject) == Some(subject.to_string())
                    && subject != name
                    && !matches!(
                        subject,
                        "Il" | "Elle" | "He" | "She" | "It" | "They" | "Ce" | "C'est" | "This"
                    )
                {
                    return Some(subject.to_string());
                }
            }
        }
    }
    let lower = folded.to_lowercase();
    for cue in [
        "fondateur de ",
        "fondatrice de ",
        "fondateur du ",
        "founder of ",
        "rédacteur en chef de ",
        "editor of ",
        "editor at ",
        "writes for ",
        "écrit pour ",
        "sur son blog ",
        "sur son site ",
        "on his blog ",
        "on her blog ",
        "reporter at ",
        "reporter for ",
        "correspondent at ",
        "correspondent for ",
        "writer at ",
        "journaliste à ",
        "journaliste chez ",
        "journaliste pour ",
        "works at ",
        "travaille chez ",
        "travaille pour ",
        "blog ",
        "newsletter ",
    ] {
        if let Some(pos) = lower.find(cue) {
            let after = folded.get(pos + cue.len()..).unwrap_or("");
            if let Some(site) = capitalised_phrase(after) {
                return Some(site);
            }
        }
    }
    None
}

/// The leading run of capitalised words (with small connectors inside) of `text`.
fn capitalised_phrase(text: &str) -> Option<String> {
    const CONNECTORS: [&str; 10] = ["au", "aux", "de", "du", "des", "la", "le", "of", "the", "&"];
    let mut words = Vec::new();
    for word in text.split_whitespace().take(6) {
        let clean = word.trim_end_matches([',', '.', ';', ':', '!', '?', ')', '"']);
        let all_caps = !clean.is_empty()
            && clean
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit());
        let connector = CONNECTORS.contains(&clean) && !words.is_empty();
        if starts_upper(clean) || all_caps || connector {
            words.push(clean);
        } else {
            break;
        }
        if clean.len() != word.len() {
            break; // punctuation ends the name
        }
    }
    while words.last().is_some_and(|w| CONNECTORS.contains(w)) {
        words.pop();
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// `https://www.arstechnica.com/ai/...` -> `arstechnica.com`.
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

// ---------------------------------------------------------------------------------------------
// Publication date stated by the format.

/// `2025-06-17T10:00:00Z`, `2025-06`, `2025`, `17/06/2025` -> a `PubDate`.
fn pub_date(raw: &str, format: Format) -> Option<PubDate> {
    let raw = trim_blank(raw);
    let date = raw.split(['T', ' ']).next().unwrap_or(raw);
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let (year, month, day) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => (*y, Some(*m), Some(*d)),
        [d, m, y] if y.len() == 4 => (*y, Some(*m), Some(*d)),
        [y, m] if y.len() == 4 => (*y, Some(*m), None),
        [y] if y.len() == 4 => (*y, None, None),
        _ => return None,
    };
    let year: i32 = year.parse().ok().filter(|y| (1000..=2999).contains(y))?;
    let month: Option<u8> = match month {
        Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day: Option<u8> = match day {
        Some(d) => Some(d.parse().ok().filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    let (value, precision) = match (month, day) {
        (Some(m), Some(d)) => (format!("{year:04}-{m:02}-{d:02}"), Precision::Day),
        (Some(m), None) => (format!("{year:04}-{m:02}"), Precision::Month),
        _ => (format!("{year:04}"), Precision::Year),
    };
    let origin = match format {
        Format::Html => "HTML metadata",
        Format::Markdown => "front matter",
        Format::Text => "header",
    };
    Some(PubDate {
        value,
        precision,
        bound: DateBound::Exact,
        evidence: format!("{origin} date \"{}\"", sanitize_line(raw)),
    })
}

// ---------------------------------------------------------------------------------------------
// Arena.

/// The arena, its blocks and its dropped lines; the arena has room for `appended` more bytes.
/// `inert`: the blocks are pieces of a source that needs no sanitizing (see `assemble`); table
/// rows are sanitized all the same.
fn build_arena(
    entries: Vec<Entry>,
    appended: usize,
    inert: bool,
) -> (String, Vec<Block>, Vec<Dropped>) {
    // Sized once: cleaning never grows a block by much (tabs expand), so one allocation. The
    // dropped lines are counted in the same pass: they are written after the blocks by a
    // second pass over the entries, where moving them aside meant a vector and a move each.
    let (text_bytes, dropped_count) = entries.iter().fold((appended, 0), |(bytes, dropped), e| {
        (
            bytes + e.raw.text.len() + 1,
            dropped + usize::from(!e.kept()),
        )
    });
    let mut text = String::with_capacity(text_bytes);
    let mut blocks = Vec::with_capacity(entries.len() - dropped_count);
    for entry in entries.iter().filter(|e| e.kept()) {
        let start = text.len();
        match entry.raw.kind {
            // Cells are sanitized one by one so the `\t` between them survives.
            BlockKind::TableRow => {
                for (i, cell) in entry.raw.text.split('\t').enumerate() {
                    if i > 0 {
                        text.push('\t');
                    }
                    push_field(&mut text, cell);
                }
            }
            BlockKind::Code => text.push_str(&sanitize(&entry.raw.text)),
            _ => push_prose_of(&mut text, &entry.raw.text, inert),
        }
        if trim_blank(text.get(start..).unwrap_or("")).is_empty() {
            text.truncate(start);
            continue;
        }
        blocks.push(Block::new(
            entry.raw.kind,
            start..text.len(),
            entry.raw.src.clone(),
        ));
        text.push('\n');
    }
    let mut dropped = Vec::with_capacity(dropped_count);
    for entry in entries.iter().filter(|e| !e.kept()) {
        let start = text.len();
        let inert = inert && entry.raw.kind != BlockKind::TableRow;
        push_prose_of(&mut text, &entry.raw.text, inert);
        dropped.push(Dropped::new(
            start..text.len(),
            entry.raw.src.clone(),
            entry.fate.unwrap_or("dropped"),
        ));
        text.push('\n');
    }
    (text, blocks, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_out_and_source_lines() {
        assert_eq!(
            link_out("Article en référence: https://arstechnica.com/ai/2025/06/x/").as_deref(),
            Some("https://arstechnica.com/ai/2025/06/x/")
        );
        assert_eq!(
            link_out("Lien : https://example.org/a 👈").as_deref(),
            Some("https://example.org/a")
        );
        assert_eq!(link_out("Source: https://a.b/c and more words"), None);
        assert_eq!(
            source_line("source : Actualités IA").as_deref(),
            Some("Actualités IA")
        );
        assert_eq!(
            source_line("Source\u{a0}: Techcrunch").as_deref(),
            Some("Techcrunch")
        );
        assert_eq!(
            source_line(
                "Source : selon un rapport publié hier par une agence de presse bien connue"
            ),
            None
        );
        assert_eq!(
            url_host("https://www.arstechnica.com/ai/").as_deref(),
            Some("arstechnica.com")
        );
    }

    #[test]
    fn switchers_dates_bylines() {
        assert!(is_language_switcher("Fr"));
        assert!(is_language_switcher("FR | EN"));
        assert!(!is_language_switcher("En bref"));
        assert!(is_date_line("19/02/25"));
        assert!(is_date_line("Publié le 19 février 2025 à 10h30"));
        assert!(is_date_line("February 19, 2025"));
        assert!(is_date_line("2025-02-19T10:00:00Z"));
        assert!(!is_date_line("2015 :"));
        assert!(!is_date_line("En 2025, tout change."));
        assert_eq!(byline("Par Jean Dupont").as_deref(), Some("Jean Dupont"));
        assert_eq!(
            byline("By Jane Doe, Staff Writer").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(byline("Par ailleurs, la situation évolue."), None);
        assert_eq!(byline("Par ailleurs"), None);
        assert_eq!(
            byline("By Krystal Hu and Kenrick Cai").as_deref(),
            Some("Krystal Hu and Kenrick Cai")
        );
        assert_eq!(
            byline("Par Jean Dupont le 10 juin 2025").as_deref(),
            Some("Jean Dupont")
        );
        assert_eq!(
            byline("Publié le 3 mars 2025 par Marie Dubois").as_deref(),
            Some("Marie Dubois")
        );
        assert_eq!(byline("Par Microsoft, la firme a tout dit."), None);
        assert!(is_date_line("June 10, 2025 2:30 PM EST"));
        assert!(is_date_line("Mis à jour le 11/06/2025 à 09:00"));
        // The ASCII fast path folds and lowercases like the Unicode one.
        assert!(is_date_line(
            "POSTED ON\u{b}Monday,\tJune 10,  2025 at 2:30 PM"
        ));
        assert!(is_date_line("DATE: 2025-06-10"));
        assert!(!is_date_line("Updated 1 2 3 2025"));
        assert!(!is_date_line("June 10, 2025 at noon"));
        assert!(is_date_line("mardi 10\u{a0}juin 2025"));
    }

    #[test]
    fn page_furniture_lines() {
        assert!(is_credit_line("Crédit photo : Reuters"));
        assert!(is_credit_line("Photo: AFP"));
        assert_eq!(source_line("Crédit photo : Reuters"), None);
        assert!(is_copyright_line("© 2025 Le Monde"));
        assert!(is_copyright_line(
            "Reproduction interdite. Tous droits réservés."
        ));
        assert!(is_tag_line("Tags : IA, OpenAI, Microsoft"));
        assert!(is_related_link("Lire aussi : OpenAI lève 40 milliards"));
        assert!(is_chrome_line("Partager :"));
        assert!(!is_chrome_line("Partager les données est un enjeu."));
        assert!(!is_related_link(
            "Lire aussi les conditions du contrat est utile."
        ));
    }

    #[test]
    fn wire_and_copyright_sources() {
        assert_eq!(
            wire_dateline("SAN FRANCISCO, June 10 (Reuters) - OpenAI plans to add").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            wire_dateline("PARIS (AFP) – Le gouvernement a").as_deref(),
            Some("AFP")
        );
        assert_eq!(wire_dateline("OpenAI (la société) - une note"), None);
        assert_eq!(
            copyright_owner("© 2025 Le Blog Tech – Tous droits réservés").as_deref(),
            Some("Le Blog Tech")
        );
        assert!(is_credit_line(
            "Reporting by Krystal Hu in San Francisco; Editing by Matthew Lewis"
        ));
    }

    #[test]
    fn site_name_is_cut_from_titles() {
        assert_eq!(strip_site_name("Titre | Le Site", Some("Le Site")), "Titre");
        assert_eq!(strip_site_name("Le Site - Titre", Some("le site")), "Titre");
        assert_eq!(
            strip_site_name("Titre - Sous-titre", Some("Le Site")),
            "Titre - Sous-titre"
        );
    }

    #[test]
    fn titles_are_cleaned() {
        assert_eq!(
            clean_title(first_sentence("🔥 Drama dans l IA: OpenAI considère poursuivre Microsoft pour pratiques anticoncurrentielles! Le créateur")),
            "OpenAI considère poursuivre Microsoft pour pratiques anticoncurrentielles"
        );
        assert_eq!(
            first_sentence("Quel avenir pour X ? Depuis quelques semaines, la rumeur."),
            "Quel avenir pour X ?"
        );
        assert_eq!(
            clean_title("OpenAI et Microsoft : Une alliance"),
            "OpenAI et Microsoft : Une alliance"
        );
    }

    #[test]
    fn author_bio_needs_a_site_or_trade() {
        let bio = author_bio("Antoine Pelletier explore l’intelligence artificielle au quotidien. Il teste des outils. IA au Quotidien est son terrain d’expérimentation — et de transmission.");
        let bio = bio.map(|b| (b.name, b.site));
        assert_eq!(
            bio,
            Some(("Antoine Pelletier".into(), Some("IA au Quotidien".into())))
        );
        assert!(author_bio(
            "Sam Altman a déclaré que la société allait croître. Il a ajouté que rien ne change."
        )
        .is_none());
        // The screens reordered: the same answers on bios of two and three names, a verb
        // that is not one, short and long paragraphs.
        for text in [
            "Antoine Pelletier explore l’intelligence artificielle. Le Blog Tech est son blog.",
            "Marie Claire Dupont écrit pour Le Monde depuis dix ans, comme journaliste.",
            "Marie Claire Dupont Écrit pour Le Monde depuis dix ans, comme journaliste.",
            "Jean Dupont est journaliste.",
            "Jean Dupont",
            "Jean Dupont est un writer qui écrit beaucoup trop longtemps et encore plus.",
        ] {
            let pair = |bio: Option<Bio>| bio.map(|b| (b.name, b.site));
            assert_eq!(
                pair(author_bio(text)),
                pair(author_bio_plain(text)),
                "{text}"
            );
        }
        let long = format!("Jean Dupont est journaliste. {}", "a".repeat(700));
        assert!(author_bio(&long).is_none() && author_bio_plain(&long).is_none());
        assert!(
            author_bio("Marie Claire Dupont écrit pour Le Monde, comme journaliste.").is_some()
        );
    }

    /// The gates only skip work: every line gets the same fate and the same metadata with
    /// them as with every rule run. Lines: the seeds' and each label of every rule written
    /// in several cases, with and without a value, a URL, a date, a leading quote or emoji.
    #[test]
    fn lead_folds_and_lowercases_the_first_two_chars() {
        for text in [
            "",
            "A",
            "So",
            "`x",
            "\tTab",
            "É",
            "Ab\u{e9}",
            "\u{2019}Quote",
            "ßig",
            "A\u{130}",
            "\u{b}a",
            "\u{c}B",
            " c",
            "`d",
            "\u{1c}e",
        ] {
            let mut chars = text.chars().map(fold_char).flat_map(char::to_lowercase);
            assert_eq!(lead(text), (chars.next(), chars.next()), "{text:?}");
        }
    }

    /// The seeds' lines, every rule label in several casings and contexts, and hand-picked
    /// tricky lines: what the fast paths are checked against the rules on.
    fn tricky_lines() -> Vec<String> {
        let mut lines: Vec<String> = crate::core::load::SEEDS
            .iter()
            .flat_map(|(_, bytes)| {
                String::from_utf8_lossy(bytes)
                    .lines()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        let lists: [&[&str]; 12] = [
            &LANGUAGES,
            &LINK_LABELS,
            &SOURCE_LABELS,
            &BYLINE_DATED,
            &BYLINE_PREFIXES,
            &CHROME,
            &RELATED_LABELS,
            &CREDIT_STAFF,
            &CREDIT_LABELS,
            &TAG_LABELS,
            &[
                "copyright",
                "(c) ",
                "©",
                "tous droits réservés",
                "all rights reserved",
            ],
            &["redirection en cours", "click here if", "publié le", "le "],
        ];
        let tails = [
            "",
            " :",
            ": Reuters",
            " : https://example.org/a/b",
            "\u{a0}: Le Monde, 2025",
            " 19 février 2025",
            " Jean Dupont",
            " Jane Doe, Staff Writer",
            " | EN",
            " 2025 Le Blog – Tous droits réservés",
            " OpenAI lève 40 milliards",
        ];
        for label in lists.iter().flat_map(|l| l.iter()) {
            let cased = [
                label.to_string(),
                label.to_uppercase(),
                capitalised(label),
                format!("« {label}"),
                format!("🔥 {label}"),
                format!("— {}", capitalised(label)),
                format!("Le Monde {label}"),
            ];
            for head in cased {
                for tail in tails {
                    lines.push(format!("{head}{tail}"));
                }
            }
        }
        lines.extend(
            [
                "19/02/25",
                "February 19, 2025",
                "SAN FRANCISCO, June 10 (Reuters) - OpenAI plans",
                "PARIS (AFP) – Le gouvernement a",
                "Ⓐ Partager",
                "ÉCRIT PAR JEAN DUPONT",
                "\u{212a}ink: https://a.b/c",
                "Reproduction interdite. TOUS DROITS RÉSERVÉS.",
                "Fr",
                "- fr / EN",
                "June 10, 2025 2:30 PM EST",
                "Mis à jour le 11/06/2025 à 09:00",
                "2025-02-19T10:00:00Z",
                "Lundi 3 mars 2025",
                "Le 3 mars",
                "2015 :",
                "Version 1.2.3",
                "(C) 2025 Foo Bar",
                "Copyright 2025 Foo",
                "CO\u{a0}PYRIGHT 2025",
                "İstanbul (AFP) - x",
                "ΣΑΣ : ΣΑΣ",
                "by\u{a0}Jane Doe",
                "À LIRE AUSSI : Le reste",
                "Par\u{2019}Jean",
                "3.6.2025",
            ]
            .map(str::to_string),
        );
        lines
    }

    #[test]
    fn gates_never_change_a_fate() {
        let lines = tricky_lines();
        let mut dropped = 0;
        for line in &lines {
            for kind in [BlockKind::Paragraph, BlockKind::TableRow] {
                for (near_top, near_end) in [(true, true), (false, false)] {
                    let entry = Entry {
                        raw: RawBlock {
                            kind,
                            text: line.clone().into(),
                            src: 0..line.len(),
                            spaced_lines: false,
                        },
                        fate: None,
                    };
                    let text = entry.text();
                    let (mut fast, mut slow) = (Found::default(), Found::default());
                    let gated = line_rule(
                        text,
                        &entry,
                        near_top,
                        near_end,
                        &mut fast,
                        &Gates::of(text),
                    );
                    let open = line_rule(
                        text,
                        &entry,
                        near_top,
                        near_end,
                        &mut slow,
                        &Gates::open(text),
                    );
                    assert_eq!(gated, open, "{line:?}");
                    // The line as a slice of a source: here the source is the line itself, so
                    // the source's cues are exactly the line's.
                    let cues = Cues::of(text);
                    let within = line_rule(
                        text,
                        &entry,
                        near_top,
                        near_end,
                        &mut Found::default(),
                        &Gates::within(text, &cues),
                    );
                    assert_eq!(within, open, "{line:?}");
                    // The line as lines of a source joined: the source has line breaks where
                    // the line has spaces (all of them, or one).
                    let sources = [
                        text.replace(' ', "\n"),
                        text.replace(' ', "\r"),
                        text.replacen(' ', "\n", 1),
                        format!("x\n{}\r\ny", text.replace(' ', "\r")),
                    ];
                    for source in sources {
                        let cues = Cues::of(&source);
                        let across = line_rule(
                            text,
                            &entry,
                            near_top,
                            near_end,
                            &mut Found::default(),
                            &Gates::across_lines(text, &cues),
                        );
                        assert_eq!(across, open, "{line:?} from {source:?}");
                    }
                    dropped += usize::from(gated.is_some());
                    assert_eq!(
                        (
                            fast.source,
                            fast.source_url,
                            fast.author,
                            fast.wire,
                            fast.copyright_owner
                        ),
                        (
                            slow.source,
                            slow.source_url,
                            slow.author,
                            slow.wire,
                            slow.copyright_owner
                        ),
                        "{line:?}"
                    );
                }
            }
        }
        // The redirect screen's premise.
        for cue in REDIRECT_CUES {
            assert!(["edir", "liquez", "lick here"]
                .iter()
                .any(|k| cue.contains(k)));
        }
        // The lines do exercise the rules: many are dropped.
        assert!(dropped > 1000, "{dropped} of {} lines dropped", lines.len());
    }

    /// The tricky lines, plus the screens' own edge cases (bytes of `›` and `»` out of their
    /// chars, digits at either end, the copyright phrases cut or spaced otherwise).
    fn screen_lines() -> Vec<String> {
        let mut lines = tricky_lines();
        lines.extend(
            [
                "",
                "1",
                "12",
                "123",
                "1234",
                "a1-",
                "x 1/2",
                "v1.",
                "abc 123",
                "Installed-Size: 2077",
                "10:30 19/02/2025",
                "at 10:30",
                "à 10h30 le 3 mars 2025",
                "mars 3 2025 à 10h30",
                "Lundi 3 mars 2025 - 10:30 CET",
                "- 2025-02-19",
                "Version: 2.0.0+2017.04.10",
                "Depends: libc6 (>= 2.14)",
                "Lire aussi › La suite",
                "Lire aussi » La suite",
                "Lire aussi\u{a0}: La suite",
                "Lire  aussi : La suite",
                "lire l\u{2019}article : x",
                "Voir aussi\t> x",
                "Sur le même sujet",
                "Sur le même sujet:",
                "SUR LE MÊME SUJET : x",
                "à lire : x",
                "related:",
                "Related",
                "\u{bb} x",
                "x \u{203a}",
                "\u{c2}",
                "all rights reserved",
                "ALL RIGHTS RESERVED",
                "All rights  reserved",
                "tous droits réservés",
                "TOUS DROITS RÉSERVÉS",
                "Tous droits reserves",
                "droits réserv",
                "server service observe",
                "ts reserv",
                "ts r\u{e9}serv",
                "ts r\u{c9}SERV",
                "Share!",
                "  Partager : ",
                "🔥 Partager",
                "Print.",
                "`Tweet`",
                "Share\u{b}this",
                "Subscribe >",
                "Fr / En",
                "Par Jean Dupont",
                "Publié le 19/02/25",
                "Source : Le Monde",
                "Source: https://example.org/a",
                "Source : a://b",
                "Source : a:/b",
                "Source :://",
                "© 2025 Le Monde",
                "https://example.org/a",
                "Mardi 3 juin 2025",
                "juin 2025",
                "3 juin 2025",
                "Thu, 11 Jul 2026 10:00:00 +0200",
                "Le 3 mars 2025",
                "le 10h30",
                "à 10h30",
                "2025",
                "T2025-01-01",
                "abcdefg1234",
                "abcdefg12/",
                "abcdefgh1-",
                "abcdef123.x",
                "abcdefghijklmno1",
                "abcdefghijklmno9999",
                "\u{e9}\u{e9}\u{e9}1234",
                "1,2,3 a",
                "0:9;9<9=9>9?9@9",
                "\u{7f}\u{80}",
                "Lire aussi :",
                "Voir aussi -> x",
                "Related : https://example.org",
                "Read also: more",
                "Read also:",
                "read also\u{b}: x",
                "See also`: x",
                "Lire aussi \u{203a} x",
                "Lire Aussi\u{a0}\u{203a} x",
                "Liquez ici",
                "cliquez ici si rien",
                "CLICK HERE IF",
                "Redirection en cours",
                "Lien : https://example.org/a 👈",
                "Lien\u{b}: https://example.org/a",
                "LIRE L`ARTICLE : https://example.org/a",
                "Lire l\u{2019}article : https://example.org/a",
                "Article en référence: https://example.org/a",
                "ARTICLE EN RÉFÉRENCE : https://example.org/a",
                "Read more:",
                "URL :",
                "Via\u{1c}: x",
                "Original article                                        : https://x.y",
                "Original article                                    : https://x.y",
                "Source : un deux trois quatre cinq six sept huit",
                "Source : un deux trois quatre cinq six sept huit neuf",
                "Source : Le Monde.",
                "Source : Le Monde;.",
                "Sources\u{a0}: AFP, Reuters",
                "Source :    ",
                "Source: Ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé",
                "Source: Éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé",
            ]
            .map(str::to_string),
        );
        lines
    }

    /// `has_date_digits` as a plain byte loop: four digits in a row, or a digit then `/`, `.`
    /// or `-`.
    fn plain_date_digits(bytes: &[u8]) -> bool {
        let mut run = 0;
        for &b in bytes {
            if b.is_ascii_digit() {
                run += 1;
                if run >= 4 {
                    return true;
                }
            } else {
                if run > 0 && matches!(b, b'/' | b'.' | b'-') {
                    return true;
                }
                run = 0;
            }
        }
        false
    }

    #[test]
    fn fast_screens_agree_with_their_plain_forms() {
        fn label_mark(text: &str) -> bool {
            let head = text.get(..text.len().min(64)).unwrap_or(text).as_bytes();
            head.iter().enumerate().any(|(i, &b)| match b {
                b':' | b'>' => true,
                0xBB => i.checked_sub(1).and_then(|j| head.get(j)) == Some(&0xC2),
                0xBA => i.checked_sub(2).and_then(|j| head.get(j..i)) == Some(&[0xE2, 0x80]),
                _ => false,
            })
        }
        for line in screen_lines() {
            let text = line.as_str();
            assert_eq!(
                has_date_digits(text.as_bytes()),
                plain_date_digits(text.as_bytes()),
                "{text:?}"
            );
            assert_eq!(has_label_mark(text), label_mark(text), "{text:?}");
            assert_eq!(has_scheme_mark(text), text.contains("://"), "{text:?}");
            let redirect_core = ["edir", "liquez", "lick here"]
                .iter()
                .any(|core| text.contains(core));
            assert_eq!(may_be_redirect(text), redirect_core, "{text:?}");
            let lower = text.to_lowercase();
            if lower.contains("tous droits réservés") || lower.contains("all rights reserved") {
                assert!(has_rights_reserved_cue(text), "{text:?}");
            }
            for spaces in [b" ".as_slice(), b" \n\r"] {
                assert_eq!(
                    rights_reserved_cue(text.as_bytes(), spaces),
                    rights_reserved_cue_plain(text.as_bytes(), spaces),
                    "{text:?}"
                );
            }
            // The source's form: the line's spaces as line breaks too.
            for broken in [text.replace(' ', "\n"), text.replace(' ', "\r")] {
                assert_eq!(
                    rights_reserved_cue(broken.as_bytes(), b" \n\r"),
                    has_rights_reserved_cue(text),
                    "{broken:?}"
                );
            }
            assert_eq!(
                trim_start_unless_alphanumeric(text, is_chrome_trim),
                text.trim_start_matches(is_chrome_trim)
            );
            assert_eq!(
                trim_start_unless_alphanumeric(text, is_switcher_separator),
                text.trim_start_matches(is_switcher_separator)
            );
        }
    }

    #[test]
    fn date_digit_screen_agrees_on_every_short_line() {
        // Every line of up to six bytes of these, after every padding up to a whole step: runs
        // and separators at each place in a step and across steps.
        let alphabet = [b'a', b'0', b'9', b'/', b'.', b'-', b',', b':', 0xC3];
        for len in 0..=6u32 {
            for code in 0..alphabet.len().pow(len) {
                let mut tail = Vec::new();
                let mut rest = code;
                for _ in 0..len {
                    tail.push(alphabet[rest % alphabet.len()]);
                    rest /= alphabet.len();
                }
                for pad in 0..=8 {
                    let mut line = vec![b'x'; pad];
                    line.extend_from_slice(&tail);
                    assert_eq!(has_date_digits(&line), plain_date_digits(&line), "{line:?}");
                }
            }
        }
    }

    #[test]
    fn date_digit_screen_agrees_across_its_pieces() {
        // Long lines put runs and pairs astride the pieces' overlaps.
        for tail in ["1234", "1-", "12", "123", "a1/", "9.", "12 34", "1,2"] {
            for pad in 0..=250 {
                for fill in [b'x', b'1'] {
                    let mut line = vec![fill; pad];
                    line.extend_from_slice(tail.as_bytes());
                    line.extend_from_slice(b"xyz");
                    assert_eq!(has_date_digits(&line), plain_date_digits(&line), "{line:?}");
                }
            }
        }
    }

    #[test]
    fn fast_rules_agree_with_their_plain_forms() {
        fn chrome_line(text: &str) -> bool {
            if longer_than(text, 40) {
                return false;
            }
            let lower = fold_quotes(text).to_lowercase();
            CHROME.contains(&lower.trim_matches(is_chrome_trim))
        }
        fn related_link(text: &str) -> bool {
            if longer_than(text, 160) || !has_label_mark(text) {
                return false;
            }
            let folded = fold_quotes(text);
            RELATED_LABELS.iter().any(|label| {
                strip_prefix_ci(&folded, label).is_some_and(|rest| {
                    rest.trim_start_matches(is_space)
                        .starts_with([':', '›', '»', '>'])
                })
            })
        }
        assert!(RELATED_LABELS.iter().all(|label| {
            label.chars().count() <= RELATED_LABEL_MAX_CHARS && label.to_lowercase() == *label
        }));
        // The screen, then the general path, for every line (ASCII ones included).
        fn plain_link_out_label(text: &str) -> Option<&str> {
            let head_bytes = text.as_bytes().get(..text.len().min(64)).unwrap_or(&[]);
            memchr::memchr(b':', head_bytes)?;
            link_out_label_folded(text)
        }
        fn plain_source_line(text: &str) -> Option<String> {
            for label in SOURCE_LABELS {
                let Some(rest) = strip_prefix_ci(text, label) else {
                    continue;
                };
                let Some(value) = rest.trim_start_matches(is_space).strip_prefix(':') else {
                    continue;
                };
                let value = trim_blank(value).trim_end_matches(['.', ';']);
                let words = value.split_whitespace().count();
                if value.is_empty()
                    || words > 8
                    || value.chars().count() > 80
                    || value.contains("://")
                {
                    return None;
                }
                return Some(value.to_string());
            }
            None
        }
        assert!(LINK_LABELS.iter().all(|label| {
            label.chars().count() <= LINK_HEAD_CHARS && label.to_lowercase() == *label
        }));
        let (mut links, mut sources) = (0, 0);
        for line in screen_lines() {
            let text = line.as_str();
            assert_eq!(link_out_label(text), plain_link_out_label(text), "{text:?}");
            assert_eq!(source_line(text), plain_source_line(text), "{text:?}");
            links += usize::from(plain_link_out_label(text).is_some());
            sources += usize::from(plain_source_line(text).is_some());
        }
        assert!(links > 20 && sources > 10, "{links} {sources}");
        let (mut chrome, mut related, mut dates) = (0, 0, 0);
        for line in screen_lines() {
            let text = line.as_str();
            assert_eq!(is_chrome_line(text), chrome_line(text), "{text:?}");
            assert_eq!(is_related_link(text), related_link(text), "{text:?}");
            assert_eq!(date_line(text, true), date_line(text, false), "{text:?}");
            chrome += usize::from(chrome_line(text));
            related += usize::from(related_link(text));
            dates += usize::from(is_date_line(text));
        }
        // The lines do exercise the rules.
        assert!(
            chrome > 20 && related > 20 && dates > 10,
            "{chrome} {related} {dates}"
        );
    }

    fn capitalised(label: &str) -> String {
        let mut chars = label.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    #[test]
    fn single_spaced_ascii_is_what_push_field_would_make() {
        for text in [
            "OpenAI lève 40 milliards",
            "Plain title",
            "Two  spaces",
            " lead",
            "trail ",
            "tab\there",
            "a\u{b}b",
            "form\u{c}feed",
            "x",
            "",
            "nbsp\u{a0}inside",
        ] {
            let joined = sanitize_line(text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if is_single_spaced_ascii(text) {
                assert_eq!(joined, text, "{text:?}");
            }
            let mut out = String::new();
            push_field(&mut out, text);
            assert_eq!(out, joined, "{text:?}");
        }
        assert!(is_single_spaced_ascii("Plain title"));
        assert!(!is_single_spaced_ascii("Two  spaces"));
    }

    proptest::proptest! {
        #[test]
        fn push_prose_agrees_with_its_plain_path(
            text in "([a-zé€ ]{0,6}[\\t\\n\\r\\x0b\\x1b\\x7f\\u{85}\\u{ad}\\u{200b}\\u{2028}\\u{a0}\\u{feff}]?){0,12}",
            before in "[a-z ]{0,3}",
        ) {
            let mut fast = before.clone();
            push_prose(&mut fast, &text);
            let mut plain = before;
            push_prose_plain(&mut plain, &text);
            proptest::prop_assert_eq!(fast, plain);
        }

        #[test]
        fn rights_cue_agrees_with_the_byte_compare(
            text in "((ts|TS|tS|Ts|t|s)?[ \n\rx]?(r|R)?(e|E|é|É|\u{c3})?(serv|SERV|sErV|serw|erv|v|V|3erv)?[a-z\u{96}]{0,2}){0,6}",
        ) {
            for spaces in [b" ".as_slice(), b" \n\r"] {
                proptest::prop_assert_eq!(
                    rights_reserved_cue(text.as_bytes(), spaces),
                    rights_reserved_cue_plain(text.as_bytes(), spaces)
                );
            }
        }

        #[test]
        fn author_bio_agrees_with_its_plain_order(
            words in proptest::collection::vec(
                "(Antoine|Pelletier|Jean-Marc|O'Neil|ÉLODIE|Zoé|de|IA|AI|explore|écrit|is|est|son|his|blog|terrain|writer|Quotidien|x{20}|é{12}|2025|Le|Blog|Tech|[a-zA-Zé]{1,9})[.,]?",
                0..12,
            ),
            seps in proptest::collection::vec("( |  |\u{a0}|\n| \u{2003})", 12),
        ) {
            let mut text = String::new();
            for (word, sep) in words.iter().zip(&seps) {
                text.push_str(word);
                text.push_str(sep);
            }
            let text = trim_blank(&text);
            let pair = |bio: Option<Bio>| bio.map(|b| (b.name, b.site));
            proptest::prop_assert_eq!(pair(author_bio(text)), pair(author_bio_plain(text)));
        }

        #[test]
        fn redirect_screen_finds_exactly_the_cores(
            text in "([a-z ]{0,4}(edir|liquez|lick here|lick|liqu|edi|dir|quez|here|k|q|LIQUEZ)?){0,6}",
        ) {
            let plain = ["edir", "liquez", "lick here"].iter().any(|core| text.contains(core));
            proptest::prop_assert_eq!(may_be_redirect(&text), plain);
            // The source's screen looks for `lick`, which a `lick here` joined across a line
            // break has.
            let source = ["edir", "liquez", "lick"].iter().any(|core| text.contains(core));
            proptest::prop_assert_eq!(source_may_be_redirect(&text), source);
        }

        #[test]
        fn source_pass_finds_the_rights_cue_as_its_scan_does(
            text in "([a-z ]{0,3}(Tous droits|TS\rR|ts\nré|tS rÉ|s r|e|É|é|serv|SeRv|servé|edir|lick|v|\n)?){0,8}",
        ) {
            let (cores, rights) = source_redirect_and_rights(text.as_bytes());
            proptest::prop_assert_eq!(rights, rights_reserved_cue(text.as_bytes(), b" \n\r"));
            let source = ["edir", "liquez", "lick"].iter().any(|core| text.contains(core));
            proptest::prop_assert_eq!(!cores.is_empty(), source);
            // The redirect gate of a line of the source: open exactly where the line holds a
            // core, so wherever `may_be_redirect` finds one.
            let cues = Cues::of(&text);
            for line in text.split('\n') {
                let held = ["edir", "liquez", "lick"].iter().any(|core| line.contains(core));
                proptest::prop_assert_eq!(Gates::within(line, &cues).redirect(), held);
                proptest::prop_assert!(held || !may_be_redirect(line));
            }
        }

        #[test]
        fn single_spaced_screen_agrees_with_the_byte_loop(
            text in "[ a-zA-Z.\\t\\n\\r\\x0b\\x0c\\x1c\\x7fé]{0,40}",
        ) {
            proptest::prop_assert_eq!(
                is_single_spaced_ascii(&text),
                is_single_spaced_ascii_plain(&text)
            );
        }

        #[test]
        fn norm_screen_agrees_with_its_plain_path(
            text in "([a-zA-Z`'.!?:éΣ]{0,5}[ \\t\\n\\r\\x0b\\x0c\\x1c\\u{a0}]?){0,8}",
            other in "([a-zA-Z`'.!?:éΣ]{0,5}[ \\t\\u{a0}]?){0,6}",
        ) {
            // Against the other text's form, and against the text's own (prefixes included).
            for wanted in [norm(&other), norm(&text), norm(text.get(..text.len() / 2).unwrap_or(""))] {
                proptest::prop_assert_eq!(
                    norm_may_equal(&text, &wanted),
                    norm_may_equal_plain(&text, &wanted),
                    "{:?} vs {:?}", text, wanted
                );
            }
        }

        #[test]
        fn ascii_norm_agrees_with_the_reference(
            text in "([a-zA-Z`'.!?:]{0,5}[ \\t\\n\\r\\x0b\\x0c\\x1c]?){0,8}",
        ) {
            let reference = fold_quotes(&text).to_lowercase();
            let reference = reference.split_whitespace().collect::<Vec<_>>().join(" ");
            let reference = reference.trim_end_matches(['.', '!', '?', ':', ' ']);
            proptest::prop_assert_eq!(norm(&text), reference);
        }
    }

    #[test]
    fn norm_screen_agrees_with_norm() {
        let texts = [
            "Titre de l’article",
            "TITRE DE L'ARTICLE !",
            "  Titre   de l'article...",
            "Titre de l'article: suite",
            "Titre de l'article",
            "Titre",
            "ΣΟΦΙΑ ΚΑΙ ΛΟΓΟΣ",
            "σοφια και λογος",
            "İstanbul",
            "istanbul",
            "",
            "...",
            "Un autre titre",
        ];
        for text in texts {
            for other in texts {
                let wanted = norm(other);
                if norm(text) == wanted {
                    assert!(norm_may_equal(text, &wanted), "{text:?} vs {other:?}");
                }
            }
        }
        // The one-pass forms (ASCII, and Unicode without `Σ`) agree with the reference.
        for text in [
            "  Titre `de` l'ARTICLE ...!? ",
            "a\u{b}b\tc\r\nd\u{c}e",
            "",
            " . : ",
            "Fin:",
            "  L’Été   «DÉJÀ»\u{a0}\u{202f}là ! ",
            "Über\u{2003}GRÜN…:",
            "İstanbul ΣΟΦΙΑΣ",
            "ΟΔΟΣ",
            "日本語 の タイトル。",
            "Ⅻ ǅ ﬁn .",
            "mpv - Видеоплеер `MPV`\u{b}Для\tвсех\u{1c}X é ",
            "\u{a0}Été \u{85}AB\u{2028}cd",
        ] {
            let reference = fold_quotes(text).to_lowercase();
            let reference = reference.split_whitespace().collect::<Vec<_>>().join(" ");
            let reference = reference.trim_end_matches(['.', '!', '?', ':', ' ']);
            assert_eq!(norm(text), reference, "{text:?}");
        }
        assert!(!norm_may_equal(
            "Un autre titre",
            &norm("Titre de l'article")
        ));
        assert!(!norm_may_equal(
            "Titre de l'article, et plus",
            &norm("Titre de l'article")
        ));
    }

    #[test]
    fn pub_dates() {
        let d = pub_date("2025-06-17T10:00:00+02:00", Format::Html).map(|d| (d.value, d.precision));
        assert_eq!(d, Some(("2025-06-17".into(), Precision::Day)));
        assert_eq!(
            pub_date("2025-06", Format::Markdown)
                .map(|d| d.value)
                .as_deref(),
            Some("2025-06")
        );
        assert!(pub_date("yesterday", Format::Markdown).is_none());
        assert!(pub_date("2025-13-01", Format::Markdown).is_none());
    }
}
