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

/// Open the interactive reader on a store. Returns when the user quits.
pub fn run(store: Store, no_color: bool, config: &crate::config::Config) -> anyhow::Result<()> {
    let store = Arc::new(store);
    let theme = theme::Theme::configured(no_color, &config.theme);
    let mut state = app::State::new(store.clone(), theme);
    state.configure(config);
    state.links = clipboard::LinkEnv::from_env();
    let guard = terminal::TerminalGuard::enter()?;
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
    result
}
