//! Bytes -> String: BOM, UTF-16 (with or without BOM), UTF-8 (lossy when mostly UTF-8),
//! legacy single-byte encodings (Windows-1252 for French) guessed by chardetng, decoded by
//! encoding_rs. Newlines are normalised to `\n`. Binary and empty files are refused.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// Decoded text, BOM removed, CRLF and lone CR turned into `\n`.
    pub text: String,
    /// Name of the encoding used (`UTF-8`, `UTF-16LE`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// Non-fatal problems, e.g. "invalid UTF-8 replaced".
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty file")]
    Empty,
    #[error("binary file ({0})")]
    Binary(&'static str),
}

/// How far binary sniffing (NUL bytes, UTF-16 NUL pattern) looks.
const SNIFF_LEN: usize = 8 * 1024;

/// Magic numbers of common binary formats someone may point a reader at by mistake.
const MAGIC: [(&[u8], &str); 8] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\x7fELF", "ELF executable"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"%PDF-", "PDF document"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
];

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_cow(Cow::Borrowed(bytes))
}

/// [`decode`] of bytes the caller gives up: UTF-8 (nearly every file) becomes the text in
/// place, without a copy or a second buffer.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    decode_cow(Cow::Owned(bytes))
}

fn decode_cow(input: Cow<'_, [u8]>) -> Result<Decoded, DecodeError> {
    let bytes: &[u8] = &input;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    let decoded = if bytes.starts_with(b"\xEF\xBB\xBF") {
        let rest = match input {
            Cow::Borrowed(bytes) => Cow::Borrowed(bytes.get(3..).unwrap_or(&[])),
            Cow::Owned(mut bytes) => {
                bytes.drain(..3);
                Cow::Owned(bytes)
            }
        };
        decode_utf8(rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        decode_utf16(rest, UTF_16LE)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        decode_utf16(rest, UTF_16BE)
    } else {
        if let Some(&(_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
            return Err(DecodeError::Binary(what));
        }
        let head = bytes.get(..SNIFF_LEN).unwrap_or(bytes);
        // UTF-16 without BOM shows as NULs: only then is the slower pair count worth it.
        if memchr::memchr(0, head).is_none() {
            decode_utf8(input)
        } else if let Some(encoding) = sniff_utf16(head) {
            decode_utf16(bytes, encoding)
        } else {
            return Err(DecodeError::Binary("NUL bytes"));
        }
    };
    if decoded.text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(decoded)
}

/// The longest prefix of a file cut at an arbitrary byte (a capped read) that does not end in
/// the middle of a character: an odd UTF-16 byte, a lone high surrogate, a partial UTF-8
/// sequence. Only the tail is looked at; anything odd elsewhere is left to [`decode`].
pub fn trim_partial_tail(bytes: &[u8]) -> &[u8] {
    let utf16 = if bytes.starts_with(b"\xFF\xFE") {
        Some(true)
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(false)
    } else {
        sniff_utf16(bytes.get(..SNIFF_LEN).unwrap_or(bytes)).map(|e| e == UTF_16LE)
    };
    if let Some(little_endian) = utf16 {
        let even = &bytes[..bytes.len() & !1];
        // A high surrogate (D800-DBFF) as the last unit lost its pair in the cut.
        if let [.., a, b] = even {
            let high = if little_endian { *b } else { *a };
            if (0xD8..=0xDB).contains(&high) {
                return &even[..even.len() - 2];
            }
        }
        return even;
    }
    // UTF-8: look back at most 3 bytes for a lead byte whose sequence the cut left short.
    let len = bytes.len();
    for back in 1..=3.min(len) {
        let byte = bytes[len - back];
        if byte & 0xC0 == 0x80 {
            continue; // continuation byte: keep looking for the lead
        }
        let needed = match byte {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        return if needed > back {
            &bytes[..len - back]
        } else {
            bytes
        };
    }
    bytes
}

/// UTF-16 without BOM, from the NUL pattern of mostly-Latin text: one byte of each pair is
/// NUL (the high byte), the other almost never is.
fn sniff_utf16(head: &[u8]) -> Option<&'static Encoding> {
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        if let [a, b] = pair {
            even_nul += usize::from(*a == 0);
            odd_nul += usize::from(*b == 0);
        }
    }
    // "Clearly": at least 40% of the pairs have the NUL on one side and almost none on the other.
    let clearly = |many: usize, few: usize| many * 10 >= pairs * 4 && few * 50 <= pairs;
    let encoding = if clearly(odd_nul, even_nul) {
        UTF_16LE
    } else if clearly(even_nul, odd_nul) {
        UTF_16BE
    } else {
        return None;
    };
    // A real UTF-16 text decodes without error (no unpaired surrogate) in its head.
    let whole = &head[..pairs * 2];
    encoding
        .decode_without_bom_handling_and_without_replacement(whole)
        .filter(|text| !text.contains('\0'))
        .map(|_| encoding)
}

fn decode_utf16(bytes: &[u8], encoding: &'static Encoding) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let mut warnings = Vec::new();
    if had_errors {
        warnings.push("invalid UTF-16 replaced".to_string());
    }
    Decoded {
        text: normalize_newlines(text.into_owned()),
        encoding: encoding.name(),
        warnings,
    }
}

/// UTF-8 first (one validation on the fast path, and no copy of owned bytes), then lossy UTF-8
/// when most of the non-ASCII is valid UTF-8, else a legacy encoding guessed by chardetng.
fn decode_utf8(bytes: Cow<'_, [u8]>) -> Decoded {
    let mut owned = bytes.into_owned();
    if memchr::memchr(b'\r', &owned).is_some() {
        normalize_newlines_bytes(&mut owned);
    }
    if let Some(text) = utf8_string(&mut owned) {
        return Decoded {
            text,
            encoding: "UTF-8",
            warnings: Vec::new(),
        };
    }
    if mostly_utf8(&owned) {
        return Decoded {
            text: String::from_utf8_lossy(&owned).into_owned(),
            encoding: "UTF-8",
            warnings: vec!["invalid UTF-8 replaced".to_string()],
        };
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(&owned, true);
    // The `fr` hint favours Western encodings on short ambiguous text (a lone `—`, `±`), the
    // French case this reader is for; strongly marked text (Cyrillic, CJK) still wins.
    let encoding = detector.guess(Some(b"fr"), Utf8Detection::Deny);
    let (text, had_errors) = encoding.decode_without_bom_handling(&owned);
    let mut warnings = Vec::new();
    if had_errors {
        warnings.push(format!("invalid {} replaced", encoding.name()));
    }
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        warnings,
    }
}

/// The bytes as a `String`, taken out of `bytes`, when they are valid UTF-8 (left in place
/// when not). Validated by `simdutf8`, several times faster than the standard library's check
/// on the same bytes (the one pass over every loaded file that is not parsing).
fn utf8_string(bytes: &mut Vec<u8>) -> Option<String> {
    simdutf8::basic::from_utf8(bytes).ok()?;
    let bytes = std::mem::take(bytes);
    // SAFETY: `simdutf8` just validated exactly these bytes as UTF-8.
    Some(unsafe { String::from_utf8_unchecked(bytes) })
}

/// True when the valid multi-byte UTF-8 sequences outnumber the invalid bytes: a UTF-8 file
/// with a few broken bytes, not a Windows-1252 file (where almost no high byte forms UTF-8).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(tail) => {
                valid_multibyte += tail.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(err) => {
                let (good, bad) = rest.split_at(err.valid_up_to());
                valid_multibyte += String::from_utf8_lossy(good)
                    .chars()
                    .filter(|c| !c.is_ascii())
                    .count();
                let skip = err.error_len().unwrap_or(bad.len()).max(1);
                invalid += 1;
                rest = bad.get(skip..).unwrap_or(&[]);
            }
        }
    }
    valid_multibyte > invalid
}

/// CRLF and lone CR -> `\n`, in place: only ASCII bytes change, so UTF-8 stays valid.
fn normalize_newlines_bytes(bytes: &mut Vec<u8>) {
    let mut write = 0;
    let mut read = 0;
    let len = bytes.len();
    while read < len {
        let byte = bytes[read];
        if byte == b'\r' {
            bytes[write] = b'\n';
            if bytes.get(read + 1) == Some(&b'\n') {
                read += 1;
            }
        } else {
            bytes[write] = byte;
        }
        write += 1;
        read += 1;
    }
    bytes.truncate(write);
}

fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    normalize_newlines_bytes(&mut bytes);
    // Only ASCII bytes were rewritten, so this cannot fail; lossy keeps it panic-free anyway.
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRENCH: &str = "L'été – déjà €";

    fn ok(bytes: &[u8]) -> Decoded {
        match decode(bytes) {
            Ok(d) => d,
            Err(e) => panic!("decode failed: {e}"),
        }
    }

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if little_endian {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn plain_utf8_is_unchanged() {
        let d = ok(FRENCH.as_bytes());
        assert_eq!(d.text, FRENCH);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf8_bom_is_removed() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(FRENCH.as_bytes());
        assert_eq!(ok(&bytes).text, FRENCH);
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let mut le = b"\xFF\xFE".to_vec();
        le.extend(utf16(FRENCH, true));
        let d = ok(&le);
        assert_eq!((d.text.as_str(), d.encoding), (FRENCH, "UTF-16LE"));
        let mut be = b"\xFE\xFF".to_vec();
        be.extend(utf16(FRENCH, false));
        let d = ok(&be);
        assert_eq!((d.text.as_str(), d.encoding), (FRENCH, "UTF-16BE"));
    }

    #[test]
    fn utf16_without_bom_from_nul_pattern() {
        let text = "Le 3 mars 2024, la réunion a eu lieu.\r\nSuite.";
        let d = ok(&utf16(text, true));
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, "Le 3 mars 2024, la réunion a eu lieu.\nSuite.");
        let d = ok(&utf16(text, false));
        assert_eq!(d.encoding, "UTF-16BE");
    }

    #[test]
    fn windows_1252_french() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(FRENCH);
        assert_ne!(&bytes[..], FRENCH.as_bytes());
        let d = ok(&bytes);
        assert_eq!(d.text, FRENCH);
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.warnings.is_empty());
        let longer = "Le comité a été réuni à Genève en février; l'accès était libre.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(longer);
        assert_eq!(ok(&bytes).text, longer);
    }

    #[test]
    fn short_ambiguous_french_stays_windows_1252() {
        for text in [
            "« Bonjour » dit-il — sûr ?",
            "1 × 2 ÷ 3 ± 4",
            "à",
            "Noël",
            "ÉTÉ À PARIS",
        ] {
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
            let d = ok(&bytes);
            assert_eq!((d.text.as_str(), d.encoding), (text, "windows-1252"));
        }
    }

    #[test]
    fn other_legacy_encodings_are_still_detected() {
        let russian = "Привет, как дела? Это тестовый текст на русском языке.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        assert_eq!(ok(&bytes).text, russian);
        let japanese = "これは日本語のテキストです。文字コードの検出を試します。";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(japanese);
        assert_eq!(ok(&bytes).text, japanese);
    }

    #[test]
    fn latin1_french() {
        // ISO-8859-1 bytes for "Noël à Orléans": a subset of Windows-1252.
        let d = ok(b"No\xebl \xe0 Orl\xe9ans");
        assert_eq!(d.text, "Noël à Orléans");
    }

    #[test]
    fn mostly_utf8_with_a_broken_byte_is_lossy_with_warning() {
        let mut bytes = "Déjà vu à l'été, ".as_bytes().to_vec();
        bytes.push(0xE9);
        bytes.extend_from_slice(" fin.".as_bytes());
        let d = ok(&bytes);
        assert_eq!(d.text, "Déjà vu à l'été, \u{FFFD} fin.");
        assert_eq!(d.warnings, vec!["invalid UTF-8 replaced".to_string()]);
    }

    #[test]
    fn newlines_are_normalised() {
        assert_eq!(ok(b"a\r\nb\rc\n\r\nd\r").text, "a\nb\nc\n\nd\n");
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("été\r\nfin\r");
        assert_eq!(ok(&bytes).text, "été\nfin\n");
    }

    #[test]
    fn empty_and_blank_files() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t\r\n "), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xFF\xFE \x00\n\x00"), Err(DecodeError::Empty));
        assert_eq!(
            decode("\u{A0}\u{3000}\n".as_bytes()),
            Err(DecodeError::Empty)
        );
    }

    #[test]
    fn binary_files() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(decode(png), Err(DecodeError::Binary("PNG image")));
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01"),
            Err(DecodeError::Binary("ELF executable"))
        );
        assert_eq!(
            decode(b"PK\x03\x04\x14\x00"),
            Err(DecodeError::Binary("zip archive"))
        );
        assert_eq!(
            decode(b"%PDF-1.7\n"),
            Err(DecodeError::Binary("PDF document"))
        );
        assert_eq!(
            decode(b"some text\0with a NUL"),
            Err(DecodeError::Binary("NUL bytes"))
        );
        assert_eq!(decode(&[0u8; 4096]), Err(DecodeError::Binary("NUL bytes")));
        assert_eq!(
            DecodeError::Binary("PNG image").to_string(),
            "binary file (PNG image)"
        );
    }

    #[test]
    fn nul_after_the_sniffed_head_is_kept_for_the_sanitizer() {
        let mut bytes = vec![b'a'; SNIFF_LEN];
        bytes.extend_from_slice(b"\0b");
        let d = ok(&bytes);
        assert!(d.text.ends_with("\0b"));
    }

    #[test]
    fn trim_partial_tail_cuts_only_broken_characters() {
        let text = "déjà €".as_bytes();
        // "€" is 3 bytes: cutting 1 or 2 of them leaves a partial sequence.
        assert_eq!(
            trim_partial_tail(&text[..text.len() - 1]),
            "déjà ".as_bytes()
        );
        assert_eq!(
            trim_partial_tail(&text[..text.len() - 2]),
            "déjà ".as_bytes()
        );
        assert_eq!(trim_partial_tail(text), text);
        assert_eq!(trim_partial_tail(b"abc"), b"abc");
        let mut le = b"\xFF\xFE".to_vec();
        le.extend(utf16("a😀", true));
        assert_eq!(trim_partial_tail(&le[..le.len() - 1]), &le[..4]);
        assert_eq!(trim_partial_tail(&le[..le.len() - 2]), &le[..4]);
        assert_eq!(trim_partial_tail(&le), &le[..]);
        assert_eq!(trim_partial_tail(b""), b"");
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        fn newlines(text: &str) -> String {
            text.replace("\r\n", "\n").replace('\r', "\n")
        }

        proptest! {
            #[test]
            fn utf8_round_trips(text in "[^\\x00]{1,80}") {
                prop_assume!(!text.trim().is_empty());
                prop_assume!(!MAGIC.iter().any(|(m, _)| text.as_bytes().starts_with(m)));
                prop_assume!(!text.starts_with(['\u{FEFF}', '\u{FFFE}']));
                let d = decode(text.as_bytes());
                prop_assert_eq!(d.map(|d| (d.text, d.warnings)), Ok((newlines(&text), vec![])));
            }

            #[test]
            fn utf16_with_bom_round_trips(text in "[^\\x00]{1,80}", little_endian: bool) {
                prop_assume!(!text.trim().is_empty());
                let mut bytes = if little_endian { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
                for unit in text.encode_utf16() {
                    bytes.extend(if little_endian { unit.to_le_bytes() } else { unit.to_be_bytes() });
                }
                let d = decode(&bytes);
                prop_assert_eq!(d.map(|d| d.text), Ok(newlines(&text)));
            }

            #[test]
            fn a_capped_read_decodes_to_a_clean_prefix(text in "[a-zé€😀 \n]{1,60}", cut: usize) {
                let bytes = text.as_bytes();
                let cut = cut % (bytes.len() + 1);
                if let Ok(d) = decode(trim_partial_tail(&bytes[..cut])) {
                    prop_assert!(text.starts_with(&d.text), "{:?} / {:?}", text, d.text);
                    prop_assert!(d.warnings.is_empty());
                }
            }

            #[test]
            fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
                if let Ok(d) = decode(&bytes) {
                    prop_assert!(!d.text.contains('\r'));
                    prop_assert!(!d.text.trim().is_empty());
                }
                let _ = trim_partial_tail(&bytes);
            }

            #[test]
            fn utf8_validation_agrees_with_std(
                bytes in prop::collection::vec(prop::sample::select(b"a \n\x7f\x80\xbf\xc0\xc3\xa9\xe2\x82\xac\xed\xa0\xf0\x9f\x98\x80\xf4\x90\xff".to_vec()), 0..200),
            ) {
                let mut taken = bytes.clone();
                let fast = utf8_string(&mut taken);
                prop_assert_eq!(&fast, &String::from_utf8(bytes.clone()).ok());
                if fast.is_none() {
                    prop_assert_eq!(taken, bytes);
                }
            }

            #[test]
            fn owned_bytes_decode_as_borrowed_ones(
                bom in prop::sample::select(vec![&b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"]),
                body in prop::collection::vec(prop::sample::select(b"ab \r\n\xE9\xC3\xA9\x00\x80".to_vec()), 0..60),
            ) {
                let bytes = [bom, &body].concat();
                prop_assert_eq!(decode_owned(bytes.clone()), decode(&bytes));
            }
        }
    }
}
