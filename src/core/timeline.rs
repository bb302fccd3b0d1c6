//! Events across articles, grouped: one entry per dated fact, with every mention of it.
//!
//! Mentions group when they have the same value and share key terms (content words of their
//! block; words found in most mentions, like the names every article is about, do not count).
//! A chronology entry `2019 :` and the table row `2019 …` telling the same deal become one
//! group; two unrelated facts of the same year stay apart. Different values are never merged,
//! so conflicting dates for one thing stay visible side by side.

use crate::core::article::{Article, ArticleId, Event, Precision, Ymd};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Points at one event: `articles[article].events[event]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct EventRef {
    pub article: ArticleId,
    pub event: usize,
}

impl EventRef {
    pub fn get<'a>(&self, articles: &'a [Article]) -> Option<(&'a Article, &'a Event)> {
        let article = articles.get(self.article)?;
        Some((article, article.events().get(self.event)?))
    }
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

/// A dated mention with the terms that identify what it is about.
struct Item {
    at: EventRef,
    /// The key terms of the mention's context, each once, as ids given by `intern`: one
    /// `String` set per mention was a heap allocation per term.
    terms: Vec<u32>,
    /// Told in a table row (a milestones table restating the article's chronology).
    in_table: bool,
}

impl Timeline {
    pub fn build(articles: &[Article]) -> Timeline {
        let mut items: Vec<Item> = Vec::new();
        let mut term_ids: HashMap<String, u32> = HashMap::new();
        for article in articles {
            for (index, event) in article.events().iter().enumerate() {
                if event.is_dated() {
                    items.push(Item {
                        at: EventRef {
                            article: article.id,
                            event: index,
                        },
                        terms: intern(&mut term_ids, key_terms(&context_text(article, event))),
                        in_table: event
                            .block
                            .and_then(|b| article.block(b))
                            .is_some_and(|b| b.kind == crate::core::article::BlockKind::TableRow),
                    });
                }
            }
        }
        drop(term_ids);
        // Terms found in more than half of the mentions tell nothing apart.
        let mut df: HashMap<u32, usize> = HashMap::new();
        for item in &items {
            for &term in &item.terms {
                *df.entry(term).or_default() += 1;
            }
        }
        // (Above three mentions, so that a handful of articles about one deal still group.)
        let limit = (items.len() / 2).max(3);
        let common: HashSet<u32> = df
            .iter()
            .filter(|(_, &n)| n > limit)
            .map(|(&t, _)| t)
            .collect();

        // Cluster within each value, in article order.
        let mut by_value: Vec<Vec<usize>> = Vec::new();
        let mut value_index: HashMap<&str, usize> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let Some((_, event)) = item.at.get(articles) else {
                continue;
            };
            let slot = *value_index
                .entry(event.normalized.as_str())
                .or_insert_with(|| {
                    by_value.push(Vec::new());
                    by_value.len() - 1
                });
            if let Some(list) = by_value.get_mut(slot) {
                list.push(i);
            }
        }
        let mut groups = Vec::new();
        for members in by_value {
            let mut clusters: Vec<(Vec<usize>, HashSet<u32>)> = Vec::new();
            // A table row and a prose mention of the same date in one article are the article
            // restating itself (its milestones table beside its chronology): one fact, whatever
            // words each uses (`fondée` / `Fondation`).
            let restates =
                |a: &Item, b: &Item| a.at.article == b.at.article && a.in_table != b.in_table;
            for i in members {
                let Some(item) = items.get(i) else { continue };
                let Some((_, event)) = item.at.get(articles) else {
                    continue;
                };
                let need = match event.precision {
                    Precision::Day | Precision::Month | Precision::Quarter | Precision::Season => 1,
                    _ => 2,
                };
                let distinctive: Vec<u32> = item
                    .terms
                    .iter()
                    .copied()
                    .filter(|t| !common.contains(t))
                    .collect();
                let target = clusters.iter_mut().find(|(list, terms)| {
                    let restated = list
                        .iter()
                        .all(|&j| items.get(j).is_some_and(|other| restates(item, other)));
                    restated || distinctive.iter().filter(|t| terms.contains(*t)).count() >= need
                });
                match target {
                    Some((list, terms)) => {
                        list.push(i);
                        terms.extend(distinctive);
                    }
                    None => clusters.push((vec![i], distinctive.into_iter().collect())),
                }
            }
            for (list, _) in clusters {
                let mentions: Vec<EventRef> = list
                    .iter()
                    .filter_map(|&i| items.get(i).map(|item| item.at))
                    .collect();
                if let Some(group) = make_group(articles, mentions) {
                    groups.push(group);
                }
            }
        }
        groups.sort_by(|a, b| {
            (
                a.start,
                a.precision,
                a.end,
                &a.value,
                a.mentions.first().copied().map(|m| (m.article, m.event)),
            )
                .cmp(&(
                    b.start,
                    b.precision,
                    b.end,
                    &b.value,
                    b.mentions.first().copied().map(|m| (m.article, m.event)),
                ))
        });
        // Grouping frees as much as it keeps (the items, the key maps): give it back.
        crate::core::memory::return_free_heap();
        Timeline { groups }
    }

    /// The groups a filter keeps, in timeline order.
    pub fn filtered<'a>(
        &'a self,
        filter: &'a TimelineFilter,
        articles: &'a [Article],
    ) -> impl Iterator<Item = &'a Group> + 'a {
        self.groups
            .iter()
            .filter(move |g| filter.matches(g, articles))
    }

    /// Index of the group holding an event, for jumping from the reader to the timeline.
    pub fn group_of(&self, at: EventRef) -> Option<usize> {
        self.groups.iter().position(|g| g.mentions.contains(&at))
    }
}

fn make_group(articles: &[Article], mentions: Vec<EventRef>) -> Option<Group> {
    let first = *mentions.first()?;
    let (article, event) = first.get(articles)?;
    let (start, end) = (event.start?, event.end?);
    // Label: prefer a prose mention over a bare table row, its sentence without the date.
    let label = mentions
        .iter()
        .filter_map(|m| m.get(articles))
        .map(|(a, e)| label_of(a, e))
        .find(|l| !l.is_empty())
        .unwrap_or_else(|| label_of(article, event));
    Some(Group {
        value: event.normalized.to_string(),
        precision: event.precision,
        start,
        end,
        // A bare date line (`19/02/25` closing an article) says nothing itself: it dates the
        // article, so its title is the label.
        label: if label.is_empty() {
            shorten(&crate::core::sanitize::sanitize_line(article.title()), 60)
        } else {
            label
        },
        mentions,
    })
}

/// A short phrase (at most 60 characters, cut on a word boundary) from the event's sentence,
/// without the date itself when the sentence starts with it.
pub fn label_of(article: &Article, event: &Event) -> String {
    let sentence = article.slice(&event.sentence);
    let mut text = sentence.to_string();
    if event.span.start >= event.sentence.start && event.span.end <= event.sentence.end {
        let (a, b) = (
            event.span.start - event.sentence.start,
            event.span.end - event.sentence.start,
        );
        if sentence
            .get(..a)
            .is_some_and(|before| before.trim().is_empty())
        {
            text = sentence.get(b..).unwrap_or("").to_string();
        }
    }
    let clean = crate::core::sanitize::sanitize_line(&text);
    let trimmed = clean.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '«' && c != '“');
    shorten(trimmed.trim(), 60)
}

/// Cut `text` to at most `max` characters on a word boundary, ending with `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let extra = usize::from(!out.is_empty()) + word.chars().count();
        if out.chars().count() + extra + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max.saturating_sub(1)).collect();
    }
    let out = out.trim_end_matches([',', ';', ':', ' ', '(', '-', '–']);
    format!("{out}…")
}

/// What the mention is about: its block, or, for a block that is only the date (`2019 :`),
/// the block after it.
fn context_text(article: &Article, event: &Event) -> String {
    let Some(index) = event.block else {
        return article.slice(&event.sentence).to_string();
    };
    let Some(block) = article.block(index) else {
        return String::new();
    };
    let text = article.block_text(&block);
    let block_start = block.text_range().start;
    let only_date = event.span.start >= block_start
        && text
            .get(..event.span.start - block_start)
            .is_some_and(|s| !s.chars().any(char::is_alphanumeric))
        && text
            .get(event.span.end.saturating_sub(block_start)..)
            .is_some_and(|s| !s.chars().any(char::is_alphanumeric));
    if only_date {
        if let Some(next) = article.block(index + 1) {
            return article.block_text(&next).to_string();
        }
    }
    text.to_string()
}

const STOPWORDS: &[&str] = &[
    "les",
    "des",
    "une",
    "est",
    "sont",
    "dans",
    "pour",
    "par",
    "sur",
    "avec",
    "que",
    "qui",
    "quoi",
    "pas",
    "plus",
    "ses",
    "son",
    "sa",
    "leur",
    "leurs",
    "aux",
    "du",
    "de",
    "la",
    "le",
    "et",
    "en",
    "au",
    "ce",
    "cet",
    "cette",
    "ces",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "nous",
    "vous",
    "mais",
    "ou",
    "donc",
    "car",
    "ni",
    "comme",
    "entre",
    "après",
    "avant",
    "lors",
    "dont",
    "été",
    "être",
    "avoir",
    "fait",
    "faire",
    "tout",
    "tous",
    "toute",
    "toutes",
    "aussi",
    "très",
    "même",
    "encore",
    "déjà",
    "ainsi",
    "alors",
    "sans",
    "sous",
    "vers",
    "chez",
    "depuis",
    "pendant",
    "selon",
    "avait",
    "ont",
    "été",
    "sera",
    "seront",
    "peut",
    "autre",
    "autres",
    "deux",
    "trois",
    "premier",
    "première",
    "premiers",
    "nouvelle",
    "nouveau",
    "nouveaux",
    "nouvelles",
    "the",
    "and",
    "for",
    "with",
    "that",
    "this",
    "from",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "its",
    "their",
    "his",
    "her",
    "not",
    "but",
    "into",
    "over",
    "after",
    "before",
    "about",
    "which",
    "who",
    "will",
    "would",
    "can",
    "could",
    "also",
    "more",
    "than",
    "then",
    "there",
    "when",
    "what",
    "new",
    "first",
    "one",
    "two",
    "year",
    "years",
    "année",
    "années",
    "ans",
    "jusqu",
    "lorsque",
    "puis",
    "chaque",
    "dollars",
    "euros",
    "millions",
    "milliards",
    "milliard",
];

/// `terms` as ids of `ids` (a new term gets the next id).
fn intern(ids: &mut HashMap<String, u32>, terms: HashSet<String>) -> Vec<u32> {
    terms
        .into_iter()
        .map(|term| {
            let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            *ids.entry(term).or_insert(next)
        })
        .collect()
}

/// Content words, lowercased, plural `s` dropped: `Accord stratégique` -> {accord, stratégique}.
pub fn key_terms(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .filter(|w| crate::core::dates::lexicon::month_number(w).is_none())
        .map(|w| {
            if w.chars().count() > 4 && w.ends_with('s') {
                w[..w.len() - 1].to_string()
            } else {
                w
            }
        })
        .collect()
}

/// What the timeline view and `dossier timeline` keep: a date range, words, a precision, a source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineFilter {
    /// Keep groups ending on or after this day.
    pub from: Option<Ymd>,
    /// Keep groups starting on or before this day.
    pub to: Option<Ymd>,
    /// Space-separated words, all required, in the label, a sentence or a title (smart case).
    pub text: Option<String>,
    pub precision: Option<Precision>,
    /// Part of a mention's source, file name or title (case-insensitive).
    pub source: Option<String>,
}

impl TimelineFilter {
    pub fn is_empty(&self) -> bool {
        *self == TimelineFilter::default()
    }

    /// Parse a prompt: `2019..2021 openai`, `..2020 precision:year`, `2019-05 source:techcrunch`,
    /// `year` (a bare precision name). Unknown `key:value` pairs are searched as text.
    pub fn parse(input: &str) -> Result<TimelineFilter, String> {
        let mut filter = TimelineFilter::default();
        let mut words = Vec::new();
        for token in input.split_whitespace() {
            if let Some((a, b)) = token.split_once("..") {
                if !a.is_empty() {
                    filter.from =
                        Some(parse_date(a, false).ok_or_else(|| format!("not a date: {a}"))?);
                }
                if !b.is_empty() {
                    filter.to =
                        Some(parse_date(b, true).ok_or_else(|| format!("not a date: {b}"))?);
                }
            } else if let Some(p) = token
                .strip_prefix("precision:")
                .or_else(|| token.strip_prefix("p:"))
            {
                filter.precision =
                    Some(Precision::parse(p).ok_or_else(|| format!("not a precision: {p}"))?);
            } else if let Some(s) = token.strip_prefix("source:") {
                filter.source = Some(s.to_string());
            } else if let Some(p) = Precision::parse(token) {
                filter.precision = Some(p);
            } else if let (Some(from), Some(to)) =
                (parse_date(token, false), parse_date(token, true))
            {
                filter.from = Some(from);
                filter.to = Some(to);
            } else {
                words.push(token);
            }
        }
        if !words.is_empty() {
            filter.text = Some(words.join(" "));
        }
        Ok(filter)
    }

    pub fn matches(&self, group: &Group, articles: &[Article]) -> bool {
        if self.from.is_some_and(|from| group.end < from)
            || self.to.is_some_and(|to| group.start > to)
        {
            return false;
        }
        if self.precision.is_some_and(|p| group.precision != p) {
            return false;
        }
        let mentions: Vec<(&Article, &Event)> = group
            .mentions
            .iter()
            .filter_map(|m| m.get(articles))
            .collect();
        if let Some(source) = self.source.as_deref().filter(|s| !s.is_empty()) {
            let needle = source.to_lowercase();
            let found = mentions.iter().any(|(a, _)| {
                [a.source().unwrap_or(""), a.file_name(), a.title()]
                    .iter()
                    .any(|h| h.to_lowercase().contains(&needle))
            });
            if !found {
                return false;
            }
        }
        if let Some(text) = self.text.as_deref() {
            let case_sensitive = text.chars().any(char::is_uppercase);
            let mut hay = group.label.clone();
            for (article, event) in &mentions {
                hay.push('\n');
                hay.push_str(article.slice(&event.sentence));
                hay.push('\n');
                hay.push_str(article.title());
                hay.push('\n');
                hay.push_str(&group.value);
            }
            let hay = if case_sensitive {
                hay
            } else {
                hay.to_lowercase()
            };
            let all = text.split_whitespace().all(|term| {
                let term = if case_sensitive {
                    term.to_string()
                } else {
                    term.to_lowercase()
                };
                hay.contains(&term)
            });
            if !all {
                return false;
            }
        }
        true
    }
}

/// `2019`, `2019-05`, `2019-05-03` as the first (`end = false`) or last day they cover.
pub fn parse_date(text: &str, end: bool) -> Option<Ymd> {
    let mut parts = text.trim().split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    if !(0..=9999).contains(&year) {
        return None;
    }
    let month: Option<u8> = match parts.next() {
        Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day: Option<u8> = match parts.next() {
        Some(d) => Some(d.parse().ok()?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    let last_day = |m: u8| crate::core::dates::scan::days_in_month(year, m);
    Some(match (month, day) {
        (None, _) => {
            if end {
                Ymd::new(year, 12, 31)
            } else {
                Ymd::new(year, 1, 1)
            }
        }
        (Some(m), None) => Ymd::new(year, m, if end { last_day(m) } else { 1 }),
        (Some(m), Some(d)) => {
            if !(1..=last_day(m)).contains(&d) {
                return None;
            }
            Ymd::new(year, m, d)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::{build_article, load, Input, LoadOptions};

    fn seeds() -> Vec<Article> {
        load(&[Input::Seeds], &LoadOptions::default()).articles
    }

    fn lines(group: &Group, articles: &[Article]) -> Vec<(usize, usize)> {
        group
            .mentions
            .iter()
            .filter_map(|m| m.get(articles))
            .map(|(a, e)| (a.id, e.line))
            .collect()
    }

    #[test]
    fn chronology_entry_and_table_row_of_2019_are_one_group() {
        let articles = seeds();
        let timeline = Timeline::build(&articles);
        let groups: Vec<&Group> = timeline
            .groups
            .iter()
            .filter(|g| g.value == "2019")
            .collect();
        assert_eq!(groups.len(), 1);
        assert_eq!(lines(groups[0], &articles), vec![(1, 21), (1, 45)]);
        assert_eq!(
            groups[0].label,
            "Microsoft investit 1 milliard de dollars dans OpenAI."
        );
        // Sorted by start, then precision.
        assert!(timeline
            .groups
            .windows(2)
            .all(|w| (w[0].start, w[0].precision) <= (w[1].start, w[1].precision)));
        // Undated mentions never reach the timeline.
        assert!(timeline.groups.iter().all(|g| !g.value.contains("REF")));
    }

    #[test]
    fn unrelated_facts_of_one_year_stay_apart_across_articles() {
        let articles = seeds();
        let timeline = Timeline::build(&articles);
        let g2018: Vec<Vec<(usize, usize)>> = timeline
            .groups
            .iter()
            .filter(|g| g.value == "2018")
            .map(|g| lines(g, &articles))
            .collect();
        assert_eq!(g2018, vec![vec![(1, 44)], vec![(3, 10)]]);
    }

    #[test]
    fn the_same_fact_from_two_articles_groups_and_a_conflicting_date_stays_visible() {
        let a = build_article(
            "a.txt".into(),
            "En mars 2021, Acme rachète Globex pour 2 milliards.\n".as_bytes(),
        )
        .expect("a")
        .0;
        let mut b = build_article(
            "b.txt".into(),
            "Acme a racheté Globex en mars 2021.\n".as_bytes(),
        )
        .expect("b")
        .0;
        let mut c = build_article(
            "c.txt".into(),
            "Acme rachète Globex en avril 2021.\n".as_bytes(),
        )
        .expect("c")
        .0;
        let mut d = build_article(
            "d.txt".into(),
            "En mars 2021, une tempête frappe Oslo.\n".as_bytes(),
        )
        .expect("d")
        .0;
        b.id = 1;
        c.id = 2;
        d.id = 3;
        let articles = vec![a, b, c, d];
        let timeline = Timeline::build(&articles);
        let march: Vec<Vec<(usize, usize)>> = timeline
            .groups
            .iter()
            .filter(|g| g.value == "2021-03")
            .map(|g| lines(g, &articles))
            .collect();
        assert_eq!(march, vec![vec![(0, 1), (1, 1)], vec![(3, 1)]]);
        assert!(timeline.groups.iter().any(|g| g.value == "2021-04"));
    }

    #[test]
    fn filters_by_range_text_precision_and_source() {
        let articles = seeds();
        let timeline = Timeline::build(&articles);
        let filter = TimelineFilter::parse("2019..2021").expect("parse");
        assert_eq!(filter.from, Some(Ymd::new(2019, 1, 1)));
        assert_eq!(filter.to, Some(Ymd::new(2021, 12, 31)));
        let kept: Vec<&str> = timeline
            .filtered(&filter, &articles)
            .map(|g| g.value.as_str())
            .collect();
        assert!(kept.contains(&"2019") && kept.contains(&"2021") && !kept.contains(&"2016/2018"));
        assert!(
            kept.contains(&"2015/2025"),
            "overlapping ranges are kept: {kept:?}"
        );
        assert!(!kept.contains(&"2022") && !kept.contains(&"2018"));

        let filter = TimelineFilter::parse("windsurf").expect("parse");
        let kept: Vec<&Group> = timeline.filtered(&filter, &articles).collect();
        assert!(!kept.is_empty());
        assert!(kept.iter().all(|g| g.value == "2025"));

        let filter = TimelineFilter::parse("precision:month").expect("parse");
        let kept: Vec<&str> = timeline
            .filtered(&filter, &articles)
            .map(|g| g.value.as_str())
            .collect();
        assert!(!kept.is_empty());
        assert!(kept.iter().all(|v| v.len() == 7), "{kept:?}");

        let filter = TimelineFilter {
            source: Some("003_".into()),
            ..TimelineFilter::default()
        };
        let kept: Vec<&str> = timeline
            .filtered(&filter, &articles)
            .map(|g| g.value.as_str())
            .collect();
        assert_eq!(kept, vec!["2018", "2025-02-19"]);

        assert!(TimelineFilter::parse("2019..20x").is_err());
        assert!(TimelineFilter::parse("p:weekly").is_err());
        assert!(TimelineFilter::parse("").expect("empty").is_empty());
    }

    #[test]
    fn labels_are_short_and_cut_on_words() {
        assert_eq!(shorten("court", 60), "court");
        let long =
            "Microsoft renforce son investissement dans OpenAI (plus de 10 milliards de dollars).";
        let cut = shorten(long, 60);
        assert!(cut.chars().count() <= 60, "{cut}");
        assert!(cut.ends_with('…'));
        assert!(long.starts_with(cut.trim_end_matches('…')));
        for g in Timeline::build(&seeds()).groups {
            assert!(g.label.chars().count() <= 60, "{}", g.label);
            assert!(!g.label.is_empty());
        }
    }

    #[test]
    fn dates_parse_as_first_or_last_day() {
        assert_eq!(parse_date("2024-02", true), Some(Ymd::new(2024, 2, 29)));
        assert_eq!(parse_date("2019", false), Some(Ymd::new(2019, 1, 1)));
        assert_eq!(parse_date("2019-02-30", false), None);
        assert_eq!(parse_date("soon", false), None);
    }
}
