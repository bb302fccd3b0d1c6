//! Search over titles (fuzzy, fuzzy-matcher), bodies and events (words/substrings, smart case).
//!
//! [`SearchIndex`] is built once from a store and answers every keystroke: titles through a
//! prefilter, a score bound and top-k selection (see `title`), bodies and events through memmem
//! over case-folded copies (see `text`, `events`). It remembers the last query's survivors per
//! field, so a query that extends it (the user typed one more char) only looks at those, and the
//! survivors of one-char queries. [`search`] is the same search through a throwaway index.

use crate::core::article::ArticleId;
use crate::core::store::Store;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

mod events;
mod text;
mod title;

pub use text::sentence_range;

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
///
/// Builds a [`SearchIndex`] for this one query; front ends that search on every keystroke keep
/// one `SearchIndex` instead.
pub fn search(
    store: &Store,
    query: &str,
    field: Field,
    limit: usize,
    cancel: &AtomicBool,
) -> Vec<Hit> {
    SearchIndex::new(store).search(store, query, field, limit, cancel)
}

/// Ordering key of ranked entries: higher score first, then lower id (load order).
pub(crate) fn rank_key(score: i64, id: usize) -> (i64, Reverse<usize>) {
    (score, Reverse(id))
}

/// Reads the cancel flag (a newer query arrived).
pub(crate) struct CancelFlag<'a>(&'a AtomicBool);

impl<'a> CancelFlag<'a> {
    pub fn new(flag: &'a AtomicBool) -> Self {
        CancelFlag(flag)
    }

    pub fn check(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

struct Ranked<T> {
    key: (i64, Reverse<usize>),
    value: T,
}

impl<T> PartialEq for Ranked<T> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl<T> Eq for Ranked<T> {}
impl<T> PartialOrd for Ranked<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Ranked<T> {
    // Reversed: the heap's top is the worst entry kept.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.key.cmp(&self.key)
    }
}

/// The `limit` best `(score, id)` pushed so far: a bounded heap instead of sorting everything.
pub(crate) struct TopK<T = ()> {
    limit: usize,
    heap: BinaryHeap<Ranked<T>>,
}

impl<T> TopK<T> {
    pub fn new(limit: usize) -> Self {
        TopK {
            limit,
            heap: BinaryHeap::with_capacity(limit.min(1 << 16) + 1),
        }
    }

    pub fn is_full(&self) -> bool {
        self.heap.len() >= self.limit
    }

    /// The worst `(score, id)` kept, once full: what a newcomer must beat.
    pub fn floor(&self) -> Option<(i64, usize)> {
        if !self.is_full() {
            return None;
        }
        self.heap.peek().map(|r| (r.key.0, r.key.1 .0))
    }

    pub fn push_with(&mut self, score: i64, id: usize, value: T) {
        if self.limit == 0 {
            return;
        }
        let key = rank_key(score, id);
        if self.heap.len() < self.limit {
            self.heap.push(Ranked { key, value });
        } else if self.heap.peek().is_some_and(|worst| key > worst.key) {
            self.heap.pop();
            self.heap.push(Ranked { key, value });
        }
    }

    pub fn into_sorted_with(self) -> Vec<(i64, usize, T)> {
        // `into_sorted_vec` is ascending by `Ord`, which is reversed: best first.
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|r| (r.key.0, r.key.1 .0, r.value))
            .collect()
    }
}

impl TopK<()> {
    pub fn push(&mut self, score: i64, id: usize) {
        self.push_with(score, id, ());
    }

    pub fn into_sorted(self) -> Vec<(i64, usize)> {
        self.into_sorted_with()
            .into_iter()
            .map(|(s, id, ())| (s, id))
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Title,
    Body,
    Events,
}

/// Survivors of the prefilter (ids with their score bound) of a query.
type Survivors = Arc<Vec<(usize, i64)>>;

#[derive(Default)]
struct Caches {
    /// Per field: the last query and its survivors (a superset of any extension's survivors).
    last: HashMap<Kind, (String, Survivors)>,
    /// Survivors of one-char queries, computed on first use.
    single: HashMap<(Kind, String), Survivors>,
}

/// Everything search needs, prepared once from a store. Body and event indexes are built on
/// their first query. Use it with the store it was built from.
pub struct SearchIndex {
    titles: title::TitleIndex,
    body: OnceLock<text::BodyIndex>,
    events: OnceLock<events::EventIndex>,
    caches: Mutex<Caches>,
}

impl SearchIndex {
    pub fn new(store: &Store) -> SearchIndex {
        SearchIndex {
            titles: title::TitleIndex::new(store.articles.iter().map(|a| a.title.as_str())),
            body: OnceLock::new(),
            events: OnceLock::new(),
            caches: Mutex::new(Caches::default()),
        }
    }

    /// Forget the remembered queries (narrowing and one-char survivors).
    pub fn clear_cache(&self) {
        let mut caches = self.lock();
        caches.last.clear();
        caches.single.clear();
    }

    /// Forget the last query only (the next query is not narrowed from it).
    pub fn clear_narrowing(&self) {
        self.lock().last.clear();
    }

    /// Build the body and event indexes now rather than on their first query.
    pub fn prepare_text(&self, store: &Store) {
        self.body_index(store);
        self.event_index(store);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Caches> {
        // A panic elsewhere while holding the lock leaves only caches behind: keep using them.
        self.caches.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn body_index(&self, store: &Store) -> &text::BodyIndex {
        self.body
            .get_or_init(|| text::BodyIndex::new(&store.articles))
    }

    fn event_index(&self, store: &Store) -> &events::EventIndex {
        self.events
            .get_or_init(|| events::EventIndex::new(&store.articles))
    }

    /// Survivors remembered for `query`: its own (one-char cache), or the last query's when
    /// `query` extends it (`Err` holds the candidates to narrow from).
    fn remembered(&self, kind: Kind, query: &str) -> Result<Survivors, Option<Vec<usize>>> {
        let caches = self.lock();
        if let Some(hit) = single_key(query).and_then(|k| caches.single.get(&(kind, k))) {
            return Ok(Arc::clone(hit));
        }
        match caches.last.get(&kind) {
            Some((last, survivors)) if query.starts_with(last.as_str()) => {
                if last == query {
                    return Ok(Arc::clone(survivors));
                }
                Err(Some(survivors.iter().map(|s| s.0).collect()))
            }
            _ => Err(None),
        }
    }

    fn remember(&self, kind: Kind, query: &str, survivors: &Survivors) {
        let mut caches = self.lock();
        caches
            .last
            .insert(kind, (query.to_string(), Arc::clone(survivors)));
        if let Some(key) = single_key(query) {
            caches
                .single
                .entry((kind, key))
                .or_insert_with(|| Arc::clone(survivors));
        }
    }

    /// Survivors of `query` for `kind`: remembered, narrowed or computed by `compute`, which
    /// returns `None` when cancelled (then nothing is remembered).
    fn survivors_for(
        &self,
        kind: Kind,
        query: &str,
        compute: impl FnOnce(Option<&[usize]>) -> Option<Vec<(usize, i64)>>,
    ) -> Option<Survivors> {
        let survivors = match self.remembered(kind, query) {
            Ok(found) => found,
            Err(candidates) => Arc::new(compute(candidates.as_deref())?),
        };
        self.remember(kind, query, &survivors);
        Some(survivors)
    }

    /// Search `store` (the one this index was built from). At most `limit` hits, best first.
    /// Returns early with what it has (often nothing) when `cancel` becomes true.
    pub fn search(
        &self,
        store: &Store,
        query: &str,
        field: Field,
        limit: usize,
        cancel: &AtomicBool,
    ) -> Vec<Hit> {
        if query.split_whitespace().next().is_none() || limit == 0 {
            return Vec::new();
        }
        match field {
            Field::Title => self.search_titles(store, query, limit, cancel),
            Field::Body => self.search_bodies(store, query, limit, cancel),
            Field::Events => self.search_events(store, query, limit, cancel),
            Field::All => {
                // One hit per article: its title hit, else its body hit, else its first event.
                let mut hits = self.search_titles(store, query, limit, cancel);
                let mut seen: std::collections::HashSet<ArticleId> =
                    hits.iter().map(|h| h.article).collect();
                for more in [
                    self.search_bodies(store, query, limit, cancel),
                    self.search_events(store, query, limit, cancel),
                ] {
                    for hit in more {
                        if hits.len() >= limit {
                            break;
                        }
                        if seen.insert(hit.article) {
                            hits.push(hit);
                        }
                    }
                }
                hits.truncate(limit);
                hits
            }
        }
    }

    fn search_titles(
        &self,
        store: &Store,
        query: &str,
        limit: usize,
        cancel: &AtomicBool,
    ) -> Vec<Hit> {
        let case_sensitive = is_case_sensitive(query);
        let terms: Vec<title::TitleTerm> = query
            .split_whitespace()
            .map(|t| title::TitleTerm::new(t, case_sensitive))
            .collect();
        let Some(survivors) = self.survivors_for(Kind::Title, query, |candidates| {
            self.titles
                .survivors(candidates, &terms, case_sensitive, cancel)
        }) else {
            return Vec::new();
        };
        self.titles
            .top(&survivors, &terms, case_sensitive, limit, cancel)
            .into_iter()
            .filter_map(|(score, id)| {
                Some(Hit {
                    article: store.articles.get(id)?.id,
                    field: Field::Title,
                    score,
                    event: None,
                    sentence: None,
                    matched: None,
                    title_positions: self.titles.positions(id, &terms, case_sensitive),
                })
            })
            .collect()
    }

    fn search_bodies(
        &self,
        store: &Store,
        query: &str,
        limit: usize,
        cancel: &AtomicBool,
    ) -> Vec<Hit> {
        let terms = text::Terms::new(query, is_case_sensitive(query));
        let index = self.body_index(store);
        let Some(survivors) = self.survivors_for(Kind::Body, query, |candidates| {
            index.survivors(&store.articles, candidates, &terms, cancel)
        }) else {
            return Vec::new();
        };
        index
            .top(&store.articles, &survivors, &terms, limit, cancel)
            .into_iter()
            .filter_map(|(score, id, found)| {
                Some(Hit {
                    article: store.articles.get(id)?.id,
                    field: Field::Body,
                    score,
                    event: None,
                    sentence: Some(found.sentence),
                    matched: Some(found.matched),
                    title_positions: Vec::new(),
                })
            })
            .collect()
    }

    fn search_events(
        &self,
        store: &Store,
        query: &str,
        limit: usize,
        cancel: &AtomicBool,
    ) -> Vec<Hit> {
        let terms = text::Terms::new(query, is_case_sensitive(query));
        let index = self.event_index(store);
        let Some(survivors) = self.survivors_for(Kind::Events, query, |candidates| {
            index.survivors(&store.articles, candidates, &terms, cancel)
        }) else {
            return Vec::new();
        };
        events::EventIndex::top(&survivors, limit)
            .into_iter()
            .filter_map(|(score, slot)| {
                let (a, e) = index.owner(slot)?;
                let article = store.articles.get(a)?;
                let event = article.events.get(e)?;
                Some(Hit {
                    article: article.id,
                    field: Field::Events,
                    score,
                    event: Some(e),
                    sentence: Some(event.sentence.clone()),
                    matched: Some(event.span.clone()),
                    title_positions: Vec::new(),
                })
            })
            .collect()
    }
}

/// The key of a one-char query (one term of one char), else `None`.
fn single_key(query: &str) -> Option<String> {
    let mut terms = query.split_whitespace();
    let term = terms.next()?;
    if terms.next().is_some() || term.chars().count() != 1 {
        return None;
    }
    Some(term.to_string())
}
