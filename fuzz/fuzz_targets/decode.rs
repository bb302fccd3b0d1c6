//! `decode` over any bytes: no panic, `\n`-only newlines, non-blank text, and decoding the
//! decoded text again (as UTF-8) gives it back. `trim_partial_tail` returns a prefix.
#![no_main]

use dossier::core::decode::{decode, trim_partial_tail, DecodeError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let tail = trim_partial_tail(bytes);
    assert!(bytes.starts_with(tail), "trim_partial_tail is not a prefix");
    assert!(
        bytes.len() - tail.len() <= 3,
        "trim_partial_tail cut more than a character"
    );
    let _ = decode(tail);

    let decoded = match decode(bytes) {
        Ok(decoded) => decoded,
        Err(DecodeError::Empty | DecodeError::Binary(_)) => return,
    };
    let text = &decoded.text;
    assert!(!text.contains('\r'), "CR left in {text:?}");
    assert!(!text.trim().is_empty(), "blank text accepted");
    // Not fixed points: a leading U+FEFF is read as a BOM the second time; a NUL (from UTF-16
    // `\0\0`, or a UTF-32 file read as UTF-16) sends the UTF-8 bytes to the UTF-16 sniffer.
    // Binary sniffing may also refuse decoded text starting like a binary format.
    if text.starts_with('\u{FEFF}') || text.contains('\0') {
        return;
    }
    match decode(text.as_bytes()) {
        Ok(again) => {
            assert_eq!(&again.text, text, "decoding decoded text changes it");
            assert_eq!(again.encoding, "UTF-8");
            assert!(
                again.warnings.is_empty(),
                "warnings on valid UTF-8: {:?}",
                again.warnings
            );
        }
        Err(DecodeError::Binary(_)) => {}
        Err(DecodeError::Empty) => panic!("decoded text {text:?} is empty the second time"),
    }
});
