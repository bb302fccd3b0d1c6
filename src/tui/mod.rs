//! The ratatui reader. `State` (app.rs) holds everything on screen, keys map to `Action`s
//! through the keymap (data), `update` changes the state and returns `Effect`s, `view` renders
//! the state, `run` drives it all; `terminal` restores the terminal on every exit path.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod datefmt;
pub mod keymap;
pub mod layout;
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

/// Open the interactive reader on a store. Returns when the user quits. `collection` keys the
/// saved reading state (read marks, last article and position); `None` saves nothing (stdin).
pub fn run(
    store: Store,
    no_color: bool,
    config: &crate::config::Config,
    collection: Option<String>,
) -> anyhow::Result<()> {
    let store = Arc::new(store);
    let theme = theme::Theme::configured(no_color, &config.theme);
    let mut state = app::State::new(store.clone(), theme);
    state.configure(config);
    state.links = clipboard::LinkEnv::from_env();
    let saved_at = collection.zip(crate::saved::default_path());
    let mut saved = crate::saved::SavedState::default();
    if let Some((key, path)) = &saved_at {
        let (loaded, warning) = crate::saved::SavedState::load(path);
        if let Some(warning) = warning {
            eprintln!("{}", crate::core::sanitize::sanitize_line(&warning));
        }
        if let Some(previous) = loaded.collection(key) {
            state.restore_saved(previous);
        }
        saved = loaded;
    }
    let guard = terminal::TerminalGuard::enter(config.mouse)?;
    let backend = ratatui::backend::CrosstermBackend::new(std::io::stdout());
    let mut term = ratatui::Terminal::new(backend)?;
    term.hide_cursor()?;
    // Not `Terminal::clear`: it asks the terminal for the cursor position, and a terminal that
    // never answers would stall start-up. The alternate screen is cleared on entry instead.
    let (sender, messages) = std::sync::mpsc::channel();
    let mut worker = run::SearchWorker::spawn(store, sender.clone());
    signals::install(sender.clone())?;
    signals::spawn_hangup_watchdog();
    run::spawn_input(sender);
    let result = run::run_loop(&mut term, &mut state, &messages, Some(&mut worker));
    drop(guard);
    if let Some((key, path)) = &saved_at {
        saved.set_collection(key, state.saved());
        if let Err(err) = saved.save(path) {
            let shown = format!(
                "{}: could not save the reading state: {err}",
                path.display()
            );
            eprintln!("{}", crate::core::sanitize::sanitize_line(&shown));
        }
    }
    result
}
