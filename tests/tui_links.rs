//! `y` and `o`: what would be copied or opened, as effects of `update`.

mod common;

use common::{press, seeds_store, state_for};
use dossier::tui::action::Action;
use dossier::tui::update::{update, Effect};

#[test]
fn y_copies_the_article_link_and_o_opens_it() {
    let mut state = state_for(seeds_store(), 80, 24, false);
    // Seed 002 names the Ars Technica article it recaps.
    press(&mut state, &["j", "j", "Enter"]);
    let url = "https://arstechnica.com/ai/2025/06/openai-weighs-nuclear-option-of-antitrust-complaint-against-microsoft/";
    assert_eq!(
        update(&mut state, Action::CopyLink),
        vec![Effect::Copy(url.into())]
    );
    assert_eq!(
        update(&mut state, Action::OpenLink),
        vec![Effect::Open(url.into())]
    );
}

#[test]
fn o_on_an_article_without_a_link_says_so() {
    let mut state = state_for(seeds_store(), 80, 24, false);
    press(&mut state, &["Enter"]);
    assert_eq!(update(&mut state, Action::OpenLink), vec![]);
    assert_eq!(state.notice.as_deref(), Some("this article names no link"));
    // `y` still copies something useful: the article's path.
    assert_eq!(
        update(&mut state, Action::CopyLink),
        vec![Effect::Copy("seeds/000_ac47e9236f39f515.txt".into())]
    );
}

#[test]
fn y_in_the_timeline_copies_the_event() {
    let mut state = state_for(seeds_store(), 80, 24, false);
    press(&mut state, &["t"]);
    let Some(Effect::Copy(text)) = update(&mut state, Action::CopyLink).pop() else {
        panic!("y copies in the timeline");
    };
    assert!(text.starts_with("2015 — "), "{text}");
    assert!(text.ends_with("(Actualités IA)"), "{text}");
}
