//! The ratatui reader. `State` (app.rs) holds everything on screen, keys map to `Action`s
//! through the keymap (data), `update` changes the state and returns `Effect`s, `view` renders
//! the state, `run` drives it all; `terminal` restores the terminal on every exit path.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod datefmt;
pub mod keymap;
pub mod layout;
pub mod live;
pub mod loader;
pub mod run;
pub mod scroll_region;
pub mod signals;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod wrap;

use crate::core::store::Store;
use std::sync::Arc;

/// The action names a config file's `[keys]` may use.
pub fn action_names() -> Vec<String> {
    keymap::Keymap::action_names()
}

/// What the reader was opened with.
pub struct Opening {
    /// The collection, loaded already; `None`: load `source` progressively after the first
    /// frame.
    pub store: Option<Store>,
    pub source: loader::Source,
    /// Reload by itself when files change (`--watch`).
    pub watch: bool,
    pub no_color: bool,
    /// Keys the saved reading state (read marks, last article and position); `None` saves
    /// nothing (stdin).
    pub collection: Option<String>,
}

/// How the reader ended.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Problems met while loading in the background (not printed yet: the screen was ours).
    pub problems: Vec<crate::core::load::Problem>,
    /// A progressive load ended with no article at all.
    pub nothing_loaded: bool,
}

/// Open the interactive reader. Returns when the user quits.
pub fn run(opening: Opening, config: &crate::config::Config) -> anyhow::Result<Outcome> {
    let Opening {
        store,
        source,
        watch,
        no_color,
        collection,
    } = opening;
    let streaming = store.is_none();
    let store = Arc::new(store.unwrap_or_default());
    let theme = theme::Theme::configured(no_color, &config.theme);
    let mut state = app::State::new(store, theme);
    state.configure(config);
    state.links = clipboard::LinkEnv::from_env();
    state.live.reloadable = source.reloadable();
    let saved_at = collection.zip(crate::saved::default_path());
    let mut saved = crate::saved::SavedState::default();
    let mut previous = None;
    if let Some((key, path)) = &saved_at {
        let (loaded, warning) = crate::saved::SavedState::load(path);
        if let Some(warning) = warning {
            eprintln!("{}", crate::core::sanitize::sanitize_line(&warning));
        }
        previous = loaded.collection(key).cloned();
        saved = loaded;
    }
    if streaming {
        state.start_loading(previous);
    } else if let Some(previous) = &previous {
        state.restore_saved(previous);
    }
    let (sender, messages) = std::sync::mpsc::channel();
    let dirty = loader::Dirty::default();
    // Before the terminal is taken, so a watch problem can still be printed.
    let watcher = if watch && source.reloadable() {
        match loader::watch(&source, sender.clone(), dirty.clone()) {
            Ok(watcher) => Some(watcher),
            Err(problem) => {
                eprintln!(
                    "dossier: {}",
                    crate::core::sanitize::sanitize_line(&problem)
                );
                None
            }
        }
    } else {
        None
    };
    let guard = terminal::TerminalGuard::enter(config.mouse)?;
    let backend = ratatui::backend::CrosstermBackend::new(std::io::stdout());
    let mut term = ratatui::Terminal::new(backend)?;
    term.hide_cursor()?;
    // Not `Terminal::clear`: it asks the terminal for the cursor position, and a terminal that
    // never answers would stall start-up. The alternate screen is cleared on entry instead.
    let mut workers = run::Workers {
        search: run::SearchWorker::spawn(sender.clone()),
        reload: source
            .reloadable()
            .then(|| loader::Reloader::new(source.clone(), sender.clone(), dirty)),
        messages: sender.clone(),
    };
    if streaming {
        loader::spawn_load(source, sender.clone());
    }
    signals::install(sender.clone())?;
    signals::spawn_hangup_watchdog();
    run::spawn_input(sender);
    let result = run::run_loop(&mut term, &mut state, &messages, Some(&mut workers));
    drop(guard);
    drop(watcher);
    let nothing_loaded = streaming && state.store.articles.is_empty() && !state.live.loading();
    if let Some((key, path)) = &saved_at {
        if !nothing_loaded {
            saved.set_collection(key, state.saved());
        }
        if let Err(err) = saved.save(path) {
            let shown = format!(
                "{}: could not save the reading state: {err}",
                path.display()
            );
            eprintln!("{}", crate::core::sanitize::sanitize_line(&shown));
        }
    }
    result?;
    Ok(Outcome {
        problems: std::mem::take(&mut state.live.problems),
        nothing_loaded,
    })
}
