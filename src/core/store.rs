//! The store: articles plus everything derived from them, built once and read by every front end.

use crate::core::article::Article;
use crate::core::timeline::Timeline;
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
}
