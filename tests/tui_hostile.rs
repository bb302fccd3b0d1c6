//! Hostile articles are inert on screen: after rendering every view over articles full of
//! escape sequences, C1 controls, bidi overrides and zero-width characters (raw, as HTML
//! entities, as Markdown entities, in file names), no buffer cell holds a control, bidi or
//! zero-width format character, and the words around them are still readable.

mod common;

use common::{press, render, state_for};
use dossier::core::load::build_article;
use dossier::core::store::Store;
use dossier::tui::app::State;

const HOSTILE: [(&str, &str); 6] = [
    (
        "title\u{1b}]0;pwned\u{7}.txt",
        "Titre \u{1b}]0;owned\u{7}propre\n\nEn 2019, \u{1b}[2J\u{1b}[31mrouge\u{1b}[0m et \u{9b}31mC1\u{9c} fin.\n\nUn OSC jamais terminé \u{1b}]52;c;aGVsbG8= reste sur sa ligne\n\nLa ligne suivante se lit : lisible après.\n",
    ),
    (
        "bidi.txt",
        "Facture \u{202e}fdp.exe\u{202c} et \u{2066}isolé\u{2069} en mai 2025\n\nZéro\u{200b}largeur\u{2060}joint\u{feff} et mot\u{ad}coupé.\n",
    ),
    (
        "entities.html",
        "<html><head><title>T&#27;]0;x&#7;itre</title></head><body><h1>Un &#27;[31mtitre</h1><p>Texte &#x202E;inversé&#x202C; le 19 juin 2024 &#128;&#155;2J &#0; fin.</p><ul><li>&#x200B;point</li></ul></body></html>",
    ),
    (
        "entities.md",
        "# Titre &#27;[1m gras\n\nParagraphe &#x202E;retourné en 2020 &#27;]8;;http://evil&#7;lien&#27;]8;;&#7;.\n\n| Année | Fait &#27;[5m |\n|---|---|\n| 2021 | clignote |\n",
    ),
    (
        "dcs.txt",
        "Avant \u{1b}P+q544e\u{1b}\\ DCS \u{1b}_APC\u{1b}\\ \u{1b}^PM\u{1b}\\ \u{1b}X SOS \u{1b}\\ après, en 2018.\n",
    ),
    (
        "tags.txt",
        "Drapeau \u{e0067}\u{e0062}\u{e007f} étiquette et \u{7}cloche\u{8} retour en 2017.\n",
    ),
];

fn hostile_store() -> Store {
    let articles = HOSTILE
        .iter()
        .enumerate()
        .map(|(id, (name, text))| {
            let (mut article, _) =
                build_article((*name).to_string(), text.as_bytes()).expect("loads");
            article.id = id;
            article
        })
        .collect();
    Store::new(articles)
}

/// A character that must never reach a terminal cell.
fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061c}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{ad}'
            | '\u{e0000}'..='\u{e007f}')
}

fn assert_inert(state: &State, what: &str) -> String {
    let terminal = render(state);
    let buffer = terminal.backend().buffer();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                !symbol.chars().any(is_forbidden),
                "{what}: cell ({x},{y}) holds {symbol:?}"
            );
        }
    }
    common::screen_text(&terminal)
}

#[test]
fn every_view_of_hostile_articles_is_inert() {
    let mut state = state_for(hostile_store(), 100, 30, false);
    let first = assert_inert(&state, "first screen");
    assert!(first.contains("Articles 6"), "{first}");
    for article in 0..HOSTILE.len() {
        if article > 0 {
            press(&mut state, &["Esc", "j"]);
        }
        press(&mut state, &["Enter"]);
        assert_inert(&state, &format!("article {article}"));
        for _ in 0..3 {
            press(&mut state, &["]"]);
            assert_inert(&state, &format!("article {article} event"));
        }
    }
    press(&mut state, &["t"]);
    assert_inert(&state, "timeline");
    press(&mut state, &["Enter"]);
    assert_inert(&state, "timeline jump");
    press(&mut state, &["q", "?"]);
    assert_inert(&state, "help");
}

#[test]
fn text_around_an_unterminated_osc_stays_readable() {
    let mut state = state_for(hostile_store(), 120, 40, false);
    press(&mut state, &["Enter"]);
    let screen = assert_inert(&state, "article 0");
    assert!(screen.contains("La ligne suivante se lit"), "{screen}");
    assert!(screen.contains("rouge"), "{screen}");
    assert!(!screen.contains("[31m"), "{screen}");
    assert!(
        !screen.contains("pwned") && !screen.contains("owned"),
        "{screen}"
    );
}
