//! Word/substring search over dated events: their normalized value and their sentence.

use super::text::{fold_into, Terms};
use super::{CancelFlag, TopK};
use crate::core::article::{Article, Event};
use std::cell::RefCell;
use std::sync::atomic::AtomicBool;

const CHUNK: usize = 4096;

/// Ranking: every term in the normalized value > some term in it or in the matched words >
/// the sentence only.
pub(crate) const VALUE_ALL_BONUS: i64 = 100;
pub(crate) const VALUE_SOME_BONUS: i64 = 50;

/// The events in search order, as (article, event index), `u32` (saturating). Their haystacks,
/// `normalized \n matched words \n sentence`, are put together (and folded) as each query
/// scans them rather than kept: a folded copy of every event's held 3.4 MB at 100k articles
/// (issue 6), and a scan of the 39k events folds them in a few ms.
pub(crate) struct EventIndex {
    owners: Vec<(u32, u32)>,
}

fn to32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn widen(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// The pieces of an event's haystack, in order.
fn hay_parts<'a>(article: &'a Article, event: &'a Event) -> [&'a str; 5] {
    [
        event.normalized.as_str(),
        "\n",
        article.slice(&event.span),
        "\n",
        article.slice(&event.sentence),
    ]
}

/// An event's haystack into `out` (cleared first): folded, or as is when `case_sensitive`.
fn event_hay_into(out: &mut Vec<u8>, article: &Article, event: &Event, case_sensitive: bool) {
    out.clear();
    for part in hay_parts(article, event) {
        if case_sensitive {
            out.extend_from_slice(part.as_bytes());
        } else {
            fold_into(out, part);
        }
    }
}

thread_local! {
    /// The haystack of the event being scanned on this thread (reused: no allocation an event).
    static HAY: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The score of an event whose haystack `hay` holds every term, else `None`.
fn score(hay: &[u8], terms: &Terms) -> Option<i64> {
    if !terms.all_in(hay) {
        return None;
    }
    let mut parts = hay.splitn(3, |&b| b == b'\n');
    let value = parts.next().unwrap_or(&[]);
    let words = parts.next().unwrap_or(&[]);
    Some(if terms.all_in(value) {
        VALUE_ALL_BONUS
    } else if terms.needles.iter().any(|n| {
        memchr::memmem::find(value, n).is_some() || memchr::memmem::find(words, n).is_some()
    }) {
        VALUE_SOME_BONUS
    } else {
        0
    })
}

impl EventIndex {
    pub fn new(articles: &[Article]) -> EventIndex {
        let count = articles.iter().map(|a| a.events().len()).sum();
        let mut owners = Vec::with_capacity(count);
        for article in articles {
            owners.extend((0..article.events().len()).map(|e| (to32(article.id), to32(e))));
        }
        EventIndex { owners }
    }

    pub fn len(&self) -> usize {
        self.owners.len()
    }

    /// Heap bytes of each part (capacities).
    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        vec![("events: owners", super::title::vec_bytes(&self.owners))]
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
            let (a, e) = self.owner(slot)?;
            let article = articles.get(a)?;
            let event = article.events().get(e)?;
            HAY.with_borrow_mut(|hay| {
                event_hay_into(hay, article, event, terms.case_sensitive);
                score(hay, terms)
            })
            .map(|score| (slot, score))
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
