//! The threads that feed a running reader: the progressive load of a large collection, the
//! reload (`r`), and the folder watcher (`--watch`). They send plain data as `Message`s; the
//! state merges it (see `live.rs`).

use crate::core::load::{self, Input, LoadOptions};
use crate::core::store::Store;
use crate::tui::live::{LoadUpdate, Reloaded};
use crate::tui::run::Message;
use std::ops::ControlFlow;
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

/// What the reader was opened on, so it can be loaded (again).
#[derive(Debug, Clone)]
pub struct Source {
    pub inputs: Vec<Input>,
    pub options: LoadOptions,
}

impl Source {
    /// Standard input is read once; everything else can be read again.
    pub fn reloadable(&self) -> bool {
        !self.inputs.contains(&Input::Stdin)
    }

    /// Worth loading progressively: a folder may hold any number of files, while files named
    /// on the command line, the seeds and stdin are few and load before the first frame.
    pub fn is_large(&self) -> bool {
        self.inputs
            .iter()
            .any(|input| matches!(input, Input::Path(path) if path.is_dir()))
    }

    /// The folders and files to watch (never the seeds or stdin).
    fn watched(&self) -> impl Iterator<Item = &std::path::Path> {
        self.inputs.iter().filter_map(|input| match input {
            Input::Path(path) => Some(path.as_path()),
            _ => None,
        })
    }
}

/// Load `source` on a thread of its own, sending each batch as it is ready. Stops when the
/// reader has gone (the channel is closed).
pub fn spawn_load(source: Source, messages: Sender<Message>) {
    thread::spawn(move || {
        let started = Instant::now();
        load::load_streaming(&source.inputs, &source.options, |batch| {
            let update = LoadUpdate {
                batch,
                elapsed: started.elapsed(),
            };
            match messages.send(Message::Loaded(update)) {
                Ok(()) => ControlFlow::Continue(()),
                Err(_) => ControlFlow::Break(()),
            }
        });
    });
}

/// Starts reloads: each loads everything again on a thread and sends the new store with what
/// changed (counted there, off the UI thread).
pub struct Reloader {
    source: Source,
    messages: Sender<Message>,
}

impl Reloader {
    pub fn new(source: Source, messages: Sender<Message>) -> Reloader {
        Reloader { source, messages }
    }

    pub fn start(&self, current: Arc<Store>) {
        let source = self.source.clone();
        let messages = self.messages.clone();
        thread::spawn(move || {
            let reloaded = reload(&source, &current);
            drop(current);
            let _ = messages.send(Message::Reloaded(Box::new(reloaded)));
        });
    }
}

/// Load `source` again and compare with `current`.
pub fn reload(source: &Source, current: &Store) -> Reloaded {
    let loaded = load::load(&source.inputs, &source.options);
    let store = Store::new(loaded.articles);
    Reloaded {
        changes: current.changes(&store),
        store,
        problems: loaded.problems,
    }
}

/// How long the watcher waits for a burst of changes (an editor saving, a copy) to settle.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// The live watcher: dropping it stops watching.
pub type Watcher = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::NoCache,
>;

/// Watch the source's folders and files; every settled burst of changes sends one
/// `FilesChanged`. Reading a file is not a change (inotify reports opens, and reloading opens
/// every file). `Err` says why nothing could be watched.
pub fn watch(source: &Source, messages: Sender<Message>) -> Result<Watcher, String> {
    use notify_debouncer_full::notify::{self, RecursiveMode};
    let mut debouncer = notify_debouncer_full::new_debouncer_opt(
        DEBOUNCE,
        None,
        move |events: notify_debouncer_full::DebounceEventResult| {
            let changed = events.is_ok_and(|events| events.iter().any(|e| !e.kind.is_access()));
            if changed {
                let _ = messages.send(Message::FilesChanged);
            }
        },
        // No file-id cache: it would walk the whole folder before the first frame, and only
        // serves to pair the two halves of a rename, which a reload does not need.
        notify_debouncer_full::NoCache,
        notify::Config::default(),
    )
    .map_err(|err| format!("cannot watch for changes: {err}"))?;
    let mut watching = 0;
    let mut problems = Vec::new();
    for path in source.watched() {
        match debouncer.watch(path, RecursiveMode::Recursive) {
            Ok(()) => watching += 1,
            Err(err) => problems.push(format!("{}: cannot watch: {err}", path.display())),
        }
    }
    if watching == 0 && !problems.is_empty() {
        return Err(problems.join("; "));
    }
    Ok(debouncer)
}
