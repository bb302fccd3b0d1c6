//! Styles on the `Buffer` (the text snapshots cannot see them).

mod common;

use common::*;
use ratatui::style::Modifier;

#[test]
fn selection_is_reversed_bold_under_no_color() {
    let state = state_for(hand_store(), 80, 24, true);
    let terminal = render(&state);
    let buffer = terminal.backend().buffer();
    // The first article's title row, inside the list pane.
    let cell = &buffer[(2, 1)];
    assert!(
        cell.modifier.contains(Modifier::REVERSED | Modifier::BOLD),
        "{cell:?}"
    );
    assert_eq!(cell.fg, ratatui::style::Color::Reset);
    // The second article is not selected.
    assert!(!buffer[(2, 3)].modifier.contains(Modifier::REVERSED));
    // No colour anywhere.
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
}

#[test]
fn selection_is_reversed_with_colours_too() {
    let state = state_for(hand_store(), 80, 24, false);
    let terminal = render(&state);
    let cell = &terminal.backend().buffer()[(2, 1)];
    assert!(cell.modifier.contains(Modifier::REVERSED));
}

#[test]
fn timeline_selection_is_reversed() {
    let mut state = state_for(hand_store(), 80, 24, true);
    press(&mut state, &["t", "j"]);
    let terminal = render(&state);
    let rows = screen_rows(&terminal);
    let y = rows
        .iter()
        .position(|r| r.contains("2016–2018"))
        .expect("row") as u16;
    let buffer = terminal.backend().buffer();
    assert!(buffer[(3, y)].modifier.contains(Modifier::REVERSED));
    let other = rows
        .iter()
        .position(|r| r.contains("décembre 2015"))
        .expect("row") as u16;
    assert!(!buffer[(3, other)].modifier.contains(Modifier::REVERSED));
}

/// The cells of the first occurrence of `needle` on screen.
fn find_cells(
    terminal: &ratatui::Terminal<ratatui::backend::TestBackend>,
    needle: &str,
) -> (u16, u16) {
    let rows = screen_rows(terminal);
    for (y, row) in rows.iter().enumerate() {
        if let Some(byte) = row.find(needle) {
            let x = unicode_width::UnicodeWidthStr::width(&row[..byte]);
            return (x as u16, y as u16);
        }
    }
    panic!("{needle} not on screen:\n{}", rows.join("\n"));
}

#[test]
fn jumped_sentence_and_event_are_highlighted() {
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["t", "j", "j", "Enter", "Enter"]);
    let terminal = render(&state);
    let buffer = terminal.backend().buffer();
    let theme = state.theme;
    let (x, y) = find_cells(&terminal, "Microsoft investit");
    let cell = &buffer[(x, y)];
    assert_eq!(cell.bg, theme.sentence.bg.unwrap(), "sentence background");
    // The current event (`2019`) is drawn in its own style.
    let (x, y) = find_cells(&terminal, "En 2019,");
    assert_eq!(buffer[(x + 3, y)].bg, theme.event_current.bg.unwrap());
    // Another dated mention (décembre 2015) is underlined, not current.
    let (x, y) = find_cells(&terminal, "décembre 2015");
    assert!(buffer[(x, y)].modifier.contains(Modifier::UNDERLINED));
    assert_ne!(buffer[(x, y)].bg, theme.event_current.bg.unwrap());
}

#[test]
fn search_hits_highlighted_and_current_distinct() {
    let mut state = state_for(hand_store(), 120, 40, true);
    press(&mut state, &["Enter", "/"]);
    type_text(&mut state, "Azure");
    press(&mut state, &["Enter"]);
    let terminal = render(&state);
    let buffer = terminal.backend().buffer();
    let rows = screen_rows(&terminal);
    let mut found = Vec::new();
    // The status line (`/Azure 1/2`) is not part of the text.
    for (y, row) in rows.iter().enumerate().take(rows.len() - 1) {
        for (byte, _) in row.match_indices("Azure") {
            let x = unicode_width::UnicodeWidthStr::width(&row[..byte]);
            found.push(buffer[(x as u16, y as u16)].modifier);
        }
    }
    assert_eq!(found.len(), 2, "{}", rows.join("\n"));
    assert!(found.iter().all(|m| m.contains(Modifier::REVERSED)));
    // Exactly one is the current hit (bold + underlined on top of reversed).
    assert_eq!(
        found
            .iter()
            .filter(|m| m.contains(Modifier::UNDERLINED | Modifier::BOLD))
            .count(),
        1
    );
    assert!(rows.last().unwrap().contains("/Azure 1/2"));
}

#[test]
fn fuzzy_matched_title_characters_are_highlighted() {
    let mut state = state_for(hand_store(), 80, 24, true);
    press(&mut state, &["/"]);
    type_text(&mut state, "renego");
    let terminal = render(&state);
    let buffer = terminal.backend().buffer();
    let (_, y) = find_cells(&terminal, "Microsoft et OpenAI");
    let list = state.areas().list.unwrap();
    let underlined = (list.x..list.right())
        .filter(|&x| buffer[(x, y)].modifier.contains(Modifier::UNDERLINED))
        .count();
    let positions = state.list.rows[0].title_positions.len();
    assert!(
        underlined > 0 && underlined <= positions,
        "{underlined} of {positions}"
    );
}

#[test]
fn wide_titles_keep_the_list_aligned() {
    let state = state_for(hand_store(), 80, 24, true);
    let terminal = render(&state);
    let rows = screen_rows(&terminal);
    let buffer = terminal.backend().buffer();
    let list_right = state.areas().list.unwrap().right() - 1;
    for y in 1..(rows.len() as u16 - 2) {
        assert_eq!(
            buffer[(list_right, y)].symbol(),
            "│",
            "row {y}: {}",
            rows[y as usize]
        );
    }
    assert!(rows.iter().any(|r| r.contains("東京のAI 🚀")));
}
