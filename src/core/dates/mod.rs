//! Dated mentions in French and English prose. Stub: replaced by the dates work.

use crate::core::article::Article;

/// Infer the publication date (when the format gave none) and extract the events.
/// `decoded` is the article's decoded source, for byte offsets and line numbers.
pub fn annotate(article: &mut Article, decoded: &str) {
    let _ = decoded;
    article.events.clear();
}
