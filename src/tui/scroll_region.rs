//! Scrolling the reader with the terminal's scroll region instead of rewriting every row.
//!
//! ratatui sends the cells that differ from the previous frame; scrolling the reader by one
//! line changes every text row, so the whole pane is sent again (~7 KB at 200x60). Instead the
//! loop asks the terminal to move the rows itself (DECSTBM sets the top and bottom margins, a
//! line feed at the bottom margin or a reverse index at the top one scrolls between them),
//! moves ratatui's copy of the screen the same way, and lets the normal diff send what is left:
//! the new lines, the percentage in the border, any highlight that changed.
//!
//! DECSTBM margins are whole rows. Left and right margins (DECSLRM) would confine the move to
//! one pane, but tmux gives them to no program running inside it, and elsewhere they must be
//! enabled and their support queried. So, as tmux itself does when it redraws panes (it
//! scrolls natively only when a pane is full width or the outer terminal has DECSLRM), the
//! band is only moved when the reader spans the whole width: zoomed with `z`, or opened from
//! the timeline. In the side-by-side layout the list would move too, and the plain diff is
//! used. Only VT100 sequences are sent (DECSTBM, LF, RI): nothing to ask the terminal first.
//!
//! The plan is a pure function of what the last frame showed and what the next one shows
//! (`band`), so views stay pure and the cases that must fall back (resize, another article or
//! width, the help over the text, a jump of a page or more) are decided from state alone.

use crate::tui::app::State;
use crate::tui::wrap::Wrapped;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use std::ops::Range;
use std::sync::Arc;

/// The rows of the screen that show the reader's text, full width, and which lines they show.
#[derive(Debug, Clone)]
pub struct Band {
    /// The whole screen the frame was drawn for.
    pub screen: Rect,
    /// Screen rows holding text lines (the pane's border rows excluded).
    pub rows: Range<u16>,
    /// The wrapped article: the same `Arc` means the same lines at the same width.
    pub wrapped: Arc<Wrapped>,
    /// The wrapped line at the top of the band.
    pub top_line: usize,
}

/// Which way the rows move on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Rows move up, new lines appear at the bottom (reading on).
    Up,
    /// Rows move down, new lines appear at the top (reading back).
    Down,
}

/// Move the screen rows `rows` by `lines` in `direction`; the rows uncovered are blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shift {
    pub rows: Range<u16>,
    pub lines: u16,
    pub direction: Direction,
}

/// The band the state puts on screen, if the reader's text spans the whole width with nothing
/// drawn over it.
pub fn band(state: &State) -> Option<Band> {
    if state.help.is_some() {
        return None;
    }
    let column = state.reader_column()?;
    let pane = state.areas().reader?;
    let screen = state.size;
    if pane.x != screen.x || pane.width != screen.width || column.is_empty() {
        return None;
    }
    Some(Band {
        screen,
        rows: column.y..column.bottom(),
        wrapped: state.reader.wrapped.clone()?,
        top_line: state.reader.scroll,
    })
}

/// How to move the last frame's band so that it shows the next frame's lines, when that is
/// the same text moved by less than the band's height.
pub fn plan(last: &Band, next: &Band) -> Option<Shift> {
    if last.screen != next.screen
        || last.rows != next.rows
        || !Arc::ptr_eq(&last.wrapped, &next.wrapped)
    {
        return None;
    }
    let height = usize::from(next.rows.end.saturating_sub(next.rows.start));
    let (direction, distance) = if next.top_line > last.top_line {
        (Direction::Up, next.top_line - last.top_line)
    } else {
        (Direction::Down, last.top_line - next.top_line)
    };
    if distance == 0 || distance >= height {
        return None;
    }
    Some(Shift {
        rows: next.rows.clone(),
        lines: u16::try_from(distance).ok()?,
        direction,
    })
}

/// Move the rows of `buffer` as the terminal moves them for `shift`: whole rows, blank (reset)
/// cells where rows were uncovered. Rows outside the buffer are left alone.
pub fn shift_buffer(buffer: &mut Buffer, shift: &Shift) {
    let area = buffer.area;
    let top = shift.rows.start.max(area.y);
    let bottom = shift.rows.end.min(area.bottom());
    if top >= bottom {
        return;
    }
    let width = usize::from(area.width);
    let start = usize::from(top - area.y) * width;
    let end = usize::from(bottom - area.y) * width;
    let moved = (usize::from(shift.lines) * width).min(end - start);
    let Some(band) = buffer.content.get_mut(start..end) else {
        return;
    };
    let blank = match shift.direction {
        Direction::Up => {
            band.rotate_left(moved);
            band.len() - moved..band.len()
        }
        Direction::Down => {
            band.rotate_right(moved);
            0..moved
        }
    };
    if let Some(cells) = band.get_mut(blank) {
        cells.fill_with(Cell::default);
    }
}

/// The last frame the terminal shows, remembered while the reader's band is on screen.
#[derive(Debug, Default)]
pub struct ScrollMemo {
    /// The band of the last frame; `None` when it had none or the terminal may differ from
    /// `screen` (cleared, repainted, a failed draw).
    last: Option<Band>,
    /// The last frame's cells; the allocation is reused from frame to frame.
    screen: Buffer,
}

impl ScrollMemo {
    /// The terminal was cleared or repainted behind the memo's back: plan nothing from it.
    pub fn forget(&mut self) {
        self.last = None;
    }

    /// How to move the last frame to show the next one, if that is a move. The memo then
    /// forgets the last frame until the caller remembers the one it draws next.
    pub fn take_plan(&mut self, next: Option<&Band>) -> Option<Shift> {
        let last = self.last.take()?;
        let shift = plan(&last, next?)?;
        (self.screen.area == last.screen).then_some(shift)
    }

    /// Shift the remembered frame as the terminal was shifted and swap it into `into` (the
    /// buffer ratatui diffs the next frame against); `into`'s old cells become the spare.
    pub fn swap_shifted(&mut self, shift: &Shift, into: &mut Buffer) {
        shift_buffer(&mut self.screen, shift);
        std::mem::swap(&mut self.screen, into);
    }

    /// Keep the frame just drawn when it shows a band.
    pub fn remember(&mut self, band: Option<Band>, frame: &Buffer) {
        if band.is_some() {
            self.screen.area = frame.area;
            self.screen.content.clone_from(&frame.content);
        }
        self.last = band;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::build_article;
    use crate::tui::wrap::wrap_article;

    fn wrapped() -> Arc<Wrapped> {
        let (article, _) = build_article("a.txt".into(), b"Title\n\nSome text.").expect("article");
        Arc::new(wrap_article(&article, "", 40))
    }

    fn band(text: &Arc<Wrapped>, top_line: usize) -> Band {
        Band {
            screen: Rect::new(0, 0, 20, 10),
            rows: 1..8,
            wrapped: text.clone(),
            top_line,
        }
    }

    #[test]
    fn the_same_text_moved_less_than_the_band_is_a_shift_either_way() {
        let text = wrapped();
        assert_eq!(
            plan(&band(&text, 3), &band(&text, 4)),
            Some(Shift {
                rows: 1..8,
                lines: 1,
                direction: Direction::Up
            })
        );
        assert_eq!(
            plan(&band(&text, 9), &band(&text, 3)),
            Some(Shift {
                rows: 1..8,
                lines: 6,
                direction: Direction::Down
            })
        );
    }

    #[test]
    fn no_shift_without_a_move_for_a_page_or_more_or_for_other_text_or_rows() {
        let text = wrapped();
        assert_eq!(plan(&band(&text, 3), &band(&text, 3)), None);
        assert_eq!(plan(&band(&text, 3), &band(&text, 10)), None, "a page");
        assert_eq!(plan(&band(&text, 10), &band(&text, 0)), None);
        assert_eq!(plan(&band(&wrapped(), 3), &band(&text, 4)), None);
        let mut resized = band(&text, 4);
        resized.screen.width = 30;
        assert_eq!(plan(&band(&text, 3), &resized), None);
        let mut taller = band(&text, 4);
        taller.rows = 1..9;
        assert_eq!(plan(&band(&text, 3), &taller), None);
    }

    fn rows(buffer: &Buffer) -> Vec<String> {
        (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn shifting_moves_whole_rows_of_the_band_and_blanks_the_uncovered_ones() {
        let mut buffer = Buffer::with_lines(["top", "aaa", "bbb", "ccc", "end"]);
        let up = Shift {
            rows: 1..4,
            lines: 1,
            direction: Direction::Up,
        };
        shift_buffer(&mut buffer, &up);
        assert_eq!(rows(&buffer), ["top", "bbb", "ccc", "   ", "end"]);
        let down = Shift {
            rows: 1..4,
            lines: 2,
            direction: Direction::Down,
        };
        shift_buffer(&mut buffer, &down);
        assert_eq!(rows(&buffer), ["top", "   ", "   ", "bbb", "end"]);
    }

    #[test]
    fn a_shift_past_the_buffer_is_clipped_to_it() {
        let mut buffer = Buffer::with_lines(["aaa", "bbb"]);
        let shift = Shift {
            rows: 1..9,
            lines: 5,
            direction: Direction::Up,
        };
        shift_buffer(&mut buffer, &shift);
        assert_eq!(rows(&buffer), ["aaa", "   "]);
    }
}
