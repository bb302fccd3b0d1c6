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

/// The positions of the `\n`s of `bytes`, in order: `memchr::memchr_iter(b'\n', bytes)` for a
/// text cut into lines. Lines are ~55 bytes, and each call of the memchr iterator (a dispatch,
/// then a vector prologue for a short stretch) cost ~57 instructions a line; here the line
/// breaks of 64 bytes at a time are found at once as a bit mask, and each line end is its
/// next set bit. Hand-written: memchr finds one match per call and no crate at hand yields
/// the masks.
pub(crate) fn line_ends(bytes: &[u8]) -> LineEnds<'_> {
    LineEnds {
        bytes,
        next_block: 0,
        base: 0,
        mask: 0,
    }
}

/// [`line_ends`].
pub(crate) struct LineEnds<'a> {
    bytes: &'a [u8],
    /// Where the next block to scan starts.
    next_block: usize,
    /// Where the block `mask` covers starts.
    base: usize,
    /// The line breaks of that block not yielded yet, a bit per byte (lowest first).
    mask: u64,
}

/// Bytes a mask covers.
const BLOCK: usize = 64;

impl Iterator for LineEnds<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            let block = self
                .bytes
                .get(self.next_block..)
                .filter(|b| !b.is_empty())?;
            self.base = self.next_block;
            self.next_block += BLOCK;
            self.mask = match block
                .get(..BLOCK)
                .and_then(|b| <&[u8; BLOCK]>::try_from(b).ok())
            {
                Some(full) => newline_mask(full),
                // The last, short block, once per text: padded with zeros, which are no `\n`.
                None => {
                    let mut padded = [0u8; BLOCK];
                    if let Some(head) = padded.get_mut(..block.len()) {
                        head.copy_from_slice(block);
                    }
                    newline_mask(&padded)
                }
            };
        }
        let at = self.base + self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(at)
    }
}

/// A bit per byte of `block`, set where it is `\n`.
#[inline]
fn newline_mask(block: &[u8; BLOCK]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86_64 baseline: every x86_64 CPU has it (and the
        // compiler assumes it already), so the function's target feature is present.
        unsafe { newline_mask_sse2(block) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        // A byte-by-byte fold (it does not vectorise well, but is right).
        block
            .iter()
            .enumerate()
            .fold(0, |mask, (i, &b)| mask | (u64::from(b == b'\n') << i))
    }
}

/// `newline_mask` in SSE2: 16 bytes compared at once, their comparison made 16 bits.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn newline_mask_sse2(block: &[u8; BLOCK]) -> u64 {
    use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_movemask_epi8, _mm_set1_epi8, _mm_set_epi64x};
    let newline = _mm_set1_epi8(b'\n' as i8);
    // Each 16 bytes as two little-endian words (the compiler makes them one unaligned load):
    // no pointer is read through.
    let word = |at: usize| {
        let mut word = [0u8; 8];
        if let Some(bytes) = block.get(at..at + 8) {
            word.copy_from_slice(bytes);
        }
        i64::from_le_bytes(word)
    };
    let mut mask = 0u64;
    for part in 0..BLOCK / 16 {
        let bytes = _mm_set_epi64x(word(part * 16 + 8), word(part * 16));
        let hits = _mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newline));
        mask |= u64::from(hits as u16) << (16 * part);
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::{contains_ci, contains_ci_at, line_ends};

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

    #[test]
    fn line_ends_are_memchrs() {
        // Breaks at every place of a block, at block edges, in runs, and none at all.
        let mut texts: Vec<Vec<u8>> = vec![Vec::new(), b"\n".to_vec(), b"no break".to_vec()];
        for len in [1, 63, 64, 65, 127, 128, 129, 200] {
            for at in [0, 1, 31, 62, 63, 64, 65, 127, 128, 199] {
                let mut text = vec![b'a'; len];
                if let Some(b) = text.get_mut(at) {
                    *b = b'\n';
                }
                texts.push(text.clone());
                text.iter_mut().step_by(3).for_each(|b| *b = b'\n');
                texts.push(text);
            }
        }
        texts.push(vec![b'\n'; 300]);
        texts.push("é\n日本\r\n".repeat(40).into_bytes());
        for text in &texts {
            let expected: Vec<usize> = memchr::memchr_iter(b'\n', text).collect();
            assert_eq!(line_ends(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }
}
