//! Where things go on screen. Pure functions of the terminal size and the view, shared by
//! `update` (which needs the reader's width and height to wrap and scroll) and the views.

use ratatui::layout::Rect;

/// The widest a line of prose gets: beyond ~80 columns reading gets harder, so the text is
/// centred in a wider pane.
pub const MEASURE: u16 = 80;
/// Below this width the articles view shows one pane at a time (the focused one).
pub const SPLIT_MIN_WIDTH: u16 = 60;

/// How the articles view shares the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// One full-width view (timeline, comparison, a reader opened from the timeline).
    Single,
    /// List and reader side by side when the width allows.
    Panes,
    /// Zoomed (`z`): only the focused pane, full width, at any size.
    Zoomed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Everything but the status line.
    pub body: Rect,
    pub status: Rect,
    /// Articles view: the list and reader panes (either may be hidden when narrow).
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
}

pub fn areas(size: Rect, split: Split, list_focused: bool) -> Areas {
    let status_height = size.height.min(1);
    let body = Rect {
        height: size.height - status_height,
        ..size
    };
    let status = Rect {
        y: size.y + body.height,
        height: status_height,
        ..size
    };
    if split == Split::Single {
        return Areas {
            body,
            status,
            list: None,
            reader: Some(body),
        };
    }
    if split == Split::Zoomed || size.width < SPLIT_MIN_WIDTH {
        let (list, reader) = if list_focused {
            (Some(body), None)
        } else {
            (None, Some(body))
        };
        return Areas {
            body,
            status,
            list,
            reader,
        };
    }
    let list_width = (size.width * 3 / 8).clamp(24, 48);
    let list = Rect {
        width: list_width,
        ..body
    };
    let reader = Rect {
        x: body.x + list_width,
        width: body.width - list_width,
        ..body
    };
    Areas {
        body,
        status,
        list: Some(list),
        reader: Some(reader),
    }
}

/// Inside a bordered pane.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// The text column of a reader pane: one column of padding each side, at most `MEASURE` wide,
/// centred.
pub fn text_column(pane: Rect, measure: u16) -> Rect {
    let inner = inner(pane);
    let room = inner.width.saturating_sub(2);
    let width = room.min(measure);
    Rect {
        x: inner.x + 1 + (room - width) / 2,
        width,
        ..inner
    }
}

/// A centred popup taking `percent` of the area, at least `min` cells when there is room.
pub fn popup(area: Rect, percent: u16, min_width: u16, min_height: u16) -> Rect {
    let width = (area.width * percent / 100).max(min_width).min(area.width);
    let height = (area.height * percent / 100)
        .max(min_height)
        .min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
