//! The threads that feed a running reader: the progressive load of a large collection, the
//! reload (`r`), and the folder watcher (`--watch`). They send plain data as `Message`s; the
//! state merges it (see `live.rs`).

use crate::core::article::{Article, Origin};
use crate::core::load::{self, Input, LoadOptions};
use crate::core::store::Store;
use crate::tui::live::{LoadUpdate, Reloaded};
use crate::tui::run::Message;
use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
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

/// Paths the watcher saw change since the last reload (absolute, as watched).
pub type Dirty = Arc<Mutex<HashSet<PathBuf>>>;

/// Starts reloads: each loads the collection again on a thread and sends the new store with
/// what changed (counted there, off the UI thread).
pub struct Reloader {
    source: Source,
    messages: Sender<Message>,
    dirty: Dirty,
}

impl Reloader {
    /// `dirty` is filled by the watcher (see `watch`).
    pub fn new(source: Source, messages: Sender<Message>, dirty: Dirty) -> Reloader {
        Reloader {
            source,
            messages,
            dirty,
        }
    }

    /// Reload everything (`full`, the `r` key), or only what the watcher saw change.
    pub fn start(&self, current: Arc<Store>, full: bool) {
        let source = self.source.clone();
        let messages = self.messages.clone();
        let dirty = std::mem::take(&mut *self.dirty.lock().unwrap_or_else(|e| e.into_inner()));
        thread::spawn(move || {
            let reloaded = reload(&source, &current, (!full).then_some(&dirty));
            drop(current);
            let _ = messages.send(Message::Reloaded(Box::new(reloaded)));
        });
    }
}

/// Load `source` again and compare with `current`. With `dirty`, a file that `current` holds
/// and that neither it nor a folder above it is in `dirty` is taken from `current` as it is.
pub fn reload(source: &Source, current: &Store, dirty: Option<&HashSet<PathBuf>>) -> Reloaded {
    let by_origin: HashMap<Origin<'_>, &Article> =
        current.articles.iter().map(|a| (a.origin(), a)).collect();
    let reuse = |path: &Path| -> Option<Article> {
        let dirty = dirty?;
        let path_text = path.display().to_string();
        let article = by_origin.get(&Origin::of(&path_text))?;
        let absolute = std::path::absolute(path).ok()?;
        let touched = absolute.ancestors().any(|p| dirty.contains(p));
        (!touched).then(|| (*article).clone())
    };
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    load::load_streaming_reusing(&source.inputs, &source.options, &reuse, |batch| {
        articles.extend(batch.articles);
        problems.extend(batch.problems);
        ControlFlow::Continue(())
    });
    let store = Store::new(articles);
    Reloaded {
        changes: current.changes(&store),
        store,
        problems,
    }
}

/// How long the watcher waits for a burst of changes (an editor saving, a copy) to settle.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// The live watcher: dropping it stops watching.
pub type Watcher = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::NoCache,
>;

/// Watch the source's folders and files; every settled burst of changes adds its paths to
/// `dirty` and sends one `FilesChanged`. Reading a file is not a change (inotify reports
/// opens, and reloading opens every file). `Err` says why nothing could be watched.
pub fn watch(source: &Source, messages: Sender<Message>, dirty: Dirty) -> Result<Watcher, String> {
    use notify_debouncer_full::notify::{self, RecursiveMode};
    let mut debouncer = notify_debouncer_full::new_debouncer_opt(
        DEBOUNCE,
        None,
        move |events: notify_debouncer_full::DebounceEventResult| {
            let Ok(events) = events else {
                return;
            };
            let paths: Vec<PathBuf> = events
                .iter()
                .filter(|e| !e.kind.is_access())
                .flat_map(|e| e.paths.iter().cloned())
                .collect();
            if paths.is_empty() {
                return;
            }
            dirty
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(paths);
            let _ = messages.send(Message::FilesChanged);
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
        // Absolute, so the paths reported match `std::path::absolute` of the origins.
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        match debouncer.watch(&path, RecursiveMode::Recursive) {
            Ok(()) => watching += 1,
            Err(err) => problems.push(format!("{}: cannot watch: {err}", path.display())),
        }
    }
    if watching == 0 && !problems.is_empty() {
        return Err(problems.join("; "));
    }
    Ok(debouncer)
}
