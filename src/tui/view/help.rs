//! The `?` overlay, generated from the keymap; `/` filters it.

use crate::tui::app::State;
use crate::tui::layout;
use crate::tui::view::{is_empty, pane};
use crate::tui::wrap::truncate;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// The help text, filtered: section titles and `keys  description` rows.
pub fn help_lines(state: &State, filter: &str) -> Vec<(bool, String, String)> {
    let needle = filter.to_lowercase();
    let mut out = Vec::new();
    for (title, rows) in state.keymap.help_sections() {
        let rows: Vec<_> = rows
            .into_iter()
            .filter(|(keys, desc)| {
                needle.is_empty()
                    || keys.to_lowercase().contains(&needle)
                    || desc.to_lowercase().contains(&needle)
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push((false, String::new(), String::new()));
        }
        out.push((true, title.to_string(), String::new()));
        out.extend(rows.into_iter().map(|(k, d)| (false, k, d.to_string())));
    }
    out
}

pub fn render(frame: &mut Frame, state: &State, area: Rect) {
    let Some(help) = &state.help else {
        return;
    };
    let theme = &state.theme;
    let popup = layout::popup(area, 80, 40, 10);
    frame.render_widget(Clear, popup);
    let title = if help.filter.is_empty() {
        " Help — / filters, q closes ".to_string()
    } else {
        format!(" Help — filter: {} ", help.filter)
    };
    frame.render_widget(pane(theme, title, true), popup);
    let inner = layout::inner(popup);
    if is_empty(inner) {
        return;
    }
    let rows = help_lines(state, &help.filter);
    let key_width = rows
        .iter()
        .filter(|r| !r.0)
        .map(|r| r.1.width())
        .max()
        .unwrap_or(0)
        .min(usize::from(inner.width) / 2);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let scroll = help.scroll.min(rows.len().saturating_sub(height));
    let lines: Vec<Line> = if rows.is_empty() {
        vec![Line::from(Span::styled("no key matches", theme.dim))]
    } else {
        rows.iter()
            .skip(scroll)
            .take(height)
            .map(|(is_title, keys, desc)| {
                if *is_title {
                    Line::from(Span::styled(truncate(keys, width), theme.heading))
                } else if keys.is_empty() {
                    Line::from("")
                } else {
                    let pad = key_width.saturating_sub(keys.width());
                    let keys = format!("  {}{}  ", truncate(keys, key_width), " ".repeat(pad));
                    let room = width.saturating_sub(keys.width());
                    Line::from(vec![
                        Span::styled(keys, theme.hint_key),
                        Span::raw(truncate(desc, room)),
                    ])
                }
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), inner);
}
