//! `dossier search`: titles (fuzzy), bodies and events (words/substrings), best first.
//! Exit 0 with hits, 1 without (like grep and `fzf --filter`).

use super::{GlobalArgs, PathArgs};
use crate::core::article::Article;
use crate::core::sanitize::sanitize_line;
use crate::core::search::{Field, Hit, SearchIndex};
use crate::core::store::Store;
use anyhow::Context;
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchField {
    Title,
    Body,
    Events,
    All,
}

impl From<SearchField> for Field {
    fn from(field: SearchField) -> Field {
        match field {
            SearchField::Title => Field::Title,
            SearchField::Body => Field::Body,
            SearchField::Events => Field::Events,
            SearchField::All => Field::All,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub paths: PathArgs,

    /// Space-separated terms, all required; case-sensitive only with an uppercase letter
    #[arg(
        long,
        short = 'q',
        value_name = "Q",
        required_unless_present = "bench_queries"
    )]
    pub query: Option<String>,

    /// Where to look: titles (fuzzy), bodies and events (words/substrings), or all of them
    #[arg(long, value_enum, default_value_t = SearchField::All)]
    pub field: SearchField,

    /// At most K hits (0: all)
    #[arg(long, value_name = "K", default_value_t = 50)]
    pub limit: usize,

    /// Output format
    #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
    pub format: SearchFormat,

    /// Search with N threads (default: one per core)
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Repeat the search in process for DURATION (150ms, 2s) and print its timing instead
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub bench: Option<Duration>,

    /// Time every prefix of every query in FILE (one a line, '#' comments), per keystroke
    #[arg(long, value_name = "FILE", hide = true)]
    pub bench_queries: Option<PathBuf>,
}

/// `150ms`, `2s`, `1.5s`, `500us`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("bad duration {text:?}: expected e.g. 150ms or 2s"))?;
    let seconds = match unit {
        "s" => value,
        "ms" => value / 1e3,
        "us" | "µs" => value / 1e6,
        _ => return Err(format!("bad duration {text:?}: the unit is s, ms or us")),
    };
    Duration::try_from_secs_f64(seconds).map_err(|e| format!("bad duration {text:?}: {e}"))
}

/// One hit in `search --format json` (the contract of DESIGN.md §3).
#[derive(Debug, Serialize)]
pub struct JsonHit {
    pub rank: usize,
    pub score: i64,
    pub field: Field,
    pub file: String,
    pub title: String,
    pub sentence: Option<String>,
    /// Offset in the decoded source of the match (body: exact when the block's cleaned text
    /// is its source text, else the block's start; events: as `events` prints it).
    pub byte_offset: Option<usize>,
}

pub fn run(args: &SearchArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let Some(store) = super::load_store(&args.paths.paths, global) else {
        return Ok(ExitCode::from(1));
    };
    match args.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .context("cannot start the search threads")?
            .install(|| run_loaded(args, &store)),
        None => run_loaded(args, &store),
    }
}

fn run_loaded(args: &SearchArgs, store: &Store) -> anyhow::Result<ExitCode> {
    let index = SearchIndex::new(store);
    let field = Field::from(args.field);
    let limit = if args.limit == 0 {
        usize::MAX
    } else {
        args.limit
    };
    if matches!(field, Field::Body | Field::Events | Field::All) {
        index.prepare_text(store);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    if let Some(file) = &args.bench_queries {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let duration = args.bench.unwrap_or(Duration::from_millis(150));
        bench_queries(&mut out, &index, store, &text, field, limit, duration)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let query = args.query.as_deref().unwrap_or("");
    let never = AtomicBool::new(false);
    if let Some(duration) = args.bench {
        let times = repeat_for(duration, || {
            index.clear_cache();
            let start = Instant::now();
            let hits = index.search(store, query, field, limit, &never);
            let took = start.elapsed();
            drop(hits);
            took
        });
        writeln!(out, "{}", timing_line(&times))?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let hits = index.search(store, query, field, limit, &never);
    match args.format {
        SearchFormat::Text => {
            for hit in &hits {
                writeln!(out, "{}", text_line(store, hit))?;
            }
        }
        SearchFormat::Json => {
            let rows: Vec<JsonHit> = hits
                .iter()
                .enumerate()
                .filter_map(|(i, hit)| json_hit(store, i + 1, hit))
                .collect();
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `title` or `title — sentence`, one line, sanitized.
pub fn text_line(store: &Store, hit: &Hit) -> String {
    let Some(article) = store.articles.get(hit.article) else {
        return String::new();
    };
    let title = sanitize_line(article.title());
    match hit_sentence(article, hit) {
        Some(sentence) => format!("{title} — {}", sanitize_line(sentence)),
        None => title.into_owned(),
    }
}

fn hit_sentence<'a>(article: &'a Article, hit: &Hit) -> Option<&'a str> {
    hit.sentence.as_ref().map(|r| article.slice(r))
}

pub fn json_hit(store: &Store, rank: usize, hit: &Hit) -> Option<JsonHit> {
    let article = store.articles.get(hit.article)?;
    Some(JsonHit {
        rank,
        score: hit.score,
        field: hit.field,
        file: sanitize_line(article.file_name()).into_owned(),
        title: sanitize_line(article.title()).into_owned(),
        sentence: hit_sentence(article, hit).map(|s| sanitize_line(s).into_owned()),
        byte_offset: source_offset(article, hit),
    })
}

/// Where the hit's match is in the decoded source.
fn source_offset(article: &Article, hit: &Hit) -> Option<usize> {
    match hit.field {
        Field::Events => hit
            .event
            .and_then(|e| article.events().get(e))
            .map(|e| e.src_offset),
        Field::Body => {
            let at = hit.matched.as_ref()?.start;
            let (text, src) = article
                .blocks()
                .map(|b| (b.text_range(), b.src_range()))
                .find(|(text, _)| text.start <= at && at < text.end)?;
            // Same length: the block is its source verbatim, so offsets carry over.
            Some(if text.len() == src.len() {
                src.start + (at - text.start)
            } else {
                src.start
            })
        }
        Field::Title | Field::All => None,
    }
}

/// Run `once` repeatedly for `duration` (at least once); the time of each run.
fn repeat_for(duration: Duration, mut once: impl FnMut() -> Duration) -> Vec<Duration> {
    let start = Instant::now();
    let mut times = Vec::new();
    loop {
        times.push(once());
        if start.elapsed() >= duration {
            return times;
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn mean_ms(times: &[Duration]) -> f64 {
    if times.is_empty() {
        return 0.0;
    }
    times.iter().map(|&d| ms(d)).sum::<f64>() / times.len() as f64
}

/// `avg: 1.23 ms  min: 1.01 ms  max: 2.50 ms  runs: 118`
pub fn timing_line(times: &[Duration]) -> String {
    let min = times.iter().min().copied().unwrap_or_default();
    let max = times.iter().max().copied().unwrap_or_default();
    format!(
        "avg: {:.2} ms  min: {:.2} ms  max: {:.2} ms  runs: {}",
        mean_ms(times),
        ms(min),
        ms(max),
        times.len()
    )
}

/// CPU time used by the whole process so far (every thread), in ms: a load-independent
/// companion to wall time on a shared machine (it includes cache clearing, a small part).
fn process_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0.0;
    }
    ts.tv_sec as f64 * 1e3 + ts.tv_nsec as f64 / 1e6
}

/// Mean, median, p95 (as fzf_keys.py computes it) and max of per-keystroke means.
fn summary(values: &[f64]) -> (f64, f64, f64, f64) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n == 0 {
        return (0.0, 0.0, 0.0, 0.0);
    }
    let at = |i: usize| sorted.get(i.min(n - 1)).copied().unwrap_or(0.0);
    let p95 = (0.95 * (n - 1) as f64).round() as usize;
    (
        values.iter().sum::<f64>() / n as f64,
        at(n / 2),
        at(p95),
        at(n - 1),
    )
}

/// Per keystroke of every query in `text`: `cold` (every cache cleared before each run, like
/// `fzf --filter --bench`), `typing` (narrowed from the previous prefix, which is searched
/// untimed before each run; one-char results stay cached as after the first use), and
/// `cold_cpu` (process CPU time per cold run, all threads summed).
fn bench_queries(
    out: &mut impl Write,
    index: &SearchIndex,
    store: &Store,
    text: &str,
    field: Field,
    limit: usize,
    duration: Duration,
) -> anyhow::Result<()> {
    let never = AtomicBool::new(false);
    let queries: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect();
    let (mut cold, mut typing, mut hits) = (Vec::new(), Vec::new(), Vec::new());
    let mut cold_cpu = Vec::new();
    writeln!(out, "key\tprefix\tcold_ms\ttyping_ms\thits\tcold_cpu_ms")?;
    for query in queries {
        let ends: Vec<usize> = query
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .collect();
        let mut previous: Option<&str> = None;
        for end in ends {
            let prefix = query.get(..end).unwrap_or(query);
            let cpu_start = process_cpu();
            let cold_times = repeat_for(duration, || {
                index.clear_cache();
                let start = Instant::now();
                let found = index.search(store, prefix, field, limit, &never);
                let took = start.elapsed();
                drop(found);
                took
            });
            let cpu = (process_cpu() - cpu_start) / cold_times.len().max(1) as f64;
            let typing_times = repeat_for(duration, || {
                index.clear_narrowing();
                if let Some(before) = previous {
                    drop(index.search(store, before, field, limit, &never));
                }
                let start = Instant::now();
                let found = index.search(store, prefix, field, limit, &never);
                let took = start.elapsed();
                drop(found);
                took
            });
            let count = index.search(store, prefix, field, limit, &never).len();
            let (c, t) = (mean_ms(&cold_times), mean_ms(&typing_times));
            writeln!(
                out,
                "key\t{}\t{c:.3}\t{t:.3}\t{count}\t{cpu:.3}",
                sanitize_line(prefix)
            )?;
            cold.push(c);
            cold_cpu.push(cpu);
            typing.push(t);
            hits.push(count as f64);
            previous = Some(prefix);
        }
    }
    writeln!(out, "mode\tkeys\tmean_ms\tp50_ms\tp95_ms\tmax_ms")?;
    for (mode, values) in [
        ("cold", &cold),
        ("typing", &typing),
        ("cold_cpu", &cold_cpu),
    ] {
        let (mean, p50, p95, max) = summary(values);
        writeln!(
            out,
            "{mode}\t{}\t{mean:.2}\t{p50:.2}\t{p95:.2}\t{max:.2}",
            values.len()
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("150ms"), Ok(Duration::from_millis(150)));
        assert_eq!(parse_duration("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("2").is_err());
        assert!(parse_duration("ms").is_err());
        assert!(parse_duration("-1s").is_err());
    }

    #[test]
    fn timing_line_has_the_contract_shape() {
        let line = timing_line(&[Duration::from_micros(1010), Duration::from_micros(2500)]);
        assert_eq!(line, "avg: 1.75 ms  min: 1.01 ms  max: 2.50 ms  runs: 2");
    }
}
