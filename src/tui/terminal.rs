//! Terminal lifecycle: enter raw mode + alternate screen, and one idempotent `restore()` used by
//! every exit path (normal return, the Drop guard, the panic hook).

use crossterm::cursor::Show;
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};

/// Whether the terminal is in our state (raw, alternate screen) and needs restoring.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether mouse reporting was asked for (`--mouse`): restore turns it off, `fg` turns it on.
static MOUSE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();
/// Held while the reader writes to the terminal (a frame, a repaint). A worker thread's panic
/// takes it before restoring and keeps it until the process exits, so the frame in flight is
/// finished first and no frame is drawn over the panic message after it.
static OUTPUT: Mutex<()> = Mutex::new(());

/// Hold the terminal's output for one write (see `OUTPUT`). A panic while it was held (the
/// render path's own) does not stop the next holder.
pub fn hold_output() -> MutexGuard<'static, ()> {
    OUTPUT.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Put the terminal back: raw mode off, main screen, cursor shown. Safe to call any number of
/// times from any path; only the first call after `enter` does anything.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = crossterm::execute!(out, crossterm::event::DisableMouseCapture);
    }
    let _ = crossterm::execute!(out, crossterm::event::DisableBracketedPaste);
    let _ = crossterm::execute!(out, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Whether the terminal is currently in the reader's state (raw mode, alternate screen).
pub fn is_active() -> bool {
    ACTIVE.load(Ordering::SeqCst)
}

/// Take the terminal back after a stop (`fg`): raw mode and the alternate screen again.
/// The caller repaints the whole screen.
pub fn reenter() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    crossterm::execute!(out, EnterAlternateScreen, crossterm::cursor::Hide)?;
    if MOUSE.load(Ordering::SeqCst) {
        crossterm::execute!(out, crossterm::event::EnableMouseCapture)?;
    }
    Ok(())
}

/// Restores the terminal when dropped (early returns, `?`).
#[derive(Debug)]
pub struct TerminalGuard {
    _private: (),
}

impl TerminalGuard {
    /// Enter raw mode and the alternate screen (and mouse reporting when `mouse`); install the
    /// panic hook (once) so a panic restores the terminal before the default hook prints the
    /// message.
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                // The main thread may panic while it holds the output (in the render path):
                // it restores at once and unwinds (exiting 101) by itself.
                if std::thread::current().name() == Some("main") {
                    restore();
                    previous(info);
                    return;
                }
                // A worker thread's panic: wait for the frame in flight, give the terminal
                // back, and end the whole program while still holding the output, so the
                // loop never draws on the restored terminal.
                let _output = hold_output();
                restore();
                previous(info);
                std::process::exit(101);
            }));
        });
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let mut out = io::stdout();
        if let Err(err) = crossterm::execute!(
            out,
            EnterAlternateScreen,
            crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
        ) {
            restore();
            return Err(err);
        }
        if mouse {
            MOUSE.store(true, Ordering::SeqCst);
            if let Err(err) = crossterm::execute!(out, crossterm::event::EnableMouseCapture) {
                restore();
                return Err(err);
            }
        }
        Ok(TerminalGuard { _private: () })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}
