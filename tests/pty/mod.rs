//! A pseudo-terminal harness shared by the end-to-end tests: the real binary in a pty
//! (portable-pty), its output read by a terminal emulator (vt100). Waits are bounded polls of
//! the emulated screen, never fixed sleeps.
#![allow(dead_code)] // each test file uses part of the harness

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Generous: only an upper bound, reached when a loaded CI machine is slow to start a debug build.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for assertions on escape sequences.
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    pub fn start(command: CommandBuilder) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let child = pair.slave.spawn_command(command).expect("spawn dossier");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        p.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
            reader: Some(reader),
            _master: pair.master,
        }
    }

    /// Resize the pty (the program gets SIGWINCH) and the emulated screen with it.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        // The emulator first: whatever the program writes once it sees the new size must be
        // read at that size.
        if let (Some(r), Some(c)) = (NonZeroU16::new(rows), NonZeroU16::new(cols)) {
            self.parser.lock().unwrap().set_size(r, c);
        }
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("{text:?} never appeared; screen:\n{}", self.screen());
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Wait for the exit and for the last output to be read.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "dossier did not exit:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(20));
        };
        // The reader ends at EOF once the child is gone; give it a bounded moment.
        let deadline = Instant::now() + Duration::from_secs(2);
        while self.reader.as_ref().is_some_and(|r| !r.is_finished()) && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(10));
        }
        status
    }
}

pub fn dossier(args: &[&str]) -> CommandBuilder {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_dossier"));
    command.args(args);
    command.env("TERM", "xterm-256color");
    command.env_remove("NO_COLOR");
    isolate(&mut command, &fresh_home());
    command
}

/// A new, empty folder for one run's configuration and saved state, so runs never see each
/// other's (or the user's) state.
pub fn fresh_home() -> std::path::PathBuf {
    static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("home-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("test home");
    dir
}

/// Point the XDG configuration and state folders at `home`.
pub fn isolate(command: &mut CommandBuilder, home: &std::path::Path) {
    command.env("XDG_CONFIG_HOME", home.join("config"));
    command.env("XDG_STATE_HOME", home.join("state"));
}

/// The same, as a shell prefix (`XDG_CONFIG_HOME=… XDG_STATE_HOME=… `) for tmux commands.
pub fn isolated_prefix(home: &std::path::Path) -> String {
    format!(
        "XDG_CONFIG_HOME='{}' XDG_STATE_HOME='{}' ",
        home.join("config").display(),
        home.join("state").display()
    )
}

impl Session {
    /// Process id of the program in the pty.
    pub fn pid(&self) -> i32 {
        self.child
            .process_id()
            .and_then(|pid| i32::try_from(pid).ok())
            .expect("child pid")
    }

    /// Whether the terminal was given back: main screen, cursor visible.
    pub fn restored(&self) -> bool {
        let parser = self.parser.lock().unwrap();
        !parser.screen().alternate_screen() && !parser.screen().hide_cursor()
    }
}
