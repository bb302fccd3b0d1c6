//! The event loop, generic over the ratatui `Backend` so tests drive it on a `TestBackend`:
//! wait for input, drain everything pending, update, draw once, and only when something
//! changed (no idle redraws). Searches run on a worker thread and come back as messages.

use crate::core::search::{search, Field};
use crate::core::store::Store;
use crate::tui::action::Action;
use crate::tui::app::{SearchResults, SearchTarget, State};
use crate::tui::keymap::Key;
use crate::tui::update::{update, Effect};
use crate::tui::view;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::Terminal;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread;

/// Most hits a list search keeps (the list shows one row per article).
pub const SEARCH_LIMIT: usize = 2_000;

/// What the loop waits for.
#[derive(Debug)]
pub enum Message {
    Key(KeyEvent),
    Resize(u16, u16),
    SearchDone(SearchResults),
    /// The input source is gone (tty closed): quit.
    InputClosed,
}

/// Frames are wrapped in synchronized output where the backend supports it, so terminals
/// that know DEC mode 2026 never show half a frame.
pub trait FrameBackend: Backend {
    fn begin_frame(&mut self) {}
    fn end_frame(&mut self) {}
}

impl FrameBackend for TestBackend {}

impl<W: Write> FrameBackend for CrosstermBackend<W> {
    fn begin_frame(&mut self) {
        let _ = crossterm::queue!(self, crossterm::terminal::BeginSynchronizedUpdate);
    }
    fn end_frame(&mut self) {
        let _ = crossterm::execute!(self, crossterm::terminal::EndSynchronizedUpdate);
    }
}

fn field_for(target: SearchTarget) -> Field {
    match target {
        SearchTarget::List => Field::All,
        SearchTarget::Timeline => Field::Events,
    }
}

/// Run a search right here (tests, benches): what the worker does, without the thread.
pub fn run_search_now(
    store: &Store,
    generation: u64,
    target: SearchTarget,
    query: &str,
) -> SearchResults {
    let cancel = AtomicBool::new(false);
    SearchResults {
        generation,
        target,
        hits: search(store, query, field_for(target), SEARCH_LIMIT, &cancel),
    }
}

/// Apply effects synchronously: for tests and benches that want the search results at once.
pub fn apply_effects_now(state: &mut State, effects: Vec<Effect>) {
    for effect in effects {
        if let Effect::Search {
            generation,
            target,
            query,
        } = effect
        {
            let results = run_search_now(&state.store, generation, target, &query);
            state.apply_search(results);
        }
    }
}

struct Job {
    generation: u64,
    target: SearchTarget,
    query: String,
    cancel: Arc<AtomicBool>,
}

/// One background thread running searches; a new query cancels the one in flight.
pub struct SearchWorker {
    jobs: Sender<Job>,
    current: Option<Arc<AtomicBool>>,
}

impl SearchWorker {
    pub fn spawn(store: Arc<Store>, results: Sender<Message>) -> SearchWorker {
        let (jobs, queue) = mpsc::channel::<Job>();
        thread::spawn(move || {
            while let Ok(mut job) = queue.recv() {
                // Only the newest query matters.
                while let Ok(newer) = queue.try_recv() {
                    job = newer;
                }
                if job.cancel.load(Ordering::Relaxed) {
                    continue;
                }
                let hits = search(
                    &store,
                    &job.query,
                    field_for(job.target),
                    SEARCH_LIMIT,
                    &job.cancel,
                );
                if job.cancel.load(Ordering::Relaxed) {
                    continue;
                }
                let done = SearchResults {
                    generation: job.generation,
                    target: job.target,
                    hits,
                };
                if results.send(Message::SearchDone(done)).is_err() {
                    break;
                }
            }
        });
        SearchWorker {
            jobs,
            current: None,
        }
    }

    fn cancel(&mut self) {
        if let Some(flag) = self.current.take() {
            flag.store(true, Ordering::Relaxed);
        }
    }

    pub fn run(&mut self, effect: Effect) {
        self.cancel();
        if let Effect::Search {
            generation,
            target,
            query,
        } = effect
        {
            let cancel = Arc::new(AtomicBool::new(false));
            self.current = Some(cancel.clone());
            let _ = self.jobs.send(Job {
                generation,
                target,
                query,
                cancel,
            });
        }
    }
}

/// Read terminal events on their own thread, so the loop can wait on one channel for keys
/// and search results alike.
pub fn spawn_input(messages: Sender<Message>) {
    thread::spawn(move || loop {
        let message = match crossterm::event::read() {
            Ok(Event::Key(key)) => Message::Key(key),
            Ok(Event::Resize(w, h)) => Message::Resize(w, h),
            Ok(_) => continue,
            Err(_) => Message::InputClosed,
        };
        let closed = matches!(message, Message::InputClosed);
        if messages.send(message).is_err() || closed {
            break;
        }
    });
}

/// Watch the terminal for a hang-up (closed window, dropped ssh link). With SIGHUP ignored
/// (nohup) crossterm would spin on the dead tty at full CPU; this thread notices and quits.
/// `poll` with no requested events blocks until POLLHUP/POLLERR, so it costs no wake-ups.
pub fn spawn_hangup_watchdog(messages: Sender<Message>) {
    thread::spawn(move || {
        let Ok(tty) = std::fs::File::open("/dev/tty") else {
            return;
        };
        let fd = std::os::fd::AsRawFd::as_raw_fd(&tty);
        loop {
            let mut pollfd = libc::pollfd {
                fd,
                events: 0,
                revents: 0,
            };
            // SAFETY: one valid pollfd that lives across the call; `tty` keeps the fd open.
            let ready = unsafe { libc::poll(&mut pollfd, 1, -1) };
            if ready < 0 {
                if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                    continue;
                }
                return;
            }
            if pollfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                let _ = messages.send(Message::InputClosed);
                return;
            }
        }
    });
}

/// Apply one message; returns whether the screen needs drawing.
pub fn handle(state: &mut State, message: Message, worker: Option<&mut SearchWorker>) -> bool {
    let action = match message {
        Message::Key(key) => {
            // Terminals with the kitty protocol report releases; a key acts once.
            if key.kind == KeyEventKind::Release {
                return false;
            }
            // Esc and a key typed quickly arrive as Alt+key (the terminal cannot tell them
            // apart); dossier binds no Alt key, so take it as Esc then the key.
            if key.modifiers.contains(KeyModifiers::ALT) {
                let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
                let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
                let mut worker = worker;
                let first = handle(state, Message::Key(esc), worker.as_deref_mut());
                if state.quit {
                    return first;
                }
                return handle(state, Message::Key(plain), worker) || first;
            }
            match state
                .keymap
                .resolve(&state.contexts(), Key::from_event(&key))
            {
                Some(action) => action,
                None => return false,
            }
        }
        Message::Resize(width, height) => Action::Resize { width, height },
        Message::SearchDone(results) => return state.apply_search(results),
        Message::InputClosed => Action::ForceQuit,
    };
    let effects = update(state, action);
    match worker {
        Some(worker) => effects.into_iter().for_each(|e| worker.run(e)),
        None => apply_effects_now(state, effects),
    }
    true
}

pub fn draw<B: FrameBackend>(terminal: &mut Terminal<B>, state: &State) -> anyhow::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    terminal.backend_mut().begin_frame();
    let drawn = terminal.draw(|frame| view::draw(frame, state)).map(|_| ());
    terminal.backend_mut().end_frame();
    drawn?;
    Ok(())
}

/// The loop: draw, wait, drain, update; until the state says quit.
pub fn run_loop<B: FrameBackend>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    messages: &Receiver<Message>,
    mut worker: Option<&mut SearchWorker>,
) -> anyhow::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let size = terminal.size()?;
    update(
        state,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let mut dirty = true;
    while !state.quit {
        if dirty {
            draw(terminal, state)?;
            dirty = false;
        }
        let Ok(first) = messages.recv() else {
            break;
        };
        dirty |= handle(state, first, worker.as_deref_mut());
        while !state.quit {
            match messages.try_recv() {
                Ok(next) => dirty |= handle(state, next, worker.as_deref_mut()),
                Err(_) => break,
            }
        }
    }
    Ok(())
}
