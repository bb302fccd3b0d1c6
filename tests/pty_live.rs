//! The real binary in a pty while its files change: `--watch` picks up a new file by itself,
//! `r` reloads by hand, a folder loads after the first frame; and the non-interactive
//! commands draw load progress on a terminal only. Bounded polls, no fixed sleeps.

mod pty;

use pty::{dossier, Session};
use std::time::{Duration, Instant};

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

/// Poll the screen until `text` shows, for at most `limit`.
fn appears_within(session: &Session, text: &str, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if session.screen().contains(text) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn watch_mode_picks_up_a_new_file() {
    let dir = folder(&[("a.txt", "Alpha article\n\nFirst text.\n")]);
    let path = dir.path().to_string_lossy().into_owned();
    let mut session = Session::start(dossier(&["--watch", &path]));
    session.wait_for("Alpha article");
    session.wait_for("1 article ");
    std::fs::write(dir.path().join("b.txt"), "Bravo newcomer\n\nSecond.\n").expect("write");
    assert!(
        appears_within(&session, "Bravo newcomer", Duration::from_secs(10)),
        "the new file never showed:\n{}",
        session.screen()
    );
    assert!(
        session.screen().contains("reloaded: 1 added"),
        "{}",
        session.screen()
    );
    std::fs::write(dir.path().join("b.txt"), "Bravo rewritten\n\nSecond.\n").expect("write");
    assert!(
        appears_within(&session, "reloaded: 1 changed", Duration::from_secs(10)),
        "{}",
        session.screen()
    );
    assert!(session.screen().contains("Bravo rewritten"));
    std::fs::remove_file(dir.path().join("a.txt")).expect("remove");
    assert!(
        appears_within(&session, "reloaded: 1 removed", Duration::from_secs(10)),
        "{}",
        session.screen()
    );
    assert!(!session.screen().contains("Alpha article"));
    session.send(b"q");
    assert!(session.wait_exit().success());
}

#[test]
fn r_reloads_by_hand_and_says_what_changed() {
    let dir = folder(&[
        ("a.txt", "Alpha article\n\nFirst text.\n"),
        ("b.txt", "Bravo article\n\nSecond text.\n"),
    ]);
    let path = dir.path().to_string_lossy().into_owned();
    let mut session = Session::start(dossier(&[&path]));
    session.wait_for("2 articles");
    std::fs::write(dir.path().join("b.txt"), "Bravo edited\n\nSecond text.\n").expect("write");
    std::fs::write(dir.path().join("c.txt"), "Charlie added\n\nThird.\n").expect("write");
    session.send(b"r");
    session.wait_for("reloaded: 1 changed, 1 added");
    let screen = session.screen();
    assert!(screen.contains("Bravo edited") && screen.contains("Charlie added"));
    session.send(b"q");
    assert!(session.wait_exit().success());
}

#[test]
fn an_empty_folder_exits_1_after_saying_so() {
    let dir = folder(&[("notes.png", "not an article")]);
    let path = dir.path().to_string_lossy().into_owned();
    let mut session = Session::start(dossier(&[&path]));
    let status = session.wait_exit();
    assert_eq!(status.exit_code(), 1);
    assert!(session.restored());
    assert!(session.screen().contains("dossier: no article loaded"));
}

#[test]
fn list_draws_progress_on_a_terminal_stderr() {
    let dir = folder(&[
        ("a.txt", "Alpha article\n\nFirst text.\n"),
        ("b.txt", "Bravo article\n\nSecond text.\n"),
    ]);
    let path = dir.path().to_string_lossy().into_owned();
    let mut command = dossier(&["list", &path, "--format", "tsv"]);
    command.env("DOSSIER_PROGRESS_AFTER_MS", "0");
    let mut session = Session::start(command);
    assert!(session.wait_exit().success());
    let raw = String::from_utf8_lossy(&session.raw.lock().unwrap()).into_owned();
    assert!(raw.contains("loading 2/2 files"), "{raw:?}");
}

#[test]
fn piped_stderr_gets_no_progress_bytes() {
    let dir = folder(&[
        ("a.txt", "Alpha article\n\nFirst text.\n"),
        ("b.txt", "Bravo article\n\nSecond text.\n"),
    ]);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["list", "--format", "tsv"])
        .arg(dir.path())
        .env("DOSSIER_PROGRESS_AFTER_MS", "0")
        .output()
        .expect("run dossier");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert!(String::from_utf8_lossy(&output.stdout).contains("Alpha article"));
}
