//! The store changing under the reader: batches of a progressive load arrive (list fills in
//! input order, selection stays, progress on the status line, a search typed meanwhile runs
//! again, saved state applied when its article arrives), and reloads merge by origin.

mod common;

use common::{press, render, screen_rows, screen_text, state_for, type_text};
use dossier::core::article::Article;
use dossier::core::load::{build_article, load, Batch, Input, LoadOptions, Problem};
use dossier::core::store::Store;
use dossier::saved::CollectionState;
use dossier::tui::app::State;
use dossier::tui::live::{LoadUpdate, Reloaded};
use dossier::tui::run::{self, Message};
use std::time::Duration;

fn seeds() -> Vec<Article> {
    load(&[Input::Seeds], &LoadOptions::default()).articles
}

fn article(origin: &str, text: &str) -> Article {
    match build_article(origin.to_string(), text.as_bytes()) {
        Ok((article, _)) => article,
        Err(problem) => panic!("{problem}"),
    }
}

/// A reader opened on a collection still to arrive.
fn loading_state(restore: Option<CollectionState>) -> State {
    let mut state = state_for(Store::default(), 100, 30, true);
    state.start_loading(restore);
    state
}

fn send_batch(state: &mut State, articles: Vec<Article>, done: usize, total: usize, ms: u64) {
    let update = LoadUpdate {
        batch: Batch {
            articles,
            problems: Vec::new(),
            done,
            total,
            cached: 0,
        },
        elapsed: Duration::from_millis(ms),
    };
    run::handle(state, Message::Loaded(update), None);
}

fn status_line(state: &State) -> String {
    screen_rows(&render(state)).pop().unwrap_or_default()
}

fn listed_origins(state: &State) -> Vec<String> {
    state
        .list
        .rows
        .iter()
        .filter_map(|r| state.store.articles.get(r.article))
        .map(|a| a.origin().to_string())
        .collect()
}

#[test]
fn batches_fill_the_list_in_input_order_keeping_the_selection() {
    let all = seeds();
    let origins: Vec<String> = all.iter().map(|a| a.origin().to_string()).collect();
    let mut state = loading_state(None);
    assert!(
        status_line(&state).starts_with("loading…"),
        "{}",
        status_line(&state)
    );

    assert!(screen_text(&render(&state)).contains("│loading…"));
    send_batch(&mut state, all[..2].to_vec(), 2, 5, 40);
    assert_eq!(listed_origins(&state), origins[..2]);
    assert!(
        status_line(&state).starts_with("loading 2/5 · 50 files/s"),
        "{}",
        status_line(&state)
    );
    // Not built until everything is in.
    assert!(state.store.timeline().groups.is_empty());

    // The user moves to the second article; the next batch must not move the selection.
    press(&mut state, &["j"]);
    assert_eq!(state.reader.article, 1);
    let mut rest = all[2..].to_vec();
    // The loader numbers across batches; the store renumbers anyway.
    for article in &mut rest {
        article.id = 99;
    }
    send_batch(&mut state, rest, 5, 5, 80);
    assert_eq!(listed_origins(&state), origins);
    let ids: Vec<usize> = state.store.articles.iter().map(|a| a.id).collect();
    assert_eq!(ids, vec![0, 1, 2, 3, 4]);
    assert_eq!(state.list.selected, 1);
    assert_eq!(state.reader.article, 1);
    assert!(!state.live.loading());
    assert!(!state.store.timeline().groups.is_empty());
    let text = screen_text(&render(&state));
    assert!(
        status_line(&state).starts_with("5 articles"),
        "{}",
        status_line(&state)
    );
    assert!(text.contains("Articles 5"), "{text}");
    // The timeline view works on the finished store.
    press(&mut state, &["t"]);
    assert_eq!(
        state.timeline.rows.len(),
        state.store.timeline().groups.len()
    );
    assert!(!state.timeline.group_of.is_empty());
}

#[test]
fn a_search_typed_during_the_load_runs_again_on_new_articles() {
    let all = seeds();
    let mut state = loading_state(None);
    send_batch(&mut state, all[..1].to_vec(), 1, 5, 10);
    press(&mut state, &["/"]);
    type_text(&mut state, "Drama");
    // Only the third seed's title says "Drama": not loaded yet.
    assert!(state.list.rows.is_empty());
    send_batch(&mut state, all[1..3].to_vec(), 3, 5, 20);
    let found: Vec<usize> = state.list.rows.iter().map(|r| r.article).collect();
    assert!(found.contains(&2), "{found:?}");
    assert!(state.list.filter.as_ref().is_some_and(|f| !f.pending));
    press(&mut state, &["Enter"]);
    let line = status_line(&state);
    assert!(
        line.starts_with("/Drama 1/3 articles  loading 60%"),
        "{line}"
    );
}

#[test]
fn a_search_in_flight_is_not_cancelled_by_batches_but_asked_again_after() {
    use dossier::tui::action::Action;
    use dossier::tui::app::SearchTarget;
    use dossier::tui::update::{update, Effect};
    let all = seeds();
    let mut state = loading_state(None);
    send_batch(&mut state, all[..1].to_vec(), 1, 5, 10);
    update(&mut state, Action::Search);
    let mut asked = Vec::new();
    for c in "Drama".chars() {
        asked.extend(update(&mut state, Action::PromptInsert(c)));
    }
    let Some(Effect::Search { generation, .. }) = asked.last().cloned() else {
        panic!("no search asked: {asked:?}");
    };
    // Batches arrive while that search runs: no new search, the running one is marked stale.
    let update_2 = LoadUpdate {
        batch: Batch {
            articles: all[1..3].to_vec(),
            problems: Vec::new(),
            done: 3,
            total: 5,
            cached: 0,
        },
        elapsed: Duration::from_millis(20),
    };
    assert!(state.take_batch(update_2).is_empty());
    assert!(state.live.search_stale);
    // Its answer (over the one article it saw) is shown, and the query is asked again.
    let answer = run::run_search_now(&state.store, generation, SearchTarget::List, "Drama");
    let (changed, effects) = state.search_done(answer);
    assert!(changed);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Search { query, generation: g, .. }] if query == "Drama" && *g == generation + 1
    ));
    assert!(!state.live.search_stale);
}

#[test]
fn articles_wait_while_a_search_holds_the_store_and_join_when_it_answers() {
    use dossier::tui::action::Action;
    use dossier::tui::app::SearchTarget;
    use dossier::tui::update::{update, Effect};
    let all = seeds();
    let mut state = loading_state(None);
    send_batch(&mut state, all[..1].to_vec(), 1, 5, 10);
    update(&mut state, Action::Search);
    let mut asked = Vec::new();
    for c in "Drama".chars() {
        asked.extend(update(&mut state, Action::PromptInsert(c)));
    }
    let Some(Effect::Search { generation, .. }) = asked.last().cloned() else {
        panic!("no search asked: {asked:?}");
    };
    // The worker holds the store while it searches: the batch waits.
    let held = std::sync::Arc::clone(&state.store);
    let effects = state.take_batch(LoadUpdate {
        batch: Batch {
            articles: all[1..].to_vec(),
            problems: Vec::new(),
            done: 5,
            total: 5,
            cached: 0,
        },
        elapsed: Duration::from_millis(20),
    });
    assert!(effects.is_empty());
    assert_eq!(state.store.articles.len(), 1);
    assert!(state.live.has_waiting());
    // It answers (having let go of the store): the articles join, the query runs again once.
    let answer = run::run_search_now(&held, generation, SearchTarget::List, "Drama");
    drop(held);
    let (changed, effects) = state.search_done(answer);
    assert!(changed);
    assert_eq!(state.store.articles.len(), 5);
    assert!(!state.live.has_waiting());
    assert!(!state.live.search_stale);
    // The load is over too: the timeline is asked for, off the UI thread.
    assert!(matches!(
        effects.as_slice(),
        [Effect::BuildTimeline, Effect::Search { query, .. }] if query == "Drama"
    ));
}

#[test]
fn the_timeline_arrives_after_the_last_batch_unless_a_reload_replaced_the_store() {
    use dossier::core::timeline::Timeline;
    use dossier::tui::update::Effect;
    let all = seeds();
    let mut state = loading_state(None);
    let effects = state.take_batch(LoadUpdate {
        batch: Batch {
            articles: all.clone(),
            problems: Vec::new(),
            done: 5,
            total: 5,
            cached: 0,
        },
        elapsed: Duration::from_millis(20),
    });
    assert_eq!(effects, vec![Effect::BuildTimeline]);
    assert!(state.store.timeline().groups.is_empty());
    let version = state.live.store_version;
    let timeline = Timeline::build(&state.store.articles);
    // Built for an older store: dropped.
    state.take_timeline(timeline.clone(), version - 1);
    assert!(state.store.timeline().groups.is_empty());
    state.take_timeline(timeline, version);
    assert!(!state.store.timeline().groups.is_empty());
    assert_eq!(
        state.timeline.rows.len(),
        state.store.timeline().groups.len()
    );
}

#[test]
fn saved_position_is_applied_when_its_article_arrives() {
    let all = seeds();
    let restore = CollectionState {
        read: [all[0].origin().to_string(), all[4].origin().to_string()].into(),
        last_article: Some(all[3].origin().to_string()),
        scroll: 2,
    };
    let mut state = loading_state(Some(restore));
    send_batch(&mut state, all[..2].to_vec(), 2, 5, 10);
    assert_eq!(state.list.selected, 0);
    assert!(state.read.contains(&0));
    // Quitting now keeps what the previous run said about the articles not loaded yet.
    let saved = state.saved();
    assert_eq!(saved.last_article, Some(all[3].origin().to_string()));
    assert!(saved.read.contains(&all[4].origin().to_string()));

    send_batch(&mut state, all[2..].to_vec(), 5, 5, 20);
    assert_eq!(state.list.selected, 3);
    assert_eq!(state.reader.article, 3);
    assert_eq!(state.reader.scroll, 2);
    assert!(state.read.contains(&4));
}

#[test]
fn load_problems_are_summed_up_once_loaded() {
    let all = seeds();
    let mut state = loading_state(None);
    let update = LoadUpdate {
        batch: Batch {
            articles: all,
            problems: vec![Problem {
                path: "x/bad.txt".into(),
                message: "binary file (PNG image)".into(),
            }],
            done: 6,
            total: 6,
            cached: 0,
        },
        elapsed: Duration::from_millis(5),
    };
    run::handle(&mut state, Message::Loaded(update), None);
    let line = status_line(&state);
    assert!(
        line.starts_with("5 articles  1 load problem (shown on exit)"),
        "{line}"
    );
}

#[test]
fn an_empty_load_quits() {
    let mut state = loading_state(None);
    send_batch(&mut state, Vec::new(), 0, 0, 1);
    assert!(state.quit);
}

fn folder_store(files: &[(&str, &str)]) -> Store {
    let mut store = Store::default();
    store.append(files.iter().map(|(o, t)| article(o, t)).collect());
    store.build_timeline();
    store
}

const LONG: &str = "Beta\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nSix.\n\nSeven.\n\nEight.\n\nNine.\n\nTen.\n\nEleven.\n\nTwelve.\n\nThirteen.\n\nFourteen.\n\nFifteen.\n\nSixteen.\n\nSeventeen.\n\nEighteen.\n\nNineteen.\n\nTwenty.\n\nTwenty-one.\n\nTwenty-two.\n\nTwenty-three.\n";

#[test]
fn a_reload_keeps_the_selection_and_position_by_origin() {
    let old = folder_store(&[
        ("d/a.txt", "Alpha\n\nFirst text.\n"),
        ("d/b.txt", LONG),
        ("d/c.txt", "Gamma\n\nThird text.\n"),
    ]);
    let mut state = state_for(old.clone(), 100, 20, true);
    state.live.reloadable = true;
    press(&mut state, &["j", "Tab", "j", "j", "j"]);
    assert_eq!(state.reader.article, 1);
    assert_eq!(state.reader.scroll, 3);
    press(&mut state, &["Tab", "u"]);
    assert!(state.read.contains(&1));

    // `r`: the loop is told to reload (no worker here, so nothing runs).
    press(&mut state, &["r"]);
    assert!(state.live.reloading);
    assert_eq!(state.notice.as_deref(), Some("reloading…"));

    // a removed, b edited at its end, c kept, a new file before b.
    let edited = format!("{LONG}\nTwenty-four.\n");
    let new = folder_store(&[
        ("d/a0.txt", "Aardvark\n\nNew text.\n"),
        ("d/b.txt", &edited),
        ("d/c.txt", "Gamma\n\nThird text.\n"),
    ]);
    let reloaded = Reloaded {
        changes: old.changes(&new),
        store: new,
        problems: Vec::new(),
    };
    run::handle(&mut state, Message::Reloaded(Box::new(reloaded)), None);
    assert_eq!(
        state.notice.as_deref(),
        Some("reloaded: 1 changed, 1 added, 1 removed")
    );
    assert_eq!(
        listed_origins(&state),
        vec!["d/a0.txt", "d/b.txt", "d/c.txt"]
    );
    // Same article (now id 1 by chance of order: check by origin), same line, still read.
    let reading = state.article().map(|a| a.origin().to_string());
    assert_eq!(reading.as_deref(), Some("d/b.txt"));
    assert_eq!(state.list.selected, 1);
    assert_eq!(state.reader.scroll, 3);
    assert!(state.read.contains(&1));
    assert!(!state.live.reloading);
    let text = screen_text(&render(&state));
    assert!(
        text.contains("reloaded: 1 changed, 1 added, 1 removed"),
        "{text}"
    );
}

#[test]
fn a_reload_that_removes_the_open_article_selects_its_neighbour() {
    let old = folder_store(&[
        ("d/a.txt", "Alpha\n\nFirst.\n"),
        ("d/b.txt", "Beta\n\nSecond.\n"),
        ("d/c.txt", "Gamma\n\nThird.\n"),
    ]);
    let mut state = state_for(old.clone(), 100, 20, true);
    state.live.reloadable = true;
    press(&mut state, &["j", "j"]);
    let new = folder_store(&[
        ("d/a.txt", "Alpha\n\nFirst.\n"),
        ("d/b.txt", "Beta\n\nSecond.\n"),
    ]);
    let reloaded = Reloaded {
        changes: old.changes(&new),
        store: new,
        problems: Vec::new(),
    };
    run::handle(&mut state, Message::Reloaded(Box::new(reloaded)), None);
    assert_eq!(state.notice.as_deref(), Some("reloaded: 1 removed"));
    assert_eq!(state.list.selected, 1);
    assert_eq!(
        state.article().map(|a| a.origin().to_string()).as_deref(),
        Some("d/b.txt")
    );
}

#[test]
fn files_changed_during_a_reload_reload_again_after_it() {
    let old = folder_store(&[("d/a.txt", "Alpha\n\nFirst.\n")]);
    let mut state = state_for(old.clone(), 100, 20, true);
    state.live.reloadable = true;
    run::handle(&mut state, Message::FilesChanged, None);
    assert!(state.live.reloading);
    // A second burst while the first reload runs: remembered, not started.
    run::handle(&mut state, Message::FilesChanged, None);
    assert_eq!(state.live.reload_again, Some(false));
    let reloaded = Reloaded {
        changes: old.changes(&old),
        store: old,
        problems: Vec::new(),
    };
    run::handle(&mut state, Message::Reloaded(Box::new(reloaded)), None);
    // The second reload was started at once.
    assert!(state.live.reloading);
    assert_eq!(state.live.reload_again, None);
}

#[test]
fn stdin_cannot_be_reloaded() {
    let mut state = state_for(folder_store(&[("stdin", "Piped\n")]), 100, 20, true);
    state.live.reloadable = false;
    press(&mut state, &["r"]);
    assert!(!state.live.reloading);
    assert_eq!(
        state.notice.as_deref(),
        Some("standard input cannot be reloaded")
    );
}

/// The real threads: the watcher sees a new file in a temp folder, the reloader loads it, the
/// state merges it. Bounded wait, no fixed sleep.
#[test]
fn watching_a_folder_picks_up_a_new_file() {
    use dossier::tui::loader::{watch, Dirty, Reloader, Source};
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), "Alpha\n\nFirst.\n").expect("write");
    let source = Source {
        inputs: vec![Input::Path(dir.path().to_path_buf())],
        options: LoadOptions::default(),
    };
    let store = Store::new(load(&source.inputs, &source.options).articles);
    let mut state = state_for(store, 100, 20, true);
    state.live.reloadable = true;
    let (sender, messages) = std::sync::mpsc::channel();
    let dirty = Dirty::default();
    let _watcher = watch(&source, sender.clone(), dirty.clone()).expect("watch");
    let reloader = Reloader::new(source, sender, dirty);
    std::fs::write(dir.path().join("b.txt"), "Bravo, the new one\n\nSecond.\n").expect("write");

    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while state.store.articles.len() < 2 {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let message = match messages.recv_timeout(left) {
            Ok(message) => message,
            Err(err) => panic!("the new file was not picked up within 10 s: {err}"),
        };
        let starts_reload = matches!(message, Message::FilesChanged) && !state.live.reloading;
        run::handle(&mut state, message, None);
        // No worker in this test: start the reload the loop would start.
        if starts_reload && state.live.reloading {
            reloader.start(std::sync::Arc::clone(&state.store), false);
        }
    }
    assert_eq!(state.notice.as_deref(), Some("reloaded: 1 added"));
    let titles: Vec<&str> = state
        .list
        .rows
        .iter()
        .filter_map(|r| state.store.articles.get(r.article))
        .map(|a| a.title())
        .collect();
    assert_eq!(titles, vec!["Alpha", "Bravo, the new one"]);
}

/// A watched reload reads again only what the watcher reported (or what is new); `r` reads all.
#[test]
fn a_watched_reload_reads_only_the_dirty_files() {
    use dossier::tui::loader::{reload, Source};
    use std::collections::HashSet;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = std::path::absolute(dir.path()).expect("absolute");
    std::fs::write(root.join("a.txt"), "Alpha\n\nFirst.\n").expect("write");
    std::fs::write(root.join("b.txt"), "Bravo\n\nSecond.\n").expect("write");
    let source = Source {
        inputs: vec![Input::Path(root.clone())],
        options: LoadOptions::default(),
    };
    let store = Store::new(load(&source.inputs, &source.options).articles);
    std::fs::write(root.join("a.txt"), "Alpha edited\n\nFirst.\n").expect("write");
    std::fs::write(root.join("b.txt"), "Bravo edited\n\nSecond.\n").expect("write");
    std::fs::write(root.join("c.txt"), "Charlie\n\nThird.\n").expect("write");

    // Only b reported: a is taken as it was, c is new so it is read anyway.
    let dirty: HashSet<_> = [root.join("b.txt")].into();
    let reloaded = reload(&source, &store, Some(&dirty));
    let titles: Vec<&str> = reloaded.store.articles.iter().map(|a| a.title()).collect();
    assert_eq!(titles, vec!["Alpha", "Bravo edited", "Charlie"]);
    assert_eq!((reloaded.changes.changed, reloaded.changes.added), (1, 1));
    // The folder itself reported: everything under it is read again.
    let dirty: HashSet<_> = [root.clone()].into();
    let titles: Vec<String> = reload(&source, &store, Some(&dirty))
        .store
        .articles
        .iter()
        .map(|a| a.title().to_string())
        .collect();
    assert_eq!(titles, vec!["Alpha edited", "Bravo edited", "Charlie"]);
    // A full reload (`r`) reads everything.
    let full = reload(&source, &store, None);
    assert_eq!(full.changes.changed, 2);
}
