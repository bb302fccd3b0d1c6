//! `load::load` of one folder, repeated: wall time per run, for A/B runs and `perf stat`.
//!
//! ```sh
//! cargo build --release --example load_folder
//! target/release/examples/load_folder /tmp/dossier-corpus/10000 [RUNS] [--dates]
//! ```

use dossier::core::load::{self, Input, LoadOptions};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(
        args.first()
            .map_or("/tmp/dossier-corpus/10000", String::as_str),
    );
    let runs: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(20);
    let options = LoadOptions {
        dates: args.iter().any(|a| a == "--dates"),
        ..LoadOptions::default()
    };
    let inputs = vec![Input::Path(root)];
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let loaded = load::load(&inputs, &options);
        times.push(started.elapsed().as_secs_f64() * 1e3);
        // Dropped outside the timing, as the bench's `iter_with_large_drop` does.
        drop(loaded);
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    let min = times.first().copied().unwrap_or(0.0);
    println!("{runs} runs: min {min:.1} ms, median {median:.1} ms");
}
