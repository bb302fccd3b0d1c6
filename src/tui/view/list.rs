//! The article list: title (matched characters highlighted), then date and source.

use crate::core::article::{Article, DateBound};
use crate::core::sanitize::sanitize_line;
use crate::tui::app::{source_name, ListRow, Pane, Sort, State};
use crate::tui::datefmt::DateStyle;
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::view::{is_empty, pane};
use crate::tui::wrap::truncate;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub fn render(frame: &mut Frame, state: &State, area: Rect) {
    let total = state.store.articles.len();
    let shown = state.list.rows.len();
    let mut title = match &state.list.filter {
        Some(filter) => format!(" Articles {}/{total} ", filter.count(shown)),
        None => format!(" Articles {total} "),
    };
    match state.list.sort {
        Sort::Date => title.push_str("by date "),
        Sort::Title => title.push_str("by title "),
        Sort::Input => {}
    }
    let focused = state.focus == Pane::List && state.prompt.is_none();
    frame.render_widget(pane(&state.theme, title, focused), area);
    let inner = layout::inner(area);
    if is_empty(inner) {
        return;
    }
    if state.list.rows.is_empty() {
        let text = if state.list.filter.as_ref().is_some_and(|f| f.pending) {
            "searching…"
        } else if state.live.loading() {
            "loading…"
        } else {
            "no match"
        };
        frame.render_widget(Paragraph::new(Span::styled(text, state.theme.dim)), inner);
        return;
    }
    let page = usize::from(inner.height / 2).max(1);
    let width = usize::from(inner.width);
    for (slot, (index, row)) in state
        .list
        .rows
        .iter()
        .enumerate()
        .skip(state.list.offset)
        .take(page)
        .enumerate()
    {
        let Some(article) = state.store.articles.get(row.article) else {
            continue;
        };
        let y = inner.y + u16::try_from(slot * 2).unwrap_or(u16::MAX);
        if y >= inner.bottom() {
            break;
        }
        let rect = Rect {
            y,
            height: 2.min(inner.bottom() - y),
            ..inner
        };
        let mut title = title_line(&state.theme, article, row, width);
        if state.read.contains(&row.article) {
            title = title.style(state.theme.dim);
        }
        let lines = vec![
            title,
            Line::from(Span::styled(
                truncate(&detail(article, state.date_style), width),
                state.theme.dim,
            )),
        ];
        frame.render_widget(Paragraph::new(lines), rect);
        if index == state.list.selected {
            frame.buffer_mut().set_style(rect, state.theme.selection);
        }
    }
}

/// `19 févr. 2025 · Le Monde` (a lower bound is written `≥`).
fn detail(article: &Article, dates: DateStyle) -> String {
    let mut parts = Vec::new();
    if let Some(p) = article.published() {
        let bound = if p.bound == DateBound::AtLeast {
            "≥"
        } else {
            ""
        };
        parts.push(format!("{bound}{}", dates.show(&p.value)));
    }
    parts.push(sanitize_line(source_name(article)).into_owned());
    format!("  {}", parts.join(" · "))
}

/// The title cut to `width` columns on grapheme clusters, matched characters highlighted.
pub fn title_line<'a>(theme: &Theme, article: &Article, row: &ListRow, width: usize) -> Line<'a> {
    highlighted(
        &sanitize_line(article.title()),
        &row.title_positions,
        width,
        Style::default(),
        theme.matched,
    )
}

/// `text` cut to `width` columns (with `…`), chars at `positions` (char indices) in `matched`.
pub fn highlighted<'a>(
    text: &str,
    positions: &[usize],
    width: usize,
    base: Style,
    matched: Style,
) -> Line<'a> {
    let fits = text.width() <= width;
    let room = if fits { width } else { width.saturating_sub(1) };
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    let mut used = 0;
    let mut char_index = 0;
    for grapheme in text.graphemes(true) {
        let g_width = grapheme.width();
        if used + g_width > room {
            break;
        }
        used += g_width;
        let chars = grapheme.chars().count();
        let is_matched =
            (char_index..char_index + chars).any(|i| positions.binary_search(&i).is_ok());
        char_index += chars;
        if is_matched != run_matched && !run.is_empty() {
            let style = if run_matched { matched } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = is_matched;
        run.push_str(grapheme);
    }
    if !run.is_empty() {
        let style = if run_matched { matched } else { base };
        spans.push(Span::styled(run, style));
    }
    if !fits && width > 0 {
        spans.push(Span::styled("…", base));
    }
    Line::from(spans)
}
