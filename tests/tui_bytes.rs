//! Bytes written to the terminal per frame, through the real crossterm backend: what an SSH
//! link carries. Only the cells that changed are sent, so moving one line sends little and an
//! unchanged frame sends nothing but the synchronized-output markers.

mod common;

use common::{key, seeds_store, state_for};
use dossier::core::load::{build_article, SEEDS};
use dossier::core::store::Store;
use dossier::tui::app::State;
use dossier::tui::run::{self, Message};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::cell::RefCell;
use std::io::Write;
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

fn frame(term: &mut Terminal<CrosstermBackend<Sink>>, state: &State, sink: &Sink) -> usize {
    run::draw(term, state).expect("draw");
    sink.take()
}

fn large_store() -> Store {
    let mut bytes = Vec::new();
    for _ in 0..40 {
        for (_, seed) in SEEDS {
            bytes.extend_from_slice(seed);
            bytes.extend_from_slice(b"\n\n");
        }
    }
    let (article, _) = build_article("large.txt".into(), &bytes).expect("build");
    Store::new(vec![article])
}

#[test]
fn an_unchanged_frame_sends_no_cell_and_the_loop_does_not_even_draw_it() {
    let sink = Sink::default();
    let mut term = terminal(&sink);
    let state = state_for(seeds_store(), 200, 60, false);
    let first = frame(&mut term, &state, &sink);
    assert!(
        first > 2_000,
        "the first frame paints the screen: {first} bytes"
    );
    run::draw(&mut term, &state).expect("draw");
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
fn scrolling_one_line_sends_less_than_a_full_frame() {
    let sink = Sink::default();
    let mut term = terminal(&sink);
    let mut state = state_for(large_store(), 200, 60, false);
    run::handle(&mut state, Message::Key(key("Enter")), None);
    let full = frame(&mut term, &state, &sink);
    let mut worst = 0;
    for step in 1..=50 {
        run::handle(&mut state, Message::Key(key("j")), None);
        assert_eq!(state.reader.scroll, step, "the reader scrolled");
        worst = worst.max(frame(&mut term, &state, &sink));
    }
    eprintln!("full frame {full} bytes; scrolling one line: at most {worst} bytes per frame");
    // Every text row shifts, so a scroll rewrites the reading pane's text but not the list,
    // borders or status line. (Terminal scroll regions would cut it to one row: not done yet.)
    assert!(worst > 0, "scrolling changed nothing");
    assert!(
        worst * 10 < full * 9,
        "a scroll repainted the whole screen: {worst} of {full}"
    );
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
