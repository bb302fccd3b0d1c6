//! The configuration file: remapped keys work and the help shows them; a malformed file is one
//! `FILE:LINE: problem` line and exit 2, before the terminal is touched.

mod common;

use common::{hand_store, press, render, screen_text, seeds_store, state_for};
use dossier::config::Config;
use dossier::tui::app::Sort;
use dossier::tui::app::View;

fn config(text: &str) -> Config {
    let names = dossier::tui::action_names();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    Config::parse(text, "test.toml", &names).expect("valid config")
}

#[test]
fn quit_remapped_to_x_quits_and_help_and_hints_show_x() {
    let mut state = state_for(seeds_store(), 80, 24, false);
    state.configure(&config("[keys]\nquit = [\"x\"]\n"));
    let screen = screen_text(&render(&state));
    assert!(screen.contains("x quit"), "hint bar: {screen}");
    assert!(!screen.contains("q quit"), "hint bar: {screen}");
    press(&mut state, &["?"]);
    let help = screen_text(&render(&state));
    assert!(
        help.lines()
            .any(|l| l.contains(" x ") && l.contains("quit at the root")),
        "help: {help}"
    );
    press(&mut state, &["Esc", "q"]);
    assert!(!state.quit, "q no longer quits");
    press(&mut state, &["x"]);
    assert!(state.quit, "x quits");
}

#[test]
fn measure_and_sort_come_from_the_config() {
    let mut state = state_for(seeds_store(), 200, 60, false);
    state.configure(&config(
        "[reader]\nmeasure = 40\n[list]\nsort = \"title\"\n",
    ));
    assert_eq!(state.measure, 40);
    assert_eq!(state.list.sort, Sort::Title);
    let titles: Vec<String> = state
        .list
        .rows
        .iter()
        .map(|r| state.store.articles[r.article].title().to_lowercase())
        .collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);
    let column = state.reader_column().expect("reader on screen");
    assert_eq!(column.width, 40);
}

#[test]
fn a_view_table_remaps_keys_in_that_view_only() {
    // Tall enough for the whole help.
    let mut state = state_for(hand_store(), 100, 120, false);
    state.configure(&config(
        "[keys]\nquit = \"x\"\n[keys.timeline]\ndown = \"J\"\nquit = \"Q\"\n",
    ));
    // The list keeps `j`.
    press(&mut state, &["j"]);
    assert_eq!(state.list.selected, 1);
    press(&mut state, &["t"]);
    press(&mut state, &["j"]);
    assert_eq!(
        state.timeline.selected, 0,
        "j no longer moves in the timeline"
    );
    press(&mut state, &["J"]);
    assert_eq!(state.timeline.selected, 1);
    // Help lists the timeline's own keys.
    press(&mut state, &["?"]);
    let help = screen_text(&render(&state));
    let timeline_part = help.split("Timeline").nth(2).unwrap_or_default();
    assert!(
        timeline_part
            .lines()
            .any(|l| l.contains(" J ") && l.contains("move down")),
        "help: {help}"
    );
    press(&mut state, &["Esc"]);
    // `quit` is bound everywhere: in the timeline its view key replaces the global `x`.
    let hints = screen_text(&render(&state));
    assert!(hints.contains("Q quit"), "hint bar: {hints}");
    press(&mut state, &["x"]);
    assert_eq!(state.view(), View::Timeline, "x is not the timeline's quit");
    press(&mut state, &["Q"]);
    assert_eq!(state.view(), View::Articles);
    press(&mut state, &["Q"]);
    assert!(!state.quit, "Q is the timeline's key only");
    press(&mut state, &["x"]);
    assert!(state.quit);
}

#[test]
fn dates_are_written_as_the_config_asks() {
    let mut state = state_for(seeds_store(), 80, 24, false);
    // French by default: the list, and the timeline's date column.
    assert!(screen_text(&render(&state)).contains("19 févr. 2025"));
    state.configure(&config("[ui]\ndates = \"en\"\n"));
    assert!(screen_text(&render(&state)).contains("19 Feb 2025"));
    press(&mut state, &["t"]);
    assert!(screen_text(&render(&state)).contains("May 2025"));
    state.configure(&config("[ui]\ndates = \"iso\"\n"));
    assert!(screen_text(&render(&state)).contains("2025-05  "));
    press(&mut state, &["t"]);
    assert!(screen_text(&render(&state)).contains("2025-02-19 · 003_"));
}

#[test]
fn a_malformed_config_is_one_line_with_file_and_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[keys]\nquit = \"x\"\nfly = \"f\"\n").expect("write");
    let out = assert_cmd::Command::cargo_bin("dossier")
        .expect("binary")
        .arg("--config")
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim_end(),
        format!("{}:3: unknown action \"fly\" in [keys]", path.display())
    );
    // Nothing was drawn: the terminal was never touched.
    assert!(out.stdout.is_empty());
}

#[test]
fn print_config_shows_the_effective_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[keys]\nquit = [\"x\", \"ctrl-q\"]\n").expect("write");
    let out = assert_cmd::Command::cargo_bin("dossier")
        .expect("binary")
        .arg("--config")
        .arg(&path)
        .arg("--print-config")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().any(|l| l == "quit = [\"x\", \"ctrl-q\"]"),
        "{text}"
    );
    assert!(text.lines().any(|l| l == "next_event = [\"]\"]"), "{text}");
    assert!(text.contains("[reader]\nmeasure = 80"), "{text}");
    assert!(text.contains("[ui]\nmouse = false"), "{text}");
}
