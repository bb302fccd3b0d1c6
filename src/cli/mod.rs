//! Command line: the clap definition (shared with completions and the man page) and dispatch.
//! One file per subcommand; each reads the same `Store` as the reader.

use crate::config::{Config, SortOrder};
use crate::core::load::{self, Input, LoadOptions};
use crate::core::sanitize::sanitize_line;
use crate::core::store::Store;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

pub mod completions;
pub mod events;
pub mod list;
pub mod output;
pub mod progress;
pub mod search;
pub mod show;
pub mod timeline;

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "A terminal reader for collections of articles, with a timeline of the dates they tell",
    long_about = "A terminal reader for collections of articles (plain text, Markdown, HTML).\n\
                  With no PATHS it opens the built-in seed articles; '-' reads standard input.",
    // Global options may come before the subcommand: `dossier --no-color list`.
    subcommand_precedence_over_arg = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or folders to open in the reader (none: the built-in seeds; '-': stdin)
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Monochrome output (also when NO_COLOR is set)
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Read the configuration from FILE instead of the default location
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Capture the mouse in the reader: wheel scrolls, click selects (terminal text selection
    /// then needs Shift)
    #[arg(long)]
    pub mouse: bool,

    /// Print the effective configuration (defaults included) and exit
    #[arg(long)]
    pub print_config: bool,

    /// Reload changed, added and removed files while the reader is open
    #[arg(long)]
    pub watch: bool,

    /// Neither use nor update the load cache (the parsed articles of large folders, kept
    /// under the XDG cache dir so unchanged files are not parsed again)
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// Files larger than this are loaded truncated (at most 512 MiB of a file are read)
    #[arg(long, global = true, value_name = "BYTES", default_value_t = load::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles: title, source, publication date
    List(list::ListArgs),
    /// Print articles as the reader shows them (metadata header, cleaned blocks)
    Show(show::ShowArgs),
    /// Every dated or relative mention: file, matched text, normalized value, offset, line
    Events(events::EventsArgs),
    /// The dated events of all articles, grouped and in order
    Timeline(timeline::TimelineArgs),
    /// Search titles (fuzzy), bodies and events (words); exit 1 without hits
    Search(search::SearchArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff)
    Man,
}

/// Paths shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct PathArgs {
    /// Files or folders (none: the built-in seeds; '-': stdin)
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Table,
    Tsv,
    Json,
}

pub fn run(cli: Cli) -> ExitCode {
    let global = cli.global;
    // `dossier FOLDER list`: the subcommand wins (so `dossier --no-color list` is the list, not
    // a reader of a folder named `list`), and paths before it would be silently ignored.
    if cli.command.is_some() && !cli.paths.is_empty() {
        let _ = writeln!(
            io::stderr().lock(),
            "dossier: paths go after the subcommand (dossier list PATHS), not before it"
        );
        return ExitCode::from(2);
    }
    let result = match cli.command {
        None => open_reader(&cli.paths, &global),
        Some(Command::List(args)) => list::run(&args, &global),
        Some(Command::Show(args)) => show::run(&args, &global),
        Some(Command::Events(args)) => events::run(&args, &global),
        Some(Command::Timeline(args)) => timeline::run(&args, &global),
        Some(Command::Search(args)) => search::run(&args, &global),
        Some(Command::Completions(args)) => completions::completions(&args),
        Some(Command::Man) => completions::man(),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(
                io::stderr(),
                "dossier: {}",
                crate::core::sanitize::sanitize_line(&format!("{err:#}"))
            );
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Read the configuration, or say what is wrong with it (`FILE:LINE: problem`) and give the
/// exit status 2, before anything else happens.
fn read_config(global: &GlobalArgs) -> Result<Config, ExitCode> {
    let names = crate::tui::action_names();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    Config::load(global.config.as_deref(), &names).map_err(|err| {
        let _ = writeln!(io::stderr(), "{err}");
        ExitCode::from(2)
    })
}

fn open_reader(paths: &[PathBuf], global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let mut config = match read_config(global) {
        Ok(config) => config,
        Err(code) => return Ok(code),
    };
    config.mouse |= global.mouse;
    if global.print_config {
        print_config(&config)?;
        return Ok(ExitCode::SUCCESS);
    }
    let source = crate::tui::loader::Source {
        inputs: Input::from_args(paths),
        options: LoadOptions {
            max_file_size: global.max_file_size,
            cache: !global.no_cache,
            ..LoadOptions::default()
        },
    };
    // A folder loads after the first frame, the list filling as it goes; a few files load
    // first, as for the other commands.
    let store = if source.is_large() {
        None
    } else {
        match load_store(paths, global) {
            Some(store) => Some(store),
            None => return Ok(ExitCode::from(1)),
        }
    };
    let no_color = global.no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let opening = crate::tui::Opening {
        store,
        source,
        watch: global.watch,
        no_color,
        collection: crate::saved::collection_key(paths),
    };
    let outcome = crate::tui::run(opening, &config)?;
    let mut stderr = io::stderr().lock();
    for problem in &outcome.problems {
        let _ = writeln!(stderr, "{problem}");
    }
    if outcome.nothing_loaded {
        let _ = writeln!(stderr, "dossier: no article loaded");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The effective configuration, defaults included, as a config file.
fn print_config(config: &Config) -> io::Result<()> {
    let keymap =
        crate::tui::keymap::Keymap::default().with_overrides(&config.keys, &Default::default());
    let mut out = io::stdout().lock();
    match &config.path {
        Some(path) => writeln!(
            out,
            "# effective configuration: {}",
            sanitize_line(&path.display().to_string())
        )?,
        None => writeln!(out, "# effective configuration: defaults (no config file)")?,
    }
    writeln!(out, "[keys]")?;
    for (action, keys) in keymap.effective_keys() {
        let keys: Vec<String> = keys.iter().map(|k| format!("{k:?}")).collect();
        writeln!(out, "{action} = [{}]", keys.join(", "))?;
    }
    for (view, actions) in &config.view_keys {
        writeln!(out, "\n[keys.{view}]")?;
        for (action, chords) in actions {
            let keys: Vec<String> = chords
                .iter()
                .map(|chord| {
                    format!(
                        "{:?}",
                        crate::tui::keymap::Key::from_chord(chord).config_name()
                    )
                })
                .collect();
            writeln!(out, "{action} = [{}]", keys.join(", "))?;
        }
    }
    let theme = &config.theme;
    writeln!(out, "\n[theme]")?;
    for (name, value, default) in [
        ("accent", &theme.accent, "cyan"),
        ("selection", &theme.selection, "reverse"),
        ("heading", &theme.heading, "yellow"),
        ("date", &theme.date, "green"),
        ("search", &theme.search, "yellow"),
        ("dim", &theme.dim, "darkgray"),
    ] {
        writeln!(out, "{name} = \"{}\"", value.as_deref().unwrap_or(default))?;
    }
    writeln!(
        out,
        "\n[reader]\nmeasure = {}",
        config.measure.unwrap_or(crate::tui::layout::MEASURE)
    )?;
    let sort = match config.sort {
        SortOrder::Input => "input",
        SortOrder::Date => "date",
        SortOrder::Title => "title",
    };
    writeln!(out, "\n[list]\nsort = \"{sort}\"")?;
    let dates = match config.dates {
        crate::config::DateDisplay::French => "fr",
        crate::config::DateDisplay::English => "en",
        crate::config::DateDisplay::Iso => "iso",
    };
    writeln!(out, "\n[ui]\nmouse = {}\ndates = \"{dates}\"", config.mouse)?;
    out.flush()
}

/// Load the inputs, print one line per problem on stderr, and return the store, or `None`
/// (after saying so) when nothing loaded.
pub fn load_store(paths: &[PathBuf], global: &GlobalArgs) -> Option<Store> {
    let inputs = Input::from_args(paths);
    let options = LoadOptions {
        max_file_size: global.max_file_size,
        cache: !global.no_cache,
        ..LoadOptions::default()
    };
    let mut loaded = load::Loaded::default();
    let mut progress = progress::LoadProgress::start();
    load::load_streaming(&inputs, &options, |batch| {
        progress.advance(&batch);
        loaded.articles.extend(batch.articles);
        loaded.problems.extend(batch.problems);
        std::ops::ControlFlow::Continue(())
    });
    progress.finish();
    let mut stderr = io::stderr().lock();
    for problem in &loaded.problems {
        let _ = writeln!(stderr, "{problem}");
    }
    if loaded.articles.is_empty() {
        let _ = writeln!(stderr, "dossier: no article loaded");
        return None;
    }
    Some(Store::new(loaded.articles))
}
