//! The prompt line (search, filter), drawn over the status line while it is open.

use crate::tui::app::{Prompt, State};
use crate::tui::wrap::truncate;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

pub fn render(frame: &mut Frame, state: &State, prompt: &Prompt, area: Rect) {
    let theme = &state.theme;
    let hint = "  Enter keep · Esc clear";
    let width = usize::from(area.width);
    let sigil = prompt.kind.sigil();
    let room = width.saturating_sub(sigil.width() + 1);
    // Show the end of a long query: that is where the cursor is.
    let text = if prompt.text.width() > room {
        let skip = prompt.text.width() - room;
        let mut used = 0;
        let start = prompt
            .text
            .char_indices()
            .find(|(_, c)| {
                used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                used > skip
            })
            .map_or(prompt.text.len(), |(i, _)| i);
        prompt.text.get(start..).unwrap_or("").to_string()
    } else {
        prompt.text.clone()
    };
    let used = sigil.width() + text.width();
    let mut spans = vec![Span::styled(sigil, theme.hint_key), Span::raw(text)];
    if used + hint.width() < width {
        let pad = width - used - hint.width();
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(truncate(hint, width), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    let x = area
        .x
        .saturating_add(u16::try_from(used).unwrap_or(u16::MAX))
        .min(area.right().saturating_sub(1));
    frame.set_cursor_position(Position { x, y: area.y });
}
