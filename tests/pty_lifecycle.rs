//! Every way the reader can end or pause gives the terminal back: signals, panics in the render
//! path and in the search worker, a hung-up terminal with SIGHUP ignored, Ctrl-Z and `fg`.

mod pty;

use pty::{dossier, Session, TIMEOUT};
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

fn started() -> Session {
    let session = Session::start(dossier(&[]));
    session.wait_for("? help  / search  t timeline  q quit");
    session
}

fn kill(pid: i32, signal: i32) {
    // SAFETY: kill(2) has no memory-safety preconditions.
    let rc = unsafe { libc::kill(pid, signal) };
    assert_eq!(rc, 0, "kill({pid}, {signal})");
}

#[test]
fn sigterm_exits_143_with_the_terminal_restored() {
    let mut session = started();
    kill(session.pid(), libc::SIGTERM);
    let status = session.wait_exit();
    assert_eq!(status.exit_code(), 143);
    assert!(session.restored(), "screen:\n{}", session.screen());
}

#[test]
fn sighup_exits_129_with_the_terminal_restored() {
    let mut session = started();
    kill(session.pid(), libc::SIGHUP);
    let status = session.wait_exit();
    assert_eq!(status.exit_code(), 129);
    assert!(session.restored());
}

#[test]
fn sigint_and_sigquit_exit_with_their_numbers() {
    for (signal, code) in [(libc::SIGINT, 130), (libc::SIGQUIT, 131)] {
        let mut session = started();
        kill(session.pid(), signal);
        let status = session.wait_exit();
        assert_eq!(status.exit_code(), code, "signal {signal}");
        assert!(session.restored(), "signal {signal}");
    }
}

#[test]
fn a_panic_in_the_render_path_restores_the_terminal() {
    let mut command = dossier(&[]);
    command.env("DOSSIER_TEST_PANIC", "render");
    // A backtrace would scroll the message off the 24 rows.
    command.env("RUST_BACKTRACE", "0");
    let mut session = Session::start(command);
    let status = session.wait_exit();
    assert_eq!(status.exit_code(), 101);
    assert!(session.restored());
    let screen = session.screen();
    assert!(screen.contains("test panic in the render path"), "{screen}");
}

#[test]
fn a_panic_in_the_search_worker_restores_the_terminal_and_exits() {
    let mut command = dossier(&[]);
    command.env("DOSSIER_TEST_PANIC", "worker");
    command.env("RUST_BACKTRACE", "0");
    let mut session = Session::start(command);
    session.wait_for("t timeline");
    session.send(b"/o");
    let status = session.wait_exit();
    assert_eq!(status.exit_code(), 101);
    assert!(session.restored());
    let screen = session.screen();
    assert!(
        screen.contains("test panic in the search worker"),
        "{screen}"
    );
}

/// tmux on a private socket, so the tests never touch a user's sessions.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn new(name: &str) -> Option<Tmux> {
        let found = Command::new("tmux").arg("-V").output().is_ok();
        if !found {
            eprintln!("tmux is not installed: skipping");
            return None;
        }
        Some(Tmux {
            socket: format!("dossier-test-{name}-{}", std::process::id()),
        })
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "t"])
    }

    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(30));
        }
        panic!("{text:?} never appeared; screen:\n{}", self.screen());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

/// utime + stime of a process, in clock ticks, while it exists.
fn cpu_ticks(pid: &str) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

fn process_state(pid: &str) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

#[test]
fn a_dropped_terminal_with_sighup_ignored_exits_quickly_without_spinning() {
    let Some(tmux) = Tmux::new("hup") else {
        return;
    };
    let script = format!(
        "trap '' HUP; {}exec '{}'",
        pty::isolated_prefix(&pty::fresh_home()),
        env!("CARGO_BIN_EXE_dossier")
    );
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "80",
        "-y",
        "24",
        "sh",
        "-c",
        &script,
    ]);
    tmux.wait_for("t timeline");
    let pid = tmux
        .run(&["display-message", "-p", "-t", "t", "#{pane_pid}"])
        .trim()
        .to_string();
    assert!(cpu_ticks(&pid).is_some(), "dossier is running as {pid}");
    // Closing the window closes the pty master: what a dropped SSH link does.
    let dropped = Instant::now();
    tmux.run(&["kill-server"]);
    let mut ticks = 0;
    loop {
        match (cpu_ticks(&pid), process_state(&pid)) {
            (Some(t), Some(state)) if state != 'Z' => ticks = t,
            (Some(t), _) => {
                ticks = t;
                break;
            }
            _ => break,
        }
        assert!(
            dropped.elapsed() < Duration::from_secs(2),
            "still running 2 s after the hang-up"
        );
        thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: sysconf has no preconditions.
    let ticks_per_second = u64::try_from(unsafe { libc::sysconf(libc::_SC_CLK_TCK) })
        .unwrap_or(100)
        .max(1);
    let cpu = Duration::from_millis(ticks * 1000 / ticks_per_second);
    assert!(cpu < Duration::from_millis(500), "used {cpu:?} of CPU");
}

#[test]
fn ctrl_z_stops_the_reader_and_fg_redraws_it() {
    let Some(tmux) = Tmux::new("tstp") else {
        return;
    };
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "80",
        "-y",
        "24",
        "bash",
        "--norc",
        "-i",
    ]);
    let start = format!(
        "PS1='$ '; {}'{}'",
        pty::isolated_prefix(&pty::fresh_home()),
        env!("CARGO_BIN_EXE_dossier")
    );
    tmux.run(&["send-keys", "-t", "t", &start, "Enter"]);
    tmux.wait_for("t timeline");
    tmux.run(&["send-keys", "-t", "t", "t"]);
    tmux.wait_for("Timeline");
    tmux.run(&["send-keys", "-t", "t", "C-z"]);
    tmux.wait_for("Stopped");
    assert!(!tmux.screen().contains("Timeline"), "main screen is back");
    tmux.run(&["send-keys", "-t", "t", "fg", "Enter"]);
    // The whole screen is drawn again, in the view that was open.
    tmux.wait_for("Timeline");
    tmux.run(&["send-keys", "-t", "t", "t"]);
    tmux.wait_for("Articles 5");
    tmux.run(&["send-keys", "-t", "t", "q"]);
    // Type the next command only once the reader has let go of the terminal, or it would
    // read the keys itself.
    let deadline = Instant::now() + TIMEOUT;
    while tmux
        .run(&["display-message", "-p", "-t", "t", "#{alternate_on}"])
        .trim()
        != "0"
    {
        assert!(Instant::now() < deadline, "still on the alternate screen");
        thread::sleep(Duration::from_millis(30));
    }
    thread::sleep(Duration::from_millis(100));
    tmux.run(&["send-keys", "-t", "t", "echo rc=$?", "Enter"]);
    tmux.wait_for("rc=0");
}

#[test]
fn kill_tstp_gives_the_terminal_back_and_cont_takes_it_again() {
    let mut session = started();
    let pid = session.pid();
    kill(pid, libc::SIGTSTP);
    let deadline = Instant::now() + TIMEOUT;
    while process_state(&pid.to_string()) != Some('T') {
        assert!(Instant::now() < deadline, "dossier did not stop");
        thread::sleep(Duration::from_millis(20));
    }
    // The restore was written before the stop; give the pty reader a moment to see it.
    let deadline = Instant::now() + TIMEOUT;
    while !session.restored() {
        assert!(
            Instant::now() < deadline,
            "stopped with the terminal given back"
        );
        thread::sleep(Duration::from_millis(20));
    }
    kill(pid, libc::SIGCONT);
    let deadline = Instant::now() + TIMEOUT;
    while !session.parser.lock().unwrap().screen().alternate_screen() {
        assert!(
            Instant::now() < deadline,
            "dossier did not take the terminal back"
        );
        thread::sleep(Duration::from_millis(20));
    }
    session.wait_for("t timeline");
    session.send(b"q");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(session.restored());
}
