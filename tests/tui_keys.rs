//! Key sequences on the reader's `State`: assertions on facts (which article, which sentence,
//! which row, which hit), so they survive changes to the parsers and the dates extractor.

mod common;

use common::*;
use dossier::tui::app::{Pane, View};

fn selected_title(state: &dossier::tui::app::State) -> String {
    let row = state
        .list
        .rows
        .get(state.list.selected)
        .expect("a selected row");
    state.store.articles[row.article].title().to_string()
}

fn reader_title(state: &dossier::tui::app::State) -> String {
    state.article().expect("an article").title().to_string()
}

/// The arena text of the highlighted sentence.
fn highlighted_sentence(state: &dossier::tui::app::State) -> String {
    let range = state
        .reader
        .sentence
        .clone()
        .expect("a highlighted sentence");
    state.article().expect("article").slice(&range).to_string()
}

/// Whether the wrapped line showing `offset` is inside the reader's visible window.
fn offset_visible(state: &dossier::tui::app::State, offset: usize) -> bool {
    let wrapped = state.reader.wrapped.as_ref().expect("wrapped");
    let line = wrapped.line_of(offset);
    line >= state.reader.scroll && line < state.reader.scroll + state.reader_height()
}

#[test]
fn enter_on_the_2019_event_opens_the_sentence_highlighted() {
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["t"]);
    assert_eq!(state.view(), View::Timeline);
    // Rows: 2015-12, 2016/2018, 2019, ...
    press(&mut state, &["j", "j"]);
    let group = state.timeline.rows[state.timeline.selected];
    assert_eq!(state.store.timeline().groups[group].value, "2019");
    // Two mentions: the comparison comes first.
    press(&mut state, &["Enter"]);
    assert_eq!(state.view(), View::Compare);
    press(&mut state, &["Enter"]);
    assert_eq!(state.view(), View::EventReader);
    assert_eq!(reader_title(&state), "OpenAI et Microsoft, une histoire");
    let sentence = highlighted_sentence(&state);
    assert!(
        sentence.contains("Microsoft investit 1 milliard de dollars dans OpenAI"),
        "{sentence}"
    );
    let start = state.reader.sentence.clone().unwrap().start;
    assert!(offset_visible(&state, start));
    // The screen shows it.
    let screen = screen_text(&render(&state));
    assert!(screen.contains("Microsoft investit 1 milliard"), "{screen}");
}

#[test]
fn compare_second_mention_jumps_into_the_other_article() {
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["t", "j", "j", "Enter", "j", "Enter"]);
    assert_eq!(reader_title(&state), "Microsoft et OpenAI renégocient");
    assert!(highlighted_sentence(&state).contains("juillet 2019"));
}

#[test]
fn q_and_esc_return_to_the_timeline_at_the_same_row() {
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["t", "j", "j", "j", "Enter"]);
    // 2021 has one mention: straight into the article.
    assert_eq!(state.view(), View::EventReader);
    assert!(highlighted_sentence(&state).contains("Depuis 2021"));
    press(&mut state, &["q"]);
    assert_eq!(state.view(), View::Timeline);
    assert_eq!(state.timeline.selected, 3);
    press(&mut state, &["Enter", "Esc"]);
    assert_eq!(state.view(), View::Timeline);
    assert_eq!(state.timeline.selected, 3);
    // Through the comparison and back.
    press(&mut state, &["k", "Enter", "Enter", "q", "q"]);
    assert_eq!(state.view(), View::Timeline);
    assert_eq!(state.timeline.selected, 2);
    // `t` again goes back to the articles; q there quits.
    press(&mut state, &["t"]);
    assert_eq!(state.view(), View::Articles);
    assert!(!state.quit);
    press(&mut state, &["q"]);
    assert!(state.quit);
}

#[test]
fn brackets_step_through_dated_events() {
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["t", "j", "j", "Enter", "Enter"]);
    let article = state.article().unwrap().clone();
    let current = |s: &dossier::tui::app::State| {
        let e = &article.events()[s.reader.event.expect("a current event")];
        article.slice(&e.span).to_string()
    };
    assert_eq!(current(&state), "2019");
    press(&mut state, &["]"]);
    assert_eq!(current(&state), "janvier 2023");
    assert!(highlighted_sentence(&state).starts_with("En janvier 2023"));
    let at = article.events()[state.reader.event.unwrap()].span.start;
    assert!(offset_visible(&state, at));
    press(&mut state, &["]"]);
    assert_eq!(current(&state), "janvier 2023", "no event after the last");
    press(&mut state, &["[", "["]);
    assert_eq!(current(&state), "décembre 2015");
}

#[test]
fn bracket_from_the_top_of_an_article_finds_the_first_event() {
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["Enter", "]"]);
    assert_eq!(state.focus, Pane::Reader);
    let article = state.article().unwrap();
    let e = &article.events()[state.reader.event.expect("an event")];
    assert_eq!(article.slice(&e.span), "décembre 2015");
}

#[test]
fn n_cycles_search_hits_with_a_counter() {
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["Enter", "/"]);
    type_text(&mut state, "microsoft");
    press(&mut state, &["Enter"]);
    let search = state.reader.search.clone().expect("a search");
    // Smart case: lowercase query matches `Microsoft` everywhere in the blocks.
    let expected = state
        .article()
        .unwrap()
        .blocks()
        .map(|b| {
            state
                .article()
                .unwrap()
                .block_text(&b)
                .matches("Microsoft")
                .count()
        })
        .sum::<usize>();
    assert_eq!(search.hits.len(), expected);
    assert!(expected >= 4);
    assert_eq!(search.current, Some(0));
    let status = dossier::tui::view::status::info(&state);
    assert!(
        status.contains(&format!("/microsoft 1/{expected}")),
        "{status}"
    );
    press(&mut state, &["n"]);
    assert_eq!(state.reader.search.as_ref().unwrap().current, Some(1));
    assert!(dossier::tui::view::status::info(&state).contains(&format!("2/{expected}")));
    for _ in 1..expected {
        press(&mut state, &["n"]);
    }
    assert_eq!(
        state.reader.search.as_ref().unwrap().current,
        Some(0),
        "wraps around"
    );
    press(&mut state, &["N"]);
    assert_eq!(
        state.reader.search.as_ref().unwrap().current,
        Some(expected - 1)
    );
    // Every hit really is the word.
    let article = state.article().unwrap();
    for hit in &state.reader.search.as_ref().unwrap().hits {
        assert_eq!(article.slice(hit), "Microsoft");
    }
    // Case-sensitive when the query has a capital: `Azure` vs `azure`.
    press(&mut state, &["/"]);
    type_text(&mut state, "Azure");
    press(&mut state, &["Enter"]);
    assert_eq!(state.reader.search.as_ref().unwrap().hits.len(), 2);
    press(&mut state, &["/"]);
    type_text(&mut state, "AZURE");
    assert_eq!(state.reader.search.as_ref().unwrap().hits.len(), 0);
    press(&mut state, &["Esc"]);
    assert!(state.reader.search.is_none());
}

#[test]
fn backward_search_and_resize_keep_the_current_hit() {
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["Enter", "G", "?"]);
    type_text(&mut state, "milliard");
    press(&mut state, &["Enter"]);
    let search = state.reader.search.clone().unwrap();
    assert!(search.backward);
    let before = search.current.expect("a current hit");
    press(&mut state, &["n"]);
    let after = state.reader.search.as_ref().unwrap().current.unwrap();
    assert_eq!(after, (before + search.hits.len() - 1) % search.hits.len());
    dossier::tui::run::handle(
        &mut state,
        dossier::tui::run::Message::Resize(120, 40),
        None,
    );
    let kept = state.reader.search.as_ref().unwrap();
    assert_eq!(kept.current, Some(after));
    let at = kept.hits[after].start;
    assert!(offset_visible(&state, at) || state.reader.scroll == state.max_scroll());
}

#[test]
fn list_fuzzy_search_filters_ranks_and_esc_clears() {
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["/"]);
    type_text(&mut state, "renego");
    // A title fuzzy hit ranks first, its matched characters recorded.
    assert_eq!(selected_title(&state), "Microsoft et OpenAI renégocient");
    let row = &state.list.rows[0];
    assert!(!row.title_positions.is_empty());
    press(&mut state, &["Enter"]);
    assert!(state.prompt.is_none());
    assert!(state.list.filter.is_some(), "Enter keeps the filter");
    let kept = state.list.rows.len();
    assert!(kept < 3, "{kept}");
    press(&mut state, &["Esc"]);
    assert!(state.list.filter.is_none());
    assert_eq!(state.list.rows.len(), 3);
    // Bodies by words: `Stargate` is only in the third article's body.
    press(&mut state, &["/"]);
    type_text(&mut state, "stargate");
    assert_eq!(state.list.rows.len(), 1);
    assert_eq!(selected_title(&state), "東京のAI 🚀 ロケット");
    press(&mut state, &["Esc"]);
    assert_eq!(state.list.rows.len(), 3);
}

#[test]
fn stale_search_results_are_dropped() {
    use dossier::tui::app::SearchTarget;
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["/"]);
    type_text(&mut state, "stargate");
    let generation = state.search_generation;
    // Results of an older query arrive late: ignored.
    let stale = dossier::tui::run::run_search_now(
        &state.store,
        generation - 1,
        SearchTarget::List,
        "microsoft",
    );
    assert!(!state.apply_search(stale));
    assert_eq!(state.list.rows.len(), 1);
}

#[test]
fn worker_thread_answers_with_the_latest_query() {
    use dossier::tui::app::SearchTarget;
    use dossier::tui::run::{Message, SearchWorker};
    use dossier::tui::update::Effect;
    let store = std::sync::Arc::new(hand_store());
    let (tx, rx) = std::sync::mpsc::channel();
    let mut worker = SearchWorker::spawn(tx);
    for (generation, query) in [(1, "micro"), (2, "stargate")] {
        let search = Effect::Search {
            generation,
            target: SearchTarget::List,
            query: query.into(),
        };
        worker.run(search, &store, 0);
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok(Message::SearchDone(results)) if results.generation == 2 => {
                assert_eq!(results.hits.len(), 1);
                assert_eq!(results.hits[0].article, 2);
                break;
            }
            Ok(_) => continue,
            Err(err) => panic!("no result for the latest query: {err}"),
        }
    }
}

#[test]
fn s_cycles_sort_by_date_title_and_input_order() {
    let mut state = state_for(hand_store(), 80, 24, false);
    let order =
        |s: &dossier::tui::app::State| s.list.rows.iter().map(|r| r.article).collect::<Vec<_>>();
    assert_eq!(order(&state), vec![0, 1, 2]);
    press(&mut state, &["s"]);
    // Newest first (2025-05, 2025-02-19), undated last.
    assert_eq!(order(&state), vec![1, 0, 2]);
    press(&mut state, &["s"]);
    // By title, case-insensitive.
    let titles: Vec<String> = order(&state)
        .into_iter()
        .map(|id| state.store.articles[id].title().to_lowercase())
        .collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);
    press(&mut state, &["s"]);
    assert_eq!(order(&state), vec![0, 1, 2]);
}

#[test]
fn panes_focus_and_back_never_quits() {
    let mut state = state_for(hand_store(), 80, 24, false);
    assert_eq!(state.focus, Pane::List);
    press(&mut state, &["Tab"]);
    assert_eq!(state.focus, Pane::Reader);
    press(&mut state, &["BackTab"]);
    assert_eq!(state.focus, Pane::List);
    press(&mut state, &["j", "Enter"]);
    assert_eq!(state.focus, Pane::Reader);
    assert_eq!(reader_title(&state), "Microsoft et OpenAI renégocient");
    for _ in 0..5 {
        press(&mut state, &["Esc"]);
    }
    assert!(!state.quit);
    assert_eq!(state.focus, Pane::List);
}

#[test]
fn reader_scrolls_by_lines_and_pages() {
    let mut state = state_for(seeds_store(), 80, 24, false);
    press(&mut state, &["Enter"]);
    let max = state.max_scroll();
    assert!(max > 20, "a seed article is longer than a screen");
    press(&mut state, &["j", "j", "Down"]);
    assert_eq!(state.reader.scroll, 3);
    press(&mut state, &["k"]);
    assert_eq!(state.reader.scroll, 2);
    press(&mut state, &["C-d"]);
    let half = state.reader.scroll;
    assert!(half > 2);
    press(&mut state, &["C-u"]);
    assert_eq!(state.reader.scroll, 2);
    press(&mut state, &["Space"]);
    assert_eq!(state.reader.scroll, 2 + state.reader_height() - 1);
    press(&mut state, &["b"]);
    assert_eq!(state.reader.scroll, 2);
    press(&mut state, &["G"]);
    assert_eq!(state.reader.scroll, max);
    press(&mut state, &["g"]);
    assert_eq!(state.reader.scroll, 0);
    press(&mut state, &["End", "PgDn"]);
    assert_eq!(state.reader.scroll, max);
}

#[test]
fn reading_position_survives_a_resize() {
    let mut state = state_for(seeds_store(), 80, 24, false);
    press(&mut state, &["Enter", "C-d", "C-d", "C-d"]);
    let top = state.top_offset();
    dossier::tui::run::handle(
        &mut state,
        dossier::tui::run::Message::Resize(200, 60),
        None,
    );
    let wrapped = state.reader.wrapped.clone().unwrap();
    // The line now at the top shows the same text position.
    assert_eq!(
        wrapped.line_of(top),
        state.reader.scroll.max(wrapped.line_of(top))
    );
    assert!(state.reader.scroll <= wrapped.line_of(top));
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    for keys in [vec!["?"], vec!["/"], vec!["t", "f"], vec!["Enter"], vec![]] {
        let mut state = state_for(hand_store(), 80, 24, false);
        press(&mut state, &keys);
        press(&mut state, &["C-c"]);
        assert!(state.quit, "{keys:?}");
    }
}

#[test]
fn help_overlay_and_its_filter() {
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["?"]);
    assert!(state.help.is_some());
    press(&mut state, &["/"]);
    type_text(&mut state, "dated event");
    press(&mut state, &["Enter"]);
    let rows = dossier::tui::view::help::help_lines(&state, &state.help.as_ref().unwrap().filter);
    let entries: Vec<_> = rows.iter().filter(|r| !r.0 && !r.1.is_empty()).collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(entries.iter().all(|r| r.2.contains("event")));
    assert!(entries.iter().any(|r| r.1 == "]"));
    // q and Esc close the help, they do not quit.
    press(&mut state, &["q"]);
    assert!(state.help.is_none());
    assert!(!state.quit);
}

#[test]
fn timeline_filter_range_precision_and_source() {
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["t", "f"]);
    type_text(&mut state, "2019..2021");
    press(&mut state, &["Enter"]);
    let values = |s: &dossier::tui::app::State| {
        s.timeline
            .rows
            .iter()
            .map(|&i| s.store.timeline().groups[i].value.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(values(&state), vec!["2019", "2021"]);
    assert!(dossier::tui::view::status::info(&state).contains("filter: 2019..2021"));
    // The 2016–2018 range overlaps 2017..
    press(
        &mut state,
        &[
            "f",
            "Backspace",
            "Backspace",
            "Backspace",
            "Backspace",
            "Backspace",
            "Backspace",
            "Backspace",
            "Backspace",
            "Backspace",
            "Backspace",
        ],
    );
    type_text(&mut state, "2017.. @year");
    press(&mut state, &["Enter"]);
    assert_eq!(values(&state), vec!["2019", "2021"]);
    press(&mut state, &["Esc"]);
    assert_eq!(values(&state).len(), 6);
    press(&mut state, &["f"]);
    type_text(&mut state, "src:echos");
    assert_eq!(values(&state), vec!["2019", "2021", "2025-02-19"]);
    press(&mut state, &["Esc"]);
    assert_eq!(values(&state).len(), 6);
}

#[test]
fn timeline_fuzzy_search_keeps_matching_groups() {
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["t", "/"]);
    type_text(&mut state, "stargate");
    let values: Vec<_> = state
        .timeline
        .rows
        .iter()
        .map(|&i| state.store.timeline().groups[i].value.clone())
        .collect();
    assert_eq!(values, vec!["2016/2018"]);
    press(&mut state, &["Esc"]);
    assert_eq!(state.timeline.rows.len(), 6);
    assert_eq!(state.view(), View::Timeline);
}

#[test]
fn key_release_events_are_ignored() {
    use crossterm::event::{KeyEventKind, KeyEventState};
    let mut state = state_for(hand_store(), 80, 24, false);
    let mut release = key("j");
    release.kind = KeyEventKind::Release;
    release.state = KeyEventState::NONE;
    let dirty =
        dossier::tui::run::handle(&mut state, dossier::tui::run::Message::Key(release), None);
    assert!(!dirty);
    assert_eq!(state.list.selected, 0);
}

/// On the real seeds (parsers + dates extractor): some mention of a 2019 timeline entry, opened
/// with Enter, lands on "Microsoft investit 1 milliard de dollars dans OpenAI" highlighted.
#[test]
fn seeds_enter_on_2019_highlights_the_microsoft_investment() {
    let mut state = state_for(seeds_store(), 80, 24, false);
    press(&mut state, &["t"]);
    let rows: Vec<usize> = state.timeline.rows.clone();
    let mut seen = Vec::new();
    for (row, &group) in rows.iter().enumerate() {
        let g = &state.store.timeline().groups[group];
        if g.value != "2019" {
            continue;
        }
        for mention in 0..g.mentions.len() {
            press(&mut state, &["g"]);
            for _ in 0..row {
                press(&mut state, &["j"]);
            }
            press(&mut state, &["Enter"]);
            if state.view() == View::Compare {
                for _ in 0..mention {
                    press(&mut state, &["j"]);
                }
                press(&mut state, &["Enter"]);
            }
            assert_eq!(state.view(), View::EventReader);
            let text = highlighted_sentence(&state);
            let start = state.reader.sentence.clone().unwrap().start;
            assert!(offset_visible(&state, start));
            if text.contains("Microsoft investit 1 milliard de dollars dans OpenAI") {
                let screen = screen_text(&render(&state));
                assert!(
                    screen.contains("Microsoft investit 1 milliard de dollars"),
                    "{screen}"
                );
                return;
            }
            seen.push(text);
            press(&mut state, &["q"]);
            if state.view() == View::Compare {
                press(&mut state, &["q"]);
            }
            assert_eq!(state.view(), View::Timeline);
        }
    }
    panic!("no 2019 mention highlights the investment sentence; saw {seen:?}");
}

#[test]
fn esc_glued_to_a_key_reads_as_esc_then_the_key() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["/"]);
    type_text(&mut state, "stargate");
    // What a terminal sends for Esc then q typed fast: Alt-q.
    let alt_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT);
    dossier::tui::run::handle(&mut state, dossier::tui::run::Message::Key(alt_q), None);
    assert!(state.prompt.is_none());
    assert!(state.list.filter.is_none(), "Esc cleared the search");
    assert!(state.quit, "then q quit");
}

#[test]
fn fuzzy_search_selects_the_best_hit() {
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["j", "j", "/"]);
    type_text(&mut state, "microsoft");
    assert_eq!(state.list.selected, 0);
    let best = state.list.rows[0].article;
    assert_eq!(
        state.reader.article, best,
        "the reader follows the selection"
    );
}

#[test]
fn a_resize_at_the_top_keeps_the_title_in_view() {
    let mut state = state_for(hand_store(), 80, 24, false);
    dossier::tui::run::handle(
        &mut state,
        dossier::tui::run::Message::Resize(200, 60),
        None,
    );
    assert_eq!(state.reader.scroll, 0);
    let screen = screen_text(&render(&state));
    assert!(screen.contains("OpenAI et Microsoft, une"));
}

#[test]
fn a_chronology_date_highlights_the_fact_it_heads() {
    use dossier::core::article::{BlockKind, Precision, Ymd};
    use dossier::core::timeline::{EventRef, Group, Timeline};
    let article = ArticleBuilder::new(0, "Chronologie", Some("Actualités IA"), None)
        .block(BlockKind::Heading(3), "2019 :")
        .para("Microsoft investit 1 milliard de dollars dans OpenAI. L'accord est formalisé.")
        .event(
            "2019 :",
            "2019",
            "2019",
            Precision::Year,
            Ymd::new(2019, 1, 1),
            Ymd::new(2019, 12, 31),
        )
        .build();
    let store = dossier::core::store::Store::with_timeline(
        vec![article],
        Timeline {
            groups: vec![Group {
                value: "2019".into(),
                precision: Precision::Year,
                start: Ymd::new(2019, 1, 1),
                end: Ymd::new(2019, 12, 31),
                label: "2019 :".into(),
                mentions: vec![EventRef {
                    article: 0,
                    event: 0,
                }],
            }],
        },
    );
    let mut state = state_for(store, 80, 24, false);
    press(&mut state, &["t"]);
    // The row shows the fact, not the bare date.
    let screen = screen_text(&render(&state));
    assert!(screen.contains("2019 : Microsoft investit"), "{screen}");
    press(&mut state, &["Enter"]);
    assert_eq!(
        highlighted_sentence(&state),
        "2019 :\nMicrosoft investit 1 milliard de dollars dans OpenAI."
    );
}

#[test]
fn a_newer_keystroke_supersedes_the_running_query_and_old_rows_stay_meanwhile() {
    use dossier::tui::action::Action;
    use dossier::tui::app::SearchTarget;
    use dossier::tui::run::run_search_now;
    use dossier::tui::update::{update, Effect};
    let mut state = state_for(hand_store(), 80, 24, false);
    press(&mut state, &["/"]);
    type_text(&mut state, "micro");
    let shown = |state: &dossier::tui::app::State| -> Vec<usize> {
        state.list.rows.iter().map(|r| r.article).collect()
    };
    let before = shown(&state);
    assert_eq!(before.len(), 3, "every article names Microsoft");
    // Two keystrokes while the worker is busy: each asks for a new search (the worker cancels
    // the one in flight when the next arrives: `SearchWorker::run`).
    let first = update(&mut state, Action::PromptInsert('s'));
    let second = update(&mut state, Action::PromptInsert('o'));
    for effects in [&first, &second] {
        assert!(
            matches!(effects.as_slice(), [Effect::Search { .. }]),
            "{effects:?}"
        );
    }
    let generation_of = |effects: &[Effect]| match effects.last() {
        Some(Effect::Search { generation, .. }) => *generation,
        _ => unreachable!("checked above"),
    };
    let (older, newer) = (generation_of(&first), generation_of(&second));
    assert!(newer > older);
    // Until an answer comes, the old rows stay on screen (no flash of an empty list).
    assert_eq!(shown(&state), before);
    assert!(screen_text(&render(&state)).contains("OpenAI et Microsoft, une"));
    // The superseded query's answer is dropped; the newest one replaces the rows.
    let stale = run_search_now(&state.store, older, SearchTarget::List, "micros");
    assert!(!state.apply_search(stale));
    assert_eq!(shown(&state), before);
    let fresh = run_search_now(&state.store, newer, SearchTarget::List, "microso");
    assert!(state.apply_search(fresh));
    assert_eq!(shown(&state).len(), 3);
}

#[test]
fn z_zooms_the_focused_pane_to_the_full_width_and_back() {
    let mut state = state_for(seeds_store(), 80, 24, false);
    let split = state.areas();
    assert!(
        split.list.is_some() && split.reader.is_some(),
        "80x24 splits"
    );
    press(&mut state, &["z"]);
    assert_eq!(
        state.areas().list.map(|r| r.width),
        Some(80),
        "the list alone"
    );
    assert_eq!(state.areas().reader, None);
    press(&mut state, &["Enter"]);
    assert_eq!(state.focus, Pane::Reader);
    assert_eq!(state.areas().list, None);
    assert_eq!(
        state.areas().reader.map(|r| r.width),
        Some(80),
        "the reader alone"
    );
    // The text is wrapped for the wider column, and scrolls there.
    let before = state.reader.scroll;
    press(&mut state, &["j"]);
    assert_eq!(state.reader.scroll, before + 1);
    press(&mut state, &["Tab"]);
    assert_eq!(state.areas().list.map(|r| r.width), Some(80));
    press(&mut state, &["z"]);
    assert_eq!(state.areas(), split, "both panes again");
    // The timeline is already full width: `z` changes nothing there.
    press(&mut state, &["t", "z", "t"]);
    assert_eq!(state.areas(), split);
}

#[test]
fn a_search_stopped_at_its_limit_shows_its_count_as_a_floor() {
    use dossier::core::store::Store;
    use dossier::tui::run::SEARCH_LIMIT;
    let articles = (0..SEARCH_LIMIT + 3)
        .map(|i| {
            ArticleBuilder::new(i, &format!("Release note {i}"), None, None)
                .para("A short note.")
                .build()
        })
        .collect();
    let store = Store::new(articles);
    let total = SEARCH_LIMIT + 3;
    let mut state = state_for(store.clone(), 80, 24, true);
    press(&mut state, &["/"]);
    type_text(&mut state, "note");
    let screen = screen_text(&render(&state));
    assert!(
        screen.contains(&format!("Articles {SEARCH_LIMIT}+/{total}")),
        "{screen}"
    );
    press(&mut state, &["Enter"]);
    let screen = screen_text(&render(&state));
    assert!(
        screen.contains(&format!("/note {SEARCH_LIMIT}+/{total} articles")),
        "{screen}"
    );
    // A query under the limit counts its matches exactly: only `2002` holds 2, 0, 0, 2.
    let mut state = state_for(store, 80, 24, true);
    press(&mut state, &["/"]);
    type_text(&mut state, "note 2002");
    press(&mut state, &["Enter"]);
    let screen = screen_text(&render(&state));
    assert!(screen.contains(&format!("Articles 1/{total}")), "{screen}");
    assert!(
        screen.contains(&format!("/note 2002 1/{total} articles")),
        "{screen}"
    );
}
