//! Where the memory of a loaded store goes: `cargo run --release --example memory_breakdown DIR`.
//!
//! Prints the heap bytes held by each part of the model (lengths and capacities, so slack
//! shows) and the process RSS after each stage (load, store, search index), before and after
//! handing free heap back to the system (`malloc_trim`), which tells fragmentation apart from
//! live data.

use dossier::core::load::{load, Input, LoadOptions};
use dossier::core::search::SearchIndex;
use dossier::core::store::Store;
use std::mem::size_of;
use std::path::PathBuf;

/// A `/proc/self/status` field given in kB, in MB (10^6 bytes, like the corpus size).
fn status_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kib| kib * 1024.0 / 1e6)
}

/// Resident set size in MB.
fn rss_mb() -> f64 {
    status_mb("VmRSS:")
}

fn trimmed_rss_mb() -> f64 {
    dossier::core::memory::return_free_heap();
    rss_mb()
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn stage(name: &str, corpus_mb: f64) {
    let rss = rss_mb();
    let peak = status_mb("VmHWM:");
    let trimmed = trimmed_rss_mb();
    println!(
        "{name:<24} rss {rss:7.1} MB ({:.2}/MB)  after malloc_trim {trimmed:7.1} MB ({:.2}/MB)  \
         peak {peak:7.1} MB",
        rss / corpus_mb,
        trimmed / corpus_mb
    );
}

fn main() {
    let dir: PathBuf = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/dossier-corpus/100000"));
    let corpus: u64 = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    let corpus_mb = corpus as f64 / 1e6;
    println!("corpus {corpus_mb:.1} MB in {}", dir.display());
    stage("start", corpus_mb);

    println!(
        "size_of: Article {} B, Block {} B, Dropped {} B, Event {} B",
        size_of::<dossier::core::article::Article>(),
        size_of::<dossier::core::article::Block>(),
        size_of::<dossier::core::article::Dropped>(),
        size_of::<dossier::core::article::Event>(),
    );
    let loaded = load(&[Input::Path(dir)], &LoadOptions::default());
    stage("loaded", corpus_mb);

    let a = &loaded.articles;
    let sum =
        |f: &dyn Fn(&dossier::core::article::Article) -> usize| a.iter().map(f).sum::<usize>();
    let article_size = size_of::<dossier::core::article::Article>();
    let mut rows: Vec<(&str, usize, usize)> = vec![(
        "Article structs",
        a.len() * article_size,
        a.capacity() * article_size,
    )];
    // The articles' parts are boxed to their length: no capacity apart from it.
    for article in a {
        for (part, (name, bytes)) in article.heap_parts().into_iter().enumerate() {
            match rows.get_mut(part + 1) {
                Some(row) => {
                    row.1 += bytes;
                    row.2 += bytes;
                }
                None => rows.push((name, bytes, bytes)),
            }
        }
    }
    println!(
        "{:<24} {:>10} {:>10}   (articles {}, blocks {}, events {}, dropped {})",
        "item",
        "len MB",
        "cap MB",
        a.len(),
        sum(&|x| x.block_count()),
        sum(&|x| x.events().len()),
        sum(&|x| x.dropped().len())
    );
    let (mut total_len, mut total_cap) = (0, 0);
    for (name, len, cap) in rows {
        println!("{name:<24} {:>10.1} {:>10.1}", mb(len), mb(cap));
        total_len += len;
        total_cap += cap;
    }
    println!(
        "{:<24} {:>10.1} {:>10.1}",
        "total",
        mb(total_len),
        mb(total_cap)
    );

    let store = Store::new(loaded.articles);
    // Built on first use: ask for it here so this stage measures it.
    let timeline = store.timeline();
    stage("store (timeline)", corpus_mb);
    let mentions: usize = timeline.groups.iter().map(|g| g.mentions.len()).sum();
    println!(
        "timeline: {} groups, {} mentions",
        timeline.groups.len(),
        mentions
    );

    let index = SearchIndex::new(&store);
    stage("title index", corpus_mb);
    index.prepare_text(&store);
    stage("body + event index", corpus_mb);
    for (name, bytes) in index.heap_parts() {
        println!("  {name:<22} {:>10.1} MB", mb(bytes));
    }
    drop(index);
    stage("index dropped", corpus_mb);
}
