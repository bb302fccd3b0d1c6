//! The store changing under a running reader: a large folder arriving batch by batch
//! (progressive start), and a reload (`r`, `--watch`) replacing it. The threads that load
//! send plain data (`LoadUpdate`, `Reloaded`); the methods here merge it into the `State`,
//! keeping the selection on the same article and the reading position.

use crate::core::article::{Article, ArticleId, Origin};
use crate::core::load::{Batch, Problem};
use crate::core::store::{Changes, Store};
use crate::core::timeline::Timeline;
use crate::saved::CollectionState;
use crate::tui::app::{ListRow, SearchResults, Sort, State, View};
use crate::tui::update::Effect;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// One batch of a progressive load, as the loader thread sends it.
#[derive(Debug)]
pub struct LoadUpdate {
    pub batch: Batch,
    /// Since the load started.
    pub elapsed: Duration,
}

/// A finished reload, as the reload thread sends it.
#[derive(Debug)]
pub struct Reloaded {
    pub store: Store,
    pub changes: Changes,
    pub problems: Vec<Problem>,
}

/// Where loading and reloading are.
#[derive(Debug, Clone, Default)]
pub struct Live {
    /// Units of work done and in all, and the time taken, while a progressive load runs.
    pub progress: Option<Progress>,
    /// Problems met by the last load or reload: summed up on the status line, printed on
    /// stderr when the reader quits.
    pub problems: Vec<Problem>,
    /// Bumped whenever the store changes; the search worker rebuilds its index on a new one.
    pub store_version: u64,
    /// A reload is running.
    pub reloading: bool,
    /// A reload asked for while a load or reload ran, started when it is over; `Some(true)`:
    /// a full one (`r`).
    pub reload_again: Option<bool>,
    /// The collection can be reloaded (not stdin).
    pub reloadable: bool,
    /// The articles changed while the current view's search ran: ask again when it answers.
    pub search_stale: bool,
    /// Articles that arrived while the store was shared with a background search; they are
    /// appended at the next chance (`flush`).
    arrived: Vec<Article>,
    /// The load is over but its last articles are still in `arrived`.
    finish_pending: bool,
    /// The timeline of the finished load, built and waiting for the store to be free.
    timeline_waiting: Option<Box<Timeline>>,
    /// What the previous run saved, applied as its articles arrive; `last_article` is cleared
    /// once applied (or once the user moved first).
    pub restore: Option<CollectionState>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub elapsed: Duration,
}

impl Live {
    pub fn loading(&self) -> bool {
        self.progress.is_some()
    }

    /// Work left that only needs the store to be free again (see `State::flush_arrived`).
    pub fn has_waiting(&self) -> bool {
        !self.arrived.is_empty() || self.finish_pending || self.timeline_waiting.is_some()
    }
}

/// `12345` as `12 345`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

impl Progress {
    /// `loading 42%` (`loading…` while the folders are walked)
    pub fn short(&self) -> String {
        if self.total == 0 {
            return "loading…".into();
        }
        format!("loading {}%", self.done * 100 / self.total)
    }

    /// `loading 4 210/10 000 · 31 000 files/s` (`loading…` while the folders are walked)
    pub fn line(&self) -> String {
        if self.total == 0 {
            return "loading…".into();
        }
        let seconds = self.elapsed.as_secs_f64();
        let mut line = format!("loading {}/{}", grouped(self.done), grouped(self.total));
        if seconds > 0.0 && self.done > 0 {
            // Rounded to three figures: the rate is a feel for speed, not a measure.
            let rate = self.done as f64 / seconds;
            let magnitude = 10f64.powi((rate.log10().floor() as i32 - 2).max(0));
            let rate = ((rate / magnitude).round() * magnitude) as usize;
            line.push_str(&format!(" · {} files/s", grouped(rate)));
        }
        line
    }
}

impl State {
    /// The collection is about to stream in: an empty store, progress shown from the start,
    /// and what the previous run saved applied as its articles arrive.
    pub fn start_loading(&mut self, restore: Option<CollectionState>) {
        self.live.progress = Some(Progress {
            done: 0,
            total: 0,
            elapsed: Duration::ZERO,
        });
        self.live.restore = restore;
    }

    /// Take a batch of the progressive load. Returns the effects to run (a search typed
    /// during the load is run again over the new articles).
    pub fn take_batch(&mut self, update: LoadUpdate) -> Vec<Effect> {
        let LoadUpdate { batch, elapsed } = update;
        let finished = batch.done >= batch.total;
        self.live.progress = Some(Progress {
            done: batch.done,
            total: batch.total,
            elapsed,
        });
        self.live.problems.extend(batch.problems);
        self.live.arrived.extend(batch.articles);
        self.live.finish_pending |= finished;
        self.flush_arrived()
    }

    /// Move the articles that arrived into the store, when no background search shares it.
    /// (A search holds the store only while it runs, so the loop retries shortly.)
    pub fn flush_arrived(&mut self) -> Vec<Effect> {
        if !self.live.has_waiting() {
            return Vec::new();
        }
        let Some(store) = Arc::get_mut(&mut self.store) else {
            return Vec::new();
        };
        let mut effects = Vec::new();
        if let Some(timeline) = self.live.timeline_waiting.take() {
            store.set_timeline(*timeline);
            self.timeline_changed();
            return effects;
        }
        if let Some(progress) = &self.live.progress {
            store.reserve_total(progress.total);
        }
        let first = store.articles.len();
        store.append(std::mem::take(&mut self.live.arrived));
        let finished = std::mem::take(&mut self.live.finish_pending);
        let added = first..store.articles.len();
        self.live.store_version += 1;
        let last_read = self.restore_arrived(added.clone());
        if self.list.filter.is_none() && self.list.sort == Sort::Input {
            // Input order: the new articles go at the end; selection and scroll stay.
            let rows = added
                .filter(|id| !(self.hide_read && self.read.contains(id)))
                .map(|article| ListRow {
                    article,
                    title_positions: Box::default(),
                });
            if let Some(progress) = &self.live.progress {
                // One row an article at most: sized once, like the store.
                let wanted = progress.total.saturating_sub(self.list.rows.len());
                self.list.rows.reserve_exact(wanted);
            }
            self.list.rows.extend(rows);
            self.ensure_layout();
        } else if self.list.filter.is_none() {
            self.reset_list_rows();
        }
        if let Some((id, scroll)) = last_read {
            self.reopen_where_left(id, scroll);
        }
        if finished {
            self.live.progress = None;
            self.live.restore = None;
            // Nothing at all: the caller says so and exits as for any empty collection.
            self.quit |= self.store.articles.is_empty();
            // Grouping the events of a large collection takes a while: off the UI thread.
            effects.push(Effect::BuildTimeline);
        }
        effects.extend(self.search_again(false));
        effects
    }

    /// The timeline built off the UI thread for the finished load (store `version`); dropped
    /// if a reload replaced that store meanwhile (the new one has its own).
    pub fn take_timeline(&mut self, timeline: Timeline, version: u64) -> Vec<Effect> {
        if version != self.live.store_version {
            return Vec::new();
        }
        self.live.timeline_waiting = Some(Box::new(timeline));
        self.flush_arrived()
    }

    /// Apply the saved read marks to the articles just arrived; returns the saved last
    /// article and its scroll if it is among them.
    fn restore_arrived(&mut self, added: std::ops::Range<ArticleId>) -> Option<(ArticleId, usize)> {
        let saved = self.live.restore.as_mut()?;
        let mut last = None;
        for id in added {
            let Some(article) = self.store.articles.get(id) else {
                continue;
            };
            if saved.read.contains(article.origin().to_str().as_ref()) {
                self.read.insert(id);
            }
            if saved
                .last_article
                .as_deref()
                .is_some_and(|last| article.origin() == last)
            {
                last = Some((id, saved.scroll));
                saved.last_article = None;
            }
        }
        last
    }

    /// Select and open the article the previous run ended on, at its line, unless the user
    /// has moved meanwhile: their choice wins.
    fn reopen_where_left(&mut self, id: ArticleId, scroll: usize) {
        let untouched = self.list.selected == 0
            && self.reader.scroll == 0
            && self.list.filter.is_none()
            && self.view() == View::Articles;
        if !untouched {
            return;
        }
        if let Some(row) = self.list.rows.iter().position(|r| r.article == id) {
            self.list.selected = row;
        }
        self.open_article(id);
        self.ensure_layout();
        self.reader.scroll = scroll;
        self.ensure_layout();
    }

    /// The search of the current view (list filter or timeline search), asked again because
    /// the articles changed. One in flight is not cancelled (batches can come faster than a
    /// search over everything ends): it is marked stale and asked again when it answers.
    fn search_again(&mut self, force: bool) -> Vec<Effect> {
        use crate::tui::app::SearchTarget;
        let (target, filter) = match self.view() {
            View::Timeline | View::Compare => {
                (SearchTarget::Timeline, self.timeline.search.as_mut())
            }
            View::Articles | View::EventReader => (SearchTarget::List, self.list.filter.as_mut()),
        };
        let Some(filter) = filter else {
            return Vec::new();
        };
        if filter.pending && !force {
            self.live.search_stale = true;
            return Vec::new();
        }
        filter.pending = true;
        let query = filter.query.clone();
        self.live.search_stale = false;
        self.search_generation += 1;
        vec![Effect::Search {
            generation: self.search_generation,
            target,
            query,
        }]
    }

    /// Results of a background search: applied if still wanted (see `apply_search`), and the
    /// same query asked again if the articles changed while it ran. Returns whether the
    /// screen changed, and the effects to run.
    pub fn search_done(&mut self, results: SearchResults) -> (bool, Vec<Effect>) {
        let applied = self.apply_search(results);
        // The worker let go of the store before answering: add what arrived meanwhile first,
        // or the search asked next would hold the store again and starve the load.
        let version = self.live.store_version;
        let mut effects = self.flush_arrived();
        let flushed = self.live.store_version != version;
        if applied && std::mem::take(&mut self.live.search_stale) && effects.is_empty() {
            effects = self.search_again(true);
        }
        (applied || flushed, effects)
    }

    /// The timeline groups changed: rebuild what the timeline view derives from them.
    fn timeline_changed(&mut self) {
        self.timeline.group_of = crate::tui::app::group_of(self.store.timeline());
        self.timeline.matched = None;
        self.refilter_timeline();
    }

    /// Ask for a reload: `full` (`r`) reads every file again, else only what the watcher saw
    /// change. Returns the effect that starts it now, or `None` when it must wait for the load
    /// or reload running (it is remembered) or cannot be done.
    pub fn want_reload(&mut self, full: bool) -> Option<Effect> {
        if !self.live.reloadable {
            self.notice = Some("standard input cannot be reloaded".into());
            return None;
        }
        if self.live.loading() || self.live.reloading {
            let earlier = self.live.reload_again.unwrap_or(false);
            self.live.reload_again = Some(earlier || full);
            return None;
        }
        self.live.reloading = true;
        Some(Effect::Reload { full })
    }

    /// Put a reloaded store in place of the current one: the same article stays selected and
    /// open at the same line (matched by origin), read marks follow their articles, searches
    /// run again, and the status line says what changed.
    pub fn replace_store(&mut self, reloaded: Reloaded) -> Vec<Effect> {
        let Reloaded {
            store,
            changes,
            problems,
        } = reloaded;
        let origin_of = |state: &State, id: ArticleId| {
            state.store.articles.get(id).map(|a| a.origin().to_string())
        };
        let selected = self
            .list
            .rows
            .get(self.list.selected)
            .and_then(|r| origin_of(self, r.article));
        let reading = origin_of(self, self.reader.article);
        let scroll = self.reader.scroll;
        let selected_row = self.list.selected;
        let read: Vec<String> = self
            .read
            .iter()
            .filter_map(|&id| origin_of(self, id))
            .collect();

        let ids: HashMap<Origin<'_>, ArticleId> = store
            .articles
            .iter()
            .enumerate()
            .map(|(id, a)| (a.origin(), id))
            .collect();
        let find = |origin: Option<&String>| origin.and_then(|o| ids.get(&Origin::of(o)).copied());
        let new_selected = find(selected.as_ref());
        let new_reading = find(reading.as_ref());
        self.read = read.iter().filter_map(|o| find(Some(o))).collect();
        drop(ids);

        self.store = Arc::new(store);
        self.live.store_version += 1;
        self.live.problems = problems;
        self.forget_wraps();
        // Views showing a timeline group or an event may point at what is gone: back to the
        // timeline, which is rebuilt below.
        if matches!(self.view(), View::Compare | View::EventReader) {
            self.views.truncate(1);
            self.views.push(View::Timeline);
        }
        self.compare = None;
        self.reader.search = None;
        self.reader.sentence = None;
        self.reader.event = None;

        // An id that no longer exists must not linger as "the article being read".
        self.reader.article = new_reading.unwrap_or(usize::MAX);
        self.list.rows.clear();
        self.reset_list_rows();
        self.list.selected = match new_selected {
            Some(id) => self
                .list
                .rows
                .iter()
                .position(|r| r.article == id)
                .unwrap_or(0),
            None => selected_row.min(self.list.rows.len().saturating_sub(1)),
        };
        if let Some(id) = new_reading {
            self.open_article(id);
            self.ensure_layout();
            self.reader.scroll = scroll;
        }
        self.ensure_layout();

        self.timeline_changed();
        let mut effects = self.search_again(true);
        self.live.reloading = false;
        // A burst of file events can bring a second reload that finds nothing new: keep
        // saying what the first one found.
        let said_changes = self
            .notice
            .as_deref()
            .is_some_and(|n| n.starts_with("reloaded: ") && n != changes_line(&Changes::default()));
        if !(changes.is_empty() && said_changes) {
            self.notice = Some(changes_line(&changes));
        }
        effects.extend(self.reload_if_asked());
        effects
    }

    /// The load or a reload is over: start the reload asked for meanwhile, if any.
    pub fn reload_if_asked(&mut self) -> Vec<Effect> {
        if self.live.loading() || self.live.reloading {
            return Vec::new();
        }
        match self.live.reload_again.take() {
            Some(full) => self.want_reload(full).into_iter().collect(),
            None => Vec::new(),
        }
    }
}

/// `reloaded: 1 changed, 2 added, 1 removed`
pub fn changes_line(changes: &Changes) -> String {
    if changes.is_empty() {
        return "reloaded: no change".into();
    }
    let mut parts = Vec::new();
    for (count, what) in [
        (changes.changed, "changed"),
        (changes.added, "added"),
        (changes.removed, "removed"),
    ] {
        if count > 0 {
            parts.push(format!("{count} {what}"));
        }
    }
    format!("reloaded: {}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(4210), "4 210");
        assert_eq!(grouped(100000), "100 000");
        assert_eq!(grouped(1234567), "1 234 567");
    }

    #[test]
    fn progress_line_shows_counts_and_a_rounded_rate() {
        let progress = Progress {
            done: 4210,
            total: 10000,
            elapsed: Duration::from_millis(135),
        };
        // 4210 / 0.135 s = 31 185 files/s, shown to three figures.
        assert_eq!(progress.line(), "loading 4 210/10 000 · 31 200 files/s");
        assert_eq!(progress.short(), "loading 42%");
    }

    #[test]
    fn changes_line_names_only_what_happened() {
        let changes = Changes {
            changed: 1,
            added: 2,
            removed: 1,
        };
        assert_eq!(
            changes_line(&changes),
            "reloaded: 1 changed, 2 added, 1 removed"
        );
        let added = Changes {
            added: 1,
            ..Changes::default()
        };
        assert_eq!(changes_line(&added), "reloaded: 1 added");
        assert_eq!(changes_line(&Changes::default()), "reloaded: no change");
    }
}
