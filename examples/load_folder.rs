//! `load::load` of one folder, repeated: wall time per run, and the process's user and system
//! CPU time per run (less disturbed than wall time by other work on a shared machine), for A/B
//! runs and `perf stat`.
//!
//! ```sh
//! cargo build --release --example load_folder
//! target/release/examples/load_folder /tmp/dossier-corpus/10000 [RUNS] [--dates] [--cache DIR]
//! ```
//!
//! With `--cache DIR` every load uses and updates the load cache in DIR (the first load fills
//! it when it is empty; the others are warm).

use dossier::core::load::{self, Input, LoadOptions};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(
        args.first()
            .map_or("/tmp/dossier-corpus/10000", String::as_str),
    );
    let runs: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(20);
    let cache_dir = args
        .iter()
        .position(|a| a == "--cache")
        .and_then(|at| args.get(at + 1))
        .map(PathBuf::from);
    let options = LoadOptions {
        dates: args.iter().any(|a| a == "--dates"),
        ..LoadOptions::default()
    };
    let inputs = vec![Input::Path(root)];
    let mut wall = Vec::with_capacity(runs);
    let mut user = Vec::with_capacity(runs);
    let mut system = Vec::with_capacity(runs);
    for _ in 0..runs {
        let cpu_before = cpu_times();
        let started = Instant::now();
        let loaded = match &cache_dir {
            Some(dir) => load::load_in(&inputs, &options, Some(dir)),
            None => load::load(&inputs, &options),
        };
        wall.push(started.elapsed());
        let cpu_after = cpu_times();
        user.push(cpu_after.0.saturating_sub(cpu_before.0));
        system.push(cpu_after.1.saturating_sub(cpu_before.1));
        // Dropped outside the timing, as the bench's `iter_with_large_drop` does.
        drop(loaded);
    }
    let (min, median) = min_median(&mut wall);
    let (_, user) = min_median(&mut user);
    let (_, system) = min_median(&mut system);
    println!(
        "{runs} runs: min {min:.1} ms, median {median:.1} ms; median cpu user {user:.1} ms, sys {system:.1} ms"
    );
}

/// Smallest and median, in milliseconds.
fn min_median(times: &mut [Duration]) -> (f64, f64) {
    times.sort();
    let ms = |t: Option<&Duration>| t.map_or(0.0, |t| t.as_secs_f64() * 1e3);
    (ms(times.first()), ms(times.get(times.len() / 2)))
}

/// User and system CPU time of the whole process so far (every thread).
fn cpu_times() -> (Duration, Duration) {
    // SAFETY: getrusage only fills the struct it is given.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let duration = |t: libc::timeval| {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or(0))
            + Duration::from_micros(u64::try_from(t.tv_usec).unwrap_or(0))
    };
    (duration(usage.ru_utime), duration(usage.ru_stime))
}
