//! The real binary in a pseudo-terminal (portable-pty) read by a terminal emulator (vt100):
//! start, navigate, open the timeline, quit; the terminal must be restored and the exit 0.
//! Waits are bounded polls of the emulated screen, never fixed sleeps.

mod pty;

use portable_pty::CommandBuilder;
use pty::{dossier, Session};

#[test]
fn navigate_the_seeds_open_the_timeline_and_quit() {
    let mut session = Session::start(dossier(&[]));
    session.wait_for("? help  / search  t timeline  q quit");
    assert!(session.screen().contains("Articles 5"));
    assert!(session.parser.lock().unwrap().screen().alternate_screen());
    // Down, open: the reader takes focus, its hint bar shows F1 for help.
    session.send(b"j\r");
    session.wait_for("F1 help");
    // The reader shows the second seed from its first line.
    assert!(session
        .screen()
        .contains("││ OpenAI et Microsoft : Une alliance"));
    session.send(b"t");
    session.wait_for("Timeline");
    session.send(b"t");
    session.wait_for("Articles 5");
    // Help, then q closes it; Esc never quits.
    // Esc moves the focus back to the list (an Esc glued to the next key would read as Alt).
    session.send(b"\x1b");
    session.wait_for("? help");
    session.send(b"?");
    session.wait_for("Help");
    session.send(b"q");
    session.send(b"q");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    let parser = session.parser.lock().unwrap();
    assert!(
        !parser.screen().alternate_screen(),
        "left the alternate screen"
    );
    assert!(!parser.screen().hide_cursor(), "cursor shown again");
    let raw = session.raw.lock().unwrap();
    // Never sets the title, never emits OSC 8 / 52.
    assert!(!raw.windows(2).any(|w| w == b"\x1b]"), "no OSC sequence");
    // Frames are wrapped in synchronized output.
    assert!(raw.windows(8).any(|w| w == b"\x1b[?2026h"));
}

#[test]
fn ctrl_c_quits_from_the_timeline_with_the_terminal_restored() {
    let mut session = Session::start(dossier(&[]));
    session.wait_for("t timeline");
    session.send(b"t");
    session.wait_for("Timeline");
    session.send(b"\x03");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(!session.parser.lock().unwrap().screen().alternate_screen());
}

#[test]
fn stdin_article_with_keys_from_the_tty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a.md");
    std::fs::write(
        &file,
        "# Un titre venu de stdin\n\nUn paragraphe lu sur l'entrée standard.\n",
    )
    .expect("write");
    let mut command = CommandBuilder::new("sh");
    command.args([
        "-c",
        &format!(
            "cat '{}' | '{}' -",
            file.display(),
            env!("CARGO_BIN_EXE_dossier")
        ),
    ]);
    command.env("TERM", "xterm-256color");
    pty::isolate(&mut command, &pty::fresh_home());
    let mut session = Session::start(command);
    session.wait_for("Articles 1");
    session.wait_for("paragraphe lu sur l");
    session.send(b"\r");
    session.wait_for("F1 help");
    session.send(b"q");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(!session.parser.lock().unwrap().screen().alternate_screen());
}

#[test]
fn a_terminal_resize_redraws_at_the_new_size() {
    use std::time::Instant;
    let mut session = Session::start(dossier(&[]));
    session.wait_for("q quit");
    session.resize(30, 100);
    let deadline = Instant::now() + pty::TIMEOUT;
    loop {
        let (corner, last_row) = {
            let parser = session.parser.lock().unwrap();
            let screen = parser.screen();
            // The reader pane's top-right corner in the last column, the hints on the last row.
            let last_row: String = screen.rows(0, 100).nth(29).unwrap_or_default();
            (
                screen.cell(0, 99).map(|c| c.contents().to_string()),
                last_row,
            )
        };
        if corner.as_deref() == Some("┐") && last_row.contains("q quit") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not redrawn at 100x30:\n{}",
            session.screen()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    session.send(b"q");
    assert!(session.wait_exit().success());
}

#[test]
fn the_next_run_reopens_the_last_article_where_it_was_left() {
    let home = pty::fresh_home();
    let mut first = Session::start({
        let mut command = dossier(&[]);
        pty::isolate(&mut command, &home);
        command
    });
    first.wait_for("t timeline");
    // Open the fourth seed, scroll a little, quit.
    first.send(b"jjj\r");
    first.wait_for("F1 help");
    first.send(b"jj");
    first.send(b"q");
    assert!(first.wait_exit().success());
    let state = std::fs::read_to_string(home.join("state/dossier/state.json")).expect("saved");
    assert!(state.contains("003_766daca9b8a24f06.txt"), "{state}");

    let mut second = Session::start({
        let mut command = dossier(&[]);
        pty::isolate(&mut command, &home);
        command
    });
    second.wait_for("t timeline");
    // The reader is on the fourth seed again, not the first.
    second.wait_for("OpenAI a démarré avec l’ambition");
    assert!(!second.screen().contains("Depuis quelques semaines"));
    second.send(b"q");
    assert!(second.wait_exit().success());
}

/// Poll the emulated screen until `done` holds (bounded by the harness timeout).
fn wait_until(session: &Session, what: &str, done: impl Fn(&str) -> bool) {
    let deadline = std::time::Instant::now() + pty::TIMEOUT;
    while std::time::Instant::now() < deadline {
        if done(&session.screen()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("{what} never happened; screen:\n{}", session.screen());
}

#[test]
fn the_zoomed_reader_scrolls_by_scroll_region_to_what_a_full_redraw_shows() {
    let mut session = Session::start(dossier(&[]));
    session.wait_for("? help  / search  t timeline  q quit");
    session.send(b"\rz");
    // Zoomed: the reader's border starts the first row (beside the list it starts further).
    wait_until(&session, "the zoom", |s| s.starts_with("┌ Reader"));
    session.send(b"jjjjjjjkkjj");
    // A prompt opened and closed after the scrolling keys: once it is gone, every key before
    // it has been drawn.
    session.send(b"/");
    session.wait_for("Enter keep");
    session.send(b"\x1b");
    wait_until(&session, "closing the prompt", |s| s.contains("F1 help"));
    let scrolled = session.screen();
    assert!(
        !scrolled.contains("Quel avenir pour le partenariat"),
        "the title scrolled out:\n{scrolled}"
    );
    // The band between the pane's borders (rows 2 to 22) was moved by the terminal.
    let raw = session.raw.lock().unwrap().clone();
    assert!(raw.windows(7).any(|w| w == b"\x1b[2;22r"), "DECSTBM sent");
    // A resize repaints everything from scratch: the same screen must come back.
    session.resize(25, 80);
    wait_until(&session, "the redraw at 25 rows", |s| {
        s.lines().nth(23).is_some_and(|l| l.starts_with('└'))
    });
    session.resize(24, 80);
    let expected = format!("the redraw at 24 rows showing\n{scrolled}\n");
    wait_until(&session, &expected, |s| s == scrolled);
    session.send(b"q");
    session.send(b"q");
    assert!(session.wait_exit().success());
}
