//! The ways a reader can be ended or paused from outside: signals (SIGTERM, SIGHUP, SIGINT,
//! SIGQUIT, SIGTSTP) and a terminal that hangs up (a dropped SSH link). Each one restores the
//! terminal first, so the shell the user comes back to is usable.

use crate::tui::run::Message;
use crate::tui::terminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::thread;
use std::time::Duration;

/// Set when the terminal was given back and taken again: the next frame repaints everything.
static REPAINT: AtomicBool = AtomicBool::new(false);

/// Whether the whole screen must be repainted (and forget that it must).
pub fn take_repaint() -> bool {
    REPAINT.swap(false, Ordering::SeqCst)
}

/// How often the hang-up watchdog wakes when nothing happens.
const WATCHDOG_PERIOD: Duration = Duration::from_millis(500);

/// Handle termination and stop signals on a thread of their own.
///
/// Termination (TERM, HUP, INT, QUIT) restores the terminal and exits with 128 + the signal
/// number, as a shell reports it. A stop (`kill -TSTP`, or Ctrl-Z via [`suspend_self`]) restores
/// the terminal, stops for real, and on `fg` takes the terminal back and asks the loop to repaint.
pub fn install(messages: Sender<Message>) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                // Held from before the restore until the terminal is ours again (or the
                // process ends), so no frame is half-written or drawn on the main screen.
                let _output = terminal::hold_output();
                if signal == SIGTSTP {
                    let was_active = terminal::is_active();
                    terminal::restore();
                    // Stop as the default action would (SIGSTOP); this returns on SIGCONT.
                    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                    if was_active && terminal::reenter().is_ok() {
                        REPAINT.store(true, Ordering::SeqCst);
                        let _ = messages.send(Message::Redraw);
                    }
                } else {
                    terminal::restore();
                    std::process::exit(128 + signal);
                }
            }
        })?;
    Ok(())
}

/// Ctrl-Z in raw mode arrives as a key, not a signal. Stop right here on the loop's thread, so
/// no frame can be drawn between giving the terminal back and stopping: restore, stop, and on
/// `fg` take the terminal back; the loop repaints before its next frame.
pub fn suspend_self() {
    terminal::restore();
    // SAFETY: raise(3) has no memory-safety preconditions. SIGSTOP cannot be caught, so this
    // returns only once the job is continued.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    if terminal::reenter().is_ok() {
        REPAINT.store(true, Ordering::SeqCst);
    }
}

/// Watch the terminal for a hang-up. When the SSH link drops and SIGHUP is ignored (`nohup`,
/// `trap '' HUP`), reads fail forever and an input loop would spin; instead, exit as SIGHUP
/// would. `poll` asks for no read events, so the watchdog never steals a key.
pub fn spawn_hangup_watchdog() {
    let Some(tty) = TerminalFd::open() else {
        return;
    };
    let _ = thread::Builder::new()
        .name("tty-watchdog".into())
        .spawn(move || loop {
            if tty.hung_up(WATCHDOG_PERIOD) {
                terminal::restore();
                std::process::exit(128 + SIGHUP);
            }
        });
}

/// The file descriptor of the controlling terminal we draw on.
enum TerminalFd {
    Stdout,
    Stdin,
    DevTty(std::fs::File),
}

impl TerminalFd {
    fn open() -> Option<TerminalFd> {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() {
            Some(TerminalFd::Stdout)
        } else if std::io::stdin().is_terminal() {
            Some(TerminalFd::Stdin)
        } else {
            std::fs::File::open("/dev/tty").ok().map(TerminalFd::DevTty)
        }
    }

    fn raw(&self) -> i32 {
        match self {
            TerminalFd::Stdout => std::io::stdout().as_raw_fd(),
            TerminalFd::Stdin => std::io::stdin().as_raw_fd(),
            TerminalFd::DevTty(file) => file.as_raw_fd(),
        }
    }

    /// Wait up to `period` for the terminal to report a hang-up or an error.
    fn hung_up(&self, period: Duration) -> bool {
        let mut fd = libc::pollfd {
            fd: self.raw(),
            events: 0,
            revents: 0,
        };
        let timeout = i32::try_from(period.as_millis()).unwrap_or(i32::MAX);
        // SAFETY: one valid, initialised pollfd, and nfds = 1 matches it.
        let ready = unsafe { libc::poll(&mut fd, 1, timeout) };
        if ready < 0 {
            let interrupted =
                std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted;
            if !interrupted {
                // poll itself failed: do not spin on it.
                thread::sleep(period);
            }
            return false;
        }
        ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }
}
