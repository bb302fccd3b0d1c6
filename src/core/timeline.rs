//! Events across articles, grouped. Stub: replaced by the timeline work.

use crate::core::article::{Article, ArticleId, Precision, Ymd};
use serde::Serialize;

/// Points at one event: `articles[article].events[event]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct EventRef {
    pub article: ArticleId,
    pub event: usize,
}

/// One entry of the timeline: the same dated fact told once or by several mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub value: String,
    pub precision: Precision,
    pub start: Ymd,
    pub end: Ymd,
    /// A short label made from the first mention's sentence.
    pub label: String,
    pub mentions: Vec<EventRef>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    pub groups: Vec<Group>,
}

impl Timeline {
    pub fn build(articles: &[Article]) -> Timeline {
        let mut groups = Vec::new();
        for article in articles {
            for (index, event) in article.events.iter().enumerate() {
                if let (Some(start), Some(end)) = (event.start, event.end) {
                    groups.push(Group {
                        value: event.normalized.clone(),
                        precision: event.precision,
                        start,
                        end,
                        label: article.slice(&event.sentence).to_string(),
                        mentions: vec![EventRef {
                            article: article.id,
                            event: index,
                        }],
                    });
                }
            }
        }
        groups.sort_by_key(|g| (g.start, g.precision));
        Timeline { groups }
    }
}
