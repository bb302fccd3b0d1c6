//! Byte-level screens shared by the text rules: cheap necessary conditions checked before
//! a rule lowercases or folds a line.

/// `needle` (lowercase ASCII) occurs in `text`, ignoring ASCII case. Hand-written rather than
/// lowercasing `text` first: no allocation, and memchr finds the candidate starts.
pub(crate) fn contains_ci(text: &str, needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    let bytes = text.as_bytes();
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), bytes).any(|i| {
        bytes
            .get(i..i + needle.len())
            .is_some_and(|window| window.eq_ignore_ascii_case(needle))
    })
}

#[cfg(test)]
mod tests {
    use super::contains_ci;

    #[test]
    fn finds_a_needle_in_any_ascii_case() {
        assert!(contains_ci("Tous DROITS Réservés", b"droits r"));
        assert!(contains_ci("all rights reserved", b"rights reserved"));
        assert!(contains_ci("x", b""));
        assert!(!contains_ci("all rights", b"rights reserved"));
        assert!(!contains_ci("drôits r", b"droits r"));
        assert!(!contains_ci("", b"a"));
    }
}
