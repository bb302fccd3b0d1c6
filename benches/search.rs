//! Search per keystroke over a store loaded once (criterion; run with `cargo bench --bench search`).
//!
//! Titles: `$DOSSIER_BENCH_TITLES` (default `/tmp/dossier-corpus/10000.titles.txt`, one title a
//! line, as built by `/work/shared/bench/make_corpus.sh`) as title-only articles; bodies:
//! `$DOSSIER_BENCH_DIR` (default `/tmp/dossier-corpus/10000`) loaded through the real loader.
//! Every iteration clears the search caches (cold, like `fzf --filter --bench`). Missing
//! corpus: the group is skipped with a note. For the full 168-keystroke table against fzf,
//! see `bench/search_vs_fzf.py`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use dossier::core::article::{Article, ArticleParts};
use dossier::core::load::{self, Input, LoadOptions};
use dossier::core::search::{Field, SearchIndex};
use dossier::core::store::Store;
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

fn title_store() -> Option<Store> {
    let path = std::env::var("DOSSIER_BENCH_TITLES")
        .unwrap_or_else(|_| "/tmp/dossier-corpus/10000.titles.txt".to_string());
    let text = std::fs::read_to_string(&path).ok()?;
    let articles = text
        .lines()
        .enumerate()
        .map(|(id, title)| {
            Article::new(ArticleParts {
                id,
                origin: format!("{id}.txt"),
                title: title.to_string(),
                ..ArticleParts::default()
            })
        })
        .collect();
    Some(Store::new(articles))
}

fn body_store() -> Option<Store> {
    let dir = std::env::var("DOSSIER_BENCH_DIR")
        .unwrap_or_else(|_| "/tmp/dossier-corpus/10000".to_string());
    let dir = PathBuf::from(dir);
    if !dir.is_dir() {
        return None;
    }
    let loaded = load::load(&[Input::Path(dir)], &LoadOptions::default());
    Some(Store::new(loaded.articles))
}

/// Prefixes that set the tail in the per-keystroke table: short and common, fuzzy
/// abbreviations, multi-word, non-ASCII.
const KEYS: [&str; 8] = [
    "p",
    "py",
    "lib",
    "lbc",
    "python",
    "debian pol",
    "new upstream",
    "日本",
];

fn titles(c: &mut Criterion) {
    let Some(store) = title_store() else {
        eprintln!("search/title: no titles file, skipped");
        return;
    };
    let index = SearchIndex::new(&store);
    let never = AtomicBool::new(false);
    let mut group = c.benchmark_group(format!("search_title_{}", store.articles.len()));
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2));
    for key in KEYS {
        group.bench_with_input(BenchmarkId::from_parameter(key), key, |b, key| {
            b.iter(|| {
                index.clear_cache();
                black_box(index.search(&store, key, Field::Title, 50, &never))
            })
        });
    }
    group.finish();
}

fn bodies(c: &mut Criterion) {
    let Some(store) = body_store() else {
        eprintln!("search/body: no corpus folder, skipped");
        return;
    };
    let index = SearchIndex::new(&store);
    index.prepare_text(&store);
    let never = AtomicBool::new(false);
    let mut group = c.benchmark_group(format!("search_body_{}", store.articles.len()));
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2));
    for key in [
        "p",
        "ne",
        "lbc",
        "memory leak",
        "new upstream release",
        "cve-2023",
    ] {
        group.bench_with_input(BenchmarkId::from_parameter(key), key, |b, key| {
            b.iter(|| {
                index.clear_cache();
                black_box(index.search(&store, key, Field::Body, 50, &never))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, titles, bodies);
criterion_main!(benches);
