//! Word/substring search over dated events: their normalized value and their sentence.

use super::text::{fold_into, Terms};
use super::{CancelFlag, TopK};
use crate::core::article::{Article, Event};
use std::sync::atomic::AtomicBool;

const CHUNK: usize = 4096;

/// Ranking: every term in the normalized value > some term in it or in the matched words >
/// the sentence only.
pub(crate) const VALUE_ALL_BONUS: i64 = 100;
pub(crate) const VALUE_SOME_BONUS: i64 = 50;

/// One haystack per event: `normalized \n matched words \n sentence`, folded, concatenated.
/// Offsets and ids are `u32` (saturating; the haystacks of 4 GiB of events would be needed).
pub(crate) struct EventIndex {
    hay: Vec<u8>,
    starts: Vec<u32>,
    /// (article, event index) of each haystack.
    owners: Vec<(u32, u32)>,
}

fn to32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn widen(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// The pieces of an event's haystack (what [`event_hay`] joins).
fn hay_parts<'a>(article: &'a Article, event: &'a Event) -> [&'a str; 5] {
    [
        event.normalized.as_str(),
        "\n",
        article.slice(&event.span),
        "\n",
        article.slice(&event.sentence),
    ]
}

/// An event's haystack, folded or original.
fn event_hay(article: &Article, event: &Event) -> String {
    format!(
        "{}\n{}\n{}",
        event.normalized,
        article.slice(&event.span),
        article.slice(&event.sentence)
    )
}

impl EventIndex {
    pub fn new(articles: &[Article]) -> EventIndex {
        // Sized once (folding keeps lengths): grown by doubling, the haystacks would hold up to
        // twice their size.
        let (count, bytes) = articles
            .iter()
            .flat_map(|a| a.events().iter().map(move |e| (a, e)))
            .fold((0, 0), |(n, b), (a, e)| {
                (
                    n + 1,
                    b + hay_parts(a, e).iter().map(|p| p.len()).sum::<usize>(),
                )
            });
        let mut index = EventIndex {
            hay: Vec::with_capacity(bytes),
            starts: Vec::with_capacity(count + 1),
            owners: Vec::with_capacity(count),
        };
        index.starts.push(0);
        for article in articles {
            for (e, event) in article.events().iter().enumerate() {
                // Piece by piece, the same bytes as folding `event_hay`.
                for part in hay_parts(article, event) {
                    fold_into(&mut index.hay, part);
                }
                index.starts.push(to32(index.hay.len()));
                index.owners.push((to32(article.id), to32(e)));
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
        self.owners.get(slot).map(|&(a, e)| (widen(a), widen(e)))
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
                original = event_hay(article, article.events().get(e)?);
                original.as_bytes()
            } else {
                self.hay
                    .get(widen(*self.starts.get(slot)?)..widen(*self.starts.get(slot + 1)?))?
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
