//! The store: articles plus everything derived from them, built once and read by every front end.

use crate::core::article::Article;
use crate::core::timeline::Timeline;

#[derive(Debug, Clone, Default)]
pub struct Store {
    pub articles: Vec<Article>,
    pub timeline: Timeline,
}

impl Store {
    pub fn new(articles: Vec<Article>) -> Store {
        let timeline = Timeline::build(&articles);
        Store { articles, timeline }
    }
}
