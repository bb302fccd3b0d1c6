//! Bytes written to the terminal per frame, through the real crossterm backend: what an SSH
//! link carries. Only the cells that changed are sent, so moving one line sends little and an
//! unchanged frame sends nothing but the synchronized-output markers. When the reader spans the
//! full width, scrolling moves the rows with the terminal's scroll region; a vt100 emulator fed
//! those bytes must show what a full redraw shows.

mod common;

use common::{key, large_store, seeds_store, state_for};
use dossier::tui::app::State;
use dossier::tui::run::{self, Message};
use dossier::tui::scroll_region::ScrollMemo;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::cell::RefCell;
use std::io::Write;
use std::num::NonZeroU16;
use std::rc::Rc;

/// A writer that keeps what it was given, shared with the test.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn take(&self) -> usize {
        let n = self.0.borrow().len();
        self.0.borrow_mut().clear();
        n
    }
}

/// What ratatui writes around a frame whose cells did not change: synchronized-output begin
/// and end, a style reset and the cursor kept hidden (41 bytes, no cell).
const EMPTY_FRAME: usize = 48;

fn terminal(sink: &Sink) -> Terminal<CrosstermBackend<Sink>> {
    let backend = CrosstermBackend::new(sink.clone());
    Terminal::with_options(
        backend,
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 200, 60)),
        },
    )
    .expect("terminal")
}

/// A terminal over a sink and the memo the loop keeps between frames.
struct Screen {
    sink: Sink,
    term: Terminal<CrosstermBackend<Sink>>,
    memo: ScrollMemo,
}

impl Screen {
    fn new() -> Screen {
        let sink = Sink::default();
        let term = terminal(&sink);
        Screen {
            sink,
            term,
            memo: ScrollMemo::default(),
        }
    }

    /// Draw a frame; the bytes it wrote.
    fn frame(&mut self, state: &State) -> Vec<u8> {
        run::draw(&mut self.term, state, &mut self.memo).expect("draw");
        std::mem::take(&mut *self.sink.0.borrow_mut())
    }
}

fn frame(term: &mut Terminal<CrosstermBackend<Sink>>, state: &State, sink: &Sink) -> usize {
    run::draw(term, state, &mut ScrollMemo::default()).expect("draw");
    sink.take()
}

#[test]
fn an_unchanged_frame_sends_no_cell_and_the_loop_does_not_even_draw_it() {
    let sink = Sink::default();
    let mut term = terminal(&sink);
    let state = state_for(seeds_store(), 200, 60, false);
    let mut memo = ScrollMemo::default();
    run::draw(&mut term, &state, &mut memo).expect("draw");
    let first = sink.take();
    assert!(
        first > 2_000,
        "the first frame paints the screen: {first} bytes"
    );
    run::draw(&mut term, &state, &mut memo).expect("draw");
    let idle = sink.0.borrow().clone();
    let text = String::from_utf8_lossy(&idle);
    assert!(idle.len() <= EMPTY_FRAME, "idle frame wrote {text:?}");
    assert!(
        !text.contains('H'),
        "no cursor move, hence no cell: {text:?}"
    );
    // And the loop only draws when `handle` reports a change: a key release changes nothing.
    let mut state = state;
    let mut release = key("j");
    release.kind = crossterm::event::KeyEventKind::Release;
    assert!(!run::handle(&mut state, Message::Key(release), None));
}

#[test]
fn moving_the_selection_sends_a_partial_frame() {
    let sink = Sink::default();
    let mut term = terminal(&sink);
    let mut state = state_for(seeds_store(), 200, 60, false);
    let first = frame(&mut term, &state, &sink);
    run::handle(&mut state, Message::Key(key("j")), None);
    let moved = frame(&mut term, &state, &sink);
    eprintln!("first frame {first} bytes, selection move {moved} bytes");
    assert!(moved > 0 && moved < first, "move {moved} vs first {first}");
}

/// Bytes of the first frame on the 300 KB article and the most one line of scrolling sends,
/// 50 lines down and back up.
fn scroll_cost(size: (u16, u16), keys_before: &[&str]) -> (usize, usize) {
    let mut screen = Screen::new();
    let mut state = state_for(large_store(), size.0, size.1, false);
    if size != (200, 60) {
        screen
            .term
            .resize(ratatui::layout::Rect::new(0, 0, size.0, size.1))
            .expect("resize");
        screen.frame(&state);
    }
    let size = state.article().map_or(0, |a| a.text().len());
    assert!(size >= 300_000, "a 300 KB article: {size} bytes");
    for name in keys_before {
        run::handle(&mut state, Message::Key(key(name)), None);
    }
    let full = screen.frame(&state).len();
    let mut worst = 0;
    for step in (1..=50).chain((0..50).rev()) {
        let name = if step > state.reader.scroll { "j" } else { "k" };
        run::handle(&mut state, Message::Key(key(name)), None);
        assert_eq!(state.reader.scroll, step, "the reader scrolled");
        worst = worst.max(screen.frame(&state).len());
    }
    assert!(worst > 0, "scrolling changed nothing");
    (full, worst)
}

#[test]
fn scrolling_one_line_beside_the_list_sends_less_than_a_full_frame() {
    let (full, worst) = scroll_cost((200, 60), &["Enter"]);
    eprintln!("split: full frame {full} bytes; scrolling one line: at most {worst} bytes");
    // Every text row shifts, so a scroll rewrites the reading pane's text but not the list,
    // borders or status line: a scroll region would move the list too (see `scroll_region`).
    assert!(
        worst * 10 < full * 9,
        "a scroll repainted the whole screen: {worst} of {full}"
    );
}

#[test]
fn scrolling_one_line_in_the_zoomed_reader_sends_at_most_2_kb_each_way() {
    let (full, worst) = scroll_cost((200, 60), &["Enter", "z"]);
    eprintln!("zoomed: full frame {full} bytes; scrolling one line: at most {worst} bytes");
    assert!(worst <= 2_048, "one line costs {worst} bytes");
}

#[test]
fn at_80x24_the_zoomed_reader_scrolls_for_less_than_the_split_one() {
    let (_, split) = scroll_cost((80, 24), &["Enter"]);
    let (_, zoomed) = scroll_cost((80, 24), &["Enter", "z"]);
    eprintln!("80x24: scrolling one line: split {split} bytes, zoomed {zoomed} bytes");
    assert!(zoomed < split, "zoomed {zoomed} vs split {split}");
    assert!(zoomed <= 2_048, "one line costs {zoomed} bytes");
}

/// Each cell as the emulator shows it: text and attributes, row by row.
fn cells(screen: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    (0..rows)
        .map(|row| {
            let mut line = String::new();
            for col in 0..cols {
                if let Some(cell) = screen.cell(row, col) {
                    let text = if cell.has_contents() {
                        cell.contents()
                    } else {
                        " "
                    };
                    line.push_str(text);
                    let attrs = [cell.bold(), cell.italic(), cell.underline(), cell.inverse()];
                    if cell.fgcolor() != vt100::Color::Default
                        || cell.bgcolor() != vt100::Color::Default
                        || attrs.contains(&true)
                    {
                        line.push_str(&format!(
                            "{{{:?}/{:?}/{attrs:?}}}",
                            cell.fgcolor(),
                            cell.bgcolor()
                        ));
                    }
                }
            }
            line
        })
        .collect()
}

/// An emulator of the state's size.
fn emulator(state: &State) -> vt100::Parser {
    let rows = NonZeroU16::new(state.size.height).expect("rows");
    let cols = NonZeroU16::new(state.size.width).expect("columns");
    vt100::Parser::new(rows, cols, 0)
}

/// What a terminal shows after a full redraw of `state` on a blank screen.
fn redrawn(state: &State) -> Vec<String> {
    let mut fresh = Screen::new();
    let bytes = fresh.frame(state);
    let mut parser = emulator(state);
    parser.process(&bytes);
    cells(parser.screen())
}

/// Drive the keys one by one through the scrolling loop's drawing, feeding every byte to one
/// emulator, and compare it with a full redraw after each key.
fn assert_same_as_full_redraws(state: &mut State, keys: &[&str]) -> usize {
    let mut screen = Screen::new();
    let mut parser = emulator(state);
    parser.process(&screen.frame(state));
    let mut sent = 0;
    for (step, name) in keys.iter().enumerate() {
        if let Some(size) = name.strip_prefix("resize:") {
            let (w, h) = size.split_once('x').expect("WxH");
            let (w, h) = (w.parse().expect("width"), h.parse().expect("height"));
            run::handle(state, Message::Resize(w, h), None);
            parser.set_size(
                NonZeroU16::new(h).expect("rows"),
                NonZeroU16::new(w).expect("columns"),
            );
            screen
                .term
                .resize(ratatui::layout::Rect::new(0, 0, w, h))
                .expect("resize");
        } else {
            run::handle(state, Message::Key(key(name)), None);
        }
        let bytes = screen.frame(state);
        sent += bytes.len();
        parser.process(&bytes);
        let expected = redrawn(state);
        let shown = cells(parser.screen());
        for (row, (want, got)) in expected.iter().zip(&shown).enumerate() {
            assert_eq!(
                got, want,
                "after key {step} ({name}), row {row} differs from a full redraw"
            );
        }
        assert_eq!(shown.len(), expected.len());
    }
    sent
}

#[test]
fn a_terminal_fed_the_scrolled_frames_shows_what_a_full_redraw_shows() {
    let mut state = state_for(large_store(), 200, 60, false);
    run::handle(&mut state, Message::Key(key("Enter")), None);
    let mut keys = vec!["z"];
    // Both directions, one line and several, then jumps of a page or more (plain diff).
    keys.extend(["j"; 6]);
    keys.extend(["k"; 3]);
    keys.extend(["C-d", "C-u", "PgDn", "j", "PgUp", "G", "k", "g", "j"]);
    // Search highlights appear, move and go while the text scrolls.
    keys.extend([
        "/", "O", "p", "e", "n", "A", "I", "Enter", "n", "j", "N", "k", "Esc",
    ]);
    // The help over the text, then the split layout (the list is not moved), and back.
    keys.extend(["F1", "j", "Esc", "j", "z", "j", "k", "z", "j"]);
    // Another size, and on.
    keys.extend(["resize:120x40", "j", "k", "resize:200x60", "j", "j", "k"]);
    let sent = assert_same_as_full_redraws(&mut state, &keys);
    eprintln!("{} keys, {sent} bytes", keys.len());
}

#[test]
fn the_reader_opened_from_the_timeline_scrolls_the_same_way() {
    let mut state = state_for(seeds_store(), 200, 60, false);
    run::handle(&mut state, Message::Key(key("t")), None);
    run::handle(&mut state, Message::Key(key("Enter")), None);
    if state.view() == dossier::tui::app::View::Compare {
        run::handle(&mut state, Message::Key(key("Enter")), None);
    }
    assert_eq!(state.view(), dossier::tui::app::View::EventReader);
    assert!(state.max_scroll() > 4, "the article scrolls");
    let mut keys = vec!["g"];
    keys.extend(["j"; 4]);
    keys.extend(["k"; 3]);
    keys.extend(["]", "[", "j"]);
    assert_same_as_full_redraws(&mut state, &keys);
}
