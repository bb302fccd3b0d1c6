//! Inputs -> articles: walk paths, read with a cap, decode, parse, annotate. Per-file problems
//! are collected, never fatal. The five seed articles are embedded in the binary.

use crate::core::article::Article;
use crate::core::dates;
use crate::core::decode::decode;
use crate::core::meta;
use crate::core::parse::{detect_format, parse};
use crate::core::sanitize::sanitize_line;
use rayon::prelude::*;
use std::fmt;
use std::io::Read;
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

/// A file to read, found from the inputs, in input order.
enum Job {
    Seed(&'static str, &'static [u8]),
    File(PathBuf),
    Stdin,
}

/// Load every input. Files are read and parsed in parallel; the result keeps input order.
pub fn load(inputs: &[Input], options: &LoadOptions) -> Loaded {
    let mut problems = Vec::new();
    let mut jobs = Vec::new();
    for input in inputs {
        match input {
            Input::Seeds => jobs.extend(SEEDS.iter().map(|&(name, bytes)| Job::Seed(name, bytes))),
            Input::Stdin => jobs.push(Job::Stdin),
            Input::Path(path) => collect_path(path, &mut jobs, &mut problems),
        }
    }

    let results: Vec<Result<(Article, Vec<Problem>), Problem>> = jobs
        .into_par_iter()
        .map(|job| load_job(job, options))
        .collect();

    let mut articles = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok((mut article, warnings)) => {
                article.id = articles.len();
                problems.extend(warnings);
                articles.push(article);
            }
            Err(problem) => problems.push(problem),
        }
    }
    Loaded { articles, problems }
}

fn is_article_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    [".txt", ".md", ".markdown", ".html", ".htm", ".text"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

fn collect_path(path: &Path, jobs: &mut Vec<Job>, problems: &mut Vec<Problem>) {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) => {
            problems.push(Problem {
                path: path.display().to_string(),
                message: io_message(&err),
            });
            return;
        }
    };
    if !meta.is_dir() {
        jobs.push(Job::File(path.to_path_buf()));
        return;
    }
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_file() && is_article_file(entry.path()) {
                    jobs.push(Job::File(entry.into_path()));
                }
            }
            Err(err) => {
                let at = err.path().unwrap_or(path).display().to_string();
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop, skipped".to_string()
                } else if let Some(io) = err.io_error() {
                    io_message(io)
                } else {
                    err.to_string()
                };
                problems.push(Problem { path: at, message });
            }
        }
    }
}

fn io_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    }
}

fn load_job(job: Job, options: &LoadOptions) -> Result<(Article, Vec<Problem>), Problem> {
    match job {
        Job::Seed(name, bytes) => build_article(format!("seeds/{name}"), bytes),
        Job::Stdin => {
            let bytes =
                read_capped(std::io::stdin().lock(), options.max_file_size).map_err(|err| {
                    Problem {
                        path: "stdin".into(),
                        message: io_message(&err),
                    }
                })?;
            build_article("stdin".into(), &bytes)
        }
        Job::File(path) => {
            let origin = path.display().to_string();
            let file = std::fs::File::open(&path).map_err(|err| Problem {
                path: origin.clone(),
                message: io_message(&err),
            })?;
            let bytes = read_capped(file, options.max_file_size).map_err(|err| Problem {
                path: origin.clone(),
                message: io_message(&err),
            })?;
            build_article(origin, &bytes)
        }
    }
}

fn read_capped(reader: impl Read, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(cap).read_to_end(&mut bytes)?;
    Ok(bytes)
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
