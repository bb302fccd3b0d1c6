//! The mouse (only with `--mouse`): the wheel scrolls what is under the pointer, a click
//! selects. On the reader's `State`, through the same `handle` the live loop uses, and once on
//! the real binary in a pseudo-terminal (SGR mouse reports in, capture on and off out).

mod common;
mod pty;

use common::*;
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use dossier::tui::app::{Pane, State, View};
use dossier::tui::run::{self, Message};

fn mouse(state: &mut State, kind: MouseEventKind, column: u16, row: u16) {
    let event = MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    run::handle(state, Message::Mouse(event), None);
}

fn reader_title(state: &State) -> String {
    state.article().expect("an article").title().to_string()
}

// At 80x24 the list pane is columns 0..30 (inside: 1..29, two rows per article from row 1),
// the reader pane columns 30..80.

#[test]
fn click_in_the_list_selects_that_article_and_the_reader_follows() {
    let mut state = state_for(seeds_store(), 80, 24, false);
    mouse(&mut state, MouseEventKind::Down(MouseButton::Left), 5, 5);
    assert_eq!(state.list.selected, 2);
    assert!(reader_title(&state).starts_with("OpenAI considère poursuivre Microsoft"));
    // Either line of an entry selects it; a click below the last entry changes nothing.
    mouse(&mut state, MouseEventKind::Down(MouseButton::Left), 5, 8);
    assert_eq!(state.list.selected, 3);
    mouse(&mut state, MouseEventKind::Down(MouseButton::Left), 5, 20);
    assert_eq!(state.list.selected, 3);
    // A click in the reader gives it the focus; the border row between panes is the reader's.
    mouse(&mut state, MouseEventKind::Down(MouseButton::Left), 50, 10);
    assert_eq!(state.focus, Pane::Reader);
    // Other buttons and releases do nothing.
    mouse(&mut state, MouseEventKind::Down(MouseButton::Right), 5, 1);
    mouse(&mut state, MouseEventKind::Up(MouseButton::Left), 5, 1);
    assert_eq!(state.list.selected, 3);
}

#[test]
fn wheel_scrolls_the_pane_under_the_pointer_and_keeps_the_focus() {
    let mut state = state_for(seeds_store(), 80, 24, false);
    assert_eq!(state.focus, Pane::List);
    mouse(&mut state, MouseEventKind::ScrollDown, 50, 10);
    assert_eq!(
        state.reader.scroll, 3,
        "one notch scrolls the reader 3 lines"
    );
    assert_eq!(state.list.selected, 0, "the list did not move");
    assert_eq!(state.focus, Pane::List, "the focus stayed on the list");
    mouse(&mut state, MouseEventKind::ScrollUp, 50, 10);
    mouse(&mut state, MouseEventKind::ScrollUp, 50, 10);
    assert_eq!(state.reader.scroll, 0);
    // Over the list it moves the selection; the status line is no pane.
    mouse(&mut state, MouseEventKind::ScrollDown, 5, 5);
    assert_eq!(state.list.selected, 3);
    mouse(&mut state, MouseEventKind::ScrollDown, 5, 23);
    assert_eq!(state.list.selected, 3);
    // In the help overlay it scrolls the help.
    press(&mut state, &["?"]);
    mouse(&mut state, MouseEventKind::ScrollDown, 40, 10);
    assert_eq!(state.help.as_ref().map(|h| h.scroll), Some(3));
}

#[test]
fn click_selects_a_timeline_row_and_a_second_click_opens_it() {
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["t"]);
    // Timeline rows start under the border and the histogram strip: row 3 is the first.
    mouse(&mut state, MouseEventKind::Down(MouseButton::Left), 10, 5);
    assert_eq!(state.timeline.selected, 2);
    let group = state.timeline.rows[state.timeline.selected];
    assert_eq!(state.store.timeline().groups[group].value, "2019");
    assert_eq!(state.view(), View::Timeline);
    mouse(&mut state, MouseEventKind::Down(MouseButton::Left), 10, 5);
    assert_eq!(
        state.view(),
        View::Compare,
        "two mentions: the comparison first"
    );
    // The histogram strip is no row.
    press(&mut state, &["q"]);
    mouse(&mut state, MouseEventKind::Down(MouseButton::Left), 10, 1);
    assert_eq!(state.timeline.selected, 2);
}

#[test]
fn mouse_capture_only_with_the_flag_and_released_at_exit() {
    use pty::{dossier, Session};
    let mut session = Session::start(dossier(&["--mouse"]));
    session.wait_for("t timeline");
    // A left press then release on the third entry (SGR reports are 1-based).
    session.send(b"\x1b[<0;6;6M\x1b[<0;6;6m");
    session.wait_for("││ OpenAI considère poursuivre Microsoft");
    session.send(b"q");
    assert!(session.wait_exit().success());
    {
        let raw = session.raw.lock().unwrap();
        let text = String::from_utf8_lossy(&raw);
        assert!(text.contains("\x1b[?1000h"), "mouse capture turned on");
        let on = text.find("\x1b[?1000h").unwrap_or(0);
        assert!(
            text[on..].contains("\x1b[?1000l"),
            "and off again before exit"
        );
    }
    let mut plain = Session::start(dossier(&[]));
    plain.wait_for("t timeline");
    plain.send(b"q");
    assert!(plain.wait_exit().success());
    let raw = plain.raw.lock().unwrap();
    assert!(
        !String::from_utf8_lossy(&raw).contains("\x1b[?1000h"),
        "no capture without --mouse: the terminal's own selection keeps working"
    );
}
