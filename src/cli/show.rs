//! `dossier show`: articles as the reader shows them, for scripts, tests and people.

use super::output::{bound_name, output_width};
use super::{GlobalArgs, PathArgs};
use crate::core::article::{Article, BlockKind};
use crate::core::sanitize::{sanitize, sanitize_line};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Md,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub paths: PathArgs,

    /// Only this article: its id (as `list` prints it) or the start of its title
    #[arg(long, value_name = "ID|TITLE-PREFIX")]
    pub article: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,

    /// Wrap text to N columns (default: the terminal width, at most 100)
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}

#[derive(Serialize)]
struct JsonBlock<'a> {
    kind: &'static str,
    level: Option<u8>,
    text: &'a str,
    byte_offset: usize,
}

#[derive(Serialize)]
struct JsonArticle<'a> {
    #[serde(flatten)]
    entry: super::list::ListEntry<'a>,
    format: crate::core::article::Format,
    source_url: Option<&'a str>,
    published_evidence: Option<&'a str>,
    blocks: Vec<JsonBlock<'a>>,
    dropped: Vec<JsonBlock<'a>>,
}

/// Find articles by id or, failing that, by title prefix (case-insensitive).
pub fn select<'a>(articles: &'a [Article], selector: Option<&str>) -> Vec<&'a Article> {
    let Some(selector) = selector else {
        return articles.iter().collect();
    };
    if let Ok(id) = selector.trim().parse::<usize>() {
        if let Some(article) = articles.get(id) {
            return vec![article];
        }
    }
    let wanted = selector.trim().to_lowercase();
    articles
        .iter()
        .filter(|a| a.title().to_lowercase().starts_with(&wanted))
        .collect()
}

pub fn run(args: &ShowArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let Some(store) = super::load_store(&args.paths.paths, global) else {
        return Ok(ExitCode::from(1));
    };
    let chosen = select(&store.articles, args.article.as_deref());
    if chosen.is_empty() {
        let _ = writeln!(
            io::stderr(),
            "dossier: no article matches {}",
            sanitize_line(args.article.as_deref().unwrap_or(""))
        );
        return Ok(ExitCode::from(1));
    }
    let width = args
        .width
        .unwrap_or_else(|| output_width().min(100))
        .max(20);
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ShowFormat::Json => {
            crate::core::export::write_json_array(
                &mut out,
                chosen.iter().map(|a| json_article(a)),
            )?;
            writeln!(out)?;
        }
        ShowFormat::Text | ShowFormat::Md => {
            for (i, article) in chosen.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                write_article(&mut out, article, width, args.format == ShowFormat::Md)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn json_article(article: &Article) -> JsonArticle<'_> {
    JsonArticle {
        entry: super::list::ListEntry::new(article),
        format: article.format,
        source_url: article.source_url(),
        published_evidence: article.published().map(|p| p.evidence.as_str()),
        blocks: article
            .blocks()
            .map(|b| JsonBlock {
                kind: b.kind.name(),
                level: b.kind.level(),
                text: article.block_text(&b),
                byte_offset: b.src_range().start,
            })
            .collect(),
        dropped: article
            .dropped()
            .map(|d| JsonBlock {
                kind: d.reason,
                level: None,
                text: article.slice(&d.text_range()),
                byte_offset: d.src_range().start,
            })
            .collect(),
    }
}

/// The metadata line under the title: source, author, publication date.
pub fn metadata_line(article: &Article) -> String {
    let mut parts = Vec::new();
    if let Some(source) = article.source() {
        parts.push(sanitize_line(source).into_owned());
    }
    if let Some(author) = article.author() {
        parts.push(format!("by {}", sanitize_line(author)));
    }
    if let Some(p) = article.published() {
        let bound = if bound_name(p.bound) == "at_least" {
            "≥"
        } else {
            ""
        };
        parts.push(format!("{bound}{}", p.value));
    }
    if let Some(url) = article.source_url() {
        parts.push(sanitize_line(url).into_owned());
    }
    parts.join(" · ")
}

fn write_article(
    out: &mut impl Write,
    article: &Article,
    width: usize,
    md: bool,
) -> io::Result<()> {
    let title = sanitize_line(article.title());
    if md {
        writeln!(out, "# {title}")?;
    } else {
        writeln!(out, "{title}")?;
        writeln!(
            out,
            "{}",
            "=".repeat(unicode_width::UnicodeWidthStr::width(title.as_ref()).min(width))
        )?;
    }
    let meta = metadata_line(article);
    if !meta.is_empty() {
        if md {
            writeln!(out, "\n*{meta}*")?;
        } else {
            writeln!(out, "{meta}")?;
        }
    }
    for block in article.blocks() {
        let text = sanitize(article.block_text(&block));
        writeln!(out)?;
        let (first, rest, body): (String, String, String) = match block.kind {
            BlockKind::Heading(level) if md => {
                let hashes = "#".repeat(usize::from(level.clamp(2, 6)));
                (format!("{hashes} "), String::new(), text.into_owned())
            }
            BlockKind::Heading(_) => (String::new(), String::new(), text.to_uppercase()),
            BlockKind::ListItem => ("- ".into(), "  ".into(), text.into_owned()),
            BlockKind::Quote => ("> ".into(), "> ".into(), text.into_owned()),
            BlockKind::TableRow => {
                let row = text.split('\t').collect::<Vec<_>>().join(" | ");
                if md {
                    (String::new(), String::new(), format!("| {row} |"))
                } else {
                    (String::new(), String::new(), row)
                }
            }
            BlockKind::Code => {
                if md {
                    writeln!(out, "```\n{text}\n```")?;
                } else {
                    for line in text.lines() {
                        writeln!(out, "    {line}")?;
                    }
                }
                continue;
            }
            BlockKind::Paragraph => (String::new(), String::new(), text.into_owned()),
        };
        let options = textwrap::Options::new(width)
            .initial_indent(&first)
            .subsequent_indent(&rest);
        for line in textwrap::wrap(&body, options) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
