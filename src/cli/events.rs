//! `dossier events`: every dated or relative mention, one row each.

use super::{GlobalArgs, PathArgs};
use crate::core::export;
use clap::{Args, ValueEnum};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventsFormat {
    Tsv,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub paths: PathArgs,

    /// Output format
    #[arg(long, value_enum, default_value_t = EventsFormat::Tsv)]
    pub format: EventsFormat,
}

pub fn run(args: &EventsArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let Some(store) = super::load_store(&args.paths.paths, global) else {
        return Ok(ExitCode::from(1));
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        EventsFormat::Tsv => export::write_events_tsv(&mut out, &store.articles)?,
        EventsFormat::Json => export::write_events_json(&mut out, &store.articles)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
