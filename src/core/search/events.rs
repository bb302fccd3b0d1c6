//! Word/substring search over dated events: their normalized value and their sentence.

use super::text::{fold_into, Terms};
use super::{CancelFlag, TopK};
use crate::core::article::Article;
use std::sync::atomic::AtomicBool;

const CHUNK: usize = 4096;

/// Ranking: every term in the normalized value > some term in it or in the matched words >
/// the sentence only.
pub(crate) const VALUE_ALL_BONUS: i64 = 100;
pub(crate) const VALUE_SOME_BONUS: i64 = 50;

/// One haystack per event: `normalized \n matched words \n sentence`, folded, concatenated.
pub(crate) struct EventIndex {
    hay: Vec<u8>,
    starts: Vec<usize>,
    /// (article, event index) of each haystack.
    owners: Vec<(usize, usize)>,
}

/// An event's haystack, folded or original.
fn event_hay(article: &Article, event: &crate::core::article::Event) -> String {
    format!(
        "{}\n{}\n{}",
        event.normalized,
        article.slice(&event.span),
        article.slice(&event.sentence)
    )
}

impl EventIndex {
    pub fn new(articles: &[Article]) -> EventIndex {
        let mut index = EventIndex {
            hay: Vec::new(),
            starts: vec![0],
            owners: Vec::new(),
        };
        for article in articles {
            for (e, event) in article.events.iter().enumerate() {
                fold_into(&mut index.hay, &event_hay(article, event));
                index.starts.push(index.hay.len());
                index.owners.push((article.id, e));
            }
        }
        index
    }

    pub fn len(&self) -> usize {
        self.owners.len()
    }

    /// Heap bytes of each part (capacities).
    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        use super::title::vec_bytes;
        vec![
            (
                "events: folded hays",
                vec_bytes(&self.hay) + vec_bytes(&self.starts),
            ),
            ("events: owners", vec_bytes(&self.owners)),
        ]
    }

    pub fn owner(&self, slot: usize) -> Option<(usize, usize)> {
        self.owners.get(slot).copied()
    }

    /// Event slots among `candidates` (all when `None`) whose haystack holds every term, with
    /// their score. `None` when cancelled.
    pub fn survivors(
        &self,
        articles: &[Article],
        candidates: Option<&[usize]>,
        terms: &Terms,
        cancel: &AtomicBool,
    ) -> Option<Vec<(usize, i64)>> {
        let cancelled = CancelFlag::new(cancel);
        let keep = |slot: usize| -> Option<(usize, i64)> {
            let original;
            let hay: &[u8] = if terms.case_sensitive {
                let (a, e) = self.owner(slot)?;
                let article = articles.get(a)?;
                original = event_hay(article, article.events.get(e)?);
                original.as_bytes()
            } else {
                self.hay
                    .get(*self.starts.get(slot)?..*self.starts.get(slot + 1)?)?
            };
            if !terms.all_in(hay) {
                return None;
            }
            let mut parts = hay.splitn(3, |&b| b == b'\n');
            let value = parts.next().unwrap_or(&[]);
            let words = parts.next().unwrap_or(&[]);
            let score = if terms.all_in(value) {
                VALUE_ALL_BONUS
            } else if terms.needles.iter().any(|n| {
                memchr::memmem::find(value, n).is_some() || memchr::memmem::find(words, n).is_some()
            }) {
                VALUE_SOME_BONUS
            } else {
                0
            };
            Some((slot, score))
        };
        super::filter_in_chunks(candidates, self.len(), CHUNK, &cancelled, keep)
    }

    /// The `limit` best `(score, slot)`, best first (score, then article and event order).
    pub fn top(survivors: &[(usize, i64)], limit: usize) -> Vec<(i64, usize)> {
        let mut top = TopK::new(limit);
        for &(slot, score) in survivors {
            top.push(score, slot);
        }
        top.into_sorted()
    }
}
