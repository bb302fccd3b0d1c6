//! The one sanitizer: every string that can reach a terminal passes here.
//! Stub: replaced by the sanitizer work.

use std::borrow::Cow;

/// Make text inert for a terminal, keeping `\n`.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| c == '\n' || !c.is_control()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|&c| c == '\n' || !c.is_control())
            .collect(),
    )
}

/// Like [`sanitize`], for one-line fields (titles, file names, error lines): newlines and tabs
/// become spaces.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    let clean = sanitize(text);
    if clean.contains(['\n', '\t']) {
        Cow::Owned(clean.replace(['\n', '\t'], " "))
    } else {
        clean
    }
}
