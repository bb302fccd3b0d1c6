//! The event loop, generic over the ratatui `Backend` so tests drive it on a `TestBackend`:
//! wait for input, drain everything pending, update, draw once, and only when something
//! changed (no idle redraws). Searches run on a worker thread and come back as messages.

use crate::core::search::{search, Field, Hit, SearchIndex};
use crate::core::store::Store;
use crate::tui::action::Action;
use crate::tui::app::{SearchResults, SearchTarget, State};
use crate::tui::clipboard::copy_or_open;
use crate::tui::keymap::Key;
use crate::tui::live::{LoadUpdate, Reloaded};
use crate::tui::loader::Reloader;
use crate::tui::scroll_region::{self, Band, Direction, ScrollMemo, Shift};
use crate::tui::update::{update, Effect};
use crate::tui::view;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
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
    /// Only arrives with `--mouse` (mouse reporting is off otherwise).
    Mouse(MouseEvent),
    SearchDone(SearchResults),
    /// The input source is gone (tty closed): quit.
    InputClosed,
    /// The terminal was handed back to us (after `kill -TSTP` and `fg`): wake up and repaint
    /// everything (see `signals::take_repaint`).
    Redraw,
    /// The next articles of a progressive load.
    Loaded(LoadUpdate),
    /// A reload is done.
    Reloaded(Box<Reloaded>),
    /// Files under a watched folder changed (`--watch`).
    FilesChanged,
    /// The timeline of a finished progressive load, for the store at that version.
    TimelineBuilt(Box<crate::core::timeline::Timeline>, u64),
}

/// `DOSSIER_TEST_PANIC=render|worker` makes the reader panic there, so the end-to-end tests can
/// check that a panic anywhere still restores the terminal. Read once.
fn test_panic(place: &str) -> bool {
    static SWITCH: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    SWITCH
        .get_or_init(|| std::env::var("DOSSIER_TEST_PANIC").ok())
        .as_deref()
        == Some(place)
}

/// Frames are wrapped in synchronized output where the backend supports it, so terminals
/// that know DEC mode 2026 never show half a frame; the reader's text band can be moved by the
/// terminal itself (see `scroll_region`).
pub trait FrameBackend: Backend {
    fn begin_frame(&mut self) {}
    fn end_frame(&mut self) {}
    /// Move whole screen rows as `shift` says, the uncovered rows blank with the default
    /// colours. Returns whether it was done; a backend that cannot leaves the screen alone.
    fn shift_rows(&mut self, _shift: &Shift) -> Result<bool, Self::Error> {
        Ok(false)
    }
}

/// Tests that look at the shifted rows use the crossterm backend and a terminal emulator.
impl FrameBackend for TestBackend {}

impl<W: Write> FrameBackend for CrosstermBackend<W> {
    fn begin_frame(&mut self) {
        let _ = crossterm::queue!(self, crossterm::terminal::BeginSynchronizedUpdate);
    }
    fn end_frame(&mut self) {
        let _ = crossterm::execute!(self, crossterm::terminal::EndSynchronizedUpdate);
    }
    /// Plain VT100: set the margins (DECSTBM), then line feeds at the bottom margin or reverse
    /// indexes (RI) at the top one, then reset the margins; tmux falls back to the same when a
    /// terminal lacks SU/SD (which ratatui's own `scroll_region_up` sends; the VT100 had none).
    /// The attributes are reset first: terminals with background-colour erase paint the
    /// uncovered rows with the current background.
    fn shift_rows(&mut self, shift: &Shift) -> std::io::Result<bool> {
        use crossterm::cursor::MoveTo;
        use crossterm::style::{Attribute, SetAttribute};
        if shift.rows.is_empty() {
            return Ok(false);
        }
        let last = shift.rows.end - 1;
        crossterm::queue!(self, SetAttribute(Attribute::Reset))?;
        write!(self, "\x1b[{};{}r", shift.rows.start + 1, last + 1)?;
        let (row, step) = match shift.direction {
            Direction::Up => (last, "\n"),
            Direction::Down => (shift.rows.start, "\x1bM"),
        };
        crossterm::queue!(self, MoveTo(0, row))?;
        for _ in 0..shift.lines {
            self.write_all(step.as_bytes())?;
        }
        // Margins back to the whole screen (this also homes the cursor; every frame starts
        // with an absolute move).
        self.write_all(b"\x1b[r")?;
        Ok(true)
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
    let hits = search(store, query, field_for(target), SEARCH_LIMIT, &cancel);
    limited_results(generation, target, hits)
}

/// Results of a search asked for at most [`SEARCH_LIMIT`] hits: capped when it got them all.
fn limited_results(generation: u64, target: SearchTarget, hits: Vec<Hit>) -> SearchResults {
    SearchResults {
        generation,
        target,
        capped: hits.len() >= SEARCH_LIMIT,
        hits,
    }
}

/// Apply effects synchronously: for tests and benches that want the search results (and the
/// timeline) at once.
pub fn apply_effects_now(state: &mut State, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::Search {
                generation,
                target,
                query,
            } => {
                let results = run_search_now(&state.store, generation, target, &query);
                state.apply_search(results);
            }
            Effect::BuildTimeline => {
                let timeline = crate::core::timeline::Timeline::build(&state.store.articles);
                let more = state.take_timeline(timeline, state.live.store_version);
                apply_effects_now(state, more);
            }
            _ => {}
        }
    }
}

/// Group the events of `store` on a thread; the timeline comes back as `TimelineBuilt`.
fn spawn_timeline(store: Arc<Store>, version: u64, messages: Sender<Message>) {
    thread::spawn(move || {
        let timeline = crate::core::timeline::Timeline::build(&store.articles);
        // Let go of the store first, so the loop can put the timeline in at once.
        drop(store);
        let _ = messages.send(Message::TimelineBuilt(Box::new(timeline), version));
    });
}

struct Job {
    generation: u64,
    target: SearchTarget,
    query: String,
    cancel: Arc<AtomicBool>,
    /// The store as it is now, and its version (`Live::store_version`): the worker holds
    /// it only while the search runs, so the store can grow between searches.
    store: Arc<Store>,
    version: u64,
}

/// One background thread running searches; a new query cancels the one in flight.
pub struct SearchWorker {
    jobs: Sender<Job>,
    current: Option<Arc<AtomicBool>>,
}

impl SearchWorker {
    pub fn spawn(results: Sender<Message>) -> SearchWorker {
        let (jobs, queue) = mpsc::channel::<Job>();
        thread::spawn(move || {
            // Built on this thread on the first query, and again when the store changed: the
            // title index, the narrowing cache and (lazily) the body index.
            let mut index: Option<(u64, SearchIndex)> = None;
            while let Ok(mut job) = queue.recv() {
                // Only the newest query matters.
                while let Ok(newer) = queue.try_recv() {
                    job = newer;
                }
                if job.cancel.load(Ordering::Relaxed) {
                    continue;
                }
                assert!(!test_panic("worker"), "test panic in the search worker");
                let store = job.store;
                if index
                    .as_ref()
                    .is_none_or(|(version, _)| *version != job.version)
                {
                    index = Some((job.version, SearchIndex::new(&store)));
                }
                let Some((_, index)) = &index else {
                    continue;
                };
                let hits = index.search(
                    &store,
                    &job.query,
                    field_for(job.target),
                    SEARCH_LIMIT,
                    &job.cancel,
                );
                // Let go of the store before answering, so the loop can add to it at once.
                drop(store);
                if job.cancel.load(Ordering::Relaxed) {
                    continue;
                }
                let done = limited_results(job.generation, job.target, hits);
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

    /// Run a search effect over `store` (at `version`); any other effect only cancels.
    pub fn run(&mut self, effect: Effect, store: &Arc<Store>, version: u64) {
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
                store: Arc::clone(store),
                version,
            });
        }
    }
}

/// The background helpers of a live reader: the search worker, and the reloader when the
/// collection can be loaded again.
pub struct Workers {
    pub search: SearchWorker,
    pub reload: Option<Reloader>,
    /// The loop's own channel, for the one-off threads effects start.
    pub messages: Sender<Message>,
}

/// Read terminal events on their own thread, so the loop can wait on one channel for keys
/// and search results alike.
pub fn spawn_input(messages: Sender<Message>) {
    thread::spawn(move || {
        // The first poll sets up crossterm's event source and its SIGWINCH handler; a resize
        // before that would be lost, so report the size as it is once it is set up.
        let _ = crossterm::event::poll(std::time::Duration::ZERO);
        if let Ok((width, height)) = crossterm::terminal::size() {
            if messages.send(Message::Resize(width, height)).is_err() {
                return;
            }
        }
        read_input(&messages);
    });
}

fn read_input(messages: &Sender<Message>) {
    loop {
        let message = match crossterm::event::read() {
            Ok(Event::Key(key)) => Message::Key(key),
            Ok(Event::Resize(w, h)) => Message::Resize(w, h),
            Ok(Event::Mouse(mouse)) => Message::Mouse(mouse),
            Ok(_) => continue,
            Err(_) => Message::InputClosed,
        };
        let closed = matches!(message, Message::InputClosed);
        if messages.send(message).is_err() || closed {
            break;
        }
    }
}

/// Apply one message; returns whether the screen needs drawing.
pub fn handle(state: &mut State, message: Message, worker: Option<&mut Workers>) -> bool {
    let action = match message {
        Message::Key(key) => {
            // Terminals with the kitty protocol report releases; a key acts once.
            if key.kind == KeyEventKind::Release {
                return false;
            }
            // A notice lasts until the next key.
            state.notice = None;
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
        Message::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollDown => Action::Wheel {
                    column,
                    row,
                    down: true,
                },
                MouseEventKind::ScrollUp => Action::Wheel {
                    column,
                    row,
                    down: false,
                },
                MouseEventKind::Down(MouseButton::Left) => Action::Click { column, row },
                _ => return false,
            }
        }
        Message::SearchDone(results) => {
            let (changed, effects) = state.search_done(results);
            run_effects(state, effects, worker);
            return changed;
        }
        Message::InputClosed => Action::ForceQuit,
        // The loop repaints the whole terminal for this one; nothing in the state changes.
        Message::Redraw => return true,
        Message::Loaded(batch) => {
            let mut effects = state.take_batch(batch);
            effects.extend(state.reload_if_asked());
            run_effects(state, effects, worker);
            return true;
        }
        Message::Reloaded(reloaded) => {
            let effects = state.replace_store(*reloaded);
            run_effects(state, effects, worker);
            return true;
        }
        Message::TimelineBuilt(timeline, version) => {
            let effects = state.take_timeline(*timeline, version);
            run_effects(state, effects, worker);
            return true;
        }
        Message::FilesChanged => {
            // Only what changed is read again (the `r` key reads everything).
            let reload = state.want_reload(false);
            run_effects(state, reload.into_iter().collect(), worker);
            return false;
        }
    };
    let effects = update(state, action);
    run_effects(state, effects, worker);
    true
}

/// Articles held back while a search shared the store: add them now if it is free.
/// Returns whether anything changed.
pub fn flush_waiting(state: &mut State, worker: Option<&mut Workers>) -> bool {
    if !state.live.has_waiting() {
        return false;
    }
    let version = state.live.store_version;
    let mut effects = state.flush_arrived();
    if state.live.store_version == version {
        return false;
    }
    effects.extend(state.reload_if_asked());
    run_effects(state, effects, worker);
    true
}

fn run_effects(state: &mut State, effects: Vec<Effect>, worker: Option<&mut Workers>) {
    match worker {
        // Live: a real terminal and worker threads.
        Some(worker) => {
            for effect in effects {
                match effect {
                    Effect::Suspend => crate::tui::signals::suspend_self(),
                    Effect::Copy(text) => {
                        let mut out = std::io::stdout().lock();
                        let notice = copy_or_open(&text, false, &state.links, &mut out);
                        state.notice = Some(notice);
                    }
                    Effect::Open(url) => {
                        let mut out = std::io::stdout().lock();
                        let notice = copy_or_open(&url, true, &state.links, &mut out);
                        state.notice = Some(notice);
                    }
                    Effect::BuildTimeline => {
                        let version = state.live.store_version;
                        spawn_timeline(Arc::clone(&state.store), version, worker.messages.clone())
                    }
                    Effect::Reload { full } => match &worker.reload {
                        Some(reloader) => reloader.start(Arc::clone(&state.store), full),
                        None => state.live.reloading = false,
                    },
                    other => worker
                        .search
                        .run(other, &state.store, state.live.store_version),
                }
            }
        }
        // Tests and benches: no terminal to give back, searches run in place.
        None => apply_effects_now(state, effects),
    }
}

/// Draw one frame: when the reader's text only moved (and spans the full width), the terminal
/// moves the rows first and ratatui's copy of the screen is moved the same way, so the diff
/// sends only the new lines. `memo` keeps the last frame between calls.
pub fn draw<B: FrameBackend>(
    terminal: &mut Terminal<B>,
    state: &State,
    memo: &mut ScrollMemo,
) -> anyhow::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let _output = crate::tui::terminal::hold_output();
    assert!(!test_panic("render"), "test panic in the render path");
    let band = scroll_region::band(state);
    terminal.backend_mut().begin_frame();
    let drawn = shift_and_draw(terminal, state, memo, band);
    terminal.backend_mut().end_frame();
    drawn?;
    Ok(())
}

fn shift_and_draw<B: FrameBackend>(
    terminal: &mut Terminal<B>,
    state: &State,
    memo: &mut ScrollMemo,
    band: Option<Band>,
) -> Result<(), B::Error> {
    if let Some(shift) = memo.take_plan(band.as_ref()) {
        if terminal.backend_mut().shift_rows(&shift)? {
            // ratatui diffs against the previous buffer, which `swap_buffers` keeps: put the
            // shifted frame in the current one and swap.
            memo.swap_shifted(&shift, terminal.current_buffer_mut());
            terminal.swap_buffers();
        }
    }
    let frame = terminal.draw(|frame| view::draw(frame, state))?;
    memo.remember(band, frame.buffer);
    Ok(())
}

/// The loop: draw, wait, drain, update; until the state says quit.
pub fn run_loop<B: FrameBackend>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    messages: &Receiver<Message>,
    mut worker: Option<&mut Workers>,
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
    let mut memo = ScrollMemo::default();
    while !state.quit {
        if crate::tui::signals::take_repaint() {
            memo.forget();
            let _output = crate::tui::terminal::hold_output();
            // Not `Terminal::clear`: it queries the cursor position, and the answer may never
            // come. `resize` clears the screen and forgets the previous frame.
            let size = terminal.size()?;
            terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
            dirty = true;
        }
        if dirty {
            draw(terminal, state, &mut memo)?;
            dirty = false;
        }
        // Articles waiting for the search worker to let go of the store: look again soon.
        let first = if state.live.has_waiting() {
            match messages.recv_timeout(std::time::Duration::from_millis(15)) {
                Ok(message) => message,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    dirty |= flush_waiting(state, worker.as_deref_mut());
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        } else {
            let Ok(first) = messages.recv() else {
                break;
            };
            first
        };
        let mut next = Some(first);
        while let Some(message) = next.take() {
            dirty |= handle(state, message, worker.as_deref_mut());
            if state.quit {
                break;
            }
            next = messages.try_recv().ok();
        }
        dirty |= flush_waiting(state, worker.as_deref_mut());
    }
    Ok(())
}
