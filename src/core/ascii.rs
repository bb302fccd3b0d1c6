//! Byte-level screens shared by the text rules: cheap necessary conditions checked before
//! a rule lowercases or folds a line.

/// `needle` (lowercase ASCII) occurs in `text`, ignoring ASCII case. Hand-written rather than
/// lowercasing `text` first: no allocation, and memchr finds the candidate starts.
pub(crate) fn contains_ci(text: &str, needle: &[u8]) -> bool {
    contains_ci_at(text, needle, 0)
}

/// `contains_ci`, searching for the needle's byte at `anchor` (pick a rare letter: every
/// occurrence of it in `text` is a candidate to compare).
pub(crate) fn contains_ci_at(text: &str, needle: &[u8], anchor: usize) -> bool {
    let Some(&key) = needle.get(anchor) else {
        return needle.is_empty();
    };
    let bytes = text.as_bytes();
    memchr::memchr2_iter(key.to_ascii_lowercase(), key.to_ascii_uppercase(), bytes).any(|i| {
        i.checked_sub(anchor)
            .and_then(|start| bytes.get(start..start + needle.len()))
            .is_some_and(|window| window.eq_ignore_ascii_case(needle))
    })
}

#[cfg(test)]
mod tests {
    use super::{contains_ci, contains_ci_at};

    #[test]
    fn finds_a_needle_in_any_ascii_case() {
        assert!(contains_ci("Tous DROITS Réservés", b"droits r"));
        assert!(contains_ci("all rights reserved", b"rights reserved"));
        assert!(contains_ci("x", b""));
        assert!(!contains_ci("all rights", b"rights reserved"));
        assert!(!contains_ci("drôits r", b"droits r"));
        assert!(!contains_ci("", b"a"));
        assert!(contains_ci_at("TOUS DROITS RÉSERVÉS", b"serv", 3));
        assert!(contains_ci_at("reserved", b"serv", 3));
        assert!(!contains_ci_at("v", b"serv", 3));
        assert!(!contains_ci_at("servi", b"serv", 9));
    }
}
