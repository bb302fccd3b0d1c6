//! The reader's parts on their own: wrapping, the keymap, the timeline filter, action names.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dossier::tui::action::Action;
use dossier::tui::app::{find_all, TimelineFilter};
use dossier::tui::keymap::{Context, Key, Keymap};
use dossier::tui::wrap::{cut_to_width, truncate, wrap_text};
use unicode_width::UnicodeWidthStr;

#[test]
fn wrap_keeps_byte_ranges_and_respects_the_width() {
    let text = "Le partenariat entre OpenAI et Microsoft, noué en 2019, se tend en 2025.";
    let lines = wrap_text(text, 20);
    assert!(lines.len() >= 4);
    for range in &lines {
        let line = &text[range.clone()];
        assert!(line.width() <= 20, "{line:?}");
        assert!(!line.starts_with(' ') && !line.ends_with(' '));
    }
    // Every word is on exactly one line, in order.
    let rebuilt: Vec<&str> = lines
        .iter()
        .flat_map(|r| text[r.clone()].split(' '))
        .collect();
    assert_eq!(rebuilt, text.split(' ').collect::<Vec<_>>());
}

#[test]
fn wrap_cuts_long_words_on_grapheme_clusters() {
    // A URL longer than the line, CJK (2 columns each) and a family emoji (one cluster).
    let text = "voir https://example.com/un/très/long/chemin puis 東京東京東京東京 👨‍👩‍👧 fin";
    for width in [1, 3, 7, 12] {
        for range in wrap_text(text, width) {
            let line = &text[range];
            assert!(line.width() <= width.max(2), "{width}: {line:?}");
        }
    }
    let lines = wrap_text("👨‍👩‍👧👨‍👩‍👧", 2);
    assert_eq!(lines.len(), 2, "a cluster is never split");
}

#[test]
fn wrap_of_blank_text_is_empty() {
    assert!(wrap_text("", 10).is_empty());
    assert!(wrap_text("   \n ", 10).is_empty());
}

#[test]
fn truncate_by_columns() {
    assert_eq!(truncate("東京のAI", 5), "東京…");
    assert_eq!(truncate("abc", 3), "abc");
    assert_eq!(truncate("abcd", 3), "ab…");
    assert_eq!(cut_to_width("東京", 3), ("東".len(), 2));
}

#[test]
fn keymap_resolves_by_context() {
    let keymap = Keymap::default();
    let q = Key::ch('?');
    assert_eq!(
        keymap.resolve(&[Context::List, Context::Global], q),
        Some(Action::Help)
    );
    assert_eq!(
        keymap.resolve(&[Context::Reader, Context::Global], q),
        Some(Action::SearchBackward)
    );
    assert_eq!(
        keymap.resolve(&[Context::Prompt], Key::ch('q')),
        Some(Action::PromptInsert('q'))
    );
    assert_eq!(
        keymap.resolve(&[Context::Prompt], Key::ctrl('c')),
        Some(Action::ForceQuit)
    );
    assert_eq!(keymap.resolve(&[Context::Help], Key::ch('t')), None);
    // Shift is part of `G` and `?`; Shift-Tab arrives as BackTab with Shift.
    let shifted = Key::from_event(&KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
    assert_eq!(
        keymap.resolve(&[Context::List, Context::Global], shifted),
        Some(Action::Bottom)
    );
    let back_tab = Key::from_event(&KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(
        keymap.resolve(&[Context::List, Context::Global], back_tab),
        Some(Action::PrevPane)
    );
}

#[test]
fn hint_bar_is_generated_from_the_keymap() {
    let keymap = Keymap::default();
    let text = |contexts: &[Context]| {
        keymap
            .hints(contexts)
            .into_iter()
            .map(|(k, w)| format!("{k} {w}"))
            .collect::<Vec<_>>()
            .join("  ")
    };
    assert_eq!(
        text(&[Context::List, Context::Global]),
        "? help  / search  t timeline  q quit"
    );
    // In the reader `?` searches backward, so help is offered on F1.
    assert_eq!(
        text(&[Context::Reader, Context::Global]),
        "F1 help  / search  t timeline  q quit"
    );
    assert!(text(&[Context::Timeline, Context::Global]).ends_with("f filter"));
}

#[test]
fn every_bound_action_has_a_snake_case_name() {
    let keymap = Keymap::default();
    for binding in &keymap.bindings {
        let name = binding.action.name();
        assert!(!name.is_empty());
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{name}"
        );
        let back: Action = serde_json::from_value(serde_json::Value::String(name.clone()))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back, binding.action);
    }
    assert_eq!(Action::NextEvent.name(), "next_event");
    assert_eq!(Action::Quit.name(), "quit");
}

#[test]
fn help_lists_every_binding() {
    let keymap = Keymap::default();
    let rows: usize = keymap
        .help_sections()
        .iter()
        .map(|(_, rows)| rows.len())
        .sum();
    assert_eq!(rows, keymap.bindings.len());
}

#[test]
fn timeline_filter_parses_ranges_precision_source_and_words() {
    let f = TimelineFilter::parse("2019..2021 @year src:Echos Microsoft");
    assert_eq!((f.from, f.to), (Some(2019), Some(2021)));
    assert_eq!(f.precision, Some(dossier::core::article::Precision::Year));
    assert_eq!(f.source.as_deref(), Some("echos"));
    assert_eq!(f.words, vec!["Microsoft"]);
    let open = TimelineFilter::parse("2020..");
    assert_eq!((open.from, open.to), (Some(2020), None));
    let upto = TimelineFilter::parse("..2018");
    assert_eq!((upto.from, upto.to), (None, Some(2018)));
    let single = TimelineFilter::parse("2019");
    assert_eq!((single.from, single.to), (Some(2019), Some(2019)));
    let words = TimelineFilter::parse("v1..v2");
    assert_eq!(words.words, vec!["v1..v2"]);
    assert!(TimelineFilter::parse("").is_empty());
}

#[test]
fn in_article_search_folds_case_without_losing_offsets() {
    // `İ` lowercases to two chars (3 bytes): offsets after it must still be right.
    let text = "İstanbul ÉTÉ été Été\n";
    let builder = dossier::core::article::Article::new(dossier::core::article::ArticleParts {
        origin: "t".into(),
        title: "t".into(),
        text: text.into(),
        blocks: vec![dossier::core::article::Block::new(
            dossier::core::article::BlockKind::Paragraph,
            0..text.len() - 1,
            0..text.len() - 1,
        )],
        ..Default::default()
    });
    let hits = find_all(&builder, "été");
    let found: Vec<&str> = hits.iter().map(|r| builder.slice(r)).collect();
    assert_eq!(found, vec!["ÉTÉ", "été", "Été"]);
    let hits = find_all(&builder, "Été");
    assert_eq!(
        hits.iter().map(|r| builder.slice(r)).collect::<Vec<_>>(),
        vec!["Été"]
    );
    let hits = find_all(&builder, "stanbul é");
    assert_eq!(hits.len(), 1);
    assert_eq!(builder.slice(&hits[0]), "stanbul É");
}
