//! Timeline labels say what happened: a chronology heading takes the entry below it, a bare
//! date line takes its article's title.

use dossier::core::load::{load, Input, LoadOptions};
use dossier::core::store::Store;

fn seeds() -> Store {
    Store::new(load(&[Input::Seeds], &LoadOptions::default()).articles)
}

fn label_of(store: &Store, value: &str) -> Vec<String> {
    store
        .timeline()
        .groups
        .iter()
        .filter(|g| g.value == value)
        .map(|g| g.label.clone())
        .collect()
}

#[test]
fn a_closing_date_line_is_labelled_with_the_article_title() {
    let store = seeds();
    let labels = label_of(&store, "2025-02-19");
    assert_eq!(labels.len(), 1, "{labels:?}");
    assert!(
        labels[0].starts_with("Deux visions, un futur"),
        "{labels:?}"
    );
}

#[test]
fn a_chronology_heading_is_labelled_with_the_entry_below_it() {
    let store = seeds();
    let labels = label_of(&store, "2016/2018");
    assert_eq!(labels.len(), 1, "{labels:?}");
    assert!(
        labels[0].starts_with("Développement des premiers modèles"),
        "{labels:?}"
    );
}

#[test]
fn a_one_sentence_opening_paragraph_stays_in_the_body() {
    let text = "En 2019, Microsoft investit.\n\nLe 9 mai, l’accord est signé.\n";
    let (article, _) =
        dossier::core::load::build_article("t.txt".into(), text.as_bytes()).expect("loads");
    assert_eq!(article.title(), "En 2019, Microsoft investit");
    let first = article.block(0).map(|b| article.block_text(&b));
    assert_eq!(first, Some("En 2019, Microsoft investit."));
}

#[test]
fn a_chronology_entry_and_its_table_row_are_one_group_even_in_other_words() {
    // 001 tells 2015 as `OpenAI est fondée …` under `2015 :` and as the table row
    // `2015  Fondation d’OpenAI …`: no shared content word but the name, still one fact.
    let store = seeds();
    let groups: Vec<_> = store
        .timeline()
        .groups
        .iter()
        .filter(|g| g.value == "2015")
        .collect();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0].mentions.len(), 2);
    assert!(groups[0].mentions.iter().all(|m| m.article == 1));
    // Different articles telling different 2018 facts stay apart.
    assert_eq!(label_of(&store, "2018").len(), 2);
}
