//! Frame time as CPU time of the drawing thread (`CLOCK_THREAD_CPUTIME_ID`, so time the thread
//! spends descheduled on a loaded machine is not counted), per frame, over >= 1000 frames of
//! each scenario at 200x60, through the real crossterm backend writing to a sink: p50 / p99 /
//! max. A frame is what the loop does for one message: the state update and the draw. The goal
//! is p99 <= 2 ms.
//!
//! `cargo bench --bench frames`; `DOSSIER_BENCH_CORPUS=DIR` picks the collection for the list
//! and search scenarios (default `/tmp/dossier-corpus/1000`, else the seeds).

#[path = "../tests/common/mod.rs"]
mod common;

use common::large_store;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dossier::core::load::{load, Input, LoadOptions};
use dossier::core::store::Store;
use dossier::tui::action::Action;
use dossier::tui::app::State;
use dossier::tui::run::{self, Message};
use dossier::tui::scroll_region::ScrollMemo;
use dossier::tui::theme::Theme;
use dossier::tui::update::{update, Effect};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::hint::black_box;
use std::io::Sink;
use std::path::PathBuf;
use std::sync::Arc;

const FRAMES: usize = 1_000;

/// CPU time this thread has used, in nanoseconds.
fn thread_cpu_ns() -> u64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec; the clock id is a constant Linux and the BSDs
    // define. On failure `now` stays zero and the figures read 0 (reported, not hidden).
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    if status != 0 {
        return 0;
    }
    let secs = u64::try_from(now.tv_sec).unwrap_or(0);
    let nanos = u64::try_from(now.tv_nsec).unwrap_or(0);
    secs * 1_000_000_000 + nanos
}

/// Thread CPU time of `work`, in nanoseconds.
fn timed(work: impl FnOnce()) -> u64 {
    let start = thread_cpu_ns();
    work();
    thread_cpu_ns().saturating_sub(start)
}

fn report(name: &str, mut samples: Vec<u64>) {
    samples.sort_unstable();
    let at = |q: f64| {
        let index = ((samples.len() as f64 * q).ceil() as usize).saturating_sub(1);
        samples.get(index).copied().unwrap_or(0) as f64 / 1e6
    };
    println!(
        "{name:<34} frames {:>5}  p50 {:>6.3} ms  p99 {:>6.3} ms  max {:>6.3} ms",
        samples.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
}

fn terminal() -> Terminal<CrosstermBackend<Sink>> {
    Terminal::with_options(
        CrosstermBackend::new(std::io::sink()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 200, 60)),
        },
    )
    .expect("terminal")
}

fn state(store: Arc<Store>) -> State {
    let mut state = State::new(store, Theme::new(false));
    run::handle(&mut state, Message::Resize(200, 60), None);
    state
}

fn press(state: &mut State, code: KeyCode) {
    run::handle(
        state,
        Message::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        None,
    );
}

fn load_collection() -> (String, Store) {
    let dir = std::env::var_os("DOSSIER_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/dossier-corpus/1000"));
    let input = if dir.is_dir() {
        Input::Path(dir.clone())
    } else {
        Input::Seeds
    };
    let loaded = load(&[input], &LoadOptions::default()).articles;
    let name = format!("{} ({} articles)", dir.display(), loaded.len());
    (name, Store::new(loaded))
}

/// The key of frame `i` when going `span` steps down, then `span` up, and again.
fn down_then_up(i: usize, span: usize) -> KeyCode {
    if (i / span).is_multiple_of(2) {
        KeyCode::Down
    } else {
        KeyCode::Up
    }
}

fn first_frame(store: &Arc<Store>) -> Vec<u64> {
    (0..FRAMES)
        .map(|_| {
            let state = state(store.clone());
            let mut term = terminal();
            timed(|| {
                run::draw(&mut term, black_box(&state), &mut ScrollMemo::default()).expect("draw")
            })
        })
        .collect()
}

/// Down the list and back up: each frame moves the selection and shows another article.
fn selection_moves(store: &Arc<Store>) -> Vec<u64> {
    let mut state = state(store.clone());
    let mut term = terminal();
    let mut memo = ScrollMemo::default();
    run::draw(&mut term, &state, &mut memo).expect("draw");
    let last = store.articles.len().saturating_sub(1).clamp(1, 100);
    (0..FRAMES)
        .map(|i| {
            timed(|| {
                press(&mut state, down_then_up(i, last));
                run::draw(&mut term, black_box(&state), &mut memo).expect("draw");
            })
        })
        .collect()
}

/// Typing in the list search and deleting again: per keystroke, the frame for the key (the
/// prompt and the pending marker) and the frame for the results (none when the query becomes
/// empty); the search itself runs outside the timed part, as the worker thread runs it.
fn search_keystrokes(store: &Arc<Store>) -> (Vec<u64>, Vec<u64>) {
    let mut state = state(store.clone());
    let mut term = terminal();
    let mut memo = ScrollMemo::default();
    press(&mut state, KeyCode::Char('/'));
    run::draw(&mut term, &state, &mut memo).expect("draw");
    let query: Vec<char> = "release".chars().collect();
    let (mut keys, mut results) = (Vec::new(), Vec::new());
    let mut typed = 0;
    let mut deleting = false;
    while keys.len() < FRAMES || results.len() < FRAMES {
        let action = if deleting {
            Action::PromptBackspace
        } else {
            Action::PromptInsert(query[typed])
        };
        let mut effects = Vec::new();
        keys.push(timed(|| {
            effects = update(&mut state, action);
            run::draw(&mut term, black_box(&state), &mut memo).expect("draw");
        }));
        typed = if deleting { typed - 1 } else { typed + 1 };
        deleting = if deleting {
            typed > 0
        } else {
            typed == query.len()
        };
        for effect in effects {
            if let Effect::Search {
                generation,
                target,
                query,
            } = effect
            {
                let found = run::run_search_now(&state.store, generation, target, &query);
                results.push(timed(|| {
                    state.apply_search(found);
                    run::draw(&mut term, black_box(&state), &mut memo).expect("draw");
                }));
            }
        }
    }
    (keys, results)
}

/// One line at a time through the large article, down then back up.
fn scrolling(store: &Arc<Store>, zoom: bool) -> Vec<u64> {
    let mut state = state(store.clone());
    press(&mut state, KeyCode::Enter);
    if zoom {
        press(&mut state, KeyCode::Char('z'));
    }
    let mut term = terminal();
    let mut memo = ScrollMemo::default();
    run::draw(&mut term, &state, &mut memo).expect("draw");
    let span = state.max_scroll().clamp(1, 500);
    (0..FRAMES)
        .map(|i| {
            timed(|| {
                press(&mut state, down_then_up(i, span));
                run::draw(&mut term, black_box(&state), &mut memo).expect("draw");
            })
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing and wants it quick.
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    // `cargo bench --bench frames -- WORD` runs the scenarios whose name contains WORD (to
    // count one scenario's instructions under callgrind, say).
    let filter = args.iter().find(|a| !a.starts_with("--")).cloned();
    let wanted = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    let seeds = Arc::new(Store::new(
        load(&[Input::Seeds], &LoadOptions::default()).articles,
    ));
    let mut collection = None;
    let mut collection = || -> Arc<Store> {
        collection
            .get_or_insert_with(|| {
                let (name, store) = load_collection();
                println!("list and search scenarios: {name}");
                Arc::new(store)
            })
            .clone()
    };
    let large = Arc::new(large_store());
    println!("frame CPU time (thread), 200x60, crossterm backend to a sink");
    if wanted("first frame (seeds)") {
        report("first frame (seeds)", first_frame(&seeds));
    }
    if wanted("first frame (collection)") {
        report("first frame (collection)", first_frame(&collection()));
    }
    if wanted("selection move (collection)") {
        report(
            "selection move (collection)",
            selection_moves(&collection()),
        );
    }
    if wanted("search keystroke") {
        let (keys, results) = search_keystrokes(&collection());
        report("search keystroke: key frame", keys);
        report("search keystroke: results frame", results);
    }
    for (name, zoom) in [
        ("scroll 300 KB article, split", false),
        ("scroll 300 KB article, zoomed", true),
    ] {
        if wanted(name) {
            report(name, scrolling(&large, zoom));
        }
    }
}
