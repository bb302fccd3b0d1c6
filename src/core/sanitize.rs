//! The one sanitizer: every string that can reach a terminal passes here, after all decoding
//! (HTML and Markdown entities included: `&#27;` becomes a real ESC only after parsing).
//!
//! Hand-written rather than `strip-ansi-escapes`: that crate swallows the rest of the text after
//! an unterminated OSC, keeps bidi and zero-width format characters, and does not expand tabs;
//! here an unterminated sequence hides at most the rest of its line.
//!
//! Removed: whole escape sequences (CSI, OSC, DCS, APC, PM, SOS and the short `ESC x` forms,
//! introduced by ESC or by the C1 character), every other C0/C1 control but `\n`, bidi controls,
//! invisible format characters (zero-width space, word joiner, BOM, soft hyphen, tags).
//! Kept: ZWJ / ZWNJ (emoji and Indic shaping) and variation selectors.

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

const TAB_STOP: usize = 4;

/// Make text inert for a terminal, keeping `\n`. Tabs become spaces up to the next multiple
/// of 4 columns from the start of the line.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    match first_suspect(text.as_bytes(), Mode::Text) {
        None => Cow::Borrowed(text),
        Some(at) => Cow::Owned(clean(text, at, Mode::Text)),
    }
}

/// Every byte of `text` is printable ASCII or `\n`: [`sanitize`] borrows it, and
/// [`sanitize_line`] borrows every piece of it without a `\n`. A fold without an early exit
/// per piece of 256 bytes (it vectorises, where `first_suspect` tests a chunk of 32 for two
/// sets of bytes): any other byte, a control, DEL or any non-ASCII byte, answers no.
pub fn is_printable_ascii_text(text: &str) -> bool {
    text.as_bytes().chunks(256).all(|piece| {
        !piece.iter().fold(false, |odd, &b| {
            odd | (((b.wrapping_add(1) as i8) <= 0x20) & (b != b'\n'))
        })
    })
}

/// Like [`sanitize`], for one-line fields (titles, file names, error lines): newlines and tabs
/// become single spaces.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    match first_suspect(text.as_bytes(), Mode::Line) {
        None => Cow::Borrowed(text),
        Some(at) => Cow::Owned(clean(text, at, Mode::Line)),
    }
}

/// Characters removed besides the escape sequences and C0/C1 controls: bidi controls and
/// invisible format characters a terminal would pass through.
pub fn is_removed_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'                  // soft hyphen
        | '\u{061C}'                // Arabic letter mark
        | '\u{180E}'                // Mongolian vowel separator
        | '\u{200B}'                // zero-width space
        | '\u{200E}'..='\u{200F}'   // LRM, RLM
        | '\u{202A}'..='\u{202E}'   // LRE, RLE, PDF, LRO, RLO
        | '\u{2060}'..='\u{206F}'   // word joiner, invisible operators, LRI..PDI, deprecated
        | '\u{FEFF}'                // BOM / zero-width no-break space
        | '\u{FFF9}'..='\u{FFFB}'   // interlinear annotation
        | '\u{E0000}'..='\u{E007F}' // tags
    )
}

/// Line and paragraph separators: some terminals break lines on them; shown as a space.
fn is_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Keep `\n`, expand tabs.
    Text,
    /// `\n` and `\t` become one space each.
    Line,
}

/// Index of the first byte that may start something to remove or rewrite, or `None` when the
/// text can be borrowed as is. A byte scan: the UTF-8 lead bytes of the removed code points.
fn first_suspect(bytes: &[u8], mode: Mode) -> Option<usize> {
    // Chunks without a byte that may start a suspect (most text, in any script) are skipped
    // by a test without branches that the compiler vectorises; a chunk holding one is scanned
    // word by word for where it starts.
    let mut start = 0;
    while let Some(chunk) = bytes
        .get(start..start + CHUNK)
        .and_then(|c| <&[u8; CHUNK]>::try_from(c).ok())
    {
        if !quiet_chunk(chunk, mode) {
            if let Some(at) = first_suspect_in(bytes, start, start + CHUNK, mode) {
                return Some(at);
            }
        }
        start += CHUNK;
    }
    // The tail (most blocks are short: often all of them) by the same test: as the chunk that
    // ends the text, when the text has one (its overlap with the chunks before is quiet),
    // else padded with quiet bytes.
    let tail_quiet = match bytes.len().checked_sub(CHUNK) {
        Some(last) => bytes
            .get(last..)
            .and_then(|c| <&[u8; CHUNK]>::try_from(c).ok())
            .is_some_and(|chunk| quiet_chunk(chunk, mode)),
        None => {
            let mut padded = [b'a'; CHUNK];
            if let Some(head) = padded.get_mut(..bytes.len()) {
                head.copy_from_slice(bytes);
            }
            quiet_chunk(&padded, mode)
        }
    };
    if tail_quiet {
        return None;
    }
    first_suspect_in(bytes, start, bytes.len(), mode)
}

/// Bytes `quiet_chunk` tests at once (a multiple of the word scan's 8).
const CHUNK: usize = 32;

/// No byte of the chunk can start a suspect. Two tests folded over the chunk without an early
/// exit, so that they vectorise: all printable ASCII (most chunks), else none of the bytes
/// [`quiet_word`] flags (text in other scripts).
#[inline]
fn quiet_chunk(chunk: &[u8; CHUNK], mode: Mode) -> bool {
    // Plus one, as a signed byte, maps exactly 0x20-0x7E to 0x21-0x7F, above 0x20.
    let printable = !chunk
        .iter()
        .fold(false, |odd, &b| odd | ((b.wrapping_add(1) as i8) <= 0x20));
    printable
        || !chunk
            .iter()
            .fold(false, |flagged, &b| flagged | flagged_byte(b, mode))
}

/// A byte [`quiet_word`] flags: a control (`\n` kept in text), DEL, or a lead byte of a removed
/// character, with the same OR 0x20 fold (so a few harmless others).
#[inline]
fn flagged_byte(b: u8, mode: Mode) -> bool {
    let control = (b < 0x20) & ((b != b'\n') | (mode == Mode::Line));
    control | (b == 0x7F) | matches!(b | 0x20, 0xE1 | 0xE2 | 0xEF | 0xF3 | 0xF8)
}

/// [`first_suspect`] of `bytes[start..end]` (`end` a multiple of 8 from `start`, or the
/// end), word by word: the index in `bytes` of its first suspect byte. Suspects are judged
/// on `bytes` (a multi-byte char may run past `end`).
fn first_suspect_in(bytes: &[u8], start: usize, end: usize, mode: Mode) -> Option<usize> {
    let mut i = start;
    let len = end.min(bytes.len());
    let scanned = bytes.get(..len).unwrap_or(bytes);
    while i < len {
        let end = match scanned
            .get(i..i + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
        {
            Some(word) => {
                if quiet_word(u64::from_le_bytes(word), mode) {
                    i += 8;
                    continue;
                }
                i + 8
            }
            None => len,
        };
        // A flagged word (or the tail): byte by byte.
        while i < end {
            if is_suspect_at(bytes, i, mode) {
                return Some(i);
            }
            i += 1;
        }
    }
    None
}

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
const SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// High bit set in exactly the bytes of `v` that are zero (no borrow between bytes).
#[inline]
fn zero_bytes(v: u64) -> u64 {
    !(((v & SEVEN) + SEVEN) | v | SEVEN)
}

#[inline]
fn bytes_equal(x: u64, byte: u8) -> u64 {
    zero_bytes(x ^ (LOW * u64::from(byte)))
}

/// Eight bytes at a time (SWAR): true when no byte of the word can start something to remove.
/// Conservative: a word it does not clear is checked byte by byte.
#[inline]
fn quiet_word(x: u64, mode: Mode) -> bool {
    // All printable ASCII (0x20-0x7E): a byte below 0x20 borrows, 0x7F carries into its high
    // bit, 0x80+ has it set; borrows and carries only flag words that hold such a byte.
    if (x.wrapping_sub(LOW * 0x20) | x | x.wrapping_add(LOW)) & HIGH == 0 {
        return true;
    }
    let mut controls = zero_bytes(x & (LOW * 0xE0)); // bytes below 0x20
    if mode == Mode::Text {
        controls &= !bytes_equal(x, b'\n');
    }
    // The lead bytes of removed characters; OR 0x20 folds C2/E2 into one test (and lets the
    // invalid C1, D3, F8 and the Greek/Cyrillic CF through to the byte check, harmlessly).
    let folded = x | (LOW * 0x20);
    let leads = bytes_equal(folded, 0xE2)
        | bytes_equal(folded, 0xEF)
        | bytes_equal(folded, 0xF8)
        | bytes_equal(folded, 0xE1)
        | bytes_equal(folded, 0xF3);
    (controls | bytes_equal(x, 0x7F) | leads) == 0
}

/// Whether the byte at `i` starts a character the sanitizer removes or rewrites.
#[inline]
fn is_suspect_at(bytes: &[u8], i: usize, mode: Mode) -> bool {
    let byte = bytes.get(i).copied().unwrap_or(0);
    if byte < 0x80 {
        return (byte < 0x20 && (byte != b'\n' || mode == Mode::Line)) || byte == 0x7F;
    }
    let b1 = bytes.get(i + 1).copied().unwrap_or(0);
    let b2 = bytes.get(i + 2).copied().unwrap_or(0);
    match byte {
        0xC2 => (0x80..=0x9F).contains(&b1) || b1 == 0xAD,
        0xD8 => b1 == 0x9C,
        0xE1 => b1 == 0xA0 && b2 == 0x8E,
        0xE2 => {
            (b1 == 0x80 && matches!(b2, 0x8B | 0x8E | 0x8F | 0xA8..=0xAE))
                || (b1 == 0x81 && (0xA0..=0xAF).contains(&b2))
        }
        0xEF => (b1 == 0xBB && b2 == 0xBF) || (b1 == 0xBF && (0xB9..=0xBB).contains(&b2)),
        0xF3 => b1 == 0xA0 && (0x80..=0x81).contains(&b2),
        _ => false,
    }
}

/// A cursor over the text by byte position: escape sequences are skipped through it.
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.text.get(self.pos..)?.chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn bump_if(&mut self, wanted: impl Fn(char) -> bool) -> bool {
        match self.peek() {
            Some(c) if wanted(c) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    /// After a CSI introducer: parameter and intermediate bytes (0x20-0x3F), then one final
    /// byte (0x40-0x7E). Anything else ends the sequence early and is processed as text.
    fn skip_csi(&mut self) {
        while self.bump_if(|c| matches!(c, ' '..='?')) {}
        self.bump_if(|c| matches!(c, '@'..='~'));
    }

    /// After a string introducer (OSC, DCS, SOS, PM, APC): the body up to BEL, ST (`ESC \` or
    /// U+009C) or CAN/SUB. `\n` or the end of the text ends an unterminated body, so it never
    /// hides more than the rest of its line. Returns true when an ESC other than ST ended the
    /// body: that ESC (consumed) introduces a new sequence.
    fn skip_string(&mut self) -> bool {
        while let Some(c) = self.peek() {
            match c {
                '\n' => return false,
                '\u{07}' | '\u{9C}' | '\u{18}' | '\u{1A}' => {
                    self.bump();
                    return false;
                }
                '\u{1B}' => {
                    self.bump();
                    return !self.bump_if(|c| c == '\\');
                }
                _ => {
                    self.bump();
                }
            }
        }
        false
    }

    /// The sequence an ESC (already consumed) introduces. A loop, not recursion: a string body
    /// ended by a new ESC chains to the next sequence, and hostile input may chain many.
    fn skip_after_esc(&mut self) {
        loop {
            match self.peek() {
                Some('[') => {
                    self.bump();
                    self.skip_csi();
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    self.bump();
                    if self.skip_string() {
                        continue;
                    }
                }
                Some(' '..='/') => {
                    // nF: intermediates then one final byte (`ESC ( B`).
                    while self.bump_if(|c| matches!(c, ' '..='/')) {}
                    self.bump_if(|c| matches!(c, '0'..='~'));
                }
                Some('0'..='~') => {
                    // Fp / Fe / Fs: two characters (`ESC 7`, `ESC c`, `ESC =`).
                    self.bump();
                }
                _ => {} // a lone ESC: dropped alone
            }
            return;
        }
    }

    /// After a C1 control (already consumed): its sequence when it introduces one.
    fn skip_after_c1(&mut self, c1: char) {
        match c1 {
            '\u{9B}' => self.skip_csi(),
            // The guard consumes the string body; true when an ESC started a new sequence.
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' if self.skip_string() => {
                self.skip_after_esc()
            }
            _ => {}
        }
    }
}

/// Display column of the end of `out` on its line, cached so tabs cost linear time overall.
struct Columns {
    /// `out[..at]` is accounted for; its last line is `col` columns wide.
    at: usize,
    col: usize,
}

impl Columns {
    fn current(&mut self, out: &str) -> usize {
        let fresh = out.get(self.at..).unwrap_or("");
        match fresh.rfind('\n') {
            Some(nl) => self.col = fresh.get(nl + 1..).map_or(0, UnicodeWidthStr::width),
            None => self.col += fresh.width(),
        }
        self.at = out.len();
        self.col
    }
}

/// The slow path: copy clean runs whole, drop or rewrite the rest. `start` is the first
/// suspect byte; suspects are always at character boundaries (ASCII or UTF-8 lead bytes).
fn clean(text: &str, start: usize, mode: Mode) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    out.push_str(text.get(..start).unwrap_or(""));
    let mut columns = Columns { at: 0, col: 0 };
    let mut scanner = Scanner { text, pos: start };
    while let Some(c) = scanner.bump() {
        match c {
            '\n' if mode == Mode::Text => out.push('\n'),
            '\n' => out.push(' '),
            '\t' if mode == Mode::Text => {
                let spaces = TAB_STOP - columns.current(&out) % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
            }
            '\t' => out.push(' '),
            '\u{1B}' => scanner.skip_after_esc(),
            '\u{80}'..='\u{9F}' => scanner.skip_after_c1(c),
            c if c.is_control() || is_removed_format(c) => {}
            c if is_separator(c) => out.push(' '),
            c => out.push(c),
        }
        // Copy the next clean run in one go.
        let rest = bytes.get(scanner.pos..).unwrap_or(&[]);
        let end = first_suspect(rest, mode).map_or(text.len(), |i| scanner.pos + i);
        out.push_str(text.get(scanner.pos..end).unwrap_or(""));
        scanner.pos = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> String {
        sanitize(text).into_owned()
    }

    #[test]
    fn clean_text_is_borrowed() {
        for text in [
            "",
            "plain ASCII.\nSecond line.",
            "L'été – déjà € « guillemets » 1er\u{A0}mars\u{202F}2024",
            "emoji 👩\u{200D}💻 ❤\u{FE0F} flag 🇫🇷, ZWNJ می\u{200C}خواهم",
            "中文，日本語のテキスト。한국어",
        ] {
            assert!(matches!(sanitize(text), Cow::Borrowed(_)), "{text:?}");
            assert!(
                matches!(sanitize_line(text), Cow::Borrowed(_)) || text.contains('\n'),
                "{text:?}"
            );
        }
    }

    #[test]
    fn csi_terminated_and_not() {
        assert_eq!(s("a\x1b[31mred\x1b[0m b"), "ared b");
        assert_eq!(s("a\x1b[?1049h\x1b[2J\x1b[1;1Hb"), "ab");
        assert_eq!(s("x\x1b[38;5;196"), "x");
        assert_eq!(s("x\x1b[12\nnext"), "x\nnext");
        // An invalid byte ends the sequence; the rest is text.
        assert_eq!(s("x\x1b[12été"), "xété");
        assert_eq!(s("x\u{9B}31mred"), "xred");
        assert_eq!(s("x\u{9B}"), "x");
    }

    #[test]
    fn osc_terminated_by_bel_or_st_and_not() {
        assert_eq!(s("a\x1b]0;evil title\x07b"), "ab");
        assert_eq!(s("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b"), "alinkb");
        assert_eq!(s("a\x1b]52;c;ZXZpbA==\u{9C}b"), "ab");
        assert_eq!(s("a\u{9D}0;title\x07b"), "ab");
        // Unterminated: hides the rest of its line only, never the rest of the article.
        assert_eq!(
            s("one \x1b]0;no end here\nline two\nline three"),
            "one \nline two\nline three"
        );
        assert_eq!(s("x\u{9D}2;t"), "x");
    }

    #[test]
    fn dcs_apc_pm_sos_terminated_and_not() {
        for intro in [
            "\x1bP", "\x1b_", "\x1b^", "\x1bX", "\u{90}", "\u{9F}", "\u{9E}", "\u{98}",
        ] {
            assert_eq!(s(&format!("a{intro}body é\x1b\\b")), "ab", "{intro:?}");
            assert_eq!(s(&format!("a{intro}body é\u{9C}b")), "ab", "{intro:?}");
            assert_eq!(s(&format!("a{intro}body\nb")), "a\nb", "{intro:?}");
            assert_eq!(s(&format!("a{intro}body")), "a", "{intro:?}");
        }
        // CAN and SUB abort a string.
        assert_eq!(s("a\x1bPq#0\x18b"), "ab");
    }

    #[test]
    fn esc_inside_a_string_starts_a_new_sequence() {
        assert_eq!(s("a\x1b]0;t\x1b[31mred"), "ared");
        assert_eq!(s("a\x1b]0;t\x1b]0;u\x1b]0;v\x07b"), "ab");
        // Deep chains run in a loop, not recursion.
        let hostile = "\x1b]x".repeat(200_000);
        assert_eq!(s(&format!("{hostile}\nok")), "\nok");
    }

    #[test]
    fn short_escapes_and_lone_esc() {
        assert_eq!(s("a\x1b(Bb"), "ab");
        assert_eq!(s("a\x1b7b\x1b8c"), "abc");
        assert_eq!(s("a\x1bcb"), "ab");
        assert_eq!(s("a\x1b"), "a");
        assert_eq!(s("a\x1b\nb"), "a\nb");
        assert_eq!(s("a\x1bé"), "aé");
    }

    #[test]
    fn controls_are_removed_but_newline() {
        assert_eq!(s("a\x00b\x07c\x08d\re\x7ff\u{85}g\n"), "abcdefg\n");
        assert_eq!(s("\u{80}\u{9C}\u{9A}x"), "x");
    }

    #[test]
    fn bidi_and_invisible_format_characters_are_removed() {
        let hidden = "\u{061C}\u{200B}\u{200E}\u{200F}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\
                      \u{2060}\u{2066}\u{2067}\u{2068}\u{2069}\u{FEFF}\u{00AD}\u{E0001}\u{E0041}\u{E007F}";
        assert_eq!(s(&format!("a{hidden}b")), "ab");
        assert_eq!(s("abc\u{202E}gnp.exe"), "abcgnp.exe");
        // Kept: ZWJ, ZWNJ, variation selectors, NBSP, narrow NBSP.
        let kept = "👨\u{200D}👩\u{200D}👧 a\u{200C}b ☺\u{FE0F} 葛\u{E0100} 1\u{A0}mai\u{202F}2024";
        assert_eq!(s(kept), kept);
        // Line and paragraph separators: a space, the line count stays.
        assert_eq!(s("a\u{2028}b\u{2029}c"), "a b c");
    }

    #[test]
    fn tabs_expand_to_stops_of_four_from_line_start() {
        assert_eq!(s("\tx"), "    x");
        assert_eq!(s("ab\tx"), "ab  x");
        assert_eq!(s("abcd\tx"), "abcd    x");
        assert_eq!(s("a\tb\tc"), "a   b   c");
        assert_eq!(s("abc\nd\te"), "abc\nd   e");
        assert_eq!(s("xy\n\tz"), "xy\n    z");
        // Columns are display cells: a CJK character is two wide.
        assert_eq!(s("中\tx"), "中  x");
        // Removed sequences take no column.
        assert_eq!(s("\x1b[1mab\x1b[0m\tx"), "ab  x");
    }

    #[test]
    fn suspects_are_found_at_every_offset_of_the_word_scan() {
        for k in 0..20 {
            let pad = "a".repeat(k);
            let tail = "bcdefghijklmnopq";
            for (bad, good) in [
                ("\x1b[1m", ""),
                ("\u{200B}", ""),
                ("\u{E0041}", ""),
                ("\u{9B}2J", ""),
                ("\x7f", ""),
                ("\u{2028}", " "),
                ("é\u{AD}", "é"),
            ] {
                let text = format!("{pad}{bad}{tail}");
                assert_eq!(s(&text), format!("{pad}{good}{tail}"), "{text:?}");
            }
            let clean = format!("{pad}é€😀\u{200D}{pad}");
            assert!(matches!(sanitize(&clean), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn word_scan_never_clears_a_suspect_byte() {
        for mode in [Mode::Text, Mode::Line] {
            for byte in 0..=255u8 {
                let must_check = byte < 0x20 && (byte != b'\n' || mode == Mode::Line)
                    || matches!(byte, 0x7F | 0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xEF | 0xF3);
                for pos in 0..8 {
                    for fill in [b'a', 0xA9, 0xC3] {
                        let mut word = [fill; 8];
                        word[pos] = byte;
                        if must_check {
                            assert!(
                                !quiet_word(u64::from_le_bytes(word), mode),
                                "{byte:#x}@{pos}"
                            );
                        }
                    }
                }
            }
            // French text is cleared whole: é is C3 A9.
            assert!(quiet_word(
                u64::from_le_bytes(*b"d\xC3\xA9j\xC3\xA0 v"),
                mode
            ));
        }
    }

    /// `first_suspect` byte by byte: the reference of its chunk and word scans.
    fn first_suspect_plain(bytes: &[u8], mode: Mode) -> Option<usize> {
        (0..bytes.len()).find(|&i| is_suspect_at(bytes, i, mode))
    }

    proptest::proptest! {
        #[test]
        fn chunk_scan_agrees_with_the_byte_scan(
            text in "([a-zA-Z ~]{0,40}[\\n\\t\\x1b\\x7f\\u{85}\\u{9b}\\u{ad}\\u{200b}\\u{2028}\\u{feff}\\u{e0041}é€’]?){0,6}",
        ) {
            for mode in [Mode::Text, Mode::Line] {
                proptest::prop_assert_eq!(
                    first_suspect(text.as_bytes(), mode),
                    first_suspect_plain(text.as_bytes(), mode)
                );
            }
        }
    }

    #[test]
    fn chunk_test_never_clears_a_suspect_byte() {
        for mode in [Mode::Text, Mode::Line] {
            for byte in 0..=255u8 {
                let must_check = byte < 0x20 && (byte != b'\n' || mode == Mode::Line)
                    || matches!(byte, 0x7F | 0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xEF | 0xF3);
                for pos in [0, 7, 31] {
                    for fill in [b'a', 0xA9] {
                        let mut chunk = [fill; CHUNK];
                        chunk[pos] = byte;
                        if must_check {
                            assert!(!quiet_chunk(&chunk, mode), "{byte:#x}@{pos}");
                        }
                    }
                }
                // Printable ASCII and the bytes of most scripts are cleared.
                let mut chunk = [b'a'; CHUNK];
                chunk[3] = byte;
                let quiet = (0x20..=0x7E).contains(&byte)
                    || (byte >= 0x80 && !matches!(byte | 0x20, 0xE1 | 0xE2 | 0xEF | 0xF3 | 0xF8));
                assert_eq!(
                    quiet_chunk(&chunk, mode),
                    quiet || (byte == b'\n' && mode == Mode::Text),
                    "{byte:#x}"
                );
            }
        }
    }

    #[test]
    fn printable_ascii_texts_and_their_lines_are_borrowed() {
        for byte in 0..=u8::MAX {
            let printable = (0x20..=0x7E).contains(&byte) || byte == b'\n';
            // At every place of a long text: each 256-byte piece is judged whole.
            for at in [0, 255, 256, 300] {
                let mut bytes = vec![b'a'; 301];
                bytes[at] = byte;
                let text = String::from_utf8_lossy(&bytes);
                let expected = printable && text.len() == bytes.len();
                assert_eq!(is_printable_ascii_text(&text), expected, "{byte:#x}@{at}");
            }
        }
        let text = "Title\n\n  indented line ~ {x} | y\nlast";
        assert!(is_printable_ascii_text(text));
        assert!(matches!(sanitize(text), Cow::Borrowed(_)));
        for line in text.split('\n') {
            assert!(matches!(sanitize_line(line), Cow::Borrowed(_)), "{line:?}");
        }
    }

    #[test]
    fn sanitize_line_flattens() {
        assert_eq!(sanitize_line("a\tb\nc"), "a b c");
        assert_eq!(sanitize_line("title\x1b]0;x\ny"), "title y");
        assert_eq!(sanitize_line("a\r\nb"), "a b");
        assert!(matches!(sanitize_line("plain"), Cow::Borrowed(_)));
    }
}
