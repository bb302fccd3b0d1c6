//! `dossier timeline`: the dated events of all articles, grouped and ordered.

use super::{GlobalArgs, PathArgs};
use crate::core::article::{Precision, Ymd};
use crate::core::export;
use crate::core::timeline::{parse_date, TimelineFilter};
use clap::{Args, ValueEnum};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    Md,
    Csv,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub paths: PathArgs,

    /// Output format
    #[arg(long, value_enum, default_value_t = TimelineFormat::Md)]
    pub format: TimelineFormat,

    /// Only events ending on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_from)]
    pub from: Option<Ymd>,

    /// Only events starting on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD, inclusive)
    #[arg(long, value_name = "DATE", value_parser = parse_to)]
    pub to: Option<Ymd>,

    /// Only events whose label, sentences or article titles hold all these words (smart case)
    #[arg(long, value_name = "Q")]
    pub query: Option<String>,

    /// Only events of this precision (day, month, quarter, season, year, decade, century, range)
    #[arg(long, value_name = "P", value_parser = parse_precision)]
    pub precision: Option<Precision>,

    /// Only events told by an article whose source, file name or title contains S
    #[arg(long, value_name = "S")]
    pub source: Option<String>,
}

fn parse_from(text: &str) -> Result<Ymd, String> {
    parse_date(text, false)
        .ok_or_else(|| format!("expected YYYY, YYYY-MM or YYYY-MM-DD, got {text:?}"))
}

fn parse_to(text: &str) -> Result<Ymd, String> {
    parse_date(text, true)
        .ok_or_else(|| format!("expected YYYY, YYYY-MM or YYYY-MM-DD, got {text:?}"))
}

fn parse_precision(text: &str) -> Result<Precision, String> {
    Precision::parse(text).ok_or_else(|| format!("unknown precision {text:?}"))
}

pub fn run(args: &TimelineArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let Some(store) = super::load_store(&args.paths.paths, global) else {
        return Ok(ExitCode::from(1));
    };
    let filter = TimelineFilter {
        from: args.from,
        to: args.to,
        text: args.query.clone().filter(|q| !q.trim().is_empty()),
        precision: args.precision,
        source: args.source.clone(),
    };
    let groups = export::timeline_records(store.timeline(), &filter, &store.articles);
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        TimelineFormat::Json => export::write_timeline_json(&mut out, groups)?,
        TimelineFormat::Csv => export::write_timeline_csv(&mut out, &groups)?,
        TimelineFormat::Md => export::write_timeline_md(&mut out, &groups)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
