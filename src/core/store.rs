//! The store: articles plus everything derived from them, built once and read by every front end.
//! A store may also grow batch by batch while a large folder loads (`append`, then
//! `build_timeline` once everything is in), and be compared with a reloaded one (`changes`).

use crate::core::article::{Article, Origin};
use crate::core::timeline::Timeline;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Default)]
pub struct Store {
    pub articles: Vec<Article>,
    /// Built on first use: `list`, `show` and `search` never read it, and grouping the events
    /// of a large corpus costs as much as a tenth of loading it.
    timeline: OnceLock<Timeline>,
}

impl Store {
    pub fn new(articles: Vec<Article>) -> Store {
        Store {
            articles,
            timeline: OnceLock::new(),
        }
    }

    /// A store with a timeline given rather than built from the articles (hand-made fixtures).
    pub fn with_timeline(articles: Vec<Article>, timeline: Timeline) -> Store {
        Store {
            articles,
            timeline: OnceLock::from(timeline),
        }
    }

    /// The events of every article grouped on one timeline, built the first time it is asked for.
    pub fn timeline(&self) -> &Timeline {
        self.timeline
            .get_or_init(|| Timeline::build(&self.articles))
    }

    /// Add the next articles of a streaming load, renumbered to follow the ones already here.
    /// The timeline stays empty until `build_timeline`, called once the load is over: grouping
    /// a partial corpus after every batch would cost more than the load.
    pub fn append(&mut self, articles: Vec<Article>) {
        self.timeline = OnceLock::from(Timeline::default());
        let first = self.articles.len();
        self.articles.extend(articles);
        for (id, article) in self.articles.iter_mut().enumerate().skip(first) {
            article.id = id;
        }
    }

    /// Room for `total` articles in all, when a streaming load knows how many will come: the
    /// appends then never regrow the vector (doubled, a 100k-article one holds up to half its
    /// size in slack, and leaves the smaller ones it outgrew as holes in the heap; issue 6).
    pub fn reserve_total(&mut self, total: usize) {
        let wanted = total.saturating_sub(self.articles.len());
        self.articles.reserve_exact(wanted);
    }

    /// Build the timeline now (rather than on its first use).
    pub fn build_timeline(&mut self) {
        self.timeline = OnceLock::from(Timeline::build(&self.articles));
    }

    /// Put in a timeline grouped elsewhere (off the UI thread) from these articles.
    pub fn set_timeline(&mut self, timeline: Timeline) {
        self.timeline = OnceLock::from(timeline);
    }

    /// What a reload changed, matching articles by origin.
    pub fn changes(&self, newer: &Store) -> Changes {
        let before: HashMap<Origin<'_>, &Article> =
            self.articles.iter().map(|a| (a.origin(), a)).collect();
        let mut changes = Changes::default();
        let mut kept = 0;
        for article in &newer.articles {
            match before.get(&article.origin()) {
                Some(old) => {
                    kept += 1;
                    if !same_content(old, article) {
                        changes.changed += 1;
                    }
                }
                None => changes.added += 1,
            }
        }
        changes.removed = self.articles.len().saturating_sub(kept);
        changes
    }
}

/// Equal but for the id (which is only a position).
fn same_content(a: &Article, b: &Article) -> bool {
    if a.id == b.id {
        return a == b;
    }
    let mut b = b.clone();
    b.id = a.id;
    *a == b
}

/// Counts of a reload, by origin.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    pub changed: usize,
    pub added: usize,
    pub removed: usize,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::build_article;

    fn article(origin: &str, text: &str) -> Article {
        match build_article(origin.to_string(), text.as_bytes()) {
            Ok((article, _)) => article,
            Err(problem) => panic!("{problem}"),
        }
    }

    #[test]
    fn append_numbers_articles_after_the_ones_there() {
        let mut store = Store::default();
        store.append(vec![article("a.txt", "A\n"), article("b.txt", "B\n")]);
        store.append(vec![article("c.txt", "C\n")]);
        let ids: Vec<usize> = store.articles.iter().map(|a| a.id).collect();
        assert_eq!(ids, vec![0, 1, 2]);
        assert_eq!(store.articles[2].origin(), "c.txt");
    }

    #[test]
    fn a_known_total_is_reserved_once() {
        let mut store = Store::default();
        store.reserve_total(5);
        let room = store.articles.capacity();
        assert!(room >= 5);
        for batch in [
            vec!["a.txt", "b.txt"],
            vec!["c.txt"],
            vec!["d.txt", "e.txt"],
        ] {
            store.append(batch.iter().map(|o| article(o, "T\n")).collect());
            store.reserve_total(5);
        }
        assert_eq!(store.articles.len(), 5);
        assert_eq!(store.articles.capacity(), room, "the vector was regrown");
    }

    #[test]
    fn changes_count_by_origin() {
        let old = Store::new(vec![
            article("a.txt", "Alpha\n"),
            article("b.txt", "Beta\n"),
            article("c.txt", "Gamma\n"),
        ]);
        // b edited, c removed, d added; a moves to another position (same content).
        let new = Store::new(vec![
            article("d.txt", "Delta\n"),
            article("a.txt", "Alpha\n"),
            article("b.txt", "Beta, edited\n"),
        ]);
        assert_eq!(
            old.changes(&new),
            Changes {
                changed: 1,
                added: 1,
                removed: 1
            }
        );
        assert!(old.changes(&old).is_empty());
    }
}
