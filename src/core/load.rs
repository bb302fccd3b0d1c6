//! Inputs -> articles: walk paths, read with a cap, decode, parse, annotate. Per-file problems
//! are collected, never fatal. The five seed articles are embedded in the binary.

use crate::core::article::Article;
use crate::core::cache::{self, Caching, FileKey, FolderCache, FolderWriter, RecordWindow};
use crate::core::dates;
use crate::core::decode::{decode, decode_owned, trim_partial_tail, DecodeError, Decoded};
use crate::core::meta;
use crate::core::parse::{detect_format, parse};
use crate::core::sanitize::sanitize_line;
use rayon::prelude::*;
use rustix::fs::{Mode, OFlags};
use std::collections::VecDeque;
use std::fmt;
use std::ops::{ControlFlow, Range};
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};

/// The built-in corpus: (name, bytes), in name order.
pub const SEEDS: [(&str, &[u8]); 5] = [
    (
        "000_ac47e9236f39f515.txt",
        include_bytes!("../../seeds/000_ac47e9236f39f515.txt"),
    ),
    (
        "001_a881549f84637386.txt",
        include_bytes!("../../seeds/001_a881549f84637386.txt"),
    ),
    (
        "002_1274d0bcaeb83511.txt",
        include_bytes!("../../seeds/002_1274d0bcaeb83511.txt"),
    ),
    (
        "003_766daca9b8a24f06.txt",
        include_bytes!("../../seeds/003_766daca9b8a24f06.txt"),
    ),
    (
        "004_2369183b024f104c.txt",
        include_bytes!("../../seeds/004_2369183b024f104c.txt"),
    ),
];

pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// The most of one file ever read, whatever `max_file_size` asks: it keeps every offset of an
/// article below 4 GiB, which the model stores as `u32` (see `article::Block`).
pub const MAX_FILE_SIZE_LIMIT: u64 = 512 * 1024 * 1024;

/// What the user pointed dossier at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The embedded seed articles.
    Seeds,
    /// A file or a folder (walked recursively).
    Path(PathBuf),
    /// `-`: standard input.
    Stdin,
}

impl Input {
    /// Command-line arguments to inputs: none means the seeds, `-` means stdin.
    pub fn from_args(paths: &[PathBuf]) -> Vec<Input> {
        if paths.is_empty() {
            return vec![Input::Seeds];
        }
        paths
            .iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    Input::Stdin
                } else {
                    Input::Path(p.clone())
                }
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Files larger than this are read truncated (at most [`MAX_FILE_SIZE_LIMIT`] bytes).
    pub max_file_size: u64,
    /// Run the dates pass (events, and the publication date when the format states none).
    /// Always on in the app; off only to measure loading without it (`benches/load.rs`).
    pub dates: bool,
    /// Use and update the load cache of every folder loaded (see [`crate::core::cache`]) in
    /// the default cache dir. On in the app and the commands unless `--no-cache`; off by
    /// default in the library, so tests and benchmarks choose.
    pub cache: bool,
}

impl LoadOptions {
    /// The load cache's dir when `cache` is on (none when the platform has no cache dir).
    pub fn cache_dir(&self) -> Option<PathBuf> {
        self.cache.then(cache::default_dir).flatten()
    }

    /// How many bytes of a file are read: `max_file_size`, at most [`MAX_FILE_SIZE_LIMIT`].
    pub fn file_cap(&self) -> u64 {
        self.max_file_size.min(MAX_FILE_SIZE_LIMIT)
    }
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            dates: true,
            cache: false,
        }
    }
}

/// One problem with one input: printed as `PATH: problem`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            sanitize_line(&self.path),
            sanitize_line(&self.message)
        )
    }
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    /// Problems that kept a file out, and warnings about files that loaded anyway.
    pub problems: Vec<Problem>,
    /// Articles taken from the load cache rather than parsed.
    pub cached: usize,
}

/// One unit of work, found from the inputs, in input order. Problems met while walking stay
/// in place so the report keeps the walk order.
enum Job {
    Seed(&'static str, &'static [u8]),
    File {
        path: PathBuf,
        /// Named on the command line (FIFOs and devices are read) rather than met in a folder
        /// (they are skipped).
        explicit: bool,
        /// The cache of the folder it was found in (an index into the load's caches).
        folder: Option<u32>,
    },
    Stdin,
    Problem(Problem),
}

/// Load every input. Files are read and parsed in parallel; the result keeps input order.
pub fn load(inputs: &[Input], options: &LoadOptions) -> Loaded {
    let cache_dir = options.cache_dir();
    load_in(inputs, options, cache_dir.as_deref())
}

/// `load` with the load cache in `cache_dir` (none without one), whatever `options.cache`
/// says: tests and benchmarks use a dir of their own.
pub fn load_in(inputs: &[Input], options: &LoadOptions, cache_dir: Option<&Path>) -> Loaded {
    let mut loaded = Loaded::default();
    load_cached_in(inputs, options, cache_dir, &|_| None, |batch| {
        // Sized once for every input: growing by doubling would leave up to a second
        // 100k-`Article` vector's worth of slack.
        if loaded.articles.capacity() == 0 {
            loaded.articles.reserve_exact(batch.total);
        }
        loaded.articles.extend(batch.articles);
        loaded.problems.extend(batch.problems);
        loaded.cached += batch.cached;
        ControlFlow::Continue(())
    });
    loaded.articles.shrink_to_fit();
    loaded
}

/// A slice of a streaming load: the next articles in input order, following the previous
/// batch's (ids numbered from 0 across batches), and how far the load is.
#[derive(Debug, Default)]
pub struct Batch {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
    /// Units of work (files, seeds, walk problems) done so far, and in all.
    pub done: usize,
    pub total: usize,
    /// Articles of this batch taken from the load cache rather than parsed.
    pub cached: usize,
}

/// First batch size: small, so the first articles show up at once; later batches grow to
/// `MAX_BATCH` so the hand-over costs nothing next to the parsing.
const FIRST_BATCH: usize = 64;
const MAX_BATCH: usize = 1024;

/// Load every input, handing the articles over in input order, batch by batch, as they are
/// parsed (in parallel within a batch). `on_batch` may stop the load with `Break`. At least
/// one batch is always handed over, so the caller learns the total even when it is zero.
pub fn load_streaming(
    inputs: &[Input],
    options: &LoadOptions,
    on_batch: impl FnMut(Batch) -> ControlFlow<()>,
) {
    load_streaming_reusing(inputs, options, &|_| None, on_batch);
}

/// `load_streaming`, where `reuse` may hand over the article for a file found by the walk
/// instead of reading and parsing it again (a reload reuses what did not change).
///
/// Every loading thread, this one included, takes the next few jobs from a shared counter, so
/// results come back nearly in input order; this thread puts them back in order between its own
/// jobs and hands each batch over once its last article is in. No thread waits at a batch
/// boundary (a parallel map per batch idles a core at each one), and this thread never sleeps
/// on a result while there is work left.
pub fn load_streaming_reusing(
    inputs: &[Input],
    options: &LoadOptions,
    reuse: &(dyn Fn(&Path) -> Option<Article> + Sync),
    on_batch: impl FnMut(Batch) -> ControlFlow<()>,
) {
    let cache_dir = options.cache_dir();
    load_cached_in(inputs, options, cache_dir.as_deref(), reuse, on_batch);
}

/// `load_streaming_reusing` with the load cache in `cache_dir` (none without one), whatever
/// `options.cache` says: tests and benchmarks use their own dir.
pub fn load_cached_in(
    inputs: &[Input],
    options: &LoadOptions,
    cache_dir: Option<&Path>,
    reuse: &(dyn Fn(&Path) -> Option<Article> + Sync),
    on_batch: impl FnMut(Batch) -> ControlFlow<()>,
) {
    load_cached_at(
        inputs,
        options,
        cache_dir,
        std::time::SystemTime::now(),
        reuse,
        on_batch,
    );
}

/// `load_cached_in`, the load taken to start at `started` (files changed within
/// `cache::SETTLED` before it are not cached: tests pretend the clock is later).
fn load_cached_at(
    inputs: &[Input],
    options: &LoadOptions,
    cache_dir: Option<&Path>,
    started: std::time::SystemTime,
    reuse: &(dyn Fn(&Path) -> Option<Article> + Sync),
    on_batch: impl FnMut(Batch) -> ControlFlow<()>,
) {
    crate::core::memory::begin_load();
    // Opened before the walk: the loading threads read them while the walk goes on.
    let mut caches = Vec::new();
    let input_caches: Vec<Option<u32>> = inputs
        .iter()
        .map(|input| {
            let (Some(dir), Input::Path(root)) = (cache_dir, input) else {
                return None;
            };
            if !std::fs::metadata(root).is_ok_and(|meta| meta.is_dir()) {
                return None;
            }
            let cache = FolderCache::open(dir, root, options)?;
            caches.push(cache);
            u32::try_from(caches.len() - 1).ok()
        })
        .collect();
    let mut writers: Vec<FolderWriter> =
        caches.iter().map(|_| FolderWriter::new(started)).collect();
    let complete = load_in_order(
        inputs,
        &input_caches,
        &caches,
        options,
        reuse,
        &mut writers,
        on_batch,
    );
    for (writer, cache) in writers.into_iter().zip(&caches) {
        if complete {
            writer.finish(cache);
        } else {
            writer.abandon();
        }
    }
    drop(caches);
    // After the load's queues and threads are gone, so their pages go back too.
    crate::core::memory::end_load();
}

/// Load every job of `inputs` and hand the batches over in order, each article to its folder's
/// cache writer on the way. True when every batch was handed over (not stopped by `on_batch`).
fn load_in_order(
    inputs: &[Input],
    input_caches: &[Option<u32>],
    caches: &[FolderCache],
    options: &LoadOptions,
    reuse: &(dyn Fn(&Path) -> Option<Article> + Sync),
    writers: &mut [FolderWriter],
    mut on_batch: impl FnMut(Batch) -> ControlFlow<()>,
) -> bool {
    let feed = JobFeed::default();
    let queue = Queue {
        feed: &feed,
        stopped: AtomicBool::new(false),
        options,
        reuse,
        caches,
    };
    let (results_tx, results) = std::sync::mpsc::channel::<(usize, Vec<Done>)>();
    std::thread::scope(|scope| {
        let helpers = rayon::current_num_threads().saturating_sub(1);
        let queue = &queue;
        let mut results_tx = Some(results_tx);
        // The helpers start loading as soon as the walk has found more than one claim's worth,
        // while this thread walks on: the walk (4 ms at 10k files, most of it sorting names)
        // no longer leaves the other cores idle.
        let mut start_helpers = |found: usize| {
            if helpers == 0 || found <= CLAIM {
                return;
            }
            let Some(results_tx) = results_tx.take() else {
                return;
            };
            // Not a pool thread: it only waits while the pool's threads take jobs.
            scope.spawn(move || {
                (0..helpers)
                    .into_par_iter()
                    .for_each_with(results_tx, |results_tx, _| {
                        let mut thread = LoadingThread::default();
                        while let Some((first, done)) = queue.take(&mut thread) {
                            if results_tx.send((first, done)).is_err() {
                                return;
                            }
                        }
                    });
            });
        };
        let mut found = Vec::with_capacity(FEED_CHUNK);
        for_each_job_cached(inputs, input_caches, &mut |job| {
            found.push(job);
            if found.len() == FEED_CHUNK {
                start_helpers(feed.push(&mut found));
            }
        });
        let total = feed.push(&mut found);
        feed.finish();
        start_helpers(total);
        // Without helpers the receiving end must see the channel close.
        drop(results_tx);
        if total == 0 {
            return on_batch(Batch::default()).is_continue();
        }
        let mut order = InOrder::new(total);
        let mut thread = LoadingThread::default();
        loop {
            let (first, done) = match queue.take(&mut thread) {
                Some(own) => own,
                // Nothing left to take: wait for the helpers' last results.
                None => match results.recv() {
                    Ok(theirs) => theirs,
                    Err(_) => {
                        return false;
                    }
                },
            };
            order.arrived(first, done);
            while let Ok((first, done)) = results.try_recv() {
                order.arrived(first, done);
            }
            while let Some((batch, cachings)) = order.next_batch() {
                for (article, caching) in batch.articles.iter().zip(cachings) {
                    let folder = match caching {
                        Caching::None => continue,
                        Caching::Hit { folder, .. } | Caching::Fresh { folder, .. } => folder,
                    };
                    let index = usize::try_from(folder).unwrap_or(usize::MAX);
                    if let (Some(writer), Some(cache)) = (writers.get_mut(index), caches.get(index))
                    {
                        writer.add(cache, article, caching);
                    }
                }
                let last = batch.done >= total;
                let stopped = on_batch(batch).is_break();
                if stopped || last {
                    queue.stopped.store(true, Ordering::Relaxed);
                    return !stopped;
                }
            }
        }
    })
}

/// Jobs a loading thread takes at once: few enough that results come back nearly in order,
/// enough that handing them over does not wake a thread for every file.
const CLAIM: usize = 16;

/// Jobs the walk finds before it hands them to the loading threads, so the feed's lock is
/// taken once per few claims.
const FEED_CHUNK: usize = 64;

/// The jobs of one load as the walk finds them, numbered in input order, taken `CLAIM` at a
/// time by the loading threads. A job is moved out when taken: nothing holds it afterwards.
#[derive(Default)]
struct JobFeed {
    state: Mutex<FeedState>,
    /// Signalled when jobs arrive or the walk is over.
    arrived: Condvar,
}

#[derive(Default)]
struct FeedState {
    waiting: VecDeque<Job>,
    /// Jobs taken so far: the input-order index of the next one in `waiting`.
    taken: usize,
    /// The walk is over: once `waiting` is empty, nothing more will come.
    finished: bool,
}

impl JobFeed {
    /// Append the jobs in `found` (leaving it empty); returns how many jobs were found so far.
    fn push(&self, found: &mut Vec<Job>) -> usize {
        let mut state = self.lock();
        state.waiting.extend(found.drain(..));
        self.arrived.notify_all();
        state.taken + state.waiting.len()
    }

    fn finish(&self) {
        self.lock().finished = true;
        self.arrived.notify_all();
    }

    /// The next jobs and the index of the first, waiting while the walk may still find some;
    /// `None` once every job is taken.
    fn claim(&self) -> Option<(usize, Vec<Job>)> {
        let mut state = self.lock();
        loop {
            if !state.waiting.is_empty() {
                let count = state.waiting.len().min(CLAIM);
                let first = state.taken;
                state.taken += count;
                let claimed = state.waiting.drain(..count).collect();
                // The walk outruns the loading, so nearly every job waits here at once: once it
                // is over, the queue's buffer shrinks as it drains (a slot per file, held to the
                // end of the load otherwise).
                let len = state.waiting.len();
                if state.finished && len < state.waiting.capacity() / 4 {
                    state.waiting.shrink_to(len * 2);
                }
                return Some((first, claimed));
            }
            if state.finished {
                return None;
            }
            state = self
                .arrived
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    /// The state, even after a panic elsewhere (the jobs are plain data, never half-updated).
    fn lock(&self) -> std::sync::MutexGuard<'_, FeedState> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The loading threads' side of the feed, with what running a job needs.
struct Queue<'a> {
    feed: &'a JobFeed,
    /// Set when the caller stopped the load: the threads take nothing more.
    stopped: AtomicBool,
    options: &'a LoadOptions,
    reuse: &'a (dyn Fn(&Path) -> Option<Article> + Sync),
    caches: &'a [FolderCache],
}

impl Queue<'_> {
    /// Run the next jobs: the index of the first and their results, or `None` when none is left.
    /// `thread` is the calling thread's, kept from one claim to the next.
    fn take(&self, thread: &mut LoadingThread) -> Option<(usize, Vec<Done>)> {
        if self.stopped.load(Ordering::Relaxed) {
            return None;
        }
        let (first, claimed) = self.feed.claim()?;
        self.read_records(&claimed, thread);
        let done = claimed.iter().map(|job| self.run(job, thread)).collect();
        Some((first, done))
    }

    /// Read the cache records of the claimed files in one read when they lie close together
    /// in one folder's cache (one `pread` per file was 40 % of a warm load's system calls).
    fn read_records(&self, claimed: &[Job], thread: &mut LoadingThread) {
        /// Past this, or with more gaps than records, the records are read one by one.
        const MOST: u64 = 4 << 20;
        thread.window.clear();
        let mut folder = None;
        let mut span: Option<Range<u64>> = None;
        let mut records = 0u64;
        for job in claimed {
            let Job::File {
                path,
                folder: Some(of),
                ..
            } = job
            else {
                continue;
            };
            if folder.is_some_and(|folder| folder != *of) {
                return;
            }
            folder = Some(*of);
            let Some(cache) = self.caches.get(usize::try_from(*of).unwrap_or(usize::MAX)) else {
                return;
            };
            let Some(record) = cache.relative(path).and_then(|r| cache.record_span(r)) else {
                continue;
            };
            records += record.end - record.start;
            span = Some(match span {
                Some(span) => span.start.min(record.start)..span.end.max(record.end),
                None => record,
            });
        }
        let (Some(of), Some(span)) = (folder, span) else {
            return;
        };
        let width = span.end - span.start;
        if width > MOST || width > records.saturating_mul(2) {
            return;
        }
        if let Some(cache) = self.caches.get(usize::try_from(of).unwrap_or(usize::MAX)) {
            cache.read_window(span, &mut thread.window);
        }
    }

    fn run(&self, job: &Job, thread: &mut LoadingThread) -> Done {
        let Job::File {
            path,
            folder: cached,
            ..
        } = job
        else {
            return (load_job(job, self.options, thread), Caching::None);
        };
        let cache = cached.and_then(|folder| {
            let cache = self.caches.get(usize::try_from(folder).ok()?)?;
            Some((folder, cache))
        });
        // Looked at before it is read: a change after this shows on the next load. A path
        // that is not UTF-8 is never cached: its origin, which the record is found by, is
        // not its path.
        let key = cache.and_then(|_| path.to_str().and(thread.folder.key(path)));
        if let (Some((folder, cache)), Some(key)) = (cache, &key) {
            if let Some(hit) = cache_hit(cache, path, key, thread) {
                let caching = Caching::Hit {
                    folder,
                    record: hit.record,
                };
                let warnings = warning_problems(&hit.article);
                return (Ok((hit.article, warnings)), caching);
            }
        }
        let caching = match cache {
            Some((folder, _)) => Caching::Fresh { folder, key },
            None => Caching::None,
        };
        let result = match (self.reuse)(path) {
            Some(article) => Ok((article, Vec::new())),
            None => load_job(job, self.options, thread),
        };
        (result, caching)
    }
}

/// The cached article of `path`, when its folder's cache holds it for this very file.
fn cache_hit(
    cache: &FolderCache,
    path: &Path,
    key: &FileKey,
    thread: &mut LoadingThread,
) -> Option<cache::Hit> {
    let relative = cache.relative(path)?;
    let origin = path.to_str()?;
    cache.lookup(relative, key, origin, &thread.window, &mut thread.record)
}

/// A job's result and how it relates to its folder's cache.
type Done = (JobResult, Caching);

/// Puts results arriving out of order back in input order and cuts them into batches of
/// growing size (`FIRST_BATCH` doubling up to `MAX_BATCH`), numbering the articles.
struct InOrder {
    total: usize,
    /// Results from job `done` on, by input order: `None` for jobs another thread still runs.
    /// Results come back nearly in order, so this stays a few claims long.
    early: VecDeque<Option<Done>>,
    /// Jobs put in a batch so far; the next one expected is `done`.
    done: usize,
    batch_start: usize,
    size: usize,
    next_id: usize,
    batch: Batch,
    /// How each article of `batch` relates to its folder's cache.
    cachings: Vec<Caching>,
}

impl InOrder {
    fn new(total: usize) -> InOrder {
        InOrder {
            total,
            early: VecDeque::new(),
            done: 0,
            batch_start: 0,
            size: FIRST_BATCH,
            next_id: 0,
            batch: Batch {
                total,
                ..Batch::default()
            },
            cachings: Vec::new(),
        }
    }

    /// Results of jobs `first..`; each job arrives once, never one already put in a batch.
    fn arrived(&mut self, first: usize, results: Vec<Done>) {
        let Some(offset) = first.checked_sub(self.done) else {
            return;
        };
        let end = offset + results.len();
        if self.early.len() < end {
            self.early.resize_with(end, || None);
        }
        for (slot, result) in self.early.range_mut(offset..end).zip(results) {
            *slot = Some(result);
        }
    }

    /// The next complete batch, if its last job is in, with how each article relates to its
    /// folder's cache.
    fn next_batch(&mut self) -> Option<(Batch, Vec<Caching>)> {
        while self.done - self.batch_start < self.size && self.done < self.total {
            let (result, caching) = self.early.front_mut().and_then(Option::take)?;
            self.early.pop_front();
            self.done += 1;
            match result {
                Ok((mut article, warnings)) => {
                    article.id = self.next_id;
                    self.next_id += 1;
                    self.batch.problems.extend(warnings);
                    self.batch.articles.push(article);
                    self.batch.cached += usize::from(matches!(caching, Caching::Hit { .. }));
                    self.cachings.push(caching);
                }
                Err(problem) => self.batch.problems.push(problem),
            }
        }
        if self.done == self.batch_start {
            return None;
        }
        self.batch_start = self.done;
        self.size = (self.size * 2).min(MAX_BATCH);
        let next = Batch {
            total: self.total,
            ..Batch::default()
        };
        let batch = Batch {
            done: self.done,
            ..std::mem::replace(&mut self.batch, next)
        };
        Some((batch, std::mem::take(&mut self.cachings)))
    }
}

type JobResult = Result<(Article, Vec<Problem>), Problem>;

/// Every job of `inputs`, in input order (folders walked in name order), as it is found.
#[cfg(test)]
fn for_each_job(inputs: &[Input], found: &mut dyn FnMut(Job)) {
    for_each_job_cached(inputs, &[], found);
}

/// `for_each_job`, the files found in folder `inputs[i]` tagged with cache `input_caches[i]`.
fn for_each_job_cached(inputs: &[Input], input_caches: &[Option<u32>], found: &mut dyn FnMut(Job)) {
    for (index, input) in inputs.iter().enumerate() {
        match input {
            Input::Seeds => SEEDS
                .iter()
                .for_each(|&(name, bytes)| found(Job::Seed(name, bytes))),
            Input::Stdin => found(Job::Stdin),
            Input::Path(path) => {
                let cache = input_caches.get(index).copied().flatten();
                collect_path(path, cache, found);
            }
        }
    }
}

/// Extensions loaded from folders; anything else met while walking is ignored silently.
/// A file named on the command line is loaded whatever its extension (content is sniffed).
fn is_article_file(path: &Path) -> bool {
    // Compared as bytes, in place: the walk asks this of every file it meets.
    let name = path.file_name().map_or(&[][..], |n| n.as_encoded_bytes());
    [".txt", ".md", ".markdown", ".html", ".htm", ".text"]
        .iter()
        .any(|ext| {
            name.len() >= ext.len()
                && name
                    .get(name.len() - ext.len()..)
                    .is_some_and(|tail| tail.eq_ignore_ascii_case(ext.as_bytes()))
        })
}

/// A path as text, as `display` shows it: taken as is when it is UTF-8 (nearly always), which
/// is checked at once where `display` walks it char by char, twice (1.4 % of a 10k load).
fn path_text(path: &Path) -> String {
    path.to_str()
        .map_or_else(|| path.display().to_string(), str::to_owned)
}

fn problem(path: &Path, message: impl Into<String>) -> Problem {
    Problem {
        path: path_text(path),
        message: message.into(),
    }
}

fn collect_path(path: &Path, cache: Option<u32>, found: &mut dyn FnMut(Job)) {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) => {
            found(Job::Problem(problem(path, missing_message(path, &err))));
            return;
        }
    };
    if !meta.is_dir() {
        // Regular or not, read it: `load_job` decides from the opened file, never blocking.
        found(Job::File {
            path: path.to_path_buf(),
            explicit: true,
            folder: None,
        });
        return;
    }
    // Siblings share their parent's path, so comparing whole paths compares their names, without
    // `file_name()` re-parsing both paths at every comparison (most of the walk's CPU time).
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()));
    for entry in walker {
        match entry {
            Ok(entry) => {
                let kind = entry.file_type();
                if kind.is_dir() {
                    continue;
                }
                if kind.is_file() {
                    if is_article_file(entry.path()) {
                        found(Job::File {
                            path: entry.into_path(),
                            explicit: false,
                            folder: cache,
                        });
                    }
                } else if let Some(what) = special_kind(&kind) {
                    found(Job::Problem(problem(
                        entry.path(),
                        format!("{what}, skipped"),
                    )));
                }
            }
            Err(err) => {
                let at = err.path().unwrap_or(path);
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop, skipped".to_string()
                } else if let Some(io) = err.io_error() {
                    missing_message(at, io)
                } else {
                    err.to_string()
                };
                found(Job::Problem(problem(at, message)));
            }
        }
    }
}

/// FIFOs, sockets and devices: never opened when met in a folder (a FIFO would block).
fn special_kind(kind: &std::fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        Some("named pipe (FIFO)")
    } else if kind.is_socket() {
        Some("socket")
    } else if kind.is_char_device() || kind.is_block_device() {
        Some("device")
    } else {
        None
    }
}

/// Why a path could not be looked at, telling dangling links and loops from missing files.
fn missing_message(path: &Path, err: &std::io::Error) -> String {
    if err.raw_os_error() == Some(libc::ELOOP) {
        return "symbolic link loop, skipped".to_string();
    }
    if err.kind() == std::io::ErrorKind::NotFound
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
    {
        return "dangling symbolic link, skipped".to_string();
    }
    if err.raw_os_error() == Some(libc::ENXIO) {
        // Opening a socket fails with ENXIO: name it.
        if let Some(what) = std::fs::metadata(path)
            .ok()
            .and_then(|m| special_kind(&m.file_type()))
        {
            return format!("{what}, skipped");
        }
    }
    io_message(err)
}

fn io_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => match err.raw_os_error() {
            Some(libc::ENXIO) => "socket or device without a reader, skipped".to_string(),
            Some(libc::ELOOP) => "symbolic link loop, skipped".to_string(),
            _ => err.to_string(),
        },
    }
}

fn load_job(job: &Job, options: &LoadOptions, thread: &mut LoadingThread) -> JobResult {
    match job {
        Job::Seed(name, bytes) => build(format!("seeds/{name}"), bytes, options.dates),
        Job::Problem(problem) => Err(problem.clone()),
        Job::Stdin => {
            let read =
                read_capped(std::io::stdin().lock(), options.file_cap(), 0).map_err(|err| {
                    Problem {
                        path: "stdin".into(),
                        message: io_message(&err),
                    }
                })?;
            finish(String::from("stdin"), read, options)
        }
        Job::File { path, explicit, .. } => {
            let origin = path_text(path);
            let fail = |message: String| Problem {
                path: origin.clone(),
                message,
            };
            let read = read_file(path, *explicit, options.file_cap(), thread).map_err(fail)?;
            finish(origin, read, options)
        }
    }
}

/// Bytes read with a cap: `truncated` when the source had more.
struct ReadBytes {
    bytes: Vec<u8>,
    truncated: bool,
}

fn finish(origin: String, read: ReadBytes, options: &LoadOptions) -> JobResult {
    let mut bytes = read.bytes;
    if read.truncated {
        let whole = trim_partial_tail(&bytes).len();
        bytes.truncate(whole);
    }
    let decoded = decode_owned(bytes).map_err(|err| undecodable(&origin, &err))?;
    // The article keeps its own copy of `origin`: no second one for the rare warning.
    let (mut article, warnings) = build_decoded(origin, decoded, options.dates);
    if !read.truncated {
        return Ok((article, warnings));
    }
    let mut all = vec![format!("truncated to {} bytes", options.file_cap())];
    all.extend_from_slice(article.warnings());
    article.set_warnings(all);
    let warnings = warning_problems(&article);
    Ok((article, warnings))
}

/// An article's warnings as problems (`PATH: warning`), as a load reports them: one place for
/// parsed articles and those taken from the load cache.
fn warning_problems(article: &Article) -> Vec<Problem> {
    article
        .warnings()
        .iter()
        .map(|message| Problem {
            path: article.origin().to_string(),
            message: message.clone(),
        })
        .collect()
}

/// The folder a loading thread opened last. Files found by the walk are opened relative to it
/// (`openat`): the kernel then resolves one name per file instead of every component of its
/// path (`link_path_walk` was 2.5 % of a 10k load's CPU, now 0.7 %). A claim's files are
/// consecutive in walk order, so nearly always of one folder: it is opened about once a claim.
#[derive(Default)]
struct OpenFolder {
    /// The folder's path as the walk spelled it, and an `O_PATH` descriptor of it.
    open: Option<(PathBuf, OwnedFd)>,
}

impl OpenFolder {
    /// Open `path` for reading without ever blocking (O_NONBLOCK: a FIFO swapped in after the
    /// walk cannot hang us; it has no effect on regular files). Through its folder when that
    /// folder can be opened; through the whole path otherwise (explicit files, a folder gone),
    /// so errors are the plain open's.
    fn open_file(&mut self, path: &Path, via_folder: bool) -> std::io::Result<std::fs::File> {
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC;
        if via_folder {
            if let (Some(parent), Some(name)) = (path.parent(), path.file_name()) {
                if let Some(dir) = self.descriptor(parent) {
                    return Ok(rustix::fs::openat(dir, name, flags, Mode::empty())?.into());
                }
            }
        }
        Ok(rustix::fs::open(path, flags, Mode::empty())?.into())
    }

    /// The key of the file at `path` (found by the walk), looked up through its folder like
    /// `open_file`; symbolic links are followed, as the open does.
    fn key(&mut self, path: &Path) -> Option<FileKey> {
        let (parent, name) = (path.parent()?, path.file_name()?);
        let stat = match self.descriptor(parent) {
            Some(dir) => rustix::fs::statat(dir, name, rustix::fs::AtFlags::empty()),
            None => rustix::fs::stat(path),
        };
        Some(FileKey::of(&stat.ok()?))
    }

    /// A descriptor of folder `parent`, opened unless it is the one already open.
    fn descriptor(&mut self, parent: &Path) -> Option<&OwnedFd> {
        let current = self
            .open
            .as_ref()
            .is_some_and(|(open, _)| open.as_os_str() == parent.as_os_str());
        if !current {
            // The previous folder is closed first: a thread holds one folder at a time.
            self.open = None;
            if parent.as_os_str().is_empty() {
                return None;
            }
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let dir = rustix::fs::open(parent, flags, Mode::empty()).ok()?;
            self.open = Some((parent.to_path_buf(), dir));
        }
        self.open.as_ref().map(|(_, dir)| dir)
    }
}

/// What a loading thread keeps from one file to the next.
#[derive(Default)]
struct LoadingThread {
    folder: OpenFolder,
    /// Where files found by the walk are first read (`SCRATCH` bytes once used).
    scratch: Vec<u8>,
    /// Where cache records are read one at a time.
    record: Vec<u8>,
    /// The records of the files of the current claim, read at once (see `read_records`).
    window: RecordWindow,
}

/// Walked files up to this size are read whole into the thread's scratch buffer and copied out
/// at their size, with no `fstat` for the size (nearly every article is smaller: 940 bytes on
/// average at 10k files). Larger ones are read in place once `fstat` gave their size.
const SCRATCH: usize = 64 * 1024;

/// Open without ever blocking, then decide from what was actually opened. Never mmap: a file
/// truncated under us would SIGBUS.
fn read_file(
    path: &Path,
    explicit: bool,
    cap: u64,
    thread: &mut LoadingThread,
) -> Result<ReadBytes, String> {
    let file = thread
        .folder
        .open_file(path, !explicit)
        .map_err(|err| missing_message(path, &err))?;
    if explicit {
        return read_opened(file, explicit, cap, &[]);
    }
    match read_whole_small(&file, &mut thread.scratch, cap) {
        SmallRead::Whole(bytes) => Ok(ReadBytes {
            bytes: bytes.to_vec(),
            truncated: false,
        }),
        SmallRead::Undecided(prefix) => read_opened(file, explicit, cap, prefix),
    }
}

/// What reading a walked file into the scratch buffer told.
enum SmallRead<'a> {
    /// Its whole content: some bytes, then end of file, within the cap.
    Whole(&'a [u8]),
    /// Anything else (nothing, an error, more than the scratch or the cap holds): `fstat`
    /// decides, the bytes already read being the file's first.
    Undecided(&'a [u8]),
}

/// Read a file the walk saw as regular into `scratch` to its end. A file swapped meanwhile for
/// a directory, a FIFO or a device shows as an error, no bytes, or no end within the cap: all
/// undecided. (Left unnoticed: a FIFO whose writer wrote and closed between our open and read.)
fn read_whole_small<'a>(file: &std::fs::File, scratch: &'a mut Vec<u8>, cap: u64) -> SmallRead<'a> {
    use std::io::{ErrorKind, Read as _};
    if scratch.is_empty() {
        scratch.resize(SCRATCH, 0);
    }
    // One byte past the cap shows the file is longer.
    let window = usize::try_from(cap)
        .map_or(usize::MAX, |cap| cap.saturating_add(1))
        .min(scratch.len());
    let mut filled = 0;
    let mut reader = file;
    let outcome = loop {
        let Some(free) = scratch.get_mut(filled..window) else {
            break Err(());
        };
        if free.is_empty() {
            break Err(());
        }
        match reader.read(free) {
            Ok(0) => break Ok(()),
            Ok(n) => filled += n,
            Err(err) if err.kind() == ErrorKind::Interrupted => {}
            Err(_) => break Err(()),
        }
    };
    let read = scratch.get(..filled).unwrap_or(&[]);
    match outcome {
        Ok(()) if !read.is_empty() => SmallRead::Whole(read),
        _ => SmallRead::Undecided(read),
    }
}

/// Decide from what was opened (`fstat`), `prefix` being what was already read from it.
fn read_opened(
    file: std::fs::File,
    explicit: bool,
    cap: u64,
    prefix: &[u8],
) -> Result<ReadBytes, String> {
    let meta = file.metadata().map_err(|err| io_message(&err))?;
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err("is a directory".to_string());
    }
    if kind.is_file() {
        return read_regular(prefix, file, cap, meta.len()).map_err(|err| io_message(&err));
    }
    if !explicit {
        let what = special_kind(&kind).unwrap_or("not a regular file");
        return Err(format!("{what}, skipped"));
    }
    // Named on the command line: read what is there now, never waiting long.
    let read = read_available(file, cap).map_err(|err| io_message(&err))?;
    if read.bytes.is_empty() && special_kind(&kind) == Some("named pipe (FIFO)") {
        return Err("named pipe (FIFO) with nothing to read, skipped".to_string());
    }
    Ok(read)
}

/// A regular file of known size, `prefix` already read from it: read `min(size, cap)` bytes in
/// all into a buffer allocated once, without the extra end-of-file read (a file growing
/// meanwhile is read as it was when opened). Size 0 may be a lie (`/proc`): read to the end then.
fn read_regular(
    prefix: &[u8],
    file: std::fs::File,
    cap: u64,
    size: u64,
) -> std::io::Result<ReadBytes> {
    use std::io::Read as _;
    let content = prefix.chain(file);
    if size == 0 {
        return read_capped(content, cap, 0);
    }
    let want = size.min(cap);
    let mut bytes = Vec::with_capacity(usize::try_from(want).unwrap_or(0));
    // `take` answers the final probe read itself once `want` bytes are in: no syscall.
    content.take(want).read_to_end(&mut bytes)?;
    Ok(ReadBytes {
        bytes,
        truncated: size > cap,
    })
}

/// Read up to `cap` bytes, noticing whether there was more. `size_hint` sizes the buffer once.
fn read_capped(reader: impl std::io::Read, cap: u64, size_hint: u64) -> std::io::Result<ReadBytes> {
    use std::io::Read as _;
    let capacity = usize::try_from(size_hint.min(cap).saturating_add(1)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(cut_to_cap(bytes, cap))
}

fn cut_to_cap(mut bytes: Vec<u8>, cap: u64) -> ReadBytes {
    let cap = usize::try_from(cap).unwrap_or(usize::MAX);
    let truncated = bytes.len() > cap;
    bytes.truncate(cap);
    ReadBytes { bytes, truncated }
}

/// Non-blocking read of a FIFO or device named on the command line: take what arrives while a
/// writer keeps it coming, stop at the cap, at end of file, after a short idle time, or after
/// a few seconds in all.
fn read_available(mut file: std::fs::File, cap: u64) -> std::io::Result<ReadBytes> {
    use std::io::{ErrorKind, Read as _};
    use std::time::{Duration, Instant};
    const IDLE: Duration = Duration::from_millis(300);
    const TOTAL: Duration = Duration::from_secs(3);
    let limit = cap.saturating_add(1);
    let started = Instant::now();
    let mut last_data = started;
    let mut bytes = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    while (bytes.len() as u64) < limit {
        let want = usize::try_from(limit - bytes.len() as u64)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let chunk = buf.get_mut(..want).unwrap_or(&mut []);
        match file.read(chunk) {
            Ok(0) => break,
            Ok(n) => {
                bytes.extend_from_slice(chunk.get(..n).unwrap_or(&[]));
                last_data = Instant::now();
            }
            Err(err) if err.kind() == ErrorKind::Interrupted => {}
            Err(err) if err.kind() == ErrorKind::WouldBlock => {
                if last_data.elapsed() >= IDLE || started.elapsed() >= TOTAL {
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(err) => return Err(err),
        }
    }
    Ok(cut_to_cap(bytes, cap))
}

/// Decode, parse and annotate one article's bytes. `id` is set by the caller.
pub fn build_article(origin: String, bytes: &[u8]) -> Result<(Article, Vec<Problem>), Problem> {
    build(origin, bytes, true)
}

/// `build_article` without the dates pass: no events, and a publication date only when the
/// format states one. What loading costs apart from dates (`benches/load.rs`).
pub fn build_article_undated(
    origin: String,
    bytes: &[u8],
) -> Result<(Article, Vec<Problem>), Problem> {
    build(origin, bytes, false)
}

fn build(origin: String, bytes: &[u8], dates: bool) -> Result<(Article, Vec<Problem>), Problem> {
    let decoded = decode(bytes).map_err(|err| undecodable(&origin, &err))?;
    Ok(build_decoded(origin, decoded, dates))
}

fn undecodable(origin: &str, err: &DecodeError) -> Problem {
    Problem {
        path: origin.to_string(),
        message: err.to_string(),
    }
}

/// Parse and annotate decoded text (the read buffer itself when it was UTF-8).
fn build_decoded(origin: String, decoded: Decoded, dates: bool) -> (Article, Vec<Problem>) {
    let format = detect_format(&origin, &decoded.text);
    let doc = parse(&decoded.text, format);
    let mut article = meta::assemble(0, origin, format, &decoded.text, doc);
    if dates {
        dates::annotate(&mut article, &decoded.text);
    }
    article.set_warnings(decoded.warnings);
    article.shrink_to_fit();
    let warnings = warning_problems(&article);
    (article, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn tmp() -> tempfile::TempDir {
        match tempfile::tempdir() {
            Ok(dir) => dir,
            Err(err) => panic!("tempdir: {err}"),
        }
    }

    fn write(path: &Path, bytes: &[u8]) {
        if let Err(err) = fs::write(path, bytes) {
            panic!("write {}: {err}", path.display());
        }
    }

    fn mkfifo(path: &Path) {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
            panic!("path with NUL");
        };
        // SAFETY: a valid NUL-terminated path; mkfifo does not keep the pointer.
        let rc = unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) };
        assert_eq!(rc, 0, "mkfifo failed");
    }

    fn load_paths(paths: &[&Path], max_file_size: u64) -> Loaded {
        let inputs: Vec<Input> = paths.iter().map(|p| Input::Path(p.to_path_buf())).collect();
        load(
            &inputs,
            &LoadOptions {
                max_file_size,
                ..LoadOptions::default()
            },
        )
    }

    fn names(loaded: &Loaded) -> Vec<&str> {
        loaded.articles.iter().map(|a| a.file_name()).collect()
    }

    /// Title and block texts: what this layer hands on, whatever `meta` makes the title.
    fn all_text(article: &Article) -> String {
        let mut all = article.title().to_string();
        for block in article.blocks() {
            all.push('\n');
            all.push_str(article.block_text(&block));
        }
        all
    }

    fn messages(loaded: &Loaded) -> Vec<String> {
        loaded.problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn no_cap_reads_more_than_the_limit() {
        let options = LoadOptions {
            max_file_size: u64::MAX,
            ..LoadOptions::default()
        };
        assert_eq!(options.file_cap(), MAX_FILE_SIZE_LIMIT);
        assert_eq!(LoadOptions::default().file_cap(), DEFAULT_MAX_FILE_SIZE);
    }

    #[test]
    fn seeds_load_in_order() {
        let loaded = load(&[Input::Seeds], &LoadOptions::default());
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let expected: Vec<&str> = SEEDS.iter().map(|(name, _)| *name).collect();
        assert_eq!(names(&loaded), expected);
        assert_eq!(
            loaded.articles[0].origin().to_string(),
            format!("seeds/{}", SEEDS[0].0)
        );
        let ids: Vec<usize> = loaded.articles.iter().map(|a| a.id).collect();
        assert_eq!(ids, vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn without_the_dates_pass_articles_keep_their_text_and_have_no_events() {
        let dated = load(&[Input::Seeds], &LoadOptions::default());
        let undated = load(
            &[Input::Seeds],
            &LoadOptions {
                dates: false,
                ..LoadOptions::default()
            },
        );
        assert!(dated.articles.iter().any(|a| !a.events().is_empty()));
        assert_eq!(names(&undated), names(&dated));
        for (u, d) in undated.articles.iter().zip(&dated.articles) {
            assert!(u.events().is_empty(), "{}", u.origin());
            assert_eq!((&u.title(), &u.text()), (&d.title(), &d.text()));
        }
    }

    #[test]
    fn streaming_hands_over_growing_batches_in_input_order() {
        let dir = tmp();
        let count = FIRST_BATCH * 3 + 5;
        for i in 0..count {
            write(
                &dir.path().join(format!("{i:04}.txt")),
                format!("Article {i}\n").as_bytes(),
            );
        }
        write(&dir.path().join("9999.txt"), b"");
        let inputs = [Input::Path(dir.path().to_path_buf())];
        let mut batches = Vec::new();
        load_streaming(&inputs, &LoadOptions::default(), |batch| {
            batches.push(batch);
            ControlFlow::Continue(())
        });
        let sizes: Vec<(usize, usize)> = batches.iter().map(|b| (b.done, b.total)).collect();
        let total = count + 1;
        let first = FIRST_BATCH;
        assert_eq!(
            sizes,
            vec![(first, total), (first * 3, total), (total, total)]
        );
        let all: Vec<&Article> = batches.iter().flat_map(|b| &b.articles).collect();
        let ids: Vec<usize> = all.iter().map(|a| a.id).collect();
        assert_eq!(ids, (0..count).collect::<Vec<_>>());
        assert!(all
            .iter()
            .enumerate()
            .all(|(i, a)| a.title() == format!("Article {i}")));
        // The empty file is reported with the last batch.
        assert_eq!(batches[2].problems.len(), 1);

        // Stopping after the first batch stops the load.
        let mut seen = 0;
        load_streaming(&inputs, &LoadOptions::default(), |_| {
            seen += 1;
            ControlFlow::Break(())
        });
        assert_eq!(seen, 1);
    }

    /// Batches of `total` numbered results handed to `InOrder` in claims of `claim`, the claims
    /// arriving in `order` (indices into the claims), several at a time as `take` delivers them.
    fn batches_of(total: usize, claim: usize, order: &[usize]) -> Vec<(usize, Vec<String>)> {
        let claims: Vec<(usize, Vec<Done>)> = (0..total)
            .step_by(claim)
            .map(|first| {
                let results = (first..(first + claim).min(total))
                    .map(|i| (Err(problem(Path::new(&i.to_string()), "x")), Caching::None))
                    .collect();
                (first, results)
            })
            .collect();
        let mut claims: Vec<Option<(usize, Vec<Done>)>> = claims.into_iter().map(Some).collect();
        let mut in_order = InOrder::new(total);
        let mut batches = Vec::new();
        for &index in order {
            if let Some((first, results)) = claims.get_mut(index).and_then(Option::take) {
                in_order.arrived(first, results);
            }
            while let Some((batch, _)) = in_order.next_batch() {
                let paths = batch.problems.into_iter().map(|p| p.path).collect();
                batches.push((batch.done, paths));
            }
        }
        batches
    }

    mod in_order_props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever order the claims arrive in, the batches are those of the in-order
            /// arrival: every result once, in input order, cut at the same places.
            #[test]
            fn results_arriving_out_of_order_come_out_in_order(
                (total, claim, order) in (1usize..400, 1usize..40).prop_flat_map(|(total, claim)| {
                    let claims: Vec<usize> = (0..total.div_ceil(claim)).collect();
                    (Just(total), Just(claim), Just(claims).prop_shuffle())
                })
            ) {
                let shuffled = batches_of(total, claim, &order);
                let in_order: Vec<usize> = (0..order.len()).collect();
                let expected = batches_of(total, claim, &in_order);
                prop_assert_eq!(&shuffled, &expected);
                let all: Vec<String> =
                    shuffled.iter().flat_map(|(_, paths)| paths.clone()).collect();
                let numbers: Vec<String> = (0..total).map(|i| i.to_string()).collect();
                prop_assert_eq!(all, numbers);
            }
        }
    }

    #[test]
    fn streaming_reuses_what_the_caller_hands_over() {
        let dir = tmp();
        write(&dir.path().join("a.txt"), b"Alpha on disk\n");
        write(&dir.path().join("b.txt"), b"Bravo on disk\n");
        let kept = dir.path().join("a.txt");
        let reuse = |path: &Path| {
            (path == kept)
                .then(|| build_article("kept".into(), b"Alpha kept\n").ok())
                .flatten()
                .map(|(article, _)| article)
        };
        let mut titles = Vec::new();
        let inputs = [Input::Path(dir.path().to_path_buf())];
        load_streaming_reusing(&inputs, &LoadOptions::default(), &reuse, |batch| {
            titles.extend(
                batch
                    .articles
                    .into_iter()
                    .map(|a| (a.id, a.title().to_string())),
            );
            ControlFlow::Continue(())
        });
        assert_eq!(
            titles,
            vec![
                (0, "Alpha kept".to_string()),
                (1, "Bravo on disk".to_string())
            ]
        );
    }

    #[test]
    fn folders_walk_in_name_order_and_inputs_keep_their_order() {
        let dir = tmp();
        let root = dir.path();
        fs::create_dir_all(root.join("b/inner")).ok();
        write(&root.join("b/z.txt"), b"Zed\n");
        write(&root.join("b/a.md"), b"# Aye\n");
        write(&root.join("b/inner/m.html"), b"<p>Em</p>");
        write(&root.join("b/notes.png"), b"not loaded: unknown extension");
        write(&root.join("b/README"), b"not loaded either");
        write(
            &root.join("first.data"),
            b"Named explicitly, any extension.\n",
        );
        let loaded = load_paths(&[&root.join("first.data"), &root.join("b")], 1 << 20);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(
            names(&loaded),
            vec!["first.data", "a.md", "m.html", "z.txt"]
        );
        assert_eq!(
            loaded.articles[2].origin().to_string(),
            root.join("b/inner/m.html").display().to_string()
        );
    }

    #[test]
    fn bad_entries_in_a_folder_each_get_one_problem_and_never_block() {
        let dir = tmp();
        let root = dir.path();
        write(&root.join("good.txt"), b"Good article\n");
        write(&root.join("empty.txt"), b"");
        write(&root.join("blank.txt"), b"  \n\n");
        write(&root.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        mkfifo(&root.join("pipe.txt"));
        fs::create_dir(root.join("sub")).ok();
        std::os::unix::fs::symlink("..", root.join("sub/loop")).ok();
        std::os::unix::fs::symlink("missing.txt", root.join("dangling.txt")).ok();
        let _listener = std::os::unix::net::UnixListener::bind(root.join("socket"));
        let loaded = load_paths(&[root], 1 << 20);
        assert_eq!(names(&loaded), vec!["good.txt"]);
        let at = |name: &str| root.join(name).display().to_string();
        assert_eq!(
            messages(&loaded),
            vec![
                format!("{}: empty file", at("blank.txt")),
                format!("{}: dangling symbolic link, skipped", at("dangling.txt")),
                format!("{}: empty file", at("empty.txt")),
                format!("{}: binary file (PNG image)", at("image.txt")),
                format!("{}: named pipe (FIFO), skipped", at("pipe.txt")),
                format!("{}: socket, skipped", at("socket")),
                format!("{}: symbolic link loop, skipped", at("sub/loop")),
            ]
        );
        // Named on the command line, a socket cannot be opened: one line, no hang.
        let loaded = load_paths(&[&root.join("socket")], 1 << 20);
        assert_eq!(
            messages(&loaded),
            vec![format!("{}: socket, skipped", at("socket"))]
        );
    }

    #[test]
    fn explicit_fifo_reads_what_is_there_or_is_skipped() {
        let dir = tmp();
        let fifo = dir.path().join("pipe");
        mkfifo(&fifo);
        let loaded = load_paths(&[&fifo], 1 << 20);
        assert!(loaded.articles.is_empty());
        assert_eq!(
            messages(&loaded),
            vec![format!(
                "{}: named pipe (FIFO) with nothing to read, skipped",
                fifo.display()
            )]
        );
        // A writer waiting on the pipe: its text is read.
        let writer_path = fifo.clone();
        let writer = std::thread::spawn(move || fs::write(writer_path, b"Piped article text\n"));
        std::thread::sleep(std::time::Duration::from_millis(200));
        let loaded = load_paths(&[&fifo], 1 << 20);
        if loaded.articles.is_empty() {
            // Release a writer that was not there in time, so the join below cannot hang.
            use std::os::unix::fs::OpenOptionsExt;
            let _ = fs::OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(&fifo);
        }
        assert!(writer.join().is_ok_and(|r| r.is_ok()));
        assert_eq!(loaded.articles.len(), 1, "{:?}", loaded.problems);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(all_text(&loaded.articles[0]).contains("Piped article text"));
    }

    #[test]
    fn dev_zero_is_capped_then_binary() {
        let loaded = load_paths(&[Path::new("/dev/zero")], 1 << 16);
        assert!(loaded.articles.is_empty());
        assert_eq!(
            messages(&loaded),
            vec!["/dev/zero: binary file (NUL bytes)"]
        );
    }

    #[test]
    fn large_files_load_truncated_with_one_line() {
        let dir = tmp();
        let path = dir.path().join("big.txt");
        // 10 bytes, cut inside "é" (2 bytes at offsets 9..11): the partial char is dropped.
        write(&path, "Long text\u{e9}t\u{e9} and more\n".as_bytes());
        let loaded = load_paths(&[&path], 10);
        assert_eq!(loaded.articles.len(), 1);
        let text = all_text(&loaded.articles[0]);
        assert!(text.contains("Long text"), "{text:?}");
        assert!(
            !text.contains('\u{FFFD}') && !text.contains("more"),
            "{text:?}"
        );
        assert_eq!(
            messages(&loaded),
            vec![format!("{}: truncated to 10 bytes", path.display())]
        );
        assert_eq!(loaded.articles[0].warnings(), ["truncated to 10 bytes"]);
        // Exactly at the cap: not truncated.
        let loaded = load_paths(&[&path], fs::metadata(&path).map_or(0, |m| m.len()));
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn missing_and_deleted_files_report_not_found() {
        let dir = tmp();
        let missing = dir.path().join("nope.txt");
        let loaded = load_paths(&[&missing], 1 << 20);
        assert_eq!(
            messages(&loaded),
            vec![format!("{}: no such file or directory", missing.display())]
        );
        // Deleted between the walk and the read.
        let path = dir.path().join("gone.txt");
        write(&path, b"here at walk time\n");
        let mut jobs = Vec::new();
        for_each_job(&[Input::Path(dir.path().to_path_buf())], &mut |job| {
            jobs.push(job)
        });
        assert_eq!(jobs.len(), 1);
        fs::remove_file(&path).ok();
        let results: Vec<JobResult> = jobs
            .into_iter()
            .map(|job| load_job(&job, &LoadOptions::default(), &mut LoadingThread::default()))
            .collect();
        match results.as_slice() {
            [Err(problem)] => assert_eq!(
                problem.to_string(),
                format!("{}: no such file or directory", path.display())
            ),
            other => panic!("expected one problem, got {other:?}"),
        }
    }

    /// The jobs the walk finds in `root`, loaded one after the other by one thread.
    fn walk_then_load(root: &Path, between: impl FnOnce()) -> Vec<String> {
        let mut jobs = Vec::new();
        for_each_job(&[Input::Path(root.to_path_buf())], &mut |job| {
            jobs.push(job)
        });
        between();
        let mut thread = LoadingThread::default();
        jobs.iter()
            .map(
                |job| match load_job(job, &LoadOptions::default(), &mut thread) {
                    Ok((article, _)) => format!("article {}", article.title()),
                    Err(problem) => problem.to_string(),
                },
            )
            .collect()
    }

    #[test]
    fn walked_files_swapped_before_opening_are_judged_by_what_is_opened() {
        let dir = tmp();
        let root = dir.path();
        for name in ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"] {
            write(&root.join(name), format!("Text of {name}\n").as_bytes());
        }
        let at = |name: &str| root.join(name).display().to_string();
        let mut listener = None;
        let loaded = walk_then_load(root, || {
            for name in ["a.txt", "b.txt", "c.txt", "d.txt"] {
                fs::remove_file(root.join(name)).ok();
            }
            mkfifo(&root.join("a.txt"));
            fs::create_dir(root.join("b.txt")).ok();
            listener = std::os::unix::net::UnixListener::bind(root.join("c.txt")).ok();
        });
        assert!(listener.is_some());
        assert_eq!(
            loaded,
            vec![
                format!("{}: named pipe (FIFO), skipped", at("a.txt")),
                format!("{}: is a directory", at("b.txt")),
                format!("{}: socket, skipped", at("c.txt")),
                format!("{}: no such file or directory", at("d.txt")),
                "article Text of e.txt".to_string(),
            ]
        );
    }

    /// Reading a walked file through the scratch buffer agrees with the `fstat` path, at every
    /// size and cap around the scratch buffer's size and the cap.
    #[test]
    fn walked_files_read_through_the_scratch_buffer_agree_with_the_sized_read() {
        let dir = tmp();
        let mut thread = LoadingThread::default();
        let sizes = [
            0,
            1,
            100,
            SCRATCH - 1,
            SCRATCH,
            SCRATCH + 1,
            3 * SCRATCH + 7,
        ];
        for size in sizes {
            let path = dir.path().join(format!("{size}.txt"));
            let content: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            write(&path, &content);
            for cap in sizes.iter().flat_map(|&s| [s as u64, s as u64 + 1]) {
                let sized = std::fs::File::open(&path)
                    .map_err(|err| err.to_string())
                    .and_then(|file| read_opened(file, false, cap, &[]))
                    .map(|read| (read.bytes, read.truncated));
                let scratch = read_file(&path, false, cap, &mut thread)
                    .map(|read| (read.bytes, read.truncated));
                assert_eq!(scratch, sized, "size {size}, cap {cap}");
                let expected = (size as u64).min(cap) as usize;
                assert_eq!(scratch.map(|(bytes, _)| bytes.len()), Ok(expected));
            }
        }
    }

    #[test]
    fn a_fifo_swapped_in_with_a_writer_is_skipped_not_read() {
        use std::io::Write as _;
        use std::os::unix::fs::OpenOptionsExt;
        let dir = tmp();
        let path = dir.path().join("a.txt");
        write(&path, b"A regular file at walk time\n");
        let mut ends = None;
        let loaded = walk_then_load(dir.path(), || {
            fs::remove_file(&path).ok();
            mkfifo(&path);
            // A reader first, so that the writer can open without blocking.
            let reader = fs::OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(&path);
            let writer = fs::OpenOptions::new().write(true).open(&path);
            if let Ok(mut writer) = writer {
                assert!(writer.write_all(b"Piped in\n").is_ok());
                ends = Some((reader, writer));
            }
        });
        assert!(ends.is_some());
        assert_eq!(
            loaded,
            vec![format!("{}: named pipe (FIFO), skipped", path.display())]
        );
    }

    #[test]
    fn a_folder_gone_before_its_files_are_opened_reports_them_missing() {
        let dir = tmp();
        let root = dir.path();
        fs::create_dir_all(root.join("sub")).ok();
        write(&root.join("sub/x.txt"), b"Ex\n");
        write(&root.join("z.txt"), b"Zed\n");
        let loaded = walk_then_load(root, || {
            fs::rename(root.join("sub"), root.join("moved")).ok();
        });
        assert_eq!(
            loaded,
            vec![
                format!(
                    "{}: no such file or directory",
                    root.join("sub/x.txt").display()
                ),
                "article Zed".to_string(),
            ]
        );
    }

    /// Opening through the folder's descriptor agrees with opening the whole path: same kind of
    /// file opened, same error, whichever folder was open before.
    #[test]
    fn opening_through_the_folder_agrees_with_the_whole_path() {
        use std::os::unix::fs::symlink;
        let dir = tmp();
        let root = dir.path();
        fs::create_dir_all(root.join("one/inner")).ok();
        fs::create_dir_all(root.join("two")).ok();
        write(&root.join("one/a.txt"), b"one a");
        write(&root.join("two/a.txt"), b"two a");
        write(&root.join("one/inner/b.txt"), b"inner b");
        symlink("../two", root.join("one/linked")).ok();
        symlink("a.txt", root.join("two/link.txt")).ok();
        symlink("nothing", root.join("two/dangling.txt")).ok();
        symlink("loop.txt", root.join("two/loop.txt")).ok();
        mkfifo(&root.join("two/pipe.txt"));
        let _listener = std::os::unix::net::UnixListener::bind(root.join("two/socket"));
        let names = [
            "one/a.txt",
            "two/a.txt",
            "one/inner/b.txt",
            "one/linked/a.txt",
            "one/linked/link.txt",
            "two/dangling.txt",
            "two/loop.txt",
            "two/pipe.txt",
            "two/socket",
            "two/missing.txt",
            "one/inner",
            "one/a.txt",
            "gone/a.txt",
            "one/a.txt/x",
        ];
        let outcome = |opened: std::io::Result<std::fs::File>| match opened {
            Ok(mut file) => {
                use std::io::Read as _;
                let kind = file.metadata().map(|m| m.file_type()).ok();
                let mut text = String::new();
                let read = file.read_to_string(&mut text).map_err(|e| e.kind());
                format!("{kind:?} {read:?} {text}")
            }
            Err(err) => format!("error {:?}", err.raw_os_error()),
        };
        let mut folder = OpenFolder::default();
        for name in names {
            let path = root.join(name);
            assert_eq!(
                outcome(folder.open_file(&path, true)),
                outcome(folder.open_file(&path, false)),
                "{name}"
            );
        }
    }

    #[test]
    fn explicit_links_loops_and_dangling() {
        let dir = tmp();
        let root = dir.path();
        std::os::unix::fs::symlink("b.txt", root.join("a.txt")).ok();
        std::os::unix::fs::symlink("a.txt", root.join("b.txt")).ok();
        std::os::unix::fs::symlink("nothing", root.join("c.txt")).ok();
        let loaded = load_paths(&[&root.join("a.txt"), &root.join("c.txt")], 1 << 20);
        assert_eq!(
            messages(&loaded),
            vec![
                format!(
                    "{}: symbolic link loop, skipped",
                    root.join("a.txt").display()
                ),
                format!(
                    "{}: dangling symbolic link, skipped",
                    root.join("c.txt").display()
                ),
            ]
        );
    }

    #[test]
    fn path_text_is_what_display_shows() {
        use std::os::unix::ffi::OsStrExt;
        let paths: [&[u8]; 5] = [
            b"/tmp/plain/a.txt",
            "/tmp/d\u{e9}j\u{e0}/\u{e9}t\u{e9}.md".as_bytes(),
            b"",
            b"/tmp/bad\xff\xfename.txt",
            b"half\xc3",
        ];
        for bytes in paths {
            let path = Path::new(std::ffi::OsStr::from_bytes(bytes));
            assert_eq!(path_text(path), path.display().to_string(), "{bytes:?}");
        }
    }

    #[test]
    fn problems_print_sanitized_on_one_line() {
        let problem = Problem {
            path: "evil\x1b]0;title\x07\nname.txt".into(),
            message: "binary file (PNG image)".into(),
        };
        assert_eq!(
            problem.to_string(),
            "evil name.txt: binary file (PNG image)"
        );
    }

    #[test]
    fn decoding_warnings_reach_the_problems() {
        let dir = tmp();
        let path = dir.path().join("mixed.txt");
        let mut bytes = "Déjà l'été à Paris, ".as_bytes().to_vec();
        bytes.push(0xFF);
        write(&path, &bytes);
        let loaded = load_paths(&[&path], 1 << 20);
        assert_eq!(loaded.articles.len(), 1);
        assert_eq!(
            messages(&loaded),
            vec![format!("{}: invalid UTF-8 replaced", path.display())]
        );
    }
}

#[cfg(test)]
mod cache_tests {
    use super::*;
    use std::fs;
    use std::time::{Duration, SystemTime};

    fn tmp() -> tempfile::TempDir {
        match tempfile::tempdir() {
            Ok(dir) => dir,
            Err(err) => panic!("tempdir: {err}"),
        }
    }

    /// A folder of `count` articles in the three formats, dated, in two subfolders.
    fn corpus(count: usize) -> tempfile::TempDir {
        let dir = tmp();
        for sub in ["a", "b"] {
            fs::create_dir_all(dir.path().join(sub)).ok();
        }
        for i in 0..count {
            let sub = if i % 2 == 0 { "a" } else { "b" };
            let (name, body) = match i % 3 {
                0 => (
                    format!("{i:04}.txt"),
                    format!("Article {i}\n\nSource : Le Monde\n\nEn mai 2025, le projet {i} a commencé.\n\n19/02/25\n"),
                ),
                1 => (
                    format!("{i:04}.md"),
                    format!("# Note {i}\n\nIn 2016-2018 the team grew; by March 2021 it had {i} people.\n\n- one\n- two\n"),
                ),
                _ => (
                    format!("{i:04}.html"),
                    format!("<html><head><title>Page {i}</title><meta name=\"author\" content=\"Ada\"></head><body><h1>Page {i}</h1><p>Le 3 janvier 2024, {i} lecteurs.</p></body></html>"),
                ),
            };
            if let Err(err) = fs::write(dir.path().join(sub).join(name), body) {
                panic!("write: {err}");
            }
        }
        dir
    }

    /// A load with the cache in `cache`, taken to start a minute from now, so the files just
    /// written count as settled.
    fn load_cached(root: &Path, cache: &Path) -> Loaded {
        let mut loaded = Loaded::default();
        let later = SystemTime::now() + Duration::from_secs(60);
        let inputs = [Input::Path(root.to_path_buf())];
        load_cached_at(
            &inputs,
            &LoadOptions::default(),
            Some(cache),
            later,
            &|_| None,
            |batch| {
                loaded.articles.extend(batch.articles);
                loaded.problems.extend(batch.problems);
                loaded.cached += batch.cached;
                ControlFlow::Continue(())
            },
        );
        loaded
    }

    fn load_plain(root: &Path) -> Loaded {
        load(&[Input::Path(root.to_path_buf())], &LoadOptions::default())
    }

    fn cache_files(cache: &Path) -> Vec<PathBuf> {
        fs::read_dir(cache)
            .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_warm_load_takes_every_article_from_the_cache_and_equals_a_cold_one() {
        let root = corpus(cache::MIN_CACHED_FILES + 10);
        let cache = tmp();
        let plain = load_plain(root.path());
        let first = load_cached(root.path(), cache.path());
        assert_eq!(first.cached, 0);
        assert_eq!(first.articles, plain.articles);
        assert_eq!(
            cache_files(cache.path()).len(),
            1,
            "one cache file, no leftovers"
        );
        let warm = load_cached(root.path(), cache.path());
        assert_eq!(warm.cached, plain.articles.len());
        assert_eq!(warm.articles, plain.articles);
        assert_eq!(warm.problems, plain.problems);
        assert!(warm.articles.iter().any(|a| !a.events().is_empty()));
    }

    #[test]
    fn changed_added_and_removed_files_are_seen_and_the_cache_follows() {
        let root = corpus(cache::MIN_CACHED_FILES + 10);
        let cache = tmp();
        load_cached(root.path(), cache.path());
        let changed = root.path().join("a/0000.txt");
        fs::write(&changed, "Autre titre\n\nEn juin 2026, tout a changé.\n").ok();
        fs::remove_file(root.path().join("b/0001.md")).ok();
        fs::write(root.path().join("a/new.txt"), "Nouveau\n\nLe 5 mai 2020.\n").ok();
        let plain = load_plain(root.path());
        let warm = load_cached(root.path(), cache.path());
        assert_eq!(warm.articles, plain.articles);
        assert_eq!(
            warm.cached,
            plain.articles.len() - 2,
            "all but the changed and new"
        );
        assert!(warm.articles.iter().any(|a| a.title() == "Autre titre"));
        // The rewritten cache holds the new versions.
        let again = load_cached(root.path(), cache.path());
        assert_eq!(again.cached, plain.articles.len());
        assert_eq!(again.articles, plain.articles);
        assert_eq!(cache_files(cache.path()).len(), 1);
    }

    #[test]
    fn files_changed_just_now_are_not_cached() {
        let root = corpus(cache::MIN_CACHED_FILES + 1);
        let cache = tmp();
        let inputs = [Input::Path(root.path().to_path_buf())];
        load_in(&inputs, &LoadOptions::default(), Some(cache.path()));
        let warm = load_in(&inputs, &LoadOptions::default(), Some(cache.path()));
        assert_eq!(
            warm.cached, 0,
            "written a moment ago: a same-tick change could hide"
        );
    }

    #[test]
    fn small_folders_are_not_cached() {
        let root = corpus(cache::MIN_CACHED_FILES - 1);
        let cache = tmp();
        load_cached(root.path(), cache.path());
        assert!(cache_files(cache.path()).is_empty());
    }

    #[test]
    fn a_file_whose_name_is_not_utf8_loads_without_the_cache_and_leaves_it_alone() {
        use std::os::unix::ffi::OsStrExt;
        let root = corpus(cache::MIN_CACHED_FILES);
        let odd = root
            .path()
            .join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
        fs::write(&odd, "Un titre\n\nEn mai 2025.\n").ok();
        let cache = tmp();
        let plain = load_plain(root.path());
        load_cached(root.path(), cache.path());
        let files = cache_files(cache.path());
        // A rewrite renames a new file into place: another inode.
        let inode = |path: &Path| {
            use std::os::unix::fs::MetadataExt;
            fs::metadata(path).map(|meta| meta.ino()).ok()
        };
        let before = inode(&files[0]);
        let warm = load_cached(root.path(), cache.path());
        assert_eq!(warm.articles, plain.articles);
        assert_eq!(warm.cached, plain.articles.len() - 1);
        assert_eq!(inode(&files[0]), before, "not rewritten");
    }

    #[test]
    fn a_cache_dir_that_cannot_be_made_only_means_no_cache() {
        let root = corpus(cache::MIN_CACHED_FILES + 1);
        let blocker = tmp();
        let file = blocker.path().join("file");
        fs::write(&file, "not a dir").ok();
        let loaded = load_cached(root.path(), &file.join("cache"));
        assert_eq!(loaded.articles, load_plain(root.path()).articles);
    }

    mod corrupt {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(24))]
            /// Whatever bytes of a cache file are changed or cut off, a load gives what a load
            /// without cache gives (and a sound cache again afterwards).
            #[test]
            fn a_damaged_cache_never_changes_what_loads(
                flips in proptest::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 0..4),
                cut in proptest::option::of(any::<prop::sample::Index>()),
            ) {
                let root = corpus(cache::MIN_CACHED_FILES);
                let cache = tmp();
                let plain = load_plain(root.path());
                load_cached(root.path(), cache.path());
                let files = cache_files(cache.path());
                prop_assert_eq!(files.len(), 1);
                let mut bytes = fs::read(&files[0]).unwrap_or_default();
                prop_assert!(!bytes.is_empty());
                for (at, xor) in &flips {
                    let at = at.index(bytes.len());
                    bytes[at] ^= xor;
                }
                if let Some(cut) = cut {
                    let len = cut.index(bytes.len());
                    bytes.truncate(len);
                }
                fs::write(&files[0], &bytes).ok();
                let damaged = load_cached(root.path(), cache.path());
                prop_assert_eq!(&damaged.articles, &plain.articles);
                prop_assert_eq!(&damaged.problems, &plain.problems);
                let healed = load_cached(root.path(), cache.path());
                prop_assert_eq!(&healed.articles, &plain.articles);
                prop_assert_eq!(healed.cached, plain.articles.len());
            }
        }
    }
}
