//! Every article of a folder built one after the other on one thread, the files read first:
//! what `benches/load.rs` times, in a form callgrind can count (instructions do not depend on
//! what else the machine runs, so a change can be compared on a busy machine).
//!
//! ```sh
//! cargo build --release --example build_articles
//! valgrind --tool=callgrind target/release/examples/build_articles /tmp/dossier-corpus/10000 [--dates]
//! callgrind_annotate --inclusive=yes callgrind.out.* | grep -E 'meta::assemble|text::parse|dates::annotate'
//! ```

use dossier::core::load::{build_article, build_article_undated};
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/tmp/dossier-corpus/10000".into()),
    );
    let dates = args.any(|a| a == "--dates");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    let contents: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(p).ok()?)))
        .collect();
    let mut blocks = 0;
    for (name, bytes) in &contents {
        let built = if dates {
            build_article(name.clone(), bytes)
        } else {
            build_article_undated(name.clone(), bytes)
        };
        blocks += built.map_or(0, |(article, _)| article.block_count());
    }
    println!("{} articles, {blocks} blocks", contents.len());
}
