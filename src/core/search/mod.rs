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
mod skim;
mod text;
mod title;

pub use skim::score as skim_score;
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

/// Ordering key of ranked entries: higher score first, then lower `tie` (for titles the
/// shorter title, then load order; elsewhere load order).
pub(crate) fn rank_key(score: i64, tie: u64) -> (i64, Reverse<u64>) {
    (score, Reverse(tie))
}

/// `tie` for an entry ranked by load order only.
pub(crate) fn id_tie(id: usize) -> u64 {
    u64::try_from(id).unwrap_or(u64::MAX)
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
    key: (i64, Reverse<u64>),
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

/// The `limit` best `(score, tie)` pushed so far: a bounded heap instead of sorting everything.
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

    /// The worst `(score, tie)` kept, once full: what a newcomer must beat.
    pub fn floor(&self) -> Option<(i64, u64)> {
        if !self.is_full() {
            return None;
        }
        self.heap.peek().map(|r| (r.key.0, r.key.1 .0))
    }

    pub fn push_with(&mut self, score: i64, tie: u64, value: T) {
        if self.limit == 0 {
            return;
        }
        let key = rank_key(score, tie);
        if self.heap.len() < self.limit {
            self.heap.push(Ranked { key, value });
        } else if self.heap.peek().is_some_and(|worst| key > worst.key) {
            self.heap.pop();
            self.heap.push(Ranked { key, value });
        }
    }

    pub fn into_sorted_with(self) -> Vec<(i64, u64, T)> {
        // `into_sorted_vec` is ascending by `Ord`, which is reversed: best first.
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|r| (r.key.0, r.key.1 .0, r.value))
            .collect()
    }
}

impl TopK<usize> {
    /// Push an entry ranked by load order only.
    pub fn push(&mut self, score: i64, id: usize) {
        self.push_with(score, id_tie(id), id);
    }

    /// `(score, id)`, best first.
    pub fn into_sorted(self) -> Vec<(i64, usize)> {
        self.into_sorted_with()
            .into_iter()
            .map(|(s, _, id)| (s, id))
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
            titles: title::TitleIndex::new(store.articles.iter().map(|a| a.title())),
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

    /// Heap bytes held by each part of the index (capacities), the body and event parts only
    /// once built: what `examples/memory_breakdown` prints.
    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        let mut parts = self.titles.heap_parts();
        if let Some(body) = self.body.get() {
            parts.extend(body.heap_parts());
        }
        if let Some(events) = self.events.get() {
            parts.extend(events.heap_parts());
        }
        parts
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
                .survivors(&store.articles, candidates, &terms, case_sensitive, cancel)
        }) else {
            return Vec::new();
        };
        let titles = &store.articles;
        self.titles
            .top(titles, &survivors, &terms, case_sensitive, limit, cancel)
            .into_iter()
            .filter_map(|(score, id)| {
                Some(Hit {
                    article: store.articles.get(id)?.id,
                    field: Field::Title,
                    score,
                    event: None,
                    sentence: None,
                    matched: None,
                    title_positions: self.titles.positions(titles, id, &terms, case_sensitive),
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
            index.survivors(&store.articles, &self.titles, candidates, &terms, cancel)
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
                let event = article.events().get(e)?;
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

/// `keep` over `candidates` (or every id below `n`), in parallel chunks of `chunk`, in id
/// order; `None` once `cancelled`. Shared by the title and event scans.
pub(crate) fn filter_in_chunks<F>(
    candidates: Option<&[usize]>,
    n: usize,
    chunk: usize,
    cancelled: &CancelFlag,
    keep: F,
) -> Option<Vec<(usize, i64)>>
where
    F: Fn(usize) -> Option<(usize, i64)> + Sync,
{
    use rayon::prelude::*;
    let chunk = chunk.max(1);
    let parts: Vec<Vec<(usize, i64)>> = match candidates {
        Some(list) => list
            .par_chunks(chunk)
            .map(|ids| {
                if cancelled.check() {
                    return Vec::new();
                }
                ids.iter().filter_map(|&id| keep(id)).collect()
            })
            .collect(),
        None => (0..n.div_ceil(chunk))
            .into_par_iter()
            .map(|c| {
                if cancelled.check() {
                    return Vec::new();
                }
                (c * chunk..((c + 1) * chunk).min(n))
                    .filter_map(&keep)
                    .collect()
            })
            .collect(),
    };
    if cancelled.check() {
        return None;
    }
    Some(parts.concat())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::article::{
        Article, ArticleParts, Block, BlockKind, Event, Modifier, Precision,
    };
    use fuzzy_matcher::skim::SkimMatcherV2;
    use fuzzy_matcher::FuzzyMatcher;

    /// An article whose text is `paragraphs` (the first may be a heading with `#`).
    fn article(id: usize, title: &str, paragraphs: &[&str]) -> Article {
        let mut text = String::new();
        let mut blocks = Vec::new();
        for p in paragraphs {
            let (kind, body) = match p.strip_prefix("# ") {
                Some(h) => (BlockKind::Heading(2), h),
                None => (BlockKind::Paragraph, *p),
            };
            let start = text.len();
            text.push_str(body);
            blocks.push(Block::new(kind, start..text.len(), start..text.len()));
            text.push('\n');
        }
        Article::new(ArticleParts {
            id,
            origin: format!("{id}.txt"),
            title: title.to_string(),
            text,
            blocks,
            ..ArticleParts::default()
        })
    }

    fn titles_store(titles: &[&str]) -> Store {
        Store::new(
            titles
                .iter()
                .enumerate()
                .map(|(i, t)| article(i, t, &[]))
                .collect(),
        )
    }

    /// Deterministic titles mixing words, punctuation, case, digits and non-ASCII.
    fn generated_titles(n: usize) -> Vec<String> {
        let words = [
            "lib",
            "python",
            "Python",
            "ssl",
            "openssl",
            "kernel",
            "module",
            "memory",
            "leak",
            "new",
            "upstream",
            "release",
            "xml",
            "parser",
            "GNOME",
            "bash",
            "net",
            "network",
            "time",
            "zone",
            "doc",
            "debian",
            "policy",
            "cve-2023-1234",
            "rust",
            "bibliothek",
            "日本語",
            "テスト",
            "Straße",
            "lbcrl",
            "pkg-config",
            "a",
            "b",
            "-",
            "(x)",
            "fooBar",
            "3.11",
            "library",
            "tools",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..n)
            .map(|_| {
                let len = 1 + (next() % 7) as usize;
                let mut title = String::new();
                for k in 0..len {
                    let word = words[(next() % words.len() as u64) as usize];
                    if k > 0 {
                        title.push(if next() % 4 == 0 { '-' } else { ' ' });
                    }
                    title.push_str(word);
                }
                title
            })
            .collect()
    }

    /// The reference: fuzzy-matcher on every title, sorted by score, shorter title, id.
    fn brute_force(titles: &[String], query: &str, limit: usize) -> Vec<(i64, usize)> {
        let cs = is_case_sensitive(query);
        let mut all: Vec<(i64, usize)> = titles
            .iter()
            .enumerate()
            .filter_map(|(id, title)| {
                let matcher = if cs {
                    SkimMatcherV2::default().respect_case()
                } else {
                    SkimMatcherV2::default().ignore_case()
                };
                let total: Option<i64> = query
                    .split_whitespace()
                    .map(|t| matcher.fuzzy_match(title, t))
                    .sum();
                total.map(|s| (s, id))
            })
            .collect();
        all.sort_by_key(|&(s, id)| (Reverse(s), titles[id].len(), id));
        all.truncate(limit);
        all
    }

    #[test]
    fn top_k_equals_sorting_every_fuzzy_matcher_score() {
        let titles = generated_titles(3000);
        let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        let store = titles_store(&refs);
        let index = SearchIndex::new(&store);
        let never = AtomicBool::new(false);
        let queries = [
            "python",
            "lib ssl",
            "kernel module",
            "new upstream release",
            "lbcrl",
            "pkgcfg",
            "日本",
            "Py",
            "GNOME",
            "st",
            "ab",
            "fb",
            "cve-2023",
            "bibliothek",
            "tim zon",
        ];
        for query in queries {
            // Typed one char at a time: every prefix, narrowed from the one before.
            let ends: Vec<usize> = query
                .char_indices()
                .map(|(i, c)| i + c.len_utf8())
                .collect();
            for end in ends {
                let prefix = &query[..end];
                for limit in [1, 7, 50] {
                    let got: Vec<(i64, usize)> = index
                        .search(&store, prefix, Field::Title, limit, &never)
                        .iter()
                        .map(|h| (h.score, h.article))
                        .collect();
                    assert_eq!(got, brute_force(&titles, prefix, limit), "query {prefix:?}");
                }
            }
        }
    }

    #[test]
    fn quick_scorer_equals_fuzzy_matcher_on_generated_titles() {
        let titles = generated_titles(1500);
        for pattern in [
            "p", "py", "ssl", "lbr", "GN", "a-b", "日本", "oo", "3.1", "x)", "Str",
        ] {
            let cs = is_case_sensitive(pattern);
            for title in &titles {
                let matcher = if cs {
                    SkimMatcherV2::default().respect_case()
                } else {
                    SkimMatcherV2::default().ignore_case()
                };
                assert_eq!(
                    skim::score(title, pattern, cs),
                    matcher.fuzzy_match(title, pattern),
                    "{pattern:?} in {title:?}"
                );
            }
        }
    }

    #[test]
    fn title_hit_positions_are_the_matched_chars() {
        let store = titles_store(&["kernel module loader", "unrelated"]);
        let never = AtomicBool::new(false);
        let hits = search(&store, "kmod", Field::Title, 10, &never);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].article, 0);
        assert_eq!(hits[0].title_positions, vec![0, 7, 8, 9]);
        // Two terms: positions of both, sorted.
        let hits = search(&store, "load ker", Field::Title, 10, &never);
        assert_eq!(hits[0].title_positions, vec![0, 1, 2, 14, 15, 16, 17]);
    }

    #[test]
    fn smart_case_and_all_terms_required_in_titles() {
        let store = titles_store(&[
            "Rust compiler",
            "trust issues",
            "kernel panic",
            "kernel module signing",
        ]);
        let never = AtomicBool::new(false);
        let ids = |q: &str| -> Vec<usize> {
            let mut ids: Vec<usize> = search(&store, q, Field::Title, 10, &never)
                .iter()
                .map(|h| h.article)
                .collect();
            ids.sort_unstable();
            ids
        };
        assert_eq!(ids("rust"), vec![0, 1]);
        assert_eq!(ids("Rust"), vec![0]);
        assert_eq!(ids("kernel module"), vec![3]);
        assert_eq!(ids("kernel"), vec![2, 3]);
        assert!(ids("kernel zebra").is_empty());
    }

    #[test]
    fn a_cancelled_search_returns_at_once_and_leaves_no_partial_cache() {
        let titles = generated_titles(20_000);
        let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        let store = titles_store(&refs);
        let index = SearchIndex::new(&store);
        let cancelled = AtomicBool::new(true);
        for field in [Field::Title, Field::Body, Field::All] {
            assert!(index.search(&store, "py", field, 50, &cancelled).is_empty());
        }
        // The newer query, not cancelled, is answered in full, not narrowed from the
        // abandoned one.
        let never = AtomicBool::new(false);
        let got: Vec<(i64, usize)> = index
            .search(&store, "pyt", Field::Title, 20, &never)
            .iter()
            .map(|h| (h.score, h.article))
            .collect();
        assert_eq!(got, brute_force(&titles, "pyt", 20));
    }

    #[test]
    fn body_hits_rank_title_then_heading_then_sentence_and_point_at_the_sentence() {
        let store = Store::new(vec![
            article(
                0,
                "Plain",
                &[
                    "Nothing here. The leak was in memory, not disk.",
                    "Memory is fine.",
                ],
            ),
            article(
                1,
                "Memory leak found",
                &["Intro. A memory leak in the parser! Fixed."],
            ),
            article(2, "Other", &["# Memory leak report", "Details follow."]),
            article(3, "Scattered", &["Memory first.", "Then a leak."]),
            article(4, "Unrelated", &["Nothing to see."]),
        ]);
        let never = AtomicBool::new(false);
        let hits = search(&store, "memory leak", Field::Body, 10, &never);
        let order: Vec<usize> = hits.iter().map(|h| h.article).collect();
        assert_eq!(order, vec![1, 2, 0, 3]);
        let sentence = |h: &Hit| {
            store.articles[h.article]
                .slice(h.sentence.as_ref().unwrap_or(&(0..0)))
                .to_string()
        };
        assert_eq!(sentence(&hits[0]), "A memory leak in the parser!");
        assert_eq!(sentence(&hits[1]), "Memory leak report");
        assert_eq!(sentence(&hits[2]), "The leak was in memory, not disk.");
        assert_eq!(sentence(&hits[3]), "Memory first.");
        let matched = hits[0].matched.clone().unwrap_or(0..0);
        assert_eq!(&store.articles[1].text()[matched], "memory");
        // Smart case: an uppercase letter makes the search case-sensitive.
        let hits = search(&store, "Memory", Field::Body, 10, &never);
        let mut ids: Vec<usize> = hits.iter().map(|h| h.article).collect();
        ids.sort_unstable();
        assert_eq!(ids, vec![0, 2, 3]);
        assert!(search(&store, "memory zebra", Field::Body, 10, &never).is_empty());
    }

    /// An article of words from a small vocabulary: a title, then blocks, `#` ones headings.
    fn body_article_strategy() -> impl proptest::strategy::Strategy<Value = (String, Vec<String>)> {
        use proptest::prelude::*;
        let word = prop::sample::select(vec![
            "memory", "Memory", "leak", "disk", "été", "Été", "parser", "x", "fix.",
        ]);
        let words = |n| prop::collection::vec(word.clone(), 1..n).prop_map(|w| w.join(" "));
        let block =
            (any::<bool>(), words(6)).prop_map(
                |(heading, text)| {
                    if heading {
                        format!("# {text}")
                    } else {
                        text
                    }
                },
            );
        // Titles from fewer words, so that many articles share a title bonus and the batches
        // after the first (32 articles) decide the top.
        let title =
            prop::collection::vec(prop::sample::select(vec!["memory", "leak", "été"]), 1..3)
                .prop_map(|w| w.join(" "));
        (title, prop::collection::vec(block, 0..5))
    }

    proptest::proptest! {
        /// Pruning by score bounds changes nothing: the best `k` body hits are the first `k`
        /// of every hit ranked, with the same scores and sentences.
        #[test]
        fn body_top_k_is_the_head_of_the_full_ranking(
            docs in proptest::collection::vec(body_article_strategy(), 1..200),
            query in proptest::sample::select(vec![
                "memory", "leak", "memory leak", "été", "Memory", "x fix.", "disk été", "e",
            ]),
            k in 1usize..48,
        ) {
            let store = Store::new(
                docs.iter()
                    .enumerate()
                    .map(|(i, (title, blocks))| {
                        let blocks: Vec<&str> = blocks.iter().map(String::as_str).collect();
                        article(i, title, &blocks)
                    })
                    .collect(),
            );
            let never = AtomicBool::new(false);
            let key = |hits: Vec<Hit>| -> Vec<(usize, i64, Option<std::ops::Range<usize>>)> {
                hits.into_iter().map(|h| (h.article, h.score, h.sentence)).collect()
            };
            let all = key(search(&store, query, Field::Body, usize::MAX, &never));
            let top = key(search(&store, query, Field::Body, k, &never));
            proptest::prop_assert_eq!(&top[..], &all[..k.min(all.len())]);
        }
    }

    #[test]
    fn body_bonuses_fold_non_ascii_titles_and_headings() {
        use text::{HEADING_ALL_BONUS, SENTENCE_BONUS, TITLE_BONUS};
        let store = Store::new(vec![
            article(0, "Plain", &["L'été fut chaud."]),
            article(1, "ÉTÉ 2025", &["Un été chaud."]),
            article(2, "Autre", &["# Été indien", "Un été doux."]),
            article(3, "Summer", &["# Intro", "# ÉTÉ", "Un été doux."]),
        ]);
        let never = AtomicBool::new(false);
        let hits = search(&store, "été", Field::Body, 10, &never);
        let got: Vec<(usize, i64)> = hits.iter().map(|h| (h.article, h.score)).collect();
        assert_eq!(
            got,
            vec![
                (1, TITLE_BONUS + SENTENCE_BONUS),
                (2, HEADING_ALL_BONUS + SENTENCE_BONUS),
                (3, HEADING_ALL_BONUS + SENTENCE_BONUS),
                (0, SENTENCE_BONUS),
            ]
        );
    }

    #[test]
    fn event_hits_match_values_and_sentences() {
        let mut a = article(
            0,
            "Treaty",
            &["The treaty was signed in May 2025. It took years."],
        );
        let text = a.text().to_string();
        let span = text.find("May 2025").unwrap_or(0)..text.find("May 2025").unwrap_or(0) + 8;
        let sentence = 0..text.find("2025.").unwrap_or(0) + 5;
        a.set_events(vec![Event {
            block: Some(0),
            span: span.clone(),
            src_offset: span.start,
            line: 1,
            normalized: "2025-05".into(),
            precision: Precision::Month,
            modifier: Modifier::None,
            start: None,
            end: None,
            sentence: sentence.clone(),
        }]);
        let mut b = article(1, "Elections", &["Elections are due in 2025 or later."]);
        b.set_events(vec![Event {
            block: Some(0),
            span: 21..25,
            src_offset: 21,
            line: 1,
            normalized: "2025".into(),
            precision: Precision::Year,
            modifier: Modifier::None,
            start: None,
            end: None,
            sentence: 0..b.text().len() - 1,
        }]);
        let store = Store::new(vec![a, b]);
        let never = AtomicBool::new(false);
        let hits = search(&store, "2025-05", Field::Events, 10, &never);
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].article, hits[0].event), (0, Some(0)));
        assert_eq!(hits[0].sentence, Some(sentence));
        assert_eq!(hits[0].matched, Some(span));
        let hits = search(&store, "treaty", Field::Events, 10, &never);
        assert_eq!(hits.len(), 1);
        // A value match outranks a sentence-only match; both events hold "2025".
        let hits = search(&store, "2025", Field::Events, 10, &never);
        assert_eq!(hits.len(), 2);
        let hits = search(&store, "elections 2025", Field::Events, 10, &never);
        assert_eq!(hits.iter().map(|h| h.article).collect::<Vec<_>>(), vec![1]);
        assert!(search(&store, "2024", Field::Events, 10, &never).is_empty());
    }

    #[test]
    fn all_gives_one_hit_per_article_titles_first() {
        let store = Store::new(vec![
            article(0, "Body only", &["The kernel is here."]),
            article(1, "kernel notes", &["Nothing."]),
        ]);
        let never = AtomicBool::new(false);
        let hits = search(&store, "kernel", Field::All, 10, &never);
        let got: Vec<(usize, Field)> = hits.iter().map(|h| (h.article, h.field)).collect();
        assert_eq!(got, vec![(1, Field::Title), (0, Field::Body)]);
    }

    #[test]
    fn empty_query_or_zero_limit_finds_nothing() {
        let store = titles_store(&["anything"]);
        let never = AtomicBool::new(false);
        assert!(search(&store, "   ", Field::All, 10, &never).is_empty());
        assert!(search(&store, "any", Field::All, 0, &never).is_empty());
    }
}
