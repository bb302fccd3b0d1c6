//! Whole screens on a `TestBackend`, snapshotted with insta (text only: `Display` drops
//! styles; styles are asserted in `tui_styles.rs`). Seed snapshots change when the parsers and
//! the dates extractor improve: review and accept them then.

mod common;

use common::*;
use insta::assert_snapshot;

fn snap(state: &dossier::tui::app::State) -> String {
    screen_text(&render(state))
}

#[test]
fn seeds_first_screen_80x24() {
    let state = state_for(seeds_store(), 80, 24, true);
    let screen = snap(&state);
    assert!(screen.contains("Articles 5"));
    assert!(screen.contains("? help  / search  t timeline  q quit"));
    assert_snapshot!(screen);
}

#[test]
fn seeds_first_screen_40x12() {
    let state = state_for(seeds_store(), 40, 12, true);
    assert_snapshot!(snap(&state));
}

#[test]
fn seeds_first_screen_200x60() {
    let state = state_for(seeds_store(), 200, 60, true);
    assert_snapshot!(snap(&state));
}

#[test]
fn seeds_article_open_80x24() {
    let mut state = state_for(seeds_store(), 80, 24, true);
    press(&mut state, &["j", "Enter"]);
    assert_snapshot!(snap(&state));
}

#[test]
fn seeds_timeline_80x24() {
    let mut state = state_for(seeds_store(), 80, 24, true);
    press(&mut state, &["t"]);
    assert_snapshot!(snap(&state));
}

#[test]
fn seeds_help_80x24() {
    let mut state = state_for(seeds_store(), 80, 24, true);
    press(&mut state, &["?"]);
    assert_snapshot!(snap(&state));
}

#[test]
fn seeds_fuzzy_search_80x24() {
    let mut state = state_for(seeds_store(), 80, 24, true);
    press(&mut state, &["/"]);
    type_text(&mut state, "drama");
    assert_snapshot!(snap(&state));
}

#[test]
fn hand_first_screen_80x24() {
    let state = state_for(hand_store(), 80, 24, true);
    assert_snapshot!(snap(&state));
}

#[test]
fn hand_article_with_table_and_list_80x24() {
    let mut state = state_for(hand_store(), 80, 24, true);
    press(&mut state, &["Enter"]);
    let screen = snap(&state);
    // Table rows aligned in columns.
    let rows = screen_rows(&render(&state));
    let header = rows
        .iter()
        .find(|r| r.contains("Année"))
        .expect("table header");
    let second = rows
        .iter()
        .find(|r| r.contains("1 milliard  "))
        .expect("table row");
    let column = |row: &str, needle: &str| {
        row.find(needle)
            .map(|b| unicode_width::UnicodeWidthStr::width(&row[..b]))
    };
    assert_eq!(column(header, "Montant"), column(second, "1 milliard"));
    assert_eq!(column(header, "Investisseur"), column(second, "Microsoft"));
    assert_snapshot!(screen);
}

#[test]
fn hand_timeline_80x24() {
    let mut state = state_for(hand_store(), 80, 24, true);
    press(&mut state, &["t"]);
    let screen = snap(&state);
    for date in [
        "décembre 2015",
        "2016–2018",
        "2019",
        "janvier 2023",
        "19 févr. 2025",
    ] {
        assert!(screen.contains(date), "{date}\n{screen}");
    }
    assert_snapshot!(screen);
}

#[test]
fn hand_timeline_filtered_2019_2021_80x24() {
    let mut state = state_for(hand_store(), 80, 24, true);
    press(&mut state, &["t", "f"]);
    type_text(&mut state, "2019..2021");
    press(&mut state, &["Enter"]);
    let screen = snap(&state);
    assert!(screen.contains("filter: 2019..2021"));
    assert!(!screen.contains("janvier 2023"));
    assert_snapshot!(screen);
}

#[test]
fn hand_timeline_40x12_and_200x60() {
    for (w, h) in [(40, 12), (200, 60)] {
        let mut state = state_for(hand_store(), w, h, true);
        press(&mut state, &["t"]);
        assert_snapshot!(format!("hand_timeline_{w}x{h}"), snap(&state));
    }
}

#[test]
fn hand_compare_80x24() {
    let mut state = state_for(hand_store(), 80, 24, true);
    press(&mut state, &["t", "j", "j", "Enter"]);
    let screen = snap(&state);
    assert!(
        screen.contains("≠"),
        "conflicting values are flagged\n{screen}"
    );
    assert!(screen.contains("« juillet 2019 »"));
    assert_snapshot!(screen);
}

#[test]
fn hand_event_reader_80x24() {
    let mut state = state_for(hand_store(), 80, 24, true);
    press(&mut state, &["t", "j", "j", "Enter", "Enter"]);
    assert_snapshot!(snap(&state));
}

#[test]
fn hand_fuzzy_search_80x24() {
    let mut state = state_for(hand_store(), 80, 24, true);
    press(&mut state, &["/"]);
    type_text(&mut state, "renego");
    assert_snapshot!(snap(&state));
}

#[test]
fn every_view_renders_at_tiny_and_odd_sizes() {
    for (w, h) in [
        (1, 1),
        (10, 3),
        (20, 5),
        (40, 12),
        (59, 20),
        (61, 20),
        (200, 60),
    ] {
        for keys in [
            vec![],
            vec!["Enter"],
            vec!["t"],
            vec!["t", "j", "j", "Enter"],
            vec!["t", "j", "j", "Enter", "Enter"],
            vec!["?"],
            vec!["/", "x"],
        ] {
            let mut state = state_for(hand_store(), w, h, false);
            press(&mut state, &keys);
            let _ = render(&state);
        }
    }
}
