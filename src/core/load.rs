//! Inputs -> articles: walk paths, read with a cap, decode, parse, annotate. Per-file problems
//! are collected, never fatal. The five seed articles are embedded in the binary.

use crate::core::article::Article;
use crate::core::dates;
use crate::core::decode::{decode, trim_partial_tail};
use crate::core::meta;
use crate::core::parse::{detect_format, parse};
use crate::core::sanitize::sanitize_line;
use rayon::prelude::*;
use std::fmt;
use std::path::{Path, PathBuf};

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
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
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
    },
    Stdin,
    Problem(Problem),
}

/// Load every input. Files are read and parsed in parallel; the result keeps input order.
pub fn load(inputs: &[Input], options: &LoadOptions) -> Loaded {
    let jobs = collect_jobs(inputs);
    let results: Vec<JobResult> = jobs
        .into_par_iter()
        .map(|job| load_job(job, options))
        .collect();

    let mut loaded = Loaded {
        articles: Vec::with_capacity(results.len()),
        problems: Vec::new(),
    };
    for result in results {
        match result {
            Ok((mut article, warnings)) => {
                article.id = loaded.articles.len();
                loaded.problems.extend(warnings);
                loaded.articles.push(article);
            }
            Err(problem) => loaded.problems.push(problem),
        }
    }
    loaded
}

type JobResult = Result<(Article, Vec<Problem>), Problem>;

fn collect_jobs(inputs: &[Input]) -> Vec<Job> {
    let mut jobs = Vec::new();
    for input in inputs {
        match input {
            Input::Seeds => jobs.extend(SEEDS.iter().map(|&(name, bytes)| Job::Seed(name, bytes))),
            Input::Stdin => jobs.push(Job::Stdin),
            Input::Path(path) => collect_path(path, &mut jobs),
        }
    }
    jobs
}

/// Extensions loaded from folders; anything else met while walking is ignored silently.
/// A file named on the command line is loaded whatever its extension (content is sniffed).
fn is_article_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    [".txt", ".md", ".markdown", ".html", ".htm", ".text"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

fn problem(path: &Path, message: impl Into<String>) -> Problem {
    Problem {
        path: path.display().to_string(),
        message: message.into(),
    }
}

fn collect_path(path: &Path, jobs: &mut Vec<Job>) {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) => {
            jobs.push(Job::Problem(problem(path, missing_message(path, &err))));
            return;
        }
    };
    if !meta.is_dir() {
        // Regular or not, read it: `load_job` decides from the opened file, never blocking.
        jobs.push(Job::File {
            path: path.to_path_buf(),
            explicit: true,
        });
        return;
    }
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let kind = entry.file_type();
                if kind.is_dir() {
                    continue;
                }
                if kind.is_file() {
                    if is_article_file(entry.path()) {
                        jobs.push(Job::File {
                            path: entry.into_path(),
                            explicit: false,
                        });
                    }
                } else if let Some(what) = special_kind(&kind) {
                    jobs.push(Job::Problem(problem(
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
                jobs.push(Job::Problem(problem(at, message)));
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

fn load_job(job: Job, options: &LoadOptions) -> JobResult {
    match job {
        Job::Seed(name, bytes) => build_article(format!("seeds/{name}"), bytes),
        Job::Problem(problem) => Err(problem),
        Job::Stdin => {
            let read =
                read_capped(std::io::stdin().lock(), options.max_file_size, 0).map_err(|err| {
                    Problem {
                        path: "stdin".into(),
                        message: io_message(&err),
                    }
                })?;
            finish(String::from("stdin"), read, options)
        }
        Job::File { path, explicit } => {
            let origin = path.display().to_string();
            let fail = |message: String| Problem {
                path: origin.clone(),
                message,
            };
            let read = read_file(&path, explicit, options.max_file_size).map_err(fail)?;
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
    let bytes = if read.truncated {
        trim_partial_tail(&read.bytes)
    } else {
        &read.bytes
    };
    let (mut article, mut warnings) = build_article(origin.clone(), bytes)?;
    if read.truncated {
        let message = format!("truncated to {} bytes", options.max_file_size);
        article.warnings.insert(0, message.clone());
        warnings.insert(
            0,
            Problem {
                path: origin,
                message,
            },
        );
    }
    Ok((article, warnings))
}

/// Open without ever blocking (O_NONBLOCK: a FIFO swapped in after the walk cannot hang us;
/// it has no effect on regular files), then decide from what was actually opened. Never mmap:
/// a file truncated under us would SIGBUS.
fn read_file(path: &Path, explicit: bool, cap: u64) -> Result<ReadBytes, String> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|err| missing_message(path, &err))?;
    let meta = file.metadata().map_err(|err| io_message(&err))?;
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err("is a directory".to_string());
    }
    if kind.is_file() {
        return read_capped(file, cap, meta.len()).map_err(|err| io_message(&err));
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
    let decoded = decode(bytes).map_err(|err| Problem {
        path: origin.clone(),
        message: err.to_string(),
    })?;
    let format = detect_format(&origin, &decoded.text);
    let doc = parse(&decoded.text, format);
    let mut article = meta::assemble(0, origin.clone(), format, &decoded.text, doc);
    dates::annotate(&mut article, &decoded.text);
    let warnings = decoded
        .warnings
        .iter()
        .map(|w| Problem {
            path: origin.clone(),
            message: w.clone(),
        })
        .collect();
    article.warnings = decoded.warnings;
    Ok((article, warnings))
}
