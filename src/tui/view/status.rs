//! The status line: what is shown (counts, filter, search counter) on the left, the hint bar
//! generated from the keymap on the right.

use crate::tui::app::{source_name, Pane, State, View};
use crate::tui::view::search;
use crate::tui::wrap::truncate;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// The left part of the status line.
pub fn info(state: &State) -> String {
    let mut parts: Vec<String> = Vec::new();
    let reader_search = || {
        state.reader.search.as_ref().map(|s| {
            let sigil = if s.backward { "?" } else { "/" };
            match s.current {
                _ if s.hits.is_empty() => format!("{sigil}{}: no match", s.query),
                Some(i) => format!("{sigil}{} {}/{}", s.query, i + 1, s.hits.len()),
                None => format!("{sigil}{} {} hits", s.query, s.hits.len()),
            }
        })
    };
    match state.view() {
        View::Articles => {
            let total = state.store.articles.len();
            match &state.list.filter {
                Some(f) => parts.push(format!(
                    "/{} {}/{total} articles{}",
                    f.query,
                    f.count(state.list.rows.len()),
                    if f.pending { " …" } else { "" }
                )),
                None if state.live.loading() => {}
                None if total == 1 => parts.push("1 article".to_string()),
                None => parts.push(format!("{total} articles")),
            }
            parts.extend(load_parts(state));
            if state.focus == Pane::Reader {
                parts.extend(reader_search());
            }
        }
        View::Timeline | View::Compare => {
            let groups = state.store.timeline().groups.len();
            parts.push(format!("{}/{groups} dates", state.timeline.rows.len()));
            if !state.timeline.filter.is_empty() {
                parts.push(format!("filter: {}", state.timeline.filter.text));
            }
            if let Some(s) = &state.timeline.search {
                parts.push(format!("/{}{}", s.query, if s.pending { " …" } else { "" }));
            }
        }
        View::EventReader => {
            if let Some(article) = state.article() {
                if let Some(event) = state.reader.event.and_then(|i| article.events().get(i)) {
                    parts.push(format!(
                        "{} · {}",
                        state.date_style.show(&event.normalized),
                        source_name(article)
                    ));
                }
            }
            parts.extend(reader_search());
        }
    }
    parts.join("  ")
}

/// While loading, the progress; after, how many files could not be loaded (their lines are
/// printed on stderr when the reader quits).
fn load_parts(state: &State) -> Option<String> {
    if let Some(progress) = &state.live.progress {
        // Beside a search's counts, the short form keeps the status line within 80 columns.
        if state.list.filter.is_some() {
            return Some(progress.short());
        }
        return Some(progress.line());
    }
    match state.live.problems.len() {
        0 => None,
        1 => Some("1 load problem (shown on exit)".into()),
        n => Some(format!("{n} load problems (shown on exit)")),
    }
}

pub fn render(frame: &mut Frame, state: &State, area: Rect) {
    if area.height == 0 {
        return;
    }
    if let Some(prompt) = &state.prompt {
        search::render(frame, state, prompt, area);
        return;
    }
    let theme = &state.theme;
    let width = usize::from(area.width);
    let info = match &state.notice {
        Some(notice) => crate::core::sanitize::sanitize_line(notice).into_owned(),
        None => crate::core::sanitize::sanitize_line(&info(state)).into_owned(),
    };
    let hints = state.keymap.hints(&state.contexts());
    let mut hint_spans = Vec::new();
    let mut hint_width = 0;
    for (key, word) in hints {
        let piece = format!("{key} {word}");
        let needed = piece.width() + if hint_spans.is_empty() { 0 } else { 2 };
        // Hints go first when the line is short: the counts are also in the pane titles.
        if hint_width + needed > width.saturating_sub(info.width().min(width / 2) + 1) {
            break;
        }
        if !hint_spans.is_empty() {
            hint_spans.push(Span::raw("  "));
        }
        hint_spans.push(Span::styled(key, theme.hint_key));
        hint_spans.push(Span::raw(format!(" {word}")));
        hint_width += needed;
    }
    let room = width.saturating_sub(hint_width + 1);
    let left = truncate(&info, room);
    let pad = width.saturating_sub(left.width() + hint_width);
    let mut spans = vec![Span::styled(left, theme.status), Span::raw(" ".repeat(pad))];
    spans.extend(hint_spans);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
