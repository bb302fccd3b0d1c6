//! Read marks: opening an article marks it read, `u` toggles the mark, `H` hides read
//! articles; marks and position survive through `saved()` / `restore_saved()`.

mod common;

use common::{press, seeds_store, state_for};

fn listed(state: &dossier::tui::app::State) -> Vec<usize> {
    state.list.rows.iter().map(|r| r.article).collect()
}

#[test]
fn open_marks_read_u_toggles_and_h_hides() {
    let mut state = state_for(seeds_store(), 80, 24, false);
    press(&mut state, &["j", "Enter", "Esc"]);
    assert!(state.read.contains(&1));
    press(&mut state, &["H"]);
    assert_eq!(listed(&state), vec![0, 2, 3, 4]);
    press(&mut state, &["H", "g", "u"]);
    assert!(state.read.contains(&0));
    press(&mut state, &["u"]);
    assert!(!state.read.contains(&0));
}

#[test]
fn saved_state_round_trips_by_origin() {
    let mut state = state_for(seeds_store(), 80, 24, false);
    press(&mut state, &["j", "j", "Enter", "j", "j", "j"]);
    let saved = state.saved();
    assert_eq!(
        saved.last_article.as_deref(),
        Some("seeds/002_1274d0bcaeb83511.txt")
    );
    assert_eq!(saved.scroll, 3);
    assert!(saved.read.contains("seeds/002_1274d0bcaeb83511.txt"));

    let mut next = state_for(seeds_store(), 80, 24, false);
    next.restore_saved(&saved);
    assert_eq!(next.reader.article, 2);
    assert_eq!(next.reader.scroll, 3);
    assert_eq!(next.list.selected, 2);
    assert!(next.read.contains(&2));
}
