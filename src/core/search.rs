//! Search over titles (fuzzy, fuzzy-matcher), bodies and events (words/substrings, smart case).
//!
//! Provisional, straightforward implementation of the API the CLI and the reader use; the scale
//! work replaces its insides (prefilter, narrowing, top-k, parallel scoring) behind the same API.

use crate::core::article::ArticleId;
use crate::core::store::Store;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    Body,
    Events,
    All,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub article: ArticleId,
    /// Which field matched: `Title`, `Body` or `Events` (never `All`).
    pub field: Field,
    /// Higher is better.
    pub score: i64,
    /// For event hits: the index in `articles[article].events`.
    pub event: Option<usize>,
    /// For body and event hits: the sentence holding the match, as a range of `Article::text`.
    pub sentence: Option<Range<usize>>,
    /// For body and event hits: the matched bytes in `Article::text`.
    pub matched: Option<Range<usize>>,
    /// For title hits: char indices of the title that matched (for highlighting).
    pub title_positions: Vec<usize>,
}

/// Smart case: case-sensitive only when the query has an uppercase letter.
pub fn is_case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// Search the store. Returns at most `limit` hits, best first. Returns early with what it has
/// when `cancel` becomes true (a newer query arrived).
pub fn search(
    store: &Store,
    query: &str,
    field: Field,
    limit: usize,
    cancel: &AtomicBool,
) -> Vec<Hit> {
    let terms: Vec<&str> = query.split_whitespace().collect();
    if terms.is_empty() || limit == 0 {
        return Vec::new();
    }
    let case_sensitive = is_case_sensitive(query);
    let matcher = if case_sensitive {
        SkimMatcherV2::default().respect_case()
    } else {
        SkimMatcherV2::default().ignore_case()
    };
    let fold = |s: &str| {
        if case_sensitive {
            s.to_string()
        } else {
            s.to_lowercase()
        }
    };
    let folded_terms: Vec<String> = terms.iter().map(|t| fold(t)).collect();
    let mut hits = Vec::new();
    for article in &store.articles {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        if matches!(field, Field::Title | Field::All) {
            let mut total = 0;
            let mut positions = Vec::new();
            let mut all = true;
            for term in &terms {
                match matcher.fuzzy_indices(&article.title, term) {
                    Some((score, idx)) => {
                        total += score;
                        positions.extend(idx);
                    }
                    None => {
                        all = false;
                        break;
                    }
                }
            }
            if all {
                positions.sort_unstable();
                positions.dedup();
                hits.push(Hit {
                    article: article.id,
                    field: Field::Title,
                    score: total,
                    event: None,
                    sentence: None,
                    matched: None,
                    title_positions: positions,
                });
                if field == Field::All {
                    continue;
                }
            }
        }
        if matches!(field, Field::Body | Field::All) {
            for block in &article.blocks {
                let text = article.block_text(block);
                let folded = fold(text);
                if folded.len() == text.len() && folded_terms.iter().all(|t| folded.contains(t)) {
                    let first = folded_terms
                        .first()
                        .and_then(|t| folded.find(t.as_str()).map(|p| p..p + t.len()))
                        .unwrap_or(0..0);
                    let base = block.text.start;
                    hits.push(Hit {
                        article: article.id,
                        field: Field::Body,
                        score: 0,
                        event: None,
                        sentence: Some(block.text.clone()),
                        matched: Some(base + first.start..base + first.end),
                        title_positions: Vec::new(),
                    });
                    break;
                }
            }
        }
        if matches!(field, Field::Events) {
            for (index, event) in article.events.iter().enumerate() {
                let sentence = article.slice(&event.sentence);
                let hay = fold(&format!("{} {}", event.normalized, sentence));
                if folded_terms.iter().all(|t| hay.contains(t)) {
                    hits.push(Hit {
                        article: article.id,
                        field: Field::Events,
                        score: 0,
                        event: Some(index),
                        sentence: Some(event.sentence.clone()),
                        matched: Some(event.span.clone()),
                        title_positions: Vec::new(),
                    });
                }
            }
        }
    }
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.article.cmp(&b.article)));
    hits.truncate(limit);
    hits
}
