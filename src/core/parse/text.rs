//! Plain text -> blocks. Articles saved as text have no markup, so structure is inferred from
//! line shape: one paragraph per line (or per blank-separated run when the text is hard-wrapped;
//! in one-paragraph-a-line text, the lines of a run with a line cut mid-sentence are joined),
//! short unpunctuated lines before a paragraph are headings, marker lines are list items,
//! tab/pipe/column-aligned lines are table rows.

use super::{HeadMeta, ParsedDoc, RawBlock};
use crate::core::article::BlockKind;
use crate::core::ascii::line_ends;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

/// Longest line (in chars) that can be a heading.
const HEADING_MAX_CHARS: usize = 100;

/// What the classifier asks about a line or a unit, answered once: hard-wrap detection and
/// joining ask it of every line, and `classify` asks it of each unit twice (as itself, then as
/// the unit after the previous one).
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// Chars in the text (the wrap test and the heading test read it).
    width: usize,
    rule: Option<char>,
    last: Option<char>,
    list: bool,
    table: bool,
    chronology: bool,
}

impl Shape {
    /// `maybe_table`: the text holds a tab, a pipe or two spaces in a row; without one of them
    /// it is no table row, and the cell scan is skipped.
    #[inline(always)]
    fn of(text: &str, width: usize, maybe_table: bool) -> Shape {
        Shape {
            width,
            rule: rule_line(text),
            last: last_significant_char(text),
            list: may_open_list_item(text) && list_marker(text).is_some(),
            table: maybe_table && is_table_row(text),
            chronology: is_chronology_heading(text),
        }
    }
}

/// A paragraph candidate: one non-blank line, trimmed, or several wrapped lines joined by
/// spaces.
#[derive(Debug, Clone)]
struct Unit<'a> {
    /// Borrowed from the source unless wrapped lines were joined.
    text: Cow<'a, str>,
    /// Byte range in the decoded text.
    src: Range<usize>,
    /// Joined from several source lines (never a heading).
    joined: bool,
    /// A blank line separates this unit from the previous one (or it is the first).
    blank_before: bool,
    shape: Shape,
}

pub fn parse(text: &str) -> ParsedDoc<'_> {
    // In ASCII text a width is a length: one check here instead of a count per line.
    let ascii = text.is_ascii();
    let mut units = split_lines(text, ascii);
    if looks_hard_wrapped(&units) {
        join_lines(text, &mut units, ascii, |_, previous, next| {
            continues_wrapped(previous, next)
        });
    } else if let Some(joins) = wrapped_paragraph_joins(&units) {
        // One paragraph a line, but a paragraph with a line cut mid-sentence is wrapped: a
        // package description or a release note wrapped at 72 columns under long header lines
        // fails the text-wide test, and its cut lines read as headings (issue 3).
        join_lines(text, &mut units, ascii, |at, _, _| {
            joins.get(at).copied().unwrap_or(false)
        });
    }
    ParsedDoc {
        blocks: classify(units),
        head: HeadMeta::default(),
    }
}

/// Whitespace a line may consist of and still be blank: Unicode White_Space (which covers
/// U+00A0 and U+202F) plus the invisible format characters editors leave behind.
pub(crate) fn is_blank_char(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{200C}' | '\u{200D}'
        )
}

/// Inlined where it is called (the metadata pass calls it on every block several times): the
/// common case is two byte tests, the rest is out of line.
#[inline]
pub(crate) fn trim_blank(s: &str) -> &str {
    // Most lines start and end with a visible ASCII char: nothing to trim, nothing to decode.
    if let (Some(first), Some(last)) = (s.as_bytes().first(), s.as_bytes().last()) {
        if first.is_ascii_graphic() && last.is_ascii_graphic() {
            return s;
        }
    }
    trim_blank_ends(s)
}

/// `trim_blank` past its fast path.
#[inline(never)]
fn trim_blank_ends(s: &str) -> &str {
    // Most lines that get here start or end with a non-ASCII char that is no blank (a CJK or
    // Cyrillic letter, `’`, `»`): the two end chars decoded settle it, where the scans below
    // cost several times more.
    let mut chars = s.chars();
    if chars.next().is_some_and(|c| !is_blank_char(c))
        && chars.next_back().is_some_and(|c| !is_blank_char(c))
    {
        return s;
    }
    let rest = s.get(blank_lead(s)..).unwrap_or("");
    rest.get(..blank_trail_start(rest)).unwrap_or("")
}

/// `is_blank_char` on ASCII: exactly `char::is_whitespace`'s ASCII set.
fn is_ascii_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Bytes of blank chars at the start of `s` (all of it if it is blank). ASCII is judged by
/// byte; chars are decoded only from the first non-ASCII byte (NBSP, ZWSP, ...).
fn blank_lead(s: &str) -> usize {
    let ascii = s.bytes().take_while(|&b| is_ascii_blank(b)).count();
    match s.as_bytes().get(ascii) {
        Some(b) if !b.is_ascii() => {
            let rest = s.get(ascii..).unwrap_or("");
            ascii + (rest.len() - rest.trim_start_matches(is_blank_char).len())
        }
        _ => ascii,
    }
}

/// Where the blank chars at the end of `s` start; the mirror of `blank_lead`.
fn blank_trail_start(s: &str) -> usize {
    let bytes = s.as_bytes();
    let kept = bytes.len()
        - bytes
            .iter()
            .rev()
            .take_while(|&&b| is_ascii_blank(b))
            .count();
    match kept.checked_sub(1).and_then(|last| bytes.get(last)) {
        // The last byte of a multi-byte char: `kept` is a char boundary.
        Some(b) if !b.is_ascii() => s
            .get(..kept)
            .unwrap_or("")
            .trim_end_matches(is_blank_char)
            .len(),
        _ => kept,
    }
}

/// The non-blank lines of `text` (cut as `split_inclusive('\n')` cuts them) as units, with
/// their shapes: blank lines are only the `blank_before` of the next unit. Whole-text scans
/// find the line ends, the tabs and pipes (rare: usually one scan that finds none) and the
/// double spaces; asking each line for them costs a searcher call per line and per question.
/// Bytes of text per non-blank line, on the low side: in the 10k corpus' texts, 9.4 MB make
/// about 170k non-blank lines (55 bytes each).
const TYPICAL_UNIT_BYTES: usize = 40;

fn split_lines(text: &str, ascii: bool) -> Vec<Unit<'_>> {
    let bytes = text.as_bytes();
    // Room for a unit per `TYPICAL_UNIT_BYTES` of text, guessed rather than counted: counting
    // the line breaks first was a second scan of the text, and a guess short of the units
    // costs a few doublings of the vector.
    let mut units = Vec::with_capacity(bytes.len() / TYPICAL_UNIT_BYTES + 1);
    let mut blank_before = true;
    let mut marks = memchr::memchr2_iter(b'\t', b'|', bytes).peekable();
    // The first `  ` at or after the start of the last line searched from: a line's leading
    // indentation (man pages, changelogs) is never searched, and a text without one is
    // searched once.
    let mut next_pair = DOUBLE_SPACE.find(bytes);
    // The first non-ASCII byte at or after the end of the last line whose chars were counted:
    // a line that ends before it is ASCII, and its width is its length (in most texts that
    // are not ASCII, most lines are).
    let mut next_wide = if ascii {
        bytes.len()
    } else {
        first_non_ascii(bytes, 0)
    };
    let mut offset = 0;
    // The text's end stands for one more line break: one loop body (inlined) cuts every line.
    let ends = line_ends(bytes).chain(std::iter::once(bytes.len()));
    for at in ends {
        // No last line when the text is empty or ends with a line break.
        if at == bytes.len() && offset >= at {
            break;
        }
        // The line without its `\n` and a `\r` before it (ASCII: the cuts are char boundaries).
        let body_end = if at > offset && bytes.get(at - 1) == Some(&b'\r') {
            at - 1
        } else {
            at
        };
        let body = text.get(offset..body_end).unwrap_or("");
        // Most lines start and end with a visible ASCII char: nothing to trim there.
        let lead = if body.as_bytes().first().is_some_and(u8::is_ascii_graphic) {
            0
        } else {
            blank_lead(body)
        };
        let rest = body.get(lead..).unwrap_or("");
        let trail = if rest.as_bytes().last().is_some_and(u8::is_ascii_graphic) {
            rest.len()
        } else {
            blank_trail_start(rest)
        };
        let trimmed = rest.get(..trail).unwrap_or("");
        let start = offset + lead;
        let stop = start + trimmed.len();
        // The first `  ` from the trimmed text's start on: the text holds one when it ends
        // inside it.
        if next_pair.is_some_and(|pair| pair < start) {
            next_pair = bytes
                .get(start..)
                .and_then(|rest| DOUBLE_SPACE.find(rest))
                .map(|i| start + i);
        }
        let spaced = next_pair.is_some_and(|pair| pair + 2 <= stop);
        // A tab or a pipe on the line (in its trimmed blanks too: a false alarm costs a scan).
        let mut marked = false;
        while marks.next_if(|&mark| mark < at).is_some() {
            marked = true;
        }
        offset = at + 1;
        if trimmed.is_empty() {
            blank_before = true;
            continue;
        }
        let width = if next_wide >= stop {
            trimmed.len()
        } else {
            next_wide = first_non_ascii(bytes, stop);
            width(trimmed)
        };
        units.push(Unit {
            text: Cow::Borrowed(trimmed),
            src: start..stop,
            joined: false,
            blank_before,
            shape: Shape::of(trimmed, width, marked || spaced),
        });
        blank_before = false;
    }
    units
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// The index of the first non-ASCII byte of `bytes` at or after `from` (the length if none).
/// Chunks of ASCII are passed by a test without branches that the compiler vectorises.
fn first_non_ascii(bytes: &[u8], from: usize) -> usize {
    const CHUNK: usize = 32;
    let mut at = from.min(bytes.len());
    while let Some(chunk) = bytes.get(at..at + CHUNK) {
        if chunk.iter().fold(0u8, |high, &b| high | b) >= 0x80 {
            break;
        }
        at += CHUNK;
    }
    let rest = bytes.get(at..).unwrap_or(&[]);
    at + rest
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(rest.len())
}

/// Hard-wrapped text: most lines that continue into a next line are near the wrap width and
/// do not end a sentence. One-paragraph-per-line text has long lines and fails both tests.
/// `lines`: the unjoined units, one per non-blank line.
fn looks_hard_wrapped(lines: &[Unit<'_>]) -> bool {
    if lines.len() < 4 {
        return false;
    }
    let Some(p90) = percentile_90(lines.iter().map(|l| l.shape.width)) else {
        return false;
    };
    let mut continued = 0usize;
    let mut wrap_like = 0usize;
    for pair in lines.windows(2) {
        if let [line, next] = pair {
            // A blank line between them: `line` does not continue.
            if next.blank_before || line.shape.list {
                continue;
            }
            continued += 1;
            if line.shape.width * 10 >= p90 * 6 && !is_sentence_end(line.shape.last) {
                wrap_like += 1;
            }
        }
    }
    continued >= 3 && wrap_like * 2 >= continued
}

/// The 90th percentile of the line widths (the width at rank `len * 9 / 10` in ascending
/// order), or `None` when more than a tenth of the lines are over 120 chars.
fn percentile_90(widths: impl Iterator<Item = usize> + Clone) -> Option<usize> {
    // Widths up to `LONG` counted per width: no sort and no allocation, the percentile is found
    // by walking the counts; sorting is left to the rare text where it falls among long lines.
    const LONG: usize = 120;
    let mut counts = [0usize; LONG + 1];
    let (mut len, mut long) = (0usize, 0usize);
    for width in widths.clone() {
        len += 1;
        match counts.get_mut(width) {
            Some(count) => *count += 1,
            None => long += 1,
        }
    }
    if long * 10 > len {
        return None;
    }
    // Walked down from the top, where the 90th percentile is near: the width at `rank` is the
    // first (from the top) at which the lines of that width or wider reach `len - rank`.
    let rank = len * 9 / 10;
    let target = len - rank;
    let mut wider = long;
    if wider < target {
        for (width, &count) in counts.iter().enumerate().rev() {
            wider += count;
            if wider >= target {
                return Some(width);
            }
        }
    }
    let mut sorted: Vec<usize> = widths.collect();
    sorted.sort_unstable();
    sorted.get(rank).copied()
}

/// In hard-wrapped text, `next` goes on with the paragraph of the line before it (`previous`):
/// no blank line, no new list item, table row or rule between them; table rows are never
/// joined.
fn continues_wrapped(previous: &Shape, next: &Unit<'_>) -> bool {
    !(previous.table
        || next.blank_before
        || next.shape.list
        || next.shape.table
        || next.shape.rule.is_some())
}

/// Each line joined with the lines that `continues` (given the index of the next line, the
/// shape of the line before it, and the next line) says go on with it.
fn join_lines<'a>(
    source: &'a str,
    units: &mut Vec<Unit<'a>>,
    ascii: bool,
    continues: impl Fn(usize, &Shape, &Unit<'a>) -> bool,
) {
    // In place: `dedup_by` hands each line, in order, with the unit kept before it, whose
    // shape is still its first line's until the texts are joined below; the line just before
    // is remembered.
    let mut previous = units.first().map(|u| u.shape);
    let mut at = 0;
    units.dedup_by(|next, unit| {
        at += 1;
        let Some(shape) = previous.replace(next.shape) else {
            return false;
        };
        let joins = continues(at, &shape, next);
        if joins {
            unit.src.end = next.src.end;
            unit.joined = true;
        }
        joins
    });
    for unit in units.iter_mut().filter(|unit| unit.joined) {
        // The source span with line breaks as spaces: same bytes, same offsets, so positions
        // in the block text are positions in the file.
        let joined = line_breaks_to_spaces(source.get(unit.src.clone()).unwrap_or(""));
        // New text (line breaks made spaces, indentation kept): ask it afresh.
        let width = if ascii { joined.len() } else { width(&joined) };
        unit.shape = Shape::of(&joined, width, true);
        unit.text = Cow::Owned(joined);
    }
}

/// For each line, whether it goes on with the line before it, in text that is one paragraph a
/// line but for the paragraphs (lines between blank lines) with a line cut mid-sentence (see
/// [`continues_mid_sentence`]): those are hard-wrapped, and a line of theirs that does not end a
/// sentence joins the next as in hard-wrapped text, unless it is a heading (`AUTHORS`,
/// `## Notes`) or the next is a `label: text` line. A line that ends a sentence ends its block:
/// the text is one paragraph a line, and what follows may be a statement of its own
/// (`Copyright © 2023 FSF, Inc.` over the licence). `None` when no paragraph has a cut line.
fn wrapped_paragraph_joins(units: &[Unit<'_>]) -> Option<Vec<bool>> {
    let mut joins: Option<Vec<bool>> = None;
    let mut start = 0;
    for end in 1..=units.len() {
        if units.get(end).is_some_and(|u| !u.blank_before) {
            continue;
        }
        let run = units.get(start..end).unwrap_or(&[]);
        let pair_joins =
            |pair: &[Unit<'_>]| matches!(pair, [line, next] if continues_mid_sentence(line, next));
        if run.windows(2).any(pair_joins) {
            let marks = joins.get_or_insert_with(|| vec![false; units.len()]);
            for (k, pair) in run.windows(2).enumerate() {
                let [line, next] = pair else { continue };
                let joined = !ends_statement(line.shape.last)
                    && continues_wrapped(&line.shape, next)
                    && !is_label_line(&next.text)
                    && !is_heading_text(&line.text);
                if let Some(mark) = marks.get_mut(start + k + 1) {
                    *mark = joined;
                }
            }
        }
        start = end;
    }
    joins
}

/// A line ending so (or empty) is not cut mid-sentence: a stop, or a colon that introduces.
fn ends_statement(last: Option<char>) -> bool {
    matches!(last, Some('.' | '!' | '?' | '…' | ':') | None)
}

/// A line that reads as a heading whatever follows: in capitals (`NAME`, `SEE ALSO`) or `#`-led.
fn is_heading_text(text: &str) -> bool {
    !text.chars().any(char::is_lowercase) || atx_heading(text).is_some()
}

/// `next` goes on with the sentence `line` left open: `line` ends without a stop or a colon and
/// is neither a heading in capitals (`NAME` over `ls - list directory contents`), a `#` heading,
/// a quote nor a table row, and `next` starts with a lowercase letter and is no `label: text`
/// line, list item, table row or rule.
fn continues_mid_sentence(line: &Unit<'_>, next: &Unit<'_>) -> bool {
    let (shape, text) = (&line.shape, line.text.as_ref());
    if next.blank_before || ends_statement(shape.last) {
        return false;
    }
    if !next.text.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    let after = &next.shape;
    !(after.list
        || after.table
        || after.rule.is_some()
        || after.chronology
        || is_label_line(&next.text)
        || shape.table
        || shape.rule.is_some()
        || shape.chronology
        || is_heading_text(text)
        || quote_marker(text).is_some())
}

/// `Version: 1.2`, `apt-cache: query the cache`: a line led by a label, a line of its own.
fn is_label_line(text: &str) -> bool {
    text.split_whitespace()
        .next()
        .is_some_and(|word| word.ends_with(':'))
}

/// `text` with every `\n` and `\r` made a space, byte for byte. Copied piece by piece
/// between the breaks (ASCII, so every cut is a char boundary): a byte copy made a `String`
/// again was validated once more.
fn line_breaks_to_spaces(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    let mut start = 0;
    for at in memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()) {
        joined.push_str(text.get(start..at).unwrap_or(""));
        joined.push(' ');
        start = at + 1;
    }
    joined.push_str(text.get(start..).unwrap_or(""));
    joined
}

/// `line_breaks_to_spaces` as a byte map: the reference of its tests.
#[cfg(test)]
fn line_breaks_to_spaces_plain(text: &str) -> String {
    text.chars()
        .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
        .collect()
}

/// A block's text: its unit's whole text (moved, when the unit owns it), a part of it, or new.
enum Body<'t> {
    Whole,
    Part(&'t str),
    New(String),
}

fn classify(mut units: Vec<Unit<'_>>) -> Vec<RawBlock<'_>> {
    let mut blocks = Vec::with_capacity(units.len());
    let row_run = year_row_runs(&units);
    // By reference, so no unit is moved; a joined unit's text is taken, not copied.
    let mut units = units.iter_mut().enumerate().peekable();
    while let Some((i, unit)) = units.next() {
        let text = unit.text.as_ref();
        let next = units.peek().map(|(_, next)| &**next);
        let (kind, body) = match row_run.get(i).copied().unwrap_or(RowRole::None) {
            RowRole::Header => (BlockKind::Heading(3), Body::Whole),
            RowRole::Row => (BlockKind::TableRow, Body::New(year_row_cells(text))),
            RowRole::None => {
                let underline = next
                    .filter(|n| !n.blank_before)
                    .and_then(|n| n.shape.rule)
                    .filter(|c| matches!(c, '=' | '-'));
                if unit.shape.rule.is_some() {
                    continue; // `-----`, `* * *`: a separator, no text
                } else if let (Some(mark), false) = (underline, unit.joined) {
                    // Setext-style `Title` over `=====` (level 1) or `-----` (level 2).
                    let level = if mark == '=' { 1 } else { 2 };
                    (BlockKind::Heading(level), Body::Whole)
                } else if let Some(rest) = quote_marker(text) {
                    (BlockKind::Quote, Body::Part(rest))
                } else if let Some((level, rest)) = atx_heading(text) {
                    (BlockKind::Heading(level), Body::Part(rest))
                } else if let Some(rest) = unit.shape.list.then(|| list_marker(text)).flatten() {
                    (BlockKind::ListItem, Body::Part(rest))
                } else if let Some(cells) = unit.shape.table.then(|| table_cells(text)).flatten() {
                    if cells.clone().all(is_rule_cell) {
                        continue; // `|---|---|` separator rows carry no text
                    }
                    (BlockKind::TableRow, Body::New(join_cells(cells)))
                } else if unit.shape.chronology {
                    (BlockKind::Heading(3), Body::Whole)
                } else if !unit.joined
                    // What follows first: it reads cached shapes, the heading test scans text.
                    && (introduces_body(unit.shape.width, next)
                        || row_run.get(i + 1).is_some_and(|r| *r != RowRole::None))
                    && is_heading_line(text, &unit.shape)
                {
                    (BlockKind::Heading(2), Body::Whole)
                } else {
                    (BlockKind::Paragraph, Body::Whole)
                }
            }
        };
        // The unit's own text or a part of it: its joined lines' breaks made spaces.
        let spaced_lines = unit.joined && !matches!(body, Body::New(_));
        let text = match body {
            Body::Whole => std::mem::take(&mut unit.text),
            Body::Part(part) => match &unit.text {
                // Still a slice of the source: borrow it from there, not from the unit.
                Cow::Borrowed(whole) => subslice_range(whole, part)
                    .and_then(|range| whole.get(range))
                    .map_or_else(|| Cow::Owned(part.to_string()), Cow::Borrowed),
                Cow::Owned(_) => Cow::Owned(part.to_string()),
            },
            Body::New(text) => Cow::Owned(text),
        };
        blocks.push(RawBlock {
            kind,
            text,
            src: unit.src.clone(),
            spaced_lines,
        });
    }
    blocks
}

/// Where `part`, a slice of `whole`, lies in it (`str::substr_range` is not stable yet).
fn subslice_range(whole: &str, part: &str) -> Option<Range<usize>> {
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    let end = start.checked_add(part.len())?;
    (end <= whole.len()).then_some(start..end)
}

/// A separator line (`-----`, `=====`, `* * *`, `___`): its repeated character. Inlined: it is
/// asked of every line, and most lines start with a visible ASCII char no rule is drawn with.
#[inline]
fn rule_line(text: &str) -> Option<char> {
    if text
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_graphic() && !matches!(b, b'=' | b'-' | b'*' | b'_' | b'~'))
    {
        return None;
    }
    rule_line_decoded(text)
}

/// `rule_line` past its first-byte screen.
#[inline(never)]
fn rule_line_decoded(text: &str) -> Option<char> {
    let mut chars = text.chars().filter(|c| !is_blank_char(*c));
    let first = chars.next()?;
    if !matches!(first, '=' | '-' | '*' | '_' | '~' | '─' | '━' | '—') {
        return None;
    }
    let mut count = 1;
    for c in chars {
        if c != first {
            return None;
        }
        count += 1;
    }
    (count >= 3).then_some(first)
}

/// `> quoted text` (mail and Markdown habit).
fn quote_marker(text: &str) -> Option<&str> {
    let rest = trim_blank(text.strip_prefix('>')?.trim_start_matches('>'));
    (!rest.is_empty()).then_some(rest)
}

/// `## Heading` in a text file (Markdown habits survive a `.txt` extension).
fn atx_heading(text: &str) -> Option<(u8, &str)> {
    let hashes = text.bytes().take_while(|&b| b == b'#').count();
    let rest = text.get(hashes..)?;
    if !(1..=6).contains(&hashes) || !rest.starts_with(is_blank_char) {
        return None;
    }
    let rest = trim_blank(rest.trim_end_matches('#'));
    (!rest.is_empty()).then_some((hashes as u8, rest))
}

/// The first byte of a list marker: a digit, `-`, `*`, or the lead of `•` `–` `◦` `▪`. A screen
/// inlined where every line's shape is taken.
#[inline]
fn may_open_list_item(text: &str) -> bool {
    matches!(
        text.as_bytes().first(),
        Some(b'0'..=b'9' | b'-' | b'*' | 0xE2)
    )
}

/// The list marker (`-`, `*`, `•`, `–`, `1.`, `1)`) stripped, if the line is a list item.
fn list_marker(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    // The first byte picks the only marker the line can have: most lines leave here.
    let marker_len = match *bytes.first()? {
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 3 || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        b'-' | b'*' => 1,
        // `•` `–` `◦` `▪` in UTF-8.
        0xE2 => match bytes.get(1..3)? {
            [0x80, 0xA2] | [0x80, 0x93] | [0x97, 0xA6] | [0x96, 0xAA] => 3,
            _ => return None,
        },
        _ => return None,
    };
    let rest = text.get(marker_len..)?;
    // A blank after the marker: an ASCII one by its byte, any other decoded.
    let spaced = match *rest.as_bytes().first()? {
        b if b.is_ascii() => is_ascii_blank(b),
        _ => rest.starts_with(is_blank_char),
    };
    let item = trim_blank(rest);
    (spaced && !item.is_empty()).then_some(item)
}

/// How a table row's cells are separated.
#[derive(Debug, Clone, Copy)]
enum CellSep {
    Tab,
    Pipe,
    /// Runs of two or more spaces (columns aligned in a monospace font).
    SpaceRun,
}

/// The non-empty cells of a row, trimmed, as slices of the line: no allocation, so asking
/// whether a line is a row (for every line of a hard-wrapped text) costs a scan.
#[derive(Debug, Clone)]
struct Cells<'a> {
    rest: Option<&'a str>,
    sep: CellSep,
}

/// Built once: `memmem::find` builds a searcher per call, and this one serves every text (the
/// double spaces of all its lines in one scan) and every cell.
static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// `text` cut at the next separator: the raw cell and what follows (`None` after the last cell).
fn next_cell(text: &str, sep: CellSep) -> (&str, Option<&str>) {
    let bytes = text.as_bytes();
    let (at, skip) = match sep {
        CellSep::Tab => (memchr::memchr(b'\t', bytes), 1),
        CellSep::Pipe => (memchr::memchr(b'|', bytes), 1),
        CellSep::SpaceRun => (DOUBLE_SPACE.find(bytes), 2),
    };
    let Some(at) = at else {
        return (text, None);
    };
    // Separators are ASCII: both cuts fall on char boundaries.
    let cell = text.get(..at).unwrap_or("");
    let tail = text.get(at + skip..).unwrap_or("");
    let tail = match sep {
        CellSep::SpaceRun => tail.trim_start_matches(' '),
        CellSep::Tab | CellSep::Pipe => tail,
    };
    (cell, Some(tail))
}

impl<'a> Iterator for Cells<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            let (cell, tail) = next_cell(self.rest?, self.sep);
            self.rest = tail;
            let cell = match self.sep {
                CellSep::SpaceRun => cell.trim(),
                CellSep::Tab | CellSep::Pipe => trim_blank(cell),
            };
            if !cell.is_empty() {
                return Some(cell);
            }
        }
    }
}

/// Cells of a table row: tab-separated, pipe-separated, or aligned with runs of 2+ spaces.
/// `None` unless the line has at least two non-empty cells.
fn table_cells(text: &str) -> Option<Cells<'_>> {
    let bytes = text.as_bytes();
    let cells = if memchr::memchr(b'\t', bytes).is_some() {
        Cells {
            rest: Some(text),
            sep: CellSep::Tab,
        }
    } else if text.starts_with('|') || memchr::memchr_iter(b'|', bytes).nth(1).is_some() {
        let inner = text.strip_prefix('|').unwrap_or(text);
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        Cells {
            rest: Some(inner),
            sep: CellSep::Pipe,
        }
    } else if aligned_on_space_runs(text) {
        Cells {
            rest: Some(text),
            sep: CellSep::SpaceRun,
        }
    } else {
        return None;
    };
    (cells.clone().nth(1).is_some()).then_some(cells)
}

fn is_table_row(text: &str) -> bool {
    table_cells(text).is_some()
}

/// At least two runs of two or more spaces, most of them not after a sentence: column
/// alignment, not the double spacing of typewriter prose.
fn aligned_on_space_runs(text: &str) -> bool {
    let mut separators = 0usize;
    let mut after_sentence = 0usize;
    let mut rest = Some(text);
    while let Some(current) = rest {
        let (cell, tail) = next_cell(current, CellSep::SpaceRun);
        if tail.is_some() {
            separators += 1;
            if ends_sentence(cell) {
                after_sentence += 1;
            }
        }
        rest = tail;
    }
    separators >= 2 && after_sentence * 2 < separators
}

fn is_rule_cell(cell: &str) -> bool {
    !cell.is_empty()
        && cell
            .chars()
            .all(|c| matches!(c, '-' | ':' | '=' | '+' | ' '))
}

/// `2015 :`, `2016-2018 :`, `Mai 2025 :`: a short line ending with a colon that names a year.
fn is_chronology_heading(text: &str) -> bool {
    let Some(head) = text.strip_suffix(':') else {
        return false;
    };
    let head = trim_blank(head);
    width(head) <= 25 && has_year(head)
}

fn has_year(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut run = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            run += 1;
        } else {
            if run == 4 && matches!(bytes.get(i - 4), Some(b'1' | b'2')) {
                return true;
            }
            run = 0;
        }
    }
    run == 4 && matches!(bytes.get(bytes.len() - 4), Some(b'1' | b'2'))
}

/// The last character that carries punctuation meaning: trailing spaces, emoji and closing
/// quotes or brackets are skipped.
pub(crate) fn last_significant_char(text: &str) -> Option<char> {
    let bytes = text.as_bytes();
    // The ASCII tail byte by byte: no ASCII char is a pictograph, so the skipped ones are the
    // blanks and the marks below; chars are decoded only from the last non-ASCII byte.
    let mut end = bytes.len();
    while let Some(&b) = end.checked_sub(1).and_then(|last| bytes.get(last)) {
        if !b.is_ascii() {
            break;
        }
        if !(is_ascii_blank(b) || matches!(b, b'"' | b'\'' | b')' | b']' | b'*' | b'_')) {
            return Some(char::from(b));
        }
        end -= 1;
    }
    // `end` follows a multi-byte char (or is 0): a char boundary.
    text.get(..end).unwrap_or("").chars().rev().find(|&c| {
        !(is_blank_char(c)
            || matches!(
                c,
                '"' | '»' | '”' | '’' | '\'' | ')' | ']' | '*' | '_' | '\u{FE0F}'
            )
            || is_pictograph(c))
    })
}

/// Emoji and pictographic symbols (hand-written range test: no Unicode-property crate here).
pub(crate) fn is_pictograph(c: char) -> bool {
    matches!(u32::from(c),
        0x2190..=0x21FF | 0x2300..=0x23FF | 0x2460..=0x27BF | 0x2900..=0x297F
        | 0x2B00..=0x2BFF | 0x1F000..=0x1FAFF | 0xFE0F | 0x200D | 0x20E3)
}

/// Ends with sentence punctuation (`.`, `!`, `?`, `…`, `;`, `,`, `:`).
pub(crate) fn ends_sentence(text: &str) -> bool {
    is_sentence_end(last_significant_char(text))
}

/// `ends_sentence` given the last significant char.
fn is_sentence_end(last: Option<char>) -> bool {
    matches!(last, Some('.' | '!' | '?' | '…' | ';' | ',' | ':'))
}

/// Short, no sentence end, no sentence break inside: the shape of a heading.
fn is_heading_line(text: &str, shape: &Shape) -> bool {
    let chars = shape.width;
    if chars == 0 || chars > HEADING_MAX_CHARS {
        return false;
    }
    match shape.last {
        Some('.' | '!' | '…' | ',' | ';') | None => false,
        Some('?' | ':') => chars <= 80,
        // `contains(". ")` sets up a searcher per call; a `.` is rare in a heading.
        Some(_) => !memchr::memchr_iter(b'.', text.as_bytes())
            .any(|dot| text.as_bytes().get(dot + 1) == Some(&b' ')),
    }
}

/// What follows a heading: a longer paragraph ending a sentence, or a chronology entry, a table
/// or a list. A short line before another short line is not a heading (addresses, switchers).
fn introduces_body(text_width: usize, next: Option<&Unit<'_>>) -> bool {
    let Some(next) = next else {
        return false;
    };
    if next.shape.chronology || next.shape.list || next.shape.table {
        return true;
    }
    matches!(next.shape.last, Some('.' | '!' | '?' | '…' | ':')) && next.shape.width > text_width
}

/// A row's cells joined by tabs, the block text of a table row.
fn join_cells<'a>(cells: impl Iterator<Item = &'a str>) -> String {
    let mut joined = String::new();
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            joined.push('\t');
        }
        joined.push_str(cell);
    }
    joined
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowRole {
    None,
    Header,
    Row,
}

/// A line that starts with a year and goes on without ending a sentence: a row of a table whose
/// cells were flattened into spaces (`2015 Fondation d’OpenAI Azure renforce ...`).
fn is_year_row(unit: &Unit<'_>) -> bool {
    // Four digits naming a year (1xxx, 2xxx), a space and more: read off the first six bytes.
    matches!(
        unit.text.as_bytes(),
        [
            b'1' | b'2',
            b'0'..=b'9',
            b'0'..=b'9',
            b'0'..=b'9',
            b' ',
            _,
            ..
        ]
    ) && !matches!(unit.shape.last, Some('.' | '!' | '…' | ':'))
        && unit.shape.width <= 200
}

/// Runs of 3+ adjacent year rows are a table; the short line directly above them is its header.
fn year_row_runs(units: &[Unit<'_>]) -> Vec<RowRole> {
    // Left empty (no allocation) in the many texts without such a run: `get` reads `None`.
    let mut roles = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let mut end = i;
        while units
            .get(end)
            .is_some_and(|u| !u.joined && is_year_row(u) && (end == i || !u.blank_before))
        {
            end += 1;
        }
        if end - i >= 3 {
            if roles.is_empty() {
                roles = vec![RowRole::None; units.len()];
            }
            for role in roles.iter_mut().take(end).skip(i) {
                *role = RowRole::Row;
            }
            let first_blank_before = units.get(i).is_some_and(|u| u.blank_before);
            if let (Some(prev), false) = (i.checked_sub(1), first_blank_before) {
                if let Some(unit) = units.get(prev) {
                    if unit.text.split_whitespace().count() <= 8 && !ends_sentence(&unit.text) {
                        if let Some(role) = roles.get_mut(prev) {
                            *role = RowRole::Header;
                        }
                    }
                }
            }
            i = end;
        } else {
            i += 1;
        }
    }
    roles
}

/// The year is the only cell boundary we can recover; the rest stays one cell.
fn year_row_cells(text: &str) -> String {
    match text.split_once(' ') {
        Some((year, rest)) => format!("{year}\t{}", trim_blank(rest)),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BlockKind, String)> {
        parse(text)
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text.into_owned()))
            .collect()
    }

    #[test]
    fn headings_lists_tables() {
        let text = "Intro title\n\nA first paragraph that is long enough to be body text.\n\n\
                    - one\n* two\n1. three\n2) four\n\nName\tAge\nAda\t36\n| a | b |\n|---|---|\n";
        let got = kinds(text);
        assert_eq!(got[0], (BlockKind::Heading(2), "Intro title".into()));
        assert_eq!(got[1].0, BlockKind::Paragraph);
        assert_eq!(got[2], (BlockKind::ListItem, "one".into()));
        assert_eq!(got[3], (BlockKind::ListItem, "two".into()));
        assert_eq!(got[4], (BlockKind::ListItem, "three".into()));
        assert_eq!(got[5], (BlockKind::ListItem, "four".into()));
        assert_eq!(got[6], (BlockKind::TableRow, "Name\tAge".into()));
        assert_eq!(got[7], (BlockKind::TableRow, "Ada\t36".into()));
        assert_eq!(got[8], (BlockKind::TableRow, "a\tb".into()));
        assert_eq!(got.len(), 9);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "The first paragraph is wrapped at a fixed width like old\n\
                    mail and plain text exports were, so every line but the\n\
                    last one stops in the middle of a sentence here.\n\n\
                    A second paragraph goes on the same way for a couple of\n\
                    lines before it finally comes to an end right there.\n";
        let doc = parse(text);
        assert_eq!(doc.blocks.len(), 2);
        let first = &doc.blocks[0];
        assert!(first
            .text
            .starts_with("The first paragraph is wrapped at a fixed width like old mail"));
        assert_eq!(first.src.start, 0);
        assert_eq!(text[first.src.clone()].replace('\n', " "), first.text);
    }

    #[test]
    fn lines_cut_mid_sentence_are_joined_in_one_paragraph_a_line_text() {
        // A package description: wrapped at 60 columns under key lines, which keep the text as
        // a whole from looking hard-wrapped.
        let text = "pizzly - Identifies gene fusions in RNA sequencing data\n\n\
                    For the interpretation of the transcriptome (the abundance\n\
                    and sequence of RNA) of tumour cells one is particularly\n\
                    interested in transcripts that cannot be mapped to single\n\
                    genes but that are seen to be fused as parts from two genes.\n\
                    Likely explanations are chromosomal translocations.\n\n\
                    Pizzly can identify novel such peculiarities, building on\n\
                    interpretations on variable splicing by the tool kallisto.\n\
                    Both tools are elements of the bcbio workflow.\n\n\
                    Version: 0.37.3+ds-9\nSection: science\nPriority: optional\n\
                    Maintainer: Debian Med Packaging Team <debian-med-packaging@lists.alioth.debian.org>\n\
                    Homepage: https://github.com/pmelsted/pizzly\nInstalled-Size: 864\n\
                    Depends: libc6 (>= 2.34), libgcc-s1 (>= 3.0), libstdc++6 (>= 12), \
                    zlib1g (>= 1:1.1.4), python3, kallisto\n";
        let doc = parse(text);
        let got: Vec<(BlockKind, &str)> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_ref()))
            .collect();
        // The cut lines are joined up to the line that ends a sentence; the key lines are not.
        assert_eq!(
            got[1],
            (
                BlockKind::Paragraph,
                "For the interpretation of the transcriptome (the abundance and sequence of RNA) \
                 of tumour cells one is particularly interested in transcripts that cannot be \
                 mapped to single genes but that are seen to be fused as parts from two genes."
            )
        );
        assert_eq!(
            got[2],
            (
                BlockKind::Paragraph,
                "Likely explanations are chromosomal translocations."
            )
        );
        assert_eq!(
            got[3],
            (
                BlockKind::Paragraph,
                "Pizzly can identify novel such peculiarities, building on interpretations on \
                 variable splicing by the tool kallisto."
            )
        );
        assert_eq!(got[5], (BlockKind::Paragraph, "Version: 0.37.3+ds-9"));
        assert_eq!(got.len(), 12);
        // No cut line is taken for a heading.
        assert!(got
            .iter()
            .skip(1)
            .all(|(kind, _)| *kind == BlockKind::Paragraph));
        // Offsets still point into the file.
        let joined = &doc.blocks[1];
        assert_eq!(text[joined.src.clone()].replace('\n', " "), joined.text);
    }

    #[test]
    fn lines_that_start_a_new_thing_are_not_joined() {
        let text = "NAME\nls - list directory contents\n\n\
                    The options are these\nlabel: a line of its own\n\n\
                    Une phrase finie.\npuis une autre ligne\n\n\
                    ## Titre\nsuite du texte en minuscules\n\n\
                    Une liste\n- premier point\n\n\
                    AUTHORS\nargcomplete\nmodule was written by Andrey Kislyuk\n\n\
                    Copyright © 2023 Free Software Foundation, Inc.\n\
                    This program is free software; you may redistribute it under the terms of\n\
                    the GNU General Public License version 3.\n";
        let got = kinds(text);
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "NAME",
                "ls - list directory contents",
                "The options are these",
                "label: a line of its own",
                "Une phrase finie.",
                "puis une autre ligne",
                "Titre",
                "suite du texte en minuscules",
                "Une liste",
                "premier point",
                // Its paragraph is wrapped, but a heading in capitals stays a line.
                "AUTHORS",
                "argcomplete module was written by Andrey Kislyuk",
                // A line that ends a sentence ends its block.
                "Copyright © 2023 Free Software Foundation, Inc.",
                "This program is free software; you may redistribute it under the terms of \
                 the GNU General Public License version 3.",
            ]
        );
    }

    #[test]
    fn chronology_and_year_table() {
        let text = "2016-2018 :\nDes modèles de langage sont développés.\n\n\
                    Année OpenAI Microsoft\n2015 Fondation d’OpenAI Azure cloud\n\
                    2018 GPT-2 Azure ML\n2019 Accord Azure exclusif\n";
        let got = kinds(text);
        assert_eq!(got[0], (BlockKind::Heading(3), "2016-2018 :".into()));
        assert_eq!(
            got[2],
            (BlockKind::Heading(3), "Année OpenAI Microsoft".into())
        );
        assert_eq!(
            got[3],
            (
                BlockKind::TableRow,
                "2015\tFondation d’OpenAI Azure cloud".into()
            )
        );
        assert_eq!(got[5].0, BlockKind::TableRow);
    }

    #[test]
    fn setext_rules_and_quotes() {
        let got = kinds("Big Title\n=========\n\nSome paragraph text here.\n\n* * *\n\n> A quote\n\nSub\n---\nMore text follows here.\n");
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading(1), "Big Title".into()),
                (BlockKind::Paragraph, "Some paragraph text here.".into()),
                (BlockKind::Quote, "A quote".into()),
                (BlockKind::Heading(2), "Sub".into()),
                (BlockKind::Paragraph, "More text follows here.".into()),
            ]
        );
    }

    #[test]
    fn hash_headings_in_text() {
        let got = kinds(
            "# Big

## Small ##

#hashtag here.
",
        );
        assert_eq!(got[0], (BlockKind::Heading(1), "Big".into()));
        assert_eq!(got[1], (BlockKind::Heading(2), "Small".into()));
        assert_eq!(got[2].0, BlockKind::Paragraph);
    }

    #[test]
    fn double_spaced_prose_is_not_a_table() {
        assert!(!is_table_row("One sentence.  Another one.  And a third."));
        let cells = |text| table_cells(text).map(Iterator::collect::<Vec<_>>);
        assert_eq!(
            cells("Name   Age   City"),
            Some(vec!["Name", "Age", "City"])
        );
        assert_eq!(cells("a\t\t b \t"), Some(vec!["a", "b"]));
        assert_eq!(cells("| x || y |"), Some(vec!["x", "y"]));
        assert_eq!(cells("only | one"), None);
        assert_eq!(cells("lone\t"), None);
    }

    #[test]
    fn lines_are_cut_as_split_inclusive_cuts_them() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\n\nb\n",
            "\n\nlast",
            " \u{a0}x \n\t\n y",
        ] {
            let got: Vec<(&str, bool)> = split_lines(text, text.is_ascii())
                .iter()
                .map(|u| (&text[u.src.clone()], u.blank_before))
                .collect();
            let mut want = Vec::new();
            let mut blank_before = true;
            for raw in text.split_inclusive('\n') {
                let body = raw.strip_suffix('\n').unwrap_or(raw);
                let line = body
                    .strip_suffix('\r')
                    .unwrap_or(body)
                    .trim_matches(is_blank_char);
                if line.is_empty() {
                    blank_before = true;
                } else {
                    want.push((line, blank_before));
                    blank_before = false;
                }
            }
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn percentile_90_counts_as_a_sort_would() {
        let sorted_p90 = |widths: &[usize]| {
            let mut sorted = widths.to_vec();
            sorted.sort_unstable();
            let long = sorted.iter().filter(|&&w| w > 120).count();
            (long * 10 <= sorted.len()).then(|| sorted[sorted.len() * 9 / 10])
        };
        for widths in [
            vec![3, 1, 2, 4],
            vec![0, 120, 120, 7, 7, 7, 7, 7, 7, 7],
            // The rank falls among the long lines: the sorting fallback.
            vec![121, 5, 5, 5, 5, 5, 5, 5, 5, 5],
            vec![
                500, 130, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
            ],
            vec![121, 122, 5, 5, 5, 5, 5, 5, 5, 5],
        ] {
            let got = percentile_90(widths.iter().copied());
            assert_eq!(got, sorted_p90(&widths), "{widths:?}");
        }
        assert_eq!(
            percentile_90([121, 5, 5, 5, 5, 5, 5, 5, 5, 5].into_iter()),
            Some(121)
        );
    }

    /// The line tests as they were before their byte-level fast paths, to check those against.
    mod reference {
        use super::super::{is_blank_char, is_pictograph};

        pub fn trim_blank(s: &str) -> &str {
            s.trim_matches(is_blank_char)
        }

        pub fn rule_line(text: &str) -> Option<char> {
            let mut chars = text.chars().filter(|c| !is_blank_char(*c));
            let first = chars.next()?;
            if !matches!(first, '=' | '-' | '*' | '_' | '~' | '─' | '━' | '—') {
                return None;
            }
            let mut count = 1;
            for c in chars {
                if c != first {
                    return None;
                }
                count += 1;
            }
            (count >= 3).then_some(first)
        }

        pub fn list_marker(text: &str) -> Option<&str> {
            for marker in ['-', '*', '•', '–', '◦', '▪'] {
                if let Some(rest) = text.strip_prefix(marker) {
                    if rest.starts_with(is_blank_char) && !trim_blank(rest).is_empty() {
                        return Some(trim_blank(rest));
                    }
                    return None;
                }
            }
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=3).contains(&digits) {
                let rest = text.get(digits..)?;
                let rest = rest.strip_prefix(['.', ')'])?;
                if rest.starts_with(is_blank_char) && !trim_blank(rest).is_empty() {
                    return Some(trim_blank(rest));
                }
            }
            None
        }

        pub fn last_significant_char(text: &str) -> Option<char> {
            text.chars().rev().find(|&c| {
                !(is_blank_char(c)
                    || matches!(
                        c,
                        '"' | '»' | '”' | '’' | '\'' | ')' | ']' | '*' | '_' | '\u{FE0F}'
                    )
                    || is_pictograph(c))
            })
        }
    }

    /// Every string of up to three chars from an alphabet of the chars the fast paths treat
    /// specially (markers, blanks ASCII or not, closing marks, pictographs, digits).
    fn short_strings() -> Vec<String> {
        let alphabet = [
            '-', '*', '•', '–', '◦', '▪', '—', '─', '1', '.', ')', ' ', '\t', '\u{a0}', '\u{200b}',
            'a', '"', '»', '🙂', '\u{FE0F}', '=', '_', '>', 'é',
        ];
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..3 {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all.extend(
            [
                "1234. a",
                "12) b",
                "123.\u{a0}c",
                "- \u{200b}",
                "•\u{3000}x y ",
            ]
            .map(String::from),
        );
        all
    }

    #[test]
    fn fast_paths_agree_with_the_char_by_char_tests() {
        for s in short_strings() {
            assert_eq!(trim_blank(&s), reference::trim_blank(&s), "{s:?}");
            assert_eq!(rule_line(&s), reference::rule_line(&s), "{s:?}");
            assert_eq!(list_marker(&s), reference::list_marker(&s), "{s:?}");
            assert_eq!(
                last_significant_char(&s),
                reference::last_significant_char(&s),
                "{s:?}"
            );
        }
    }

    #[test]
    fn the_table_gate_hides_no_table_row() {
        // Lines of random bytes from the separators' alphabet (tabs, pipes, spaces next to
        // blanks that are trimmed), from a fixed-seed generator.
        let alphabet = ["a", " ", " ", "\t", "|", "\u{a0}", ".", "\r", "é"];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut text = String::new();
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 14) as usize;
            for k in 0..len {
                text.push_str(alphabet[((seed >> (4 * k + 8)) % alphabet.len() as u64) as usize]);
            }
            text.push('\n');
        }
        let units = split_lines(&text, text.is_ascii());
        assert!(units.iter().filter(|u| u.shape.table).count() > 100);
        for unit in &units {
            assert_eq!(
                unit.shape.table,
                is_table_row(&unit.text),
                "{:?}",
                unit.text
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn line_widths_are_char_counts(
            text in "([a-z ]{0,40}[é€😀\u{a0}\n\r\t]?){0,12}",
        ) {
            for unit in split_lines(&text, text.is_ascii()) {
                proptest::prop_assert_eq!(unit.shape.width, unit.text.chars().count());
            }
            for from in 0..=text.len() + 1 {
                let plain = text
                    .as_bytes()
                    .iter()
                    .enumerate()
                    .skip(from)
                    .find(|(_, b)| !b.is_ascii())
                    .map_or(text.len(), |(i, _)| i);
                proptest::prop_assert_eq!(first_non_ascii(text.as_bytes(), from), plain.max(from.min(text.len())));
            }
        }

        #[test]
        fn joined_lines_are_the_byte_map(text in "([a-zé ]{0,6}[\n\r]?){0,8}") {
            proptest::prop_assert_eq!(line_breaks_to_spaces(&text), line_breaks_to_spaces_plain(&text));
        }

        #[test]
        fn shape_screens_agree_with_the_rules(text in "[-=*_~#0-9a-z•–─ .)\u{a0}]{0,8}") {
            proptest::prop_assert_eq!(rule_line(&text), rule_line_decoded(&text));
            if list_marker(&text).is_some() {
                proptest::prop_assert!(may_open_list_item(&text));
            }
        }
    }

    #[test]
    fn nbsp_lines_are_blank_and_src_points_at_text() {
        let text = "  Hello there.\n\u{a0}\n\tSecond line here.";
        let doc = parse(text);
        assert_eq!(doc.blocks.len(), 2);
        for b in &doc.blocks {
            assert_eq!(&text[b.src.clone()], b.text);
        }
    }
}
