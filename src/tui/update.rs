//! `update(&mut State, Action) -> Vec<Effect>`: the only place user intents change the state.
//! Side effects (the background search) are returned as `Effect`s for the event loop to run.

use crate::core::timeline::EventRef;
use crate::tui::action::Action;
use crate::tui::app::{
    is_navigable, keep_visible, told_range, CompareState, FuzzyFilter, HelpState, Pane, Prompt,
    PromptKind, SearchTarget, Sort, State, TimelineFilter, View,
};
use ratatui::layout::Rect;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Run `core::search::search` off the UI thread; results come back as `SearchResults`.
    Search {
        generation: u64,
        target: SearchTarget,
        query: String,
    },
    /// Stop whatever search is running: its results are no longer wanted.
    CancelSearch,
    /// Give the terminal back and stop the process (Ctrl-Z).
    Suspend,
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Open this link with the system opener, or copy it where there is none.
    Open(String),
    /// Load the collection again off the UI thread; the result comes back as `Reloaded`.
    /// `full`: read every file again (`r`); else only what the watcher saw change.
    Reload { full: bool },
    /// Group the events of the loaded store off the UI thread; it comes back as
    /// `TimelineBuilt`.
    BuildTimeline,
}

/// How far a movement goes.
enum Step {
    Lines(isize),
    Top,
    Bottom,
}

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    match action {
        Action::ForceQuit => state.quit = true,
        Action::Suspend => effects.push(Effect::Suspend),
        Action::ToggleRead => {
            if let Some(id) = state.list.rows.get(state.list.selected).map(|r| r.article) {
                if !state.read.remove(&id) {
                    state.read.insert(id);
                }
                if state.hide_read {
                    state.reset_list_rows();
                }
            }
        }
        Action::ToggleHideRead => {
            state.hide_read = !state.hide_read;
            state.reset_list_rows();
            state.notice = Some(if state.hide_read {
                "read articles hidden (H shows them)".into()
            } else {
                "read articles shown".into()
            });
        }
        Action::CopyLink => match state.link_or_event() {
            Some(text) => effects.push(Effect::Copy(text)),
            None => state.notice = Some("nothing to copy here".into()),
        },
        Action::OpenLink => match state
            .article()
            .and_then(|a| a.source_url().map(str::to_string))
        {
            Some(url) => effects.push(Effect::Open(url)),
            None => state.notice = Some("this article names no link".into()),
        },
        Action::Resize { width, height } => state.size = Rect::new(0, 0, width, height),
        Action::Reload => {
            if let Some(reload) = state.want_reload(true) {
                state.notice = Some("reloading…".into());
                effects.push(reload);
            }
        }
        Action::PromptInsert(c) => prompt_edit(state, Some(c), &mut effects),
        Action::PromptBackspace => prompt_edit(state, None, &mut effects),
        Action::PromptAccept => {
            if let Some(prompt) = state.prompt.take() {
                if prompt.text.is_empty() {
                    clear_prompt_target(state, prompt.kind, &mut effects);
                }
            }
        }
        Action::PromptCancel => {
            if let Some(prompt) = state.prompt.take() {
                clear_prompt_target(state, prompt.kind, &mut effects);
            }
        }
        Action::Wheel { column, row, down } => wheel(state, column, row, down),
        Action::Click { column, row } => click(state, column, row),
        _ if state.help.is_some() => help_action(state, action),
        Action::Help => state.help = Some(HelpState::default()),
        Action::Quit => {
            if state.views.len() > 1 {
                pop_view(state);
            } else {
                state.quit = true;
            }
        }
        Action::Back => back(state, &mut effects),
        Action::Up => step(state, Step::Lines(-1)),
        Action::Down => step(state, Step::Lines(1)),
        Action::Top => step(state, Step::Top),
        Action::Bottom => step(state, Step::Bottom),
        Action::HalfPageDown => step(state, Step::Lines(half_page(state))),
        Action::HalfPageUp => step(state, Step::Lines(-half_page(state))),
        Action::PageDown => step(state, Step::Lines(page(state))),
        Action::PageUp => step(state, Step::Lines(-page(state))),
        Action::NextPane | Action::PrevPane => {
            if state.view() == View::Articles {
                state.focus = match state.focus {
                    Pane::List => Pane::Reader,
                    Pane::Reader => Pane::List,
                };
            }
        }
        Action::ToggleZoom => {
            if state.view() == View::Articles {
                state.zoomed = !state.zoomed;
            }
        }
        Action::Open => open(state),
        Action::ToggleTimeline => {
            if state.view() == View::Timeline {
                state.views.truncate(1);
            } else {
                state.views.truncate(1);
                state.views.push(View::Timeline);
            }
            state.compare = None;
        }
        Action::PrevEvent => step_event(state, false),
        Action::NextEvent => step_event(state, true),
        Action::Search => open_search_prompt(state, false),
        Action::SearchBackward => open_search_prompt(state, true),
        Action::NextMatch => next_match(state, true),
        Action::PrevMatch => next_match(state, false),
        Action::Filter => {
            if state.view() == View::Timeline {
                state.prompt = Some(Prompt {
                    kind: PromptKind::TimelineFilter,
                    text: state.timeline.filter.text.clone(),
                });
            }
        }
        Action::ToggleSort => {
            if state.view() == View::Articles && state.list.filter.is_none() {
                state.list.sort = match state.list.sort {
                    Sort::Input => Sort::Date,
                    Sort::Date => Sort::Title,
                    Sort::Title => Sort::Input,
                };
                state.reset_list_rows();
            }
        }
    }
    state.ensure_layout();
    effects
}

fn in_reader(state: &State) -> bool {
    match state.view() {
        View::Articles => state.focus == Pane::Reader,
        View::EventReader => true,
        _ => false,
    }
}

fn page(state: &State) -> isize {
    let rows = match state.view() {
        _ if in_reader(state) => state.reader_height().saturating_sub(1).max(1),
        View::Articles => state.list_page(),
        View::Timeline => state.timeline_page(),
        View::Compare => 1,
        View::EventReader => state.reader_height(),
    };
    isize::try_from(rows).unwrap_or(isize::MAX)
}

fn half_page(state: &State) -> isize {
    (page(state) / 2).max(1)
}

fn moved(current: usize, step: &Step, len: usize) -> usize {
    let last = len.saturating_sub(1);
    match step {
        Step::Top => 0,
        Step::Bottom => last,
        Step::Lines(n) => current.saturating_add_signed(*n).min(last),
    }
}

fn step(state: &mut State, step: Step) {
    if in_reader(state) {
        let max = state.max_scroll();
        state.reader.scroll = moved(state.reader.scroll, &step, max + 1);
        return;
    }
    match state.view() {
        View::Articles => {
            state.list.selected = moved(state.list.selected, &step, state.list.rows.len());
            let page = state.list_page();
            keep_visible(&mut state.list.offset, state.list.selected, page);
        }
        View::Timeline => {
            state.timeline.selected =
                moved(state.timeline.selected, &step, state.timeline.rows.len());
        }
        View::Compare => {
            if let Some(compare) = &mut state.compare {
                let len = compare.wrapped.len();
                compare.selected = moved(compare.selected, &step, len);
            }
        }
        View::EventReader => {}
    }
}

/// Lines one wheel notch moves, as in most terminal programs.
const WHEEL_LINES: isize = 3;

fn contains(area: Rect, column: u16, row: u16) -> bool {
    area.contains(ratatui::layout::Position::new(column, row))
}

/// The articles-view pane under the pointer, if any.
fn pane_at(state: &State, column: u16, row: u16) -> Option<Pane> {
    let areas = state.areas();
    if areas.list.is_some_and(|list| contains(list, column, row)) {
        Some(Pane::List)
    } else if areas
        .reader
        .is_some_and(|reader| contains(reader, column, row))
    {
        Some(Pane::Reader)
    } else {
        None
    }
}

/// The wheel moves what is under the pointer (the help overlay when open), without taking the
/// keyboard focus away from the other pane.
fn wheel(state: &mut State, column: u16, row: u16, down: bool) {
    let lines = if down { WHEEL_LINES } else { -WHEEL_LINES };
    if let Some(help) = &mut state.help {
        help.scroll = help.scroll.saturating_add_signed(lines);
        return;
    }
    let focus = state.focus;
    if state.view() == View::Articles {
        match pane_at(state, column, row) {
            Some(pane) => state.focus = pane,
            None => return,
        }
    }
    step(state, Step::Lines(lines));
    state.focus = focus;
}

/// A click focuses the pane under the pointer and selects the row there; a click on the
/// timeline row already selected opens it, like Enter.
fn click(state: &mut State, column: u16, row: u16) {
    if state.help.is_some() || state.prompt.is_some() {
        return;
    }
    match state.view() {
        View::Articles => match pane_at(state, column, row) {
            Some(Pane::List) => {
                state.focus = Pane::List;
                let inner = state.areas().list.map(crate::tui::layout::inner);
                if let Some(inner) = inner.filter(|inner| contains(*inner, column, row)) {
                    let index = state.list.offset + usize::from((row - inner.y) / 2);
                    if index < state.list.rows.len() {
                        state.list.selected = index;
                    }
                }
            }
            Some(Pane::Reader) => state.focus = Pane::Reader,
            None => {}
        },
        View::Timeline => {
            let rows = crate::tui::layout::inner(state.areas().body);
            let first = rows.y.saturating_add(2);
            if !contains(rows, column, row) || row < first {
                return;
            }
            let index = state.timeline.offset + usize::from(row - first);
            if index == state.timeline.selected {
                open(state);
            } else if index < state.timeline.rows.len() {
                state.timeline.selected = index;
            }
        }
        View::Compare | View::EventReader => {}
    }
}

fn help_action(state: &mut State, action: Action) {
    let Some(help) = &mut state.help else {
        return;
    };
    match action {
        Action::Back | Action::Quit | Action::Help => state.help = None,
        Action::Search => {
            state.prompt = Some(Prompt {
                kind: PromptKind::HelpFilter,
                text: help.filter.clone(),
            })
        }
        Action::Down => help.scroll = help.scroll.saturating_add(1),
        Action::Up => help.scroll = help.scroll.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => help.scroll = help.scroll.saturating_add(10),
        Action::PageUp | Action::HalfPageUp => help.scroll = help.scroll.saturating_sub(10),
        Action::Top => help.scroll = 0,
        // Clamped by the view, which knows how long the help is.
        Action::Bottom => help.scroll = usize::MAX / 2,
        _ => {}
    }
}

fn pop_view(state: &mut State) {
    let popped = state.views.pop();
    if popped == Some(View::Compare) {
        state.compare = None;
    }
    if popped == Some(View::EventReader) {
        state.reader.sentence = None;
    }
    if state.views.is_empty() {
        state.views.push(View::Articles);
    }
}

fn back(state: &mut State, effects: &mut Vec<Effect>) {
    if in_reader(state) && state.reader.search.is_some() {
        state.reader.search = None;
        return;
    }
    match state.view() {
        View::Articles if state.focus == Pane::List && state.list.filter.is_some() => {
            clear_prompt_target(state, PromptKind::ListSearch, effects);
        }
        View::Articles if state.focus == Pane::Reader => state.focus = Pane::List,
        View::Timeline if state.timeline.search.is_some() => {
            clear_prompt_target(state, PromptKind::TimelineSearch, effects);
        }
        View::Timeline if !state.timeline.filter.is_empty() => {
            clear_prompt_target(state, PromptKind::TimelineFilter, effects);
        }
        View::Articles => {}
        _ => pop_view(state),
    }
}

fn open(state: &mut State) {
    match state.view() {
        View::Articles => {
            if state.focus == Pane::List {
                if let Some(row) = state.list.rows.get(state.list.selected) {
                    let id = row.article;
                    state.open_article(id);
                    state.read.insert(id);
                    state.reader.scroll = 0;
                    state.focus = Pane::Reader;
                }
            }
        }
        View::Timeline => {
            let Some(&index) = state.timeline.rows.get(state.timeline.selected) else {
                return;
            };
            let Some(group) = state.store.timeline().groups.get(index) else {
                return;
            };
            if group.mentions.len() > 1 {
                state.compare = Some(CompareState {
                    group: index,
                    selected: 0,
                    wrapped: Vec::new(),
                    width: 0,
                });
                state.views.push(View::Compare);
            } else if let Some(&mention) = group.mentions.first() {
                jump_to_event(state, mention);
            }
        }
        View::Compare => {
            let Some(compare) = &state.compare else {
                return;
            };
            let mention = state
                .store
                .timeline()
                .groups
                .get(compare.group)
                .and_then(|g| g.mentions.get(compare.selected))
                .copied();
            if let Some(mention) = mention {
                jump_to_event(state, mention);
            }
        }
        View::EventReader => {}
    }
}

/// Open the article of an event in the reader with its sentence highlighted and in view.
pub fn jump_to_event(state: &mut State, at: EventRef) {
    let Some(event) = state
        .store
        .articles
        .get(at.article)
        .and_then(|a| a.events().get(at.event))
        .cloned()
    else {
        return;
    };
    state.views.push(View::EventReader);
    state.open_article(at.article);
    let told = state
        .store
        .articles
        .get(at.article)
        .map(|a| told_range(a, &event));
    state.reader.sentence = told;
    state.reader.event = Some(at.event);
    state.ensure_layout();
    state.reader.scroll = 0;
    state.scroll_to_offset(event.sentence.start);
}

/// `[` / `]`: the previous / next dated mention from the current one (or from the top line).
fn step_event(state: &mut State, forward: bool) {
    if !in_reader(state) {
        return;
    }
    let Some(article) = state.article() else {
        return;
    };
    let from = match state.reader.event.and_then(|i| article.events().get(i)) {
        Some(event) => event.span.start,
        None if forward => state.top_offset().saturating_sub(1),
        None => state.top_offset(),
    };
    let candidates = article
        .events()
        .iter()
        .enumerate()
        .filter(|(_, e)| is_navigable(e));
    let found = if forward {
        candidates
            .filter(|(i, e)| {
                e.span.start > from
                    || (state.reader.event.is_none() && e.span.start == from && *i == 0)
            })
            .min_by_key(|(_, e)| e.span.start)
    } else {
        candidates
            .filter(|(_, e)| e.span.start < from)
            .max_by_key(|(_, e)| e.span.start)
    };
    let Some((index, event)) = found else {
        return;
    };
    let (sentence, span_start) = (told_range(article, event), event.span.start);
    state.reader.event = Some(index);
    state.reader.sentence = Some(sentence);
    state.scroll_to_offset(span_start);
}

fn open_search_prompt(state: &mut State, backward: bool) {
    if in_reader(state) {
        state.prompt = Some(Prompt {
            kind: PromptKind::ReaderSearch { backward },
            text: String::new(),
        });
        return;
    }
    if backward {
        return;
    }
    let (kind, text) = match state.view() {
        View::Articles => (
            PromptKind::ListSearch,
            state.list.filter.as_ref().map(|f| f.query.clone()),
        ),
        View::Timeline => (
            PromptKind::TimelineSearch,
            state.timeline.search.as_ref().map(|f| f.query.clone()),
        ),
        _ => return,
    };
    state.prompt = Some(Prompt {
        kind,
        text: text.unwrap_or_default(),
    });
}

/// A prompt's text changed: apply it live (searches run in the background).
fn prompt_edit(state: &mut State, insert: Option<char>, effects: &mut Vec<Effect>) {
    let Some(prompt) = &mut state.prompt else {
        return;
    };
    match insert {
        Some(c) => prompt.text.push(c),
        None => {
            if prompt.text.pop().is_none() {
                // Backspace on an empty prompt closes it, as in less and vim.
                let kind = prompt.kind;
                state.prompt = None;
                clear_prompt_target(state, kind, effects);
                return;
            }
        }
    }
    let (kind, text) = (prompt.kind, prompt.text.clone());
    match kind {
        PromptKind::ListSearch | PromptKind::TimelineSearch => {
            let target = if kind == PromptKind::ListSearch {
                SearchTarget::List
            } else {
                SearchTarget::Timeline
            };
            if text.trim().is_empty() {
                clear_prompt_target(state, kind, effects);
                return;
            }
            state.search_generation += 1;
            // Until its results come, the list shows the previous query's: so does the count.
            let previous = match target {
                SearchTarget::List => state.list.filter.as_ref(),
                SearchTarget::Timeline => state.timeline.search.as_ref(),
            };
            let filter = FuzzyFilter {
                query: text.clone(),
                pending: true,
                capped: previous.is_some_and(|f| f.capped),
            };
            match target {
                SearchTarget::List => state.list.filter = Some(filter),
                SearchTarget::Timeline => state.timeline.search = Some(filter),
            }
            effects.push(Effect::Search {
                generation: state.search_generation,
                target,
                query: text,
            });
        }
        PromptKind::TimelineFilter => {
            state.timeline.filter = TimelineFilter::parse(&text);
            state.refilter_timeline();
        }
        PromptKind::HelpFilter => {
            if let Some(help) = &mut state.help {
                help.filter = text;
                help.scroll = 0;
            }
        }
        PromptKind::ReaderSearch { backward } => {
            let mut search = state.find_in_article(&text, backward);
            // Incremental: the first hit from the top of the page in the search direction.
            let top = state.top_offset();
            search.current = if backward {
                search.hits.iter().rposition(|h| h.start < top)
            } else {
                search.hits.iter().position(|h| h.start >= top)
            }
            .or(if search.hits.is_empty() {
                None
            } else {
                Some(0)
            });
            let at = search
                .current
                .and_then(|i| search.hits.get(i))
                .map(|h| h.start);
            state.reader.search = Some(search);
            if let Some(at) = at {
                state.scroll_to_offset(at);
            }
        }
    }
}

/// Clear what a prompt of this kind controls (Esc, or an emptied prompt).
fn clear_prompt_target(state: &mut State, kind: PromptKind, effects: &mut Vec<Effect>) {
    match kind {
        PromptKind::ListSearch => {
            if state.list.filter.take().is_some() {
                state.search_generation += 1;
                effects.push(Effect::CancelSearch);
                state.reset_list_rows();
            }
        }
        PromptKind::TimelineSearch => {
            if state.timeline.search.take().is_some() {
                state.search_generation += 1;
                effects.push(Effect::CancelSearch);
            }
            state.timeline.matched = None;
            state.refilter_timeline();
        }
        PromptKind::TimelineFilter => {
            state.timeline.filter = TimelineFilter::default();
            state.refilter_timeline();
        }
        PromptKind::HelpFilter => {
            if let Some(help) = &mut state.help {
                help.filter.clear();
            }
        }
        PromptKind::ReaderSearch { .. } => state.reader.search = None,
    }
}

/// `n` / `N`: in the reader, the next hit in the search direction (less); in lists, the next row.
fn next_match(state: &mut State, same_direction: bool) {
    if in_reader(state) {
        let top = state.top_offset();
        let Some(search) = &mut state.reader.search else {
            return;
        };
        let len = search.hits.len();
        if len == 0 {
            return;
        }
        let forward = same_direction != search.backward;
        let next = match search.current {
            Some(i) if forward => (i + 1) % len,
            Some(i) => (i + len - 1) % len,
            None if forward => search.hits.iter().position(|h| h.start >= top).unwrap_or(0),
            None => search
                .hits
                .iter()
                .rposition(|h| h.start < top)
                .unwrap_or(len - 1),
        };
        search.current = Some(next);
        let at = search.hits.get(next).map(|h| h.start);
        if let Some(at) = at {
            state.scroll_to_offset(at);
        }
        return;
    }
    step(state, Step::Lines(if same_direction { 1 } else { -1 }));
}
