use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Before the loading threads start (see core::memory).
    dossier::core::memory::limit_heap_arenas();
    let cli = dossier::cli::Cli::parse();
    dossier::cli::run(cli)
}
