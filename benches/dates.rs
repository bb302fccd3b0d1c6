//! Date extraction speed, per thread: the scanner alone and the whole `annotate` step.
//! Inputs: the seeds concatenated 100 times, and `/tmp/dossier-corpus/10000` when present.
//!
//! Measured twice: wall time (`dates/…`) and the thread's own CPU time (`dates_cpu/…`), since
//! the build machine is shared and wall time there counts other people's work too.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use dossier::core::dates::{self, lexicon::Lang, scan};
use dossier::core::load::{build_article, SEEDS};
use std::hint::black_box;
use std::path::Path;

fn seeds_x100() -> String {
    let mut text = String::new();
    for _ in 0..100 {
        for (_, bytes) in SEEDS {
            text.push_str(&String::from_utf8_lossy(bytes));
            text.push('\n');
        }
    }
    text
}

fn corpus_texts(dir: &Path) -> Vec<String> {
    let mut texts = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                texts.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    texts
}

/// CPU time of the calling thread (`CLOCK_THREAD_CPUTIME_ID`), in nanoseconds.
struct ThreadCpu;

fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (ts.tv_sec as u64).saturating_mul(1_000_000_000) + ts.tv_nsec as u64
}

static WALL: WallTime = WallTime;

impl Measurement for ThreadCpu {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        thread_cpu_ns()
    }

    fn end(&self, start: u64) -> u64 {
        thread_cpu_ns().saturating_sub(start)
    }

    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }

    fn zero(&self) -> u64 {
        0
    }

    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        // Nanoseconds, like wall time: the same formatter prints them.
        WALL.formatter()
    }
}

fn bench_wall(c: &mut Criterion) {
    bench_dates(c, "dates");
}

fn bench_cpu(c: &mut Criterion<ThreadCpu>) {
    bench_dates(c, "dates_cpu");
}

fn bench_dates<M: Measurement>(c: &mut Criterion<M>, name: &str) {
    let seeds = seeds_x100();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(seeds.len() as u64));
    group.bench_function("scan/seeds_x100", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            scan::scan(black_box(&seeds), Lang::Fr, &mut out);
            out.len()
        })
    });

    // The whole step as the loader runs it: scan every block, infer, resolve, map offsets.
    let articles: Vec<_> = SEEDS
        .iter()
        .filter_map(|(name, bytes)| {
            let decoded = String::from_utf8_lossy(bytes).into_owned();
            build_article(format!("seeds/{name}"), bytes)
                .ok()
                .map(|(article, _)| (article, decoded))
        })
        .collect();
    let seed_bytes: usize = articles.iter().map(|(_, d)| d.len()).sum();
    group.throughput(Throughput::Bytes(seed_bytes as u64));
    group.bench_function("annotate/seeds", |b| {
        b.iter_batched(
            || articles.clone(),
            |mut batch| {
                for (article, decoded) in &mut batch {
                    article.set_published(None);
                    dates::annotate(article, decoded);
                }
                batch
            },
            BatchSize::SmallInput,
        )
    });

    let corpus = Path::new("/tmp/dossier-corpus/10000");
    if corpus.is_dir() {
        let texts = corpus_texts(corpus);
        let bytes: usize = texts.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(10);
        group.bench_function("scan/corpus_10000", |b| {
            b.iter(|| {
                let mut out = Vec::new();
                for text in &texts {
                    scan::scan(black_box(text), Lang::Any, &mut out);
                }
                out.len()
            })
        });
    } else {
        eprintln!("dates bench: /tmp/dossier-corpus/10000 absent, corpus benchmark skipped");
    }
    group.finish();
}

criterion_group!(wall, bench_wall);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = bench_cpu
}
criterion_main!(wall, cpu);
