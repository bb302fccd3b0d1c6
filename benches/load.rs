//! Loading throughput: the 10k corpus through `load::load` against the read floor
//! (`std::fs::read` of the same files), decode + parse alone, and the sanitizer.
//!
//! The corpus is built by `/work/shared/bench/make_corpus.sh`; without it the corpus benches
//! are skipped with a message. Goals, warm on 2 cores: `load_undated` (decode, parse, metadata;
//! dates excluded) >= 150 MB/s (issue #3), and `load` (titles and dates) >= 150 MB/s (#6).
//! Both drop the loaded store outside the timing; `load_and_drop` times the drop too.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dossier::core::decode::decode;
use dossier::core::load::{self, Input, LoadOptions, SEEDS};
use dossier::core::parse::{detect_format, parse};
use dossier::core::sanitize::{sanitize, sanitize_line};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

const CORPUS: &str = "/tmp/dossier-corpus/10000";

fn corpus_files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect()
}

fn bench_corpus(c: &mut Criterion) {
    let root = Path::new(CORPUS);
    if !root.is_dir() {
        eprintln!(
            "load bench: {CORPUS} is missing (run /work/shared/bench/make_corpus.sh); skipped"
        );
        return;
    }
    let files = corpus_files(root);
    let contents: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(p).ok()?)))
        .collect();
    let bytes: u64 = contents.iter().map(|(_, b)| b.len() as u64).sum();
    eprintln!(
        "load bench: {} files, {:.1} MB, {} rayon threads",
        contents.len(),
        bytes as f64 / 1e6,
        rayon::current_num_threads()
    );

    let mut group = c.benchmark_group("corpus_10k");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(8));

    // The floor: the same files read in parallel, nothing else.
    group.bench_function("fs_read_floor", |b| {
        b.iter(|| {
            let total: usize = files
                .par_iter()
                .map(|p| std::fs::read(p).map_or(0, |v| v.len()))
                .sum();
            black_box(total)
        })
    });

    // The loaded store is dropped outside the timing (`iter_with_large_drop`): freeing 10k
    // articles is not loading them. `load_and_drop` keeps
    // the drop in, for comparison with earlier figures.
    let inputs = vec![Input::Path(root.to_path_buf())];
    group.bench_function("load", |b| {
        b.iter_with_large_drop(|| load::load(&inputs, &LoadOptions::default()))
    });
    group.bench_function("load_and_drop", |b| {
        b.iter(|| {
            let loaded = load::load(&inputs, &LoadOptions::default());
            black_box(loaded.articles.len())
        })
    });
    let undated = LoadOptions {
        dates: false,
        ..LoadOptions::default()
    };
    group.bench_function("load_undated", |b| {
        b.iter_with_large_drop(|| load::load(&inputs, &undated))
    });

    // With the load cache (issue 6), warm: filled by one load first, in a dir of its own.
    let cache = tempfile::tempdir().expect("a temporary cache dir");
    drop(load::load_in(
        &inputs,
        &LoadOptions::default(),
        Some(cache.path()),
    ));
    group.bench_function("load_cached", |b| {
        b.iter_with_large_drop(|| {
            load::load_in(&inputs, &LoadOptions::default(), Some(cache.path()))
        })
    });
    drop(load::load_in(&inputs, &undated, Some(cache.path())));
    group.bench_function("load_undated_cached", |b| {
        b.iter_with_large_drop(|| load::load_in(&inputs, &undated, Some(cache.path())))
    });

    // In memory, no I/O: what the CPU stages cost.
    group.bench_function("decode", |b| {
        b.iter(|| {
            let total: usize = contents
                .par_iter()
                .map(|(_, bytes)| decode(bytes).map_or(0, |d| d.text.len()))
                .sum();
            black_box(total)
        })
    });
    group.bench_function("decode_parse", |b| {
        b.iter(|| {
            let total: usize = contents
                .par_iter()
                .map(|(name, bytes)| {
                    decode(bytes).map_or(0, |d| {
                        let format = detect_format(name, &d.text);
                        parse(&d.text, format).blocks.len()
                    })
                })
                .sum();
            black_box(total)
        })
    });
    group.bench_function("build_article", |b| {
        b.iter(|| {
            let total: usize = contents
                .par_iter()
                .map(|(name, bytes)| {
                    load::build_article(name.clone(), bytes).map_or(0, |(a, _)| a.block_count())
                })
                .sum();
            black_box(total)
        })
    });
    group.bench_function("build_article_undated", |b| {
        b.iter(|| {
            let total: usize = contents
                .par_iter()
                .map(|(name, bytes)| {
                    load::build_article_undated(name.clone(), bytes)
                        .map_or(0, |(a, _)| a.block_count())
                })
                .sum();
            black_box(total)
        })
    });
    group.finish();
}

fn bench_sanitize(c: &mut Criterion) {
    let seeds: String = SEEDS
        .iter()
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect::<Vec<_>>()
        .join("\n");
    // The same text made dirty every ~200 bytes: the slow path's cost.
    let mut dirty = String::with_capacity(seeds.len() * 2);
    for (i, line) in seeds.split_inclusive('\n').enumerate() {
        match i % 4 {
            0 => dirty.push_str("\x1b[1m"),
            1 => dirty.push('\t'),
            2 => dirty.push('\u{200B}'),
            _ => dirty.push_str("\x1b]8;;http://example.org\x1b\\"),
        }
        dirty.push_str(line);
    }
    let mut group = c.benchmark_group("sanitize_seeds");
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(3));
    for (name, text) in [("clean", &seeds), ("dirty", &dirty)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("sanitize", name), text, |b, text| {
            b.iter(|| black_box(sanitize(black_box(text)).len()))
        });
        group.bench_with_input(BenchmarkId::new("sanitize_line", name), text, |b, text| {
            b.iter(|| black_box(sanitize_line(black_box(text)).len()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_corpus, bench_sanitize);
criterion_main!(benches);
