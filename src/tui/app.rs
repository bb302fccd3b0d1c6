//! `State`: everything the screen shows, nothing else. Views read it; only `update` (and the
//! arrival of background search results, `apply_search`) changes it.

use crate::core::article::{Article, ArticleId, Event, Origin, Precision};
use crate::core::search::{is_case_sensitive, Hit};
use crate::core::store::Store;
use crate::core::timeline::{EventRef, Group};
use crate::tui::keymap::{Context, Keymap};
use crate::tui::layout::{self, Areas, Split};
use crate::tui::theme::Theme;
use crate::tui::wrap::{self, Wrapped};
use ratatui::layout::Rect;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The root: list + reader.
    Articles,
    Timeline,
    /// The mentions of one timeline group side by side.
    Compare,
    /// An article opened from the timeline or the comparison; `q`/Esc goes back there.
    EventReader,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Reader,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Input,
    Date,
    Title,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    ListSearch,
    TimelineSearch,
    ReaderSearch { backward: bool },
    TimelineFilter,
    HelpFilter,
}

impl PromptKind {
    pub fn sigil(self) -> &'static str {
        match self {
            PromptKind::ReaderSearch { backward: true } => "?",
            PromptKind::TimelineFilter => "filter: ",
            PromptKind::HelpFilter => "help /",
            _ => "/",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
}

/// Which list a background search fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SearchTarget {
    List,
    Timeline,
}

/// Results of a background search, tagged with the generation of the query that asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResults {
    pub generation: u64,
    pub target: SearchTarget,
    pub hits: Vec<Hit>,
    /// The search stopped at its limit: there may be more hits than `hits`.
    pub capped: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    pub article: ArticleId,
    /// Char indices of the title matched by the fuzzy search. Boxed: empty for every row of
    /// an unfiltered list (100k of them), where a `Vec` would take 8 bytes a row more.
    pub title_positions: Box<[usize]>,
}

/// A fuzzy filter over a list: the query, whether results for it are still coming, and whether
/// the last results stopped at the search's limit (the count shown is then a floor: `2000+`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FuzzyFilter {
    pub query: String,
    pub pending: bool,
    pub capped: bool,
}

impl FuzzyFilter {
    /// `shown` as a count of matches: `2000+` when the search stopped at its limit.
    pub fn count(&self, shown: usize) -> String {
        if self.capped {
            format!("{shown}+")
        } else {
            shown.to_string()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListState {
    pub sort: Sort,
    pub rows: Vec<ListRow>,
    pub selected: usize,
    pub offset: usize,
    pub filter: Option<FuzzyFilter>,
}

/// Timeline filter from the `f` prompt: `2019..2021 @year src:lemonde words`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TimelineFilter {
    pub text: String,
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub precision: Option<Precision>,
    pub source: Option<String>,
    pub words: Vec<String>,
}

impl TimelineFilter {
    pub fn parse(text: &str) -> TimelineFilter {
        let mut filter = TimelineFilter {
            text: text.trim().to_string(),
            ..TimelineFilter::default()
        };
        let year = |s: &str| -> Option<i32> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        for token in text.split_whitespace() {
            if let Some(name) = token.strip_prefix('@') {
                filter.precision = Precision::parse(&name.to_lowercase());
            } else if let Some(source) = token
                .strip_prefix("src:")
                .or_else(|| token.strip_prefix("source:"))
            {
                filter.source = Some(source.to_lowercase());
            } else if let Some((a, b)) = token.split_once("..") {
                let (from, to) = (year(a), year(b));
                if (from.is_some() || a.is_empty()) && (to.is_some() || b.is_empty()) {
                    filter.from = from;
                    filter.to = to;
                } else {
                    filter.words.push(token.to_string());
                }
            } else if let Some(y) = year(token) {
                filter.from = Some(y);
                filter.to = Some(y);
            } else {
                filter.words.push(token.to_string());
            }
        }
        filter
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn accepts(&self, store: &Store, group: &Group) -> bool {
        if self.from.is_some_and(|from| group.end.year < from)
            || self.to.is_some_and(|to| group.start.year > to)
        {
            return false;
        }
        if self.precision.is_some_and(|p| p != group.precision) {
            return false;
        }
        let mentions = || {
            group.mentions.iter().filter_map(|m| {
                let article = store.articles.get(m.article)?;
                Some((article, article.events().get(m.event)?))
            })
        };
        if let Some(source) = &self.source {
            let hit = mentions().any(|(a, _)| {
                source_name(a).to_lowercase().contains(source.as_str())
                    || a.file_name().to_lowercase().contains(source.as_str())
            });
            if !hit {
                return false;
            }
        }
        if !self.words.is_empty() {
            let case_sensitive = self.words.iter().any(|w| is_case_sensitive(w));
            let fold = |s: &str| {
                if case_sensitive {
                    s.to_string()
                } else {
                    s.to_lowercase()
                }
            };
            let mut hay = fold(&group.label);
            for (article, event) in mentions() {
                hay.push(' ');
                hay.push_str(&fold(article.slice(&event.sentence)));
            }
            if !self.words.iter().all(|w| hay.contains(&fold(w))) {
                return false;
            }
        }
        true
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineState {
    /// Indices into `store.timeline().groups`, in timeline order, after filter and search.
    pub rows: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    pub filter: TimelineFilter,
    pub search: Option<FuzzyFilter>,
    /// Groups matched by the last search results (None: no search applied yet).
    pub matched: Option<HashSet<usize>>,
    /// Which group holds each event.
    pub group_of: HashMap<EventRef, usize>,
    /// Mentions per start year over `rows`, for the histogram strip (kept with the rows so a
    /// frame does not recount them).
    pub per_year: Vec<(i32, usize)>,
    /// Mentions over `rows`.
    pub mentions: usize,
}

/// In-article search, less-style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSearch {
    pub query: String,
    pub backward: bool,
    /// Every hit, in text order, as arena ranges.
    pub hits: Vec<Range<usize>>,
    pub current: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReaderState {
    pub article: ArticleId,
    /// First visible wrapped line.
    pub scroll: usize,
    pub wrapped: Option<Arc<Wrapped>>,
    pub search: Option<ArticleSearch>,
    /// The sentence the timeline jumped to (arena range).
    pub sentence: Option<Range<usize>>,
    /// The event `[`/`]` or the timeline landed on: index in `article.events`.
    pub event: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareState {
    pub group: usize,
    pub selected: usize,
    /// Each mention's sentence wrapped to the view width (arena ranges of its article).
    pub wrapped: Vec<Vec<Range<usize>>>,
    pub width: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HelpState {
    pub filter: String,
    pub scroll: usize,
}

/// Everything the screen shows.
#[derive(Debug, Clone)]
pub struct State {
    pub store: Arc<Store>,
    pub theme: Theme,
    pub keymap: Arc<Keymap>,
    /// Widest text column in the reader (`[reader] measure`).
    pub measure: u16,
    /// How dates are written (`[ui] dates`).
    pub date_style: crate::tui::datefmt::DateStyle,
    /// Articles marked read (opening one marks it); saved between runs.
    pub read: HashSet<ArticleId>,
    /// Read articles are left out of the list.
    pub hide_read: bool,
    /// A one-off message for the status line ("copied via OSC 52"); cleared by the next key.
    pub notice: Option<String>,
    /// What the environment allows for links (opener, SSH, tmux).
    pub links: crate::tui::clipboard::LinkEnv,
    pub size: Rect,
    pub views: Vec<View>,
    pub focus: Pane,
    /// `z`: the articles view shows only the focused pane, full width (the reader then scrolls
    /// with the terminal's scroll region, see `scroll_region`).
    pub zoomed: bool,
    pub list: ListState,
    pub timeline: TimelineState,
    pub reader: ReaderState,
    pub compare: Option<CompareState>,
    pub help: Option<HelpState>,
    pub prompt: Option<Prompt>,
    pub quit: bool,
    /// Bumped on every new background query; results of older ones are dropped.
    pub search_generation: u64,
    /// Loading in the background (progressive start) and reloading (`r`, `--watch`).
    pub live: crate::tui::live::Live,
    wrap_cache: HashMap<(ArticleId, usize), Arc<Wrapped>>,
}

/// Which timeline group each mention belongs to.
pub fn group_of(timeline: &crate::core::timeline::Timeline) -> HashMap<EventRef, usize> {
    timeline
        .groups
        .iter()
        .enumerate()
        .flat_map(|(i, g)| g.mentions.iter().map(move |&m| (m, i)))
        .collect()
}

/// The source as shown: the article's source, else its file name.
pub fn source_name(article: &Article) -> &str {
    article
        .source()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| article.file_name())
}

/// The line under the title: source · author · publication date (as a reader writes it,
/// `≥` for a lower bound) · link.
pub fn metadata_line(article: &Article, dates: crate::tui::datefmt::DateStyle) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(article.source().map(str::to_string));
    parts.extend(article.author().map(str::to_string));
    if let Some(p) = article.published() {
        let bound = if p.bound == crate::core::article::DateBound::AtLeast {
            "≥ "
        } else {
            ""
        };
        parts.push(format!("{bound}{}", dates.show(&p.value)));
    }
    parts.extend(article.source_url().map(str::to_string));
    parts
        .iter()
        .map(|p| crate::core::sanitize::sanitize_line(p).trim().to_string())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The text an event tells, as an arena range: its sentence, and when that sentence is only the
/// date (a chronology entry such as `2019 :` heading the fact it dates), the next block's first
/// sentence too.
pub fn told_range(article: &Article, event: &Event) -> Range<usize> {
    let sentence = article.slice(&event.sentence);
    let only_date = sentence
        .replace(article.slice(&event.span), "")
        .chars()
        .all(|c| !c.is_alphanumeric());
    let next = event
        .block
        .and_then(|b| article.block(b + 1))
        .filter(|next| next.text_range().start >= event.sentence.end);
    match next {
        Some(next) if only_date => {
            let text = article.block_text(&next);
            let end = text
                .match_indices(['.', '!', '?'])
                .map(|(i, m)| i + m.len())
                .find(|&i| {
                    text.get(i..)
                        .is_none_or(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
                })
                .unwrap_or(text.len());
            event.sentence.start..next.text_range().start + end
        }
        _ => event.sentence.clone(),
    }
}

/// Dated mentions the reader can step through with `[`/`]`: placed on a calendar and shown in
/// the reading text.
pub fn is_navigable(event: &Event) -> bool {
    event.is_dated() && event.block.is_some()
}

impl State {
    /// Apply the user's configuration: keys, reader measure, list order. (The theme is built
    /// from it before the state, with `Theme::configured`.)
    pub fn configure(&mut self, config: &crate::config::Config) {
        use crate::config::SortOrder;
        self.keymap = Arc::new(Keymap::default().with_overrides(&config.keys, &config.view_keys));
        if let Some(measure) = config.measure {
            self.measure = measure;
        }
        self.date_style = match config.dates {
            crate::config::DateDisplay::French => crate::tui::datefmt::DateStyle::French,
            crate::config::DateDisplay::English => crate::tui::datefmt::DateStyle::English,
            crate::config::DateDisplay::Iso => crate::tui::datefmt::DateStyle::Iso,
        };
        self.list.sort = match config.sort {
            SortOrder::Input => Sort::Input,
            SortOrder::Date => Sort::Date,
            SortOrder::Title => Sort::Title,
        };
        self.reset_list_rows();
    }

    pub fn new(store: Arc<Store>, theme: Theme) -> State {
        let group_of = group_of(store.timeline());
        let rows = (0..store.articles.len())
            .map(|article| ListRow {
                article,
                title_positions: Box::default(),
            })
            .collect();
        let timeline_rows = (0..store.timeline().groups.len()).collect();
        let mut state = State {
            store,
            theme,
            keymap: Arc::new(Keymap::default()),
            measure: layout::MEASURE,
            date_style: Default::default(),
            read: HashSet::new(),
            hide_read: false,
            notice: None,
            links: crate::tui::clipboard::LinkEnv::default(),
            size: Rect::new(0, 0, 80, 24),
            views: vec![View::Articles],
            focus: Pane::List,
            zoomed: false,
            list: ListState {
                sort: Sort::Input,
                rows,
                selected: 0,
                offset: 0,
                filter: None,
            },
            timeline: TimelineState {
                rows: timeline_rows,
                selected: 0,
                offset: 0,
                filter: TimelineFilter::default(),
                search: None,
                matched: None,
                group_of,
                per_year: Vec::new(),
                mentions: 0,
            },
            reader: ReaderState {
                article: 0,
                scroll: 0,
                wrapped: None,
                search: None,
                sentence: None,
                event: None,
            },
            compare: None,
            help: None,
            prompt: None,
            quit: false,
            search_generation: 0,
            live: crate::tui::live::Live::default(),
            wrap_cache: HashMap::new(),
        };
        state.refilter_timeline();
        state.ensure_layout();
        state
    }

    pub fn view(&self) -> View {
        self.views.last().copied().unwrap_or(View::Articles)
    }

    /// Binding contexts in lookup order.
    pub fn contexts(&self) -> Vec<Context> {
        if self.prompt.is_some() {
            return vec![Context::Prompt];
        }
        if self.help.is_some() {
            return vec![Context::Help];
        }
        let top = match self.view() {
            View::Articles if self.focus == Pane::List => Context::List,
            View::Articles | View::EventReader => Context::Reader,
            View::Timeline => Context::Timeline,
            View::Compare => Context::Compare,
        };
        vec![top, Context::Global]
    }

    /// What `y` copies: in the timeline, the selected event (date, label, source); elsewhere,
    /// the article's link, else its path.
    pub fn link_or_event(&self) -> Option<String> {
        if matches!(self.view(), View::Timeline) {
            let group = self
                .timeline
                .rows
                .get(self.timeline.selected)
                .and_then(|&g| self.store.timeline().groups.get(g))?;
            let mut sources: Vec<&str> = Vec::new();
            for article in group
                .mentions
                .iter()
                .filter_map(|m| self.store.articles.get(m.article))
            {
                let name = source_name(article);
                if !sources.contains(&name) {
                    sources.push(name);
                }
            }
            return Some(format!(
                "{} — {} ({})",
                group.value,
                group.label,
                sources.join(", ")
            ));
        }
        let article = self.article()?;
        Some(
            article
                .source_url()
                .map_or_else(|| article.origin().to_string(), str::to_string),
        )
    }

    pub fn article(&self) -> Option<&Article> {
        self.store.articles.get(self.reader.article)
    }

    pub fn areas(&self) -> Areas {
        let split = match self.view() {
            View::Articles if self.zoomed => Split::Zoomed,
            View::Articles => Split::Panes,
            _ => Split::Single,
        };
        layout::areas(self.size, split, self.focus == Pane::List)
    }

    /// The reader's text column for the current view, if a reader is on screen.
    pub fn reader_column(&self) -> Option<Rect> {
        match self.view() {
            View::Articles | View::EventReader => self
                .areas()
                .reader
                .map(|pane| layout::text_column(pane, self.measure)),
            _ => None,
        }
    }

    /// Visible text lines in the reader.
    pub fn reader_height(&self) -> usize {
        self.reader_column()
            .map_or(1, |r| usize::from(r.height).max(1))
    }

    /// Rows of the list pane (two screen lines per article).
    pub fn list_page(&self) -> usize {
        self.areas()
            .list
            .map_or(1, |r| usize::from(layout::inner(r).height / 2).max(1))
    }

    /// Rows of the timeline (below the histogram strip).
    pub fn timeline_page(&self) -> usize {
        usize::from(layout::inner(self.areas().body).height.saturating_sub(2)).max(1)
    }

    /// Lines of the comparison view (below its header).
    pub fn compare_page(&self) -> usize {
        usize::from(layout::inner(self.areas().body).height.saturating_sub(2)).max(1)
    }

    /// Re-wrap and re-clamp after anything that can change the reader's article or width.
    pub fn ensure_layout(&mut self) {
        if self.view() == View::Articles {
            if let Some(row) = self.list.rows.get(self.list.selected) {
                if row.article != self.reader.article {
                    let id = row.article;
                    self.open_article(id);
                }
            }
        }
        if let Some(column) = self.reader_column() {
            let width = usize::from(column.width).max(8);
            let current = self.reader.wrapped.as_ref();
            let stale =
                current.is_none_or(|w| w.article != self.reader.article || w.width != width);
            if stale {
                // Keep the text at the top of the page in view; the very top stays the top
                // (the title lines have no arena offset to anchor on).
                let anchor = current
                    .filter(|w| w.article == self.reader.article && self.reader.scroll > 0)
                    .and_then(|w| w.offset_at(self.reader.scroll));
                let wrapped = self.wrapped_for(self.reader.article, width);
                if let (Some(anchor), Some(wrapped)) = (anchor, &wrapped) {
                    self.reader.scroll = wrapped.line_of(anchor);
                }
                self.reader.wrapped = wrapped;
            }
        }
        self.clamp_reader();
        self.clamp_list();
        self.clamp_timeline();
        self.relayout_compare();
    }

    fn wrapped_for(&mut self, id: ArticleId, width: usize) -> Option<Arc<Wrapped>> {
        if let Some(w) = self.wrap_cache.get(&(id, width)) {
            return Some(w.clone());
        }
        let article = self.store.articles.get(id)?;
        let meta = metadata_line(article, self.date_style);
        let wrapped = Arc::new(wrap::wrap_article(article, &meta, width));
        // A handful of (article, width) pairs is all a session revisits; drop the rest.
        if self.wrap_cache.len() >= 32 {
            self.wrap_cache.clear();
        }
        self.wrap_cache.insert((id, width), wrapped.clone());
        Some(wrapped)
    }

    pub fn max_scroll(&self) -> usize {
        let lines = self.reader.wrapped.as_ref().map_or(0, |w| w.lines.len());
        lines.saturating_sub(self.reader_height())
    }

    fn clamp_reader(&mut self) {
        if self.reader_column().is_none() {
            return;
        }
        self.reader.scroll = self.reader.scroll.min(self.max_scroll());
    }

    fn clamp_list(&mut self) {
        if self.view() != View::Articles {
            return;
        }
        let len = self.list.rows.len();
        self.list.selected = self.list.selected.min(len.saturating_sub(1));
        let page = self.list_page();
        keep_visible(&mut self.list.offset, self.list.selected, page);
    }

    fn clamp_timeline(&mut self) {
        let len = self.timeline.rows.len();
        self.timeline.selected = self.timeline.selected.min(len.saturating_sub(1));
        let page = self.timeline_page();
        keep_visible(&mut self.timeline.offset, self.timeline.selected, page);
    }

    /// What is worth remembering for the next run on the same collection. Quitting before a
    /// load is over keeps what the previous run saved about articles not loaded yet.
    pub fn saved(&self) -> crate::saved::CollectionState {
        let origin = |id: &ArticleId| self.store.articles.get(*id).map(|a| a.origin().to_string());
        let mut saved = crate::saved::CollectionState {
            read: self.read.iter().filter_map(origin).collect(),
            last_article: origin(&self.reader.article),
            scroll: self.reader.scroll,
        };
        if let Some(earlier) = &self.live.restore {
            let loaded: HashSet<Origin<'_>> =
                self.store.articles.iter().map(Article::origin).collect();
            saved.read.extend(
                earlier
                    .read
                    .iter()
                    .filter(|o| !loaded.contains(&Origin::of(o)))
                    .cloned(),
            );
            if earlier.last_article.is_some() {
                saved.last_article = earlier.last_article.clone();
                saved.scroll = earlier.scroll;
            }
        }
        saved
    }

    /// Drop every cached wrap (the articles behind the ids changed).
    pub(crate) fn forget_wraps(&mut self) {
        self.wrap_cache.clear();
        self.reader.wrapped = None;
    }

    /// Restore a previous run: read marks, the article being read and where.
    pub fn restore_saved(&mut self, saved: &crate::saved::CollectionState) {
        let ids: HashMap<Origin<'_>, ArticleId> = self
            .store
            .articles
            .iter()
            .map(|a| (a.origin(), a.id))
            .collect();
        self.read = saved
            .read
            .iter()
            .filter_map(|origin| ids.get(&Origin::of(origin)).copied())
            .collect();
        let last = saved
            .last_article
            .as_deref()
            .and_then(|o| ids.get(&Origin::of(o)))
            .copied();
        self.reset_list_rows();
        if let Some(id) = last {
            if let Some(row) = self.list.rows.iter().position(|r| r.article == id) {
                self.list.selected = row;
            }
            self.open_article(id);
            self.reader.scroll = saved.scroll;
        }
    }

    pub fn open_article(&mut self, id: ArticleId) {
        if self.reader.article != id {
            self.reader.article = id;
            self.reader.scroll = 0;
            self.reader.wrapped = None;
        }
        self.reader.sentence = None;
        self.reader.event = None;
        if let Some(search) = self.reader.search.take() {
            self.reader.search = Some(self.find_in_article(&search.query, search.backward));
        }
    }

    /// Scroll so the arena byte `offset` is on screen, a third down the page when it was not.
    pub fn scroll_to_offset(&mut self, offset: usize) {
        let Some(wrapped) = &self.reader.wrapped else {
            return;
        };
        let line = wrapped.line_of(offset);
        let height = self.reader_height();
        if line < self.reader.scroll || line >= self.reader.scroll + height {
            self.reader.scroll = line.saturating_sub(height / 3);
        }
        self.clamp_reader();
    }

    /// The arena offset at the top of the reader.
    pub fn top_offset(&self) -> usize {
        self.reader
            .wrapped
            .as_ref()
            .and_then(|w| w.offset_at(self.reader.scroll))
            .unwrap_or(0)
    }

    /// Every hit of `query` in the current article's blocks (smart case).
    pub fn find_in_article(&self, query: &str, backward: bool) -> ArticleSearch {
        let hits = match self.article() {
            Some(article) => find_all(article, query),
            None => Vec::new(),
        };
        ArticleSearch {
            query: query.to_string(),
            backward,
            hits,
            current: None,
        }
    }

    /// Rebuild the timeline rows from the filter and the last search results.
    pub fn refilter_timeline(&mut self) {
        let previous = self.timeline.rows.get(self.timeline.selected).copied();
        let store = self.store.clone();
        let matched = self
            .timeline
            .search
            .as_ref()
            .and(self.timeline.matched.as_ref());
        self.timeline.rows = store
            .timeline()
            .groups
            .iter()
            .enumerate()
            .filter(|(i, g)| {
                matched.is_none_or(|m| m.contains(i)) && self.timeline.filter.accepts(&store, g)
            })
            .map(|(i, _)| i)
            .collect();
        self.timeline.selected = previous
            .and_then(|p| self.timeline.rows.iter().position(|&r| r == p))
            .unwrap_or(0);
        let mut per_year: std::collections::BTreeMap<i32, usize> = Default::default();
        let mut mentions = 0;
        for group in self
            .timeline
            .rows
            .iter()
            .filter_map(|&i| store.timeline().groups.get(i))
        {
            *per_year.entry(group.start.year).or_default() += group.mentions.len();
            mentions += group.mentions.len();
        }
        self.timeline.per_year = per_year.into_iter().collect();
        self.timeline.mentions = mentions;
        self.clamp_timeline();
    }

    /// Rebuild the list rows in the current sort order (no search filter).
    pub fn reset_list_rows(&mut self) {
        let mut ids: Vec<ArticleId> = (0..self.store.articles.len())
            .filter(|id| !(self.hide_read && self.read.contains(id)))
            .collect();
        if self.list.sort == Sort::Date {
            // Newest first; undated articles last, in input order.
            ids.sort_by(|&a, &b| {
                let key = |id: ArticleId| {
                    self.store
                        .articles
                        .get(id)
                        .and_then(|a| a.published())
                        .map(|p| p.value.clone())
                };
                match (key(a), key(b)) {
                    (Some(x), Some(y)) => y.cmp(&x),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => a.cmp(&b),
                }
            });
        } else if self.list.sort == Sort::Title {
            let title = |id: ArticleId| {
                self.store
                    .articles
                    .get(id)
                    .map(|a| a.title().to_lowercase())
                    .unwrap_or_default()
            };
            ids.sort_by_cached_key(|&id| title(id));
        }
        let rows = ids
            .into_iter()
            .map(|article| ListRow {
                article,
                title_positions: Box::default(),
            })
            .collect();
        self.set_list_rows(rows);
    }

    /// Replace the list rows, keeping the selected article selected when it is still there.
    pub fn set_list_rows(&mut self, rows: Vec<ListRow>) {
        let previous = self.list.rows.get(self.list.selected).map(|r| r.article);
        self.list.rows = rows;
        self.list.selected = previous
            .and_then(|p| self.list.rows.iter().position(|r| r.article == p))
            .unwrap_or(0);
        self.list.offset = 0;
        self.ensure_layout();
    }

    /// Take the results of a background search, unless a newer query superseded it.
    pub fn apply_search(&mut self, results: SearchResults) -> bool {
        if results.generation != self.search_generation {
            return false;
        }
        match results.target {
            SearchTarget::List => {
                let Some(filter) = &mut self.list.filter else {
                    return false;
                };
                filter.pending = false;
                filter.capped = results.capped;
                let mut seen = HashSet::new();
                let rows = results
                    .hits
                    .into_iter()
                    .filter(|h| seen.insert(h.article))
                    .map(|h| ListRow {
                        article: h.article,
                        title_positions: h.title_positions.into_boxed_slice(),
                    })
                    .collect();
                self.set_list_rows(rows);
                // The best hit is selected, as in fzf.
                self.list.selected = 0;
                self.ensure_layout();
            }
            SearchTarget::Timeline => {
                let Some(search) = &mut self.timeline.search else {
                    return false;
                };
                search.pending = false;
                let matched = results
                    .hits
                    .iter()
                    .filter_map(|h| {
                        let event = h.event?;
                        self.timeline.group_of.get(&EventRef {
                            article: h.article,
                            event,
                        })
                    })
                    .copied()
                    .collect();
                self.timeline.matched = Some(matched);
                self.refilter_timeline();
            }
        }
        true
    }

    /// (Re)wrap the sentences of the comparison view to its width.
    pub fn relayout_compare(&mut self) {
        let width = usize::from(layout::inner(self.areas().body).width.saturating_sub(4)).max(8);
        let store = self.store.clone();
        let Some(compare) = &mut self.compare else {
            return;
        };
        if compare.width == width && !compare.wrapped.is_empty() {
            return;
        }
        let Some(group) = store.timeline().groups.get(compare.group) else {
            return;
        };
        compare.width = width;
        compare.wrapped = group
            .mentions
            .iter()
            .map(|m| {
                let Some(article) = store.articles.get(m.article) else {
                    return Vec::new();
                };
                let Some(event) = article.events().get(m.event) else {
                    return Vec::new();
                };
                let told = told_range(article, event);
                let sentence = article.slice(&told);
                let base = told.start;
                wrap::wrap_text(sentence, width)
                    .into_iter()
                    .map(|r| base + r.start..base + r.end)
                    .collect()
            })
            .collect();
    }
}

/// Keep `selected` inside the window `[offset, offset + page)`.
pub fn keep_visible(offset: &mut usize, selected: usize, page: usize) {
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + page {
        *offset = selected + 1 - page;
    }
}

/// Smart-case substring search over an article's blocks; hits as arena ranges, in text order.
pub fn find_all(article: &Article, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let case_sensitive = is_case_sensitive(query);
    let needle: String = if case_sensitive {
        query.to_string()
    } else {
        query.chars().flat_map(char::to_lowercase).collect()
    };
    let mut hits = Vec::new();
    for block in article.blocks() {
        let text = article.block_text(&block);
        let base = block.text_range().start;
        if case_sensitive {
            hits.extend(
                text.match_indices(needle.as_str())
                    .map(|(i, m)| base + i..base + i + m.len()),
            );
            continue;
        }
        // Lowercasing can change byte lengths, so keep a map from folded bytes to source bytes.
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            for lower in c.to_lowercase() {
                let before = folded.len();
                folded.push(lower);
                origin.extend(std::iter::repeat_n(i, folded.len() - before));
            }
        }
        origin.push(text.len());
        let source_end = |folded_end: usize| -> usize {
            // End of the source char holding the last matched folded byte.
            let last = origin
                .get(folded_end.saturating_sub(1))
                .copied()
                .unwrap_or(0);
            let len = text
                .get(last..)
                .and_then(|s| s.chars().next())
                .map_or(0, char::len_utf8);
            last + len
        };
        for (i, m) in folded.match_indices(needle.as_str()) {
            let start = origin.get(i).copied().unwrap_or(0);
            let end = source_end(i + m.len());
            hits.push(base + start..base + end);
        }
    }
    hits
}
