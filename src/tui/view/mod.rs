//! Pure renders of `State`: nothing here changes state, wraps articles or runs searches.

pub mod help;
pub mod list;
pub mod reader;
pub mod search;
pub mod status;
pub mod timeline;

use crate::tui::app::{State, View};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, state: &State) {
    let areas = state.areas();
    match state.view() {
        View::Articles => {
            if let Some(area) = areas.list {
                list::render(frame, state, area);
            }
            if let Some(area) = areas.reader {
                reader::render(frame, state, area);
            }
        }
        View::EventReader => reader::render(frame, state, areas.body),
        View::Timeline => timeline::render(frame, state, areas.body),
        View::Compare => timeline::render_compare(frame, state, areas.body),
    }
    status::render(frame, state, areas.status);
    if state.help.is_some() {
        help::render(frame, state, areas.body);
    }
}

/// A bordered pane, its border brighter when focused.
pub fn pane<'a>(theme: &Theme, title: String, focused: bool) -> Block<'a> {
    let style = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Span::styled(title, style))
}

pub fn is_empty(area: Rect) -> bool {
    area.width == 0 || area.height == 0
}
