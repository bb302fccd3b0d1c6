//! Frame time of the reader on a 200x60 `TestBackend`: the first frame on the seeds, a frame
//! after moving the selection, and a frame after scrolling a large article (wrapped once,
//! then only the visible slice is rendered).

use criterion::{criterion_group, criterion_main, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dossier::core::load::{build_article, load, Input, LoadOptions, SEEDS};
use dossier::core::store::Store;
use dossier::tui::app::State;
use dossier::tui::run::{self, Message};
use dossier::tui::scroll_region::ScrollMemo;
use dossier::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

fn state(store: Arc<Store>) -> State {
    let mut state = State::new(store, Theme::new(false));
    run::handle(&mut state, Message::Resize(200, 60), None);
    state
}

fn key(state: &mut State, c: char) {
    run::handle(
        state,
        Message::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        None,
    );
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 60)).expect("terminal")
}

/// One article made of every seed's text repeated: ~1.4 MB of prose.
fn large_store() -> Store {
    let mut bytes = Vec::new();
    for _ in 0..60 {
        for (_, seed) in SEEDS {
            bytes.extend_from_slice(seed);
            bytes.extend_from_slice(b"\n\n");
        }
    }
    let (article, _) = build_article("large.txt".into(), &bytes).expect("build");
    Store::new(vec![article])
}

fn render(c: &mut Criterion) {
    let seeds = Arc::new(Store::new(
        load(&[Input::Seeds], &LoadOptions::default()).articles,
    ));
    c.bench_function("first_frame_200x60_seeds", |b| {
        b.iter(|| {
            let state = state(seeds.clone());
            let mut terminal = terminal();
            run::draw(&mut terminal, black_box(&state), &mut ScrollMemo::default()).expect("draw");
        })
    });

    let mut moving = state(seeds.clone());
    let mut term = terminal();
    let mut memo = ScrollMemo::default();
    run::draw(&mut term, &moving, &mut memo).expect("draw");
    let mut down = true;
    c.bench_function("selection_move_frame_200x60", |b| {
        b.iter(|| {
            // Bounce between the first two articles so every frame changes the reader too.
            key(&mut moving, if down { 'j' } else { 'k' });
            down = !down;
            run::draw(&mut term, black_box(&moving), &mut memo).expect("draw");
        })
    });

    let large = Arc::new(large_store());
    let mut reading = state(large.clone());
    // Enter opens the article and focuses the reader, where `j` scrolls.
    run::handle(
        &mut reading,
        Message::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        None,
    );
    let mut term = terminal();
    let mut memo = ScrollMemo::default();
    run::draw(&mut term, &reading, &mut memo).expect("draw");
    let max = reading.max_scroll();
    assert!(max > 0, "the large article scrolls");
    c.bench_function("scroll_large_article_frame_200x60", |b| {
        b.iter(|| {
            if reading.reader.scroll >= max {
                key(&mut reading, 'g');
            }
            key(&mut reading, 'j');
            run::draw(&mut term, black_box(&reading), &mut memo).expect("draw");
        })
    });

    c.bench_function("wrap_large_article_once", |b| {
        let article = large.articles.first().expect("article");
        b.iter(|| dossier::tui::wrap::wrap_article(black_box(article), "", 80))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = render
}
criterion_main!(benches);
