//! `dossier list`: one line per article.

use super::output::{bound_name, fit, output_width, published_cell, tsv_field};
use super::{GlobalArgs, PathArgs, TableFormat};
use crate::core::article::Article;
use crate::core::sanitize::sanitize_line;
use clap::Args;
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub paths: PathArgs,

    /// Output format
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

/// One article in `list --format json` (the contract of DESIGN.md §3).
#[derive(Debug, Serialize)]
pub struct ListEntry<'a> {
    pub id: usize,
    pub file: String,
    pub path: String,
    pub title: String,
    pub source: Option<String>,
    pub author: Option<String>,
    pub published: Option<&'a str>,
    pub published_precision: Option<&'static str>,
    pub published_bound: Option<&'static str>,
    pub words: usize,
    pub events: usize,
}

impl<'a> ListEntry<'a> {
    pub fn new(article: &'a Article) -> ListEntry<'a> {
        ListEntry {
            id: article.id,
            file: sanitize_line(article.file_name()).into_owned(),
            path: sanitize_line(&article.origin().to_str()).into_owned(),
            title: article.title().to_string(),
            source: article.source().map(str::to_string),
            author: article.author().map(str::to_string),
            published: article.published().map(|p| p.value.as_str()),
            published_precision: article.published().map(|p| p.precision.name()),
            published_bound: article.published().map(|p| bound_name(p.bound)),
            words: article.word_count(),
            events: article.events().iter().filter(|e| e.is_dated()).count(),
        }
    }
}

pub fn run(args: &ListArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let Some(store) = super::load_store(&args.paths.paths, global) else {
        return Ok(ExitCode::from(1));
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        TableFormat::Json => {
            crate::core::export::write_json_array(
                &mut out,
                store.articles.iter().map(ListEntry::new),
            )?;
            writeln!(out)?;
        }
        TableFormat::Tsv => {
            writeln!(
                out,
                "id\tfile\ttitle\tsource\tauthor\tpublished\twords\tevents"
            )?;
            for article in &store.articles {
                let e = ListEntry::new(article);
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    e.id,
                    tsv_field(&e.file),
                    tsv_field(&e.title),
                    tsv_field(e.source.as_deref().unwrap_or("")),
                    tsv_field(e.author.as_deref().unwrap_or("")),
                    e.published.unwrap_or(""),
                    e.words,
                    e.events
                )?;
            }
        }
        TableFormat::Table => write_table(&mut out, &store.articles, output_width())?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Columns: id, published, title (takes the room left), source; fits `width`.
fn write_table(out: &mut impl Write, articles: &[Article], width: usize) -> io::Result<()> {
    let id_w = articles.len().saturating_sub(1).to_string().len().max(2);
    let date_w = 11;
    let source_w = if width >= 80 { 20 } else { 12 };
    let fixed = id_w + date_w + source_w + 3;
    let title_w = width.saturating_sub(fixed).max(10);
    writeln!(
        out,
        "{}",
        format!(
            "{} {} {} {}",
            fit("ID", id_w),
            fit("PUBLISHED", date_w),
            fit("TITLE", title_w),
            fit("SOURCE", source_w)
        )
        .trim_end()
    )?;
    for article in articles {
        let line = format!(
            "{} {} {} {}",
            fit(&article.id.to_string(), id_w),
            fit(&published_cell(article), date_w),
            fit(&sanitize_line(article.title()), title_w),
            fit(&sanitize_line(article.source().unwrap_or("")), source_w),
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
